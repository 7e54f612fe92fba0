"""`runlift sql "SELECT …"`: query the warehouse read-only; a table, CSV or JSON."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import sys
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer
from rich.table import Table

from runlift_sync.cli.context import console, friendly_errors, state
from runlift_sync.errors import WarehouseError

if TYPE_CHECKING:
    import duckdb

Format = Literal["table", "csv", "json"]


def _json_value(value: Any) -> Any:
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    return str(value)


def run_query(
    con: duckdb.DuckDBPyConnection, query: str
) -> tuple[list[str], list[tuple[Any, ...]]]:
    import duckdb

    try:
        result = con.execute(query)
        columns = [d[0] for d in result.description or []]
        return columns, result.fetchall()
    except duckdb.Error as exc:
        raise WarehouseError(f"query failed: {exc}") from exc


def render(columns: list[str], rows: list[tuple[Any, ...]], fmt: Format, max_rows: int) -> None:
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
    elif fmt == "json":
        records = [dict(zip(columns, row, strict=True)) for row in rows]
        sys.stdout.write(json.dumps(records, default=_json_value, indent=1) + "\n")
    else:
        table = Table(*columns, show_lines=False)
        for row in rows[:max_rows]:
            table.add_row(*("" if v is None else str(v) for v in row))
        console.print(table)
        shown = min(len(rows), max_rows)
        more = (
            f" (first {shown} shown; --max-rows or --format csv for all)"
            if len(rows) > max_rows
            else ""
        )
        console.print(f"[dim]{len(rows)} row{'s' if len(rows) != 1 else ''}{more}[/]")


def register(app: typer.Typer) -> None:
    @app.command("sql")
    @friendly_errors
    def sql_command(
        ctx: typer.Context,
        query: Annotated[str, typer.Argument(help="SQL to run (read-only).")],
        fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
        max_rows: Annotated[int, typer.Option(help="Rows shown in table format.")] = 200,
    ) -> None:
        """Query the warehouse (read-only): e.g. runlift sql "SELECT * FROM activities"."""
        if fmt not in ("table", "csv", "json"):
            raise WarehouseError(f"unknown --format {fmt!r}; use table, csv or json")
        from runlift_sync.db import open_reader

        settings = state(ctx).settings
        with open_reader(settings.warehouse, timeout_s=settings.lock_timeout_s) as con:
            columns, rows = run_query(con, query)
        render(columns, rows, fmt, max_rows)  # type: ignore[arg-type]
