"""Rule 8, missed-sessions: no stacking; restart at 50-75% after more than 7 days off."""

from __future__ import annotations

import pytest
from rules_testkit import MONDAY, day, draft_of, easy_run, lift, lifted, policy, run, squat

from rules.plan import Exercise
from rules.rulebook.missed_sessions import missed_sessions
from rules.session import Session
from rules.signals import Signals

WEEK = (
    run("mon", "easy", 8),
    run("tue", "intervals", 10),
    run("thu", "tempo", 10),
    run("sat", "long", 12),
)  # 40 km


def last_week() -> tuple[Session, ...]:
    prev = MONDAY.replace(day=23)
    return (
        Session(prev, "run", "easy", 8.0),
        Session(day("tue", prev), "run", "intervals", 10.0),
        Session(day("thu", prev), "run", "tempo", 10.0),
        Session(day("sat", prev), "run", "long", 12.0),
        Session(day("mon", prev), "lift", "lower", minutes=40),
        Session(day("wed", prev), "lift", "upper", minutes=30),
    )


def test_missed_sessions_are_reported_not_stacked() -> None:
    # Last week's runs on Tue 24 and Fri 27 match the Mon easy run and the Thu tempo run
    # (+-1 day, in date order); Tue intervals and Sat long were missed; the Wed lift was done.
    runs = (easy_run(6, km=8), easy_run(3, km=10))
    signals = Signals(
        runs=runs,
        lifts=(lifted(5),),
        previous_week=last_week(),
        days_since_last_run=3,
        days_since_last_lift=5,
    )
    draft = draft_of(*WEEK)
    new, (change,) = missed_sessions(signals, draft, policy())
    assert new == draft  # the week is the plan's week: nothing added
    assert change.rule == "missed-sessions"
    assert change.evidence["missed"] == [
        "2026-11-24 intervals run",
        "2026-11-28 long run",
        "2026-11-23 lower lift",
    ]
    assert (change.evidence["planned_km"], change.evidence["done_km"]) == (40.0, 18.0)
    assert (change.evidence["planned_lifts"], change.evidence["done_lifts"]) == (2, 1)
    assert "3 planned session(s) were not recorded" in change.message
    assert "not added to this week" in change.message


def test_nothing_missed_nothing_said() -> None:
    runs = tuple(easy_run(d, km=10) for d in (7, 6, 4, 2))
    signals = Signals(
        runs=runs,
        lifts=(lifted(7), lifted(5)),
        previous_week=last_week(),
        days_since_last_run=2,
        days_since_last_lift=5,
    )
    assert missed_sessions(signals, draft_of(*WEEK), policy()) == (draft_of(*WEEK), [])


@pytest.mark.parametrize(
    ("days", "pct", "km"),
    [
        (7, None, 40.0),
        (8, 0.75, 30.0),
        (14, 0.75, 30.0),
        (15, 0.65, 26.0),
        (28, 0.65, 26.0),
        (29, 0.5, 20.0),
        (90, 0.5, 20.0),
    ],
)
def test_restart_after_a_break(days: int, pct: float | None, km: float) -> None:
    new, changes = missed_sessions(Signals(days_since_last_run=days), draft_of(*WEEK), policy())
    assert new.run_km == pytest.approx(km)
    if pct is None:
        assert changes == []
        return
    restart, easy = changes
    assert restart.evidence["restart_pct"] == pct
    assert restart.evidence["days_since_last_run"] == days
    assert restart.evidence["km_after"] == km
    # the first week back is easy running only: no intervals, no tempo (the long run stays)
    assert [s.type for s in new.runs] == ["easy", "easy", "easy", "long"]
    assert easy.evidence["comeback_week"] == 1
    assert easy.evidence["made_easy"] == ["2026-12-01 intervals", "2026-12-03 tempo"]
    assert "easy running only" in easy.message


def test_after_four_weeks_without_running_no_hard_running_for_three_weeks() -> None:
    from datetime import timedelta

    from rules.signals import RunBreak

    # back running since Wednesday two weeks ago, after 35 days off: this is week 3 back
    first = MONDAY - timedelta(days=12)
    signals = Signals(
        days_since_last_run=1,
        run_breaks=(RunBreak(first - timedelta(days=35), first, 35),),
    )
    new, (change,) = missed_sessions(signals, draft_of(*WEEK), policy())
    assert change.evidence["comeback_week"] == 3 and change.evidence["easy_weeks"] == 3
    assert not any(s.is_quality for s in new.runs)
    assert "after 35 days without running" in change.message
    # week 4 back: the plan's quality sessions return
    later = Signals(days_since_last_run=1, run_breaks=(RunBreak(None, first - timedelta(7), 40),))
    assert missed_sessions(later, draft_of(*WEEK), policy()) == (draft_of(*WEEK), [])


def test_only_lifting_for_weeks_means_no_hard_running_yet() -> None:
    from rules.signals import FitnessSignals

    lifter = Signals(days_since_last_lift=2, fitness=FitnessSignals(history_days=60))
    new, (change,) = missed_sessions(lifter, draft_of(*WEEK), policy())
    assert not any(s.is_quality for s in new.runs)
    assert "no run in 60 days of training data" in change.message
    # a brand-new user with a few days of data: nothing known, nothing forbidden
    new_user = Signals(fitness=FitnessSignals(history_days=5))
    assert missed_sessions(new_user, draft_of(*WEEK), policy()) == (draft_of(*WEEK), [])


def test_restart_lifting_after_a_break() -> None:
    lunge = Exercise("lunge", 3, 8, load_kg=20.0, main=False, region="lower")
    draft = draft_of(
        *WEEK,
        lift("wed", "lower", exercises=(squat(sets=3, load_kg=80.0), lunge)),
        lift("fri", "upper", minutes=30, exercises=(Exercise("row", 3, 10),)),
    )
    signals = Signals(days_since_last_lift=12, days_since_last_run=2)
    new, (change,) = missed_sessions(signals, draft, policy())
    # 9 sets planned -> floor(9 × 0.75) = 6: accessories first; loads -10%
    assert change.evidence["sets_before"] == 9 and change.evidence["sets_after"] == 6
    assert new.lift_sets == 6
    squat_now = new.lifts[0].exercises[0]
    assert squat_now.sets == 3 and squat_now.load_kg == 72.0
    assert new.lifts[0].exercises[1].load_kg == 18.0
