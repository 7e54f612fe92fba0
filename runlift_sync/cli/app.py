"""The typer application and its global options; each command lives in its own module."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from typer._click.exceptions import UsageError

import runlift_sync.cli.pipeline_cmd as pipeline_cmd
import runlift_sync.cli.plan_cmd as plan_cmd
import runlift_sync.cli.profile_cmd as profile_cmd
import runlift_sync.cli.push_cmd as push_cmd
import runlift_sync.cli.refresh_cmd as refresh_cmd
from runlift_sync.cli import demo_cmd, garmin_cmd, import_cmd, rebuild_cmd, sql_cmd, status_cmd
from runlift_sync.cli.context import EXIT_ERROR, CliState, setup_logging
from runlift_sync.private_files import owner_only_umask
from runlift_sync.stopping import stop_on_signals

# runlift's exit codes are the same for every command (README, "Exit codes"): 2 means "done in
# part" (files refused, a source failed), so a mistyped option is an error like any other.
UsageError.exit_code = EXIT_ERROR

app = typer.Typer(
    name="runlift",
    help="Sync your watch into a DuckDB warehouse you own, and adjust next week's run + lift plan.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode="markdown",  # help texts are plain words: `[plan]` is a TOML section
)


@app.callback()
def main(
    ctx: typer.Context,
    warehouse: Annotated[
        Path | None,
        typer.Option(
            "--warehouse",
            help="DuckDB file (env RUNLIFT_WAREHOUSE).",
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    athlete: Annotated[
        str | None,
        typer.Option(
            "--athlete",
            help="Athlete name (env RUNLIFT_ATHLETE; default from config).",
            metavar="NAME",
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Config TOML (env RUNLIFT_CONFIG).", metavar="PATH"),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")] = False,
) -> None:
    setup_logging(verbose)
    stop_on_signals()
    owner_only_umask()  # every file a command writes holds health data
    ctx.obj = CliState(warehouse=warehouse, athlete=athlete, config=config)


demo_cmd.register(app)
import_cmd.register(app)
sql_cmd.register(app)
status_cmd.register(app)
rebuild_cmd.register(app)
garmin_cmd.register(app)
profile_cmd.register(app)
refresh_cmd.register(app)
plan_cmd.register(app)
push_cmd.register(plan_cmd.plan_app)
# after garmin_cmd: its `sync` is superseded by the one that runs every source (pipeline_cmd)
pipeline_cmd.register(app)
