"""The nightly push step: only when `[coach] push` asks; an unplugged watch is no failure."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import icalendar
import pytest

from pipelines.steps import push_line, push_planned_week
from runlift_sync.config import CoachConfig, ConfigFile, Settings, SourcesConfig
from tests.push.push_support import store_week


def with_push(
    settings: Settings, targets: list[str], ics: Path, watch: str | None = None
) -> Settings:
    config = ConfigFile(
        coach=CoachConfig(push=targets, ics=str(ics)),  # type: ignore[arg-type]
        sources=SourcesConfig(watch=watch),
    )
    return dataclasses.replace(settings, config=config)


def test_no_push_unless_the_config_asks(settings: Settings) -> None:
    store_week(settings)
    assert push_planned_week(settings) is None
    assert push_line(None) == "nothing to push ([coach] push in the config file)"


def test_the_calendar_is_written_and_an_unplugged_watch_is_skipped(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("runlift_sync.sources.usb_watch.find_mounts", lambda roots=(): [])
    store_week(settings)
    ics = tmp_path / "week.ics"
    outcome = push_planned_week(with_push(settings, ["watch", "ics"], ics))
    assert outcome is not None and outcome.exit_code == 0
    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    assert len(list(calendar.walk("VEVENT"))) == 5
    line = push_line(outcome)
    assert line.startswith("week of 2025-07-07: ics: 5 new, 1 skipped")
    assert "watch: not plugged in tonight" in line


def test_a_week_not_accepted_yet_is_not_pushed_and_that_is_no_failure(
    settings: Settings, tmp_path: Path
) -> None:
    store_week(settings, accepted=False)
    ics = tmp_path / "week.ics"
    outcome = push_planned_week(with_push(settings, ["ics"], ics))
    assert outcome is not None and outcome.exit_code == 0 and not ics.exists()
    assert push_line(outcome) == (
        "week of 2025-07-07: not accepted yet, nothing pushed "
        "(`runlift plan accept --week-start 2025-07-07`)"
    )
