"""`runlift refresh`: rebuild the training model's marts (runs, lifting, load, fitness, weeks)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from runlift_sync.cli.context import EXIT_PARTIAL, console, friendly_errors, state
from runlift_sync.errors import ConfigError

if TYPE_CHECKING:
    from runlift_sync.model import RefreshReport


def _parse_day(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ConfigError(f"--today {text!r} is not a date; use YYYY-MM-DD") from exc


def print_report(report: RefreshReport) -> None:
    """The marts' row counts per athlete, the landmarks used, timings and any failed check."""
    for done in report.athletes:
        table = Table(title=f"model for {escape(done.athlete)} (through {done.today})", box=None)
        table.add_column("mart")
        table.add_column("rows", justify="right")
        for name, rows in done.rows.items():
            table.add_row(name, f"{rows:,}")
        console.print(table)
        marks = ", ".join(
            f"{name} {mark.value} ({mark.source})"
            for name, mark in done.profile.landmarks().items()
            if mark.value is not None
        )
        console.print(f"landmarks: {escape(marks)}", highlight=False)
        console.print(
            f"features: {done.features_computed} new activities read"
            + (f", {done.features_removed} removed" if done.features_removed else ""),
            highlight=False,
        )
    console.print(f"refreshed in {report.seconds:.2f} s", highlight=False)
    for name, count in report.failed_checks.items():
        console.print(f"[red]✗ check {escape(name)}[/]: {count} offending rows", highlight=False)


def register(app: typer.Typer) -> None:
    @app.command("refresh")
    @friendly_errors
    def refresh_command(
        ctx: typer.Context,
        all_athletes: Annotated[
            bool, typer.Option("--all", help="Every athlete in the warehouse.")
        ] = False,
        today: Annotated[
            str | None,
            typer.Option(help="Last day of daily load/fitness, YYYY-MM-DD (default: today)."),
        ] = None,
        verbose_timings: Annotated[
            bool, typer.Option("--timings", help="Show how long each step took.")
        ] = False,
    ) -> None:
        """Recompute the training model from the warehouse (fast: only new files are read).

        Exit code 0: done; 2: done, but an invariant check found offending rows; 1: error.
        """
        from runlift_sync.db import open_writer
        from runlift_sync.model import refresh_marts
        from runlift_sync.model.inputs import athletes_in

        settings = state(ctx).settings
        day = _parse_day(today)
        with open_writer(
            settings.warehouse,
            timeout_s=settings.lock_timeout_s,
            command="runlift refresh",
            create=False,
        ) as con:
            athletes = athletes_in(con) if all_athletes else None
            with console.status("refreshing the training model…"):
                report = refresh_marts(con, settings, athletes=athletes, today=day)
        print_report(report)
        if verbose_timings:
            for step, seconds in report.timings.items():
                console.print(f"  {step:<28} {seconds:7.2f} s", highlight=False)
        if not report.ok:
            raise typer.Exit(EXIT_PARTIAL)
