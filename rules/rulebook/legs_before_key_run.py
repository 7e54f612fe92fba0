"""Rule 2, legs-before-key-run: no interval, tempo or long run within 2 days after a lower-body
lift. The lift moves to the afternoon of a hard-run day (run first, lift >= 6 h later) or to a
day >= 2 days before the key run; if no day works, the key run becomes an easy run (its km
kept: no volume is lost to scheduling). A lift done the day before the week moves Monday's key
run instead (swapped with an easy run, or onto a free day; else easy)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from rules.placement import (
    Conflict,
    Placement,
    conflicts,
    fixed_lower_lifts,
    placements,
    run_conflicts,
)
from rules.policy import Policy
from rules.rulebook.lifting_by_phase import lower_lift_allowed
from rules.session import Session
from rules.signals import Signals
from rules.week import Change, DraftWeek, RuleResult

RULE = "legs-before-key-run"


def legs_before_key_run(signals: Signals, draft: DraftWeek, policy: Policy) -> RuleResult:
    """Resolve conflicts one at a time (each fix removes one and creates none)."""
    min_days = policy.legs_before_key_run.min_days_after_lift
    fixed = fixed_lower_lifts(
        [(lift.local_date, lift.lower_body) for lift in signals.lifts], draft.week_start, min_days
    )
    changes: list[Change] = []
    for _ in range(4 * len(draft.sessions) + 1):
        found = conflicts(draft.sessions, fixed, min_days)
        if not found:
            break
        conflict = found[0]
        if conflict.lift is not None:
            draft, change = _move_lift(signals, draft, policy, conflict)
        else:
            draft, change = _move_run(draft, policy, conflict, fixed)
        changes.append(change)
    return draft, changes


def _evidence(conflict: Conflict, policy: Policy) -> dict[str, object]:
    return {
        "lift_date": conflict.lift_date.isoformat(),
        "lift_slot": conflict.lift.slot if conflict.lift else None,
        "key_run_date": conflict.run.date.isoformat(),
        "key_run_type": conflict.run.type,
        "key_run_slot": conflict.run.slot,
        "days_between": conflict.days_between,
        "min_days_after_lift": policy.legs_before_key_run.min_days_after_lift,
    }


def _move_lift(
    signals: Signals, draft: DraftWeek, policy: Policy, conflict: Conflict
) -> tuple[DraftWeek, Change]:
    lift = conflict.lift
    assert lift is not None
    legs = policy.legs_before_key_run
    options = placements(
        draft,
        lift,
        min_days=legs.min_days_after_lift,
        allowed=lambda d: lower_lift_allowed(draft, lift, d, policy),
    )
    evidence = _evidence(conflict, policy)
    what = (
        f"{lift.label()} is {conflict.days_between} day(s) before {conflict.run.label()}"
        if conflict.days_between
        else f"{lift.label()} is on the same day as {conflict.run.label()}, not after it"
    )
    if options:
        best = min(options, key=lambda p: _gap_penalty(signals, draft, policy, p))
        evidence.update(moved_to=best.date.isoformat(), moved_to_slot=best.slot)
        where = (
            f"{best.date:%a} pm, after the {_hard_type(best)} run (>= {legs.same_day_gap_h:g} h)"
            if best.after_hard_run
            else f"{best.date:%a}" + (f" {best.slot}" if best.slot else "")
        )
        return draft.with_sessions(best.sessions), Change(
            RULE, f"{what}: moved to {where}; hard days hard, easy days easy", evidence
        )
    run = conflict.run
    evidence["moved_to"] = None
    if run.is_race:  # a race is never moved nor made easy: the lift goes
        sessions = [s for s in draft.sessions if s is not lift]
        return draft.with_sessions(sessions), Change(
            RULE,
            f"{what} and no other day keeps the legs fresh for it: {lift.label()} removed",
            evidence,
        )
    sessions = [replace(s, type="easy") if s is run else s for s in draft.sessions]
    return draft.with_sessions(sessions), Change(
        RULE,
        f"{what} and no other day keeps the legs fresh for it: {run.label()} made an easy run "
        f"({run.km or 0:g} km kept)",
        evidence,
    )


def _hard_type(placement: Placement) -> str:
    return next(
        (s.type or "" for s in placement.sessions if s.is_quality and s.date == placement.date), ""
    )


def _gap_penalty(
    signals: Signals, draft: DraftWeek, policy: Policy, placement: Placement
) -> tuple[int, int]:
    """Prefer placements that keep the never-10-days-without-lifting rule; then the order
    `placements` gave (its index is kept by min over a stable key)."""
    days_since = signals.days_since_last_lift
    if not draft.plan_lifts or days_since is None:
        return (0, 0)
    deadline = draft.week_start + timedelta(
        days=policy.lifting_by_phase.max_days_without_lift - days_since
    )
    first = min(s.date for s in placement.sessions if s.is_lift)
    return (1 if first > max(deadline, draft.week_start) else 0, 0)


def _move_run(
    draft: DraftWeek, policy: Policy, conflict: Conflict, fixed: tuple[date, ...]
) -> tuple[DraftWeek, Change]:
    """A lift before the week conflicts with an early key run: move the run (swap it with a
    non-key run, or onto a day without runs), else make it easy."""
    run = conflict.run
    min_days = policy.legs_before_key_run.min_days_after_lift
    evidence = _evidence(conflict, policy)
    what = (
        f"A lower-body lift on {conflict.lift_date} ({conflict.lift_date:%a}) is "
        f"{conflict.days_between} day(s) before {run.label()}"
    )
    for sessions, day in _run_moves(draft, run):
        lifts = [s for s in sessions if s.lower_body]
        moved = next(s for s in sessions if s.date == day and s.type == run.type and s.is_run)
        ok = not any(run_conflicts(moved, x.date, x.slot, min_days) for x in lifts) and not any(
            run_conflicts(moved, d, None, min_days) for d in fixed
        )
        if ok:
            evidence["moved_to"] = day.isoformat()
            return draft.with_sessions(sessions), Change(
                RULE, f"{what}: moved the {run.type} run to {day:%a}", evidence
            )
    sessions = [replace(s, type="easy") if s is run else s for s in draft.sessions]
    evidence["moved_to"] = None
    return draft.with_sessions(sessions), Change(
        RULE, f"{what} and no other day fits it: made it an easy run", evidence
    )


def _run_moves(draft: DraftWeek, run: Session) -> list[tuple[list[Session], date]]:
    """Candidate weeks with `run` moved: swaps with a non-key run first, then days without a
    run (rest days last); nearest first."""
    swaps: list[tuple[tuple[int, int, int], list[Session], date]] = []
    for offset in range(7):
        day = draft.week_start + timedelta(days=offset)
        if day == run.date:
            continue
        on_day = [s for s in draft.sessions if s.date == day]
        if any(s.is_key for s in on_day):
            continue
        distance = abs(offset - run.date.weekday())
        easy = next((s for s in on_day if s.is_run), None)
        if easy is not None:
            sessions = [
                s.moved(day, s.slot) if s is run else s.moved(run.date, s.slot) if s is easy else s
                for s in draft.sessions
            ]
            swaps.append(((0, distance, offset), sessions, day))
        else:
            rest = any(s.kind == "rest" for s in on_day)
            sessions = [
                s.moved(day, s.slot) if s is run else s
                for s in draft.sessions
                if not (s.kind == "rest" and s.date == day)
            ]
            swaps.append(((1 + rest, distance, offset), sessions, day))
    return [(sessions, day) for _, sessions, day in sorted(swaps, key=lambda x: x[0])]
