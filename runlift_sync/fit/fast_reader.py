"""runlift's own FIT reader: bytes → raw tables without per-message objects (the fast path).

scan (headers, definitions, offsets) → column_decode (all messages of a layout at once) →
table_assembly (the raw_* Arrow tables). Raises FastDecodeUnsupported for anything it does
not read exactly as the reference path does; `decode_fit` then uses the reference path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from runlift_sync.fit.column_decode import decode_columns
from runlift_sync.fit.message_scan import scan
from runlift_sync.fit.table_assembly import build_file_tables

READER = "runlift"


@dataclass
class FastRead:
    """What the fast reader got out of a whole file."""

    tables: dict[str, pa.Table]
    file_id: dict[str, Any] | None  # the fields of the first file_id message
    n_messages: int
    warnings: list[str]


def read_fast(data: bytes) -> FastRead:
    """Decode a whole FIT file (chained files included); see the module docstring."""
    structure = scan(data)
    groups = decode_columns(structure)
    file_id: dict[str, Any] | None = None
    first = None
    for g in groups:
        if g.plan.message == "file_id" and (first is None or g.indices[0] < first.indices[0]):
            first = g
    if first is not None:
        file_id = first.row(0)
    return FastRead(
        tables=build_file_tables(groups),
        file_id=file_id,
        n_messages=structure.n_messages,
        warnings=structure.warnings,
    )
