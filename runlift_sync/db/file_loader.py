"""Loading decoded files: whole files in one transaction, deduplicated, or quarantined.

Files are committed in small batches (one transaction each): every file in a batch is
either wholly in the warehouse or not at all, and the next import completes the job.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Literal

import duckdb
import numpy as np
import pyarrow as pa

from runlift_sync.db.frames import registered
from runlift_sync.db.transaction import writing
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
    #: The exact bytes of `origin` when they are not valid UTF-8 (`origin` shows them escaped).
    origin_bytes: bytes | None = None
    reader: str | None = None  # which decoder read it (fit_files.reader), when decoded


@dataclass(frozen=True)
class Incoming:
    """Where a file came from and where its original is kept."""

    athlete: str
    sha256: str
    source: str
    origin: str
    raw_path: str
    size_bytes: int
    origin_bytes: bytes | None = None

    def outcome(
        self,
        outcome: Outcome,
        detail: str | None = None,
        n_records: int = 0,
        reader: str | None = None,
    ) -> FileOutcome:
        return FileOutcome(
            self.origin,
            self.sha256,
            outcome,
            detail,
            n_records,
            self.size_bytes,
            self.origin_bytes,
            reader,
        )


@dataclass(frozen=True)
class Refused:
    """Why a file cannot be loaded."""

    error_class: str
    message: str
    byte_offset: int | None = None


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@dataclass
class Ledger:
    """What the warehouse already holds for one athlete: hashes and recording identities.

    Read once per import and kept current as batches commit, so deduplication needs no
    query per file.
    """

    athlete: str
    loaded: set[str] = field(default_factory=set)
    refused: set[str] = field(default_factory=set)
    identities: dict[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def read(cls, con: duckdb.DuckDBPyConnection, athlete: str) -> Ledger:
        ledger = cls(athlete)
        for sha, key, status in con.execute(
            "SELECT sha256, identity_key, status FROM fit_files WHERE athlete = ?", [athlete]
        ).fetchall():
            ledger.loaded.add(sha)
            if key is not None and status in ("loaded", "partial"):
                ledger.identities[key] = (sha, status)
        ledger.refused = {
            r[0]
            for r in con.execute(
                "SELECT sha256 FROM quarantine WHERE athlete = ? AND decoder_version = ?",
                [athlete, DECODER_VERSION],
            ).fetchall()
        }
        return ledger


def _ledger_row(
    item: Incoming,
    decoded: DecodedFit,
    status: str,
    reason: str | None,
    duplicate_of: str | None,
    now: dt.datetime,
) -> list[object]:
    ident = decoded.identity
    return [
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
        now,
        item.origin_bytes,
    ]


@dataclass
class Batch:
    """Files to commit together: their rows, ledger entries and quarantine entries."""

    ledger: Ledger
    tables: dict[str, list[tuple[str, pa.Table]]] = field(default_factory=dict)
    files: list[list[object]] = field(default_factory=list)
    quarantined: list[list[object]] = field(default_factory=list)
    superseded: list[tuple[str, str]] = field(default_factory=list)  # (old sha, new sha)
    outcomes: list[FileOutcome] = field(default_factory=list)
    n_rows: int = 0

    def __len__(self) -> int:
        return len(self.outcomes)

    def add_refused(self, item: Incoming, refused: Refused) -> None:
        self.quarantined.append(
            [
                item.athlete,
                item.sha256,
                item.source,
                item.origin,
                item.raw_path or None,
                refused.error_class,
                refused.message,
                refused.byte_offset,
                DECODER_VERSION,
                utc_now(),
                item.origin_bytes,
            ]
        )
        self.ledger.refused.add(item.sha256)
        self.outcomes.append(item.outcome("quarantined", refused.message))

    def add_decoded(self, item: Incoming, decoded: DecodedFit) -> None:
        """Same bytes → already_had. Same identity (device serial + time created + file type)
        as a file already held → duplicate (a ledger row only), unless the held copy is partial
        and this one whole: then this one replaces it (the old one is marked superseded)."""
        ledger = self.ledger
        now = utc_now()
        if item.sha256 in ledger.loaded:
            self.outcomes.append(item.outcome("already_had"))
            return
        key = decoded.identity.key
        held = ledger.identities.get(key) if key is not None else None
        if held is not None:
            other_sha, other_status = held
            if not (other_status == "partial" and decoded.status == "loaded"):
                reason = f"same recording ({key}) already loaded from {other_sha[:12]}…"
                self.files.append(_ledger_row(item, decoded, "duplicate", reason, other_sha, now))
                ledger.loaded.add(item.sha256)
                self.outcomes.append(item.outcome("duplicate", reason, reader=decoded.reader))
                return
            self._supersede(other_sha, item.sha256)
        for name, table in decoded.tables.items():
            if name not in RAW_TABLE_NAMES:
                raise WarehouseError(f"decoder produced an unknown table {name!r}")
            self.tables.setdefault(name, []).append((item.sha256, table))
            self.n_rows += table.num_rows
        self.files.append(_ledger_row(item, decoded, decoded.status, decoded.reason, None, now))
        ledger.loaded.add(item.sha256)
        if key is not None:
            ledger.identities[key] = (item.sha256, decoded.status)
        outcome: Outcome = "partial" if decoded.status == "partial" else "loaded"
        self.outcomes.append(
            item.outcome(outcome, decoded.reason, decoded.n_records, decoded.reader)
        )

    def _supersede(self, old_sha: str, new_sha: str) -> None:
        in_batch = [row for row in self.files if row[1] == old_sha]
        if in_batch:  # the partial copy arrived earlier in this same batch: drop its rows
            for name, parts in self.tables.items():
                self.tables[name] = [(sha, t) for sha, t in parts if sha != old_sha]
            row = in_batch[0]
            row[12], row[13], row[14] = (
                "superseded",
                "replaced by a complete copy of the same recording",
                new_sha,
            )
        else:
            self.superseded.append((old_sha, new_sha))
        log.info("%s replaces the partial copy %s", new_sha[:12], old_sha[:12])

    def commit(self, con: duckdb.DuckDBPyConnection) -> list[FileOutcome]:
        """Write everything in one transaction; returns the outcomes (now durable)."""
        athlete = self.ledger.athlete
        with writing(con, f"{len(self.outcomes)} files", then="import again"):
            for old_sha, new_sha in self.superseded:
                for name in RAW_TABLE_NAMES:
                    con.execute(
                        f"DELETE FROM {name} WHERE athlete = ? AND file_sha256 = ?",
                        [athlete, old_sha],
                    )
                con.execute(
                    "UPDATE fit_files SET status = 'superseded', duplicate_of = ?, "
                    "status_reason = 'replaced by a complete copy of the same recording' "
                    "WHERE athlete = ? AND sha256 = ?",
                    [new_sha, athlete, old_sha],
                )
            for name, parts in self.tables.items():
                if parts:
                    _insert(con, name, athlete, parts)
            if self.files:
                _insert_rows(con, "INSERT", "fit_files", self.files)
            if self.quarantined:
                latest = {(row[0], row[1]): row for row in self.quarantined}  # one row per key
                _insert_rows(con, "INSERT OR REPLACE", "quarantine", list(latest.values()))
        return self.outcomes


def _insert(
    con: duckdb.DuckDBPyConnection, name: str, athlete: str, parts: list[tuple[str, pa.Table]]
) -> None:
    """One INSERT for a table's rows from all files of the batch (athlete and file added)."""
    # one chunk per column: DuckDB reads hundreds of small chunks 5-10x slower
    incoming = pa.concat_tables([table for _, table in parts]).combine_chunks()
    which = np.repeat(np.arange(len(parts)), [table.num_rows for _, table in parts])
    shas = pa.array([sha for sha, _ in parts], pa.string()).take(pa.array(which))
    incoming = incoming.append_column("file_sha256", shas)
    with registered(con, "incoming_rows", incoming):
        con.execute(
            f"INSERT INTO {name} BY NAME SELECT *, ?::VARCHAR AS athlete FROM incoming_rows",
            [athlete],
        )


def _insert_rows(
    con: duckdb.DuckDBPyConnection, verb: str, table: str, rows: list[list[object]]
) -> None:
    """Many rows in one statement (executemany runs one statement per row)."""
    one = "(" + ", ".join("?" * len(rows[0])) + ")"
    con.execute(
        f"{verb} INTO {table} VALUES " + ", ".join([one] * len(rows)),
        [value for row in rows for value in row],
    )


def upsert_athlete(con: duckdb.DuckDBPyConnection, athlete: str, timezone: str | None) -> None:
    con.execute(
        "INSERT INTO athletes VALUES (?, ?, ?) ON CONFLICT (athlete) DO UPDATE SET "
        "timezone = coalesce(excluded.timezone, athletes.timezone), "
        "updated_at = excluded.updated_at",
        [athlete, timezone, utc_now()],
    )
