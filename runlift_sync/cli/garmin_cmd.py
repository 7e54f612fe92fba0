"""`runlift login` (Garmin Connect, once), and how a Garmin Connect pull is shown.

`runlift sync --garmin [--since DATE]` itself is the nightly flow (`pipeline_cmd`)."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.table import Table

from runlift_sync.cli.context import (
    console,
    err_console,
    friendly_errors,
    state,
)
from runlift_sync.sources.garmin_connect.report import GarminSyncReport


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
    if report.originals_recovered:
        table.add_row("originals downloaded at last", str(report.originals_recovered))
    backfill = report.backfill
    if backfill is not None:
        left = [
            f"{kind} from {day}"
            for kind, day in (
                ("activities", backfill.activities_next),
                ("wellness", backfill.wellness_next),
            )
            if day is not None
        ]
        table.add_row(
            "backfill",
            f"{backfill.since} … {backfill.through}: "
            + (f"left: {', '.join(left)}" if left else "done"),
        )
    table.add_row("requests", str(report.requests))
    table.add_row("night", report.outcome)
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
    if report.originals_pending:
        console.print(
            f"[yellow]![/] {report.originals_pending} activit"
            f"{'y' if report.originals_pending == 1 else 'ies'} whose original could not be "
            "downloaded yet: tried again on the next syncs "
            '(runlift sql "FROM garmin_pending_originals")',
            highlight=False,
        )
    if report.stopped is not None:
        console.print(f"[yellow]stopped early:[/] {escape(str(report.message))}", highlight=False)
    if backfill is not None and not backfill.done:
        console.print(
            "[yellow]![/] the backfill is not done: the next syncs (nightly ones too) go on "
            f"with it at its pace ({backfill.spacing_s:g} s between requests)",
            highlight=False,
        )
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

        from runlift_sync.sources.garmin_connect import login  # garminconnect: only here

        signed = login.login_with_credentials(
            settings.token_dir,
            email=email,
            password=password,
            prompt_mfa=prompt_mfa,
            timeout_s=settings.lock_timeout_s,
        )
        who = f" as [bold]{signed.display_name}[/]" if signed.display_name else ""
        console.print(
            f"signed in to Garmin Connect{who}; login saved in {signed.token_dir} "
            "(owner-only, no password).",
            highlight=False,
        )
        if signed.warning:
            err_console.print(f"[yellow]warning:[/] {signed.warning}", highlight=False)
        else:
            console.print("Now: runlift sync --garmin", highlight=False)
