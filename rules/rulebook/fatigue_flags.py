"""Rule 4, fatigue-flags: count the flags; 0 -> progress (<= +10% over the recent level),
1 -> hold, >= 2 -> cut 20-30% and one hard session fewer, >= 2 two weeks running -> deload."""

from __future__ import annotations

import math

from rules.fatigue import FatigueAssessment, assess_fatigue
from rules.measures import km1, recent_level
from rules.policy import Policy
from rules.signals import Signals
from rules.volume import cap_week_km, reduce_sets, scale_minutes_only, soften_hard_runs
from rules.week import Change, DraftWeek, RuleResult

RULE = "fatigue-flags"


def fatigue_caps(signals: Signals, draft: DraftWeek, policy: Policy) -> float | None:
    """The week's running-km cap the fatigue decision sets (None: no cap).

    progress: max(min_cap, level × (1 + progress_pct)); hold: max(min_cap, level);
    cut / deload: min(plan km, hold level) × (1 - cut). Without history, only cut and deload
    cap (from the plan's km). More flags never give a higher cap.
    """
    fatigue = assess_fatigue(signals, policy)
    level = recent_level(signals, policy)
    min_cap = policy.mileage_ramp.min_cap_km
    held = None if level is None else max(min_cap, level.level_km)
    if fatigue.decision == "progress":
        return (
            None
            if level is None
            else max(min_cap, level.level_km * (1 + policy.fatigue.progress_pct))
        )
    if fatigue.decision == "hold":
        return held
    base = draft.template_km if held is None else min(draft.template_km, held)
    return base * (1 - fatigue.cut_pct)


def fatigue_flags(signals: Signals, draft: DraftWeek, policy: Policy) -> RuleResult:
    """Apply the decision to running km, hard sessions and lifting sets."""
    fatigue = assess_fatigue(signals, policy)
    cap = fatigue_caps(signals, draft, policy)
    km_before, sets_before = draft.run_km, draft.lift_sets
    if cap is not None:
        draft = cap_week_km(draft, cap)
    softened = []
    if fatigue.decision == "cut":
        draft, softened = soften_hard_runs(draft, 1, "recovery")
    elif fatigue.decision == "deload":
        hard = sum(1 for s in draft.runs if s.is_quality)
        draft, softened = soften_hard_runs(
            draft, hard - policy.fatigue.deload_keep_hard, "recovery"
        )
    draft = _lifting(signals, draft, policy, fatigue)
    unchanged = draft.run_km >= km_before and draft.lift_sets == sets_before
    if unchanged and (fatigue.decision == "progress" or not fatigue.flags):
        return draft, []
    return draft, [_change(signals, draft, policy, fatigue, cap, km_before, sets_before, softened)]


def _lifting(
    signals: Signals, draft: DraftWeek, policy: Policy, fatigue: FatigueAssessment
) -> DraftWeek:
    """Lifting follows the decision: hold = no progression (done by the progression rule);
    cut and deload: at most the plan's sets (or, when the plan lists no exercises, the sets the
    coach prescribed before any cut) less the same percentage."""
    del signals
    if fatigue.decision not in ("cut", "deload"):
        return draft
    min_minutes = policy.lifting_by_phase.short_min_minutes
    draft = reduce_sets(
        draft, math.floor(draft.reference_sets * (1 - fatigue.cut_pct)), min_minutes
    )
    return scale_minutes_only(draft, 1 - fatigue.cut_pct, min_minutes)


def _change(
    signals: Signals,
    draft: DraftWeek,
    policy: Policy,
    fatigue: FatigueAssessment,
    cap: float | None,
    km_before: float,
    sets_before: int,
    softened: list,
) -> Change:
    details = "; ".join(c.detail for c in fatigue.checks if c.raised) or "none"
    missing = ", ".join(fatigue.missing)
    level = recent_level(signals, policy)
    running = (
        f"running {km1(km_before):g} -> {km1(draft.run_km):g} km"
        if draft.run_km < km_before
        else f"running stays at {km1(draft.run_km):g} km"
    )
    what = {
        "progress": f"no fatigue flag: progress up to +{policy.fatigue.progress_pct:.0%} over "
        "the recent level",
        "hold": f"{fatigue.reason}"
        + (f" ({details})" if fatigue.flags else "")
        + ": hold at the recent level, no increase",
        "cut": f"{fatigue.reason} ({details}): cut volume {fatigue.cut_pct:.0%} and one hard "
        "session fewer",
        "deload": f"{fatigue.reason} ({details}): deload week, volume -{fatigue.cut_pct:.0%}",
    }[fatigue.decision]
    message = f"{what}; {running}"
    if draft.lift_sets != sets_before:
        message += f", lifting {sets_before} -> {draft.lift_sets} sets"
    if softened:
        message += "; " + ", ".join(s.label() for s in softened) + " -> recovery run"
    if missing:
        message += f" (not measured: {missing})"
    evidence = fatigue.evidence()
    evidence.update(
        level_km=None if level is None else km1(level.level_km),
        cap_km=None if cap is None else km1(cap),
        km_before=km1(km_before),
        km_after=km1(draft.run_km),
        cut_pct=fatigue.cut_pct,
    )
    return Change(RULE, message, evidence)
