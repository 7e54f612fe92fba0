"""The review page as one self-contained HTML document, built from `ReviewData` (pure).

`build_page(data)` returns the HTML text: the templates of `review/templates/` (Jinja, with
autoescaping) filled from a view model made here — the week table (`week_table`), the legs
calendar (`legs_calendar`), the charts (`load_charts`, `strength_charts`, `wellness_charts`,
`compliance_chart`) — with the stylesheet and the small script inlined and the charts as
inline SVG. Nothing in it refers to anything outside the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import jinja2
from markupsafe import Markup

from runlift_sync.coach.plan_render import MISSING_WORDS
from runlift_sync.coach.week_store import StoredWeek
from runlift_sync.review.compliance_chart import compliance_figure
from runlift_sync.review.figures import Figure, day_label, fmt, short_date
from runlift_sync.review.legs_calendar import CalendarWeek, calendar
from runlift_sync.review.load_charts import (
    fitness_figure,
    hard_days_figure,
    hard_time_figure,
    lifting_figure,
    weekly_km_figure,
)
from runlift_sync.review.projection import load_rates, project_fitness
from runlift_sync.review.review_data import ComplianceRow, ReviewData
from runlift_sync.review.strength_charts import e1rm_figures
from runlift_sync.review.week_table import ChangeView, WeekRow, change_views, week_rows
from runlift_sync.review.wellness_charts import wellness_figures

TEMPLATES = ("review.html.j2", "review.css", "review.js")


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
    decision: list[tuple[str, str]] = field(default_factory=list)


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


def _decision_lines(week: StoredWeek) -> list[tuple[str, str]]:
    """(kind, text) lines about the athlete's decision: accepted, kept, newer."""
    decision = week.acceptance
    if decision is None:
        return []
    lines = [
        (
            "accepted",
            f"Accepted {decision.accepted_at:%Y-%m-%d %H:%M} UTC"
            + (
                f", rejecting {', '.join(decision.rejected_rules)}"
                if decision.rejected_rules
                else ", as proposed"
            )
            + ".",
        )
    ]
    if decision.kept_by_constraints:
        kept = "; ".join(f"{c['rule']}: {c['message']}" for c in decision.kept_by_constraints)
        lines.append(("kept", f"Kept by a hard constraint although its rule was rejected: {kept}"))
    if week.newer_proposal:
        lines.append(
            (
                "newer",
                f"The coach proposed this week again on {week.created_at:%Y-%m-%d %H:%M} UTC: "
                f"`runlift plan review --week-start {week.week_start} --proposed` shows that "
                "proposal.",
            )
        )
    return lines


def missing_text(name: str) -> str:
    """A missing signal of `signals.missing` for a person (the words of `plan next`)."""
    return MISSING_WORDS.get(name, name.replace("_", " "))


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
