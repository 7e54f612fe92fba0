"""Issue 11, lifting as the seed asks, end to end: FIT history (sets with their FIT category and
exercise name, as a watch records them) → `runlift import` → `runlift plan next`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.coach.coach_e2e import (
    WEEK,
    History,
    change,
    day,
    fit_subtype,
    import_history,
    lift,
    plan_text,
    steady_weeks,
)
from tests.support.fit_builder import SetDef

SQUAT = fit_subtype("squat", "barbell_back_squat")
DEADLIFT = fit_subtype("deadlift", "barbell_deadlift")
ROW_NOT_DEADLIFT = fit_subtype("row", "barbell_straight_leg_deadlift_to_row")


@pytest.fixture(scope="module")
def lifted(tmp_path_factory: pytest.TempPathFactory) -> History:
    """Steady running, and one gym session: back squats 3 × 5 @ 90 kg (e1RM 105 kg),
    deadlifts 3 × 5 @ 120 kg (e1RM 140 kg) and heavy straight-leg-deadlift-to-rows
    3 × 5 @ 150 kg (FIT category row: e1RM 175 kg, but not a deadlift)."""
    files = steady_weeks(WEEK - dt.timedelta(weeks=4), 4)
    sets = [SetDef("squat", 5, 90.0, rest_s=150, subtype=SQUAT)] * 3
    sets += [SetDef("deadlift", 5, 120.0, rest_s=150, subtype=DEADLIFT)] * 3
    sets += [SetDef("row", 5, 150.0, rest_s=150, subtype=ROW_NOT_DEADLIFT)] * 3
    files["gym.fit"] = lift(day(-4), sets)
    return import_history(tmp_path_factory.mktemp("lifted"), files)


def prescription(week: dict, exercise: str) -> dict:
    """The heavy-lifting-progression change of one main lift."""
    return next(
        c
        for c in week["changes"]
        if c["rule"] == "heavy-lifting-progression" and c["evidence"].get("exercise") == exercise
    )


RUNS = [
    {"day": "mon", "kind": "run", "type": "easy", "km": 8, "slot": "am"},
    {"day": "tue", "kind": "run", "type": "intervals", "km": 8, "slot": "am"},
    {"day": "wed", "kind": "run", "type": "easy", "km": 7},
    {"day": "fri", "kind": "run", "type": "easy", "km": 6},
    {"day": "sun", "kind": "run", "type": "long", "km": 3},
]


def test_the_recorded_sets_carry_their_fit_enums(lifted: History, tmp_path: Path) -> None:
    rows = lifted.copy(tmp_path).sql(
        "SELECT exercise_category, exercise_name, max(e1rm_kg) AS e1rm FROM lift_sets "
        "GROUP BY ALL ORDER BY exercise_category"
    )
    assert [(r["exercise_category"], r["exercise_name"], r["e1rm"]) for r in rows] == [
        ("deadlift", "barbell_deadlift", 140.0),
        ("row", "barbell_straight_leg_deadlift_to_row", 175.0),
        ("squat", "barbell_back_squat", 105.0),
    ]


def test_a_base_leg_session_without_exercises_gets_real_heavy_work(
    lifted: History, tmp_path: Path
) -> None:
    legs = {"day": "thu", "kind": "lift", "type": "lower", "minutes": 40, "slot": "pm"}
    week = lifted.copy(tmp_path).plan(plan_text([*RUNS, legs]))
    (session,) = [s for s in week["sessions"] if s["kind"] == "lift"]
    squat, jumps = session["exercises"]
    # a main lower-body lift: 3 × 5 at 80% of the recorded e1RM (105 kg), 150 s rest...
    heavy = change(week, "lifting-by-phase")
    assert heavy["evidence"]["e1rm_kg"] == 105.0
    assert "heavy lower-body work: added back squat 3x5 @ 84 kg" in heavy["message"]
    # ...progressed at once: 3 × 5 were done at 90 kg on Thursday: +2.5% (<= 88% of e1RM)
    progression = prescription(week, "back squat")
    assert "all 3×5 done on 2026-02-26: load 84 -> 86.5 kg" in progression["message"]
    assert (squat["name"], squat["sets"], squat["reps"]) == ("back squat", 3, 5)
    assert (squat["load_kg"], squat["rest_s"]) == (86.5, 150)
    # plyometrics alongside, with the leg work
    assert (jumps["name"], jumps["sets"], jumps["reps"]) == ("pogo jumps", 3, 10)


def test_jumps_in_an_upper_body_session_count_as_lower_body_for_the_legs_rule(
    lifted: History, tmp_path: Path
) -> None:
    coach = lifted.copy(tmp_path)
    upper = {"day": "mon", "kind": "lift", "type": "upper", "minutes": 30, "slot": "pm"}
    push = {"name": "push up", "sets": 3, "reps": 10}
    jumps = {"name": "box jump", "sets": 3, "reps": 5}

    calm = coach.plan(plan_text([*RUNS, upper | {"exercise": [push]}]))
    assert "legs-before-key-run" not in [c["rule"] for c in calm["changes"]]

    week = coach.plan(plan_text([*RUNS, upper | {"exercise": [push, jumps]}]))
    legs = change(week, "legs-before-key-run")["evidence"]
    assert (legs["lift_date"], legs["key_run_date"], legs["days_between"]) == (
        "2026-03-02",
        "2026-03-03",
        1,
    )
    (moved,) = [s for s in week["sessions"] if s["kind"] == "lift"]
    assert (moved["day"], moved["slot"]) == ("tue", "pm")  # after the intervals


def test_exercises_are_matched_by_fit_enums_not_by_words(lifted: History, tmp_path: Path) -> None:
    deadlift = {"name": "deadlift", "sets": 3, "reps": 5, "pct_1rm": 0.8, "main": True}
    legs = {"day": "thu", "kind": "lift", "type": "lower", "minutes": 40, "exercise": [deadlift]}
    week = lifted.copy(tmp_path).plan(plan_text([*RUNS, legs], phase="build"))
    (session,) = [s for s in week["sessions"] if s["kind"] == "lift"]
    planned = next(e for e in session["exercises"] if e["name"] == "deadlift")
    # 80% of the deadlift's e1RM (140 kg), not of the row that has "deadlift" in its name
    # (175 kg: that would have been 140 kg), then +2.5% for the 3 × 5 done at 120 kg
    progression = prescription(week, "deadlift")
    assert progression["evidence"]["e1rm_kg"] == 140.0
    assert "load 112 kg = 80% of estimated 1RM 140.0 kg" in progression["message"]
    assert planned["load_kg"] == 115.0
