"""`runlift status`: what the warehouse holds."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.table import Table

from runlift_sync.cli.context import console, friendly_errors, state


def register(app: typer.Typer) -> None:
    @app.command("status")
    @friendly_errors
    def status_command(ctx: typer.Context) -> None:
        """Files, activities by sport, date range and quarantined files in the warehouse."""
        from runlift_sync.db import open_reader

        settings = state(ctx).settings
        with open_reader(settings.warehouse, timeout_s=settings.lock_timeout_s) as con:
            athlete = settings.athlete
            files = con.execute(
                "SELECT status, count(*), sum(size_bytes) FROM fit_files WHERE athlete = ? "
                "GROUP BY status ORDER BY status",
                [athlete],
            ).fetchall()
            sports = con.execute(
                "SELECT coalesce(sport, '?') || coalesce(' / ' || sub_sport, ''), count(*), "
                "round(sum(distance_m) / 1000, 1), min(start_time_local)::DATE, "
                "max(start_time_local)::DATE FROM activities WHERE athlete = ? "
                "GROUP BY ALL ORDER BY 2 DESC",
                [athlete],
            ).fetchall()
            quarantined = con.execute(
                "SELECT path, error_class, message FROM quarantine WHERE athlete = ? "
                "ORDER BY quarantined_at DESC",
                [athlete],
            ).fetchall()
            athletes = con.execute("SELECT athlete FROM athletes ORDER BY athlete").fetchall()
        console.print(
            f"[bold]warehouse[/] {escape(str(settings.warehouse))}  "
            f"[bold]athlete[/] {escape(athlete)}",
            highlight=False,
            soft_wrap=True,
        )
        names = [a[0] for a in athletes]
        if len(names) > 1:
            console.print(escape("athletes: " + ", ".join(names)))
        if athlete not in names and names:
            console.print(
                escape(
                    f"nothing here for athlete {athlete!r}; this warehouse holds "
                    f"{', '.join(names)}: pass e.g. --athlete {names[0]}"
                ),
                style="yellow",
                highlight=False,
            )
        table = Table("files", "count", "MB", title="files")
        for status, count, size in files:
            table.add_row(escape(status), str(count), f"{(size or 0) / 1e6:.1f}")
        table.add_row("quarantined", str(len(quarantined)), "")
        console.print(table)
        table = Table("sport", "activities", "km", "first", "last", title="activities")
        for row in sports:
            table.add_row(*(escape(str(v)) for v in row))
        console.print(table)
        for path, error_class, message in quarantined[:20]:
            console.print(
                f"[red]quarantined[/] {escape(f'{path}: {error_class}: {message}')}",
                highlight=False,
                soft_wrap=True,
            )
        if len(quarantined) > 20:
            console.print(f'… and {len(quarantined) - 20} more (runlift sql "FROM quarantine")')
