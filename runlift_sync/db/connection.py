"""Opening the warehouse: one locked writer at a time, or a read-only reader.

A reader takes no lock file of its own (so a warehouse in a read-only folder can still be
queried): it opens the database read-only and, while DuckDB says a writer holds the file,
waits, saying once who it is waiting for.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from runlift_sync.db.lock import lock_path, warehouse_lock
from runlift_sync.db.migrate import migrate
from runlift_sync.db.views import create_views
from runlift_sync.errors import WarehouseBusyError, WarehouseError
from runlift_sync.file_lock import lock_holder
from runlift_sync.private_files import make_private, owner_only_umask, private_dir
from runlift_sync.stopping import interrupt_on_stop

log = logging.getLogger(__name__)

POLL_S = 0.2
#: What DuckDB says when another process holds the database file.
LOCK_CONFLICT = ("Could not set lock on file", "Conflicting lock is held")


def _is_lock_conflict(exc: duckdb.Error) -> bool:
    return any(marker in str(exc) for marker in LOCK_CONFLICT)


def _holder_of(path: Path, *, read_only: bool) -> str:
    """Who has the database file: a runlift writer names itself in the lock file; a writer
    holds that file itself, so what it meets is a reader or another program."""
    lock = lock_path(path)
    if read_only and lock.exists():
        return lock_holder(lock)
    return "another program (a DuckDB client? `runlift sql`?)"


def _connect(
    path: Path,
    *,
    read_only: bool,
    config: dict[str, Any] | None = None,
    timeout_s: float = 0.0,
    on_wait: Callable[[str], None] | None = None,
) -> duckdb.DuckDBPyConnection:
    """Connect, waiting up to `timeout_s` while another process holds the file."""
    deadline = time.monotonic() + timeout_s
    waited = False
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only, config=config or {})
            break
        except duckdb.IOException as exc:
            who = _holder_of(path, read_only=read_only)
            if _is_lock_conflict(exc) and time.monotonic() < deadline:
                if not waited:
                    (on_wait or log.warning)(
                        f"waiting for {who} to finish with the warehouse "
                        f"(up to {timeout_s:.0f} s; RUNLIFT_LOCK_TIMEOUT)…"
                    )
                waited = True
                time.sleep(POLL_S)
                continue
            if _is_lock_conflict(exc):
                raise WarehouseBusyError(
                    f"{who} is using the warehouse {path}; waited "
                    f"{timeout_s:.0f} s. Let it finish and run this again (or raise "
                    "RUNLIFT_LOCK_TIMEOUT to wait longer)."
                ) from exc
            raise WarehouseError(f"cannot open the warehouse {path}: {exc}") from exc
    con.execute("SET TimeZone = 'UTC'")
    interrupt_on_stop(con)  # Ctrl-C and SIGTERM cancel a long query
    return con


def _check_writable(folder: Path) -> None:
    try:
        private_dir(folder)
    except OSError as exc:
        raise WarehouseError(
            f"cannot create the warehouse folder {folder}: {exc.strerror}; choose another "
            "place with --warehouse (or RUNLIFT_WAREHOUSE)"
        ) from None
    if not os.access(folder, os.W_OK):
        raise WarehouseError(
            f"the warehouse folder {folder} is not writable; `runlift sql` and `runlift status` "
            "can still read it — to write, fix its permissions or use --warehouse elsewhere"
        )


def _check_exists(path: Path) -> None:
    if not path.exists():
        raise WarehouseError(
            f"no warehouse at {path}; import something first (`runlift import PATH`) "
            "or point --warehouse / RUNLIFT_WAREHOUSE at an existing one"
        )


@contextmanager
def open_writer(
    path: Path, *, timeout_s: float = 30.0, command: str = "", create: bool = True
) -> Iterator[duckdb.DuckDBPyConnection]:
    """The warehouse open for writing: locked, migrated, views current.

    `create=False`: a missing warehouse is an error (commands that only work on data).
    """
    if not create:
        _check_exists(path)
    _check_writable(path.parent)
    owner_only_umask()  # the warehouse, its WAL and temporary files: owner-only
    with warehouse_lock(path, exclusive=True, timeout_s=timeout_s, command=command):
        con = _connect(path, read_only=False, timeout_s=timeout_s)
        for written in (path, path.with_name(path.name + ".wal")):
            make_private(written)  # also a warehouse an older runlift left readable
        try:
            migrate(con)
            create_views(con)
            yield con
        finally:
            con.close()


@contextmanager
def open_reader(
    path: Path,
    *,
    timeout_s: float = 30.0,
    on_wait: Callable[[str], None] | None = None,
    config: dict[str, Any] | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """The warehouse open read-only (waits while a writer is busy; no lock file needed).

    `on_wait` is told once when it has to wait (default: a warning in the log). `config`: DuckDB settings given at connection (e.g. `runlift sql`'s sandbox).
    """
    _check_exists(path)
    con = _connect(path, read_only=True, config=config, timeout_s=timeout_s, on_wait=on_wait)
    try:
        yield con
    finally:
        con.close()
