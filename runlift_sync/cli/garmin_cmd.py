"""`runlift login` (Garmin Connect, once), and how a Garmin Connect pull is shown.

`runlift sync --garmin [--since DATE]` itself is the nightly flow (`pipeline_cmd`)."""

from __future__ import annotations

import datetime as dt

import typer
from rich.markup import escape
from rich.table import Table

from runlift_sync.cli.context import (
    console,
    err_console,
    friendly_errors,
    state,
)
from runlift_sync.config import Settings
from runlift_sync.sources.garmin_connect import (
    GarminSyncReport,
    login_with_credentials,
    sync_garmin,
)


def run_garmin_sync(
    settings: Settings, since: dt.date | None = None, *, show_progress: bool = True
) -> GarminSyncReport:
    """The Garmin part of `runlift sync`, with a status line while it runs."""
    if not show_progress:
        return sync_garmin(settings, since)
    with console.status("Garmin Connect: signing in…") as status:
        done = 0

        def progress(what: str) -> None:
            nonlocal done
            done += 1
            status.update(f"Garmin Connect: {done} items · {what}")

        return sync_garmin(settings, since, progress=progress)


def print_garmin_report(report: GarminSyncReport) -> None:
    files = report.files
    table = Table(title="Garmin Connect", show_header=False, box=None)
    if report.activities_from is not None:
        table.add_row("dates", f"{report.activities_from} … {report.through}")
    table.add_row("new activities", str(report.activities_new))
    if report.activities_known:
        table.add_row("activities already pulled", str(report.activities_known))
    if files.get("duplicate"):
        table.add_row("already imported another way", str(files["duplicate"]))
    table.add_row("strength sets", str(report.exercise_sets))
    if report.exercise_sets_reread:
        table.add_row("set lists read again", str(report.exercise_sets_reread))
    table.add_row(
        "wellness",
        f"{len(report.wellness_days)} days with data, {report.wellness_no_data} answers "
        "with no data",
    )
    table.add_row("requests", str(report.requests))
    console.print(table)
    for item in report.quarantined:
        console.print(
            f"[red]✗[/] quarantined {escape(f'{item.endpoint} {item.item_key}: {item.message}')}",
            highlight=False,
        )
    if files.get("quarantined"):
        console.print(
            f"[red]✗[/] {files['quarantined']} downloaded file(s) quarantined "
            '(runlift sql "FROM quarantine")',
            highlight=False,
        )
    if report.stopped is not None:
        console.print(f"[yellow]stopped early:[/] {escape(str(report.message))}", highlight=False)
    if not report.tokens_saved and report.stopped is None:
        err_console.print(
            "[yellow]warning:[/] the refreshed Garmin Connect login could not be saved; if the "
            "next sync fails, run `runlift login`",
            highlight=False,
        )


def register(app: typer.Typer) -> None:
    @app.command("login")
    @friendly_errors
    def login_command(ctx: typer.Context) -> None:
        """Sign in to Garmin Connect once (email, password, MFA code if asked).

        Only the resulting tokens are stored, owner-only, in the token directory
        (env RUNLIFT_TOKEN_DIR); the password is never stored. Nightly syncs resume from
        the tokens; run this again only when a sync says the login expired.
        """
        settings = state(ctx).settings
        email = typer.prompt("Garmin Connect email").strip()
        password = typer.prompt("Garmin Connect password", hide_input=True)

        def prompt_mfa() -> str:
            return str(typer.prompt("Code Garmin sent you (MFA)")).strip()

        name = login_with_credentials(
            settings.token_dir,
            email=email,
            password=password,
            prompt_mfa=prompt_mfa,
            timeout_s=settings.lock_timeout_s,
        )
        console.print(
            f"signed in to Garmin Connect as [bold]{name}[/]; login saved in "
            f"{settings.token_dir} (owner-only, no password). Now: runlift sync --garmin",
            highlight=False,
        )
