"""The warehouse objects of the Garmin source: the contracts others build on, and their docs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from runlift_sync.db import open_writer

WELLNESS_CONTRACT = [
    "athlete", "date", "resting_hr", "hrv_last_night_avg_ms", "hrv_weekly_avg_ms", "hrv_status",
    "sleep_s", "deep_sleep_s", "light_sleep_s", "rem_sleep_s", "awake_s", "sleep_score",
    "body_battery_high", "body_battery_low", "training_readiness", "stress_avg",
]  # fmt: skip
SETS_CONTRACT = [
    "athlete", "file_sha256", "set_index", "set_type", "start_time_utc", "duration_s",
    "exercise_category", "exercise_name", "repetitions", "weight_kg",
]  # fmt: skip
GARMIN_OBJECTS = (
    "raw_garmin_json", "garmin_quarantine", "raw_garmin_activity", "garmin_activity_files",
    "raw_garmin_exercise_set", "raw_garmin_daily_summary", "raw_garmin_hrv", "raw_garmin_sleep",
    "raw_garmin_training_readiness", "garmin_sync_runs", "garmin_pending_originals",
    "garmin_backfills", "garmin_pull_turns", "stg_garmin_activity_files",
    "stg_garmin_activities", "stg_garmin_exercise_sets", "stg_garmin_wellness",
)  # fmt: skip


@pytest.fixture(scope="module")
def writer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """One fresh warehouse for the module (the schema is all these tests look at)."""
    path = Path(tmp_path_factory.mktemp("views")) / "runlift.duckdb"
    with open_writer(path, timeout_s=5) as con:
        yield con


def columns(con: duckdb.DuckDBPyConnection, name: str) -> list[tuple[str, str]]:
    return [
        (r[0], r[1])
        for r in con.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? "
            "ORDER BY column_index",
            [name],
        ).fetchall()
    ]


def test_wellness_contract(writer: duckdb.DuckDBPyConnection) -> None:
    found = columns(writer, "stg_garmin_wellness")
    assert [c for c, _ in found][: len(WELLNESS_CONTRACT)] == WELLNESS_CONTRACT
    types = dict(found)
    assert types["date"] == "DATE"
    assert types["hrv_last_night_avg_ms"] == types["hrv_weekly_avg_ms"] == "DOUBLE"
    assert {
        types[c]
        for c in (
            "resting_hr",
            "sleep_s",
            "sleep_score",
            "training_readiness",
            "stress_avg",
            "body_battery_high",
        )
    } == {"INTEGER"}


def test_exercise_sets_contract(writer: duckdb.DuckDBPyConnection) -> None:
    found = columns(writer, "stg_garmin_exercise_sets")
    assert [c for c, _ in found if c in SETS_CONTRACT] == SETS_CONTRACT
    types = dict(found)
    assert (types["set_index"], types["weight_kg"], types["start_time_utc"]) == (
        "INTEGER",
        "DOUBLE",
        "TIMESTAMP",
    )


@pytest.mark.parametrize("name", GARMIN_OBJECTS)
def test_every_object_and_column_is_documented(
    writer: duckdb.DuckDBPyConnection, name: str
) -> None:
    table = writer.execute(
        "SELECT comment FROM duckdb_tables() WHERE table_name = ? "
        "UNION ALL SELECT comment FROM duckdb_views() WHERE view_name = ?",
        [name, name],
    ).fetchall()
    assert table and table[0][0], f"{name} has no comment"
    undocumented = writer.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = ? AND "
        "(comment IS NULL OR comment = '')",
        [name],
    ).fetchall()
    assert undocumented == []
