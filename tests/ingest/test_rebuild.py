"""The raw store is enough to rebuild the warehouse."""

from __future__ import annotations

from pathlib import Path

from runlift_sync.config import Settings
from runlift_sync.rebuild import rebuild
from tests.ingest.helpers import run_import, snapshot


def test_rebuild_from_raw_store_equals_original(
    settings: Settings, data_dir: Path, tmp_path: Path
) -> None:
    run_import(settings, data_dir)
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "x.fit").write_bytes(b"not fit at all")
    run_import(settings, junk)
    into = settings.warehouse_dir / "rebuilt.duckdb"
    summaries = rebuild(settings, into, workers=1)
    assert summaries["me"].counts == {"loaded": 8, "duplicate": 1, "quarantined": 1}
    before, after = snapshot(settings.warehouse), snapshot(into)
    assert after == before


def test_rebuild_without_the_database(settings: Settings, data_dir: Path) -> None:
    run_import(settings, data_dir / "garmin-fenix-5-run.fit", data_dir / "hrv1.fit")
    want = snapshot(settings.warehouse)["activities"]
    settings.warehouse.unlink()
    into = settings.warehouse_dir / "again.duckdb"
    summaries = rebuild(settings, into, workers=1)
    assert summaries["me"].counts == {"loaded": 2}
    assert snapshot(into)["activities"] == want
