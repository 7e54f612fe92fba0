"""The one inter-process lock: an `fcntl.flock` on a file that names its holder.

Used for the warehouse (`db/lock.py`: one writer, or many readers) and the Garmin Connect token
store (`sources/garmin_connect/tokens.py`: one process at a time). The lock is held on an open
file, so the operating system drops it when the holder exits, however it exits (a crash, a
kill -9): a stale lock file never blocks anyone, and an exclusive holder removes the file when
it leaves, so none is left behind after a clean exit. An exclusive holder writes its process id
and command into the file, so whoever waits too long can be told who is in the way.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from runlift_sync.errors import RunliftError

POLL_S = 0.2


def lock_holder(path: Path) -> str:
    """Who holds the lock, as written by the holder ("runlift process 123 (runlift sync)")."""
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return "another runlift process"
    return f"runlift process {info.get('pid', '?')} ({info.get('command', '?')})"


@contextmanager
def file_lock(
    path: Path,
    *,
    timeout_s: float,
    busy: Callable[[str], RunliftError],
    exclusive: bool = True,
    command: str = "",
    mode: int = 0o666,
) -> Iterator[None]:
    """Hold the lock on `path` (created with `mode`, less the umask) for the `with` block.

    Waits up to `timeout_s` seconds for other holders, then raises `busy(holder)`, where
    `holder` names the process in the way. Exclusive holders record `command` in the file.
    """
    operation = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
    deadline = time.monotonic() + timeout_s
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, mode)
        handle = os.fdopen(fd, "r+", encoding="utf-8")
        try:
            fcntl.flock(handle, operation | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            if time.monotonic() >= deadline:
                raise busy(lock_holder(path)) from None
            time.sleep(POLL_S)
            continue
        if _is_current(path, fd):
            break
        handle.close()  # the holder before us removed this file on leaving: lock the new one
    with handle:
        try:
            if exclusive:
                handle.seek(0)
                handle.truncate()
                handle.write(json.dumps({"pid": os.getpid(), "command": command}))
                handle.flush()
            yield
        finally:
            if exclusive:
                path.unlink(missing_ok=True)  # no lock file is left after a clean exit
    # closing the file (leaving the `with`) releases the lock


def _is_current(path: Path, fd: int) -> bool:
    """Whether the file locked through `fd` is still the one at `path` (not removed since)."""
    try:
        return os.stat(path).st_ino == os.fstat(fd).st_ino
    except FileNotFoundError:
        return False
