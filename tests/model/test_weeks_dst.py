"""Days and ISO weeks are cut in the athlete's time zone, across daylight-saving changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from tests.model.model_support import LANDMARKS, build
from tests.support.fit_builder import Segment, run_file

UTC = dt.UTC
# Berlin: CET (+1) until 2024-03-31 01:00 UTC, CEST (+2) until 2024-10-27 01:00 UTC, then CET.
# Each pair straddles the Sunday→Monday midnight of a week in which the clocks changed:
CASES = [
    # (UTC start, offset the watch wrote, expected local date, expected week start)
    (
        dt.datetime(2024, 3, 31, 21, 30, tzinfo=UTC),
        7200,
        dt.date(2024, 3, 31),
        dt.date(2024, 3, 25),
    ),
    (dt.datetime(2024, 3, 31, 22, 30, tzinfo=UTC), 7200, dt.date(2024, 4, 1), dt.date(2024, 4, 1)),
    (
        dt.datetime(2024, 10, 27, 22, 30, tzinfo=UTC),
        3600,
        dt.date(2024, 10, 27),
        dt.date(2024, 10, 21),
    ),
    (
        dt.datetime(2024, 10, 27, 23, 30, tzinfo=UTC),
        3600,
        dt.date(2024, 10, 28),
        dt.date(2024, 10, 28),
    ),
]
# a run early in the season so the calendar starts before the first change
FIRST = dt.datetime(2024, 3, 20, 17, 0, tzinfo=UTC)


def _files(with_offset: bool) -> dict[str, bytes]:
    files = {
        "first.fit": run_file(
            FIRST, [Segment(1800, 2.8, 145)], utc_offset_s=3600 if with_offset else None
        )
    }
    for i, (start, offset, _, _) in enumerate(CASES):
        files[f"run{i}.fit"] = run_file(
            start, [Segment(1200 + 60 * i, 2.8, 145)], utc_offset_s=offset if with_offset else None
        )
    return files


@pytest.mark.parametrize("with_offset", [True, False], ids=["watch_offset", "config_timezone"])
def test_runs_fall_in_the_local_day_and_week(tmp_path: Path, with_offset: bool) -> None:
    built = build(tmp_path, _files(with_offset), today=dt.date(2024, 11, 3))
    assert built.report.failed_checks == {}
    runs = built.marts["runs"].sort("start_time_utc")
    source = "file" if with_offset else "timezone"
    assert set(runs["local_time_source"]) == {source}
    for (start, _, local_date, week_start), row in zip(
        CASES, runs.slice(1).iter_rows(named=True), strict=True
    ):
        assert row["start_time_utc"] == start.replace(tzinfo=None)
        assert (row["local_date"], row["week_start"]) == (local_date, week_start), start
    weekly = built.marts["weekly_summary"]
    # each run is alone in its week: the week's km is that run's (2.8 m/s × its seconds)
    for i, (_, _, _, week_start) in enumerate(CASES):
        week = weekly.filter(pl.col("week_start") == week_start).row(0, named=True)
        assert week["run_km"] == pytest.approx(2.8 * (1200 + 60 * i) / 1000)
        assert week["n_runs"] == 1
    daily = built.marts["daily_load"]
    for _, _, local_date, _ in CASES:
        assert daily.filter(pl.col("date") == local_date)["n_runs"].to_list() == [1]


def test_without_any_local_time_the_nearest_files_offset_is_used(tmp_path: Path) -> None:
    # no time zone configured: the run without an offset borrows the nearest file's (+2 h)
    files = {
        "with.fit": run_file(
            dt.datetime(2024, 6, 3, 6, 0, tzinfo=UTC), [Segment(1800, 2.8, 145)], utc_offset_s=7200
        ),
        "without.fit": run_file(
            dt.datetime(2024, 6, 9, 22, 30, tzinfo=UTC),
            [Segment(1800, 2.8, 145)],
            utc_offset_s=None,
        ),
    }
    config = LANDMARKS.model_copy(update={"timezone": None})
    built = build(tmp_path, files, athlete_config=config, today=dt.date(2024, 6, 16))
    late = built.marts["runs"].sort("start_time_utc").row(-1, named=True)
    assert late["local_time_source"] == "nearest_file"
    assert (late["local_date"], late["week_start"]) == (dt.date(2024, 6, 10), dt.date(2024, 6, 10))
