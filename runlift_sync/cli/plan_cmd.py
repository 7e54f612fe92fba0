"""`runlift plan …`: write a plan from a template, adjust next week, review stored weeks."""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import duckdb
import typer
from rich.table import Table

from rules import AdjustedWeek, Change, coming_monday, list_templates
from rules.io import render_template, template_text
from runlift_sync.cli.context import console, friendly_errors, state
from runlift_sync.coach.diff import describe, diff_week
from runlift_sync.coach.plan_render import render_md, render_table
from runlift_sync.coach.service import plan_next_week
from runlift_sync.coach.week_store import StoredWeek, load_week
from runlift_sync.config import Settings
from runlift_sync.db import open_reader, open_writer
from runlift_sync.errors import ConfigError, WarehouseError

plan_app = typer.Typer(
    help="The coach: next week's plan adjusted from what you did, with the reasons.",
    no_args_is_help=True,
)


class Format(StrEnum):
    table = "table"
    md = "md"
    json = "json"


def parse_week_start(text: str | None, option: str = "--week-start") -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ConfigError(f"{option} {text!r} is not a date; use YYYY-MM-DD") from exc


def print_week(week: AdjustedWeek, fmt: Format) -> None:
    if fmt is Format.json:
        # plain stdout: the JSON must be byte-exact for scripts (no rich markup or wrapping)
        typer.echo(week.to_json())
    elif fmt is Format.md:
        typer.echo(render_md(week), nl=False)
    else:
        console.print(render_table(week))


def _stored(settings: Settings, week_start: dt.date | None) -> StoredWeek:
    with open_reader(settings.warehouse, timeout_s=settings.lock_timeout_s) as con:
        try:
            stored = load_week(con, settings.athlete, week_start)
        except duckdb.CatalogException as exc:  # a warehouse from before migration 004
            raise WarehouseError(
                "this warehouse has no stored plans yet; run `runlift plan next --plan "
                "PLAN.toml` (it upgrades the warehouse)"
            ) from exc
    if stored is None:
        which = f"for the week of {week_start}" if week_start else "yet"
        raise ConfigError(
            f"no plan stored for {settings.athlete!r} {which}; run `runlift plan next --plan "
            "PLAN.toml` first"
        )
    return stored


@plan_app.command("templates")
@friendly_errors
def templates_command() -> None:
    """List the plan templates shipped with runlift."""
    for name in list_templates():
        first = template_text(name).splitlines()[0].lstrip("# ").strip()
        console.print(f"[bold]{name}[/]  {first}", highlight=False)


@plan_app.command("init")
@friendly_errors
def init_command(
    ctx: typer.Context,
    template: Annotated[
        str, typer.Option("--template", "-t", help="Template name (`runlift plan templates`).")
    ] = "base",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here instead of printing.")
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(help="Monday of plan week 1, YYYY-MM-DD (default: the coming Monday)."),
    ] = None,
    race_date: Annotated[
        str | None, typer.Option(help="Race day, YYYY-MM-DD (drives the taper).")
    ] = None,
    force: Annotated[bool, typer.Option(help="Overwrite an existing --out file.")] = False,
) -> None:
    """Write a starting plan (TOML) from a shipped template; edit it, then `plan next`."""
    settings = state(ctx).settings
    begin = parse_week_start(start, "--start")
    if begin is None:
        today = dt.datetime.now(dt.UTC)
        if settings.timezone:
            today = today.astimezone(ZoneInfo(settings.timezone))
        begin = coming_monday(today.date())
    text = render_template(
        template, start=begin, race_date=parse_week_start(race_date, "--race-date")
    )
    if out is None:
        typer.echo(text, nl=False)
        return
    if out.exists() and not force:
        raise ConfigError(f"{out} exists; pass --force to overwrite it, or choose --out")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    console.print(
        f"wrote {out} (template {template}, week 1 starts {begin}); next: "
        f"`runlift plan next --plan {out}`",
        highlight=False,
    )


@plan_app.command("next")
@friendly_errors
def next_command(
    ctx: typer.Context,
    plan: Annotated[
        Path | None,
        typer.Option("--plan", "-p", help="Plan file (default: [coach] plan of the config)."),
    ] = None,
    week_start: Annotated[
        str | None,
        typer.Option(help="Monday of the week to plan (default: the coming Monday)."),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    policy: Annotated[
        Path | None, typer.Option(help="Your thresholds over the shipped policy (TOML).")
    ] = None,
    no_refresh: Annotated[
        bool, typer.Option("--no-refresh", help="Use the marts as they are (skip the refresh).")
    ] = False,
) -> None:
    """Adjust next week's plan from everything measured before it, store it, and show it."""
    settings = state(ctx).settings
    with open_writer(
        settings.warehouse, timeout_s=settings.lock_timeout_s, command="runlift plan next"
    ) as con:
        planned = plan_next_week(
            con,
            settings,
            plan,
            week_start=parse_week_start(week_start),
            policy_path=policy,
            refresh=not no_refresh,
        )
    print_week(planned.week, fmt)


@plan_app.command("show")
@friendly_errors
def show_command(
    ctx: typer.Context,
    week_start: Annotated[
        str | None, typer.Option(help="Monday of a stored week (default: the latest).")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
) -> None:
    """Show a stored week as the coach adjusted it (no recomputation)."""
    stored = _stored(state(ctx).settings, parse_week_start(week_start))
    if fmt is Format.json:
        typer.echo(json.dumps(stored.adjusted, indent=2, ensure_ascii=False))
        return
    week = AdjustedWeek(
        week_start=stored.week_start,
        phase=stored.phase,  # type: ignore[arg-type]
        sessions=stored.sessions,
        changes=tuple(_changes(stored)),
        signals=stored.adjusted.get("signals", {}),
    )
    print_week(week, fmt)
    console.print(f"adjusted {stored.created_at:%Y-%m-%d %H:%M} UTC", style="dim")


def _changes(stored: StoredWeek) -> list[Change]:
    return [Change(c["rule"], c["message"], c["evidence"]) for c in stored.adjusted["changes"]]


@plan_app.command("diff")
@friendly_errors
def diff_command(
    ctx: typer.Context,
    week_start: Annotated[
        str | None, typer.Option(help="Monday of a stored week (default: the latest).")
    ] = None,
) -> None:
    """A stored week against its template: what the coach changed, moved, added or removed."""
    stored = _stored(state(ctx).settings, parse_week_start(week_start))
    table = Table(
        title=(
            f"Week of {stored.week_start}: template {stored.template_km or 0:g} km → "
            f"{stored.planned_km:g} km"
        )
    )
    for column in ("", "Template", "Adjusted", "What changed"):
        table.add_column(column)
    marks = {"same": " ", "changed": "~", "moved": "→", "removed": "-", "added": "+"}
    for row in diff_week(stored.template, stored.sessions):
        table.add_row(marks[row.kind], describe(row.before), describe(row.after), row.detail)
    console.print(table)
    for change in stored.adjusted["changes"]:
        console.print(f"[bold]{change['rule']}[/]: {change['message']}", highlight=False)


def register(app: typer.Typer) -> None:
    app.add_typer(plan_app, name="plan")
