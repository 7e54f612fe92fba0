"""The legs calendar of the review page: the last weeks and the planned week, day by day, with
lower-body lifts against key runs (pure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from rules import Session
from rules.placement import conflicts
from runlift_sync.review.figures import day_label, short_date


@dataclass(frozen=True)
class CalendarItem:
    text: str
    classes: str
    tip: str


@dataclass(frozen=True)
class CalendarWeek:
    label: str
    planned: bool
    days: tuple[tuple[dt.date, tuple[CalendarItem, ...]], ...]


RUN_LETTERS = {"easy": "E", "recovery": "R", "long": "L", "tempo": "T", "intervals": "I"}


def chip_text(session: Session) -> str:
    """A calendar chip's text, short enough for a phone: "I 9", "L 21", "legs", "race"."""
    if session.is_lift:
        return "legs" if session.lower_body else "upper"
    if session.type == "race":
        return "race"
    letter = RUN_LETTERS.get(session.type or "", (session.type or "run")[:1].upper())
    if not session.km:
        return letter
    return f"{letter} {session.km:.0f}"


def calendar(
    recorded: Sequence[Session],
    planned: Sequence[Session],
    week_start: dt.date,
    legs_days: int,
    weeks_before: int = 3,
) -> list[CalendarWeek]:
    """The last weeks as recorded and the planned week: lower-body lifts against key runs;
    a key run too soon after a lower-body lift (`rules.placement.conflicts`) is marked."""
    sessions = tuple(s for s in (*recorded, *planned) if s.kind in ("run", "lift"))
    clash = {id(c.run): c for c in conflicts(sessions, (), legs_days)}
    out = []
    for w in range(weeks_before, -1, -1):
        monday = week_start - dt.timedelta(weeks=w)
        days = []
        for d in range(7):
            day = monday + dt.timedelta(days=d)
            items = []
            for s in sessions:
                if s.date != day:
                    continue
                planned_week = w == 0
                classes = ["chip", s.kind]
                if s.is_key or s.type == "race":
                    classes.append("keyrun")
                if s.lower_body:
                    classes.append("legs")
                if planned_week:
                    classes.append("planned")
                if s.type == "race":
                    classes.append("race")
                tip = f"{day_label(day)}{' ' + s.slot if s.slot else ''}: {s.type or ''} {s.kind}"
                if s.km:
                    tip += f", {s.km:g} km"
                found = clash.get(id(s))
                if found is not None:
                    classes.append("clash")
                    tip += (
                        f" — {found.days_between} day(s) after a lower-body lift on "
                        f"{day_label(found.lift_date)}"
                    )
                items.append(CalendarItem(chip_text(s), " ".join(classes), tip.replace("  ", " ")))
            days.append((day, tuple(items)))
        label = "next" if w == 0 else short_date(monday)
        out.append(CalendarWeek(label, w == 0, tuple(days)))
    return out
