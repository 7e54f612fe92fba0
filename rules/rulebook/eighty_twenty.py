"""Rule 1, eighty-twenty: when more than ~20% of the last 2 weeks' running time was above the
easy ceiling (moderate counts as hard), the surplus hard sessions of this week become easy."""

from __future__ import annotations

import math

from rules.measures import hard_share
from rules.policy import Policy
from rules.signals import Signals
from rules.volume import soften_hard_runs
from rules.week import Change, DraftWeek, RuleResult

RULE = "eighty-twenty"


def eighty_twenty(signals: Signals, draft: DraftWeek, policy: Policy) -> RuleResult:
    """Surplus hard minutes / hard minutes per hard run = hard sessions to turn easy."""
    et = policy.eighty_twenty
    measured = hard_share(signals, draft.week_start, policy)
    if measured is None or measured.share <= et.hard_share_max + 1e-9:
        return draft, []
    planned_hard = sum(1 for s in draft.runs if s.is_quality)
    if planned_hard == 0:
        return draft, []
    surplus_min = measured.hard_minutes - et.hard_share_max * measured.total_minutes
    per_session = measured.hard_minutes / measured.hard_runs
    surplus_sessions = math.ceil(surplus_min / per_session - 1e-9)
    draft, softened = soften_hard_runs(draft, surplus_sessions, "easy")
    names = ", ".join(s.label() for s in softened)
    return draft, [
        Change(
            RULE,
            f"{measured.share:.0%} of running time in the last {et.window_days} days was above the "
            f"easy ceiling ({measured.hard_minutes:.0f} of {measured.total_minutes:.0f} min; max "
            f"{et.hard_share_max:.0%}): {surplus_min:.0f} min too many, about {surplus_sessions} "
            f"hard session(s) of {per_session:.0f} min; {names} made easy",
            {
                "hard_share": round(measured.share, 3),
                "hard_minutes": round(measured.hard_minutes, 1),
                "total_minutes": round(measured.total_minutes, 1),
                "hard_share_max": et.hard_share_max,
                "surplus_minutes": round(surplus_min, 1),
                "hard_minutes_per_hard_run": round(per_session, 1),
                "surplus_sessions": surplus_sessions,
                "converted": len(softened),
                "runs_without_hr": measured.runs_without_hr,
            },
        )
    ]
