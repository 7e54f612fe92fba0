"""Running a flow to its end in a test, and reading a warehouse back for comparison."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

#: Columns named `…_at` say *when* a row was written (imported_at, refreshed_at, computed_at…;
#: times in the data are `…_utc` / `…_local`): they differ between two identical imports.
WHEN_SUFFIX = "_at"


def run(flow: Any, **parameters: Any) -> Any:
    """Run `flow` and wait until the test server has recorded its task runs (so the server
    stops quietly at the end of the session); returns the final state."""
    from prefect.settings import PREFECT_API_URL

    from pipelines.runtime import settle

    state = flow(**parameters, return_state=True)
    assert settle(PREFECT_API_URL.value(), state.state_details.flow_run_id)
    return state


def snapshot(warehouse: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every base table's rows, sorted, without the columns that record when they were written."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY 1"
            ).fetchall()
        ]
        out: dict[str, list[tuple[Any, ...]]] = {}
        for table in tables:
            columns = [
                r[0]
                for r in con.execute(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position",
                    [table],
                ).fetchall()
                if not r[0].endswith(WHEN_SUFFIX)
            ]
            select = ", ".join(f'"{c}"' for c in columns)
            rows = con.execute(f'SELECT {select} FROM "{table}"').fetchall()
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def count(warehouse: Path, sql: str) -> Any:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()
