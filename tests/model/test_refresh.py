"""refresh_marts: incremental, schema kept in step with the SQL files, documented, Garmin views,
plan overrides, load_marts, and the `runlift refresh` / `runlift profile` commands."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import polars as pl
import pytest
from typer.testing import CliRunner

from runlift_sync.cli import app
from runlift_sync.db import open_reader, open_writer
from runlift_sync.errors import WarehouseError
from runlift_sync.ingest import import_paths
from runlift_sync.model import MART_NAMES, load_marts, refresh_marts
from runlift_sync.model.schema import model_ddl, table_columns
from tests.model.model_support import Built, build, make_settings
from tests.support.fit_builder import Segment, SetDef, lift_file, run_file

T0 = dt.datetime(2024, 9, 2, 5, 0, tzinfo=dt.UTC)
MY_VIEWS = (
    "stg_laps",
    "stg_records",
    "stg_sets",
    "stg_resting_hr",
    "stg_monitoring_hr",
    "stg_hrv_status",
    "stg_hrv_values",
    "stg_sleep_levels",
    "stg_sleep_scores",
    "stg_user_profiles",
)


def _run(day: int, seconds: int = 2400, hr: int | None = 148) -> bytes:
    return run_file(T0 + dt.timedelta(days=day), [Segment(seconds, 2.8, hr)])


def _lift(day: int) -> bytes:
    sets = [SetDef("squat", 5, 80.0), SetDef("squat", 5, 80.0), SetDef("deadlift", 5, 100.0)]
    return lift_file(T0 + dt.timedelta(days=day, hours=12), sets)


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """A run and a lower-body lift; tests using it do not change its marts."""
    return build(tmp_path_factory.mktemp("shared"), {"a.fit": _run(0), "b.fit": _lift(1)})


def test_refresh_reads_only_new_files(tmp_path: Path) -> None:
    built = build(tmp_path, {"a.fit": _run(0), "b.fit": _run(2), "c.fit": _lift(1)})
    assert built.report.athletes[0].features_computed == 3
    settings = built.settings
    with open_writer(settings.warehouse) as con:
        again = refresh_marts(con, settings, today=dt.date(2024, 9, 15))
        assert again.athletes[0].features_computed == 0
        assert again.tables_created == ()
    (tmp_path / "fit" / "d.fit").write_bytes(_run(4, 3600))
    import_paths(settings, [tmp_path / "fit"], workers=1)
    with open_writer(settings.warehouse) as con:
        third = refresh_marts(con, settings, today=dt.date(2024, 9, 15))
        runs = load_marts(con, "me")["runs"]
    assert third.athletes[0].features_computed == 1
    assert runs.height == 3
    assert third.athletes[0].rows["daily_load"] == 14  # 2 to 15 September


def test_a_changed_table_definition_rebuilds_the_table(tmp_path: Path) -> None:
    built = build(tmp_path, {"a.fit": _run(0)})
    with open_writer(built.settings.warehouse) as con:
        con.execute("UPDATE model_schema SET ddl_sha256 = 'old' WHERE table_name = 'runs'")
        con.execute("ALTER TABLE runs DROP COLUMN trimp")
        report = refresh_marts(con, built.settings)
        assert report.tables_created == ("runs",)
        assert "trimp" in table_columns(con, "runs")
        assert con.execute("SELECT count(*) FROM runs").fetchone() == (1,)


def test_every_model_column_and_staging_column_is_documented(shared: Built) -> None:
    with open_reader(shared.settings.warehouse) as con:
        undocumented = con.execute(
            "SELECT table_name, column_name FROM duckdb_columns() "
            "WHERE (table_name IN (SELECT unnest(?::VARCHAR[])) OR table_name IN "
            "(SELECT unnest(?::VARCHAR[]))) AND (comment IS NULL OR comment = '')",
            [list(model_ddl()), list(MY_VIEWS)],
        ).fetchall()
        tables = con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE comment IS NOT NULL AND table_name IN "
            "(SELECT unnest(?::VARCHAR[]))",
            [list(model_ddl())],
        ).fetchone()
    assert undocumented == []
    assert tables == (len(model_ddl()),)


def test_the_frames_have_exactly_the_tables_columns(shared: Built) -> None:
    with open_reader(shared.settings.warehouse) as con:
        for name in MART_NAMES:
            assert shared.marts[name].columns == table_columns(con, name), name
    # every grain comment states what one row is
    for name, sql in model_ddl().items():
        assert sql.startswith(f"-- {name}: one row per"), name


def test_load_marts_before_any_refresh_says_what_to_do(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    (tmp_path / "fit").mkdir()
    (tmp_path / "fit" / "a.fit").write_bytes(_run(0))
    import_paths(settings, [tmp_path / "fit"], workers=1)
    with (
        open_reader(settings.warehouse) as con,
        pytest.raises(WarehouseError, match="runlift refresh"),
    ):
        load_marts(con, "me")


def _garmin_views(con: duckdb.DuckDBPyConnection) -> None:
    """Stand-ins for Garmin Connect's staging views, with the agreed columns."""
    sha = con.execute(
        "SELECT sha256 FROM fit_files WHERE file_type = 'activity' AND sha256 IN "
        "(SELECT file_sha256 FROM raw_set)"
    ).fetchone()[0]
    start = (T0 + dt.timedelta(days=1, hours=12)).replace(tzinfo=None)
    con.execute(
        f"""
        CREATE OR REPLACE VIEW stg_garmin_exercise_sets AS
        SELECT * FROM (VALUES
            ('me', '{sha}', 0, 'active', TIMESTAMP '{start}', 40.0, 'squat', 'barbell_back_squat', 6, 82.5),
            ('me', '{sha}', 1, 'rest', TIMESTAMP '{start}' + INTERVAL 40 SECOND, 90.0, NULL, NULL, NULL, NULL)
        ) AS t(athlete, file_sha256, set_index, set_type, start_time_utc, duration_s,
               exercise_category, exercise_name, repetitions, weight_kg)
        """
    )
    con.execute(
        """
        CREATE OR REPLACE VIEW stg_garmin_wellness AS
        SELECT * FROM (VALUES
            ('me', DATE '2024-09-03', 47, 61.0, 58.0, 'balanced', 27000, 5400, 14400, 7200, 1200, 82, 90, 20, 70, 25)
        ) AS t(athlete, date, resting_hr, hrv_last_night_avg_ms, hrv_weekly_avg_ms, hrv_status, sleep_s,
               deep_sleep_s, light_sleep_s, rem_sleep_s, awake_s, sleep_score, body_battery_high,
               body_battery_low, training_readiness, stress_avg)
        """
    )


def test_garmin_connect_corrections_and_wellness_win(tmp_path: Path) -> None:
    built = build(tmp_path, {"a.fit": _run(0), "b.fit": _lift(1)}, before_refresh=_garmin_views)
    sets = built.marts["lift_sets"].sort("set_index")
    first = sets.row(0, named=True)
    assert (first["exercise_name"], first["reps"], first["weight_kg"]) == (
        "barbell_back_squat",
        6,
        82.5,
    )
    assert (first["watch_exercise_category"], first["watch_reps"], first["watch_weight_kg"]) == (
        "squat",
        5,
        80.0,
    )
    assert first["names_source"] == "garmin_connect"
    assert sets["names_source"].to_list()[1:] == ["watch", "watch"]
    assert built.marts["lift_sessions"]["names_source"].to_list() == ["mixed"]
    day = built.marts["wellness_daily"].row(0, named=True)
    assert (day["date"], day["resting_hr"], day["resting_hr_source"]) == (
        dt.date(2024, 9, 3),
        47.0,
        "garmin_connect",
    )
    assert (day["hrv_ms"], day["sleep_s"], day["training_readiness"]) == (61.0, 27000.0, 70.0)
    # estimated hr_rest comes from the wellness data
    profile = built.report.athletes[0].profile
    assert built.marts["athlete_profile"]["hr_rest_source"].to_list() == ["config"]
    assert profile.hr_rest.value == 50


def test_plan_overrides_change_the_landmarks_and_zones(tmp_path: Path) -> None:
    built = build(tmp_path, {"a.fit": _run(0, hr=158)})
    with open_writer(built.settings.warehouse) as con:
        refresh_marts(con, built.settings, athlete_overrides={"hr_threshold": 180})
        marts = load_marts(con, "me")
    profile = marts["athlete_profile"].row(0, named=True)
    assert (profile["hr_threshold"], profile["hr_threshold_source"], profile["vt1_hr"]) == (
        180,
        "plan",
        162,
    )
    # 158 bpm is above VT1 153 with LTHR 170, below VT1 162 with the plan's LTHR 180
    assert built.marts["runs"]["intensity"].to_list() == ["hard"]
    assert marts["runs"]["intensity"].to_list() == ["easy"]


def test_estimated_landmarks_are_labelled(tmp_path: Path) -> None:
    built = build(
        tmp_path,
        {
            "a.fit": run_file(
                T0, [Segment(600, 2.8, 150), Segment(300, 4.0, 184), Segment(600, 2.8, 150)]
            )
        },
        athlete_config=None,
    )
    profile = built.marts["athlete_profile"].row(0, named=True)
    assert (profile["hr_max"], profile["hr_max_source"]) == (184, "estimated")
    assert (profile["hr_rest"], profile["hr_rest_source"]) == (60, "default")
    # LTHR = 60 + 0.88 × (184 − 60) = 169.12 → 169
    assert (profile["hr_threshold"], profile["hr_threshold_source"]) == (169, "estimated")


def test_cli_refresh_and_profile(shared: Built, tmp_path: Path) -> None:
    warehouse = str(shared.settings.warehouse)
    config = tmp_path / "config.toml"
    config.write_text(
        '[athletes.me]\ntimezone = "Europe/Berlin"\nsex = "female"\nhr_max = 190\n'
        "hr_rest = 50\nhr_threshold = 170\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    base = ["--warehouse", warehouse, "--config", str(config), "--athlete", "me"]
    result = runner.invoke(app, [*base, "refresh", "--today", "2024-09-10"])
    assert result.exit_code == 0, result.output
    assert "weekly_summary" in result.output and "0 new activities read" in result.output
    plan = tmp_path / "plan.toml"
    plan.write_text("[athlete]\nhr_threshold = 172\n", encoding="utf-8")
    result = runner.invoke(app, [*base, "profile", "--plan", str(plan)])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "hr_max 190 bpm config" in text
    assert "hr_threshold 172 bpm plan" in text
    assert "Z1 easy (below VT1) < 155" in text  # VT1 = ⌈0.9 × 172⌉ = 155
    bad = runner.invoke(app, [*base, "refresh", "--today", "someday"])
    assert bad.exit_code == 1 and "YYYY-MM-DD" in bad.output


def test_a_warehouse_of_two_athletes_keeps_them_apart(tmp_path: Path) -> None:
    built = build(tmp_path, {"a.fit": _run(0)})
    other = make_settings(tmp_path)
    other = type(other)(**{**other.__dict__, "athlete": "you"})
    (tmp_path / "you").mkdir()
    (tmp_path / "you" / "b.fit").write_bytes(_run(3, 3000))
    import_paths(other, [tmp_path / "you"], workers=1)
    with open_writer(built.settings.warehouse) as con:
        refresh_marts(con, built.settings, athletes=["me", "you"])
        mine, yours = load_marts(con, "me"), load_marts(con, "you")
    assert mine["runs"]["timer_s"].to_list() == [2400.0]
    assert yours["runs"]["timer_s"].to_list() == [3000.0]
    assert yours["athlete_profile"]["hr_max_source"].to_list() == ["estimated"]
    assert pl.concat([mine["weekly_summary"], yours["weekly_summary"]])[
        "athlete"
    ].unique().sort().to_list() == [
        "me",
        "you",
    ]
