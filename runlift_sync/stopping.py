"""Stopping on request — Ctrl-C and SIGTERM — even when DuckDB swallows the request.

Python raises KeyboardInterrupt (and, with `stop_on_signals`, `Terminated` for SIGTERM)
wherever the main thread happens to be. Inside a DuckDB query, DuckDB catches it, cancels the
query and raises `RuntimeError: Query interrupted` instead; the next statement then meets an
aborted transaction. Left alone, a stop asked for would end as an error telling the user to
check their disk, or be recorded as a failed step while the night goes on.

DuckDB 2.0 also sometimes runs the handler and then goes on with the query as if nothing had
happened (a long query ran to its end). So the handlers interrupt the warehouse connections
themselves (`interrupt_on_stop`), and remember the request: the places that catch errors —
the one transaction (`db.transaction`), a night's steps, the CLI's error handling — call
`raise_if_stopping` first, and the stop that was asked for goes on, with the error it caused
as its cause.
"""

from __future__ import annotations

import signal
import threading
import weakref
from contextlib import suppress
from types import FrameType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb  # not at startup: `runlift --help` must not wait for it


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived: stop like Ctrl-C (what is half-done is rolled back, workers end)."""


_requested: type[KeyboardInterrupt] | None = None
_connections: weakref.WeakSet[duckdb.DuckDBPyConnection] = weakref.WeakSet()


def interrupt_on_stop(con: duckdb.DuckDBPyConnection) -> None:
    """Have a stop request cancel the query `con` is running (if any)."""
    _connections.add(con)


def _stop(stop: type[KeyboardInterrupt]) -> None:
    global _requested
    _requested = stop
    for con in list(_connections):
        with suppress(Exception):  # closed already (DuckDB's ConnectionException)
            con.interrupt()
    raise stop


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    _stop(Terminated)


def _on_sigint(signum: int, frame: FrameType | None) -> None:
    _stop(KeyboardInterrupt)


def stop_on_signals() -> None:
    """Turn SIGTERM into `Terminated` and remember Ctrl-C, in the main thread (no-op
    elsewhere). A SIGINT that is ignored (a background job) stays ignored."""
    if threading.current_thread() is not threading.main_thread():
        return
    signal.signal(signal.SIGTERM, _on_sigterm)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _on_sigint)


def stopping() -> type[KeyboardInterrupt] | None:
    """The stop asked for in this process (Terminated or KeyboardInterrupt), if any."""
    return _requested


def raise_if_stopping(error: BaseException) -> None:
    """Raise the stop asked for in place of `error` (a stop itself is left to go on)."""
    if _requested is not None and not isinstance(error, KeyboardInterrupt):
        raise _requested from error


def forget() -> None:
    """Forget a stop request (for tests that send signals to their own process)."""
    global _requested
    _requested = None
