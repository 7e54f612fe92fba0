"""Fatigue flags from fitness and wellness, and the decision they lead to (rule 4's arithmetic).

Each flag is evaluated only from a measured value; a missing value is listed as missing and is
neither a flag nor a clean bill of health.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from rules.policy import FatiguePolicy, Policy
from rules.signals import FatigueSnapshot, Signals

Decision = Literal["progress", "hold", "cut", "deload"]


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
    building: bool = False
    """Not measured because the history is still too short for it (CTL, ACWR, monotony build
    up from the first day of data): it neither flags nor counts as missing data."""


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

    @property
    def building(self) -> tuple[str, ...]:
        """Signals not measured yet because the history is short (they will come)."""
        return tuple(c.name for c in self.checks if c.building)

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
            "building": list(self.building),
        }


@dataclass(frozen=True)
class _Flag:
    """One fatigue flag as data: where its value comes from, its limit, and how it is said."""

    name: str
    what: str
    """How the value is named in the detail, e.g. "ACWR", "resting HR"."""
    value: Callable[[FatigueSnapshot], float | None]
    limit: Callable[[FatigueSnapshot, FatiguePolicy], float | None]
    """The threshold; None when what it is computed from was not measured."""
    raised_if: Literal[">=", "<", ">"]
    shown: str
    """Format of the value and the limit, e.g. "{:.2f}" or "{:.1f} bpm"."""
    limit_text: Callable[[FatigueSnapshot, FatiguePolicy], str]
    """How the limit is written in the detail (e.g. "baseline 48.0 + 5")."""
    missing: str
    unmeasured: Callable[[FatigueSnapshot, FatiguePolicy], str | None] = lambda _s, _p: None
    """Why a measured value still cannot be used (e.g. too few HRV readings), or None."""
    min_history: Callable[[FatiguePolicy], int] | None = None
    """Days of history the value needs before it means anything (None: no such need)."""
    builds: str = ""
    """What builds up meanwhile, for the detail (e.g. "CTL builds over 42 days")."""


_NOT = {">=": "<", "<": ">=", ">": "<="}
_RAISED = {
    ">=": lambda v, t: v >= t,
    "<": lambda v, t: v < t,
    ">": lambda v, t: v > t,
}


def _hrv_limit(s: FatigueSnapshot, p: FatiguePolicy) -> float | None:
    w = s.wellness
    if w.hrv_baseline_mean_ms is None or w.hrv_baseline_sd_ms is None:
        return None
    return w.hrv_baseline_mean_ms - p.hrv_sd_below * w.hrv_baseline_sd_ms


def _hrv_unmeasured(s: FatigueSnapshot, p: FatiguePolicy) -> str | None:
    w = s.wellness
    if w.hrv_7d_count < p.hrv_min_readings:
        return f"HRV: {w.hrv_7d_count} readings in 7 days (need {p.hrv_min_readings})"
    if w.hrv_baseline_mean_ms is None or w.hrv_baseline_sd_ms is None:
        return "HRV 60-day baseline not measured yet"
    return None


def _rhr_limit(s: FatigueSnapshot, p: FatiguePolicy) -> float | None:
    base = s.wellness.rhr_baseline_bpm
    return None if base is None else base + p.rhr_above_bpm


FLAGS: tuple[_Flag, ...] = (
    _Flag(
        "acwr",
        "ACWR",
        lambda s: s.fitness.acwr,
        lambda _s, p: p.acwr_max,
        ">=",
        "{:.2f}",
        lambda _s, p: f"{p.acwr_max:g}",
        "ACWR not measured",
        min_history=lambda p: p.acwr_min_history_days,
        builds="its 28-day chronic load builds up",
    ),
    _Flag(
        "tsb",
        "TSB",
        lambda s: s.fitness.tsb,
        lambda _s, p: p.tsb_min,
        "<",
        "{:.1f}",
        lambda _s, p: f"{p.tsb_min:g}",
        "TSB not measured",
        min_history=lambda p: p.tsb_min_history_days,
        builds="CTL, a 42-day average, still builds up from zero",
    ),
    _Flag(
        "hrv",
        "HRV",
        lambda s: s.wellness.hrv_7d_mean_ms,
        _hrv_limit,
        "<",
        "{:.1f} ms",
        lambda s, p: (
            f"baseline {s.wellness.hrv_baseline_mean_ms or 0:.1f} - "
            f"{p.hrv_sd_below:g} × {s.wellness.hrv_baseline_sd_ms or 0:.1f}"
        ),
        "HRV not measured",
        _hrv_unmeasured,
    ),
    _Flag(
        "rhr",
        "resting HR",
        lambda s: s.wellness.rhr_7d_mean_bpm,
        _rhr_limit,
        ">=",
        "{:.1f} bpm",
        lambda s, p: f"baseline {s.wellness.rhr_baseline_bpm or 0:.1f} + {p.rhr_above_bpm:g}",
        "resting HR or its baseline not measured",
    ),
    _Flag(
        "sleep",
        "sleep",
        lambda s: s.wellness.sleep_7d_mean_h,
        lambda _s, p: p.sleep_min_h,
        "<",
        "{:.1f} h",
        lambda _s, p: f"{p.sleep_min_h:g} h",
        "sleep not measured",
    ),
    _Flag(
        "monotony",
        "monotony",
        lambda s: s.fitness.monotony,
        lambda _s, p: p.monotony_max,
        ">",
        "{:.2f}",
        lambda _s, p: f"{p.monotony_max:g}",
        "monotony not measured",
        min_history=lambda p: p.monotony_min_history_days,
        builds="it needs a week of loads",
    ),
)
"""The six flags, in the order they are reported."""

FLAG_NAMES = tuple(f.name for f in FLAGS)


def _check(flag: _Flag, snapshot: FatigueSnapshot, policy: FatiguePolicy) -> FlagCheck:
    days = snapshot.fitness.history_days
    if flag.min_history is not None and days is not None and days < flag.min_history(policy):
        needed = flag.min_history(policy)
        detail = f"{flag.what} not used yet: {days} days of history (< {needed}; {flag.builds})"
        return FlagCheck(flag.name, False, False, detail, building=True)
    value = flag.value(snapshot)
    if value is None:
        return FlagCheck(flag.name, False, False, flag.missing)
    reason = flag.unmeasured(snapshot, policy)
    if reason is not None:
        return FlagCheck(flag.name, False, False, reason)
    limit = flag.limit(snapshot, policy)
    if limit is None:
        return FlagCheck(flag.name, False, False, flag.missing)
    raised = _RAISED[flag.raised_if](value, limit)
    sign = flag.raised_if if raised else _NOT[flag.raised_if]
    detail = f"{flag.what} {flag.shown.format(value)} {sign} {flag.limit_text(snapshot, policy)}"
    return FlagCheck(flag.name, True, raised, detail, value, limit)


def flag_checks(snapshot: FatigueSnapshot, policy: FatiguePolicy) -> tuple[FlagCheck, ...]:
    """The six flag checks of one snapshot, in a fixed order."""
    return tuple(_check(flag, snapshot, policy) for flag in FLAGS)


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
    building = sum(1 for c in checks if c.building)
    if evaluated + building < fp.min_evaluated:
        return FatigueAssessment(
            checks,
            previous,
            "hold",
            0.0,
            f"only {evaluated} of {len(checks)} fatigue signals measured (need "
            f"{fp.min_evaluated} to progress)",
        )
    if building:
        names = ", ".join(
            c.name.upper() if len(c.name) <= 4 else c.name for c in checks if c.building
        )
        return FatigueAssessment(
            checks,
            previous,
            "progress",
            0.0,
            f"no fatigue flag ({names} still building up from a short history)",
        )
    return FatigueAssessment(checks, previous, "progress", 0.0, "no fatigue flag")
