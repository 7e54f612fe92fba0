"""A dated session of a concrete week (drafts, outputs, stored previous weeks)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from rules.plan import Exercise
from rules.vocab import DAYS, HARD_RUN_TYPES, KEY_RUN_TYPES, LOWER_BODY_LIFT_TYPES, Day, Kind, Slot

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
        """An interval or tempo run."""
        return self.kind == "run" and self.type in HARD_RUN_TYPES

    @property
    def is_key(self) -> bool:
        """A run the legs must be fresh for: intervals, tempo or long."""
        return self.kind == "run" and self.type in KEY_RUN_TYPES

    @property
    def lower_body(self) -> bool:
        """A lift that loads the legs (type lower or full)."""
        return self.kind == "lift" and self.type in LOWER_BODY_LIFT_TYPES

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
