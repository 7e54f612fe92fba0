"""The model against the demo athlete's ground truth: a simulated season on a watch mount,
imported with the real importer, landmarks estimated from the data (slow: ~1 min)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from runlift_sync.config import AthleteConfig
from runlift_sync.db import open_writer
from runlift_sync.demo import Athlete, generate_season
from runlift_sync.demo.season import simulate_season
from runlift_sync.demo.specs import LiftSpec, RunSpec
from runlift_sync.ingest import import_paths
from runlift_sync.model import load_marts, refresh_marts
from tests.conftest import REPORT
from tests.model.model_support import make_settings

START = dt.date(2026, 1, 5)  # 12 weeks across the switch to summer time (29 March)
WEEKS = 12
SEED = 7


@pytest.mark.slow
def test_demo_season_matches_its_ground_truth(tmp_path: Path) -> None:
    mount = tmp_path / "watch"
    generate_season(mount, seed=SEED, weeks=WEEKS, start=START, workers=1)
    athlete = Athlete()
    # only the time zone and sex are given: the heart-rate landmarks are estimated
    settings = make_settings(tmp_path, AthleteConfig(timezone=athlete.timezone, sex=athlete.sex))
    assert import_paths(settings, [mount]).ok
    end = START + dt.timedelta(weeks=WEEKS, days=-1)
    with open_writer(settings.warehouse) as con:
        report = refresh_marts(con, settings, today=end)
        marts = load_marts(con, "me")
    assert report.failed_checks == {}

    plan = simulate_season(athlete, START, WEEKS, SEED)
    truth_runs = pl.DataFrame(
        [
            {"start_time_utc": a.start_utc.replace(tzinfo=None), "truth": a.run_type}
            for a in plan.activities
            if isinstance(a, RunSpec)
        ]
    )
    runs = marts["runs"].join(truth_runs, on="start_time_utc", how="full", coalesce=True)
    assert runs["run_type"].null_count() == 0 and runs["truth"].null_count() == 0
    truth_hard = runs["truth"].is_in(["tempo", "intervals"])
    intensity_ok = ((runs["intensity"] == "hard") == truth_hard).mean()
    type_ok = (runs["run_type"] == runs["truth"]).mean()
    assert intensity_ok >= 0.95
    assert type_ok >= 0.85
    # intervals are never mistaken: structure + heart rate
    intervals = runs.filter(pl.col("truth") == "intervals")
    assert set(intervals["run_type"]) == {"intervals"}

    truth_lifts = pl.DataFrame(
        [
            {"start_time_utc": a.start_utc.replace(tzinfo=None), "lift_type": a.lift_type}
            for a in plan.activities
            if isinstance(a, LiftSpec)
        ]
    )
    lifts = marts["lift_sessions"].join(truth_lifts, on="start_time_utc", how="full", coalesce=True)
    assert ((lifts["lift_type"] == "lower") == lifts["lower_body"]).all()

    profile = marts["athlete_profile"].row(0, named=True)
    assert profile["hr_max_source"] == profile["hr_rest_source"] == "estimated"
    assert abs(profile["hr_max"] - athlete.hr_max) <= 4
    assert abs(profile["hr_rest"] - athlete.hr_rest) <= 3
    assert abs(profile["hr_threshold"] - athlete.lthr) <= 5

    wellness = marts["wellness_daily"]
    assert wellness["resting_hr"].null_count() == 0 and wellness["hrv_ms"].null_count() == 0
    assert wellness["sleep_s"].null_count() == 0
    weeks = marts["weekly_summary"]
    assert weeks.height == WEEKS
    km = weeks["run_km"].to_list()
    actual = [w.actual_km for w in plan.weeks]
    REPORT.append(
        f"demo season ({WEEKS} weeks): intensity {intensity_ok:.1%} and run type {type_ok:.1%} "
        f"as simulated; hr_max {profile['hr_max']} (true {athlete.hr_max}), hr_rest "
        f"{profile['hr_rest']} (true {athlete.hr_rest}), LTHR {profile['hr_threshold']} "
        f"(true {athlete.lthr}); weekly km {[round(k, 1) for k in km]} vs planned "
        f"{[w.planned_km for w in plan.weeks]} ({len(actual)} weeks)"
    )
