"""Where flow runs report to: the Prefect server the user configured, or a quiet temporary one.

With `PREFECT_API_URL` set (a `prefect server start` running, or Prefect Cloud) a flow starts
in about a second and its runs stay visible in the UI. Without it, Prefect would start a
temporary server inside the flow call and stop it at exit while its services are still
recording the last task runs, which prints ERROR lines and tracebacks. `prefect_api()` starts
that temporary server itself instead (same database, `~/.prefect`, so the runs show up later
in `prefect server start`), and `run()` waits until the server has recorded every task run
of the flow before the server is stopped: no noise, nothing lost.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import httpx
from prefect.events.worker import EventsWorker
from prefect.logging.handlers import APILogWorker
from prefect.server.api.server import SubprocessASGIServer
from prefect.settings import (
    PREFECT_API_URL,
    PREFECT_SERVER_ALLOW_EPHEMERAL_MODE,
    PREFECT_UI_URL,
    temporary_settings,
)
from prefect.states import State

from runlift_sync.errors import ConfigError

log = logging.getLogger(__name__)

#: A temporary server on a busy 2-core machine takes 10–30 s to start.
STARTUP_TIMEOUT_S = 120
#: How long to wait for the server to record a finished flow's task runs.
SETTLE_TIMEOUT_S = 30.0
POLL_S = 0.25
#: Task run state types that are not final.
UNFINISHED = ["SCHEDULED", "PENDING", "RUNNING", "PAUSED", "CANCELLING"]


@dataclass(frozen=True)
class Api:
    """The Prefect API flows report to, and the UI to look at (none for a temporary one)."""

    url: str
    temporary: bool
    ui_url: str | None = None

    def flow_run_url(self, flow_run_id: UUID) -> str | None:
        return f"{self.ui_url.rstrip('/')}/runs/flow-run/{flow_run_id}" if self.ui_url else None


def configured_api_url() -> str | None:
    """PREFECT_API_URL from the environment or the active Prefect profile."""
    return PREFECT_API_URL.value() or None


def check_server(url: str, *, timeout_s: float = 5.0) -> None:
    """Raise a ConfigError saying what to do when the configured server does not answer."""
    try:
        response = httpx.get(f"{url.rstrip('/')}/health", timeout=timeout_s)
        response.raise_for_status()
    except httpx.HTTPError as exc:
        raise ConfigError(
            f"the Prefect server at PREFECT_API_URL={url} does not answer ({exc}). Start it "
            "(`prefect server start`), or unset PREFECT_API_URL to run with a temporary server"
        ) from exc


@contextmanager
def prefect_api(
    *, announce: Callable[[str], None] | None = None, check: bool = True
) -> Iterator[Api]:
    """Flows called inside report to the configured server, else to a temporary one.

    `announce(message)` is told when a temporary server is being started (it takes a while).
    """
    url = configured_api_url()
    if url:
        if check:
            check_server(url)
        yield Api(url, temporary=False, ui_url=PREFECT_UI_URL.value() or None)
        return
    if not PREFECT_SERVER_ALLOW_EPHEMERAL_MODE.value():
        raise ConfigError(
            "no Prefect server: set PREFECT_API_URL (e.g. `prefect config set "
            "PREFECT_API_URL=http://127.0.0.1:4200/api` with `prefect server start` running)"
        )
    if announce is not None:
        announce(
            "starting a temporary Prefect server (set PREFECT_API_URL to a running "
            "`prefect server start` to skip this)"
        )
    server = SubprocessASGIServer()  # the instance Prefect's own client would start
    server.start(timeout=STARTUP_TIMEOUT_S)
    try:
        # no UI is served by a temporary server: no "View at" links to it
        with temporary_settings({PREFECT_API_URL: server.api_url, PREFECT_UI_URL: ""}):
            yield Api(server.api_url, temporary=True)
    finally:
        server.stop()


def run(flow: Callable[..., Any], api: Api, /, **parameters: Any) -> State[Any]:
    """Run `flow(**parameters)` now, in this process; returns its final state (never raises
    for a failed run). On a temporary server, waits until the run is fully recorded."""
    state: State[Any] = flow(**parameters, return_state=True)
    if api.temporary and state.state_details.flow_run_id is not None:
        settle(api.url, state.state_details.flow_run_id)
    return state


def settle(api_url: str, flow_run_id: UUID, *, timeout_s: float = SETTLE_TIMEOUT_S) -> bool:
    """Send what is still queued (events, logs) and wait until the server has recorded every
    task run of `flow_run_id` in a final state. Returns False on timeout."""
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
            time.sleep(POLL_S)
    log.warning("the Prefect server had not recorded every task run after %.0f s", timeout_s)
    return False
