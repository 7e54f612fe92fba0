"""`runlift import PATH…`: files, folders, zips or a watch mount into the warehouse."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from runlift_sync.cli.context import EXIT_PARTIAL, console, friendly_errors, state

if TYPE_CHECKING:
    from runlift_sync.config import Settings
    from runlift_sync.db.file_loader import FileOutcome
    from runlift_sync.ingest import ImportSummary

OUTCOME_LABELS = {
    "loaded": "new",
    "partial": "new, partial (file cut off; kept what decoded)",
    "already_had": "already had",
    "duplicate": "duplicates (same recording, other bytes)",
    "quarantined": "quarantined",
    "already_quarantined": "quarantined before",
    "unreadable": "unreadable (will retry)",
}


def run_import(
    settings: Settings, paths: list[Path], *, workers: int = 0, show_progress: bool = True
) -> ImportSummary:
    """Import `paths` into the warehouse of `settings`, with a progress bar on the console."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from runlift_sync.ingest import import_paths

    with Progress(
        TextColumn("[bold]importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[last]}", style="dim"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not show_progress,
    ) as bar:
        task = bar.add_task("import", total=None, last="")

        def advance(outcome: FileOutcome) -> None:
            bar.update(task, advance=1, last=Path(outcome.origin).name[:40])

        return import_paths(
            settings,
            paths,
            workers=workers,
            progress=advance,
            on_start=lambda n: bar.update(task, total=n),
        )


def print_summary(summary: ImportSummary, settings: Settings) -> None:
    counts = summary.counts
    table = Table(title="imported", show_header=False, box=None, title_justify="left")
    for key, label in OUTCOME_LABELS.items():
        if counts.get(key):
            table.add_row(label, str(counts[key]))
    table.add_row("records loaded", f"{summary.n_records:,}")
    if summary.readers:
        readers = ", ".join(f"{n} by {name}" for name, n in summary.readers.most_common())
        table.add_row("read", readers)
    table.add_row("time", f"{summary.seconds:.1f} s")
    console.print(table)
    for outcome in summary.outcomes:
        if outcome.origin_bytes is not None:
            console.print(
                f"[yellow]![/] {escape(outcome.origin)}: the file name is not valid UTF-8; "
                "shown and stored with \\xNN escapes, its exact bytes kept "
                "(fit_files.original_path_bytes)",
                highlight=False,
                soft_wrap=True,
            )
        if outcome.outcome in ("quarantined", "unreadable"):
            console.print(
                f"[red]✗[/] {escape(str(outcome.detail))}", highlight=False, soft_wrap=True
            )
        elif outcome.outcome == "partial" or (outcome.outcome == "loaded" and outcome.detail):
            console.print(
                f"[yellow]![/] {escape(f'{outcome.origin}: {outcome.detail}')}",
                highlight=False,
                soft_wrap=True,
            )


def refresh_after_import(settings: Settings, summary: ImportSummary) -> None:
    """Rebuild the marts when something new was loaded (or they were never built)."""
    from runlift_sync.db import open_writer
    from runlift_sync.model import refresh_marts
    from runlift_sync.model.schema import has_relation

    new = summary.counts.get("loaded", 0) + summary.counts.get("partial", 0)
    with open_writer(
        settings.warehouse, timeout_s=settings.lock_timeout_s, command="runlift import"
    ) as con:
        if not new and has_relation(con, "runs"):
            return
        with console.status("refreshing the training model…"):
            report = refresh_marts(con, settings)
    rows = {name: n for done in report.athletes for name, n in done.rows.items()}
    console.print(
        f"training model: {rows.get('runs', 0)} runs, {rows.get('lift_sessions', 0)} lifting "
        f"sessions, {rows.get('weekly_summary', 0)} weeks ({report.seconds:.1f} s)",
        highlight=False,
    )
    for name, count in report.failed_checks.items():
        console.print(f"[red]✗ check {escape(name)}[/]: {count} offending rows", highlight=False)


def register(app: typer.Typer) -> None:
    @app.command("import")
    @friendly_errors
    def import_command(
        ctx: typer.Context,
        paths: Annotated[
            list[Path],
            typer.Argument(
                help="FIT files, folders, zip exports or a watch mount.", metavar="PATH..."
            ),
        ],
        workers: Annotated[
            int, typer.Option(help="Decoding processes (0 = all cores).", min=0)
        ] = 0,
        refresh: Annotated[
            bool,
            typer.Option(
                "--refresh/--no-refresh",
                help="Rebuild the training model after loading new files (default: yes).",
            ),
        ] = True,
    ) -> None:
        """Import FIT files: each original is kept, decoded and loaded once.

        Exit code 0: everything loaded; 2: some files were quarantined or could not be read
        (see the list); 1: error (nothing imported).
        """
        settings = state(ctx).settings
        summary = run_import(settings, paths, workers=workers)
        print_summary(summary, settings)
        if refresh and settings.warehouse.exists():
            refresh_after_import(settings, summary)
        if not summary.ok or summary.counts.get("unreadable"):
            raise typer.Exit(EXIT_PARTIAL)
