"""Fixtures: a fake Garmin Connect account behind `responses`, a token store, settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import garminconnect
import garminconnect.api.base
import garminconnect.client
import pytest
import responses

from runlift_sync.config import Settings
from tests.conftest import find_shared
from tests.garmin.fake_connect import FakeConnect


@pytest.fixture(autouse=True)
def _plain_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    """Token refresh and login through `requests` (not curl_cffi), so `responses` sees them."""
    monkeypatch.setattr(garminconnect.client, "HAS_CFFI", False)


@pytest.fixture
def no_library_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """garminconnect pauses 1 s between its profile retries; record instead of waiting."""
    slept: list[float] = []
    monkeypatch.setattr(garminconnect.api.base.time, "sleep", slept.append)
    return slept


@pytest.fixture(scope="session")
def shared() -> Path:
    return find_shared("garmin-connect")


@pytest.fixture
def fake(shared: Path) -> Iterator[FakeConnect]:
    account = FakeConnect(shared)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        account.install(rsps)
        yield account


@pytest.fixture
def gsettings(tmp_path: Path, fake: FakeConnect) -> Settings:
    token_dir = tmp_path / "tokens"
    fake.write_token_store(token_dir)
    return Settings(
        warehouse=tmp_path / "wh" / "runlift.duckdb",
        athlete="me",
        config_path=tmp_path / "no-config.toml",
        lock_timeout_s=2.0,
        token_dir=token_dir,
    )
