"""`runlift sync`, `serve`, `backfill`, `replan`: the Prefect flows of `pipelines/`, from the CLI.

The flows run in this process (`sync`, `backfill`, `replan`) or on the nightly schedule
(`serve`). They report to the Prefect server in PREFECT_API_URL when one is configured, else
to the one a running `runlift serve` started; with no server at all, their work runs directly
without Prefect (`pipelines/direct.py`, `pipelines/runtime.py`). Prefect is imported only when
a flow reports to a server, so the other commands stay quick.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from runlift_sync.cli.context import (
    EXIT_ERROR,
    EXIT_PARTIAL,
    CliState,
    console,
    err_console,
    friendly_errors,
    state,
)
from runlift_sync.cli.garmin_cmd import print_garmin_report
from runlift_sync.cli.import_cmd import print_summary
from runlift_sync.errors import ConfigError, RunliftError
from runlift_sync.sources.garmin_connect.report import GarminSyncReport

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from pipelines.sources import NightReport
    from runlift_sync.config import Settings
    from runlift_sync.db.file_loader import FileOutcome

STATUS_STYLE = {"ok": "green", "skipped": "dim", "incomplete": "yellow", "failed": "red"}


class _BarListener:
    """Draws the imports a flow runs in this process as rich progress bars."""

    def __init__(self, bar: Progress) -> None:
        self.bar = bar
        self.task: TaskID | None = None

    def start(self, what: str, total: int) -> None:
        self.task = self.bar.add_task(what, total=total, last="")

    def advance(self, outcome: FileOutcome) -> None:
        if self.task is not None:
            self.bar.update(self.task, advance=1, last=Path(outcome.origin).name[:40])


#: Flow and task run logs: on the console the report table says the same once, in full.
RUN_LOGGERS = ("prefect.flow_runs", "prefect.task_runs")


class _QuietPrefect(logging.Filter):
    """On the console, no flow or task run lines (the report and the UI have them), and
    Prefect's own lines only from WARNING up."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith(RUN_LOGGERS):
            return False
        return record.levelno >= logging.WARNING or not record.name.startswith("prefect")


@contextmanager
def _console_logging(verbose: bool) -> Iterator[None]:
    handlers = [] if verbose else list(logging.getLogger().handlers)
    quiet = _QuietPrefect()
    for handler in handlers:
        handler.addFilter(quiet)
    try:
        yield
    finally:
        for handler in handlers:
            handler.removeFilter(quiet)


def _flow_params(cli: CliState) -> dict[str, str]:
    """The global options, as the flows' parameters (strings: they are stored with the run)."""
    params: dict[str, str] = {}
    if cli.warehouse is not None:
        params["warehouse"] = str(cli.warehouse.expanduser().resolve())
    if cli.athlete is not None:
        params["athlete"] = cli.athlete
    if cli.config is not None:
        params["config"] = str(cli.config.expanduser().resolve())
    return params


def _flow(name: str) -> Callable[..., Any]:
    """The Prefect flow `name` of `pipelines` (imports Prefect)."""
    if name == "nightly":
        from pipelines.nightly import nightly

        return nightly
    if name == "replan":
        from pipelines.replan import replan

        return replan
    from pipelines.backfill import backfill

    return backfill


def run_flow(ctx: typer.Context, name: str, **parameters: Any) -> tuple[str, Any]:
    """Run the flow `name` of `pipelines` now, with a progress bar; returns (its final
    message, its result).

    It reports to the Prefect server configured or started by `runlift serve`; with none,
    its work runs directly, without Prefect. A runlift error inside (e.g. a bad config) is
    raised again here.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    import pipelines  # noqa: F401  (runlift's Prefect defaults, before Prefect is imported)
    from pipelines import progress, runtime

    cli = state(ctx)
    params = {**parameters, **_flow_params(cli)}
    api = runtime.reporting_api(cli.settings.warehouse_dir)
    bar = Progress(
        TextColumn("[bold]{task.description:<28}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[last]}", style="dim"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    if api is None:
        from pipelines import direct

        logging.getLogger(__name__).info(
            "no Prefect server (PREFECT_API_URL, or a running `runlift serve`): the %s run "
            "goes directly, without Prefect",
            name,
        )
        with bar, progress.listen(_BarListener(bar)):
            done = direct.RUNS[name](**params)
        return done.message, done.result
    with _console_logging(logging.getLogger().level <= logging.INFO):
        with bar, progress.listen(_BarListener(bar)):
            flow_state = runtime.run(_flow(name), api, **params)
        flow_run_id = flow_state.state_details.flow_run_id
        url = api.flow_run_url(flow_run_id) if flow_run_id else None
    result = flow_state.result(raise_on_failure=False)
    if isinstance(result, RunliftError):
        raise result
    if isinstance(result, BaseException):
        err_console.print(
            f"[bold red]error:[/] the {name} flow crashed: {escape(repr(result))}", highlight=False
        )
        if url:
            err_console.print(f"see {url}", highlight=False)
        raise typer.Exit(EXIT_ERROR)
    if url:
        console.print(f"[dim]Prefect flow run: {url}[/]", highlight=False, soft_wrap=True)
    return str(flow_state.message or ""), result


def print_night(report: NightReport) -> None:
    """A table of the sources, Garmin Connect's own report, failures in full, the steps."""
    table = Table("source", "status", "new", "had", "quarantined", title="sync")
    for outcome in report.sources:
        files = outcome.files
        had = files.get("already_had", 0) + files.get("duplicate", 0)
        style = STATUS_STYLE[outcome.status]
        table.add_row(
            escape(outcome.label),
            f"[{style}]{outcome.status}[/]",
            str(outcome.new_files),
            str(had),
            str(files.get("quarantined", 0)),
        )
    if report.sources:
        console.print(table)
    for outcome in report.sources:
        if isinstance(outcome.detail, GarminSyncReport):
            print_garmin_report(outcome.detail)
        elif outcome.status != "ok" and outcome.message:
            mark = "[red]✗[/]" if outcome.status == "failed" else "[yellow]![/]"
            console.print(
                f"{mark} {escape(f'{outcome.label}: {outcome.message}')}", highlight=False
            )
    for name, line in report.steps.items():
        mark = "[red]✗[/]" if name in report.failed_steps else "[green]✓[/]"
        console.print(f"{mark} {escape(f'{name}: {line}')}", highlight=False)


def _night_exit(report: NightReport) -> None:
    """0: all done; 1: every source that was to run failed; 2: some trouble (see the table)."""
    ran = [o for o in report.sources if o.status in ("ok", "incomplete")]
    if report.failed and not ran:
        raise typer.Exit(EXIT_ERROR)
    refused = any(o.files.get("quarantined") or o.files.get("unreadable") for o in report.sources)
    if not report.ok or report.incomplete or refused:
        raise typer.Exit(EXIT_PARTIAL)


def _something_to_sync(
    settings: Settings, watch: str | None, folders: list[str], garmin: bool
) -> None:
    from pipelines.sources import plan_sources  # plain Python: no Prefect

    if not plan_sources(settings, watch=watch, folders=folders, garmin=garmin):
        raise ConfigError(
            "nothing to sync: pass --garmin, --watch PATH (or auto) or --folder PATH, or set "
            f"watch / folders / garmin under [sources] in the config ({settings.config_path})"
        )


def _check_paths_exist(paths: list[Path]) -> None:
    """Paths given on the command line are checked before any flow starts."""
    missing = [str(p) for p in paths if not p.expanduser().exists()]
    if missing:
        raise ConfigError(
            f"{', '.join(missing)} does not exist; check the path and run again"
            if len(missing) == 1
            else f"these do not exist: {', '.join(missing)}; check the paths and run again"
        )


def _check_since(since: dt.datetime | None) -> str | None:
    if since is None:
        return None
    day = since.date()
    if day > dt.date.today() + dt.timedelta(days=1):
        raise ConfigError(f"--since {day} is in the future; give a past date")
    return day.isoformat()


def _serve(
    settings: Settings, cli: CliState, cron: str | None, zone: str | None, port: int
) -> None:
    import pipelines  # noqa: F401  (runlift's Prefect defaults, before Prefect is imported)
    from pipelines import runtime, schedule, server

    deployment = schedule.nightly_deployment(
        settings, cron=cron, timezone=zone, parameters=_flow_params(cli)
    )
    when = deployment.schedules[0].schedule  # type: ignore[index]
    console.print(
        f"nightly sync: cron [bold]{when.cron}[/] in [bold]{when.timezone}[/] "
        f"(warehouse {settings.warehouse})",
        highlight=False,
    )
    from prefect import serve

    url = runtime.configured_api_url()
    if url:
        runtime.check_server(url)
        console.print(f"serving on the Prefect server at {url}", highlight=False)
        serve(deployment, limit=1)
        return
    running = runtime.served_api(settings.warehouse_dir)
    if running is not None:
        raise ConfigError(
            f"`runlift serve` is already running for {settings.warehouse_dir} (Prefect UI "
            f"{running.ui_url}); stop it first, or use it: `runlift sync` reports to it"
        )
    home = runtime.prefect_dir(settings.warehouse_dir)
    log_path = home / "server.log"
    console.print(
        f"no PREFECT_API_URL: starting `prefect server start` on port {port} (log: {log_path})",
        highlight=False,
    )
    with (
        server.local_server(port=port, log_path=log_path, home=home) as local,
        runtime.record_server(settings.warehouse_dir, local.api_url, local.ui_url),
    ):
        os.environ["PREFECT_API_URL"] = local.api_url  # for the flow runs served from here
        from prefect.settings import PREFECT_API_URL, temporary_settings

        console.print(f"Prefect UI: {local.ui_url}", highlight=False)
        with temporary_settings({PREFECT_API_URL: local.api_url}):
            serve(deployment, limit=1)


def register(app: typer.Typer) -> None:
    @app.command("sync")
    @friendly_errors
    def sync_command(
        ctx: typer.Context,
        watch: Annotated[
            str | None,
            typer.Option(
                "--watch",
                help='A watch mount point, or "auto" to look for one.',
                metavar="PATH|auto",
            ),
        ] = None,
        folder: Annotated[
            list[Path] | None,
            typer.Option(
                "--folder", help="A folder of FIT files / zips (repeatable).", metavar="PATH"
            ),
        ] = None,
        garmin: Annotated[
            bool, typer.Option("--garmin", help="Pull Garmin Connect (needs `runlift login`).")
        ] = False,
        since: Annotated[
            dt.datetime | None,
            typer.Option(
                "--since",
                formats=["%Y-%m-%d"],
                metavar="YYYY-MM-DD",
                help="Garmin Connect: backfill from this date (YYYY-MM-DD), politely spaced; "
                "default: from the newest data already stored.",
            ),
        ] = None,
        retries: Annotated[
            int,
            typer.Option(
                help="Retry a transient failure (Garmin unreachable, warehouse busy) this "
                "many times, minutes apart; the scheduled nightly run retries 2 times.",
                min=0,
            ),
        ] = 0,
    ) -> None:
        """Run the nightly flow once, now: pull every source, refresh the marts, plan.

        Sources: those given (--watch, --folder, --garmin), else those in the config file.
        One source failing does not stop the others. Exit code 0: all done; 2: done in part
        (a source failed or stopped early, files were quarantined: see the table); 1: nothing
        done (a bad option, a path that does not exist, every source failed).
        """
        settings = state(ctx).settings  # a bad config fails here, before Prefect starts
        given = [*(folder or []), *([Path(watch)] if watch and watch != "auto" else [])]
        _check_paths_exist(given)
        folders = [str(p.expanduser().resolve()) for p in folder or []]
        garmin_since = _check_since(since)
        _something_to_sync(settings, watch, folders, garmin)
        _, report = run_flow(
            ctx,
            "nightly",
            watch=watch,
            folders=folders,
            garmin=garmin,
            garmin_since=garmin_since,
            retries=retries,
        )
        print_night(report)
        console.print(
            f"[dim]warehouse: {escape(str(settings.warehouse))}[/]", highlight=False, soft_wrap=True
        )
        _night_exit(report)

    @app.command("replan")
    @friendly_errors
    def replan_command(ctx: typer.Context) -> None:
        """Refresh the marts and next week's plan from the warehouse; pull nothing.

        Exit code 0: done; 2: a step failed (see the list); 1: error.
        """
        state(ctx).settings  # noqa: B018  (a bad config fails here, before Prefect starts)
        _, report = run_flow(ctx, "replan", retries=0)
        print_night(report)
        _night_exit(report)

    @app.command("backfill")
    @friendly_errors
    def backfill_command(
        ctx: typer.Context,
        paths: Annotated[
            list[Path],
            typer.Argument(help="Folders, zip exports or watch mounts with years of FIT files."),
        ],
        runner: Annotated[
            str, typer.Option(help="Where decoding runs: process (this machine) or dask.")
        ] = "process",
        workers: Annotated[
            int, typer.Option(help="Decoding processes (0 = all cores).", min=0)
        ] = 0,
        dask_address: Annotated[
            str | None,
            typer.Option(help="A Dask scheduler (tcp://host:8786); default: a local cluster."),
        ] = None,
        refresh: Annotated[bool, typer.Option(help="Refresh the marts afterwards.")] = True,
    ) -> None:
        """Import a large history, decoding on every core (or a Dask cluster).

        Loading goes through the one warehouse writer in batches; the progress shows here
        and in the Prefect UI. Exit code 0: everything loaded; 2: some files were
        quarantined (listed); 1: error.
        """
        if runner not in ("process", "dask"):
            raise ConfigError(f"--runner {runner!r}: use process or dask")
        if dask_address and runner != "dask":
            raise ConfigError("--dask-address needs --runner dask")
        settings = state(ctx).settings
        _check_paths_exist(paths)
        message, summary = run_flow(
            ctx,
            "backfill",
            paths=[str(p.expanduser().resolve()) for p in paths],
            runner=runner,
            workers=workers,
            dask_address=dask_address,
            refresh=refresh,
        )
        print_summary(summary, settings)
        if message:
            console.print(f"[dim]{escape(message)}[/]", highlight=False)
        if not summary.ok or summary.counts.get("unreadable"):
            raise typer.Exit(EXIT_PARTIAL)

    @app.command("serve")
    @friendly_errors
    def serve_command(
        ctx: typer.Context,
        cron: Annotated[
            str | None,
            typer.Option(help='Cron of the nightly sync (default: [schedule] cron, "30 3 * * *").'),
        ] = None,
        timezone: Annotated[
            str | None,
            typer.Option(help="Its time zone (default: [schedule] timezone, else the athlete's)."),
        ] = None,
        port: Annotated[
            int, typer.Option(help="Port of the Prefect server started when none is configured.")
        ] = 4200,
    ) -> None:
        """Run the nightly sync on its schedule, until stopped (Ctrl-C).

        Uses the Prefect server in PREFECT_API_URL; without one, starts `prefect server
        start` (UI at http://127.0.0.1:PORT) for as long as this runs.
        """
        cli = state(ctx)
        _serve(cli.settings, cli, cron, timezone, port)
