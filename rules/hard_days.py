"""What makes a day hard: the seed's "80/20 rule of easy to hard days", in one place (pure).

A day is **hard** when it holds a hard run — intervals, tempo or a race when planned; a run
the model measured hard (`runs.intensity = 'hard'`) when done — or a heavy lower-body lift (a
lifting session that loads the legs: planned as lower or full body, or with leg exercises;
done with `lift_sessions.lower_body`). Every other day with training is easy, and so is a
rest day. Two hard sessions on one day (run in the morning, legs in the evening, as the seed
suggests) make one hard day.

The rules count the planned week with `hard_days`, the days already done with
`recorded_hard_days`; the `weekly_summary` mart counts `hard_days` and `training_days` with
the same definition (a test holds them equal). The limit for a week is `max_hard_days`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol

from rules.session import Session


class HardDayLimits(Protocol):
    """The policy values `max_hard_days` reads (`[eighty_twenty]` of policy.toml)."""

    max_hard_days: int
    short_week_days: int
    short_week_max_hard_days: int


class RecordedRun(Protocol):
    """A run done (`rules.signals.RunDone`): its day and the model's intensity."""

    @property
    def local_date(self) -> date: ...
    @property
    def intensity(self) -> str: ...


class RecordedLift(Protocol):
    """A lifting session done (`rules.signals.LiftDone`): its day and whether it hit the legs."""

    @property
    def local_date(self) -> date: ...
    @property
    def lower_body(self) -> bool: ...


def is_hard_session(session: Session) -> bool:
    """A planned session that makes its day hard: a hard run or a lower-body lift."""
    return session.is_hard or session.lower_body


def hard_days(sessions: Iterable[Session]) -> tuple[date, ...]:
    """The dates of a planned week that hold a hard session, in order."""
    return tuple(sorted({s.date for s in sessions if is_hard_session(s)}))


def training_days(sessions: Iterable[Session]) -> tuple[date, ...]:
    """The dates of a planned week with a run or a lift, in order."""
    return tuple(sorted({s.date for s in sessions if s.is_run or s.is_lift}))


def recorded_hard_days(
    runs: Iterable[RecordedRun], lifts: Iterable[RecordedLift]
) -> tuple[date, ...]:
    """The dates with a run measured hard or a lower-body lifting session, in order."""
    days = {r.local_date for r in runs if r.intensity == "hard"}
    days |= {x.local_date for x in lifts if x.lower_body}
    return tuple(sorted(days))


def recorded_training_days(
    runs: Iterable[RecordedRun], lifts: Iterable[RecordedLift]
) -> tuple[date, ...]:
    """The dates with a run or a lifting session, in order."""
    return tuple(sorted({r.local_date for r in runs} | {x.local_date for x in lifts}))


def max_hard_days(training_day_count: int, limits: HardDayLimits) -> int:
    """The most hard days a week of `training_day_count` training days may hold.

    5-7 training days: `max_hard_days` (2 of 7 is the seed's 80/20 of days, rounded up);
    `short_week_days` (4) or fewer: `short_week_max_hard_days` (1); never more hard days than
    training days.
    """
    if training_day_count <= limits.short_week_days:
        return min(limits.short_week_max_hard_days, training_day_count)
    return limits.max_hard_days
