"""The review page as one self-contained HTML document, built from `ReviewData` (pure).

`build_page(data)` returns the HTML text: the templates of `review/templates/` (Jinja, with
autoescaping) filled from a view model made here, the stylesheet and the small script
inlined, the charts inline SVG. Nothing in it refers to anything outside the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

import jinja2
from markupsafe import Markup

from rules import Session
from rules.placement import conflicts
from runlift_sync.coach.diff import diff_week
from runlift_sync.coach.week_store import StoredWeek
from runlift_sync.review.charts import (
    Figure,
    compliance_figure,
    day_label,
    e1rm_figures,
    fitness_figure,
    fmt,
    hard_days_figure,
    hard_time_figure,
    lifting_figure,
    short_date,
    weekly_km_figure,
    wellness_figures,
)
from runlift_sync.review.projection import load_rates, project_fitness
from runlift_sync.review.review_data import ComplianceRow, ReviewData

DiffKind = Literal["same", "changed", "moved", "added", "removed"]
RowKind = Literal["same", "changed", "moved", "added", "removed", "moved-away", "rest"]
TEMPLATES = ("review.html.j2", "review.css", "review.js")


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


@dataclass(frozen=True)
class ComplianceWeek:
    week_start: dt.date
    version: str
    rows: tuple[ComplianceRow, ...]
    summary: str


@dataclass
class PageView:
    """Everything the template shows."""

    data: ReviewData
    title: str
    status: str
    version: str
    headline: list[tuple[str, str, str]] = field(default_factory=list)
    rows: list[WeekRow] = field(default_factory=list)
    changes: list[ChangeView] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    accept_command: str = ""
    notes: list[str] = field(default_factory=list)
    figures: dict[str, Figure | None] = field(default_factory=dict)
    e1rm: list[Figure] = field(default_factory=list)
    wellness: list[Figure] = field(default_factory=list)
    not_measured: list[str] = field(default_factory=list)
    """Signals the coach could not measure for the week (`signals.missing`)."""
    wellness_missing: list[str] = field(default_factory=list)
    calendar: list[CalendarWeek] = field(default_factory=list)
    legs_days: int = 2
    compliance: list[ComplianceWeek] = field(default_factory=list)
    decision: list[str] = field(default_factory=list)


# sessions --------------------------------------------------------------------------------
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


# calendar --------------------------------------------------------------------------------
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


# compliance ------------------------------------------------------------------------------
def compliance_weeks(rows: Sequence[ComplianceRow]) -> list[ComplianceWeek]:
    weeks = []
    for week_start in sorted({r.week_start for r in rows}, reverse=True):
        mine = tuple(r for r in rows if r.week_start == week_start)
        counts = {
            s: sum(1 for r in mine if r.status == s)
            for s in ("done", "changed", "missed", "upcoming", "unplanned")
        }
        summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
        version = "accepted" if mine[0].plan_version == "accepted" else "proposed"
        weeks.append(ComplianceWeek(week_start, version, mine, summary))
    return weeks


# the page --------------------------------------------------------------------------------
def _headline(data: ReviewData) -> list[tuple[str, str, str]]:
    week = data.week
    signals = week.adjusted.get("signals", {})
    flags = signals.get("fatigue_flags") or []
    template = f"plan file {week.template_km:g} km" if week.template_km is not None else ""
    return [
        ("planned", f"{week.planned_km:g} km", template),
        (
            "changes",
            str(len(week.adjusted["changes"])),
            f"by {len({c['rule'] for c in week.adjusted['changes']})} rule(s)",
        ),
        ("fatigue flags", str(len(flags)), ", ".join(flags) or "none"),
        ("form (TSB)", fmt(signals.get("tsb")), f"ACWR {fmt(signals.get('acwr'), 2)}"),
    ]


def _decision_lines(week: StoredWeek) -> list[str]:
    decision = week.acceptance
    if decision is None:
        return []
    lines = [
        f"Accepted {decision.accepted_at:%Y-%m-%d %H:%M} UTC"
        + (
            f", rejecting {', '.join(decision.rejected_rules)}"
            if decision.rejected_rules
            else ", as proposed"
        )
        + "."
    ]
    if decision.kept_by_constraints:
        lines.append(
            "Kept by a hard constraint although its rule was rejected: "
            + "; ".join(f"{c['rule']}: {c['message']}" for c in decision.kept_by_constraints)
        )
    if week.newer_proposal:
        lines.append(
            f"The coach proposed this week again on {week.created_at:%Y-%m-%d %H:%M} UTC: "
            f"`runlift plan review --week-start {week.week_start} --proposed` shows that "
            "proposal."
        )
    return lines


MISSING = {
    "previous_week": "last week's plan: the week before was not planned by runlift, so "
    "missed sessions and lifting progression could not be checked against it",
    "previous_fatigue": "last week's fatigue flags (for a deload after two tired weeks)",
    "hard_share": "the easy/hard split of the last 14 days (no runs)",
    "weekly_km": "weekly mileage (no runs yet)",
    "longest_run_30d_km": "the longest run of the last 30 days (no runs)",
    "days_since_last_run": "days since the last run (no runs)",
    "days_since_last_lift": "days since the last lift (no lifting recorded)",
}


def missing_text(name: str) -> str:
    """A missing signal of `signals.missing` for a person."""
    if name.startswith("fatigue:"):
        return f"fatigue signal {name.removeprefix('fatigue:').replace('_', ' ')}: not measured"
    return MISSING.get(name, name.replace("_", " "))


def page_view(data: ReviewData) -> PageView:
    """The view model of the page (pure)."""
    week = data.week
    start = week.week_start
    shown = "accepted" if week.version == "accepted" else "proposed"
    view = PageView(
        data=data,
        title=f"Week of {short_date(start)} {start.year}",
        status=week.status,
        version=shown,
        headline=_headline(data),
        rows=week_rows(week),
        changes=change_views(week),
        rules=list(dict.fromkeys(c["rule"] for c in week.adjusted["changes"])),
        accept_command=f"runlift plan accept --week-start {start}",
        notes=list(week.adjusted.get("signals", {}).get("notes", [])),
        decision=_decision_lines(week),
        legs_days=data.policy.legs_before_key_run.min_days_after_lift,
    )
    rates = load_rates(data.load_samples)
    projection = project_fitness(
        data.fitness, (*data.lead_in, *week.sessions), rates, start + dt.timedelta(days=6)
    )
    first = start - dt.timedelta(days=120)
    view.figures = {
        "fitness": fitness_figure(data.fitness, projection, start, data.policy),
        "weekly-km": weekly_km_figure_for(data),
        "hard-days": hard_days_figure(
            data.volumes, week.sessions, start, data.policy.eighty_twenty
        ),
        "hard-time": hard_time_figure(data.volumes, data.policy.eighty_twenty),
        "lifting": lifting_figure(data.volumes, week.sessions, start),
        "compliance": compliance_figure(data.compliance),
    }
    view.e1rm = e1rm_figures(data.lifts, week.sessions, start)
    view.wellness, view.wellness_missing = wellness_figures(
        data.wellness, data.policy, first, start
    )
    view.not_measured = [
        missing_text(m) for m in week.adjusted.get("signals", {}).get("missing", [])
    ]
    if projection is not None and projection.unknown:
        view.notes.append(
            f"{len(projection.unknown)} planned session(s) count as no load in the projection: "
            "no recent session of that kind to estimate it from."
        )
    view.calendar = calendar(data.recorded, week.sessions, start, view.legs_days)
    view.compliance = compliance_weeks(data.compliance)
    return view


def weekly_km_figure_for(data: ReviewData) -> Figure:
    week = data.week
    cap = week.adjusted.get("signals", {}).get("ramp_cap_km")
    return weekly_km_figure(data.volumes, week.sessions, week.week_start, cap, week.template_km)


@cache
def _environment() -> jinja2.Environment:
    folder = resources.files("runlift_sync.review") / "templates"
    sources = {name: (folder / name).read_text(encoding="utf-8") for name in TEMPLATES}
    env = jinja2.Environment(
        loader=jinja2.DictLoader(sources),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["short_date"] = short_date
    env.filters["day_label"] = day_label
    return env


def build_page(data: ReviewData) -> str:
    """The whole review page (HTML text) for the data (pure: same data, same bytes)."""
    env = _environment()
    view = page_view(data)
    css = env.loader.get_source(env, "review.css")[0]  # type: ignore[union-attr]
    js = env.loader.get_source(env, "review.js")[0]  # type: ignore[union-attr]
    return env.get_template("review.html.j2").render(v=view, d=data, css=Markup(css), js=Markup(js))
