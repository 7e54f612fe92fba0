"""The pure athlete model: golden values by hand and invariants (hypothesis)."""

from __future__ import annotations

import math
import random
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runlift_sync.demo import physiology as phys
from runlift_sync.demo.physiology import Athlete
from runlift_sync.demo.season import simulate_season
from runlift_sync.demo.specs import RunSpec
from runlift_sync.demo.strength_program import StrengthProgram, epley_max_reps

ATHLETE = Athlete()
loads = st.floats(min_value=0.0, max_value=400.0)
fitness = st.floats(min_value=10.0, max_value=150.0)


def test_trimp_golden_values() -> None:
    # 60 min at half the heart-rate reserve (rest 48, max 188 -> 118 bpm)
    female = 60 * 0.5 * 0.86 * math.exp(1.67 * 0.5)
    male = 60 * 0.5 * 0.64 * math.exp(1.92 * 0.5)
    assert phys.trimp(3600, 118, 48, 188, "female") == pytest.approx(female)
    assert phys.trimp(3600, 118, 48, 188, "male") == pytest.approx(male)
    assert female == pytest.approx(59.46, abs=0.01)


def test_one_day_of_load_moves_ctl_and_atl_by_their_time_constants() -> None:
    ctl, atl = phys.update_fitness(50.0, 50.0, 120.0)
    assert ctl == pytest.approx(50 + 70 * (1 - math.exp(-1 / 42)))  # 51.64
    assert atl == pytest.approx(50 + 70 * (1 - math.exp(-1 / 7)))  # 59.33


def test_epley_inverse() -> None:
    assert epley_max_reps(100.0, 80.0) == pytest.approx(7.5)  # 80 * (1 + 7.5/30) = 100
    assert epley_max_reps(100.0, 100.0) == 0.0


@settings(max_examples=60, deadline=None)
@given(
    speeds=st.lists(st.floats(0.0, 7.0), min_size=1, max_size=40),
    gaps=st.lists(st.integers(1, 10), min_size=40, max_size=40),
    grade=st.floats(-0.1, 0.1),
    rest=st.floats(38.0, 70.0),
    strain=st.floats(0.0, 1.0),
)
def test_heart_rate_stays_between_rest_and_max(
    speeds: list[float], gaps: list[int], grade: float, rest: float, strain: float
) -> None:
    hr = rest
    elapsed = 0
    for speed, gap in zip(speeds, gaps, strict=False):
        elapsed += gap
        effort = phys.effort_fraction(speed, grade, 3.7)
        target = phys.target_heart_rate(
            ATHLETE,
            effort,
            hr_rest_today=rest,
            strain_level=strain,
            elapsed_s=elapsed,
            drift_per_hour=0.08,
        )
        assert rest <= target <= ATHLETE.hr_max
        hr = phys.heart_rate_step(hr, target, gap)
        assert rest <= hr <= ATHLETE.hr_max


@settings(max_examples=60, deadline=None)
@given(ctl=fitness, atl=fitness, load=loads, extra=st.floats(0.0, 200.0))
def test_more_load_means_more_fatigue(ctl: float, atl: float, load: float, extra: float) -> None:
    ctl1, atl1 = phys.update_fitness(ctl, atl, load)
    ctl2, atl2 = phys.update_fitness(ctl, atl, load + extra)
    assert atl2 >= atl1 and ctl2 >= ctl1
    assert atl2 - atl1 >= ctl2 - ctl1, "fatigue responds faster than fitness"
    assert phys.strain(ctl2, atl2) >= phys.strain(ctl1, atl1) - 1e-9


@settings(max_examples=60, deadline=None)
@given(ctl=fitness, low=st.floats(0.0, 0.6), more=st.floats(0.0, 0.6), noise=st.floats(-3, 3))
def test_strain_raises_resting_hr_and_lowers_hrv_and_sleep(
    ctl: float, low: float, more: float, noise: float
) -> None:
    high = low + more
    assert phys.resting_heart_rate(ATHLETE, ctl, high, noise) >= phys.resting_heart_rate(
        ATHLETE, ctl, low, noise
    )
    assert phys.hrv_rmssd(ATHLETE, ctl, high, noise) <= phys.hrv_rmssd(ATHLETE, ctl, low, noise)
    assert phys.sleep_hours(ATHLETE, high, weekend=False, noise=noise) <= phys.sleep_hours(
        ATHLETE, low, weekend=False, noise=noise
    )


@settings(max_examples=40, deadline=None)
@given(speed=st.floats(1.5, 6.0), ctl=st.floats(20.0, 120.0), gain=st.floats(1.0, 40.0))
def test_fitter_means_lower_hr_at_the_same_pace(speed: float, ctl: float, gain: float) -> None:
    def hr(c: float) -> float:
        effort = phys.effort_fraction(speed, 0.0, phys.threshold_speed(ATHLETE, c))
        return phys.target_heart_rate(
            ATHLETE, effort, hr_rest_today=48, strain_level=0.0, elapsed_s=0, drift_per_hour=0
        )

    assert phys.threshold_speed(ATHLETE, ctl + gain) >= phys.threshold_speed(ATHLETE, ctl)
    assert hr(ctl + gain) <= hr(ctl)


def test_fitness_shows_as_faster_easy_running_over_the_story() -> None:
    plan = simulate_season(ATHLETE, date(2026, 3, 2), 16, seed=7)
    runs = [a for a in plan.activities if isinstance(a, RunSpec)]
    first, last = runs[:5], runs[-5:]
    assert min(r.threshold_mps for r in last) > max(r.threshold_mps for r in first)
    assert plan.weeks[-1].ctl > plan.weeks[0].ctl + 20


def test_the_heavy_block_builds_from_three_to_six_sets() -> None:
    program = StrengthProgram.start(ATHLETE.mass_kg)
    rng = random.Random(1)
    squat_sets = []
    for _ in range(6):
        session = program.session("lower", strain=0.0, deload=False, rng=rng)
        squat = session[0]
        working = [s for s in squat.sets if s.weight_kg == max(x.weight_kg for x in squat.sets)]
        squat_sets.append(len(working))
        assert all(4 <= s.reps <= 8 for s in working if s.reps is not None)
    assert squat_sets[0] == 3 and max(squat_sets) == 6
    loads_kg = program.states["squat"].load_kg
    assert loads_kg > 0.8 * 74.0, "after six full sets the load goes up"
