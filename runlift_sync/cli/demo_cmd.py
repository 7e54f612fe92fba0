"""`runlift demo`: a newcomer with no watch sees the whole system work with one command."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from runlift_sync.cli.context import console, friendly_errors, state
from runlift_sync.cli.import_cmd import print_summary
from runlift_sync.errors import ConfigError

if TYPE_CHECKING:  # the simulator, the importer and the coach load only when the demo runs
    from rich.progress import Progress

    from runlift_sync.coach.service import PlannedWeek
    from runlift_sync.config import Settings
    from runlift_sync.db.file_loader import FileOutcome
    from runlift_sync.demo import SeasonSummary
    from runlift_sync.ingest import ImportSummary


def _progress() -> Progress:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(
        TextColumn("[bold]{task.description:<22}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


def _parse_start(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ConfigError(f"--start {text!r} is not a date; use YYYY-MM-DD (a Monday)") from exc


def register(app: typer.Typer) -> None:
    @app.command("demo")
    @friendly_errors
    def demo_command(
        ctx: typer.Context,
        weeks: Annotated[int, typer.Option(help="Weeks of training to simulate.", min=1)] = 16,
        seed: Annotated[int, typer.Option(help="Seed of the simulated athlete.")] = 7,
        start: Annotated[
            str | None,
            typer.Option(
                help="Monday the season starts (default: it ends this Sunday, so next week is the week after today)."
            ),
        ] = None,
        warehouse: Annotated[
            Path | None,
            typer.Option(help="Demo warehouse file (default: a fresh one in runlift's data dir)."),
        ] = None,
        watch: Annotated[
            Path | None,
            typer.Option(help="Write the simulated watch here and keep it (default: a temp dir)."),
        ] = None,
    ) -> None:
        """Simulate a season of a runner who lifts on a USB watch, import it, and show the results."""
        from runlift_sync.config import AthleteConfig
        from runlift_sync.demo import Athlete
        from runlift_sync.demo.workflow import (
            demo_review,
            demo_settings,
            model_and_plan,
            wipe_demo_warehouse,
        )

        athlete = Athlete()
        target = demo_settings(
            warehouse or state(ctx).warehouse,
            AthleteConfig(
                timezone=athlete.timezone,
                sex=athlete.sex,
                hr_max=athlete.hr_max,
                hr_rest=athlete.hr_rest,
                hr_threshold=athlete.lthr,
            ),
        )
        settings = target.settings
        if target.fresh:
            wipe_demo_warehouse(settings.warehouse)
        with tempfile.TemporaryDirectory(prefix="runlift-watch-") as tmp:
            mount = watch or Path(tmp) / "GARMIN-FR965"
            with _progress() as bar:
                season = _generate(bar, mount, seed=seed, weeks=weeks, start=_parse_start(start))
                imported = _import(bar, settings, mount)
            with console.status("building the training model and next week's plan…"):
                planned = model_and_plan(settings, season)
                page = demo_review(settings, planned)
        _show(settings.warehouse, season, imported, settings, planned)
        console.rule("[bold]review the week in a browser")
        console.print(
            f"the week's review page ({page.size_bytes / 1024:.0f} KB, offline): "
            "open it in a browser",
            highlight=False,
        )
        typer.echo(str(page.path))


def _generate(
    bar: Progress, mount: Path, *, seed: int, weeks: int, start: dt.date | None
) -> SeasonSummary:
    from runlift_sync.demo import generate_season

    task = bar.add_task("simulating the watch", total=None)

    def advance(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    return generate_season(
        mount, seed=seed, weeks=weeks, start=start, overwrite=True, progress=advance
    )


def _import(bar: Progress, settings_: Settings, mount: Path) -> ImportSummary:
    from runlift_sync.ingest import import_paths

    task = bar.add_task("importing over USB", total=None)

    def advance(_: FileOutcome) -> None:
        bar.update(task, advance=1)

    return import_paths(
        settings_,
        [mount],
        progress=advance,
        on_start=lambda n: bar.update(task, total=n),
        command="runlift demo",
    )


def next_week_line(season: SeasonSummary, today: dt.date) -> str:
    """Which week "next week" is, said plainly: after today, or after a season in the past."""
    week = season.next_week_start
    span = f"{week:%a %d %b} – {week + dt.timedelta(days=6):%a %d %b %Y}"
    if week > today >= week - dt.timedelta(days=7):
        when = "the week after today"
    else:
        when = f"the week after the simulated season (it ends {season.end:%a %d %b %Y})"
    return f"next week: {span}, {when}"


def _show(
    warehouse: Path,
    season: SeasonSummary,
    imported: ImportSummary,
    settings: Settings,
    planned: PlannedWeek,
) -> None:
    from runlift_sync.coach.plan_render import render_table
    from runlift_sync.db import open_reader

    console.rule("[bold]what the watch held")
    console.print(
        f"{len(season.paths)} FIT files over {len(season.weeks)} weeks "
        f"({season.start} – {season.end}): "
        + ", ".join(
            f"{season.counts.get(k, 0)} {k}" for k in ("run", "lift", "monitor", "sleep", "hrv")
        )
    )
    print_summary(imported, settings)
    with open_reader(warehouse) as con:
        rows = con.execute(
            "SELECT week_start, n_runs, run_km, n_hard_runs, hard_share, n_lift_sessions, "
            "n_lower_body_sessions, acwr, tsb FROM weekly_summary "
            "WHERE athlete = ? AND week_start < ? ORDER BY week_start",
            [settings.athlete, season.next_week_start],
        ).fetchall()
    table = Table(
        "week",
        "runs",
        "run km",
        "hard",
        "hard share",
        "lifts",
        "legs",
        "ACWR",
        "TSB",
        title="weekly_summary (the training model)",
    )
    for week, runs, km, hard, share, lifts, legs, acwr, tsb in rows:
        table.add_row(
            str(week),
            str(runs),
            f"{km or 0:.1f}",
            str(hard),
            "" if share is None else f"{share:.0%}",
            str(lifts),
            str(legs),
            "" if acwr is None else f"{acwr:.2f}",
            "" if tsb is None else f"{tsb:.1f}",
        )
    console.print(table)
    console.rule("[bold]next week, adjusted by the coach")
    console.print(next_week_line(season, dt.date.today()), highlight=False, soft_wrap=True)
    console.print(f"plan file: {escape(str(planned.plan_path))}", highlight=False, soft_wrap=True)
    console.print(render_table(planned.week))
    console.rule("[bold]your demo warehouse")
    console.print(escape(str(warehouse)), highlight=False, soft_wrap=True)
    where = escape(str(warehouse))
    console.print(
        f'try: runlift --warehouse {where} sql "SELECT * FROM activities ORDER BY start_time_utc DESC LIMIT 10"',
        highlight=False,
        soft_wrap=True,
    )
    console.print(
        f"     runlift --warehouse {where} --athlete {escape(settings.athlete)} status",
        highlight=False,
        soft_wrap=True,
    )
