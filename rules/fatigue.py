"""Fatigue flags from fitness and wellness, and the decision they lead to (rule 4's arithmetic).

Each flag is evaluated only from a measured value; a missing value is listed as missing and is
neither a flag nor a clean bill of health.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rules.policy import FatiguePolicy, Policy
from rules.signals import FatigueSnapshot, Signals

Decision = Literal["progress", "hold", "cut", "deload"]

FLAG_NAMES = ("acwr", "tsb", "hrv", "rhr", "sleep", "monotony")


@dataclass(frozen=True)
class FlagCheck:
    """One flag: measured or not, raised or not, with the numbers."""

    name: str
    measured: bool
    raised: bool
    detail: str
    """A human phrase, e.g. "ACWR 1.62 >= 1.5" or "HRV: 2 readings in 7 days (need 3)"."""
    value: float | None = None
    threshold: float | None = None


@dataclass(frozen=True)
class FatigueAssessment:
    """All flag checks as of the week start, last week's flag count, and the decision."""

    checks: tuple[FlagCheck, ...]
    previous_flags: int | None
    decision: Decision
    cut_pct: float
    """Running-volume cut for cut/deload (0 for progress/hold)."""
    reason: str

    @property
    def flags(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.checks if c.raised)

    @property
    def evaluated(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.checks if c.measured)

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.checks if not c.measured)

    def evidence(self) -> dict[str, object]:
        """JSON-ready evidence: every measured value, the flags, what is missing."""
        values: dict[str, object] = {}
        for check in self.checks:
            if check.measured:
                values[check.name] = None if check.value is None else round(check.value, 2)
        return {
            "flags": list(self.flags),
            "flag_count": len(self.flags),
            "previous_flag_count": self.previous_flags,
            "decision": self.decision,
            "values": values,
            "missing": list(self.missing),
        }


def flag_checks(snapshot: FatigueSnapshot, policy: FatiguePolicy) -> tuple[FlagCheck, ...]:
    """The six flag checks of one snapshot, in a fixed order."""
    fit, well = snapshot.fitness, snapshot.wellness
    checks: list[FlagCheck] = []

    if fit.acwr is None:
        checks.append(FlagCheck("acwr", False, False, "ACWR not measured"))
    else:
        raised = fit.acwr >= policy.acwr_max
        sign = ">=" if raised else "<"
        checks.append(
            FlagCheck(
                "acwr",
                True,
                raised,
                f"ACWR {fit.acwr:.2f} {sign} {policy.acwr_max:g}",
                fit.acwr,
                policy.acwr_max,
            )
        )

    if fit.tsb is None:
        checks.append(FlagCheck("tsb", False, False, "TSB not measured"))
    else:
        raised = fit.tsb < policy.tsb_min
        sign = "<" if raised else ">="
        checks.append(
            FlagCheck(
                "tsb",
                True,
                raised,
                f"TSB {fit.tsb:.1f} {sign} {policy.tsb_min:g}",
                fit.tsb,
                policy.tsb_min,
            )
        )

    checks.append(_hrv_check(snapshot, policy))

    if well.rhr_7d_mean_bpm is None or well.rhr_baseline_bpm is None:
        checks.append(FlagCheck("rhr", False, False, "resting HR or its baseline not measured"))
    else:
        limit = well.rhr_baseline_bpm + policy.rhr_above_bpm
        raised = well.rhr_7d_mean_bpm >= limit
        sign = ">=" if raised else "<"
        checks.append(
            FlagCheck(
                "rhr",
                True,
                raised,
                f"resting HR {well.rhr_7d_mean_bpm:.1f} bpm {sign} baseline "
                f"{well.rhr_baseline_bpm:.1f} + {policy.rhr_above_bpm:g}",
                well.rhr_7d_mean_bpm,
                limit,
            )
        )

    if well.sleep_7d_mean_h is None:
        checks.append(FlagCheck("sleep", False, False, "sleep not measured"))
    else:
        raised = well.sleep_7d_mean_h < policy.sleep_min_h
        sign = "<" if raised else ">="
        checks.append(
            FlagCheck(
                "sleep",
                True,
                raised,
                f"sleep {well.sleep_7d_mean_h:.1f} h {sign} {policy.sleep_min_h:g} h",
                well.sleep_7d_mean_h,
                policy.sleep_min_h,
            )
        )

    if fit.monotony is None:
        checks.append(FlagCheck("monotony", False, False, "monotony not measured"))
    else:
        raised = fit.monotony > policy.monotony_max
        sign = ">" if raised else "<="
        checks.append(
            FlagCheck(
                "monotony",
                True,
                raised,
                f"monotony {fit.monotony:.2f} {sign} {policy.monotony_max:g}",
                fit.monotony,
                policy.monotony_max,
            )
        )
    return tuple(checks)


def _hrv_check(snapshot: FatigueSnapshot, policy: FatiguePolicy) -> FlagCheck:
    well = snapshot.wellness
    if well.hrv_7d_mean_ms is None:
        return FlagCheck("hrv", False, False, "HRV not measured")
    if well.hrv_7d_count < policy.hrv_min_readings:
        return FlagCheck(
            "hrv",
            False,
            False,
            f"HRV: {well.hrv_7d_count} readings in 7 days (need {policy.hrv_min_readings})",
        )
    if well.hrv_baseline_mean_ms is None or well.hrv_baseline_sd_ms is None:
        return FlagCheck("hrv", False, False, "HRV 60-day baseline not measured yet")
    limit = well.hrv_baseline_mean_ms - policy.hrv_sd_below * well.hrv_baseline_sd_ms
    raised = well.hrv_7d_mean_ms < limit
    sign = "<" if raised else ">="
    return FlagCheck(
        "hrv",
        True,
        raised,
        f"HRV {well.hrv_7d_mean_ms:.1f} ms {sign} baseline {well.hrv_baseline_mean_ms:.1f} - "
        f"{policy.hrv_sd_below:g} × {well.hrv_baseline_sd_ms:.1f}",
        well.hrv_7d_mean_ms,
        limit,
    )


def assess_fatigue(signals: Signals, policy: Policy) -> FatigueAssessment:
    """Count flags, look at last week's count, decide progress / hold / cut / deload."""
    fp = policy.fatigue
    checks = flag_checks(FatigueSnapshot(signals.fitness, signals.wellness), fp)
    previous = None
    if signals.previous_fatigue is not None:
        previous = sum(1 for c in flag_checks(signals.previous_fatigue, fp) if c.raised)
    flags = sum(1 for c in checks if c.raised)
    evaluated = sum(1 for c in checks if c.measured)
    if flags >= 2 and previous is not None and previous >= 2:
        return FatigueAssessment(
            checks,
            previous,
            "deload",
            fp.deload_pct,
            f"{flags} fatigue flags this week and {previous} last week",
        )
    if flags >= 2:
        cut = min(fp.cut_pct_max, fp.cut_pct_min + fp.cut_pct_step * (flags - 2))
        return FatigueAssessment(checks, previous, "cut", cut, f"{flags} fatigue flags")
    if flags == 1:
        return FatigueAssessment(checks, previous, "hold", 0.0, "1 fatigue flag")
    if evaluated < fp.min_evaluated:
        return FatigueAssessment(
            checks,
            previous,
            "hold",
            0.0,
            f"only {evaluated} of {len(checks)} fatigue signals measured (need "
            f"{fp.min_evaluated} to progress)",
        )
    return FatigueAssessment(checks, previous, "progress", 0.0, "no fatigue flag")
