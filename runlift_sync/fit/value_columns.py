"""A column of decoded values (one per data message of a layout) and what can be done with it.

Four kinds: `int` and `float` (numpy numbers), `stamp` (whole seconds since the FIT epoch,
standing for naive UTC datetimes), and `obj` (any Python values: enum names, lists, times,
mixed types). A `valid` mask says which rows hold a value at all. Numbers and stamps are
handled vectorised; `obj` columns go value by value through the very functions the reference
path uses, so both agree by construction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc

from runlift_sync.fit.sdk_profile import FIT_EPOCH_NAIVE, FIT_EPOCH_UNIX_S

ColKind = Literal["int", "float", "stamp", "obj"]

JSON_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS | orjson.OPT_NAIVE_UTC
_FIT_EPOCH_NP = np.datetime64(FIT_EPOCH_NAIVE, "s")
_US = 1_000_000


def json_default(value: Any) -> Any:
    return str(value)


def dumps(value: Any) -> str:
    return orjson.dumps(value, default=json_default, option=JSON_OPTIONS).decode()


@dataclass
class Col:
    """Values of one named field over the rows of a group (`valid`: the row holds one)."""

    kind: ColKind
    values: np.ndarray
    valid: np.ndarray

    @property
    def n(self) -> int:
        return len(self.valid)

    @classmethod
    def empty(cls, n: int) -> Col:
        return cls("obj", np.full(n, None, dtype=object), np.zeros(n, dtype=bool))

    @classmethod
    def of_objects(cls, values: list[Any]) -> Col:
        array = np.empty(len(values), dtype=object)
        array[:] = values
        valid = np.fromiter((v is not None for v in values), dtype=bool, count=len(values))
        return cls("obj", array, valid)

    def objects(self) -> np.ndarray:
        """The Python values (None where not valid), as the reference path holds them."""
        out = np.full(self.n, None, dtype=object)
        if not self.valid.any():
            return out
        if self.kind == "obj":
            out[self.valid] = self.values[self.valid]
        elif self.kind == "stamp":
            stamps = (_FIT_EPOCH_NP + self.values[self.valid].astype("timedelta64[s]")).astype(
                "datetime64[us]"
            )
            out[self.valid] = stamps.astype(object)
        else:
            picked = self.values[self.valid].tolist()
            holder = np.empty(len(picked), dtype=object)
            holder[:] = picked
            out[self.valid] = holder
        return out

    def with_valid(self, mask: np.ndarray) -> Col:
        return Col(self.kind, self.values, self.valid & mask)

    def take(self, rows: np.ndarray) -> Col:
        return Col(self.kind, self.values[rows], self.valid[rows])


def first_valid(cols: list[Col]) -> Col:
    """Row by row, the value of the first column that holds one."""
    if len(cols) == 1:
        return cols[0]
    kinds = {c.kind for c in cols}
    kind: ColKind
    if len(kinds) == 1:
        kind = cols[0].kind
        values = cols[-1].values.copy()
        for col in reversed(cols[:-1]):
            values = np.where(col.valid, col.values, values)
    else:  # mixed kinds (an int beside a float is a different Python value): go by objects
        kind = "obj"
        values = cols[-1].objects()
        for col in reversed(cols[:-1]):
            values = np.where(col.valid, col.objects(), values)
    valid = np.zeros(cols[0].n, dtype=bool)
    for col in cols:
        valid |= col.valid
    return Col(kind, values, valid)


def last_valid(cols: list[Col]) -> Col:
    """Row by row, the value of the last column that holds one."""
    return first_valid(list(reversed(cols)))


def map_distinct(col: Col, convert: Callable[[Any], Any]) -> Col:
    """Apply a Python function once per distinct value; None results leave the row empty."""
    n = col.n
    rows = np.flatnonzero(col.valid)
    if col.kind == "obj":
        source = col.values[rows]
        cache: dict[Any, Any] = {}
        results: list[Any] = []
        for value in source:
            try:
                results.append(cache[value])
            except KeyError:
                cache[value] = out = convert(value)
                results.append(out)
            except TypeError:  # unhashable (a list)
                results.append(convert(value))
    else:
        source_values = col.values[rows]
        if col.kind == "stamp":
            return map_distinct(Col("obj", col.objects(), col.valid), convert)
        uniques, inverse = np.unique(source_values, return_inverse=True)
        converted = [convert(u) for u in uniques.tolist()]
        holder = np.empty(len(converted), dtype=object)
        holder[:] = converted
        results_array = holder[inverse]
        out = np.full(n, None, dtype=object)
        out[rows] = results_array
        valid = np.zeros(n, dtype=bool)
        valid[rows] = np.array([v is not None for v in converted], dtype=bool)[inverse]
        return Col("obj", out, valid)
    out = np.full(n, None, dtype=object)
    holder = np.empty(len(results), dtype=object)
    holder[:] = results
    out[rows] = holder
    valid = np.zeros(n, dtype=bool)
    valid[rows] = np.fromiter((v is not None for v in results), dtype=bool, count=len(results))
    return Col("obj", out, valid)


def same_values(a: Col, b: Col, rows: np.ndarray) -> np.ndarray:
    """Python `==` of the values of two columns on `rows` (a bool mask)."""
    result = np.zeros(a.n, dtype=bool)
    if not rows.any():
        return result
    if a.kind in ("int", "float") and b.kind in ("int", "float"):
        result[rows] = a.values[rows] == b.values[rows]
    elif a.kind == "stamp" and b.kind == "stamp":
        result[rows] = a.values[rows] == b.values[rows]
    else:
        left, right = a.objects()[rows], b.objects()[rows]
        result[rows] = [x == y for x, y in zip(left, right, strict=True)]
    return result


# ---- JSON ---------------------------------------------------------------------------------------


def json_texts(col: Col, rows: np.ndarray) -> list[str]:
    """orjson's rendering of the values on `rows` (a bool mask), as `tables._json` gives it."""
    picked = col.values[rows]
    if col.kind == "int":
        return pa.array(picked).cast(pa.string()).to_pylist()  # type: ignore[no-any-return]
    if col.kind == "float":
        text = orjson.dumps(picked.astype(np.float64), option=orjson.OPT_SERIALIZE_NUMPY)
        return text[1:-1].decode().split(",") if len(picked) else []
    if col.kind == "stamp":
        stamps = _FIT_EPOCH_NP + picked.astype("timedelta64[s]")
        return ['"' + s + '+00:00"' for s in np.datetime_as_string(stamps, unit="s").tolist()]
    cache: dict[Any, str] = {}
    texts: list[str] = []
    for value in picked:
        try:
            texts.append(cache[value])
        except KeyError:
            cache[value] = text_value = dumps(value)
            texts.append(text_value)
        except TypeError:
            texts.append(dumps(value))
    return texts


def json_objects(columns: dict[str, tuple[Col, np.ndarray]], n: int) -> pa.Array:
    """One JSON object per row from named columns (`present` masks), keys sorted; {} → null."""
    parts: list[pa.Array] = []
    any_present = np.zeros(n, dtype=bool)
    for name in sorted(columns):
        col, present = columns[name]
        if not present.any():
            continue
        any_present |= present
        texts = pa.array(json_texts(col, present), pa.string())
        positions = np.zeros(n, dtype=np.int64)
        positions[present] = np.arange(len(texts))
        spread = texts.take(pa.array(positions, mask=~present))
        keyed = pc.binary_join_element_wise(dumps(name) + ":", spread, ",", "")
        parts.append(pc.fill_null(keyed, ""))
    if not parts:
        return pa.nulls(n, pa.string())
    # (pyarrow 26 drops all-null rows in binary_join_element_wise(null_handling="skip"):
    # every part ends with a comma instead, and the last one is trimmed)
    joined = pc.utf8_rtrim(pc.binary_join_element_wise(*parts, ""), ",")
    wrapped = pc.binary_join_element_wise("{", joined, "}", "")
    return pc.if_else(pa.array(any_present), wrapped, pa.scalar(None, pa.string()))


# ---- stamps -------------------------------------------------------------------------------------


def stamp_micros(seconds: np.ndarray) -> np.ndarray:
    """FIT seconds → microseconds since the Unix epoch (Arrow timestamp[us])."""
    return (seconds.astype(np.int64) + FIT_EPOCH_UNIX_S) * _US


def datetime_seconds(value: dt.datetime) -> int:
    """A naive UTC datetime → whole seconds since the FIT epoch."""
    return int((value - FIT_EPOCH_NAIVE).total_seconds())
