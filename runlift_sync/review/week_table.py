"""The week table of the review page: each template session beside what the coach made of it,
the rules that touched it, and every change with its evidence (pure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from rules import Session
from runlift_sync.coach.diff import diff_week
from runlift_sync.coach.week_store import StoredWeek
from runlift_sync.review.figures import day_label

DiffKind = Literal["same", "changed", "moved", "added", "removed"]
RowKind = Literal["same", "changed", "moved", "added", "removed", "moved-away", "rest"]


@dataclass(frozen=True)
class SessionView:
    """A session as the page writes it."""

    title: str
    detail: str
    exercises: tuple[str, ...]
    slot: str
    tone: str
    """hard (a hard run or a race), legs (a lower-body lift) or "" (easy)."""


@dataclass(frozen=True)
class WeekRow:
    """One line of the week table: a template session and what it became."""

    date: dt.date
    kind: RowKind
    before: SessionView | None
    after: SessionView | None
    note: str
    changes: tuple[tuple[int, str, int], ...]
    """Per rule that touched it: (its first change's index, the rule, how many changes)."""


@dataclass(frozen=True)
class ChangeView:
    index: int
    rule: str
    message: str
    evidence: tuple[tuple[str, str], ...]
    touched: tuple[str, ...]
    kept_by_constraint: bool = False


def session_view(session: Session) -> SessionView:
    """A session's title ("Intervals run"), size ("14 km") and exercises."""
    what = f"{session.type} {session.kind}" if session.type else session.kind
    if session.type == "race":
        what = "race"
    size = []
    if session.km is not None:
        size.append(f"{session.km:g} km")
    if session.minutes is not None:
        size.append(f"{session.minutes:g} min")
    if session.exercises:
        size.append(f"{session.total_sets} sets")
    exercises = tuple(
        f"{e.name} {e.sets}×{e.reps}"
        + (f" @ {e.load_kg:g} kg" if e.load_kg is not None else "")
        + (f", rest {e.rest_s} s" if e.rest_s else "")
        for e in session.exercises
    )
    tone = "hard" if session.is_hard else ""
    tone = "legs" if session.lower_body else tone
    return SessionView(what.capitalize(), " · ".join(size), exercises, session.slot or "", tone)


def _pairs(
    week: StoredWeek,
) -> list[tuple[DiffKind, Session | None, Session | None, int | None, int | None]]:
    """(kind, template session, shown session, template index, shown index) for every row:
    from the stored trace, else paired by `diff_week`."""
    origins = week.template_index
    traced = len(origins) == len(week.sessions) and any(o is not None for o in origins)
    rows: list[tuple[DiffKind, Session | None, Session | None, int | None, int | None]] = []
    if traced:
        used = set()
        for i, (session, origin) in enumerate(zip(week.sessions, origins, strict=True)):
            before = (
                week.template[origin]
                if origin is not None and origin < len(week.template)
                else None
            )
            used.add(origin)
            rows.append((_kind(before, session), before, session, origin, i))
        rows += [
            ("removed", t, None, k, None) for k, t in enumerate(week.template) if k not in used
        ]
    else:
        index_of = {id(s): i for i, s in enumerate(week.sessions)}
        template_of = {id(s): i for i, s in enumerate(week.template)}
        for row in diff_week(week.template, week.sessions):
            rows.append(
                (
                    row.kind,  # type: ignore[arg-type]
                    row.before,
                    row.after,
                    template_of.get(id(row.before)) if row.before else None,
                    index_of.get(id(row.after)) if row.after else None,
                )
            )
    return sorted(rows, key=lambda r: _row_key(r[1], r[2]))


def _row_key(before: Session | None, after: Session | None) -> tuple[dt.date, int]:
    session = after or before
    assert session is not None
    return session.date, {"am": 0, None: 1, "pm": 2}[session.slot]


def _kind(before: Session | None, after: Session) -> DiffKind:
    if before is None:
        return "added"
    if before == after:
        return "same"
    if before.date != after.date or before.slot != after.slot:
        return "moved"
    return "changed"


def week_rows(week: StoredWeek) -> list[WeekRow]:
    """The week table, Monday to Sunday: every template session beside what it became, with
    the rules that touched it; a moved session also leaves a line on its old day, and a day
    with nothing planned says so."""
    links = week.change_links
    changes = week.adjusted["changes"]
    rows = []
    for kind, before, after, t_index, s_index in _pairs(week):
        touched = []
        for i, link in enumerate(links):
            if link is None:
                continue
            if (s_index is not None and s_index in link.session_indexes) or (
                s_index is None and t_index is not None and t_index in link.template_indexes
            ):
                touched.append((i, changes[i]["rule"]))
        by_rule: dict[str, list[int]] = {}
        for i, rule in touched:
            by_rule.setdefault(rule, []).append(i)
        tags = tuple((found[0], rule, len(found)) for rule, found in by_rule.items())
        note = {"removed": "removed", "added": "added by the coach"}.get(kind, "")
        if kind == "moved" and before is not None and after is not None:
            note = f"moved from {_when(before)}"
            if before.date != after.date:
                rows.append(
                    WeekRow(
                        before.date,
                        "moved-away",
                        session_view(before),
                        None,
                        f"moved to {_when(after)}",
                        tags,
                    )
                )
        session = after or before
        assert session is not None
        rows.append(
            WeekRow(
                session.date,
                kind,
                session_view(before) if before else None,
                session_view(after) if after else None,
                note,
                tags,
            )
        )
    days = {row.date for row in rows}
    rows += [
        WeekRow(day, "rest", None, None, "", ())
        for day in (week.week_start + dt.timedelta(days=k) for k in range(7))
        if day not in days
    ]
    return sorted(rows, key=lambda r: r.date)


def _when(session: Session) -> str:
    return f"{day_label(session.date)}{' ' + session.slot if session.slot else ''}"


def _evidence(evidence: dict[str, Any], prefix: str = "") -> list[tuple[str, str]]:
    items: list[tuple[str, str]] = []
    for key, value in sorted(evidence.items()):
        name = f"{prefix}{key}".replace("_", " ")
        if isinstance(value, dict):
            items += _evidence(value, f"{prefix}{key}.")
        elif isinstance(value, list):
            items.append((name, ", ".join(_value(v) for v in value) or "none"))
        else:
            items.append((name, _value(value)))
    return items


def _value(value: Any) -> str:
    if value is None:
        return "not measured"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}".replace("-", "−")
    return str(value)


def change_views(week: StoredWeek) -> list[ChangeView]:
    kept = {
        (c["rule"], c["message"])
        for c in (week.acceptance.kept_by_constraints if week.acceptance else ())
    }
    views = []
    for i, change in enumerate(week.adjusted["changes"]):
        link = week.change_links[i] if i < len(week.change_links) else None
        touched = tuple(
            week.sessions[k].label()
            for k in (link.session_indexes if link else ())
            if k < len(week.sessions)
        )
        views.append(
            ChangeView(
                i,
                change["rule"],
                change["message"],
                tuple(_evidence(change["evidence"])),
                touched,
                (change["rule"], change["message"]) in kept,
            )
        )
    return views
