"""A dated session of a concrete week (drafts, outputs, stored previous weeks)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from rules.plan import Exercise
from rules.vocab import (
    DAYS,
    HARD_RUN_TYPES,
    KEY_RUN_TYPES,
    LEG_REGIONS,
    LOWER_BODY_LIFT_TYPES,
    QUALITY_RUN_TYPES,
    RACE,
    Day,
    Kind,
    Slot,
)

_SLOT_RANK = {"am": 0, None: 1, "pm": 2}
_KIND_RANK = {"run": 0, "lift": 1, "rest": 2}


@dataclass(frozen=True)
class Session:
    """One session on one date: a run, a lift or a rest day."""

    date: date
    kind: Kind
    type: str | None = None
    km: float | None = None
    minutes: float | None = None
    slot: Slot | None = None
    exercises: tuple[Exercise, ...] = ()

    @property
    def day(self) -> Day:
        """mon … sun."""
        return DAYS[self.date.weekday()]

    @property
    def is_run(self) -> bool:
        return self.kind == "run"

    @property
    def is_lift(self) -> bool:
        return self.kind == "lift"

    @property
    def is_hard(self) -> bool:
        """A run that makes its day hard: intervals, tempo or a race."""
        return self.kind == "run" and self.type in HARD_RUN_TYPES

    @property
    def is_quality(self) -> bool:
        """An interval or tempo run: the hard runs the rules may turn easy (never a race)."""
        return self.kind == "run" and self.type in QUALITY_RUN_TYPES

    @property
    def is_race(self) -> bool:
        return self.kind == "run" and self.type == RACE

    @property
    def is_training_run(self) -> bool:
        """A run that is not a race: what volume caps scale (a race is never shortened)."""
        return self.is_run and not self.is_race

    @property
    def is_key(self) -> bool:
        """A run the legs must be fresh for: intervals, tempo or long."""
        return self.kind == "run" and self.type in KEY_RUN_TYPES

    @property
    def lower_body(self) -> bool:
        """A lift that loads the legs: type lower or full, or any leg exercise in it (lower,
        full body or plyometric: jumps added to an upper-body session count too)."""
        if self.kind != "lift":
            return False
        return self.type in LOWER_BODY_LIFT_TYPES or any(
            e.region in LEG_REGIONS for e in self.exercises
        )

    @property
    def total_sets(self) -> int:
        """Working sets prescribed in this session."""
        return sum(e.sets for e in self.exercises)

    @property
    def has_main_lift(self) -> bool:
        """A heavy session: it holds at least one main lift."""
        return any(e.is_main for e in self.exercises)

    def label(self) -> str:
        """A short human name, e.g. "Tue intervals run" or "Mon pm lower lift"."""
        slot = f" {self.slot}" if self.slot else ""
        what = f"{self.type} {self.kind}" if self.type else self.kind
        return f"{self.day.capitalize()}{slot} {what}"

    def moved(self, new_date: date, slot: Slot | None) -> Session:
        """The same session on another date/slot."""
        return replace(self, date=new_date, slot=slot)


def sort_key(session: Session) -> tuple[object, ...]:
    """Canonical order: date, slot (am, none, pm), kind (run, lift, rest), then content."""
    return (
        session.date,
        _SLOT_RANK[session.slot],
        _KIND_RANK[session.kind],
        session.type or "",
        session.km or 0.0,
        session.minutes or 0.0,
        tuple((e.name, e.sets, e.reps) for e in session.exercises),
    )


def ordered(sessions: list[Session] | tuple[Session, ...]) -> tuple[Session, ...]:
    """Sessions in canonical order (the output is deterministic whatever the rules did)."""
    return tuple(sorted(sessions, key=sort_key))
