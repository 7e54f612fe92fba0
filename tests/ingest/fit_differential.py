"""Comparing runlift's fast reader with the reference path (fitparse, then Garmin's SDK).

Used by the differential tests: the corpus test (slow) and the property tests (fast).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from runlift_sync.errors import FastDecodeUnsupported
from runlift_sync.fit.decode import DecodedFit, decode_reference
from runlift_sync.fit.fast_reader import FastRead, read_fast
from runlift_sync.fit.fitparse_reader import read_fitparse
from runlift_sync.fit.messages import resolve_timestamp_16
from runlift_sync.fit.tables import build_tables

#: fitparse's own crashes (not a verdict on the bytes), e.g. units read as an array
FITPARSE_CRASHES = ("TypeError",)

#: Row limits that send every group through columns (0) or message by message (huge).
ROW_LIMITS = (0, 10**9)


@dataclass
class Comparison:
    """What comparing one file found, and how much was compared."""

    read_fast: bool = False
    fallback_reason: str | None = None
    crc_warning: bool = False
    #: fitparse crashed part-way (its bug): only the messages before the crash were compared
    compared_prefix: int | None = None
    tables: int = 0
    rows: int = 0
    values: int = 0
    differences: list[str] = field(default_factory=list)


def table_differences(name: str, want: pa.Table, got: pa.Table) -> list[str]:
    """Every column of every row, nulls and floats included (exact equality)."""
    if want.schema != got.schema:
        return [f"{name}: schema {got.schema} instead of {want.schema}"]
    if want.num_rows != got.num_rows:
        return [f"{name}: {got.num_rows} rows instead of {want.num_rows}"]
    if want.equals(got):
        return []
    problems = []
    for column in want.column_names:
        a, b = want.column(column).to_pylist(), got.column(column).to_pylist()
        rows = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if rows:
            i = rows[0]
            problems.append(
                f"{name}.{column}: {len(rows)} rows differ, first row {i}: "
                f"{b[i]!r} instead of {a[i]!r}"
            )
    return problems


def compare_tables(
    want: dict[str, pa.Table], got: dict[str, pa.Table], result: Comparison, label: str
) -> None:
    if sorted(want) != sorted(got):
        result.differences.append(f"{label}: tables {sorted(got)} instead of {sorted(want)}")
    for name, table in want.items():
        if name in got:
            result.differences += [
                f"{label}: {p}" for p in table_differences(name, table, got[name])
            ]


def compare_file(data: bytes) -> Comparison:
    """The fast reader (by columns, and message by message) against the reference path."""
    result = Comparison()
    try:
        reference: DecodedFit | Exception = decode_reference(data)
    except Exception as exc:  # DecodeError, or fitparse crashing on a damaged file
        reference = exc
    fast: dict[int, FastRead] = {}
    try:
        for limit in ROW_LIMITS:
            fast[limit] = read_fast(data, row_limit=limit)
    except FastDecodeUnsupported as exc:
        result.fallback_reason = str(exc)
        return result
    result.read_fast = True
    first = fast[ROW_LIMITS[0]]
    result.crc_warning = any("CRC mismatch" in w for w in first.warnings)
    if result.crc_warning:
        # a CRC mismatch is a warning: the yardstick is fitparse reading past it
        prefix = _fitparse_crash_prefix(data)
        if prefix is not None:
            result.compared_prefix = prefix[0]
            compare_prefix(prefix, fast, result)
            return result
        reference = decode_reference(data, check_crc=False)
    if isinstance(reference, Exception):
        result.differences.append(f"the reference refuses it ({reference!r}); runlift reads it")
        return result
    if reference.status != "loaded":
        result.differences.append(f"reference is {reference.status}: {reference.reason}")
    if reference.reader != "fitparse":
        result.differences.append(f"reference read by {reference.reader}")
    for limit, got in fast.items():
        label = "columns" if limit == 0 else "rows"
        compare_tables(reference.tables, got.tables, result, label)
        if got.n_messages != reference.n_messages:
            result.differences.append(
                f"{label}: {got.n_messages} messages instead of {reference.n_messages}"
            )
    result.tables = len(reference.tables)
    result.rows = sum(t.num_rows for t in reference.tables.values())
    result.values = sum(t.num_rows * t.num_columns for t in reference.tables.values())
    return result


def _fitparse_crash_prefix(data: bytes) -> tuple[int, dict[str, pa.Table]] | None:
    """When fitparse crashes part-way (its bug, not the file's): the messages it read first."""
    read = read_fitparse(data, check_crc=False)
    if read.complete or not (read.error or "").startswith(FITPARSE_CRASHES):
        return None
    resolve_timestamp_16(read.messages)
    return len(read.messages), build_tables(read.messages)


def compare_prefix(
    prefix: tuple[int, dict[str, pa.Table]], fast: dict[int, FastRead], result: Comparison
) -> None:
    """The fast reader's first n messages against the n fitparse read before crashing."""
    n, want = prefix
    for limit, got in fast.items():
        label = "columns" if limit == 0 else "rows"
        cut = {}
        for name, table in got.tables.items():
            kept = table.filter(pc.less(table.column("msg_index"), n))
            if kept.num_rows:
                cut[name] = kept
        compare_tables(want, cut, result, f"{label} (first {n} messages)")
    result.tables = len(want)
    result.rows = sum(t.num_rows for t in want.values())
    result.values = sum(t.num_rows * t.num_columns for t in want.values())
