"""Where flow runs report to: the Prefect server the user configured, the one `runlift serve`
started, or none — then the flows' work runs directly, without Prefect (`direct.py`).

1. `PREFECT_API_URL` (environment, Prefect profile, prefect.toml…): flows report there; a
   server that does not answer is an error that says so.
2. Else a `runlift serve` running on this machine for the same data directory, which left
   its address in `<warehouse dir>/prefect/server.json` while it runs: flows report there, and
   the runs show in its UI.
3. Else no server: `runlift sync`, `replan` and `backfill` run the same steps directly.
   (Prefect 3 would otherwise start a temporary server in a subprocess for each command: 10–60
   s on a busy 2-core machine for under a second of work; see README, "Prefect without the
   wait".)

Deciding costs no Prefect import (~2.5 s of CPU) when nothing configures Prefect: Prefect's
own settings are read only when the environment or a Prefect settings file might set the
API URL.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import UUID

from runlift_sync.errors import ConfigError

if TYPE_CHECKING:
    from prefect.states import State

log = logging.getLogger(__name__)

#: Where a `runlift serve` keeps its Prefect server's database and address, under the
#: warehouse's directory (owner-only).
PREFECT_DIR = "prefect"
SERVER_RECORD = "server.json"
#: Files from which Prefect may read PREFECT_API_URL besides the environment (in the current
#: directory; the profiles file is found separately).
PREFECT_SETTINGS_FILES = ("prefect.toml", ".env")


@dataclass(frozen=True)
class Api:
    """A Prefect API flows report to, and the UI to look at."""

    url: str
    ui_url: str | None = None

    def flow_run_url(self, flow_run_id: UUID) -> str | None:
        return f"{self.ui_url.rstrip('/')}/runs/flow-run/{flow_run_id}" if self.ui_url else None


def prefect_dir(warehouse_dir: Path) -> Path:
    """runlift's Prefect directory beside the warehouse (created owner-only)."""
    path = warehouse_dir / PREFECT_DIR
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _prefect_may_be_configured() -> bool:
    """Whether a Prefect settings source other than the environment might exist."""
    home = Path(os.environ.get("PREFECT_HOME") or "~/.prefect").expanduser()
    profiles = Path(os.environ.get("PREFECT_PROFILES_PATH") or home / "profiles.toml")
    if profiles.expanduser().exists():
        return True
    if any(Path(name).exists() for name in PREFECT_SETTINGS_FILES):
        return True
    pyproject = Path("pyproject.toml")
    return pyproject.exists() and "[tool.prefect" in pyproject.read_text(encoding="utf-8")


def configured_api_url() -> str | None:
    """PREFECT_API_URL from the environment, else from Prefect's settings files."""
    if "PREFECT_API_URL" in os.environ:
        return os.environ["PREFECT_API_URL"] or None
    if not _prefect_may_be_configured():
        return None
    from prefect.settings import PREFECT_API_URL

    return PREFECT_API_URL.value() or None


def _answers(url: str, *, timeout_s: float) -> str | None:
    """None when the Prefect API at `url` answers its health check, else why not."""
    import httpx

    try:
        response = httpx.get(f"{url.rstrip('/')}/health", timeout=timeout_s)
        response.raise_for_status()
    except httpx.HTTPError as exc:
        return str(exc) or type(exc).__name__
    return None


def check_server(url: str, *, timeout_s: float = 5.0) -> None:
    """Raise a ConfigError saying what to do when the configured server does not answer."""
    problem = _answers(url, timeout_s=timeout_s)
    if problem is not None:
        raise ConfigError(
            f"the Prefect server at PREFECT_API_URL={url} does not answer ({problem}). Start "
            "it (`prefect server start`), or unset PREFECT_API_URL to run without a server"
        )


@dataclass(frozen=True)
class ServerRecord:
    """What a running `runlift serve` leaves for the commands that want its server."""

    api_url: str
    ui_url: str
    pid: int


@contextmanager
def record_server(warehouse_dir: Path, api_url: str, ui_url: str) -> Iterator[Path]:
    """While inside, `runlift sync`/`replan`/`backfill` of this data directory report to the
    server at `api_url` (this process's `runlift serve`)."""
    path = prefect_dir(warehouse_dir) / SERVER_RECORD
    record = ServerRecord(api_url, ui_url, os.getpid())
    path.write_text(json.dumps(asdict(record)), encoding="utf-8")
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def served_api(warehouse_dir: Path, *, timeout_s: float = 2.0) -> Api | None:
    """The server of a `runlift serve` running for this data directory, if one answers."""
    path = warehouse_dir / PREFECT_DIR / SERVER_RECORD
    try:
        record = ServerRecord(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    if not _alive(record.pid) or _answers(record.api_url, timeout_s=timeout_s) is not None:
        log.info("%s names a server that is gone; running without one", path)
        return None
    return Api(record.api_url, record.ui_url)


def reporting_api(warehouse_dir: Path) -> Api | None:
    """The Prefect API runs report to (configured, else a running `runlift serve`'s), or None:
    no server, the work runs directly."""
    url = configured_api_url()
    if url:
        check_server(url)
        from prefect.settings import PREFECT_UI_URL

        return Api(url, PREFECT_UI_URL.value() or None)
    return served_api(warehouse_dir)


@contextmanager
def reporting_to(api: Api) -> Iterator[None]:
    """Prefect clients created inside (this process's flow runs) talk to `api`."""
    from prefect.settings import PREFECT_API_URL, PREFECT_UI_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: api.url, PREFECT_UI_URL: api.ui_url or ""}):
        yield


def run(flow: Callable[..., Any], api: Api, /, **parameters: Any) -> State[Any]:
    """Run `flow(**parameters)` now, in this process, reporting to `api`; returns its final
    state (never raises for a failed run)."""
    with reporting_to(api):
        return flow(**parameters, return_state=True)  # type: ignore[no-any-return]
