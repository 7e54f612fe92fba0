"""Pushed → recorded → recognised: the exercise written to the watch is the one the coach finds.

A plan exercise becomes a FIT exercise in one place (`rules.exercises.fit_exercise`). Push
writes its `preferred` name to the watch; the watch records the sets under that category and
name; the coach matches them back with the same `FitExercise`. These tests write real workout
files, decode them with Garmin's SDK and read the names back as the warehouse loader does.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from garmin_fit_sdk import Decoder, Stream
from hypothesis import given, settings
from hypothesis import strategies as st

from rules import Session
from rules.errors import ConfigError
from rules.exercises import GYM_CATEGORIES, KNOWN, fit_catalogue, fit_exercise, is_recorded_as
from rules.io import render_template
from rules.plan import Exercise, parse_plan
from runlift_sync.fit.sdk_profile import exercise_name
from runlift_sync.push.exercise_catalog import watch_exercise
from runlift_sync.push.fit_workout import encode_workout
from runlift_sync.push.garmin_workout_payload import workout_payload
from runlift_sync.push.structured_workout import LiftLandmarks, Repeat, RunLandmarks, build_workout

TUE = dt.date(2025, 7, 8)
RUNS = RunLandmarks(lthr_bpm=170, vt1_bpm=153, hr_max_bpm=190, easy_pace_s_per_km=360.0)

#: Names a plan may use that KNOWN does not list, one per way of resolving them.
OTHER_NAMES = (
    "Hip Thrusts",  # KNOWN, plural
    "goblet squats",
    "deadlift",  # a FIT category: every deadlift; the watch is told barbell_deadlift
    "lunges",
    "row",
    "shoulder press",  # a category KNOWN does not list: the category alone
    "sumo deadlift",  # a FIT name
    "chin up",
    "reverse lunge",  # a FIT name with a barbell_ prefix
    "face pull",
    "lat pulldown",
    "hang clean",  # word by word
    "lateral lunge",
    "rdl",
    "side_plank",
)


def recorded(exercise: Exercise) -> tuple[str, str | None]:
    """The (category, name) a watch records for `exercise`, from the pushed FIT file."""
    session = Session(TUE, "lift", "lower", exercises=(exercise,))
    workout = build_workout(session, RUNS, LiftLandmarks())
    data = encode_workout(workout, serial=1, time_created=dt.datetime(2025, 7, 7, tzinfo=dt.UTC))
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    step: dict[str, Any] = next(s for s in messages["workout_step_mesgs"] if "duration_reps" in s)
    category = step["exercise_category"]
    return category, exercise_name(category, step.get("exercise_name"))


@pytest.mark.parametrize("name", [*KNOWN, *OTHER_NAMES])
def test_what_push_writes_the_coach_recognises(name: str) -> None:
    planned = Exercise(name, 3, 5)
    category, fit_name = recorded(planned)
    fit = fit_exercise(planned)
    assert fit is not None and fit.matches(category, fit_name), (name, category, fit_name)
    assert is_recorded_as(planned, fit_name or category)
    if name in KNOWN:
        assert (category, fit_name) == KNOWN[name]


@settings(deadline=None, max_examples=60)
@given(
    st.sampled_from(GYM_CATEGORIES).flatmap(
        lambda c: st.sampled_from(sorted(fit_catalogue()[c])).map(lambda n: n.replace("_", " "))
    )
)
def test_any_gym_exercise_name_pushed_is_recognised(name: str) -> None:
    planned = Exercise(name, 3, 5)
    pushed = watch_exercise(planned)
    fit = fit_exercise(planned)
    assert pushed is not None and fit is not None
    assert fit.matches(pushed.category, pushed.name)


def test_the_plans_own_category_and_fit_name_are_pushed() -> None:
    mine = Exercise("my squat", 3, 5, category="squat", fit_name="barbell_box_squat")
    assert recorded(mine) == ("squat", "barbell_box_squat")
    # the plan's category wins over the name's: a "back squat" written as a lunge is a lunge
    as_lunge = Exercise("back squat", 3, 5, category="lunge")
    assert recorded(as_lunge) == ("lunge", None)
    session = Session(TUE, "lift", "lower", exercises=(mine,))
    payload = workout_payload(build_workout(session, RUNS, LiftLandmarks()))
    steps = payload["workoutSegments"][0]["workoutSteps"]
    step = steps[0]["workoutSteps"][0] if steps[0].get("type") == "RepeatGroupDTO" else steps[0]
    assert (step["category"], step["exerciseName"]) == ("SQUAT", "BARBELL_BOX_SQUAT")


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ('category = "squats"', "category = \"squats\": is not a FIT exercise category; did you mean 'squat'?"),
        (
            'category = "squat"\n  fit_name = "barbell_back_squats"',
            "fit_name = \"barbell_back_squats\": is not a FIT exercise of category 'squat'; did you mean 'barbell_back_squat'",
        ),
        ('fit_name = "barbell_back_squat"', "fit_name = \"barbell_back_squat\": needs the category it belongs to"),
    ],
)  # fmt: skip
def test_a_plan_category_or_name_the_profile_lacks_is_refused_with_its_line(
    written: str, said: str
) -> None:
    """A typo would match no recorded set and tell the watch nothing: the plan is refused,
    naming the line and the closest FIT names."""
    text = render_template("base", start=TUE - dt.timedelta(days=1)).replace(
        'name = "back squat"', f'name = "back squat"\n  {written}', 1
    )
    wrong = written.splitlines()[-1].strip()  # the key the error is about: its own line
    line = [row.strip() for row in text.splitlines()].index(wrong) + 1
    with pytest.raises(ConfigError) as refused:
        parse_plan(text, source="plan.toml")
    message = str(refused.value)
    assert said in message and f"line {line}" in message, message


def test_a_name_nothing_fits_keeps_its_regions_category() -> None:
    pogo = Exercise("skipping drills", 2, 10, region="plyometric")
    session = Session(TUE, "lift", "lower", exercises=(pogo,))
    workout = build_workout(session, RUNS, LiftLandmarks())
    (group,) = workout.items
    assert isinstance(group, Repeat)
    lift = group.steps[0].lift
    assert lift is not None and lift.fit is not None
    assert (lift.fit.category, lift.fit.name) == ("plyo", None)
    # the coach looks for what the watch was told: plyo sets recorded with the category alone
    fit = fit_exercise(pogo)
    assert fit is not None and fit.matches("plyo", None)
    assert not fit.matches("plyo", "box_jump") and not fit.matches("core", None)
    assert fit_exercise(Exercise("skipping drills", 2, 10)) is None  # no region: unknown
