"""Every classification threshold of the model policy, on both sides of its boundary.

The production code paths: the runs mart's `_hr_intensity` and `long_rule`, `lift_sessions`
(lower-body share of sets), `wellness_daily` (baseline window and SD), `hard_time_expr`.
The athlete: LTHR 170 (VT1 153).
"""

from __future__ import annotations

import datetime as dt
import statistics
from typing import Any

import polars as pl
import pytest

from runlift_sync.config import AthleteConfig
from runlift_sync.model.athlete_profile import Estimates, build_profile
from runlift_sync.model.lift_marts import lift_sessions
from runlift_sync.model.model_policy import DEFAULT_POLICY as P
from runlift_sync.model.runs import _hr_intensity, _Prior, hard_time_expr, long_rule
from runlift_sync.model.wellness import wellness_daily

PROFILE = build_profile(
    "me",
    AthleteConfig(sex="female", hr_max=190, hr_rest=50, hr_threshold=170, timezone="Europe/Berlin"),
    Estimates(),
)


def steady_run(
    *, hr_s: float, above_lthr_s: float = 0.0, above_vt1_s: float = 0.0
) -> dict[str, Any]:
    """A run without laps or surges: only its time in zones decides."""
    return {
        "hr_s": hr_s,
        "above_lthr_s": above_lthr_s,
        "above_vt1_s": above_vt1_s,
        "n_work_laps": 0,
        "structure": None,
        "n_surges": 0,
        "moving_s": hr_s,
        "timer_s": hr_s,
        "work_max_hr": None,
        "work_avg_hr": None,
        "work_s": 0.0,
    }


def intensity(run: dict[str, Any]) -> str:
    return _hr_intensity(run, PROFILE, P)[0]


@pytest.mark.parametrize(
    ("above_lthr_s", "expected"),
    [(P.hard_above_threshold_s - 1, "easy"), (P.hard_above_threshold_s, "hard")],
)
def test_minutes_above_lthr(above_lthr_s: float, expected: str) -> None:
    """>= 5 min at or above LTHR is hard (the VT1 rules kept out of reach: 10% above VT1)."""
    run = steady_run(hr_s=3600, above_lthr_s=above_lthr_s, above_vt1_s=above_lthr_s)
    assert intensity(run) == expected


@pytest.mark.parametrize(
    ("above_vt1_s", "hr_s", "expected"),
    [
        (P.hard_above_vt1_s, P.hard_above_vt1_s / P.hard_above_vt1_share, "hard"),  # 15 min, 25%
        (P.hard_above_vt1_s - 1, (P.hard_above_vt1_s - 1) / P.hard_above_vt1_share, "easy"),
        (P.hard_above_vt1_s, P.hard_above_vt1_s / P.hard_above_vt1_share + 10, "easy"),  # < 25%
        (P.hard_above_vt1_any_s, 3 * 3600, "hard"),  # 30 min above VT1 whatever the share
        (P.hard_above_vt1_any_s - 1, 3 * 3600, "easy"),
    ],
)
def test_share_and_minutes_above_vt1(above_vt1_s: float, hr_s: float, expected: str) -> None:
    assert intensity(steady_run(hr_s=hr_s, above_vt1_s=above_vt1_s)) == expected


START = dt.datetime(2024, 3, 31, 7, 0)


def prior(distances_km: list[float]) -> _Prior:
    """Earlier runs, one a day before START."""
    starts = [START - dt.timedelta(days=len(distances_km) - i) for i in range(len(distances_km))]
    return _Prior(
        starts, [d * 1000 for d in distances_km], [3.0] * len(starts), [True] * len(starts)
    )


@pytest.mark.parametrize(("timer_s", "expected"), [(P.long_min_s, True), (P.long_min_s - 1, False)])
def test_long_by_duration(timer_s: float, expected: bool) -> None:
    assert long_rule(prior([]), START, 5000.0, timer_s, P)[0] is expected


@pytest.mark.parametrize(
    ("ratio", "timer_s", "runs", "expected"),
    [
        (P.long_distance_ratio, P.long_ratio_min_s, P.long_min_runs, True),
        (P.long_distance_ratio - 0.01, P.long_ratio_min_s, P.long_min_runs, False),
        (P.long_distance_ratio, P.long_ratio_min_s - 1, P.long_min_runs, False),  # < 45 min
        (P.long_distance_ratio, P.long_ratio_min_s, P.long_min_runs - 1, False),  # < 3 runs
    ],
)
def test_long_by_distance_ratio(ratio: float, timer_s: float, runs: int, expected: bool) -> None:
    median_km = 8.0
    distance_m = ratio * median_km * 1000
    assert long_rule(prior([median_km] * runs), START, distance_m, timer_s, P)[0] is expected


def test_a_run_outside_the_28_day_window_does_not_count_for_the_median() -> None:
    old = _Prior(
        [START - dt.timedelta(days=d) for d in (P.long_window_days + 1, 3, 2)],
        [20000.0, 8000.0, 8000.0],
        [3.0] * 3,
        [True] * 3,
    )
    # only 2 runs in the window: no ratio
    assert long_rule(old, START, 16000.0, 3000.0, P)[0] is False


def lift_session(categories: list[str]) -> pl.DataFrame:
    activity = pl.DataFrame(
        {
            "athlete": ["me"],
            "activity_id": ["a"],
            "file_sha256": ["f"],
            "start_time_utc": [START],
            "start_time_local": [START],
            "local_time_source": ["file"],
            "local_date": [START.date()],
            "iso_year": [2024],
            "iso_week": [13],
            "week_start": [dt.date(2024, 3, 25)],
            "sub_sport": ["strength_training"],
            "detected_from": ["sets"],
            "kind_reason": ["sets"],
            "timer_s": [2400.0],
            "elapsed_s": [2400.0],
            "avg_hr": [110.0],
            "max_hr": [140.0],
        }
    )
    regions = {"squat": "lower", "bench_press": "upper", "plyo": "plyometric", "core": "core"}
    sets = pl.DataFrame(
        {
            "activity_id": ["a"] * len(categories),
            "exercise_category": categories,
            "body_region": [regions[c] for c in categories],
            "is_working": [True] * len(categories),
            "reps": [5] * len(categories),
            "volume_kg": [0.0] * len(categories),
            "relative_load": [None] * len(categories),
            "e1rm_kg": [None] * len(categories),
            "rest_after_s": [90.0] * len(categories),
            "names_source": ["watch"] * len(categories),
        },
        schema_overrides={"relative_load": pl.Float64, "e1rm_kg": pl.Float64},
    )
    return lift_sessions(activity, sets, P)


@pytest.mark.parametrize(
    ("legs", "others", "expected"),
    [
        (3, 6, True),  # exactly a third, and 3 sets: lower body
        (3, 7, False),  # 3 of 10: under a third
        (2, 4, False),  # a third, but fewer than 3 leg sets
        (4, 8, True),
    ],
)
def test_lower_body_share_of_sets(legs: int, others: int, expected: bool) -> None:
    assert P.lower_body_share == pytest.approx(1 / 3) and P.lower_body_min_sets == 3
    session = lift_session(["squat"] * legs + ["bench_press"] * others)
    assert session["lower_body"].to_list() == [expected]


def test_plyometric_sets_load_the_legs() -> None:
    assert lift_session(["plyo"] * 3 + ["bench_press"] * 3)["lower_body"].to_list() == [True]


def hrv_days(values: dict[int, float]) -> pl.DataFrame:
    """wellness_daily from Garmin Connect HRV values keyed by day number."""
    first = dt.date(2024, 1, 1)
    garmin = pl.DataFrame(
        {
            "date": [first + dt.timedelta(days=d) for d in values],
            "hrv_last_night_avg_ms": list(values.values()),
        }
    )
    empty = pl.DataFrame(schema={"date": pl.Date, "resting_hr": pl.Float64})
    hrv = pl.DataFrame(
        schema={
            "date": pl.Date,
            "hrv_ms": pl.Float64,
            "hrv_weekly_avg_ms": pl.Float64,
            "hrv_status": pl.String,
        }
    )
    sleep = pl.DataFrame(
        schema={
            "date": pl.Date,
            **{
                c: pl.Float64
                for c in (
                    "sleep_s",
                    "deep_sleep_s",
                    "light_sleep_s",
                    "rem_sleep_s",
                    "awake_s",
                    "sleep_score",
                )
            },
        }
    )
    return wellness_daily("me", empty, hrv, sleep, garmin, P).sort("date")


def test_the_hrv_baseline_window_is_60_days() -> None:
    window = P.wellness_baseline_days
    assert window == 60
    # 100 ms on day 0, 50 ms every day from day 1 to day 60
    frame = hrv_days({0: 100.0, **{d: 50.0 for d in range(1, window + 1)}})
    inside = frame.row(window - 1, named=True)  # day 59: day 0 is within its 60 days
    outside = frame.row(window, named=True)  # day 60: day 0 is 61 days back, left out
    assert inside["hrv_baseline_n"] == window
    assert inside["hrv_baseline_mean"] == pytest.approx((100 + 50 * (window - 1)) / window)
    assert outside["hrv_baseline_mean"] == pytest.approx(50.0)
    assert outside["hrv_baseline_sd"] == pytest.approx(0.0)


def test_the_hrv_baseline_sd_is_the_sample_sd_of_the_readings() -> None:
    values = {0: 60.0, 1: 70.0, 3: 65.0}  # day 2 without a reading: skipped, never invented
    frame = hrv_days(values)
    last = frame.row(-1, named=True)
    assert last["hrv_baseline_n"] == 3
    assert last["hrv_baseline_sd"] == pytest.approx(statistics.stdev(values.values()))
    # one reading has no SD: the flag cannot be computed (the coach says "not measured")
    assert frame.row(0, named=True)["hrv_baseline_sd"] is None


@pytest.mark.parametrize(
    ("has_hr", "intensity_", "work_laps", "expected"),
    [
        (True, "hard", 6, 600.0),  # with HR: the time above VT1
        (False, "hard", 6, 1440.0),  # without: the work laps only
        (False, "hard", 0, 3360.0),  # a continuous hard run without laps: all of it
        (False, "easy", 6, 0.0),  # an easy run: nothing
    ],
)
def test_hard_time_of_a_run(has_hr: bool, intensity_: str, work_laps: int, expected: float) -> None:
    run = pl.DataFrame(
        {
            "has_hr": [has_hr],
            "above_vt1_s": [600.0],
            "intensity": [intensity_],
            "n_work_laps": [work_laps],
            "work_s": [1440.0 if work_laps else 0.0],
            "timer_s": [3360.0],
        }
    )
    assert run.select(hard_time_expr())[0, 0] == expected
