"""Fixtures: settings on a fresh warehouse, and the fake Garmin Connect account with workouts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import garminconnect.client
import pytest
import responses

from runlift_sync.config import Settings
from runlift_sync.sources.garmin_connect import constants
from tests.conftest import find_shared
from tests.push.fake_workouts import FakeWorkoutAccount


@pytest.fixture(autouse=True)
def _plain_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    """Token refresh through `requests` (not curl_cffi), so `responses` sees it."""
    monkeypatch.setattr(garminconnect.client, "HAS_CFFI", False)


@pytest.fixture(autouse=True)
def _no_spacing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fake account needs no politeness: no 0.2 s between two requests (the pacing
    itself is tested with Garmin sync, tests/garmin/test_bad_nights.py)."""
    monkeypatch.setattr(constants, "NIGHTLY_SPACING_S", 0.0)


@pytest.fixture
def account() -> Iterator[FakeWorkoutAccount]:
    fake = FakeWorkoutAccount(find_shared("garmin-connect"))
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        fake.install(rsps)
        yield fake


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        warehouse=tmp_path / "wh" / "runlift.duckdb",
        athlete="me",
        config_path=tmp_path / "no-config.toml",
        lock_timeout_s=2.0,
        token_dir=tmp_path / "tokens",
    )
