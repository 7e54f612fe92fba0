"""A season on a fake account: backfill, nightly, the watch folder too; and crashes mid-pull."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from runlift_sync.config import Settings
from runlift_sync.db import open_writer
from runlift_sync.ingest import import_paths
from runlift_sync.rebuild import rebuild
from runlift_sync.sources.garmin_connect import store
from tests.garmin.fake_connect import FakeConnect
from tests.garmin.helpers import Season, build_season, query, run_sync, scalar

WEEKS = 4


def fresh_settings(base: Settings, tmp_path: Path, name: str, fake: FakeConnect) -> Settings:
    """Another warehouse (and token store) on the same fake account."""
    token_dir = tmp_path / f"{name}-tokens"
    fake.write_token_store(token_dir)
    return dataclasses.replace(
        base, warehouse=tmp_path / name / "runlift.duckdb", token_dir=token_dir
    )


def content(warehouse: Path) -> dict[str, Any]:
    """What the warehouse says about the season, independent of when things were fetched."""
    return {
        "activities": query(
            warehouse,
            "SELECT sport, sub_sport, start_time_utc, start_time_local, distance_m, timer_s "
            "FROM activities ORDER BY start_time_utc",
        ),
        "garmin_activities": query(
            warehouse,
            "SELECT activity_id, activity_type, start_time_utc, training_load, original, "
            "file_sha256 IS NOT NULL FROM stg_garmin_activities ORDER BY activity_id",
        ),
        "wellness": query(warehouse, "SELECT * FROM stg_garmin_wellness ORDER BY athlete, date"),
        "sets": query(
            warehouse,
            "SELECT activity_id, set_index, set_type, exercise_category, exercise_name, "
            "repetitions, weight_kg FROM stg_garmin_exercise_sets ORDER BY activity_id, set_index",
        ),
        "raw_json": scalar(warehouse, "SELECT count(*) FROM raw_garmin_json"),
        "record_rows": scalar(warehouse, "SELECT count(*) FROM raw_record"),
        "set_rows": scalar(warehouse, "SELECT count(*) FROM raw_set"),
    }


def assert_whole_season(warehouse: Path, season: Season) -> None:
    n = len(season.activities)
    strength = sum(1 for a in season.activities if a.kind == "strength")
    assert scalar(warehouse, "SELECT count(*) FROM activities") == n
    assert scalar(warehouse, "SELECT count(DISTINCT start_time_utc) FROM activities") == n
    assert scalar(warehouse, "SELECT count(*) FROM fit_files WHERE status = 'loaded'") == n
    assert scalar(warehouse, "SELECT count(*) FROM raw_garmin_activity") == n
    # wellness: a row for every day of the season, each with every measure
    days = query(warehouse, "SELECT date FROM stg_garmin_wellness ORDER BY date")
    assert [d for (d,) in days] == season.days
    assert (
        scalar(
            warehouse,
            "SELECT count(*) FROM stg_garmin_wellness WHERE resting_hr IS NULL OR "
            "hrv_last_night_avg_ms IS NULL OR sleep_s IS NULL OR training_readiness IS NULL "
            "OR body_battery_high IS NULL OR stress_avg IS NULL",
        )
        == 0
    )
    # strength sets: 5 per session, every one keyed to a FIT file that is loaded
    assert scalar(warehouse, "SELECT count(*) FROM stg_garmin_exercise_sets") == 5 * strength
    assert (
        scalar(
            warehouse,
            "SELECT count(*) FROM stg_garmin_exercise_sets s "
            "LEFT JOIN activities a USING (athlete, file_sha256) WHERE a.activity_id IS NULL",
        )
        == 0
    )
    # keys unique
    for view, key in (
        ("stg_garmin_wellness", "athlete, date"),
        ("stg_garmin_exercise_sets", "athlete, file_sha256, set_index"),
        ("stg_garmin_activities", "athlete, activity_id"),
        ("activities", "activity_id"),
    ):
        dupes = query(
            warehouse, f"SELECT {key}, count(*) FROM {view} GROUP BY ALL HAVING count(*) > 1"
        )
        assert dupes == [], view


def test_a_season_synced_twice_and_imported_from_the_watch_is_there_once(
    fake: FakeConnect, gsettings: Settings, tmp_path: Path
) -> None:
    # the watch holds other bytes of the same recordings in the first and the last week
    season = build_season(fake, weeks=WEEKS, usb_variant_weeks=frozenset({0, WEEKS - 1}))
    # the athlete plugged the watch in once, after the first week
    early = season.write_watch_folder(
        tmp_path / "watch-early", before=season.first_day + dt.timedelta(days=7)
    )
    first_week = import_paths(gsettings, [early], workers=1)
    assert first_week.counts["loaded"] == 5

    backfill = run_sync(gsettings, since=season.first_day)
    assert backfill.ok, backfill.summary_line()
    assert backfill.activities_new == len(season.activities)
    assert backfill.files["duplicate"] == 5  # the first week was already in, from USB
    assert backfill.files["loaded"] == len(season.activities) - 5
    assert_whole_season(gsettings.warehouse, season)
    before = content(gsettings.warehouse)

    nightly = run_sync(gsettings)
    assert nightly.ok and nightly.activities_new == 0
    assert nightly.activities_known > 0  # the overlap was listed again, nothing downloaded
    assert not [p for p in fake.api_paths()[-20:] if p.startswith("/download-service")]
    assert content(gsettings.warehouse) == before

    # then the whole watch is imported: same bytes (already had) or same recordings
    watch = season.write_watch_folder(tmp_path / "watch")
    usb = import_paths(gsettings, [watch], workers=1)
    assert usb.counts["loaded"] == 0
    assert usb.counts["already_had"] == len(season.activities) - 5
    assert usb.counts["duplicate"] == 5  # the last week's other bytes
    assert content(gsettings.warehouse) == before
    assert_whole_season(gsettings.warehouse, season)

    # sets of the first week are keyed to the USB files, which hold those recordings' data
    first_week_sources = query(
        gsettings.warehouse,
        "SELECT DISTINCT f.source, g.loaded_from_other_copy FROM stg_garmin_exercise_sets s "
        "JOIN stg_garmin_activity_files g USING (athlete, activity_id) "
        "JOIN fit_files f ON f.athlete = s.athlete AND f.sha256 = s.file_sha256 "
        "WHERE s.start_time_utc < ?",
        [season.first_day + dt.timedelta(days=7)],
    )
    assert first_week_sources == [("usb_watch", True)]


def test_a_crash_mid_pull_loses_nothing_and_duplicates_nothing(
    fake: FakeConnect, gsettings: Settings, tmp_path: Path
) -> None:
    season = build_season(fake, weeks=1)
    done: list[str] = []

    def power_cut_after_three(what: str) -> None:
        done.append(what)
        if len(done) == 3:
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError, match="power cut"):
        run_sync(gsettings, since=season.first_day, progress=power_cut_after_three)
    # the three items reported done are committed
    assert scalar(gsettings.warehouse, "SELECT count(*) FROM raw_garmin_activity") == 3
    assert scalar(gsettings.warehouse, "SELECT count(*) FROM activities") == 3

    again = run_sync(gsettings, since=season.first_day)
    assert again.ok and again.activities_new == len(season.activities) - 3
    assert again.files["already_had"] == 0

    clean = fresh_settings(gsettings, tmp_path, "clean", fake)
    run_sync(clean, since=season.first_day)
    assert content(gsettings.warehouse) == content(clean.warehouse)
    assert_whole_season(gsettings.warehouse, season)


def test_a_crash_between_the_import_and_the_record_is_finished_next_time(
    fake: FakeConnect, gsettings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    season = build_season(fake, weeks=1)
    real = store.record_activity
    calls: list[int] = []

    def dies_on_the_third(*args: Any, **kwargs: Any) -> None:
        calls.append(1)
        if len(calls) == 3:  # the third activity's FIT is loaded, its record never written
            raise KeyboardInterrupt
        real(*args, **kwargs)

    monkeypatch.setattr(store, "record_activity", dies_on_the_third)
    with pytest.raises(KeyboardInterrupt):
        run_sync(gsettings, since=season.first_day)
    monkeypatch.setattr(store, "record_activity", real)
    assert scalar(gsettings.warehouse, "SELECT count(*) FROM raw_garmin_activity") == 2
    assert scalar(gsettings.warehouse, "SELECT count(*) FROM fit_files") == 3

    again = run_sync(gsettings, since=season.first_day)
    assert again.ok
    assert again.files["already_had"] == 1  # the orphaned FIT: same bytes, linked now
    clean = fresh_settings(gsettings, tmp_path, "clean", fake)
    run_sync(clean, since=season.first_day)
    assert content(gsettings.warehouse) == content(clean.warehouse)
    assert_whole_season(gsettings.warehouse, season)


def test_a_rebuilt_warehouse_gets_its_garmin_data_back(
    fake: FakeConnect, gsettings: Settings, tmp_path: Path
) -> None:
    """`runlift rebuild` re-imports the FIT originals; carry_over brings the Garmin bodies
    (wellness, sets, summaries) and links along, and the views read the same."""
    season = build_season(fake, weeks=1)
    run_sync(gsettings, since=season.first_day)
    into = tmp_path / "rebuilt" / "runlift.duckdb"
    rebuild(gsettings, into, workers=1)
    with open_writer(into) as con:
        carried = store.carry_over(con, gsettings.warehouse)
    assert carried == scalar(gsettings.warehouse, "SELECT count(*) FROM raw_garmin_json")
    assert content(into) == content(gsettings.warehouse)
