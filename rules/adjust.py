"""The orchestrator: build the draft, run the rules in order, enforce the hard constraints."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from rules.errors import ConfigError, ConstraintError
from rules.fatigue import assess_fatigue
from rules.hard_days import hard_days, max_hard_days, training_days
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
from rules.races import recoveries
from rules.rulebook.eighty_twenty import limit_hard_days, recorded_weeks
from rules.rulebook.fatigue_flags import fatigue_caps
from rules.rulebook.legs_before_key_run import legs_before_key_run
from rules.rulebook.mileage_ramp import long_run_floor_km
from rules.rulebook.order import RULES
from rules.rulebook.taper import taper_cap_km
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

HARD_CONSTRAINTS = "hard-constraints"
"""The name `on_step` receives for the final enforcement of the hard constraints."""

RULE_IDS: tuple[str, ...] = tuple(dict.fromkeys(name for name, _ in RULES))
"""Every rule id, in run order (what `skip_rules` and `plan accept --reject` take)."""

StepObserver = Callable[[str, DraftWeek, DraftWeek, Sequence[Change]], None]
"""Called after each step with (rule id or HARD_CONSTRAINTS, draft before, draft after, the
changes the step made): lets a caller see which rule touched which session."""


def adjust_week(
    plan: Plan,
    signals: Signals,
    policy: Policy,
    week_start: date,
    *,
    skip_rules: Collection[str] = (),
    on_step: StepObserver | None = None,
) -> AdjustedWeek:
    """Next week's plan from the plan, what was measured before `week_start`, and the policy.

    `skip_rules`: rule ids not to run (the athlete rejected their changes); the hard
    constraints are enforced all the same, so a rejected hard constraint comes back.
    """
    unknown = sorted(set(skip_rules) - set(RULE_IDS))
    if unknown:
        raise ConfigError(
            f"unknown rule {', '.join(unknown)}; the rules are: {', '.join(RULE_IDS)}"
        )
    draft = build_draft(plan, week_start, policy)
    signals, ignored = _before(signals, week_start)
    if ignored:
        draft = draft.with_note(f"Ignored {ignored} activities dated on or after {week_start}.")
    changes: list[Change] = []
    for name, rule in RULES:
        if name in skip_rules:
            continue
        before = draft
        draft, made = rule(signals, draft, policy)
        if on_step is not None:
            on_step(name, before, draft, made)
        changes += made
    before = draft
    draft, made = enforce_hard_constraints(signals, draft, policy)
    if on_step is not None:
        on_step(HARD_CONSTRAINTS, before, draft, made)
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


def week_caps(signals: Signals, draft: DraftWeek, policy: Policy) -> list[tuple[str, float]]:
    """The week's training-km caps that are hard constraints: ramp, fatigue, taper."""
    caps = (
        ("mileage ramp", ramp_cap_km(signals, policy)),
        ("fatigue", fatigue_caps(signals, draft, policy)),
        ("taper", taper_cap_km(signals, draft, policy)),
    )
    return [(name, cap) for name, cap in caps if cap is not None]


def hard_day_limit(draft: DraftWeek, policy: Policy) -> int:
    """The most hard days the week may end with: 80/20 of its training days (its races stay
    whatever the count: a race is never softened)."""
    limit = max_hard_days(len(training_days(draft.sessions)), policy.eighty_twenty)
    return max(limit, len(set(draft.race_dates)))


def enforce_hard_constraints(
    signals: Signals, draft: DraftWeek, policy: Policy
) -> tuple[DraftWeek, list[Change]]:
    """Re-apply the hard constraints to the final week, in an order where no fix undoes another:
    week km caps (ramp, fatigue, taper) -> single-run cap -> long-run share -> legs (moves lifts
    and runs without touching km) -> hard days (only makes runs easier and takes legs out of
    lifts, which never creates a legs conflict). Normally a no-op: the rules already left it so."""
    changes: list[Change] = []
    before = draft.run_km
    caps = week_caps(signals, draft, policy)
    if caps:
        draft = cap_week_km(draft, min(cap for _, cap in caps))
    run_cap = single_run_cap_km(signals, policy)
    if run_cap is not None:
        draft = cap_runs(draft, run_cap)
    draft = cap_long_share(
        draft,
        policy.mileage_ramp.long_run_share_max,
        run_cap,
        long_run_floor_km(signals, draft, policy),
    )
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
    changes += made
    limit = hard_day_limit(draft, policy)
    if len(hard_days(draft.sessions)) > limit:
        draft, actions = limit_hard_days(draft, limit, policy)
        if len(hard_days(draft.sessions)) > limit:  # a race takes the week's quality place
            draft, more = limit_hard_days(draft, limit, policy, keep_quality=0)
            actions += more
        changes.append(
            Change(
                "eighty-twenty",
                f"Final check, at most {limit} hard days: {'; '.join(actions)}",
                {"max_hard_days": limit, "hard_days_after": len(hard_days(draft.sessions))},
            )
        )
    return draft, changes


def hard_constraint_violations(signals: Signals, draft: DraftWeek, policy: Policy) -> list[str]:
    """Every hard constraint the week breaks (empty: all kept): legs, week caps (ramp, fatigue,
    taper), single-run cap, long-run share, hard days."""
    broken: list[str] = []
    legs = policy.legs_before_key_run.min_days_after_lift
    fixed = fixed_lower_lifts(
        [(x.local_date, x.lower_body) for x in signals.lifts], draft.week_start, legs
    )
    for c in conflicts(draft.sessions, fixed, legs):
        broken.append(f"{c.run.label()} {c.days_between} day(s) after a lower-body lift")
    week_km = draft.run_km
    for name, cap in week_caps(signals, draft, policy):
        if week_km > cap + EPS:
            broken.append(f"week {week_km:.1f} km > {name} cap {cap:.1f} km")
    run_cap = single_run_cap_km(signals, policy)
    for run in draft.training_runs:
        if run_cap is not None and (run.km or 0.0) > run_cap + EPS:
            broken.append(f"{run.label()} {run.km} km > single-run cap {run_cap:.1f} km")
    limit = long_share_limit(len(draft.training_runs), policy.mileage_ramp.long_run_share_max)
    floor = long_run_floor_km(signals, draft, policy) or 0.0
    for run in draft.training_runs:
        km = run.km or 0.0
        if run.type == "long" and km > max(limit * week_km + LONG_SHARE_SLACK_KM, floor) + EPS:
            broken.append(f"long run {run.km} km > {limit:.0%} of the week's {week_km:.1f} km")
    planned_hard = len(hard_days(draft.sessions))
    if planned_hard > hard_day_limit(draft, policy):
        broken.append(f"{planned_hard} hard days > {hard_day_limit(draft, policy)}")
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
    notes = list(signals.notes) + list(draft.notes)
    if draft.plan_week is None:
        notes.append("No [plan] start: scheduled recovery weeks are not counted.")
    for check in fatigue.checks:
        if check.building:
            notes.append(f"{check.detail}: it raises no fatigue flag yet.")
    trained = len(training_days(draft.sessions))
    weeks = recorded_weeks(signals, draft.week_start, policy)
    windows = recoveries(draft.races, draft.week_start, policy)
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
        "hard_days": len(hard_days(draft.sessions)),
        "training_days": trained,
        "max_hard_days": max_hard_days(trained, policy.eighty_twenty),
        "recorded_hard_days": [
            {
                "week_start": w.week_start.isoformat(),
                "hard_days": w.hard_days,
                "training_days": w.training_days,
                "max_hard_days": w.limit,
            }
            for w in weeks
        ],
        "races": [
            {
                "date": r.date.isoformat(),
                "name": r.name,
                "distance_km": r.distance_km,
                "priority": r.priority,
            }
            for r in draft.races
            if r.date >= draft.week_start - timedelta(days=28)
        ],
        "taper": None if draft.taper is None else draft.taper.evidence(),
        "race_recovery": [
            {"race_date": w.race.date.isoformat(), "easy_until": w.last_day.isoformat()}
            for w in windows
        ],
        "plan_week": draft.plan_week,
        "planned_on": signals.planned_on,
        "missing": missing,
        "notes": notes,
    }


def _r(value: float | None, digits: int) -> float | None:
    return None if value is None else round(float(value), digits)
