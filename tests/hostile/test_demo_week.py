"""Point 13: the demo's "next week" is the week after today, or says it follows a past season."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from runlift_sync.cli.demo_cmd import next_week_line
from runlift_sync.demo import SeasonSummary, default_start

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize("offset", range(7))
def test_next_week_is_never_under_way(offset: int) -> None:
    today = date(2026, 11, 23) + timedelta(days=offset)  # Monday … Sunday
    start = default_start(16, BERLIN, today=today)
    next_week = start + timedelta(weeks=16)
    assert next_week.weekday() == 0
    assert today < next_week <= today + timedelta(days=7)


def _season(end: date) -> SeasonSummary:
    """Only the dates of a season matter here."""
    return SimpleNamespace(end=end, next_week_start=end + timedelta(days=1))  # type: ignore[return-value]


def test_the_line_says_which_week() -> None:
    season = _season(date(2026, 11, 29))
    line = next_week_line(season, date(2026, 11, 26))
    assert line == "next week: Mon 30 Nov – Sun 06 Dec 2026, the week after today"
    line = next_week_line(_season(date(2025, 3, 30)), date(2026, 11, 26))
    assert "after the simulated season (it ends Sun 30 Mar 2025)" in line


def test_not_measured_is_said_in_words() -> None:
    from runlift_sync.coach.plan_render import describe_missing

    words = describe_missing(["previous_week", "fatigue:hrv"])
    assert "previous_week" not in words and "fatigue:" not in words
    assert words.startswith("last week's plan")
