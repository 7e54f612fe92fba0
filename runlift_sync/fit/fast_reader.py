"""runlift's own FIT reader: bytes → raw tables without per-message objects (the fast path).

scan (headers, definitions, offsets) → column_decode (all messages of a layout at once) →
table_assembly (the raw_* Arrow tables). Raises FastDecodeUnsupported for anything it does
not read exactly as the reference path does; `decode_fit` then uses the reference path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from runlift_sync.fit.column_decode import decode_columns, needs_columns
from runlift_sync.fit.message_scan import scan
from runlift_sync.fit.row_decode import decode_rows
from runlift_sync.fit.table_assembly import build_file_tables
from runlift_sync.fit.timestamp_order import resolve_order

READER = "runlift"
#: Groups with fewer messages than this are decoded message by message.
ROW_LIMIT = 128


@dataclass
class FastRead:
    """What the fast reader got out of a whole file."""

    tables: dict[str, pa.Table]
    file_id: dict[str, Any] | None  # the fields of the first file_id message
    n_messages: int
    warnings: list[str]


def read_fast(data: bytes, *, row_limit: int = ROW_LIMIT) -> FastRead:
    """Decode a whole FIT file (chained files included); see the module docstring.

    `row_limit`: groups smaller than this go message by message (0: all by columns).
    """
    structure = scan(data)
    by_columns = needs_columns(structure)
    big = [g for g in structure.groups if g.n and (by_columns or g.n >= row_limit)]
    small = [g for g in structure.groups if g.n and not (by_columns or g.n >= row_limit)]
    columns = decode_columns(structure, big)
    rows = [decode_rows(data, g) for g in small]
    resolve_order(structure.n_messages, columns, rows)
    file_id: dict[str, Any] | None = None
    first_index = structure.n_messages
    for g in columns:
        if g.plan.message == "file_id" and g.indices[0] < first_index:
            first_index, file_id = int(g.indices[0]), g.row(0)
    for r in rows:
        if r.plan.message == "file_id" and r.indices[0] < first_index:
            first_index, file_id = r.indices[0], r.fields[0]
    return FastRead(
        tables=build_file_tables(columns, rows),
        file_id=file_id,
        n_messages=structure.n_messages,
        warnings=structure.warnings,
    )
