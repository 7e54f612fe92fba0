"""Human renderings of an adjusted week: a rich table (terminal) and Markdown (CLI, nightly)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from rules import AdjustedWeek, Session


def describe_session(session: Session) -> str:
    """One line about a session: what, how far or long, exercises."""
    if session.kind == "rest":
        return "rest"
    parts = [f"{session.type} {session.kind}" if session.type else session.kind]
    if session.km is not None:
        parts.append(f"{session.km:g} km")
    if session.minutes is not None:
        parts.append(f"{session.minutes:g} min")
    text = ", ".join(parts)
    if session.exercises:
        text += ": " + "; ".join(
            f"{e.name} {e.sets}x{e.reps}"
            + (f" @ {e.load_kg:g} kg" if e.load_kg is not None else "")
            + (f", rest {e.rest_s} s" if e.rest_s is not None else "")
            for e in session.exercises
        )
    return text


def _headline(week: AdjustedWeek) -> str:
    plan_week = f", plan week {week.plan_week}" if week.plan_week is not None else ""
    return f"Week of {week.week_start} ({week.phase}{plan_week}): {week.planned_km:g} km planned"


def _signal_line(week: AdjustedWeek) -> str:
    s = week.signals
    bits = []
    for key, label in (("acwr", "ACWR"), ("tsb", "TSB"), ("hard_share", "hard share")):
        if s.get(key) is not None:
            bits.append(f"{label} {s[key]:g}")
    if s.get("weekly_km"):
        bits.append("weekly km " + ", ".join(f"{km:g}" for km in s["weekly_km"]))
    if s.get("fatigue_flags"):
        bits.append("flags: " + ", ".join(s["fatigue_flags"]))
    return "; ".join(bits) or "no signals measured"


def render_table(week: AdjustedWeek) -> RenderableType:
    """A rich renderable: the sessions table, then the changes with their reasons."""
    sessions = Table(title=_headline(week), show_lines=False)
    for column in ("Date", "Day", "Slot", "Session"):
        sessions.add_column(column)
    for s in week.sessions:
        sessions.add_row(
            s.date.isoformat(), s.day, escape(s.slot or ""), escape(describe_session(s))
        )
    parts: list[RenderableType] = [sessions, Text(_signal_line(week), style="dim")]
    if week.changes:
        changes = Table(title="Changes")
        changes.add_column("Rule", style="bold")
        changes.add_column("Why")
        for c in week.changes:
            changes.add_row(escape(c.rule), escape(c.message))
        parts.append(changes)
    for note in week.signals.get("notes", []):
        parts.append(Text(f"note: {note}", style="italic"))
    missing = week.signals.get("missing", [])
    if missing:
        parts.append(Text("not measured: " + describe_missing(missing), style="dim"))
    return Group(*parts)


#: The JSON's `signals.missing` names, in words (the rules that need one skip it).
MISSING_WORDS = {
    "previous_week": "last week's plan (none stored: the first week planned)",
    "previous_fatigue": "last week's fatigue flags (none stored)",
    "hard_share": "hard share (no runs in the last 14 days)",
    "weekly_km": "weekly km (no runs yet)",
    "longest_run_30d_km": "longest run in 30 days",
    "days_since_last_run": "days since the last run",
    "days_since_last_lift": "days since the last lift",
    "fatigue:acwr": "ACWR",
    "fatigue:tsb": "TSB",
    "fatigue:hrv": "HRV",
    "fatigue:rhr": "resting HR",
    "fatigue:sleep": "sleep",
    "fatigue:monotony": "monotony",
}


def describe_missing(missing: list[str]) -> str:
    """What was not measured, for a person; the rules that need it were skipped."""
    return "; ".join(MISSING_WORDS.get(name, name) for name in missing)


def render_md(week: AdjustedWeek) -> str:
    """Markdown: a heading, the sessions table, the changes as a list, then notes."""
    lines = [f"# {_headline(week)}", "", _signal_line(week), ""]
    lines += ["| Date | Day | Slot | Session |", "|---|---|---|---|"]
    for s in week.sessions:
        text = describe_session(s).replace("|", "\\|")
        lines.append(f"| {s.date} | {s.day} | {s.slot or ''} | {text} |")
    if week.changes:
        lines += ["", "## Changes", ""]
        lines += [f"- **{c.rule}**: {c.message}" for c in week.changes]
    notes = week.signals.get("notes", [])
    if notes:
        lines += ["", "## Notes", ""]
        lines += [f"- {note}" for note in notes]
    missing = week.signals.get("missing", [])
    if missing:
        lines += ["", f"Not measured: {', '.join(missing)}"]
    return "\n".join(lines) + "\n"
