"""Shared fixtures: where the real FIT data is, a fresh warehouse per test, a Prefect server.

Tests are hermetic and safe under pytest-xdist: each test process gets its own PREFECT_HOME
and user data/config directories (temporary: neither ~/.prefect, the user's Prefect profiles
nor their runlift warehouse are read or written; RUNLIFT_* from the shell are ignored), no
test sees a PREFECT_API_URL unless it asks for the `prefect_server` fixture. `--dist
loadscope` (pyproject) keeps each module on one worker, so module-scoped fixtures (a demo
warehouse, a corpus import) are built once, and the modules that use the Prefect test server
share one worker, which starts the one server.
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
from hypothesis import settings as hypothesis_settings

import pipelines  # noqa: F401  (runlift's Prefect defaults before Prefect is imported)
from runlift_sync.config import Settings
from runlift_sync.db import open_writer
from tests.support.browser import browser  # noqa: F401  (Chromium, for the review pages)

# This test process's own homes, set before anything reads them (nothing above imports
# Prefect): Prefect's, and the user directories where runlift's defaults live (a command run
# without --warehouse never touches the developer's own warehouse, config or tokens).
_HOME = tempfile.mkdtemp(prefix="runlift-test-home-")
atexit.register(shutil.rmtree, _HOME, ignore_errors=True)
os.environ["PREFECT_HOME"] = os.path.join(_HOME, "prefect")
os.environ["XDG_DATA_HOME"] = os.path.join(_HOME, "data")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_HOME, "config")
#: RUNLIFT_* variables the tests themselves read (where the shared data is, how hard to try);
#: every other RUNLIFT_* is one of runlift's settings and would leak the shell's into tests.
TEST_KNOBS = frozenset(
    {
        "RUNLIFT_SHARED",
        "RUNLIFT_PROPERTY_EXAMPLES",
        "RUNLIFT_TEST_ARTIFACTS",
        "RUNLIFT_CHROMIUM",
        "RUNLIFT_REQUIRE_BROWSER",
    }
)
for _name in list(os.environ):
    if _name in ("PREFECT_API_URL", "PREFECT_PROFILE", "PREFECT_PROFILES_PATH") or (
        _name.startswith("RUNLIFT_") and _name not in TEST_KNOBS
    ):
        del os.environ[_name]
# runlift's flows use no Prefect blocks: the test server need not register them at startup
os.environ["PREFECT_SERVER_REGISTER_BLOCKS_ON_START"] = "false"

# Property tests are judged by their invariants, not their speed: on a loaded 2-core CI box
# one example can take longer than hypothesis' 200 ms default deadline (flaky, not wrong).
hypothesis_settings.register_profile("runlift", deadline=None)
# CI draws the same examples on every run, so that a red CI is a bug anyone can reproduce and
# not a bad draw; new examples are searched for locally (random by default; a long soak:
# RUNLIFT_PROPERTY_EXAMPLES=5000 uv run pytest tests/rules/test_properties.py).
hypothesis_settings.register_profile("ci", deadline=None, derandomize=True)
hypothesis_settings.load_profile(os.environ.get("RUNLIFT_HYPOTHESIS_PROFILE", "runlift"))

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


#: A test module holding this line has no module-scoped state: under xdist each of its tests
#: is its own scope (the corpus differential's shards run on both workers, not one).
EACH_TEST_ALONE = "XDIST_EACH_TEST_ALONE = True"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The modules with slow tests first (the order is the same in every xdist worker; a
    module stays together, so its module-scoped fixtures are built once): the minutes-long
    corpus tests start at once on both workers and the many short ones fill in the end."""
    slow_modules = {item.path for item in items if item.get_closest_marker("slow") is not None}
    items.sort(key=lambda item: item.path not in slow_modules)


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """`--dist loadscope` in collection order (slow tests first), with every module that asks
    for `prefect_server` in one scope (one worker, one Prefect test server; a module stays
    whole either way) and the tests of an `XDIST_EACH_TEST_ALONE` module each alone."""
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    config.option.loadscopereorder = False  # keep the slow-first order, not largest-scope-first
    texts = {
        path.relative_to(config.rootpath).as_posix(): path.read_text(encoding="utf-8")
        for path in Path(__file__).parent.rglob("test_*.py")
    }
    prefect_modules = {module for module, text in texts.items() if "prefect_server" in text}
    alone_modules = {module for module, text in texts.items() if EACH_TEST_ALONE in text}

    class PrefectScopeScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            if module in prefect_modules:
                return "prefect-server"
            if module in alone_modules:
                return nodeid
            return super()._split_scope(nodeid)

    return PrefectScopeScheduling(config, log)


@pytest.fixture(autouse=True)
def _no_prefect_server_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the `prefect_server` fixture, no Prefect API is configured: the CLI's flows
    run directly (`pipelines/direct.py`), as on a machine without a server."""
    monkeypatch.delenv("PREFECT_API_URL", raising=False)


#: Figures tests want shown at the end of the run (e.g. the corpus import counts): appended
#: in whichever process runs the test, they travel with its report to the one that prints.
REPORT: list[str] = []
_FIGURE = "runlift figure"
_FIGURES_SHOWN: list[str] = []


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item) -> Iterator[pytest.TestReport]:
    report = yield
    while REPORT:
        report.user_properties.append((_FIGURE, REPORT.pop(0)))
    return report


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    _FIGURES_SHOWN.extend(str(value) for name, value in report.user_properties if name == _FIGURE)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _FIGURES_SHOWN:
        terminalreporter.section("runlift figures")
        for line in _FIGURES_SHOWN:
            terminalreporter.write_line(line)
