"""What the coach changed in a week: template sessions against adjusted ones (pure)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from rules import Session

DiffKind = Literal["same", "changed", "moved", "removed", "added"]


@dataclass(frozen=True)
class DiffRow:
    """One session of the template and what became of it (or a session the coach added)."""

    kind: DiffKind
    before: Session | None
    after: Session | None
    detail: str


def _describe(session: Session) -> str:
    what = f"{session.type} {session.kind}" if session.type else session.kind
    size = []
    if session.km is not None:
        size.append(f"{session.km:g} km")
    if session.minutes is not None:
        size.append(f"{session.minutes:g} min")
    if session.exercises:
        size.append(f"{session.total_sets} sets")
    slot = f" {session.slot}" if session.slot else ""
    return f"{session.day}{slot} {what}" + (f" ({', '.join(size)})" if size else "")


def _changes(before: Session, after: Session) -> list[str]:
    notes = []
    if before.type != after.type:
        notes.append(f"{before.type} → {after.type}")
    if before.km != after.km:
        notes.append(f"{before.km or 0:g} → {after.km or 0:g} km")
    if before.minutes != after.minutes:
        notes.append(f"{before.minutes or 0:g} → {after.minutes or 0:g} min")
    if before.total_sets != after.total_sets:
        notes.append(f"{before.total_sets} → {after.total_sets} sets")
    loads_before = [(e.name, e.load_kg) for e in before.exercises]
    loads_after = [(e.name, e.load_kg) for e in after.exercises]
    if loads_before != loads_after and before.total_sets == after.total_sets:
        notes.append("loads changed")
    if before.slot != after.slot and before.date == after.date:
        notes.append(f"{before.slot or 'any time'} → {after.slot or 'any time'}")
    return notes


def diff_week(template: tuple[Session, ...], adjusted: tuple[Session, ...]) -> list[DiffRow]:
    """Pair each template session with what the coach made of it, in the template's order."""
    left = list(template)
    right = list(adjusted)
    pairs: list[tuple[Session, Session]] = []

    def take(match: Callable[[Session, Session], bool]) -> None:
        for before in list(left):
            for after in right:
                if match(before, after):
                    pairs.append((before, after))
                    left.remove(before)
                    right.remove(after)
                    break

    take(lambda b, a: b == a)
    take(lambda b, a: b.date == a.date and b.kind == a.kind and b.type == a.type)
    take(lambda b, a: b.kind == a.kind and b.type == a.type)  # moved to another day
    take(lambda b, a: b.date == a.date and b.kind == a.kind)  # changed type
    rows: list[DiffRow] = []
    for before, after in pairs:
        notes = _changes(before, after)
        if before.date != after.date or (before.slot != after.slot and not notes):
            kind: DiffKind = "moved"
            notes.insert(
                0,
                f"{before.day}{' ' + before.slot if before.slot else ''} → {after.day}{' ' + after.slot if after.slot else ''}",
            )
        else:
            kind = "changed" if notes else "same"
        rows.append(DiffRow(kind, before, after, "; ".join(notes)))
    rows.extend(DiffRow("removed", before, None, _describe(before)) for before in left)
    rows.extend(DiffRow("added", None, after, _describe(after)) for after in right)
    order = {id(s): i for i, s in enumerate(template)}
    rows.sort(
        key=lambda r: (
            order.get(id(r.before), len(order)),
            r.after.date if r.after else r.before.date,
        )
    )  # type: ignore[union-attr]
    return rows


def describe(session: Session | None) -> str:
    return "" if session is None else _describe(session)
