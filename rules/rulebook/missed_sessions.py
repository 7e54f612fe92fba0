"""Rule 8, missed-sessions: what was missed last week is not stacked into this week; after more
than 7 days off, running (and lifting) restart at 50-75% of the plan, and that first week back
is easy running only; after 4+ weeks without running (or none at all, e.g. only lifting), no
hard running for the first 3 weeks back."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import timedelta

from rules.lift_loads import round_load
from rules.measures import comeback_week, km1, restart_pct
from rules.policy import Policy
from rules.session import Session
from rules.signals import Signals
from rules.volume import cap_week_km, reduce_sets, scale_minutes_only
from rules.week import Change, DraftWeek, RuleResult, run_in_order

RULE = "missed-sessions"


def missed_sessions(signals: Signals, draft: DraftWeek, policy: Policy) -> RuleResult:
    """Report last week's misses (never added back) and restart after a break."""
    missed = _missed_last_week(signals, draft)
    draft, changes = run_in_order(
        signals, draft, policy, (_restart_running, _easy_comeback, _restart_lifting)
    )
    return draft, ([missed] if missed is not None else []) + changes


def _missed_last_week(signals: Signals, draft: DraftWeek) -> Change | None:
    """Planned sessions of last week (stored) without a recorded session of the same kind on
    that day or the day before or after (each recording matched once, nearest first)."""
    planned = signals.previous_week
    if planned is None:
        return None
    begin = draft.week_start - timedelta(days=7)
    run_dates = [r.local_date for r in signals.runs if begin <= r.local_date < draft.week_start]
    lift_dates = [x.local_date for x in signals.lifts if begin <= x.local_date < draft.week_start]
    missed: list[Session] = []
    for kind, done in (("run", run_dates), ("lift", lift_dates)):
        left = sorted(done)
        for session in sorted((s for s in planned if s.kind == kind), key=lambda s: s.date):
            match = min(
                (d for d in left if abs((d - session.date).days) <= 1),
                key=lambda d: (abs((d - session.date).days), d),
                default=None,
            )
            if match is None:
                missed.append(session)
            else:
                left.remove(match)
    if not missed:
        return None
    planned_runs = [s for s in planned if s.is_run]
    planned_km = sum(s.km or 0.0 for s in planned_runs)
    done_km = sum(r.distance_km for r in signals.runs if begin <= r.local_date < draft.week_start)
    names = ", ".join(s.label() for s in missed)
    return Change(
        RULE,
        f"Last week {len(missed)} planned session(s) were not recorded ({names}); they are not "
        f"added to this week (no stacking). {km1(done_km):g} of {km1(planned_km):g} planned km "
        "were run, and this week is loaded from what was actually done",
        {
            "missed": [
                f"{s.date.isoformat()} {s.type or ''} {s.kind}".replace("  ", " ") for s in missed
            ],
            "planned_runs": len(planned_runs),
            "done_runs": len(run_dates),
            "planned_km": km1(planned_km),
            "done_km": km1(done_km),
            "planned_lifts": sum(1 for s in planned if s.is_lift),
            "done_lifts": len(lift_dates),
        },
    )


def _restart_running(
    signals: Signals, draft: DraftWeek, policy: Policy
) -> tuple[DraftWeek, list[Change]]:
    pct = restart_pct(signals.days_since_last_run, policy)
    if pct is None or not draft.runs:
        return draft, []
    cap = draft.template_km * pct
    before = draft.run_km
    draft = cap_week_km(draft, cap)
    if draft.run_km >= before:
        return draft, []
    return draft, [
        Change(
            RULE,
            f"{signals.days_since_last_run} days since the last run (> "
            f"{policy.missed_sessions.restart_after_days}): restart at {pct:.0%} of the plan, "
            f"{km1(before):g} -> {km1(draft.run_km):g} km",
            {
                "days_since_last_run": signals.days_since_last_run,
                "restart_pct": pct,
                "planned_km": km1(draft.template_km),
                "km_before": km1(before),
                "km_after": km1(draft.run_km),
            },
        )
    ]


def _easy_comeback(
    signals: Signals, draft: DraftWeek, policy: Policy
) -> tuple[DraftWeek, list[Change]]:
    """No quality run in the first week back after a break, nor in the first weeks back after
    a long one (races stay: the plan chose them)."""
    missed = policy.missed_sessions
    comeback = comeback_week(signals, draft.week_start, policy)
    quality = [s for s in draft.runs if s.is_quality]
    if comeback is None or not quality:
        return draft, []
    week, weeks, why = comeback
    sessions = [replace(s, type="easy") if s in quality else s for s in draft.sessions]
    names = ", ".join(s.label() for s in quality)
    return draft.with_sessions(sessions), [
        Change(
            RULE,
            f"{why}: week {week} of {weeks} back is easy running only; {names} made easy",
            {
                "days_since_last_run": signals.days_since_last_run,
                "comeback_week": week,
                "easy_weeks": weeks,
                "restart_after_days": missed.restart_after_days,
                "long_break_days": missed.long_break_days,
                "made_easy": [f"{s.date.isoformat()} {s.type}" for s in quality],
            },
        )
    ]


def _restart_lifting(
    signals: Signals, draft: DraftWeek, policy: Policy
) -> tuple[DraftWeek, list[Change]]:
    missed = policy.missed_sessions
    pct = restart_pct(signals.days_since_last_lift, policy)
    if pct is None or not draft.lifts:
        return draft, []
    min_minutes = policy.lifting_by_phase.short_min_minutes
    before = draft.lift_sets
    draft = reduce_sets(draft, math.floor(draft.reference_sets * pct), min_minutes)
    draft = scale_minutes_only(draft, pct, min_minutes)
    sessions = []
    for s in draft.sessions:
        if s.is_lift and s.exercises:
            s = replace(
                s,
                exercises=tuple(
                    e.model_copy(
                        update={
                            "load_kg": round_load(
                                e.load_kg * (1 - missed.restart_load_pct),
                                policy.heavy_lifting.load_round_kg,
                            )
                        }
                    )
                    if e.load_kg is not None
                    else e
                    for e in s.exercises
                ),
            )
        sessions.append(s)
    draft = draft.with_sessions(sessions)
    return draft, [
        Change(
            RULE,
            f"{signals.days_since_last_lift} days since the last lift (> "
            f"{missed.restart_after_days}): restart at {pct:.0%}: sets {before} -> "
            f"{draft.lift_sets}, loads -{missed.restart_load_pct:.0%}",
            {
                "days_since_last_lift": signals.days_since_last_lift,
                "restart_pct": pct,
                "sets_before": before,
                "sets_after": draft.lift_sets,
                "load_cut_pct": missed.restart_load_pct,
            },
        )
    ]
