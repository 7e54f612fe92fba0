"""`runlift rebuild --into PATH`: a new warehouse from the originals in the raw store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from runlift_sync.cli.context import console, friendly_errors, state
from runlift_sync.cli.import_cmd import print_summary


def register(app: typer.Typer) -> None:
    @app.command("rebuild")
    @friendly_errors
    def rebuild_command(
        ctx: typer.Context,
        into: Annotated[Path, typer.Option(help="The new warehouse file to build.")],
        workers: Annotated[
            int, typer.Option(help="Decoding processes (0 = all cores).", min=0)
        ] = 0,
    ) -> None:
        """Re-import every kept original into a new warehouse (same athletes, sources, paths)."""
        from runlift_sync.rebuild import rebuild

        settings = state(ctx).settings
        with console.status("rebuilding from the raw store…"):
            summaries = rebuild(settings, into, workers=workers)
        for athlete, summary in summaries.items():
            console.print(f"[bold]{escape(athlete)}[/]")
            print_summary(summary, settings)
        console.print(f"rebuilt into {escape(str(into))}", highlight=False, soft_wrap=True)
