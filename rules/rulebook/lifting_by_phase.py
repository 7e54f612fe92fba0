"""Rule 6, lifting-by-phase: how many lifting sessions, how long, at least one heavy, the taper,
and never more than ~10 days without lifting. Two steps: `lifting_by_phase` (before the
progression rule) and `taper_lifting` (after it, so halved sets stay halved)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from rules.exercises import fit_exercise_named
from rules.lift_loads import best_e1rm, round_load
from rules.placement import placements
from rules.plan import Exercise
from rules.policy import Policy
from rules.session import Session, sort_key
from rules.signals import Signals
from rules.volume import scale_minutes, scale_sets
from rules.week import Change, DraftWeek, RuleResult, run_in_order

RULE = "lifting-by-phase"


def phase_limits(phase: str, policy: Policy) -> tuple[int, float, float | None]:
    """(max sessions, max minutes, min minutes) of lifting in a phase."""
    lp = policy.lifting_by_phase
    if phase == "base":
        return lp.base_max_sessions, lp.base_max_minutes, None
    return lp.short_max_sessions, lp.short_max_minutes, lp.short_min_minutes


def lifting_by_phase(signals: Signals, draft: DraftWeek, policy: Policy) -> RuleResult:
    """Session count and length by phase, one heavy session in build/in season, lifting gap."""
    if not draft.lifts:
        return draft, []
    return run_in_order(
        signals, draft, policy, (_limit_count, _limit_minutes, _ensure_heavy, _close_gap)
    )


def _limit_count(
    signals: Signals, draft: DraftWeek, policy: Policy
) -> tuple[DraftWeek, list[Change]]:
    del signals
    max_sessions, _, _ = phase_limits(draft.phase, policy)
    lifts = draft.lifts
    if len(lifts) <= max_sessions:
        return draft, []
    # Keep heavy sessions, then lower-body ones, then the earliest.
    ranked = sorted(lifts, key=lambda s: (not s.has_main_lift, not s.lower_body, s.date))
    dropped = ranked[max_sessions:]
    sessions = [s for s in draft.sessions if all(s is not d for d in dropped)]
    names = ", ".join(s.label() for s in sorted(dropped, key=lambda s: s.date))
    return draft.with_sessions(sessions), [
        Change(
            RULE,
            f"{draft.phase} phase: at most {max_sessions} lifting sessions a week; removed {names}",
            {"phase": draft.phase, "planned_sessions": len(lifts), "max_sessions": max_sessions},
        )
    ]


def _limit_minutes(
    signals: Signals, draft: DraftWeek, policy: Policy
) -> tuple[DraftWeek, list[Change]]:
    del signals
    _, max_minutes, min_minutes = phase_limits(draft.phase, policy)
    changes: list[Change] = []
    sessions = []
    for s in draft.sessions:
        if s.is_lift and s.minutes is not None:
            minutes = min(s.minutes, max_minutes)
            if min_minutes is not None:
                minutes = max(minutes, min_minutes)
            if minutes != s.minutes:
                changes.append(
                    Change(
                        RULE,
                        f"{s.label()}: {s.minutes:g} -> {minutes:g} min ({draft.phase} phase: "
                        f"{'' if min_minutes is None else f'{min_minutes:g}-'}{max_minutes:g} min)",
                        {
                            "phase": draft.phase,
                            "planned_minutes": s.minutes,
                            "max_minutes": max_minutes,
                            "min_minutes": min_minutes,
                        },
                    )
                )
                s = replace(s, minutes=minutes)
        sessions.append(s)
    return draft.with_sessions(sessions), changes


def _ensure_heavy(
    signals: Signals, draft: DraftWeek, policy: Policy
) -> tuple[DraftWeek, list[Change]]:
    """Real heavy work, as the seed asks: a lower- or full-body session written without
    exercises gets a main lift (3 sets of `default_reps` at `start_pct_1rm` of e1RM, rest
    `default_rest_s`; the progression rule then takes it toward 6 sets), in every phase. In
    build and in season, at least one session a week is heavy."""
    changes: list[Change] = []
    for target in [s for s in draft.lifts if not s.exercises and s.lower_body]:
        draft, change = _add_main_lift(signals, draft, policy, target, "heavy lower-body work")
        changes.append(change)
    if draft.phase in ("build", "in_season") and not any(s.has_main_lift for s in draft.lifts):
        target = next((s for s in draft.lifts if s.lower_body), draft.lifts[0])
        draft, change = _add_main_lift(
            signals, draft, policy, target, "at least one heavy session a week"
        )
        changes.append(change)
    return draft, changes


def _add_main_lift(
    signals: Signals, draft: DraftWeek, policy: Policy, target: Session, why: str
) -> tuple[DraftWeek, Change]:
    hl = policy.heavy_lifting
    name = {"lower": hl.default_lower, "full": hl.default_full}.get(
        target.type or "", hl.default_upper
    )
    e1rm = best_e1rm(signals, fit_exercise_named(name), draft.week_start, hl.e1rm_window_days)
    load = None if e1rm is None else round_load(hl.start_pct_1rm * e1rm, hl.load_round_kg)
    heavy = Exercise(
        name=name,
        sets=hl.sets,
        reps=hl.default_reps,
        load_kg=load,
        rest_s=hl.default_rest_s,
        main=True,
        region={"lower": "lower", "full": "full"}.get(target.type or "", "upper"),
    )
    sessions = [
        replace(s, exercises=(heavy, *s.exercises)) if s is target else s for s in draft.sessions
    ]
    load_text = (
        f" @ {load:g} kg ({hl.start_pct_1rm:.0%} of estimated 1RM {e1rm:.1f} kg)"
        if load is not None and e1rm is not None
        else f" (no estimated 1RM yet: a load you could lift {hl.default_reps + 2} times)"
    )
    return draft.with_sessions(sessions), Change(
        RULE,
        f"{draft.phase} phase, {why}: added {name} {hl.sets}x{hl.default_reps}{load_text}, "
        f"rest {hl.default_rest_s} s, to {target.label()}",
        {
            "phase": draft.phase,
            "session_date": target.date.isoformat(),
            "exercise": name,
            "sets": hl.sets,
            "reps": hl.default_reps,
            "load_kg": load,
            "rest_s": hl.default_rest_s,
            "e1rm_kg": None if e1rm is None else round(e1rm, 1),
        },
    )


def _close_gap(
    signals: Signals, draft: DraftWeek, policy: Policy
) -> tuple[DraftWeek, list[Change]]:
    """Move the week's first lift earlier when it would come > max_days_without_lift after
    the last one (the plan must lift at all, and the last lift must be known)."""
    lp = policy.lifting_by_phase
    days_since = signals.days_since_last_lift
    if not draft.plan_lifts or days_since is None or not draft.lifts:
        return draft, []
    last = draft.week_start - timedelta(days=days_since)
    first = min(draft.lifts, key=sort_key)
    deadline = max(last + timedelta(days=lp.max_days_without_lift), draft.week_start)
    if first.date <= deadline:
        return draft, []
    options = [
        p
        for p in placements(
            draft,
            first,
            min_days=policy.legs_before_key_run.min_days_after_lift,
            allowed=lambda d: d <= deadline and lower_lift_allowed(draft, first, d, policy),
        )
    ]
    gap = (first.date - last).days
    evidence = {
        "last_lift": last.isoformat(),
        "days_without_lift": gap,
        "max_days_without_lift": lp.max_days_without_lift,
    }
    if not options:
        return draft, [
            Change(
                RULE,
                f"{first.label()} comes {gap} days after the last lift (> "
                f"{lp.max_days_without_lift}), but no earlier day keeps the legs rule; "
                "lift earlier if you can",
                evidence,
            )
        ]
    # Latest legal day: as little change to the plan as possible.
    best = max(options, key=lambda p: (p.date, p.after_hard_run))
    evidence["moved_to"] = best.date.isoformat()
    return draft.with_sessions(best.sessions), [
        Change(
            RULE,
            f"{first.label()} would come {gap} days after the last lift (> "
            f"{lp.max_days_without_lift}): moved to {best.date:%a} {best.slot or ''}".rstrip(),
            evidence,
        )
    ]


def taper_race_date(draft: DraftWeek) -> date | None:
    """The A race this week tapers for (its heavy-legs window applies), or None."""
    taper = draft.taper
    if taper is None or taper.race.priority != "A" or taper.week == "mini":
        return None
    return taper.race.date


def lower_lift_allowed(draft: DraftWeek, lift: Session, day: date, policy: Policy) -> bool:
    """In an A race's taper, no lower-body lift in the last days before the race (the last
    heavy legs come 5-7 days out)."""
    race = taper_race_date(draft)
    if not lift.lower_body or race is None:
        return True
    return (race - day).days >= policy.lifting_by_phase.taper_last_heavy_min_days


def taper_lifting(signals: Signals, draft: DraftWeek, policy: Policy) -> RuleResult:
    """Taper: the last heavy lower-body session 5-7 days before the race with half the sets;
    lower-body lifts closer to the race move into that window or go."""
    del signals
    lp = policy.lifting_by_phase
    race = taper_race_date(draft)
    if race is None:
        return draft, []
    changes: list[Change] = []
    window_first = race - timedelta(days=lp.taper_last_heavy_max_days)
    window_last = race - timedelta(days=lp.taper_last_heavy_min_days)
    for lift in [s for s in draft.lifts if s.lower_body and s.date > window_last]:
        in_window = [
            s for s in draft.lifts if s.lower_body and window_first <= s.date <= window_last
        ]
        options = (
            []
            if in_window
            else placements(
                draft,
                lift,
                min_days=policy.legs_before_key_run.min_days_after_lift,
                allowed=lambda d: window_first <= d <= window_last,
            )
        )
        evidence = {
            "race_date": race.isoformat(),
            "days_before_race": (race - lift.date).days,
            "window_days": [lp.taper_last_heavy_min_days, lp.taper_last_heavy_max_days],
        }
        if options:
            best = options[0]
            draft = draft.with_sessions(best.sessions)
            changes.append(
                Change(
                    RULE,
                    f"Taper: {lift.label()} is {(race - lift.date).days} days before the race; "
                    f"moved to {best.date:%a} ({(race - best.date).days} days before)",
                    evidence,
                )
            )
        else:
            draft = draft.with_sessions([s for s in draft.sessions if s is not lift])
            changes.append(
                Change(
                    RULE,
                    f"Taper: removed {lift.label()} ({(race - lift.date).days} days before the "
                    f"race; the last lower-body session comes "
                    f"{lp.taper_last_heavy_min_days}-{lp.taper_last_heavy_max_days} days before)",
                    evidence,
                )
            )
    sessions = []
    for s in draft.sessions:
        if s.lower_body and window_first <= s.date <= window_last and s.exercises:
            before = s.total_sets
            halved = replace(
                s, exercises=tuple(scale_sets(e, lp.taper_set_share) for e in s.exercises)
            )
            halved = scale_minutes(halved, before, lp.short_min_minutes)
            changes.append(
                Change(
                    RULE,
                    f"Taper: last heavy lower-body session {s.label()} "
                    f"({(race - s.date).days} days before the race) with half the sets: "
                    f"{before} -> {halved.total_sets}",
                    {
                        "race_date": race.isoformat(),
                        "days_before_race": (race - s.date).days,
                        "sets_before": before,
                        "sets_after": halved.total_sets,
                    },
                )
            )
            s = halved
        sessions.append(s)
    return draft.with_sessions(sessions), changes
