"""Loading decoded files: a transaction per file, deduplicated, or quarantined."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Literal

import duckdb
import polars as pl

from runlift_sync.errors import WarehouseError
from runlift_sync.fit.decode import DecodedFit
from runlift_sync.fit.tables import ALL_TABLES

log = logging.getLogger(__name__)

#: Bump when decoding changes so that quarantined files get another try.
DECODER_VERSION = "1"

Outcome = Literal[
    "loaded",
    "partial",
    "already_had",
    "duplicate",
    "quarantined",
    "already_quarantined",
    "unreadable",
]
RAW_TABLE_NAMES = tuple(t.name for t in ALL_TABLES)


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one file."""

    origin: str
    sha256: str
    outcome: Outcome
    detail: str | None = None
    n_records: int = 0
    size_bytes: int = 0


@dataclass(frozen=True)
class Incoming:
    """Where a file came from and where its original is kept."""

    athlete: str
    sha256: str
    source: str
    origin: str
    raw_path: str
    size_bytes: int


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def known_files(con: duckdb.DuckDBPyConnection, athlete: str) -> tuple[set[str], set[str]]:
    """SHA-256s already in fit_files, and those quarantined by the current decoder."""
    have = {
        r[0]
        for r in con.execute("SELECT sha256 FROM fit_files WHERE athlete = ?", [athlete]).fetchall()
    }
    refused = {
        r[0]
        for r in con.execute(
            "SELECT sha256 FROM quarantine WHERE athlete = ? AND decoder_version = ?",
            [athlete, DECODER_VERSION],
        ).fetchall()
    }
    return have, refused


def _insert_frames(con: duckdb.DuckDBPyConnection, item: Incoming, decoded: DecodedFit) -> None:
    for name, frame in decoded.tables.items():
        if name not in RAW_TABLE_NAMES:
            raise WarehouseError(f"decoder produced an unknown table {name!r}")
        rows = frame.with_columns(
            pl.lit(item.athlete).alias("athlete"), pl.lit(item.sha256).alias("file_sha256")
        )
        con.register("incoming_rows", rows)
        try:
            con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM incoming_rows")
        finally:
            con.unregister("incoming_rows")


def _delete_file_rows(con: duckdb.DuckDBPyConnection, athlete: str, sha256: str) -> None:
    for name in RAW_TABLE_NAMES:
        con.execute(f"DELETE FROM {name} WHERE athlete = ? AND file_sha256 = ?", [athlete, sha256])


def _insert_ledger(
    con: duckdb.DuckDBPyConnection,
    item: Incoming,
    decoded: DecodedFit,
    status: str,
    reason: str | None,
    duplicate_of: str | None,
) -> None:
    ident = decoded.identity
    con.execute(
        "INSERT INTO fit_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            item.athlete,
            item.sha256,
            item.source,
            item.origin,
            item.raw_path,
            item.size_bytes,
            ident.serial_number,
            ident.manufacturer,
            ident.product_name,
            ident.time_created_utc,
            ident.file_type,
            ident.key,
            status,
            reason,
            duplicate_of,
            decoded.reader,
            decoded.n_messages,
            decoded.n_records,
            utc_now(),
        ],
    )


def load_decoded(
    con: duckdb.DuckDBPyConnection, item: Incoming, decoded: DecodedFit
) -> FileOutcome:
    """Load one decoded file in one transaction; the same recording is never loaded twice.

    Same bytes → already_had. Same identity (device serial + time created + file type) as a
    loaded file → duplicate (ledger row only), unless the loaded copy is partial and this one
    is whole: then this one replaces it (the old one is marked superseded).
    """
    con.execute("BEGIN TRANSACTION")
    try:
        outcome = _load_in_transaction(con, item, decoded)
        con.execute("COMMIT")
    except (duckdb.ConversionException, duckdb.ConstraintException):
        con.execute("ROLLBACK")
        raise
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise WarehouseError(
            f"could not write {item.origin} to the warehouse: {exc}. Nothing of this file was "
            "kept; fix the cause (disk space? permissions?) and import again"
        ) from exc
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return outcome


def _load_in_transaction(
    con: duckdb.DuckDBPyConnection, item: Incoming, decoded: DecodedFit
) -> FileOutcome:
    exists = con.execute(
        "SELECT 1 FROM fit_files WHERE athlete = ? AND sha256 = ?", [item.athlete, item.sha256]
    ).fetchone()
    if exists:
        return FileOutcome(item.origin, item.sha256, "already_had", size_bytes=item.size_bytes)
    key = decoded.identity.key
    same = None
    if key is not None:
        same = con.execute(
            "SELECT sha256, status FROM fit_files WHERE athlete = ? AND identity_key = ? "
            "AND status IN ('loaded', 'partial') ORDER BY imported_at LIMIT 1",
            [item.athlete, key],
        ).fetchone()
    if same is not None:
        other_sha, other_status = same
        if not (other_status == "partial" and decoded.status == "loaded"):
            reason = f"same recording ({key}) already loaded from {other_sha[:12]}…"
            _insert_ledger(con, item, decoded, "duplicate", reason, other_sha)
            return FileOutcome(item.origin, item.sha256, "duplicate", reason, 0, item.size_bytes)
        _delete_file_rows(con, item.athlete, other_sha)
        con.execute(
            "UPDATE fit_files SET status = 'superseded', duplicate_of = ?, "
            "status_reason = 'replaced by a complete copy of the same recording' "
            "WHERE athlete = ? AND sha256 = ?",
            [item.sha256, item.athlete, other_sha],
        )
        log.info("%s replaces the partial copy %s", item.origin, other_sha[:12])
    _insert_frames(con, item, decoded)
    _insert_ledger(con, item, decoded, decoded.status, decoded.reason, None)
    return FileOutcome(
        item.origin,
        item.sha256,
        "partial" if decoded.status == "partial" else "loaded",
        decoded.reason,
        decoded.n_records,
        item.size_bytes,
    )


def quarantine(
    con: duckdb.DuckDBPyConnection,
    item: Incoming,
    error_class: str,
    message: str,
    byte_offset: int | None = None,
) -> FileOutcome:
    """Record a file that cannot be loaded (its bytes stay in the raw store)."""
    con.execute(
        "INSERT OR REPLACE INTO quarantine VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            item.athlete,
            item.sha256,
            item.source,
            item.origin,
            item.raw_path or None,
            error_class,
            message,
            byte_offset,
            DECODER_VERSION,
            utc_now(),
        ],
    )
    return FileOutcome(item.origin, item.sha256, "quarantined", message, 0, item.size_bytes)


def upsert_athlete(con: duckdb.DuckDBPyConnection, athlete: str, timezone: str | None) -> None:
    con.execute(
        "INSERT INTO athletes VALUES (?, ?, ?) ON CONFLICT (athlete) DO UPDATE SET "
        "timezone = coalesce(excluded.timezone, athletes.timezone), "
        "updated_at = excluded.updated_at",
        [athlete, timezone, utc_now()],
    )
