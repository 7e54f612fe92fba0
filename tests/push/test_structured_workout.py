"""The structured workout of each session type (pure: no warehouse, no files)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules import Session
from rules.plan import Exercise
from runlift_sync.push.exercise_catalog import watch_exercise
from runlift_sync.push.structured_workout import (
    MAX_STEPS,
    LiftLandmarks,
    Repeat,
    RunLandmarks,
    SessionNotPushable,
    Step,
    build_workout,
)
from runlift_sync.push.week_to_push import keyed_sessions
from tests.push.push_support import RUNS, TEMPLATE, day, replace_session

TUE = dt.date(2025, 7, 8)
NO_LIFTS = LiftLandmarks()


def test_intervals_are_a_repeat_sized_to_the_planned_km() -> None:
    workout = build_workout(Session(TUE, "run", "intervals", km=10, slot="am"), RUNS, NO_LIFTS)
    warmup, repeat, _cooldown = workout.items
    assert isinstance(repeat, Repeat)
    # 25 min warm-up + cool-down at 6:00/km = 4167 m; each rep 3' at 4:30/km (667 m) + 2' jog
    # at 6:36/km (303 m) = 970 m; (10000 - 4167) / 970 = 6.0 → 6 reps
    assert repeat.times == 6
    assert workout.name == "Tue 8 intervals 6×3'"
    work, jog = repeat.steps
    assert (work.end, work.value, work.primary) == ("time", 180, "pace")
    assert work.pace is not None
    assert round(work.pace.fast_s_per_km) == 262 and round(work.pace.slow_s_per_km) == 278
    assert (work.hr.low_bpm, work.hr.high_bpm) == (162, 190)  # type: ignore[union-attr]
    assert jog.hr is None and jog.pace is None
    assert isinstance(warmup, Step) and warmup.hr.high_bpm == 153  # type: ignore[union-attr]
    assert workout.step_count == 5


def test_easy_and_long_runs_have_a_ceiling_at_vt1_and_their_distance() -> None:
    for kind in ("easy", "long"):
        workout = build_workout(Session(TUE, "run", kind, km=12.5), RUNS, NO_LIFTS)
        (step,) = workout.items
        assert isinstance(step, Step)
        assert (step.end, step.value, step.primary) == ("distance", 12500, "hr")
        assert (step.hr.low_bpm, step.hr.high_bpm) == (128, 153)  # type: ignore[union-attr]
        assert step.pace.slow_s_per_km == pytest.approx(388.8)  # type: ignore[union-attr]


def test_recovery_runs_stay_under_zone_2() -> None:
    (step,) = build_workout(Session(TUE, "run", "recovery", km=5), RUNS, NO_LIFTS).items
    assert step.hr.high_bpm == 144  # type: ignore[union-attr]


def test_tempo_is_one_block_between_warm_up_and_cool_down() -> None:
    workout = build_workout(Session(TUE, "run", "tempo", km=9), RUNS, NO_LIFTS)
    _, block, _ = workout.items
    assert isinstance(block, Step)
    # 9000 m - 25 min at 6:00/km (4167 m) = 4833 m → 5 km in half-km steps
    assert (block.end, block.value) == ("distance", 5000)
    assert (block.hr.low_bpm, block.hr.high_bpm) == (153, 170)  # type: ignore[union-attr]


def test_without_landmarks_runs_have_no_targets_and_say_why() -> None:
    workout = build_workout(Session(TUE, "run", "intervals", km=8), RunLandmarks(), NO_LIFTS)
    steps = [s for i in workout.items for s in (i.steps if isinstance(i, Repeat) else (i,))]
    assert all(s.hr is None and s.pace is None and s.primary is None for s in steps)
    assert any("no heart-rate landmarks" in n for n in workout.notes)


def test_a_race_is_a_note_only_workout() -> None:
    workout = build_workout(Session(TUE, "run", "race", km=10), RUNS, NO_LIFTS)
    (step,) = workout.items
    assert isinstance(step, Step)
    assert step.kind == "note" and step.hr is None and step.pace is None
    assert "no targets" in step.notes


def test_rest_days_are_not_pushed() -> None:
    with pytest.raises(SessionNotPushable, match="rest day"):
        build_workout(Session(TUE, "rest"), RUNS, NO_LIFTS)


def test_lifts_are_repeat_groups_with_fit_enums_and_loads_from_e1rm() -> None:
    lifts = LiftLandmarks(e1rm_kg={"barbell_back_squat": 100.0}, pct_1rm={"back squat": 0.8})
    session = Session(
        TUE,
        "lift",
        "lower",
        minutes=40,
        slot="pm",
        exercises=(
            Exercise("back squat", 3, 6, rest_s=150),
            Exercise("pogo jumps", 2, 10, rest_s=60, region="plyometric"),
        ),
    )
    workout = build_workout(session, RUNS, lifts)
    assert (workout.sport, workout.sub_sport) == ("training", "strength_training")
    squat, pogo = workout.items
    assert isinstance(squat, Repeat) and squat.times == 3
    lift = squat.steps[0].lift
    assert lift is not None and lift.fit is not None
    assert (lift.fit.category, lift.fit.category_id) == ("squat", 28)
    assert (lift.fit.name, lift.fit.name_id) == ("barbell_back_squat", 6)
    assert lift.weight_kg == 80.0 and "80% of estimated 1RM 100.0 kg" in lift.load_note
    assert squat.steps[1].value == 150
    assert isinstance(pogo, Repeat)
    assert pogo.steps[0].lift.fit.category == "plyo"  # type: ignore[union-attr]
    assert pogo.steps[0].lift.fit.name is None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "category", "fit_name"),
    [
        ("trap bar deadlift", "deadlift", "trap_bar_deadlift"),
        ("Romanian Deadlift", "deadlift", "romanian_deadlift"),
        ("bench press", "bench_press", "barbell_bench_press"),
        ("pull-up", "pull_up", "pull_up"),
        ("dead bug", "hip_stability", "dead_bug"),
        ("goblet squats", "squat", "goblet_squat"),
        ("kettlebell swing", "hip_swing", None),
    ],
)
def test_exercise_names_map_to_fit_enums(name: str, category: str, fit_name: str | None) -> None:
    found = watch_exercise(Exercise(name, 3, 5))
    if fit_name is None:
        assert found is None or found.category != category or found.name is not None
        return
    assert found is not None and (found.category, found.name) == (category, fit_name)


def test_every_catalogue_entry_is_in_garmin_connects_catalogue() -> None:
    from garminconnect import exercises

    from rules.exercises import KNOWN
    from runlift_sync.push.exercise_catalog import numbered

    connect = {(c, e) for _, c, e in exercises._RAW}
    categories = set(exercises.CATEGORIES)
    for category, name in KNOWN.values():
        fit = numbered(category, name)
        assert fit.connect_category in categories
        if name is not None:
            assert (fit.connect_category, fit.connect_name) in connect, name


@settings(deadline=None, max_examples=50)
@given(st.integers(min_value=1, max_value=40), st.integers(min_value=1, max_value=10))
def test_a_lift_never_exceeds_50_steps(exercises: int, sets: int) -> None:
    session = Session(
        TUE,
        "lift",
        "full",
        exercises=tuple(Exercise(f"exercise {i}", sets, 8, rest_s=60) for i in range(exercises)),
    )
    assert build_workout(session, RUNS, NO_LIFTS).step_count <= MAX_STEPS


def test_keys_survive_changes_and_moves() -> None:
    first = {k.session.date: k.key for k in keyed_sessions(day(0), TEMPLATE, TEMPLATE)}
    assert first[day(3)] == "2025-07-07/thu-am-run-tempo"
    made_easy = replace_session(TEMPLATE, 3, type="easy")
    again = keyed_sessions(
        day(0), TEMPLATE, made_easy, ("eighty-twenty: Thu am tempo run made easy",)
    )
    thursday = next(k for k in again if k.session.date == day(3))
    assert thursday.key == first[day(3)]
    assert thursday.changes == (
        "changed: tempo → easy",
        "eighty-twenty: Thu am tempo run made easy",
    )
    moved = keyed_sessions(day(0), TEMPLATE, replace_session(TEMPLATE, 3, date=day(4)))
    friday = next(k for k in moved if k.session.date == day(4) and k.session.kind == "run")
    assert friday.key == first[day(3)]
    assert len({k.key for k in moved}) == len(moved)
