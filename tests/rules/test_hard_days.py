"""What makes a day hard (the seed's "80/20 rule of easy to hard days") and the weekly limit."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rules_testkit import before, day, draft_of, easy_run, hard_run, lift, lifted, policy
from rules_testkit import run as plan_run

from rules.hard_days import (
    hard_days,
    is_hard_session,
    max_hard_days,
    recorded_hard_days,
    recorded_training_days,
    training_days,
)
from rules.plan import Exercise
from rules.session import Session


def test_a_hard_run_or_a_lower_body_lift_makes_a_hard_day() -> None:
    week = draft_of(
        plan_run("mon", "easy", 8),
        plan_run("tue", "intervals", 10, "am"),
        lift("tue", "lower", slot="pm"),  # legs on the hard-run day: still one hard day
        plan_run("wed", "long", 16),  # a long run is not hard
        lift("thu", "upper"),
        plan_run("fri", "tempo", 8),
        lift("sat", "full"),
    )
    assert hard_days(week.sessions) == (day("tue"), day("fri"), day("sat"))
    assert training_days(week.sessions) == tuple(
        day(d) for d in ("mon", "tue", "wed", "thu", "fri", "sat")
    )


def test_a_race_is_hard_and_jumps_make_an_upper_body_lift_lower_body() -> None:
    race = Session(day("sun"), "run", "race", km=21.1)
    assert is_hard_session(race)
    upper = Session(day("thu"), "lift", "upper", minutes=30)
    assert not is_hard_session(upper)
    jumps = Exercise("box jump", 3, 5, region="plyometric")
    assert is_hard_session(replace(upper, exercises=(jumps,)))
    assert not is_hard_session(Session(day("mon"), "rest"))


def test_recorded_days_use_the_measured_intensity_and_lower_body() -> None:
    runs = [easy_run(1), hard_run(3), easy_run(3), hard_run(5)]
    lifts = [lifted(3, lower_body=True), lifted(4, lower_body=False), lifted(6, lower_body=True)]
    assert recorded_hard_days(runs, lifts) == (before(6), before(5), before(3))
    assert recorded_training_days(runs, lifts) == tuple(before(d) for d in (6, 5, 4, 3, 1))


@pytest.mark.parametrize(
    ("training", "limit"), [(0, 0), (1, 1), (3, 1), (4, 1), (5, 2), (6, 2), (7, 2)]
)
def test_the_limit_by_training_days(training: int, limit: int) -> None:
    # policy: 2 hard days for 5-7 training days, 1 for 4 or fewer (never more than trained)
    assert max_hard_days(training, policy().eighty_twenty) == limit
