"""The demo athlete's body: heart rate, training load, fitness, fatigue and recovery markers (pure).

Every function here is pure and deterministic; noise comes in as an argument, never from a global
random state. Conventions:

- fitness and fatigue are Banister-style exponentially weighted loads (CTL τ = 42 d, ATL τ = 7 d)
  of a daily TRIMP; ``strain`` is the relative excess of fatigue over fitness,
  ``max(0, (ATL − CTL) / max(CTL, 30))`` — 0 when rested, ~0.3–0.5 when overreached;
- heart rate is expressed through the heart-rate reserve (HRR) between today's resting HR and max;
- speeds are in m/s, grades as a fraction (0.01 = 1 %).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

CTL_DAYS = 42.0
ATL_DAYS = 7.0
TRIMP_CONSTANTS: dict[str, tuple[float, float]] = {"female": (0.86, 1.67), "male": (0.64, 1.92)}

FatigueState = Literal["fresh", "normal", "tired", "overreached"]


@dataclass(frozen=True)
class Athlete:
    """The simulated athlete's fixed traits (the ground truth a model may try to estimate)."""

    sex: Literal["female", "male"] = "female"
    hr_max: int = 188
    hr_rest: int = 48
    lthr: int = 171
    threshold_speed_mps: float = 3.70
    reference_ctl: float = 70.0
    mass_kg: float = 61.0
    hrv_base_ms: float = 62.0
    sleep_base_h: float = 7.45
    timezone: str = "Europe/Berlin"


def threshold_speed(athlete: Athlete, ctl: float) -> float:
    """Lactate-threshold speed (m/s) for a fitness level: about +0.3 % per CTL point, capped."""
    gain = 0.003 * (ctl - athlete.reference_ctl)
    return athlete.threshold_speed_mps * (1.0 + min(0.12, max(-0.15, gain)))


def strain(ctl: float, atl: float) -> float:
    """Relative excess of fatigue over fitness: 0 when rested, ~0.4 when overreached."""
    return max(0.0, (atl - ctl) / max(ctl, 30.0))


def carry_over(residual: float, strain_level: float, *, gain: float = 0.03) -> float:
    """The slow part of fatigue (overreaching): builds while strain > 0.15, fades with τ = 21 d.

    Resting HR, HRV and sleep respond to ``strain + residual``, so a single easy week does not
    wipe out two weeks of overreaching.
    """
    return residual * math.exp(-1.0 / 21.0) + gain * max(0.0, strain_level - 0.15)


def effort_fraction(speed_mps: float, grade: float, threshold_mps: float) -> float:
    """Steady-state fraction of heart-rate reserve for running at ``speed_mps`` on ``grade``.

    Linear in the grade-adjusted speed relative to threshold speed: 0.12 standing, 0.88 at
    threshold (so LTHR sits at ~88 % HRR), capped at 1.0.
    """
    equivalent = max(0.0, speed_mps) * (1.0 + 3.5 * grade)
    return min(1.0, max(0.0, 0.12 + 0.76 * equivalent / threshold_mps))


def target_heart_rate(
    athlete: Athlete,
    effort: float,
    *,
    hr_rest_today: float,
    strain_level: float,
    elapsed_s: float,
    drift_per_hour: float,
) -> float:
    """Heart rate the body tends to for a given effort, including cardiac drift and fatigue.

    Drift raises the reserve used by ``drift_per_hour`` per hour of continuous work; fatigue adds
    up to ~8 bpm at the same effort. The result is clamped to [today's rest, max].
    """
    reserve = athlete.hr_max - hr_rest_today
    drift = 1.0 + drift_per_hour * elapsed_s / 3600.0 if effort > 0.3 else 1.0
    hr = hr_rest_today + reserve * effort * drift + min(8.0, 14.0 * strain_level) * effort
    return clamp_heart_rate(hr, hr_rest_today, athlete.hr_max)


def clamp_heart_rate(hr: float, hr_rest: float, hr_max: float) -> float:
    """Keep a heart rate inside the physiological range [rest, max]."""
    return min(float(hr_max), max(float(hr_rest), hr))


def heart_rate_step(
    hr: float, target: float, dt_s: float, *, tau_up_s: float = 22.0, tau_down_s: float = 40.0
) -> float:
    """One step of the first-order heart-rate response: HR approaches ``target`` with lag."""
    tau = tau_up_s if target > hr else tau_down_s
    return hr + (target - hr) * (1.0 - math.exp(-dt_s / tau))


def trimp(duration_s: float, avg_hr: float, hr_rest: float, hr_max: float, sex: str) -> float:
    """Banister TRIMP of a bout at an average heart rate (sex-specific constants)."""
    a, b = TRIMP_CONSTANTS[sex]
    hrr = min(1.0, max(0.0, (avg_hr - hr_rest) / (hr_max - hr_rest)))
    return duration_s / 60.0 * hrr * a * math.exp(b * hrr)


def update_fitness(ctl: float, atl: float, load: float) -> tuple[float, float]:
    """Advance fitness (CTL) and fatigue (ATL) by one day with the day's training load."""
    ctl_next = ctl + (load - ctl) * (1.0 - math.exp(-1.0 / CTL_DAYS))
    atl_next = atl + (load - atl) * (1.0 - math.exp(-1.0 / ATL_DAYS))
    return ctl_next, atl_next


def resting_heart_rate(athlete: Athlete, ctl: float, strain_level: float, noise: float) -> float:
    """Morning resting HR: lower with fitness (≤ 3 bpm), up ~2 bpm per 0.1 strain, plus noise."""
    fitness_bonus = min(3.0, max(-3.0, 0.06 * (ctl - athlete.reference_ctl)))
    return athlete.hr_rest - fitness_bonus + 20.0 * strain_level + noise


def hrv_rmssd(athlete: Athlete, ctl: float, strain_level: float, noise: float) -> float:
    """Nightly HRV (RMSSD, ms): a little higher with fitness, suppressed by strain, noisy."""
    fitness = 1.0 + min(0.08, max(-0.08, 0.002 * (ctl - athlete.reference_ctl)))
    return max(12.0, athlete.hrv_base_ms * fitness * math.exp(-1.1 * strain_level) + noise)


def sleep_hours(athlete: Athlete, strain_level: float, *, weekend: bool, noise: float) -> float:
    """Night's sleep (hours): ~7.5 h, longer at weekends, broken up by strain."""
    base = athlete.sleep_base_h + (0.45 if weekend else 0.0)
    return min(10.0, max(4.5, base - 2.4 * strain_level + noise))


def fatigue_state(strain_level: float) -> FatigueState:
    """A word for the strain level (the ground truth the coach's fatigue flags should match)."""
    if strain_level < 0.05:
        return "fresh"
    if strain_level < 0.18:
        return "normal"
    if strain_level < 0.32:
        return "tired"
    return "overreached"


def running_cadence(speed_mps: float) -> float:
    """Running cadence in Garmin's unit (strides per minute, i.e. steps / 2)."""
    return min(98.0, max(70.0, 80.0 + 5.5 * (speed_mps - 2.8)))


def running_kcal(distance_m: float, mass_kg: float) -> float:
    """Energy of running: about 1 kcal per kg per km."""
    return distance_m / 1000.0 * mass_kg * 1.0
