"""Where a lower-body lift may go: the legs-before-key-run constraint and candidate placements.

Constraint (rule 2): for a lower-body lift on day L and a key run (intervals, tempo, long) on
day R, with gap = R - L in days:
- gap = 0 is allowed only when the run is in the morning and the lift in the afternoon
  (`slot` am and pm: at least 6 h apart, run first);
- 0 < gap < min_days (2) is never allowed (lift Monday -> key run Wednesday at the earliest).
Lifts done before the week (from the signals) count too, as fixed dates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from rules.session import Session
from rules.week import DraftWeek


@dataclass(frozen=True)
class Conflict:
    """A key run too soon after a lower-body lift."""

    run: Session
    lift: Session | None
    """The planned lift, or None for a lift already done before the week (`lift_date`)."""
    lift_date: date

    @property
    def days_between(self) -> int:
        return (self.run.date - self.lift_date).days


def run_conflicts(run: Session, lift_date: date, lift_slot: str | None, min_days: int) -> bool:
    """Whether key run `run` is too soon after a lower-body lift on `lift_date`/`lift_slot`."""
    if not run.is_key:
        return False
    gap = (run.date - lift_date).days
    if gap == 0:
        return not (run.slot == "am" and lift_slot == "pm")
    return 0 < gap < min_days


def conflicts(
    sessions: tuple[Session, ...], fixed_lifts: tuple[date, ...], min_days: int
) -> list[Conflict]:
    """Every (key run, lower-body lift) pair that breaks the constraint, in date order."""
    found = [
        Conflict(run=r, lift=lift, lift_date=lift.date)
        for lift in sessions
        if lift.lower_body
        for r in sessions
        if r.is_run and run_conflicts(r, lift.date, lift.slot, min_days)
    ]
    found += [  # a lift already done before a race: nothing left to move (a race stays)
        Conflict(run=r, lift=None, lift_date=d)
        for d in sorted(fixed_lifts)
        for r in sessions
        if r.is_run and not r.is_race and run_conflicts(r, d, None, min_days)
    ]
    return sorted(found, key=lambda c: (c.lift_date, c.run.date, c.run.type or ""))


def fixed_lower_lifts(
    lift_dates: list[tuple[date, bool]], week_start: date, min_days: int
) -> tuple[date, ...]:
    """Lower-body lifts done in the `min_days - 1` days before the week (they still count)."""
    begin = week_start - timedelta(days=min_days - 1)
    return tuple(sorted({d for d, lower in lift_dates if lower and begin <= d < week_start}))


@dataclass(frozen=True)
class Placement:
    """A legal place for a lift: its date and slot, and the sessions after the move."""

    date: date
    slot: str | None
    sessions: tuple[Session, ...]
    after_hard_run: bool


def placements(
    draft: DraftWeek,
    lift: Session,
    *,
    min_days: int,
    allowed: Callable[[date], bool] = lambda _d: True,
) -> list[Placement]:
    """Every legal place for `lift` this week, best first.

    Preference: the afternoon of a hard-run day (tempo or intervals in the morning: "hard days
    hard") before a day without key runs; then the nearest day, earlier first; rest days last
    (moving a lift there gives up the rest day). Days that already have a lift are skipped, as
    are days with only a long run (legs tired from it), and days `allowed` refuses.
    """
    others = [s for s in draft.sessions if s is not lift]
    found: list[tuple[tuple[object, ...], Placement]] = []
    for offset in range(7):
        day = draft.week_start + timedelta(days=offset)
        on_day = [s for s in others if s.date == day]
        if any(s.is_lift for s in on_day) or not allowed(day):
            continue
        hard_day = any(s.is_quality for s in on_day)
        if any(s.is_key for s in on_day) and not hard_day:
            continue
        slot = "pm" if hard_day else lift.slot
        moved = lift.moved(day, slot)
        new_sessions = [
            replace(s, slot="am") if hard_day and s.is_run and s.date == day else s
            for s in others
            if not (s.kind == "rest" and s.date == day)
        ]
        new_sessions.append(moved)
        if not lift.lower_body or not any(
            run_conflicts(r, day, slot, min_days) for r in new_sessions if r.is_run
        ):
            rest_day = any(s.kind == "rest" for s in on_day)
            key = (0 if hard_day else 1, abs(offset - lift.date.weekday()), rest_day, offset)
            found.append((key, Placement(day, slot, tuple(new_sessions), hard_day)))
    return [p for _, p in sorted(found, key=lambda kp: kp[0])]
