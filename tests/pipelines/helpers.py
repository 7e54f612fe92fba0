"""Running a flow to its end in a test, and reading a warehouse back for comparison."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any
from uuid import UUID

import duckdb

#: Columns named `…_at` say *when* a row was written (imported_at, refreshed_at, computed_at…;
#: times in the data are `…_utc` / `…_local`): they differ between two identical imports.
WHEN_SUFFIX = "_at"


#: Task run state types that are not final.
UNFINISHED = ["SCHEDULED", "PENDING", "RUNNING", "PAUSED", "CANCELLING"]


def run(flow: Any, **parameters: Any) -> Any:
    """Run `flow` and wait until the test server has recorded its task runs (so the server
    stops quietly at the end of the session); returns the final state."""
    from prefect.settings import PREFECT_API_URL

    state = flow(**parameters, return_state=True)
    assert settle(PREFECT_API_URL.value(), state.state_details.flow_run_id)
    return state


def settle(api_url: str, flow_run_id: UUID, *, timeout_s: float = 30.0) -> bool:
    """Send what is still queued (events, logs) and wait until the server has recorded every
    task run of `flow_run_id` in a final state. Returns False on timeout."""
    import httpx
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    EventsWorker.drain_all()
    APILogWorker.drain_all()
    deadline = time.monotonic() + timeout_s
    of_run = {"flow_runs": {"id": {"any_": [str(flow_run_id)]}}}
    unfinished = {**of_run, "task_runs": {"state": {"type": {"any_": UNFINISHED}}}}
    last_total = -1
    with httpx.Client(base_url=api_url.rstrip("/") + "/", timeout=10.0) as http:
        while time.monotonic() < deadline:
            total = http.post("task_runs/count", json=of_run).raise_for_status().json()
            waiting = http.post("task_runs/count", json=unfinished).raise_for_status().json()
            if total == last_total and waiting == 0:
                return True
            last_total = total
            time.sleep(0.25)
    return False


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
