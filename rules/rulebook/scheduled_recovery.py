"""Rule 5, scheduled-recovery: every 4th plan week, running volume -30% with some intensity kept
(lifting deloads in the progression rule)."""

from __future__ import annotations

from rules.measures import is_recovery_week, km1
from rules.policy import Policy
from rules.signals import Signals
from rules.volume import cap_week_km, soften_hard_runs
from rules.week import Change, DraftWeek, RuleResult

RULE = "scheduled-recovery"


def scheduled_recovery(signals: Signals, draft: DraftWeek, policy: Policy) -> RuleResult:
    """Cut the recovery week's running and keep at most `keep_hard` hard sessions."""
    del signals
    sr = policy.scheduled_recovery
    if not is_recovery_week(draft, policy):
        return draft, []
    before = draft.run_km
    cap = draft.template_km * (1 - sr.volume_cut_pct)
    draft = cap_week_km(draft, cap)
    hard = [s for s in draft.runs if s.is_quality]
    draft, softened = soften_hard_runs(draft, len(hard) - sr.keep_hard, "easy")
    kept = len(hard) - len(softened)
    message = (
        f"Plan week {draft.plan_week} is a recovery week (one week in {sr.every_weeks}): "
        f"running {km1(before):g} -> {km1(draft.run_km):g} km (-{sr.volume_cut_pct:.0%} of the "
        f"plan's {km1(draft.template_km):g} km)"
    )
    if softened:
        names = ", ".join(s.label() for s in softened)
        message += f"; {names} made easy, {kept} hard session kept"
    return draft, [
        Change(
            RULE,
            message,
            {
                "plan_week": draft.plan_week,
                "every_weeks": sr.every_weeks,
                "volume_cut_pct": sr.volume_cut_pct,
                "km_before": km1(before),
                "km_after": km1(draft.run_km),
                "hard_sessions_kept": kept,
            },
        )
    ]
