"""Shared fixtures: where the real FIT data is, and a fresh warehouse per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

import pipelines  # noqa: F401  (runlift's Prefect defaults before Prefect is imported)
from runlift_sync.config import Settings
from runlift_sync.db import open_writer
from tests.support.browser import browser  # noqa: F401  (Chromium, for the review pages)

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
def prefect_server() -> Iterator[str]:
    """One temporary Prefect server (and database) for every flow run of the session; modules
    that run flows use it with `pytestmark = pytest.mark.usefixtures("prefect_server")`."""
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        url = PREFECT_API_URL.value()
        # subprocesses (process pools, Dask workers) find the server in the environment too
        os.environ["PREFECT_API_URL"] = url
        try:
            yield url
        finally:
            os.environ.pop("PREFECT_API_URL", None)


#: Figures tests want shown at the end of the run (e.g. the corpus import counts).
REPORT: list[str] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if REPORT:
        terminalreporter.section("runlift figures")
        for line in REPORT:
            terminalreporter.write_line(line)
