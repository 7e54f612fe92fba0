"""Fixtures: one Prefect test server for the session, a short demo season, a config file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import pipelines  # noqa: F401  (runlift's Prefect defaults before Prefect is imported)
from runlift_sync.demo import SeasonSummary, generate_season

#: Three weeks of the demo athlete: runs, lifts, monitoring, sleep and HRV files.
SEASON_START = dt.date(2026, 10, 26)
SEASON_WEEKS = 3


@pytest.fixture(scope="session")
def season(tmp_path_factory: pytest.TempPathFactory) -> SeasonSummary:
    """The demo watch: 3 weeks, written once for the session."""
    mount = tmp_path_factory.mktemp("watch")
    return generate_season(mount, seed=7, weeks=SEASON_WEEKS, start=SEASON_START, workers=1)


@pytest.fixture
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty config file the tests fill in; imports decode in-process (fewer processes)."""
    path = tmp_path / "config.toml"
    path.write_text('athlete = "demo"\n', encoding="utf-8")
    monkeypatch.setenv("RUNLIFT_WORKERS", "1")
    monkeypatch.setenv("RUNLIFT_LOCK_TIMEOUT", "5")
    return path
