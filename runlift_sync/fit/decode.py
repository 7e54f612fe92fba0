"""The decoder seam: FIT bytes in, runlift's raw tables out — or a DecodeError to quarantine.

runlift's own fast reader (`fast_reader`: vectorised, tables built from columns) reads first;
its tables equal the reference path's, value for value (a differential test over the whole
corpus checks it), and a CRC mismatch is only a warning. When it cannot read a file (damage,
an unusual layout), the reference path does, exactly as before: fitparse, and when fitparse
stops early, Garmin's own decoder, the reader that recovered more winning: a file fitparse
rejects but the SDK reads whole loads whole; a truncated or damaged file keeps what decoded
before the break and is marked partial with the reason. Only a file with nothing recoverable
raises DecodeError. `DecodedFit.reader` says which reader read the file.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import pyarrow as pa

from runlift_sync.errors import DecodeError, FastDecodeUnsupported
from runlift_sync.fit.fast_reader import READER, read_fast
from runlift_sync.fit.fitparse_reader import read_fitparse
from runlift_sync.fit.messages import Message, ReadResult, resolve_timestamp_16
from runlift_sync.fit.sdk_reader import read_sdk
from runlift_sync.fit.tables import build_tables

if TYPE_CHECKING:
    import polars as pl

log = logging.getLogger(__name__)

FIT_MAGIC = b".FIT"


@dataclass(frozen=True)
class FileIdentity:
    """What makes two different byte streams the same recording (FIT file_id)."""

    file_type: str | None
    manufacturer: str | None
    product_name: str | None
    serial_number: int | None
    time_created_utc: dt.datetime | None

    @property
    def key(self) -> str | None:
        """`serial/time_created/type`, or None when the file does not identify itself."""
        if self.serial_number is None or self.time_created_utc is None:
            return None
        return f"{self.serial_number}/{self.time_created_utc.isoformat()}/{self.file_type}"


@dataclass
class DecodedFit:
    """A decoded file: its raw tables, and how complete the decoding was."""

    tables: dict[str, pa.Table]
    identity: FileIdentity
    status: Literal["loaded", "partial"]
    reader: str
    n_messages: int
    reason: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def n_records(self) -> int:
        table = self.tables.get("raw_record")
        return 0 if table is None else table.num_rows

    def frame(self, name: str) -> pl.DataFrame:
        """One raw table as a polars DataFrame (for inspection and tests)."""
        import polars as pl  # not at import: decoding workers never need polars

        frame = pl.from_arrow(self.tables[name])
        assert isinstance(frame, pl.DataFrame)
        return frame


def _identity(messages: list[Message]) -> FileIdentity:
    for message in messages:
        if message.name == "file_id":
            return identity_of(message.fields)
    return identity_of(None)


def identity_of(f: dict[str, Any] | None) -> FileIdentity:
    """The identity in a file_id message's fields (None: the file has no file_id)."""
    if f is None:
        return FileIdentity(None, None, None, None, None)
    serial = f.get("serial_number")
    created = f.get("time_created")
    product = f.get("garmin_product", f.get("favero_product", f.get("product")))
    return FileIdentity(
        file_type=None if f.get("type") is None else str(f.get("type")),
        manufacturer=None if f.get("manufacturer") is None else str(f["manufacturer"]),
        product_name=None if product is None else str(product),
        serial_number=serial if isinstance(serial, int) else None,
        time_created_utc=created if isinstance(created, dt.datetime) else None,
    )


def _choose(first: ReadResult, data: bytes) -> tuple[ReadResult, list[str]]:
    if first.complete:
        return first, []
    second = read_sdk(data)
    notes = [f"fitparse stopped: {first.error}"]
    if len(second.messages) > len(first.messages) or (
        second.complete and len(second.messages) >= len(first.messages)
    ):
        notes.append(f"read with Garmin's FIT SDK ({len(second.messages)} messages)")
        return second, notes
    if second.error:
        notes.append(f"Garmin's FIT SDK: {second.error}")
    return first, notes


def decode_fit(data: bytes, *, path: str | None = None) -> DecodedFit:
    """Decode one FIT file (chained files included) into raw tables.

    Raises DecodeError (with the byte offset where reading stopped) when nothing decodes.
    """
    if len(data) == 0:
        raise DecodeError("empty file (0 bytes)", path=path, offset=0, expected="a FIT header")
    try:
        fast = read_fast(data)
    except FastDecodeUnsupported as exc:
        decoded = decode_reference(data, path=path)
        decoded.warnings.insert(0, f"runlift's reader did not read it: {exc}")
        return decoded
    except Exception as exc:  # a bug in the fast reader must not cost the user the file
        log.warning("runlift's reader failed on %s (%r); reading it with fitparse", path, exc)
        decoded = decode_reference(data, path=path)
        decoded.warnings.insert(0, f"runlift's reader failed: {exc!r}")
        return decoded
    reason = "; ".join(fast.warnings) if fast.warnings else None
    return DecodedFit(
        tables=fast.tables,
        identity=identity_of(fast.file_id),
        status="loaded",
        reader=READER,
        n_messages=fast.n_messages,
        reason=reason,
        warnings=list(fast.warnings),
    )


def decode_reference(data: bytes, *, path: str | None = None, check_crc: bool = True) -> DecodedFit:
    """The reference path alone: fitparse, then Garmin's SDK (the fallback, and the yardstick
    of the differential tests; `check_crc=False`: fitparse reads past CRC mismatches)."""
    if len(data) == 0:
        raise DecodeError("empty file (0 bytes)", path=path, offset=0, expected="a FIT header")
    first = read_fitparse(data, check_crc=check_crc)
    chosen, notes = _choose(first, data)
    if not chosen.messages:
        if data[8:12] != FIT_MAGIC:
            raise DecodeError(
                "not a FIT file: no '.FIT' signature in the header",
                path=path,
                offset=8,
                expected="'.FIT' at bytes 8–11",
            )
        raise DecodeError(
            f"nothing decodable: {first.error}",
            path=path,
            offset=first.error_offset,
            expected="a definition or data message",
        )
    resolve_timestamp_16(chosen.messages)
    tables = build_tables(chosen.messages)
    reason: str | None = None
    status: Literal["loaded", "partial"] = "loaded"
    if not chosen.complete:
        status = "partial"
        where = f" at byte {chosen.error_offset}" if chosen.error_offset is not None else ""
        reason = (
            f"decoding stopped{where} after {len(chosen.messages)} messages "
            f"({chosen.error}); everything before the break was kept"
        )
    return DecodedFit(
        tables=tables,
        identity=_identity(chosen.messages),
        status=status,
        reader=chosen.reader,
        n_messages=len(chosen.messages),
        reason=reason,
        warnings=notes,
    )


def describe(decoded: DecodedFit) -> dict[str, Any]:
    """A small summary for logs and the CLI."""
    return {
        "status": decoded.status,
        "reader": decoded.reader,
        "messages": decoded.n_messages,
        "records": decoded.n_records,
        "tables": {name: table.num_rows for name, table in decoded.tables.items()},
    }
