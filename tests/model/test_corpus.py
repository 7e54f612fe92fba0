"""The model on real device files: messy strength sessions, yoga with sets, real workouts, and
(slow) every running file of one athlete's two years on a Forerunner 245."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import polars as pl
import pytest

from runlift_sync.config import AthleteConfig
from runlift_sync.db import open_writer
from runlift_sync.ingest import import_paths
from runlift_sync.model import load_marts, refresh_marts
from tests.conftest import REPORT
from tests.model.model_support import LANDMARKS, make_settings

MESSY = {
    # strength with set messages (Forerunner 965; two are multisport)
    "fit-analyzer/tests__fixtures__20474406937_ACTIVITY.fit": ["lift"],
    "fit-analyzer/tests__fixtures__20555050352_ACTIVITY.fit": ["lift", "run", "lift"],
    "fit-analyzer/tests__fixtures__20744294788_ACTIVITY.fit": ["cross_training", "lift"],
    "fit-analyzer/tests__fixtures__20748058539_ACTIVITY.fit": ["lift"],
    # Fenix 6S strength: ranked category guesses with 'unknown' first, no subtypes
    "fit_data_whiz/hist__tests__files__training.fit": ["lift"],
    "fit_data_whiz/hist__tests__files__training_with_workout.fit": ["lift"],
    # strength without sets (Suunto, old vivoactive): spotted from sport + HR pattern
    "fit-parser/examples__suunto-weight.fit": ["lift"],
    "fit-parser/test__user_metrics.fit": ["lift"],
    # yoga sessions that carry set messages, and bouldering: not lifting
    "fit-parser/examples__failed.fit": ["cross_training"],
    "python-garminconnect/hist__tests__12129115726_ACTIVITY.fit": ["cross_training"],
    "fit_data_whiz/hist__tests__files__bouldering_18_climbs.fit": ["cross_training"],
    # real workouts: 3 × 1 km and 2 × 5 × 400 m with manual/auto laps and no lap intensities
    "fit_data_whiz/hist__tests__files__running_with_3x1km_workout.fit": ["run"],
    "fit_data_whiz/hist__tests__files__running_workout_2x_5x400m_3min__3min.fit": ["run"],
}


@pytest.fixture(scope="module")
def messy(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, pl.DataFrame]:
    root = tmp_path_factory.mktemp("messy")
    folder = root / "fit"
    folder.mkdir()
    for name in MESSY:
        shutil.copy(corpus / name, folder / name.replace("/", "__"))
    settings = make_settings(root)
    import_paths(settings, [folder], workers=2)
    with open_writer(settings.warehouse) as con:
        report = refresh_marts(con, settings, today=dt.date(2026, 2, 1))
        assert report.failed_checks == {}
        marts = load_marts(con, "me")
        origins = con.sql(
            "SELECT a.activity_id, f.original_path FROM activities a "
            "JOIN fit_files f ON f.sha256 = a.file_sha256 AND f.athlete = a.athlete"
        ).pl()
    marts["activity_load"] = marts["activity_load"].join(origins, on="activity_id")
    return marts


def test_real_sessions_are_told_apart(messy: dict[str, pl.DataFrame]) -> None:
    loads = messy["activity_load"].sort("start_time_utc")
    for name, kinds in MESSY.items():
        mine = loads.filter(pl.col("original_path").str.ends_with(name.replace("/", "__")))
        assert mine["kind"].to_list() == kinds, (name, mine.select("kind", "kind_reason").rows())


def test_strength_sets_from_real_watches(messy: dict[str, pl.DataFrame]) -> None:
    sets = messy["lift_sets"]
    assert sets.height > 100
    # the first known category of the watch's guesses, never 'unknown'
    assert "unknown" not in sets["exercise_category"].drop_nulls().to_list()
    assert set(sets["body_region"].drop_nulls()) <= {"lower", "upper", "core", "full", "plyometric"}
    # Forerunner 965 sets share one timestamp: rests still come out of the start times
    assert sets["rest_after_s"].drop_nulls().min() >= 0
    assert (
        sets.filter(pl.col("reps") > 10)["e1rm_kg"].null_count()
        == sets.filter(pl.col("reps") > 10).height
    )
    sessions = messy["lift_sessions"]
    assert set(sessions["detected_from"]) == {"sets", "sport_and_hr"}
    deadlifts = sessions.filter(pl.col("top_e1rm_kg") > 150)
    assert deadlifts["lower_body"].to_list() == [True]  # 126–136 kg deadlifts for 8 reps


def test_real_workouts_are_intervals(messy: dict[str, pl.DataFrame]) -> None:
    runs = messy["runs"]
    workouts = runs.filter(pl.col("structure") == "alternating_laps")
    assert workouts.height == 2
    assert set(workouts["run_type"]) == {"intervals"}
    assert all("work laps" in reason for reason in workouts["intensity_reason"])


@pytest.mark.slow
def test_every_run_of_a_real_athlete_gets_an_intensity_and_a_reason(
    corpus: Path, tmp_path: Path
) -> None:
    """All of easyathlete-ml (two years of a Forerunner 245): no landmarks configured."""
    settings = make_settings(tmp_path, AthleteConfig(timezone="Europe/Amsterdam"))
    summary = import_paths(settings, [corpus / "easyathlete-ml"])
    assert summary.ok
    with open_writer(settings.warehouse) as con:
        report = refresh_marts(con, settings, today=dt.date(2025, 6, 30))
        marts = load_marts(con, "me")
        n_running = con.execute(
            "SELECT count(*) FROM activities WHERE sport = 'running' AND athlete = 'me'"
        ).fetchone()
    assert report.failed_checks == {}
    runs = marts["runs"]
    assert (runs.height,) == n_running and runs.height >= 130
    assert runs["intensity"].is_in(["easy", "hard"]).all()
    assert runs["intensity_reason"].str.len_chars().min() > 10
    assert runs["run_type"].is_in(["easy", "recovery", "long", "tempo", "intervals"]).all()
    profile = marts["athlete_profile"].row(0, named=True)
    assert profile["hr_max_source"] == "estimated" and 180 <= profile["hr_max"] <= 200
    counts = runs.group_by("intensity").len().sort("intensity").rows()
    REPORT.append(
        f"easyathlete-ml: {runs.height} runs, {dict(counts)}, hr_max {profile['hr_max']} "
        f"(estimated), LTHR {profile['hr_threshold']}, model refresh {report.seconds:.1f} s"
    )


def test_the_landmarks_of_the_messy_warehouse_are_the_configured_ones(
    messy: dict[str, pl.DataFrame],
) -> None:
    profile = messy["athlete_profile"].row(0, named=True)
    assert (profile["hr_max"], profile["hr_max_source"]) == (LANDMARKS.hr_max, "config")
