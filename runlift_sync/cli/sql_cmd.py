"""`runlift sql "SELECT …"`: query the warehouse read-only; a table, CSV or JSON."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer
from rich.table import Table
from rich.text import Text

from runlift_sync.cli.context import console, err_console, friendly_errors, state
from runlift_sync.errors import WarehouseError

if TYPE_CHECKING:  # DuckDB loads when a query runs, not for --help
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

    from runlift_sync.db.query_sandbox import check_query, duckdb_message

    check_query(con, query)
    try:
        result = con.execute(query)
        columns = [d[0] for d in result.description or []]
        return columns, result.fetchall()
    except duckdb.PermissionException as exc:
        raise WarehouseError(
            f"query failed: {duckdb_message(exc)}; to read your own files, name their folder "
            "with --read-files DIR"
        ) from exc
    except duckdb.Error as exc:
        raise WarehouseError(f"query failed: {duckdb_message(exc)}") from exc


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def natural_width(columns: list[str], rows: list[tuple[Any, ...]]) -> int:
    """Characters a table needs to show every column whole (borders and padding included)."""
    widths = [len(name) for name in columns]
    for row in rows:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], max((len(x) for x in _cell(value).splitlines()), default=0))
    return sum(widths) + 3 * len(columns) + 1


def _table(columns: list[str], rows: list[tuple[Any, ...]]) -> Table:
    table = Table(show_lines=False)
    for name in columns:
        table.add_column(Text(name))
    for row in rows:
        table.add_row(*(Text(_cell(v)) for v in row))
    return table


def _records(columns: list[str], rows: list[tuple[Any, ...]]) -> list[Table]:
    """One small name/value table per row: how a wide result stays readable."""
    records = []
    for n, row in enumerate(rows, start=1):
        record = Table(
            show_header=False, box=None, title=Text(f"row {n}"), title_justify="left", padding=0
        )
        record.add_column(style="bold", no_wrap=True)
        record.add_column(overflow="fold")
        for name, value in zip(columns, row, strict=True):
            record.add_row(Text(name + "  "), Text(_cell(value)))
        records.append(record)
    return records


def render(columns: list[str], rows: list[tuple[Any, ...]], fmt: Format, max_rows: int) -> None:
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
        return
    if fmt == "json":
        records = [dict(zip(columns, row, strict=True)) for row in rows]
        sys.stdout.write(json.dumps(records, default=_json_value, indent=1) + "\n")
        return
    shown = rows[:max_rows]
    wide = natural_width(columns, shown) > console.width
    if wide:
        for n, record in enumerate(_records(columns, shown)):
            if n:
                console.print()
            console.print(record)
    else:
        console.print(_table(columns, shown))
    notes = [f"{len(rows)} row{'s' if len(rows) != 1 else ''}"]
    if len(rows) > max_rows:
        notes.append(f"first {len(shown)} shown; --max-rows or --format csv for all")
    if wide:
        notes.append(
            f"{len(columns)} columns are too wide for {console.width}: one record per row "
            "(--format csv for a table)"
        )
    for note in notes:
        console.print(Text(note, style="dim"))


def register(app: typer.Typer) -> None:
    @app.command("sql")
    @friendly_errors
    def sql_command(
        ctx: typer.Context,
        query: Annotated[str, typer.Argument(help="SQL to run (read-only).", metavar="QUERY")],
        fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
        max_rows: Annotated[
            int, typer.Option(help="Rows shown in table format (at least 1).", min=1)
        ] = 200,
        read_files: Annotated[
            list[Path] | None,
            typer.Option(
                "--read-files",
                help="Let the query read files under this folder (read_csv, read_parquet, …; "
                "repeatable). Without it no file but the warehouse is read; nothing is ever "
                "written.",
                show_default=False,
                metavar="DIR",
            ),
        ] = None,
    ) -> None:
        """Query the warehouse, read-only: e.g. runlift sql "FROM activities LIMIT 5".

        Only queries run (SELECT, FROM, WITH, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN): nothing is
        written, attached, installed or loaded. Rows wider than the terminal are shown one
        record at a time.
        """
        if fmt not in ("table", "csv", "json"):
            raise WarehouseError(f"unknown --format {fmt!r}; use table, csv or json")
        from runlift_sync.db import open_reader
        from runlift_sync.db.query_sandbox import CONNECT_CONFIG, lock_down

        settings = state(ctx).settings
        with open_reader(
            settings.warehouse,
            timeout_s=settings.lock_timeout_s,
            on_wait=lambda text: err_console.print(Text(text, style="dim")),
            config=CONNECT_CONFIG,
        ) as con:
            lock_down(con, read_files or [])
            columns, rows = run_query(con, query)
        render(columns, rows, fmt, max_rows)  # type: ignore[arg-type]
