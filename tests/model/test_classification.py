"""Classification of FIT files of known character, imported through the real importer.

The athlete (see model_support.LANDMARKS): LTHR 170 → VT1 153, Friel Z2 from 145; rest 50,
max 190, female, Europe/Berlin. Every run records one sample a second, so time in zone is exact.
"""

from __future__ import annotations

import datetime as dt
import math

import polars as pl
import pytest

from tests.model.model_support import Built, build
from tests.support.fit_builder import Segment, SetDef, lift_file, run_file

MONDAY = dt.datetime(2024, 3, 4, 6, 0, tzinfo=dt.UTC)  # 07:00 in Berlin


def at(day: int, hour: int = 6) -> dt.datetime:
    return MONDAY + dt.timedelta(days=day, hours=hour - 6)


def _interval_session() -> list[Segment]:
    reps = []
    for _ in range(6):
        reps += [Segment(180, 4.2, 176, "active"), Segment(90, 2.0, 150, "rest")]
    return [Segment(600, 2.7, 140, "warmup"), *reps, Segment(600, 2.7, 140, "cooldown")]


LOWER = [
    SetDef("squat", 5, 100.0),
    SetDef("squat", 5, 100.0),
    SetDef("squat", 5, 100.0),
    SetDef("deadlift", 5, 120.0),
    SetDef("deadlift", 5, 120.0),
    SetDef("lunge", 8, 40.0),
    SetDef("plank", None, None, duration_s=60),
]
UPPER = [
    SetDef("bench_press", 6, 60.0),
    SetDef("bench_press", 6, 60.0),
    SetDef("row", 8, 50.0),
    SetDef("row", 8, 50.0),
    SetDef("pull_up", 6, 0.0),
    SetDef("shoulder_press", 8, 30.0),
    SetDef("squat", 10, 40.0),  # one leg set does not make a lower-body day
]

FILES = {
    # week 1: three easy runs give the pace reference and the usual distance
    "prior1.fit": run_file(at(0), [Segment(3300, 2.8, 148)]),
    "prior2.fit": run_file(at(2), [Segment(3300, 2.8, 148)]),
    "prior3.fit": run_file(at(4), [Segment(3300, 2.8, 148)]),
    # week 2
    "easy.fit": run_file(at(7), [Segment(3300, 2.8, 148)]),
    "lower_lift.fit": lift_file(at(7, 18), LOWER, same_timestamp=True),
    "intervals.fit": run_file(at(8), _interval_session()),
    "upper_lift.fit": lift_file(at(9, 18), UPPER),
    "tempo.fit": run_file(
        at(10),
        [Segment(900, 2.8, 145), Segment(1500, 3.6, 166), Segment(900, 2.7, 146)],
        laps=False,
    ),
    "yoga.fit": lift_file(
        at(10, 18),
        [SetDef(None, None, None, duration_s=900, rest_s=0)],
        sub_sport="yoga",
        hr_work=95,
    ),
    "strength_no_sets.fit": lift_file(at(11, 18), UPPER, write_sets=False),
    "steady_no_sets.fit": lift_file(at(12, 18), UPPER, write_sets=False, hr_work=110, hr_rest=110),
    "long.fit": run_file(at(12), [Segment(6600, 2.7, 146)]),
    "recovery.fit": run_file(at(13), [Segment(1800, 2.4, 135)]),
    # week 3: runs without a heart-rate sensor
    "no_hr_fast.fit": run_file(at(15), [Segment(2400, 3.5, None)]),
    "no_hr_easy.fit": run_file(at(16), [Segment(2700, 2.75, None)]),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("known"), FILES, today=dt.date(2024, 3, 24))


def _by_start(frame: pl.DataFrame, moment: dt.datetime) -> dict:
    rows = frame.filter(pl.col("start_time_utc") == moment.replace(tzinfo=None)).to_dicts()
    assert len(rows) == 1, f"no single row starting {moment}"
    return rows[0]


def test_every_invariant_check_passes(built: Built) -> None:
    assert built.report.failed_checks == {}


def test_easy_run(built: Built) -> None:
    run = _by_start(built.marts["runs"], at(7))
    assert (run["intensity"], run["run_type"], run["is_long"]) == ("easy", "easy", False)
    assert run["intensity_reason"] == "100% of the time below the easy ceiling (VT1 153 bpm)"
    # 55 min at 148 bpm: all below VT1, all in Friel Z2 (145–152)
    assert (run["below_vt1_s"], run["hr_zone2_s"], run["above_vt1_s"]) == (3300.0, 3300.0, 0.0)
    # TRIMP = 55 min × 0.7 × 0.86 × e^(1.67 × 0.7), HRr = (148 − 50)/140 = 0.7
    assert run["trimp"] == pytest.approx(55 * 0.7 * 0.86 * math.exp(1.67 * 0.7))
    assert run["distance_m"] == pytest.approx(3300 * 2.8)
    assert run["decoupling_pct"] == pytest.approx(0.0) and run["hr_drift_pct"] == pytest.approx(0.0)
    assert run["local_date"] == dt.date(2024, 3, 11) and run["iso_week"] == 11


def test_interval_session_with_work_and_rest_laps(built: Built) -> None:
    run = _by_start(built.marts["runs"], at(8))
    assert (run["intensity"], run["run_type"]) == ("hard", "intervals")
    assert (run["structure"], run["n_work_laps"], run["n_rest_laps"]) == ("workout_intervals", 6, 6)
    # 6 × 3 min at 176 ≥ LTHR 170
    assert run["above_lthr_s"] == 1080.0
    assert run["intensity_reason"] == "18 min above threshold HR (170 bpm) in 6 work laps"
    assert run["intensity_basis"] == "heart_rate"
    assert run["decoupling_pct"] is None  # not a steady run


def test_tempo_run_without_laps(built: Built) -> None:
    run = _by_start(built.marts["runs"], at(10))
    assert (run["intensity"], run["run_type"], run["structure"]) == ("hard", "tempo", None)
    # 25 min at 166: between VT1 and LTHR (moderate counts as hard), 45 % of the run
    assert run["vt1_to_lthr_s"] == 1500.0
    assert run["intensity_reason"] == "25 min (45%) above the easy ceiling (VT1 153 bpm)"


def test_long_run(built: Built) -> None:
    run = _by_start(built.marts["runs"], at(12))
    assert (run["intensity"], run["run_type"], run["is_long"]) == ("easy", "long", True)
    assert run["long_reason"] == "110 min ≥ 90 min"
    weekly = built.marts["weekly_summary"]
    week = weekly.filter(pl.col("week_start") == dt.date(2024, 3, 11)).row(0, named=True)
    assert week["long_run_km"] == pytest.approx(6600 * 2.7 / 1000)


def test_recovery_run(built: Built) -> None:
    run = _by_start(built.marts["runs"], at(13))
    # 30 min at 135 bpm (< 85 % LTHR = 145) and 2.4 m/s, 14 % slower than the easy 2.8 m/s
    assert (run["intensity"], run["run_type"]) == ("easy", "recovery")
    assert run["easy_pace_s_per_km"] == pytest.approx(1000 / 2.8)


def test_runs_without_heart_rate_fall_back_to_pace_and_say_so(built: Built) -> None:
    fast = _by_start(built.marts["runs"], at(15))
    assert (fast["has_hr"], fast["intensity"], fast["intensity_basis"]) == (False, "hard", "pace")
    # 3.5 m/s = 4:46/km vs the easy 2.8 m/s = 5:57/km: 25 % faster
    assert fast["intensity_reason"] == (
        "no heart rate: 4:46/km over 40 min, 25% faster than easy pace (5:57/km)"
    )
    assert fast["trimp"] is None
    easy = _by_start(built.marts["runs"], at(16))
    assert (easy["intensity"], easy["intensity_basis"]) == ("easy", "pace")
    assert easy["intensity_reason"].startswith("no heart rate: 6:04/km, close to easy pace")
    loads = built.marts["activity_load"]
    fast_load = loads.filter(pl.col("start_time_utc") == at(15).replace(tzinfo=None)).row(
        0, named=True
    )
    # no HR: sRPE with the tempo default RPE 6 × 40 min × 0.45
    assert (fast_load["load_method"], fast_load["load"]) == (
        "srpe_default",
        pytest.approx(6 * 40 * 0.45),
    )


def test_lower_body_lift_with_identical_set_timestamps(built: Built) -> None:
    session = _by_start(built.marts["lift_sessions"], at(7, 18))
    assert session["detected_from"] == "sets"
    assert session["lower_body"] is True
    assert (
        session["lower_body_reason"] == "6 of 7 working sets load the legs (squat, deadlift, lunge)"
    )
    assert (session["n_sets"], session["lower_sets"], session["core_sets"]) == (7, 6, 1)
    # volume: 3 × 5 × 100 + 2 × 5 × 120 + 8 × 40 = 1500 + 1200 + 320
    assert session["volume_kg"] == 3020.0
    assert session["top_e1rm_kg"] == pytest.approx(120 * (1 + 5 / 30))
    # every set carries the same timestamp: the rests come from the start times (90 s each)
    assert session["avg_rest_s"] == 90.0
    sets = built.marts["lift_sets"].filter(pl.col("activity_id") == session["activity_id"])
    assert sets["exercise_category"].to_list() == [
        "squat",
        "squat",
        "squat",
        "deadlift",
        "deadlift",
        "lunge",
        "plank",
    ]
    assert sets["set_index"].to_list() == [0, 2, 4, 6, 8, 10, 12]
    assert sets["rest_after_s"].to_list() == [90.0] * 6 + [None]


def test_upper_body_lift(built: Built) -> None:
    session = _by_start(built.marts["lift_sessions"], at(9, 18))
    assert session["lower_body"] is False
    assert (session["upper_sets"], session["lower_sets"]) == (6, 1)
    sets = built.marts["lift_sets"].filter(pl.col("activity_id") == session["activity_id"])
    pull_up = sets.filter(pl.col("exercise_category") == "pull_up").row(0, named=True)
    assert (pull_up["e1rm_kg"], pull_up["volume_kg"]) == (None, 0.0)  # bodyweight
    bench = sets.filter(pl.col("exercise_category") == "bench_press")
    assert bench["relative_load"].to_list() == pytest.approx([1 / (1 + 6 / 30)] * 2)


def test_other_training_is_not_mistaken_for_lifting(built: Built) -> None:
    loads = built.marts["activity_load"]

    def kind(moment: dt.datetime) -> tuple[str, str]:
        row = loads.filter(pl.col("start_time_utc") == moment.replace(tzinfo=None)).row(
            0, named=True
        )
        return row["kind"], row["kind_reason"]

    assert kind(at(10, 18)) == (
        "cross_training",
        "yoga is not lifting (its 1 set messages are not lifting sets)",
    )
    assert kind(at(11, 18))[0] == "lift"
    assert "rose and fell" in kind(at(11, 18))[1]
    assert kind(at(12, 18))[0] == "cross_training"
    assert "steady heart rate" in kind(at(12, 18))[1]
    sessions = built.marts["lift_sessions"]
    assert sorted(sessions["detected_from"].to_list()) == ["sets", "sets", "sport_and_hr"]
    no_sets = _by_start(sessions, at(11, 18))
    assert no_sets["lower_body"] is None
    assert no_sets["lower_body_reason"] == "no working sets with a known exercise"


def test_lift_load_is_session_rpe_from_heart_rate(built: Built) -> None:
    row = (
        built.marts["activity_load"]
        .filter(pl.col("start_time_utc") == at(9, 18).replace(tzinfo=None))
        .row(0, named=True)
    )
    # 90th-percentile HR is the set HR 135: RPE = 10 × (135 − 50)/140 = 6.0714
    # sRPE = RPE × minutes; load = sRPE × 0.45
    assert row["rpe"] == pytest.approx(10 * 85 / 140)
    assert row["srpe"] == pytest.approx(row["rpe"] * row["minutes"])
    assert row["load"] == pytest.approx(row["srpe"] * 0.45)
    assert row["load_method"] == "srpe_heart_rate"


def test_weekly_summary_of_week_two(built: Built) -> None:
    week = (
        built.marts["weekly_summary"]
        .filter(pl.col("week_start") == dt.date(2024, 3, 11))
        .row(0, named=True)
    )
    assert week["n_runs"] == 5
    assert (week["n_lift_sessions"], week["n_lower_body_sessions"]) == (3, 1)
    # hard runs: intervals (2820 s) and tempo (3300 s) of 2820 + 3300 + 3300 + 6600 + 1800 s
    assert week["hard_share"] == pytest.approx((2820 + 3300) / (2820 + 3300 * 2 + 6600 + 1800))
    daily = built.marts["daily_load"]
    assert daily["date"].min() == dt.date(2024, 3, 4) and daily["date"].max() == dt.date(
        2024, 3, 24
    )
    assert daily.filter(pl.col("date") == dt.date(2024, 3, 5))["is_rest_day"].to_list() == [True]


def test_no_file_was_left_out(built: Built) -> None:
    loads = built.marts["activity_load"]
    assert loads.height == len(FILES)
    assert built.marts["runs"].height == 10
