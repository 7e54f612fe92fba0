"""Signals derived from activities, and the hard-constraint checker itself."""

from __future__ import annotations

from rules_testkit import MONDAY, before, day, draft_of, easy_run, lift, lifted, policy, run

from rules.adjust import enforce_hard_constraints, hard_constraint_violations
from rules.signals import Signals, signals_from_activities


def test_signals_from_activities_derives_weekly_fields() -> None:
    runs = (easy_run(1, km=10), easy_run(3, km=5), easy_run(9, km=12), easy_run(40, km=30))
    signals = signals_from_activities(MONDAY, runs, (lifted(4),), weeks=6)
    # weeks back from the planned week: 6 (contains day 40), 5, 4, 3, 2 (day 9), 1 (days 1, 3)
    assert signals.weekly_km == (30.0, 0.0, 0.0, 0.0, 12.0, 15.0)
    assert signals.longest_run_30d_km == 12.0  # the 30 km run is 40 days old
    assert (signals.days_since_last_run, signals.days_since_last_lift) == (1, 4)


def test_weeks_before_the_first_activity_are_left_out() -> None:
    signals = signals_from_activities(MONDAY, (easy_run(3, km=8),))
    assert signals.weekly_km == (8.0,)
    assert signals_from_activities(MONDAY).weekly_km == ()
    assert signals_from_activities(MONDAY).days_since_last_run is None


def test_activities_on_or_after_the_week_start_are_dropped() -> None:
    signals = signals_from_activities(MONDAY, (easy_run(-1, km=8), easy_run(2, km=6)))
    assert [r.distance_km for r in signals.runs] == [6]


def test_the_checker_sees_each_broken_constraint() -> None:
    draft = draft_of(
        lift("mon", "lower"),
        run("tue", "intervals", 20),
        run("wed", "easy", 5),
        run("sat", "long", 25),
    )
    signals = Signals(
        weekly_km=(20.0,) * 4, longest_run_30d_km=10.0, lifts=(lifted(1, lower_body=True),)
    )
    broken = hard_constraint_violations(signals, draft, policy())
    assert any("Tue intervals run 1 day(s) after a lower-body lift" in b for b in broken)
    assert any("mileage ramp cap 22.0 km" in b for b in broken)
    assert any("single-run cap 11.0 km" in b for b in broken)
    assert any("long run 25.0 km > 33%" in b for b in broken)


def test_enforcement_repairs_every_broken_constraint() -> None:
    draft = draft_of(
        lift("mon", "lower"),
        run("mon", "tempo", 8),
        run("tue", "intervals", 20),
        run("wed", "easy", 5),
        run("sat", "long", 25),
    )
    signals = Signals(
        weekly_km=(20.0,) * 4, longest_run_30d_km=10.0, lifts=(lifted(1, lower_body=True),)
    )
    fixed, changes = enforce_hard_constraints(signals, draft, policy())
    assert hard_constraint_violations(signals, fixed, policy()) == []
    # 4 training days allow 1 hard day: the final 80/20 check keeps one quality run
    assert {c.rule for c in changes} == {"mileage-ramp", "legs-before-key-run", "eighty-twenty"}
    assert sum(1 for s in fixed.runs if s.is_quality) == 1
    assert fixed.run_km <= 22.0
    assert before(1) < day("mon")


def test_coming_monday() -> None:
    from datetime import date

    from rules import coming_monday

    assert coming_monday(date(2026, 11, 26)) == date(2026, 11, 30)  # Thursday
    assert coming_monday(date(2026, 11, 29)) == date(2026, 11, 30)  # Sunday
    assert coming_monday(date(2026, 11, 30)) == date(2026, 12, 7)  # a Monday: the next one
