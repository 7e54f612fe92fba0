"""runlift's worker processes: a spawn process pool whose workers never outlive their parent.

Each worker watches the process that started it and exits as soon as that process is gone
(killed with -9, crashed), so nothing is left re-parented to PID 1. Workers ignore Ctrl-C
(the parent decides what stops), and when the parent stops early — an error, Ctrl-C, SIGTERM —
the queued work is cancelled and the workers are ended before the exception goes on.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing.queues import SimpleQueue

log = logging.getLogger(__name__)

#: How often a worker checks that its parent is alive.
PARENT_POLL_S = 0.5
#: How long stopped workers get to exit before they are killed.
STOP_GRACE_S = 2.0


def _watch_parent(parent_pid: int) -> None:
    """In a worker: exit at once when the parent process is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_POLL_S)
        os._exit(0)  # the parent is gone: nobody wants the result

    threading.Thread(target=watch, name="runlift-parent-watch", daemon=True).start()


@contextmanager
def worker_pool(max_workers: int) -> Iterator[ProcessPoolExecutor]:
    """A spawn process pool (safe beside DuckDB's threads) tied to this process's life."""
    pool = ProcessPoolExecutor(
        max_workers=max_workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_watch_parent,
        initargs=(os.getpid(),),
    )
    try:
        yield pool
    except BaseException:
        stop_workers(pool)
        raise
    else:
        pool.shutdown(wait=True)


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Cancel what is queued and end the workers now (what they were doing is thrown away)."""
    processes = list((pool._processes or {}).values())
    # shutdown() forgets these; they are needed below
    result_queue = pool._result_queue
    manager = pool._executor_manager_thread
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    deadline = time.monotonic() + STOP_GRACE_S
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            log.warning("worker %s did not stop; killing it", process.pid)
            process.kill()
            process.join(1.0)
    _release_manager(result_queue, manager)


def _release_manager(
    result_queue: SimpleQueue[object] | None, manager: threading.Thread | None
) -> None:
    """Let the pool's manager thread end once every worker is gone.

    A worker ended while it was sending a result leaves half a message in the result pipe, and
    the manager thread waits for the rest forever — and the interpreter's exit waits for that
    thread (a SIGTERM'd import hung there). This process holds the pipe's last write end: closing
    it turns the wait into end-of-file, which the pool handles as broken (it fails what was
    pending and closes its queues)."""
    if result_queue is not None:
        result_queue._writer.close()  # type: ignore[attr-defined]
    if manager is not None:
        manager.join(STOP_GRACE_S)
        if manager.is_alive():
            log.warning("the worker pool's manager thread did not stop")
