"""Rule 4, fatigue-flags: flags from hand-built fitness and wellness -> progress/hold/cut/deload."""

from __future__ import annotations

import pytest
from rules_testkit import draft_of, lift, policy, run, squat

from rules.fatigue import assess_fatigue
from rules.plan import Exercise
from rules.rulebook.fatigue_flags import fatigue_flags
from rules.signals import FatigueSnapshot, FitnessSignals, Signals, WellnessSignals

CALM = FitnessSignals(ctl=50, atl=50, tsb=0.0, acwr=1.0, monotony=1.2, strain=2000)
RESTED = WellnessSignals(
    hrv_7d_mean_ms=60,
    hrv_7d_count=7,
    hrv_baseline_mean_ms=60,
    hrv_baseline_sd_ms=6,
    rhr_7d_mean_bpm=48,
    rhr_baseline_bpm=48,
    sleep_7d_mean_h=8.0,
)


def fit(**kw: float) -> FitnessSignals:
    return FitnessSignals(**{**CALM.__dict__, **kw})


def well(**kw: float) -> WellnessSignals:
    return WellnessSignals(**{**RESTED.__dict__, **kw})


@pytest.mark.parametrize(
    ("fitness", "wellness", "flags", "missing"),
    [
        (CALM, RESTED, [], []),
        (fit(acwr=1.5), RESTED, ["acwr"], []),  # >= 1.5 flags
        (fit(acwr=1.49), RESTED, [], []),
        (fit(tsb=-30.0), RESTED, [], []),  # < -30 flags, -30 does not
        (fit(tsb=-30.1), RESTED, ["tsb"], []),
        (fit(monotony=2.0), RESTED, [], []),  # > 2.0 flags
        (fit(monotony=2.01), RESTED, ["monotony"], []),
        # HRV: 60 - 0.5 × 6 = 57 -> 56.9 flags, 57 does not
        (CALM, well(hrv_7d_mean_ms=56.9), ["hrv"], []),
        (CALM, well(hrv_7d_mean_ms=57.0), [], []),
        # ... and only with >= 3 readings: 2 readings = not measured, not a flag
        (CALM, well(hrv_7d_mean_ms=40.0, hrv_7d_count=2), [], ["hrv"]),
        (CALM, well(rhr_7d_mean_bpm=53.0), ["rhr"], []),  # >= baseline + 5
        (CALM, well(rhr_7d_mean_bpm=52.9), [], []),
        (CALM, well(sleep_7d_mean_h=6.9), ["sleep"], []),
        (
            FitnessSignals(),
            WellnessSignals(),
            [],
            ["acwr", "tsb", "hrv", "rhr", "sleep", "monotony"],
        ),
        (fit(acwr=1.7, tsb=-35.0), well(sleep_7d_mean_h=6.0), ["acwr", "tsb", "sleep"], []),
    ],
)
def test_flags(fitness, wellness, flags, missing) -> None:
    assessment = assess_fatigue(Signals(fitness=fitness, wellness=wellness), policy())
    assert list(assessment.flags) == flags
    assert list(assessment.missing) == missing


WEEK = (
    run("mon", "easy", 8),
    run("tue", "intervals", 10),
    run("thu", "tempo", 10),
    run("sat", "long", 12),
)  # 40 km, long 30%
HISTORY = (30.0, 30.0, 30.0, 30.0)  # recent level 30 km


@pytest.mark.parametrize(
    ("fitness", "wellness", "previous", "decision", "km", "hard_left"),
    [
        # 0 flags: may grow 10% over the level: 40 planned -> 33
        (CALM, RESTED, None, "progress", 33.0, 2),
        # 1 flag: hold at the level, 30
        (fit(acwr=1.6), RESTED, None, "hold", 30.0, 2),
        # nothing measured: hold too (never progress on data we do not have)
        (FitnessSignals(), WellnessSignals(), None, "hold", 30.0, 2),
        # 2 flags: min(40, 30) × (1 - 0.20) = 24 and one hard session fewer
        (fit(acwr=1.6, tsb=-31.0), RESTED, None, "cut", 24.0, 1),
        # 3 flags: × 0.75 = 22.5
        (fit(acwr=1.6, tsb=-31.0), well(sleep_7d_mean_h=6.0), None, "cut", 22.5, 1),
        # 4 flags: × 0.70 = 21; 6 flags: still × 0.70
        (fit(acwr=1.6, tsb=-31.0, monotony=2.5), well(sleep_7d_mean_h=6.0), None, "cut", 21.0, 1),
        (
            fit(acwr=1.6, tsb=-31.0, monotony=2.5),
            well(sleep_7d_mean_h=6.0, hrv_7d_mean_ms=40.0, rhr_7d_mean_bpm=60.0),
            None,
            "cut",
            21.0,
            1,
        ),
        # 2 flags now and 2 a week ago: deload, × 0.60 = 18, one hard session kept
        (
            fit(acwr=1.6, tsb=-31.0),
            RESTED,
            FatigueSnapshot(fit(acwr=1.55), well(sleep_7d_mean_h=6.5)),
            "deload",
            18.0,
            1,
        ),
        # 2 flags now, only 1 a week ago: a cut, not a deload
        (fit(acwr=1.6, tsb=-31.0), RESTED, FatigueSnapshot(fit(acwr=1.55), RESTED), "cut", 24.0, 1),
    ],
)
def test_decisions(fitness, wellness, previous, decision, km, hard_left) -> None:
    signals = Signals(
        fitness=fitness, wellness=wellness, weekly_km=HISTORY, previous_fatigue=previous
    )
    draft = draft_of(*WEEK)
    new, (change,) = fatigue_flags(signals, draft, policy())
    assert change.rule == "fatigue-flags"
    assert change.evidence["decision"] == decision
    assert new.run_km == pytest.approx(km)
    assert sum(1 for s in new.runs if s.is_hard) == hard_left
    assert change.evidence["km_after"] == km
    assert change.evidence["level_km"] == 30.0


def test_cut_turns_the_tempo_run_into_a_recovery_run() -> None:
    signals = Signals(fitness=fit(acwr=1.6, tsb=-31.0), wellness=RESTED, weekly_km=HISTORY)
    new, (change,) = fatigue_flags(signals, draft_of(*WEEK), policy())
    assert [s.type for s in new.runs] == ["easy", "intervals", "recovery", "long"]
    assert "Thu tempo run -> recovery run" in change.message
    assert change.evidence["flags"] == ["acwr", "tsb"]
    assert change.evidence["values"]["acwr"] == 1.6


def test_progress_within_the_plan_is_not_a_change() -> None:
    signals = Signals(fitness=CALM, wellness=RESTED, weekly_km=(38.0,) * 4)
    draft = draft_of(*WEEK)
    assert fatigue_flags(signals, draft, policy()) == (draft, [])


def test_without_history_a_cut_is_taken_from_the_plan() -> None:
    signals = Signals(fitness=fit(acwr=1.6, tsb=-31.0), wellness=RESTED)
    new, (change,) = fatigue_flags(signals, draft_of(*WEEK), policy())
    assert new.run_km == pytest.approx(32.0)  # 40 × 0.8
    assert change.evidence["level_km"] is None


def test_missing_signals_are_named_in_the_change() -> None:
    signals = Signals(fitness=fit(acwr=1.6), wellness=WellnessSignals(), weekly_km=HISTORY)
    _, (change,) = fatigue_flags(signals, draft_of(*WEEK), policy())
    assert change.evidence["missing"] == ["hrv", "rhr", "sleep"]
    assert "not measured: hrv, rhr, sleep" in change.message


def test_lifting_is_kept_on_hold_and_cut_from_the_plan_on_a_cut() -> None:
    row = Exercise("bent over row", 3, 8, main=False, region="upper")
    draft = draft_of(*WEEK, lift("wed", "lower", exercises=(squat(sets=4), row)))  # 7 sets
    hold = Signals(fitness=fit(acwr=1.6), wellness=RESTED, weekly_km=HISTORY)
    new, _ = fatigue_flags(hold, draft, policy())
    assert new.lift_sets == 7  # hold = no progression (the progression rule's job), no cut
    cut = Signals(fitness=fit(acwr=1.6, tsb=-31.0), wellness=RESTED, weekly_km=HISTORY)
    new, (change,) = fatigue_flags(cut, draft, policy())
    assert new.lift_sets == 5  # floor(7 × 0.8): accessories lose sets first
    assert [e.sets for e in new.lifts[0].exercises] == [4, 1]
    assert "lifting 7 -> 5 sets" in change.message
