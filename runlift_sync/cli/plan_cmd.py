"""`runlift plan …`: write a plan from a template, adjust next week, review stored weeks."""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from zoneinfo import ZoneInfo

import typer
from rich.markup import escape
from rich.table import Table

from runlift_sync.cli.context import console, err_console, friendly_errors, state
from runlift_sync.errors import ConfigError, WarehouseError

if TYPE_CHECKING:  # the coach, DuckDB and polars load only in the commands that use them
    from rules import AdjustedWeek
    from runlift_sync.coach.acceptance import AcceptedWeek
    from runlift_sync.coach.week_store import StoredWeek, WeekChoice
    from runlift_sync.config import Settings

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
    from runlift_sync.coach.plan_render import render_md, render_table

    if fmt is Format.json:
        # plain stdout: the JSON must be byte-exact for scripts (no rich markup or wrapping)
        typer.echo(week.to_json())
    elif fmt is Format.md:
        typer.echo(render_md(week), nl=False)
    else:
        console.print(render_table(week))


def _stored(
    settings: Settings, week_start: dt.date | None, version: WeekChoice = "proposed"
) -> StoredWeek:
    import duckdb

    from runlift_sync.coach.week_store import load_week
    from runlift_sync.db import open_reader

    with open_reader(settings.warehouse, timeout_s=settings.lock_timeout_s) as con:
        try:
            stored = load_week(con, settings.athlete, week_start, version=version)
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
    from rules import list_templates
    from rules.io import template_text

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
    from rules import coming_monday
    from rules.io import render_template
    from runlift_sync.private_files import write_private

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
    write_private(out, text)
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
    from runlift_sync.coach.service import plan_next_week
    from runlift_sync.db import open_writer

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
    if planned.accepted is not None:
        week = planned.week.week_start
        err_console.print(
            f"note: you accepted the week of {week} on {planned.accepted.accepted_at:%Y-%m-%d}; "
            "that version is kept and stays the one shown. This new proposal is stored beside "
            f"it: review it (`runlift plan review --week-start {week} --proposed`) and accept "
            f"it with `runlift plan accept --week-start {week}`.",
            highlight=False,
            soft_wrap=True,
        )


@plan_app.command("show")
@friendly_errors
def show_command(
    ctx: typer.Context,
    week_start: Annotated[
        str | None, typer.Option(help="Monday of a stored week (default: the latest).")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    proposed: Annotated[
        bool,
        typer.Option(
            "--proposed", help="Show the coach's proposal even when you accepted a version."
        ),
    ] = False,
) -> None:
    """Show a stored week (no recomputation): the version you accepted, else the proposal."""
    stored = _stored(
        state(ctx).settings, parse_week_start(week_start), "proposed" if proposed else "shown"
    )
    if fmt is Format.json:
        shown = {**stored.adjusted, **stored.status_json()}
        typer.echo(json.dumps(shown, indent=2, ensure_ascii=False))
        return
    print_week(stored.to_adjusted_week(), fmt)
    for line in status_lines(stored):
        console.print(line, style="dim", highlight=False, soft_wrap=True)


def status_lines(stored: StoredWeek) -> list[str]:
    """Which version this is and the week's status, for a person."""
    week = stored.week_start
    decision = stored.acceptance
    proposed = f"proposed {stored.created_at:%Y-%m-%d %H:%M} UTC"
    if decision is None:
        return [
            f"status: proposed ({proposed}); accept it with `runlift plan accept "
            f"--week-start {week}` (add --reject RULE to undo a rule's changes)"
        ]
    rejected = (
        f", rejecting {', '.join(decision.rejected_rules)}" if decision.rejected_rules else ""
    )
    lines = [
        f"status: accepted {decision.accepted_at:%Y-%m-%d %H:%M} UTC{rejected}; "
        f"showing the {stored.shown_as} version"
    ]
    if stored.newer_proposal:
        lines.append(
            f"a newer proposal exists ({proposed}): `runlift plan show --week-start {week} "
            f"--proposed`; accept it with `runlift plan accept --week-start {week}`"
        )
    return lines


@plan_app.command("diff")
@friendly_errors
def diff_command(
    ctx: typer.Context,
    week_start: Annotated[
        str | None, typer.Option(help="Monday of a stored week (default: the latest).")
    ] = None,
) -> None:
    """A stored week against its template: what the coach changed, moved, added or removed."""
    from runlift_sync.coach.diff import describe, diff_week

    stored = _stored(state(ctx).settings, parse_week_start(week_start), "shown")
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
        table.add_row(
            marks[row.kind],
            escape(describe(row.before)),
            escape(describe(row.after)),
            escape(row.detail),
        )
    console.print(table)
    for change in stored.adjusted["changes"]:
        console.print(
            f"[bold]{escape(change['rule'])}[/]: {escape(change['message'])}", highlight=False
        )


@plan_app.command("accept")
@friendly_errors
def accept_command(
    ctx: typer.Context,
    week_start: Annotated[
        str | None, typer.Option(help="Monday of a stored week (default: the latest).")
    ] = None,
    reject: Annotated[
        list[str] | None,
        typer.Option(
            "--reject",
            help="A rule whose changes you do not want (repeatable); the hard constraints "
            "still hold.",
        ),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
) -> None:
    """Accept a proposed week, optionally rejecting some rules' changes; store that version."""
    from runlift_sync.coach.acceptance import accept_week
    from runlift_sync.coach.compliance_store import refresh_compliance
    from runlift_sync.coach.service import local_today
    from runlift_sync.db import open_writer

    settings = state(ctx).settings
    with open_writer(
        settings.warehouse, timeout_s=settings.lock_timeout_s, command="runlift plan accept"
    ) as con:
        done = accept_week(
            con, settings.athlete, parse_week_start(week_start), reject=tuple(reject or ())
        )
        refresh_compliance(con, settings.athlete, local_today(settings.timezone))
    stored = done.stored
    if fmt is Format.json:
        typer.echo(json.dumps({**stored.adjusted, **stored.status_json()}, indent=2))
        return
    print_week(stored.to_adjusted_week(), fmt)
    for line in acceptance_lines(done):
        console.print(line, highlight=False, soft_wrap=True)


def acceptance_lines(done: AcceptedWeek) -> list[str]:
    """What accepting did, for a person: what was undone, what the hard constraints kept."""
    stored, proposal = done.stored, done.proposal
    lines = [
        f"[bold]accepted[/] the week of {stored.week_start}: {stored.planned_km:g} km"
        + (
            f" (proposed {proposal.planned_km:g} km)"
            if stored.planned_km != proposal.planned_km
            else ""
        )
        + ("" if done.rejected else ", as proposed")
    ]
    if done.replaced is not None:
        lines.append(
            f"it replaces the version you accepted {done.replaced.accepted_at:%Y-%m-%d %H:%M} UTC"
        )
    for rule in done.rejected:
        undone = [c for c in done.undone if c["rule"] == rule]
        lines.append(f"rejected [bold]{rule}[/]: {len(undone)} change(s) undone")
    for change in done.kept_by_constraints:
        lines.append(
            f"kept by a hard constraint: [bold]{change['rule']}[/]: {escape(change['message'])}"
        )
    if done.rejected:
        lines.append(
            "the hard constraints hold: no key run within the legs rule's days after a "
            "lower-body lift, the week within the mileage and fatigue caps"
        )
    return lines


@plan_app.command("review")
@friendly_errors
def review_command(
    ctx: typer.Context,
    week_start: Annotated[
        str | None,
        typer.Option(help="Monday of the week (default: the coming Monday, else the latest)."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="The HTML file (default: <plan>.review.html)."),
    ] = None,
    plan: Annotated[
        Path | None,
        typer.Option(
            "--plan", "-p", help="Plan file to plan the week from when it is not stored yet."
        ),
    ] = None,
    proposed: Annotated[
        bool,
        typer.Option("--proposed", help="Review the coach's proposal even when you accepted one."),
    ] = False,
    policy: Annotated[
        Path | None, typer.Option(help="Your thresholds over the shipped policy (TOML).")
    ] = None,
) -> None:
    """Write the week's review page: one offline HTML file with the week, the reasons, charts."""
    from runlift_sync.db import open_writer
    from runlift_sync.review.review_file import review_week

    settings = state(ctx).settings
    with open_writer(
        settings.warehouse, timeout_s=settings.lock_timeout_s, command="runlift plan review"
    ) as con:
        page = review_week(
            con,
            settings,
            plan,
            week_start=parse_week_start(week_start),
            out=out,
            proposed=proposed,
            policy_path=policy,
        )
    week = page.week
    console.print(
        f"review of the week of {week.week_start} ({week.shown_as}, status {week.status}): "
        f"{len(week.adjusted['changes'])} change(s), {page.size_bytes / 1024:.0f} KB in "
        f"{page.seconds:.1f} s; open it in a browser:",
        highlight=False,
        soft_wrap=True,
    )
    typer.echo(str(page.path))


def register(app: typer.Typer) -> None:
    app.add_typer(plan_app, name="plan")
