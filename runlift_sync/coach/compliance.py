"""How a planned week was followed: each planned run and lift matched to what was recorded (pure).

Per week and per kind (runs with runs, lifts with lifts), every pair of a planned session and
a recorded activity of the same day, or at most `max_days_moved` days apart within the week
and of a comparable size, is a candidate;
candidates are taken cheapest first — the day first, then a matching intensity (a hard run
for intervals, legs for a leg session), then the planned time of day, then the size — and
each session and activity is used once. A matched session is `done` when it was done as
planned within the tolerances, else `changed` with its deviations (shorter, longer,
fewer_sets, easier, harder, moved). An unmatched session is `missed` once its day is over
(`upcoming` until then); an unmatched activity is `unplanned`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rules import Session
from rules.hard_days import is_hard_session
from rules.vocab import DAYS

Status = Literal["done", "changed", "missed", "upcoming", "unplanned"]
STATUSES: tuple[Status, ...] = ("done", "changed", "missed", "upcoming", "unplanned")


@dataclass(frozen=True)
class Tolerance:
    """How far from the plan a session may be and still count as done as planned."""

    km_share: float = 0.15
    """Runs: ±15 % of the planned km (GPS and route choice alone vary by ~5 %)."""
    minutes_share: float = 0.25
    """Lifts: ±25 % of the planned minutes (rests and warm-up sets vary a lot)."""
    sets_share: float = 0.75
    """Lifts: fewer than 75 % of the planned working sets is fewer_sets."""
    max_days_moved: int = 2
    """A session done up to 2 days from its day (within the week) was moved, not missed."""
    moved_size_ratio: float = 0.5
    """…provided it was at least half and at most twice the planned size (km, else minutes):
    a 6 km jog two days before a 20 km long run is another run, not the long run moved."""


DEFAULT_TOLERANCE = Tolerance()


@dataclass(frozen=True)
class Recorded:
    """One recorded run or lift (from `runs` or `lift_sessions`)."""

    activity_id: str
    kind: Literal["run", "lift"]
    local_date: dt.date
    hour: float
    """Local start time of day, hours (for am/pm sessions)."""
    type: str | None
    """runs.run_type, or lower/upper for a lift."""
    km: float | None = None
    minutes: float | None = None
    sets: int | None = None
    hard: bool = False
    """A run classified hard (runs.intensity), or a lift that loaded the legs."""


@dataclass(frozen=True)
class Compliance:
    """One row of `plan_compliance`: a planned session and what became of it (or an
    activity no session was matched to)."""

    week_start: dt.date
    session_index: int | None
    planned: Session | None
    recorded: Recorded | None
    status: Status
    deviations: tuple[str, ...]
    detail: str

    @property
    def days_moved(self) -> int | None:
        if self.planned is None or self.recorded is None:
            return None
        return (self.recorded.local_date - self.planned.date).days


_SLOT_HOUR = {"am": 8.0, "pm": 18.0}


def _cost(session: Session, done: Recorded) -> tuple[int, int, float, float]:
    days = abs((done.local_date - session.date).days)
    intensity = 0 if is_hard_session(session) == done.hard else 1
    hour = abs(_SLOT_HOUR[session.slot] - done.hour) if session.slot else 0.0
    size = 0.0
    if session.km and done.km is not None:
        size = abs(done.km - session.km) / session.km
    elif session.minutes and done.minutes is not None:
        size = abs(done.minutes - session.minutes) / session.minutes
    return days, intensity, hour, size


def _may_match(session: Session, done: Recorded, tol: Tolerance) -> bool:
    days = abs((done.local_date - session.date).days)
    if days == 0:
        return True
    if days > tol.max_days_moved:
        return False
    planned, actual = (session.km, done.km) if session.km else (session.minutes, done.minutes)
    if not planned or actual is None:
        return True
    return tol.moved_size_ratio <= actual / planned <= 1 / tol.moved_size_ratio


def match_week(
    week_start: dt.date,
    sessions: Sequence[Session],
    recorded: Sequence[Recorded],
    as_of: dt.date,
    tolerance: Tolerance = DEFAULT_TOLERANCE,
) -> list[Compliance]:
    """The compliance rows of one planned week (`sessions` in stored order, rest days
    ignored) against the activities recorded in it."""
    week_end = week_start + dt.timedelta(days=6)
    planned = [(i, s) for i, s in enumerate(sessions) if s.kind in ("run", "lift")]
    done = [r for r in recorded if week_start <= r.local_date <= week_end]
    candidates = sorted(
        (_cost(s, r), i, k)
        for i, s in planned
        for k, r in enumerate(done)
        if s.kind == r.kind and _may_match(s, r, tolerance)
    )
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, i, k in candidates:
        if i not in matched and k not in used:
            matched[i] = k
            used.add(k)
    rows: list[Compliance] = []
    for i, session in planned:
        if i in matched:
            rows.append(_compare(week_start, i, session, done[matched[i]], tolerance))
        elif session.date >= as_of:
            rows.append(Compliance(week_start, i, session, None, "upcoming", (), "not yet"))
        else:
            rows.append(Compliance(week_start, i, session, None, "missed", (), "nothing recorded"))
    for k, activity in enumerate(done):
        if k not in used:
            rows.append(
                Compliance(week_start, None, None, activity, "unplanned", (), _describe(activity))
            )
    return rows


def _compare(
    week_start: dt.date, index: int, session: Session, done: Recorded, tol: Tolerance
) -> Compliance:
    deviations: list[str] = []
    notes: list[str] = []

    def size(
        planned: float | None, recorded: float | None, share: float, unit: str, digits: int
    ) -> None:
        """Shorter or longer than planned by more than `share` (of km, or of minutes)."""
        if planned and recorded is not None:
            notes.append(f"{recorded:.{digits}f} of {planned:g} {unit}")
            if recorded / planned < 1 - share:
                deviations.append("shorter")
            elif recorded / planned > 1 + share:
                deviations.append("longer")

    def intensity(easy: str, hard: str) -> None:
        """Easier or harder than planned (a hard run; a lift that loaded the legs)."""
        planned_hard = is_hard_session(session)
        if planned_hard and not done.hard:
            deviations.append("easier")
            notes.append(f"{easy} ({session.type} planned)")
        elif done.hard and not planned_hard:
            deviations.append("harder")
            notes.append(f"{hard} ({session.type} planned)")

    if session.is_run:
        size(session.km, done.km, tol.km_share, "km", 1)
        intensity("easy", "hard")
    else:
        size(session.minutes, done.minutes, tol.minutes_share, "min", 0)
        if session.total_sets and done.sets is not None:
            notes.append(f"{done.sets} of {session.total_sets} sets")
            if done.sets < tol.sets_share * session.total_sets:
                deviations.append("fewer_sets")
        intensity("no legs", "legs")
    moved = (done.local_date - session.date).days
    if moved:
        deviations.append("moved")
        notes.append(_moved(moved, done.local_date))
    status: Status = "changed" if deviations else "done"
    return Compliance(
        week_start, index, session, done, status, tuple(deviations), ", ".join(notes) or "done"
    )


def _moved(days: int, on: dt.date) -> str:
    day = DAYS[on.weekday()].capitalize()
    if abs(days) == 1:
        return f"a day {'later' if days > 0 else 'earlier'} ({day})"
    return f"{abs(days)} days {'later' if days > 0 else 'earlier'} ({day})"


def _describe(activity: Recorded) -> str:
    if activity.kind == "run":
        size = f"{activity.km:.1f} km " if activity.km is not None else ""
        return f"{size}{activity.type or ''} run, not planned".replace("  ", " ")
    size = f"{activity.minutes:.0f} min " if activity.minutes is not None else ""
    return f"{size}{activity.type or ''} lift, not planned".replace("  ", " ")
