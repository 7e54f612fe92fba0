"""Rule 9, one-stressor: running volume and lifting volume do not both rise sharply in the same
week; when they would, lifting is held to a small rise (running, the sport, keeps its rise).

It runs before the fatigue rule, on the running km the plan, the restart, the recovery week and
the ramp allow, so its decision does not depend on fatigue (more fatigue must never free up
lifting volume)."""

from __future__ import annotations

import math

from rules.measures import km1, last_week_km, last_week_lift_sets
from rules.policy import Policy
from rules.signals import Signals
from rules.volume import reduce_sets
from rules.week import Change, DraftWeek, RuleResult

RULE = "one-stressor"


def one_stressor(signals: Signals, draft: DraftWeek, policy: Policy) -> RuleResult:
    """Both rises > sharp_rise_pct over last week -> lifting sets <= last week + sharp_rise_pct
    (never below min_lift_share of the plan's sets)."""
    rule = policy.one_stressor
    last_km = last_week_km(signals)
    last_sets = last_week_lift_sets(signals, draft.week_start)
    if not last_km or not last_sets or not draft.lift_sets:
        return draft, []
    run_rise = draft.run_km / last_km - 1
    lift_rise = draft.lift_sets / last_sets - 1
    if run_rise <= rule.sharp_rise_pct + 1e-9 or lift_rise <= rule.sharp_rise_pct + 1e-9:
        return draft, []
    before = draft.lift_sets
    floor_sets = math.ceil(draft.reference_sets * rule.min_lift_share - 1e-9)
    limit = max(math.floor(last_sets * (1 + rule.sharp_rise_pct) + 1e-9), floor_sets)
    draft = reduce_sets(draft, limit, policy.lifting_by_phase.short_min_minutes)
    if draft.lift_sets >= before:
        return draft, []
    return draft, [
        Change(
            RULE,
            f"Running rises {run_rise:.0%} ({km1(last_km):g} -> {km1(draft.run_km):g} km) and "
            f"lifting {lift_rise:.0%} ({last_sets} -> {before} sets): one stressor at a time, "
            f"lifting held to {draft.lift_sets} sets",
            {
                "last_week_km": km1(last_km),
                "planned_km": km1(draft.run_km),
                "run_rise_pct": round(run_rise, 3),
                "last_week_sets": last_sets,
                "planned_sets": before,
                "lift_rise_pct": round(lift_rise, 3),
                "sharp_rise_pct": rule.sharp_rise_pct,
                "min_sets": floor_sets,
                "sets_after": draft.lift_sets,
            },
        )
    ]
