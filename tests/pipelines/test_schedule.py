"""The nightly deployment `runlift serve` serves: cron and time zone from the config."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.schedule import nightly_deployment, schedule_timezone
from runlift_sync.config import resolve_settings
from runlift_sync.errors import ConfigError


def settings_from(tmp_path: Path, text: str):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return resolve_settings(config=path, warehouse=tmp_path / "wh.duckdb")


def test_default_schedule_is_0330_in_the_athletes_time_zone(tmp_path: Path) -> None:
    settings = settings_from(
        tmp_path, 'athlete = "ana"\n[athletes.ana]\ntimezone = "America/Denver"\n'
    )
    deployment = nightly_deployment(settings, parameters={"warehouse": "/data/wh.duckdb"})
    (schedule,) = deployment.schedules
    assert schedule.schedule.cron == "30 3 * * *"
    assert schedule.schedule.timezone == "America/Denver"
    assert deployment.name == "nightly"
    assert deployment.entrypoint == "pipelines.nightly.nightly"  # importable from any cwd
    assert deployment.parameters == {"warehouse": "/data/wh.duckdb"}


def test_configured_cron_and_zone_win_and_flags_win_over_them(tmp_path: Path) -> None:
    settings = settings_from(
        tmp_path,
        'athlete = "ana"\n[athletes.ana]\ntimezone = "America/Denver"\n'
        '[schedule]\ncron = "15 4 * * 1-6"\ntimezone = "Europe/Oslo"\n',
    )
    (schedule,) = nightly_deployment(settings).schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == ("15 4 * * 1-6", "Europe/Oslo")
    (schedule,) = nightly_deployment(settings, cron="0 2 * * *", timezone="Asia/Tokyo").schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == ("0 2 * * *", "Asia/Tokyo")


def test_without_any_zone_the_machines_then_utc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = settings_from(tmp_path, "")
    monkeypatch.setattr("pipelines.schedule.system_timezone", lambda: "Europe/Lisbon")
    assert schedule_timezone(settings) == "Europe/Lisbon"
    monkeypatch.setattr("pipelines.schedule.system_timezone", lambda: None)
    assert schedule_timezone(settings) == "UTC"


def test_a_wrong_cron_or_zone_says_what_to_write(tmp_path: Path) -> None:
    settings = settings_from(tmp_path, '[schedule]\ncron = "30 25 * * *"\n')
    with pytest.raises(ConfigError, match=r'cron = "30 25 \* \* \*" is not a cron expression'):
        nightly_deployment(settings)
    with pytest.raises(ConfigError, match="unknown time zone 'Mars/Olympus'"):
        nightly_deployment(settings_from(tmp_path, ""), timezone="Mars/Olympus")
