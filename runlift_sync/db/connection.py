"""Opening the warehouse: one locked writer at a time, or a read-only reader."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from runlift_sync.db.lock import warehouse_lock
from runlift_sync.db.migrate import migrate
from runlift_sync.db.views import create_views
from runlift_sync.errors import WarehouseError

log = logging.getLogger(__name__)


def _connect(path: Path, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        raise WarehouseError(
            f"cannot open the warehouse {path}: {exc}. If another program (a DuckDB client?) "
            "has it open for writing, close it and run this again."
        ) from exc
    con.execute("SET TimeZone = 'UTC'")
    return con


@contextmanager
def open_writer(
    path: Path, *, timeout_s: float = 30.0, command: str = ""
) -> Iterator[duckdb.DuckDBPyConnection]:
    """The warehouse open for writing: locked, migrated, views current."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with warehouse_lock(path, exclusive=True, timeout_s=timeout_s, command=command):
        con = _connect(path, read_only=False)
        try:
            migrate(con)
            create_views(con)
            yield con
        finally:
            con.close()


@contextmanager
def open_reader(path: Path, *, timeout_s: float = 30.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """The warehouse open read-only (waits while a writer is busy)."""
    if not path.exists():
        raise WarehouseError(
            f"no warehouse at {path}; import something first (`runlift import PATH`) "
            "or point --warehouse / RUNLIFT_WAREHOUSE at an existing one"
        )
    with warehouse_lock(path, exclusive=False, timeout_s=timeout_s):
        con = _connect(path, read_only=True)
        try:
            yield con
        finally:
            con.close()
