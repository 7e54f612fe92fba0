"""The raw_* Arrow tables, built straight from decoded columns (no per-message objects).

Same specs and same rules as `tables.build_tables` (which builds them from messages): each
typed column takes the first of its FIT fields that holds a value its type accepts; a field
holding the same value as the chosen one counts as used; every unused field goes to `extra`
and developer fields to `developer`, as JSON with sorted keys; rows in message order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa

from runlift_sync.errors import FastDecodeUnsupported
from runlift_sync.fit import tables as spec
from runlift_sync.fit.column_decode import GroupColumns
from runlift_sync.fit.messages import Message
from runlift_sync.fit.row_decode import RowGroup
from runlift_sync.fit.value_columns import Col, json_objects, same_values, stamp_micros

_INT32 = (-(2**31), 2**31 - 1)
_INT64 = (-(2**63), 2**63 - 1)


def build_file_tables(columns: list[GroupColumns], rows: list[RowGroup]) -> dict[str, pa.Table]:
    """Every raw table with at least one row, rows in file order (like `tables.build_tables`)."""
    pieces: dict[str, list[pa.Table]] = {}
    for g in columns:
        table = spec.TABLE_BY_MESSAGE.get(g.plan.message, spec.GENERIC)
        pieces.setdefault(table.name, []).append(_group_table(g, table))
    messages: dict[str, list[tuple[Message, Any]]] = {}
    for r in rows:
        table = spec.TABLE_BY_MESSAGE.get(r.plan.message, spec.GENERIC)
        target = messages.setdefault(table.name, [])
        mesg_num, name = r.plan.layout.mesg_num, r.plan.message
        for index, fields, developer, near in zip(
            r.indices, r.fields, r.developer, r.near, strict=True
        ):
            target.append((Message(index, mesg_num, name, fields, developer), near))
    for name, items in messages.items():
        items.sort(key=lambda item: item[0].index)
        pieces.setdefault(name, []).append(spec.table_from_messages(_TABLES[name], items))
    tables: dict[str, pa.Table] = {}
    for table in spec.ALL_TABLES:
        parts = pieces.get(table.name)
        if not parts:
            continue
        whole = parts[0] if len(parts) == 1 else pa.concat_tables(parts)
        if len(parts) > 1:
            order = np.argsort(whole.column("msg_index").to_numpy(), kind="stable")
            whole = whole.take(pa.array(order))
        tables[table.name] = whole.combine_chunks()
    return tables


_TABLES = {table.name: table for table in spec.ALL_TABLES}


def _group_table(g: GroupColumns, table: spec.Table) -> pa.Table:
    schema = spec.table_schema(table)
    n = g.n
    columns: dict[str, pa.Array] = {"msg_index": pa.array(g.indices, pa.int32())}
    fields = g.fields
    used = {name: np.zeros(n, dtype=bool) for name in fields}
    if table is spec.GENERIC:
        columns["mesg_num"] = pa.array(np.full(n, g.plan.layout.mesg_num), pa.int32())
        columns["message"] = pa.array([g.plan.message] * n, pa.string())
        stamp = fields.get("timestamp")
        if stamp is not None:  # the reference keeps it out of `extra` even when not a datetime
            used["timestamp"] = stamp.valid.copy()
        if stamp is not None and stamp.kind == "stamp":
            columns["timestamp_utc"] = _stamp_array(stamp)
        elif stamp is not None:
            values = stamp.objects()
            columns["timestamp_utc"] = pa.array(
                [v if _is_datetime(v) else None for v in values], pa.timestamp("us")
            )
        else:
            columns["timestamp_utc"] = pa.nulls(n, pa.timestamp("us"))
    else:
        rows: list[dict[str, Any]] | None = None
        for column in table.columns:
            kind = spec.DUCKDB_TO_ARROW[column.dtype]
            if column.derive is not None:
                if column.derive is spec._near_timestamp:
                    assert g.near is not None
                    columns[column.name] = _stamp_array(g.near)
                elif column.derive is spec._utc_offset_s and _stamps(fields):
                    columns[column.name] = _utc_offset(fields)
                else:
                    if rows is None:
                        rows = _row_dicts(g)
                    context = spec.BuildContext()
                    columns[column.name] = spec._column(
                        [column.derive(row, context) for row in rows], kind
                    )
                continue
            convert = column.convert or spec.CONVERT_BY_TYPE.get(column.dtype, spec._text)
            columns[column.name] = _typed(column.sources, convert, kind, fields, used, n)
    extra_cols = {
        name: (col, col.valid & ~used[name]) for name, col in fields.items() if col.valid.any()
    }
    columns["extra"] = json_objects(extra_cols, n)
    columns["developer"] = json_objects(
        {name: (col, col.valid) for name, col in g.developer.items()}, n
    )
    return pa.Table.from_arrays([columns[f.name] for f in schema], schema=schema)


def _typed(
    sources: tuple[str, ...],
    convert: Callable[[Any], Any],
    kind: pa.DataType,
    fields: dict[str, Col],
    used: dict[str, np.ndarray],
    n: int,
) -> pa.Array:
    """`tables._fill_row` for one column over all rows of a group."""
    present = [(name, fields[name]) for name in sources if name in fields]
    if not present:
        return pa.nulls(n, kind)
    has = np.zeros(n, dtype=bool)
    chosen = np.full(n, -1, dtype=np.int64)
    pieces: list[tuple[np.ndarray, pa.Array]] = []
    for t, (name, col) in enumerate(present):
        earlier = col.valid & has
        for u in range(t):
            rows = earlier & (chosen == u)
            if rows.any():
                used[name] |= same_values(present[u][1], col, rows)
        trying = col.valid & ~has
        if not trying.any():
            continue
        values, ok = _convert(col, convert, kind)
        take = trying & ok
        if take.any():
            has |= take
            chosen[take] = t
            used[name] |= take
            pieces.append((take, values))
    if not pieces:
        return pa.nulls(n, kind)
    if len(pieces) == 1:
        take, values = pieces[0]
        return _masked(values, take)
    index = np.zeros(n, dtype=np.int64)
    for k, (take, _) in enumerate(pieces):
        index[take] = k
    stacked = pa.chunked_array([v for _, v in pieces]).combine_chunks()
    positions = index * n + np.arange(n)
    return _masked(stacked.take(pa.array(positions)), has)


def _masked(values: pa.Array, keep: np.ndarray) -> pa.Array:
    if keep.all():
        return values
    import pyarrow.compute as pc

    return pc.if_else(pa.array(keep), values, pa.scalar(None, values.type))


def _convert(
    col: Col, convert: Callable[[Any], Any], kind: pa.DataType
) -> tuple[pa.Array, np.ndarray]:
    """A whole column through a `tables` converter: (Arrow values of length n, accepted)."""
    n = col.n
    if col.kind in ("int", "float"):
        if convert is spec._num or convert is spec._degrees:
            values = col.values.astype(np.float64)
            if convert is spec._degrees:
                values = values * spec.SEMICIRCLE_DEG
            return pa.array(values, pa.float64()), col.valid.copy()
        if convert is spec._int and pa.types.is_integer(kind):
            values = col.values
            if col.kind == "float":
                if np.isinf(values[col.valid]).any():
                    raise FastDecodeUnsupported("an infinite value in a whole-number column")
                if (np.abs(values[col.valid]) >= 2.0**62).any():
                    return _by_value(col, convert, kind)
                values = np.rint(values).astype(np.int64)
            elif values.dtype == np.uint64:
                return _by_value(col, convert, kind)
            low, high = _INT32 if kind == pa.int32() else _INT64
            ok = col.valid & (values >= low) & (values <= high)
            fitted = np.where(ok, values, 0).astype(np.int64)
            return pa.array(fitted, kind, mask=~ok), col.valid.copy()
        if convert is spec._text and col.kind == "int":
            return pa.array(col.values).cast(pa.string()), col.valid.copy()
        if convert is spec._stamp:
            return pa.nulls(n, kind), np.zeros(n, dtype=bool)
    if col.kind == "stamp":
        if convert is spec._stamp:
            return _stamp_array(col), col.valid.copy()
        if convert in (spec._num, spec._int, spec._text, spec._degrees):
            return pa.nulls(n, kind), np.zeros(n, dtype=bool)
    return _by_value(col, convert, kind)


def _by_value(
    col: Col, convert: Callable[[Any], Any], kind: pa.DataType
) -> tuple[pa.Array, np.ndarray]:
    values = col.objects()
    converted = [None if v is None else convert(v) for v in values]
    ok = np.fromiter((v is not None for v in converted), dtype=bool, count=len(converted))
    return spec._column(converted, kind), ok


def _stamp_array(col: Col) -> pa.Array:
    micros = stamp_micros(np.where(col.valid, col.values, 0))
    return pa.array(micros, pa.timestamp("us"), mask=~col.valid)


def _stamps(fields: dict[str, Col]) -> bool:
    local, utc = fields.get("local_timestamp"), fields.get("timestamp")
    return bool(
        local is not None and utc is not None and local.kind == "stamp" and utc.kind == "stamp"
    )


def _utc_offset(fields: dict[str, Col]) -> pa.Array:
    local, utc = fields["local_timestamp"], fields["timestamp"]
    ok = local.valid & utc.valid
    return pa.array(
        np.where(ok, local.values - utc.values, 0).astype(np.int64), pa.int32(), mask=~ok
    )


def _is_datetime(value: Any) -> bool:
    import datetime as dt

    return isinstance(value, dt.datetime)


def _row_dicts(g: GroupColumns) -> list[dict[str, Any]]:
    """The fields of each message as dicts (for the few derived columns that need them)."""
    objects = {name: (col.objects(), col.valid) for name, col in g.fields.items()}
    rows: list[dict[str, Any]] = []
    for i in range(g.n):
        rows.append({name: values[i] for name, (values, valid) in objects.items() if valid[i]})
    return rows
