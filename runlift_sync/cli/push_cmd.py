"""`runlift plan push`: the week onto the watch, into Garmin Connect and into a calendar file.

garminconnect, icalendar and the FIT SDK are imported inside the command, never at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from runlift_sync.cli.context import console, friendly_errors, state
from runlift_sync.errors import ConfigError


@friendly_errors
def push_command(
    ctx: typer.Context,
    week_start: Annotated[
        str | None,
        typer.Option(help="Monday of a stored week (default: the latest stored week)."),
    ] = None,
    proposed: Annotated[
        bool, typer.Option("--proposed", help="Push the proposed week, not the accepted one.")
    ] = False,
    fit: Annotated[
        Path | None,
        typer.Option("--fit", help="Write one FIT workout file per session into this folder."),
    ] = None,
    watch: Annotated[
        str | None,
        typer.Option(
            "--watch",
            help="A watch mounted over USB (its mount point, or `auto` to look for one): the "
            "workouts go into its GARMIN/NewFiles.",
        ),
    ] = None,
    garmin: Annotated[
        bool,
        typer.Option("--garmin", help="Upload and schedule the workouts in Garmin Connect."),
    ] = False,
    ics: Annotated[
        Path | None, typer.Option("--ics", help="Write the week as an iCalendar file.")
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Show what would be pushed (Garmin: the payloads)."),
    ] = False,
) -> None:
    """Put the week where you train: structured workouts on the watch, Garmin Connect's
    calendar, or any calendar app. Pushing again only changes what changed."""
    from runlift_sync.cli.plan_cmd import parse_week_start
    from runlift_sync.push.push_week import PushRequest, push_week

    request = PushRequest(
        week_start=parse_week_start(week_start),
        proposed=proposed,
        ics=ics,
        garmin=garmin,
        fit_dir=fit,
        watch=watch,
        dry_run=dry_run,
    )
    if not request.targets:
        raise ConfigError(
            "say where to push the week: --fit DIR, --watch auto (or its mount point), "
            "--garmin, --ics FILE; several at once are fine"
        )
    outcome = push_week(state(ctx).settings, request, echo=typer.echo)
    workouts = sum(1 for item in outcome.items if item.workout is not None)
    console.print(
        f"week of {outcome.week_start}: {workouts} workout(s), "
        f"{len(outcome.items) - workouts} day(s) without one",
        highlight=False,
    )
    for report in outcome.reports:
        style = {"ok": "green", "partial": "yellow", "failed": "red"}[report.status]
        console.print(f"[{style}]{report.summary_line()}[/]", highlight=False, soft_wrap=True)
        for note in report.notes:
            console.print(f"  {note}", highlight=False, soft_wrap=True)
    if outcome.exit_code:
        raise typer.Exit(outcome.exit_code)


def register(plan_app: typer.Typer) -> None:
    plan_app.command("push")(push_command)
