"""A local `prefect server start` (API, UI and scheduler) run as a child process.

`runlift serve` starts one when no PREFECT_API_URL is configured (serving a schedule needs the
server's scheduler); the benchmark starts one on a free port to time flows against a started
server. Its output goes to a log file, not the console. Given a `home`, the server keeps its
database there (runlift's data directory) instead of ~/.prefect, unless PREFECT_HOME is set.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from runlift_sync.errors import ConfigError

STARTUP_TIMEOUT_S = 180.0
DEFAULT_PORT = 4200


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


@dataclass(frozen=True)
class LocalServer:
    """A running `prefect server start`: where its API and UI are, and its log file."""

    port: int
    log_path: Path
    process: subprocess.Popen[bytes]

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    @property
    def ui_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def _healthy(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health", timeout=2.0).status_code == 200
    except httpx.HTTPError:
        return False


@contextmanager
def local_server(
    *,
    port: int = DEFAULT_PORT,
    log_path: Path,
    home: Path | None = None,
    timeout_s: float = STARTUP_TIMEOUT_S,
) -> Iterator[LocalServer]:
    """Start `prefect server start` on 127.0.0.1:`port`, wait until it answers, stop it at the
    end (SIGTERM, then SIGKILL after 15 s)."""
    if port_in_use(port):
        raise ConfigError(
            f"port {port} is in use: if a Prefect server runs there, set "
            f"PREFECT_API_URL=http://127.0.0.1:{port}/api; otherwise choose another --port"
        )
    log_path.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    if home is not None and "PREFECT_HOME" not in env:
        # the database and Prefect's files go to `home`; the user's profiles still apply
        default_home = Path("~/.prefect").expanduser()
        env.setdefault("PREFECT_PROFILES_PATH", str(default_home / "profiles.toml"))
        env["PREFECT_HOME"] = str(home)
    with log_path.open("ab") as log_file:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "prefect",
                "server",
                "start",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
        )
    server = LocalServer(port, log_path, process)
    try:
        deadline = time.monotonic() + timeout_s
        while not _healthy(server.api_url):
            if process.poll() is not None:
                raise ConfigError(
                    f"`prefect server start` exited with code {process.returncode}; see {log_path}"
                )
            if time.monotonic() > deadline:
                raise ConfigError(
                    f"the Prefect server did not answer within {timeout_s:.0f} s; see {log_path}"
                )
            time.sleep(0.5)
        yield server
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
