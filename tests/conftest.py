"""Shared fixtures: where the real FIT data is, a fresh warehouse per test, a Prefect server.

Tests are hermetic towards Prefect and safe under pytest-xdist: each test process gets its
own PREFECT_HOME (a temporary directory, so neither ~/.prefect nor the user's profiles are
read or written), no test sees a PREFECT_API_URL unless it asks for the `prefect_server`
fixture, and the tests that do are grouped on one xdist worker (`--dist loadgroup`), which
starts the one test server.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

import pipelines  # noqa: F401  (runlift's Prefect defaults before Prefect is imported)
from runlift_sync.config import Settings
from runlift_sync.db import open_writer

# Nothing above imports Prefect: set this process's own Prefect home before anything does.
_PREFECT_HOME = tempfile.mkdtemp(prefix="runlift-test-prefect-")
atexit.register(shutil.rmtree, _PREFECT_HOME, ignore_errors=True)
os.environ["PREFECT_HOME"] = _PREFECT_HOME
for _name in ("PREFECT_API_URL", "PREFECT_PROFILE", "PREFECT_PROFILES_PATH"):
    os.environ.pop(_name, None)
# runlift's flows use no Prefect blocks: the test server need not register them at startup
os.environ["PREFECT_SERVER_REGISTER_BLOCKS_ON_START"] = "false"

#: xdist group of the tests that run flows on the Prefect test server (one worker runs them).
PREFECT_GROUP = "prefect-server"

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def find_shared(name: str) -> Path:
    """../shared/<name> beside the checkout (or RUNLIFT_SHARED, or /work/shared)."""
    candidates = [
        Path(os.environ["RUNLIFT_SHARED"]) / name if os.environ.get("RUNLIFT_SHARED") else None,
        ROOT.parent / "shared" / name,
        Path("/work/shared") / name,
    ]
    for candidate in candidates:
        if candidate is not None and candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"shared test data '{name}' not found; set RUNLIFT_SHARED to the folder holding it"
    )


@pytest.fixture(scope="session")
def corpus() -> Path:
    return find_shared("fit-corpus")


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        warehouse=tmp_path / "wh" / "runlift.duckdb",
        athlete="me",
        config_path=tmp_path / "no-config.toml",
        lock_timeout_s=2.0,
    )


@pytest.fixture
def writer(settings: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    with open_writer(settings.warehouse, timeout_s=settings.lock_timeout_s) as con:
        yield con


@pytest.fixture(scope="session")
def _prefect_test_server() -> Iterator[str]:
    """One temporary Prefect server (and database) for every flow run of this test process."""
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield PREFECT_API_URL.value()


@pytest.fixture
def prefect_server(_prefect_test_server: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Flows run in the test report to the session's Prefect test server; modules that run
    flows use it with `pytestmark = pytest.mark.usefixtures("prefect_server")`."""
    # subprocesses (process pools, Dask workers) and runlift's runtime find it there too
    monkeypatch.setenv("PREFECT_API_URL", _prefect_test_server)
    return _prefect_test_server


@pytest.fixture(autouse=True)
def _no_prefect_server_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the `prefect_server` fixture, no Prefect API is configured: the CLI's flows
    run directly (`pipelines/direct.py`), as on a machine without a server."""
    monkeypatch.delenv("PREFECT_API_URL", raising=False)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests on the Prefect test server share one xdist worker (and its one server)."""
    for item in items:
        if "prefect_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group(PREFECT_GROUP))


#: Figures tests want shown at the end of the run (e.g. the corpus import counts).
REPORT: list[str] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if REPORT:
        terminalreporter.section("runlift figures")
        for line in REPORT:
            terminalreporter.write_line(line)
