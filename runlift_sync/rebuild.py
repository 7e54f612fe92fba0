"""Rebuilding a warehouse from its raw store (the originals), e.g. after a schema change or loss."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import duckdb

from runlift_sync import rawstore
from runlift_sync.config import Settings
from runlift_sync.db import open_writer
from runlift_sync.db.file_loader import upsert_athlete
from runlift_sync.errors import WarehouseError
from runlift_sync.ingest import ImportSummary, Progress, import_files
from runlift_sync.sources.base import SourceFile
from runlift_sync.sources.garmin_connect.store import carry_over

#: (athlete, sha256, source, original path, raw path, original path's bytes when not UTF-8)
LedgerRow = tuple[str, str, str, str, str, bytes | None]


def _old_ledger(warehouse: Path) -> tuple[list[LedgerRow], dict[str, str | None]]:
    """Files in the order they were first imported (so dedupe decides the same way), and
    each athlete's time zone."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute(
            "SELECT athlete, sha256, source, original_path, raw_path, path_bytes FROM ("
            " SELECT athlete, sha256, source, original_path, raw_path, imported_at AS seen_at,"
            " original_path_bytes AS path_bytes FROM fit_files"
            " UNION ALL SELECT athlete, sha256, source, path, raw_path, quarantined_at,"
            " path_bytes FROM quarantine WHERE raw_path IS NOT NULL"
            ") ORDER BY seen_at, raw_path"
        ).fetchall()
        zones = dict(con.execute("SELECT athlete, timezone FROM athletes").fetchall())
        return rows, zones
    finally:
        con.close()


#: What the raw store keeps for a refused source, by suffix (anything else is a FIT file).
PROBLEM_BY_SUFFIX = {
    ".zip": "not a readable zip archive",
    ".json": "a zip member refused without extracting it (see the kept description)",
}


def _reader(path: Path) -> Callable[[], bytes]:
    return path.read_bytes


def rebuild(
    settings: Settings,
    into: Path,
    *,
    workers: int = 0,
    progress: Progress | None = None,
) -> dict[str, ImportSummary]:
    """Import every original in the raw store beside `settings.warehouse` into a new warehouse.

    When the old warehouse is readable, each file goes back to its athlete with its source and
    original path, and the Garmin Connect data (kept as JSON in the warehouse) is carried
    over; otherwise every original is imported for `settings.athlete`.
    """
    raw_dir = settings.warehouse_dir
    into = into.expanduser().resolve()
    if into.exists():
        raise WarehouseError(f"{into} exists; choose a new file to rebuild into")
    zones: dict[str, str | None] = {settings.athlete: settings.timezone}
    if settings.warehouse.exists():
        rows, zones = _old_ledger(settings.warehouse)
    else:
        rows = [
            (settings.athlete, p.stem, "file", str(p), str(p.relative_to(raw_dir)), None)
            for p in rawstore.iter_stored(raw_dir)
        ]
    by_athlete: dict[str, list[SourceFile]] = defaultdict(list)
    for athlete, _sha, source, origin, raw_path, origin_bytes in rows:
        path = raw_dir / raw_path
        problem = PROBLEM_BY_SUFFIX.get(path.suffix)
        by_athlete[athlete].append(
            SourceFile(
                source,  # type: ignore[arg-type]
                origin,
                _reader(path),
                path.stat().st_size,
                problem,
                origin_bytes=bytes(origin_bytes) if origin_bytes is not None else None,
                raw_suffix=path.suffix,
            )
        )
    summaries: dict[str, ImportSummary] = {}
    with open_writer(into, timeout_s=settings.lock_timeout_s, command="runlift rebuild") as con:
        for athlete, files in sorted(by_athlete.items()):
            upsert_athlete(con, athlete, zones.get(athlete))
            summaries[athlete] = import_files(
                con,
                files,
                athlete=athlete,
                warehouse_dir=into.parent,
                workers=workers,
                progress=progress,
            )
        if settings.warehouse.exists():
            carry_over(con, settings.warehouse)
    return summaries
