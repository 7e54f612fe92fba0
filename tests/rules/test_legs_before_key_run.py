"""Rule 2, legs-before-key-run: lower-body lifts move away from the key runs they would spoil."""

from __future__ import annotations

from datetime import date

from rules_testkit import before, day, draft_of, lift, lifted, policy, run, squat

from rules.plan import Exercise
from rules.rulebook.legs_before_key_run import legs_before_key_run
from rules.signals import Signals
from rules.week import DraftWeek


def where(draft: DraftWeek, kind: str, type_: str) -> list[tuple[date, str | None]]:
    return [(s.date, s.slot) for s in draft.sessions if s.kind == kind and s.type == type_]


def test_lift_the_day_before_intervals_moves_to_the_intervals_afternoon() -> None:
    draft = draft_of(
        lift("mon", "lower", exercises=(squat(),)),
        run("tue", "intervals", 10),
        run("wed", "easy", 8),
        run("sat", "long", 16),
    )
    new, (change,) = legs_before_key_run(Signals(), draft, policy())
    assert where(new, "lift", "lower") == [(day("tue"), "pm")]
    assert where(new, "run", "intervals") == [(day("tue"), "am")]  # run first, lift >= 6 h later
    assert change.rule == "legs-before-key-run"
    assert change.evidence["days_between"] == 1
    assert change.evidence["key_run_type"] == "intervals"
    assert change.evidence["moved_to"] == "2026-12-01"
    assert "Tue pm, after the intervals run (>= 6 h)" in change.message
    assert new.run_km == draft.run_km and new.lift_sets == draft.lift_sets


def test_lift_before_the_run_on_the_same_day_goes_after_it() -> None:
    draft = draft_of(lift("thu", "full", slot="am"), run("thu", "tempo", 10, "pm"))
    new, (change,) = legs_before_key_run(Signals(), draft, policy())
    assert where(new, "lift", "full") == [(day("thu"), "pm")]
    assert where(new, "run", "tempo") == [(day("thu"), "am")]
    assert change.evidence["days_between"] == 0


def test_without_a_hard_day_the_lift_moves_two_days_before_the_long_run() -> None:
    draft = draft_of(
        run("mon", "easy", 8), run("wed", "easy", 8), lift("fri", "lower"), run("sat", "long", 16)
    )
    new, (change,) = legs_before_key_run(Signals(), draft, policy())
    assert where(new, "lift", "lower") == [(day("thu"), None)]  # Thu -> Sat is 2 days
    assert change.evidence["moved_to"] == "2026-12-03"


def test_a_lift_pm_after_a_hard_run_is_fine_and_so_is_two_days_before() -> None:
    draft = draft_of(
        run("tue", "intervals", 10, "am"),
        lift("tue", "lower", slot="pm"),
        lift("thu", "full"),
        run("sat", "long", 16),
    )
    assert legs_before_key_run(Signals(), draft, policy()) == (draft, [])


def test_upper_body_lifts_never_conflict() -> None:
    draft = draft_of(lift("mon", "upper"), run("tue", "intervals", 10))
    assert legs_before_key_run(Signals(), draft, policy()) == (draft, [])


def test_no_legal_day_makes_the_key_run_easy_keeping_volume() -> None:
    # A long run every day: no day is free of key runs, none is a hard-run day.
    draft = draft_of(
        *(run(d, "long", 10) for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")),
        lift("wed", "lower", exercises=(squat(),)),
    )
    new, changes = legs_before_key_run(Signals(), draft, policy())
    assert [c.rule for c in changes] == ["legs-before-key-run"] * len(changes)
    assert changes[0].evidence["moved_to"] is None
    assert "made an easy run (10 km kept)" in changes[0].message
    lift_day = next(s.date for s in new.lifts)
    assert all(s.type == "easy" for s in new.runs if 0 <= (s.date - lift_day).days < 2)
    assert new.run_km == draft.run_km and new.lift_sets == draft.lift_sets


def test_lower_body_lift_the_sunday_before_moves_mondays_key_run() -> None:
    draft = draft_of(run("mon", "intervals", 10), run("tue", "easy", 8), run("sat", "long", 16))
    signals = Signals(lifts=(lifted(1, lower_body=True),))
    new, (change,) = legs_before_key_run(signals, draft, policy())
    assert where(new, "run", "intervals") == [(day("tue"), None)]
    assert where(new, "run", "easy") == [(day("mon"), None)]
    assert change.evidence["lift_date"] == before(1).isoformat()
    assert change.evidence["days_between"] == 1


def test_upper_body_lift_the_sunday_before_changes_nothing() -> None:
    draft = draft_of(run("mon", "intervals", 10))
    signals = Signals(lifts=(lifted(1, lower_body=False),))
    assert legs_before_key_run(signals, draft, policy()) == (draft, [])


def test_lift_two_days_before_the_week_is_far_enough() -> None:
    draft = draft_of(run("mon", "intervals", 10))
    signals = Signals(lifts=(lifted(2, lower_body=True),))
    assert legs_before_key_run(signals, draft, policy()) == (draft, [])


def test_moving_a_lift_keeps_its_exercises() -> None:
    plyo = Exercise("box jump", 3, 5, region="plyometric")
    draft = draft_of(lift("mon", "lower", exercises=(squat(), plyo)), run("tue", "tempo", 10))
    new, _ = legs_before_key_run(Signals(), draft, policy())
    (moved,) = new.lifts
    assert moved.exercises == draft.lifts[0].exercises
