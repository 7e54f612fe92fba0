"""Progress of an import inside a flow: to the Prefect UI (an artifact) and to local listeners.

The flow counts files as they are committed. The Prefect UI shows a progress artifact on the
flow run (updated at most every `UPDATE_EVERY_S`); a command line that runs the flow in its
own process listens with `listen(...)` and draws a progress bar. A run without a Prefect server
(`direct.py`) counts for the listeners only (`to_ui=False`), without importing Prefect.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Protocol
from uuid import UUID

if TYPE_CHECKING:
    from runlift_sync.db.file_loader import FileOutcome

log = logging.getLogger(__name__)

UPDATE_EVERY_S = 2.0
#: Fewer files than this (a usual night) get no progress artifact in the UI.
UI_MIN_FILES = 50


class Listener(Protocol):
    """Someone in this process who wants to see an import's progress (the CLI's bar)."""

    def start(self, what: str, total: int) -> None: ...

    def advance(self, outcome: FileOutcome) -> None: ...


_listeners: list[Listener] = []
_lock = threading.Lock()


@contextmanager
def listen(listener: Listener) -> Iterator[None]:
    """Show `listener` the progress of the imports flows run in this process meanwhile."""
    with _lock:
        _listeners.append(listener)
    try:
        yield
    finally:
        with _lock:
            _listeners.remove(listener)


def _each() -> list[Listener]:
    with _lock:
        return list(_listeners)


class ImportProgress:
    """The progress callback of one import (`runlift_sync.ingest.Progress`), counting files."""

    def __init__(self, what: str, key: str, *, to_ui: bool = True) -> None:
        self.what = what
        self.key = key
        self.to_ui = to_ui
        self.total = 0
        self.done = 0
        self._artifact: UUID | None = None
        self._last_update = 0.0

    def start(self, total: int) -> None:
        self.total = total
        for listener in _each():
            listener.start(self.what, total)
        if self.to_ui and total >= UI_MIN_FILES:
            from prefect.artifacts import create_progress_artifact

            self._artifact = create_progress_artifact(
                progress=0.0,
                key=self.key,
                description=f"{self.what}: files decoded and loaded (of {total:,})",
            )

    def __call__(self, outcome: FileOutcome) -> None:
        self.done += 1
        for listener in _each():
            listener.advance(outcome)
        now = time.monotonic()
        if self._artifact is not None and (
            now - self._last_update >= UPDATE_EVERY_S or self.done >= self.total
        ):
            self._last_update = now
            self._update_ui()

    @property
    def percent(self) -> float:
        return 100.0 * min(self.done, self.total) / self.total if self.total else 100.0

    def finish(self) -> None:
        if self._artifact is not None and self.done < self.total:
            self._update_ui()

    def _update_ui(self) -> None:
        from prefect.artifacts import update_progress_artifact

        assert self._artifact is not None
        update_progress_artifact(self._artifact, self.percent)
