"""What a pull asks for (pure): the dates from the watermarks, and the list windows."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given
from hypothesis import strategies as st

from runlift_sync.sources.garmin_connect.constants import (
    ACTIVITY_OVERLAP,
    FIRST_SYNC_DAYS,
    WELLNESS_OVERLAP_DAYS,
)
from runlift_sync.sources.garmin_connect.pull import date_windows, plan_pull

TODAY = dt.date(2025, 6, 30)


def test_first_pull_goes_back_four_weeks() -> None:
    plan = plan_pull(today=TODAY, since=None, newest_activity_local=None, newest_wellness=None)
    assert plan.activities_from == plan.wellness_from == dt.date(2025, 6, 2)
    assert plan.through == TODAY
    assert FIRST_SYNC_DAYS == 28


def test_nightly_pull_starts_from_the_data_minus_the_overlap() -> None:
    plan = plan_pull(
        today=TODAY,
        since=None,
        newest_activity_local=dt.datetime(2025, 6, 29, 7, 30),
        newest_wellness=dt.date(2025, 6, 29),
    )
    assert plan.activities_from == dt.date(2025, 6, 22)  # 07:30 on the 29th minus 7 days
    assert plan.wellness_from == dt.date(2025, 6, 25)  # minus 4 days


def test_since_wins_over_the_watermarks() -> None:
    plan = plan_pull(
        today=TODAY,
        since=dt.date(2024, 1, 1),
        newest_activity_local=dt.datetime(2025, 6, 29, 7, 30),
        newest_wellness=dt.date(2025, 6, 29),
    )
    assert (plan.activities_from, plan.wellness_from) == (dt.date(2024, 1, 1),) * 2


days = st.dates(min_value=dt.date(2010, 1, 1), max_value=dt.date(2030, 12, 31))


@given(
    today=days,
    newest=st.none()
    | st.datetimes(min_value=dt.datetime(2010, 1, 1), max_value=dt.datetime(2030, 12, 31)),
    newest_wellness=st.none() | days,
    since=st.none() | days,
)
def test_the_plan_never_skips_past_what_is_stored(
    today: dt.date,
    newest: dt.datetime | None,
    newest_wellness: dt.date | None,
    since: dt.date | None,
) -> None:
    """Whatever is stored, the pull covers from at or before the newest data, through today."""
    plan = plan_pull(
        today=today, since=since, newest_activity_local=newest, newest_wellness=newest_wellness
    )
    assert plan.through == today
    assert plan.activities_from <= today and plan.wellness_from <= today
    if since is None and newest is not None:
        assert plan.activities_from <= min((newest - ACTIVITY_OVERLAP).date(), today)
    if since is None and newest_wellness is not None:
        assert plan.wellness_from <= newest_wellness - dt.timedelta(days=WELLNESS_OVERLAP_DAYS)
    if since is not None:
        assert plan.activities_from == plan.wellness_from == min(since, today)


@given(
    start=days,
    length=st.integers(min_value=0, max_value=2000),
    size=st.integers(min_value=1, max_value=120),
)
def test_windows_tile_the_dates_exactly(start: dt.date, length: int, size: int) -> None:
    end = start + dt.timedelta(days=length)
    windows = date_windows(start, end, size)
    assert windows[0][0] == start and windows[-1][1] == end
    for (_, b), (c, _) in itertools.pairwise(windows):
        assert c == b + dt.timedelta(days=1)  # no gap, no overlap
    assert all(a <= b and (b - a).days < size for a, b in windows)


def test_no_windows_for_an_empty_range() -> None:
    assert date_windows(TODAY, TODAY - dt.timedelta(days=1), 90) == []
