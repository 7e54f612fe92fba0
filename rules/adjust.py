"""The orchestrator: build the draft, run the rules in order, enforce the hard constraints."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from rules.errors import ConstraintError
from rules.fatigue import assess_fatigue
from rules.measures import (
    hard_share,
    km1,
    ramp_cap_km,
    recent_level,
    single_run_cap_km,
)
from rules.output import AdjustedWeek
from rules.placement import conflicts, fixed_lower_lifts
from rules.plan import Plan
from rules.policy import Policy
from rules.rulebook.fatigue_flags import fatigue_caps
from rules.rulebook.legs_before_key_run import legs_before_key_run
from rules.rulebook.order import RULES
from rules.signals import Signals
from rules.volume import (
    EPS,
    LONG_SHARE_SLACK_KM,
    cap_long_share,
    cap_runs,
    cap_week_km,
    long_share_limit,
)
from rules.week import Change, DraftWeek, build_draft


def adjust_week(plan: Plan, signals: Signals, policy: Policy, week_start: date) -> AdjustedWeek:
    """Next week's plan from the plan, what was measured before `week_start`, and the policy."""
    draft = build_draft(plan, week_start, policy)
    signals, ignored = _before(signals, week_start)
    if ignored:
        draft = draft.with_note(f"Ignored {ignored} activities dated on or after {week_start}.")
    changes: list[Change] = []
    for _, rule in RULES:
        draft, made = rule(signals, draft, policy)
        changes += made
    draft, made = enforce_hard_constraints(signals, draft, policy)
    changes += made
    broken = hard_constraint_violations(signals, draft, policy)
    if broken:
        raise ConstraintError(broken)
    return AdjustedWeek(
        week_start=week_start,
        phase=draft.phase,
        sessions=draft.sessions,
        changes=tuple(changes),
        signals=summarize_signals(signals, draft, policy),
        plan_week=draft.plan_week,
    )


def _before(signals: Signals, week_start: date) -> tuple[Signals, int]:
    """Drop activities on or after the week start: the week is planned from what came before."""
    runs = tuple(r for r in signals.runs if r.local_date < week_start)
    lifts = tuple(x for x in signals.lifts if x.local_date < week_start)
    ignored = len(signals.runs) - len(runs) + len(signals.lifts) - len(lifts)
    if not ignored:
        return signals, 0
    return replace(signals, runs=runs, lifts=lifts), ignored


def enforce_hard_constraints(
    signals: Signals, draft: DraftWeek, policy: Policy
) -> tuple[DraftWeek, list[Change]]:
    """Re-apply the hard constraints to the final week, in an order where no fix undoes another:
    week km caps (ramp, fatigue) -> single-run cap -> long-run share -> legs (moves lifts and
    runs without touching km). Normally a no-op: the rules already left it so."""
    changes: list[Change] = []
    before = draft.run_km
    caps = [
        c
        for c in (ramp_cap_km(signals, policy), fatigue_caps(signals, draft, policy))
        if c is not None
    ]
    if caps:
        draft = cap_week_km(draft, min(caps))
    run_cap = single_run_cap_km(signals, policy)
    if run_cap is not None:
        draft = cap_runs(draft, run_cap)
    draft = cap_long_share(draft, policy.mileage_ramp.long_run_share_max, run_cap)
    if draft.run_km < before - EPS:
        changes.append(
            Change(
                "mileage-ramp",
                f"Final check: {km1(before):g} -> {km1(draft.run_km):g} km "
                "to keep every volume cap",
                {"km_before": km1(before), "km_after": km1(draft.run_km)},
            )
        )
    draft, made = legs_before_key_run(signals, draft, policy)
    return draft, changes + made


def hard_constraint_violations(signals: Signals, draft: DraftWeek, policy: Policy) -> list[str]:
    """Every hard constraint the week breaks (empty: all kept). Constraints 2, 3 and 4's cap."""
    broken: list[str] = []
    legs = policy.legs_before_key_run.min_days_after_lift
    fixed = fixed_lower_lifts(
        [(x.local_date, x.lower_body) for x in signals.lifts], draft.week_start, legs
    )
    for c in conflicts(draft.sessions, fixed, legs):
        broken.append(f"{c.run.label()} {c.days_between} day(s) after a lower-body lift")
    week_km = draft.run_km
    for name, cap in (
        ("mileage ramp", ramp_cap_km(signals, policy)),
        ("fatigue", fatigue_caps(signals, draft, policy)),
    ):
        if cap is not None and week_km > cap + EPS:
            broken.append(f"week {week_km:.1f} km > {name} cap {cap:.1f} km")
    run_cap = single_run_cap_km(signals, policy)
    for run in draft.runs:
        if run_cap is not None and (run.km or 0.0) > run_cap + EPS:
            broken.append(f"{run.label()} {run.km} km > single-run cap {run_cap:.1f} km")
    limit = long_share_limit(len(draft.runs), policy.mileage_ramp.long_run_share_max)
    for run in draft.runs:
        if run.type == "long" and (run.km or 0.0) > limit * week_km + LONG_SHARE_SLACK_KM + EPS:
            broken.append(f"long run {run.km} km > {limit:.0%} of the week's {week_km:.1f} km")
    return broken


def summarize_signals(signals: Signals, draft: DraftWeek, policy: Policy) -> dict[str, Any]:
    """The `signals` object of the JSON output: what the rules measured, and what was missing."""
    fit, well = signals.fitness, signals.wellness
    fatigue = assess_fatigue(signals, policy)
    share = hard_share(signals, draft.week_start, policy)
    level = recent_level(signals, policy)
    missing = [f"fatigue:{name}" for name in fatigue.missing]
    optional = {
        "hard_share": share,
        "weekly_km": signals.weekly_km or None,
        "longest_run_30d_km": signals.longest_run_30d_km,
        "days_since_last_run": signals.days_since_last_run,
        "previous_fatigue": signals.previous_fatigue,
        "previous_week": signals.previous_week,
    }
    if draft.plan_lifts:
        optional["days_since_last_lift"] = signals.days_since_last_lift
    missing += [name for name, value in optional.items() if value is None]
    notes = list(draft.notes)
    if draft.plan_week is None:
        notes.append("No [plan] start: scheduled recovery weeks are not counted.")
    return {
        "acwr": _r(fit.acwr, 2),
        "tsb": _r(fit.tsb, 1),
        "hard_share": None if share is None else round(share.share, 2),
        "weekly_km": [round(float(km), 1) for km in signals.weekly_km],
        "ctl": _r(fit.ctl, 1),
        "atl": _r(fit.atl, 1),
        "monotony": _r(fit.monotony, 2),
        "strain": _r(fit.strain, 0),
        "hrv_7d_mean_ms": _r(well.hrv_7d_mean_ms, 1),
        "hrv_7d_count": well.hrv_7d_count,
        "hrv_baseline_mean_ms": _r(well.hrv_baseline_mean_ms, 1),
        "hrv_baseline_sd_ms": _r(well.hrv_baseline_sd_ms, 1),
        "rhr_7d_mean_bpm": _r(well.rhr_7d_mean_bpm, 1),
        "rhr_baseline_bpm": _r(well.rhr_baseline_bpm, 1),
        "sleep_7d_mean_h": _r(well.sleep_7d_mean_h, 2),
        "longest_run_30d_km": _r(signals.longest_run_30d_km, 1),
        "days_since_last_run": signals.days_since_last_run,
        "days_since_last_lift": signals.days_since_last_lift,
        "recent_level_km": None if level is None else round(float(level.level_km), 1),
        "ramp_cap_km": _r(ramp_cap_km(signals, policy), 1),
        "fatigue_flags": list(fatigue.flags),
        "fatigue_decision": fatigue.decision,
        "plan_week": draft.plan_week,
        "missing": missing,
        "notes": notes,
    }


def _r(value: float | None, digits: int) -> float | None:
    return None if value is None else round(float(value), digits)
