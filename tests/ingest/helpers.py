"""Helpers for ingestion tests: import through the real pipeline and snapshot the warehouse."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from runlift_sync.config import Settings
from runlift_sync.fit.tables import ALL_TABLES
from runlift_sync.ingest import ImportSummary, import_paths


def run_import(settings: Settings, *paths: Path, workers: int = 1) -> ImportSummary:
    return import_paths(settings, list(paths), workers=workers)


def snapshot(warehouse: Path, athlete: str | None = None) -> dict[str, Any]:
    """Everything an import should determine: row counts and content fingerprints per table."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        where = f"WHERE athlete = '{athlete}'" if athlete else ""
        shot: dict[str, Any] = {}
        for table in ALL_TABLES:
            shot[table.name] = con.execute(
                f"SELECT count(*), count(DISTINCT file_sha256), "
                f"sum(hash(file_sha256, msg_index)) FROM {table.name} {where}"
            ).fetchone()
        shot["fit_files"] = sorted(
            con.execute(
                f"SELECT sha256, status, duplicate_of, n_records, raw_path FROM fit_files {where}"
            ).fetchall()
        )
        shot["quarantine"] = sorted(
            con.execute(f"SELECT sha256, error_class, message FROM quarantine {where}").fetchall()
        )
        shot["activities"] = sorted(
            con.execute(
                f"SELECT activity_id, sport, start_time_utc, distance_m, timer_s, avg_hr "
                f"FROM activities {where}"
            ).fetchall(),
            key=str,
        )
        return shot
    finally:
        con.close()


def count(warehouse: Path, sql: str) -> int:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        row = con.execute(sql).fetchone()
        return int(row[0]) if row else 0
    finally:
        con.close()
