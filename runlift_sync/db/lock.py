"""An inter-process lock beside the warehouse file, so two writers never meet."""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from runlift_sync.errors import WarehouseBusyError

POLL_S = 0.2


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".lock")


def holder(path: Path) -> str:
    """Who holds the lock file at `path`, for a person (read only: needs no write access)."""
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return "another runlift process"
    return f"runlift process {info.get('pid', '?')} ({info.get('command', '?')})"


@contextmanager
def warehouse_lock(
    warehouse: Path, *, exclusive: bool, timeout_s: float, command: str = ""
) -> Iterator[None]:
    """Hold the warehouse lock (exclusive for writers, shared for readers).

    Waits up to `timeout_s` for another process to finish, then raises WarehouseBusyError.
    """
    path = lock_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
    deadline = time.monotonic() + timeout_s
    while True:
        handle = path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            if time.monotonic() >= deadline:
                raise WarehouseBusyError(
                    f"{holder(path)} is using the warehouse {warehouse}; "
                    f"waited {timeout_s:.0f} s. Let it finish and run this again "
                    "(or raise RUNLIFT_LOCK_TIMEOUT to wait longer)."
                ) from None
            time.sleep(POLL_S)
            continue
        if _is_current(path, handle.fileno()):
            break
        handle.close()  # the holder before us removed it on leaving: lock the new one
    try:
        if exclusive:
            handle.seek(0)
            handle.truncate()
            handle.write(json.dumps({"pid": os.getpid(), "command": command}))
            handle.flush()
        yield
    finally:
        if exclusive:
            path.unlink(missing_ok=True)  # no stale lock file after a clean exit
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def _is_current(path: Path, fd: int) -> bool:
    """Whether the file locked through `fd` is still the one at `path` (not unlinked)."""
    try:
        return os.stat(path).st_ino == os.fstat(fd).st_ino
    except FileNotFoundError:
        return False
