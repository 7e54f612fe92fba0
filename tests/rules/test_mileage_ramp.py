"""Rule 3, mileage-ramp: week <= 110% of the recent level, single runs and the long run capped."""

from __future__ import annotations

import pytest
from rules_testkit import draft_of, policy, run

from rules.rulebook.mileage_ramp import mileage_ramp
from rules.signals import Signals

FOUR_RUNS = (
    run("mon", "easy", 8),
    run("wed", "easy", 8),
    run("thu", "tempo", 10),
    run("sat", "long", 16),
)  # 42 km, long 38%


@pytest.mark.parametrize(
    ("weekly_km", "level", "cap"),
    [
        ((30.0, 30.0, 30.0, 30.0), 30.0, 33.0),  # a 40% jump (42 vs 30) -> 110% of 30
        # last week above the chronic mean (32.5) lifts it by 10% at most: 35.75, cap 39.3
        ((30.0, 30.0, 30.0, 40.0), 35.8, 39.3),
        ((20.0, 20.0, 20.0, 26.0), 23.7, 26.0),  # mean 21.5, lifted to 23.65 (not to 26)
        ((40.0, 38.0, 36.0, 20.0, 30.0), 31.0, 34.1),  # mean of the last 4 (38+36+20+30)/4=31
        ((25.0,), 25.0, 27.5),  # one week of history: its km
        ((0.0, 0.0, 0.0, 2.0), 0.6, 10.0),  # near zero: the cap never goes below 10 km
    ],
)
def test_week_is_capped_at_110_percent_of_the_recent_level(weekly_km, level, cap) -> None:
    draft = draft_of(*FOUR_RUNS, weekly_km=42, long_run_km=12.6)  # long run at 30%
    new, changes = mileage_ramp(Signals(weekly_km=weekly_km), draft, policy())
    ramp = next(c for c in changes if "recent level" in c.message)
    assert ramp.rule == "mileage-ramp"
    assert ramp.evidence["level_km"] == level
    assert ramp.evidence["cap_km"] == cap
    assert ramp.evidence["planned_km"] == 42.0
    assert new.run_km == pytest.approx(cap)  # lands on the cap, to 0.1 km
    assert all(s.km is not None and s.km <= o.km for s, o in zip(new.runs, draft.runs, strict=True))


def test_week_within_the_ramp_is_left_alone() -> None:
    draft = draft_of(*FOUR_RUNS, weekly_km=33, long_run_km=9.9)
    assert mileage_ramp(Signals(weekly_km=(30.0,) * 4), draft, policy()) == (draft, [])


def test_no_history_no_cap_said_missing_elsewhere() -> None:
    draft = draft_of(*FOUR_RUNS, weekly_km=42, long_run_km=12.6)
    assert mileage_ramp(Signals(), draft, policy()) == (draft, [])


def test_no_run_longer_than_110_percent_of_the_longest_in_30_days() -> None:
    # Long 16 with 5 easy runs of 8 (56 km, long 29%): longest run lately 12 -> cap 13.2.
    draft = draft_of(
        *(run(d, "easy", 8) for d in ("mon", "tue", "wed", "thu", "fri")), run("sat", "long", 16)
    )
    new, (change,) = mileage_ramp(Signals(longest_run_30d_km=12.0), draft, policy())
    assert change.evidence["cap_km"] == 13.2
    assert change.evidence["runs_over"] == [16.0]
    long_run = next(s for s in new.runs if s.type == "long")
    assert long_run.km == 13.2
    assert new.run_km == pytest.approx(56.0)  # the 2.8 km went to the easy runs
    assert all(s.km <= 13.2 for s in new.runs)


def test_long_run_at_most_30_percent_of_the_week() -> None:
    # 16 of 40 km = 40% -> 12 km (30%), the 4 km spread over the three easy runs.
    draft = draft_of(
        run("mon", "easy", 8), run("wed", "easy", 8), run("fri", "easy", 8), run("sat", "long", 16)
    )
    new, (change,) = mileage_ramp(Signals(), draft, policy())
    assert change.evidence["long_run_share"] == 0.4
    assert change.evidence["max_share"] == 0.3
    assert [s.km for s in new.runs] == [9.4, 9.3, 9.3, 12.0]
    assert new.run_km == pytest.approx(40.0)


def test_with_three_runs_the_long_run_may_take_an_equal_third() -> None:
    # 16 + 8 + 8: an equal split (33%) is the least a 3-run week can do; the others are not
    # made longer than the long run, so the week shrinks: 10.6 + 10.6 + 10.6.
    draft = draft_of(run("mon", "easy", 8), run("wed", "easy", 8), run("sat", "long", 16))
    new, (change,) = mileage_ramp(Signals(), draft, policy())
    assert change.evidence["max_share"] == pytest.approx(0.333, abs=1e-3)
    assert [s.km for s in new.runs] == [10.6, 10.6, 10.6]


def test_a_single_run_week_has_no_share_cap() -> None:
    draft = draft_of(run("sat", "long", 16))
    assert mileage_ramp(Signals(), draft, policy()) == (draft, [])


def test_a_spike_is_not_a_new_level() -> None:
    """The issue's case: 28 -> 86 -> 96 km allowed 105.8 km with max(last week, mean); from
    the chronic level (mean 70, lifted 10% at most by last week's 96) the cap is 84.7 km."""
    draft = draft_of(*FOUR_RUNS, weekly_km=110, long_run_km=30)
    new, changes = mileage_ramp(Signals(weekly_km=(28.0, 86.0, 96.0)), draft, policy())
    ramp = next(c for c in changes if "recent level" in c.message)
    assert ramp.evidence["mean_km"] == 70.0
    assert ramp.evidence["level_km"] == 77.0  # 70 x 1.10
    assert ramp.evidence["cap_km"] == 84.7  # 77 x 1.10
    assert new.run_km == pytest.approx(84.7)


BEGINNER = (
    run("mon", "easy", 2.5),
    run("wed", "easy", 2.5),
    run("fri", "easy", 2.5),
    run("sun", "long", 3.8),
)  # 11.3 km; 30% is 3.39 km


def test_the_long_run_share_never_cuts_below_the_longest_run_of_30_days() -> None:
    """The issue's beginner: a 3.8 km long run (34% of 11.3 km) became 3.5 km; it already ran
    3.8 km in the last 30 days, so the share cap leaves it."""
    draft = draft_of(*BEGINNER)
    kept, changes = mileage_ramp(Signals(longest_run_30d_km=3.8), draft, policy())
    assert changes == [] and kept == draft
    # without that history the share cap applies: 11.3 x 30% = 3.39 -> 3.3 km
    cut, (change,) = mileage_ramp(Signals(), draft, policy())
    assert next(s.km for s in cut.runs if s.type == "long") == 3.3
    assert change.evidence["longest_run_30d_km"] is None


def test_the_floor_gives_way_to_a_fatigue_cut() -> None:
    from rules.signals import FitnessSignals, WellnessSignals

    tired = Signals(
        longest_run_30d_km=3.8,
        fitness=FitnessSignals(acwr=1.8, tsb=-40.0, monotony=1.0),
        wellness=WellnessSignals(sleep_7d_mean_h=6.0),
    )
    cut, (change,) = mileage_ramp(tired, draft_of(*BEGINNER), policy())
    assert next(s.km for s in cut.runs if s.type == "long") == 3.3
    assert change.evidence["longest_run_30d_km"] is None
