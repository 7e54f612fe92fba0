"""Rule 9, one-stressor: running and lifting volume do not both rise sharply."""

from __future__ import annotations

from rules_testkit import draft_of, lift, lifted, policy, run, squat, squat_sets

from rules.plan import Exercise
from rules.rulebook.one_stressor import one_stressor
from rules.signals import LiftDone, Signals

ROW = Exercise("row", 3, 10, main=False, region="upper")


def week(km: float):
    return draft_of(
        run("mon", "easy", km - 10),
        run("sat", "long", 10),
        lift("wed", "lower", exercises=(squat(sets=4), ROW, ROW, ROW)),
    )  # 13 sets


LAST_WEEK_LIFTS = (lifted(3, sets=squat_sets([6] * 10)),)  # 10 sets


def test_both_rising_sharply_holds_lifting() -> None:
    # Running 30 -> 36 km (+20%), lifting 10 -> 13 sets (+30%): lifting <= floor(10 × 1.1) = 11
    signals = Signals(weekly_km=(30.0,), lifts=LAST_WEEK_LIFTS)
    new, (change,) = one_stressor(signals, week(36), policy())
    assert change.rule == "one-stressor"
    assert new.lift_sets == 11
    assert new.run_km == 36.0
    assert change.evidence["run_rise_pct"] == 0.2
    assert change.evidence["lift_rise_pct"] == 0.3
    assert change.evidence["sets_after"] == 11


def test_lifting_is_never_held_below_half_the_plan() -> None:
    # Last week only 2 sets: +10% would be 2 sets; half the plan's 13 sets (7) is the floor.
    signals = Signals(weekly_km=(30.0,), lifts=(lifted(3, sets=squat_sets([6, 6])),))
    new, (change,) = one_stressor(signals, week(36), policy())
    assert new.lift_sets == 7
    assert change.evidence["min_sets"] == 7


def test_a_10_percent_rise_is_not_sharp() -> None:
    signals = Signals(weekly_km=(30.0,), lifts=LAST_WEEK_LIFTS)
    draft = week(33)
    assert one_stressor(signals, draft, policy()) == (draft, [])


def test_unknown_lifting_volume_is_not_guessed() -> None:
    no_sets = (LiftDone(LAST_WEEK_LIFTS[0].local_date, 40.0, True, ()),)
    signals = Signals(weekly_km=(20.0,), lifts=no_sets)
    draft = week(36)
    assert one_stressor(signals, draft, policy()) == (draft, [])
