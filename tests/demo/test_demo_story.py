"""The demo season tells its story, checked from the decoded files (not from the summary).

The 8-week season is the tail of the 16-week story: week 1 base, weeks 2-4 a too-fast build
with legs the evening before intervals, week 5 recovery, weeks 6-8 overreaching.
"""

from __future__ import annotations

import itertools
import statistics
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest
from demo_support import START, WEEKS, Messages, activities

from runlift_sync.demo import SeasonSummary
from runlift_sync.fit.sdk_profile import FIT_EPOCH

BUILD, RECOVERY, OVERREACH = (1, 2, 3), 4, (5, 6, 7)
BARBELL = {"squat", "deadlift", "bench_press", "row"}
LOWER = {"squat", "deadlift", "lunge", "plyo"}


def local_date(m: Messages) -> date:
    """The activity's local start date, from activity.local_timestamp (Europe/Berlin)."""
    (activity,) = m["activity_mesgs"]
    offset = activity["local_timestamp"] - activity["timestamp"]
    start = m["session_mesgs"][0]["start_time"]
    return (FIT_EPOCH + timedelta(seconds=start + offset)).date()


def week_of(day: date) -> int:
    return (day - START).days // 7


def is_intervals(m: Messages) -> bool:
    return "workout_mesgs" in m and "x" in m["workout_mesgs"][0]["wkt_name"]


@pytest.fixture(scope="module")
def weekly_km(decoded: dict[Path, Messages]) -> list[float]:
    km = [0.0] * WEEKS
    for _, m in activities(decoded, "running"):
        km[week_of(local_date(m))] += m["session_mesgs"][0]["total_distance"] / 1000
    return km


def by_local_day(decoded: dict[Path, Messages], folder: str, mesg: str, field: str) -> dict:
    values = {}
    for path, m in decoded.items():
        if path.parent.name == folder:
            (summary,) = m[mesg]
            values[date.fromisoformat(path.name[:10])] = summary[field]
    return values


def weekly_mean(values: dict[date, float], week: int) -> float:
    return statistics.fmean(v for d, v in values.items() if week_of(d) == week)


def test_weekly_km_ramps_too_fast_in_the_build_and_the_last_weeks(weekly_km: list[float]) -> None:
    for week in (*BUILD[:2], *OVERREACH):
        assert weekly_km[week] > 1.10 * weekly_km[week - 1], (week, weekly_km)
    assert max(b / a for a, b in itertools.pairwise(weekly_km)) > 1.2
    assert weekly_km[RECOVERY] < 0.8 * weekly_km[RECOVERY - 1]


def test_summary_truth_matches_the_files(season: SeasonSummary, weekly_km: list[float]) -> None:
    assert [w.actual_km for w in season.weeks] == pytest.approx(weekly_km, abs=0.06)
    assert [w.phase for w in season.weeks] == ["base"] + ["build"] * 3 + ["recovery"] + [
        "overreach"
    ] * 3


def test_easy_runs_are_slower_and_at_lower_hr_than_interval_work(
    decoded: dict[Path, Messages],
) -> None:
    runs = [m for _, m in activities(decoded, "running")]
    steady = [m["session_mesgs"][0] for m in runs if "workout_mesgs" not in m]
    work = [
        lap
        for m in runs
        if is_intervals(m)
        for lap in m["lap_mesgs"]
        if lap["intensity"] == "active"
    ]
    assert len(steady) > 20 and len(work) > 20
    assert max(s["enhanced_avg_speed"] for s in steady) < min(w["enhanced_avg_speed"] for w in work)
    easy_hr = statistics.fmean(s["avg_heart_rate"] for s in steady)
    work_hr = statistics.fmean(w["avg_heart_rate"] for w in work)
    assert work_hr > easy_hr + 15, (easy_hr, work_hr)


def test_lifting_sets_have_plausible_reps_weights_and_rests(decoded: dict[Path, Messages]) -> None:
    top_squat: list[float] = []
    for _, m in activities(decoded, "training"):
        sets = m["set_mesgs"]
        top: dict[str, float] = defaultdict(float)
        for s in sets:
            if s["set_type"] == "active":
                category = s["category"][0]
                if "repetitions" in s:
                    assert 1 <= s["repetitions"] <= 12, s
                else:
                    assert category == "plank" and 30 <= s["duration"] <= 90, s
                if category in BARBELL:
                    assert s["weight"] >= 20.0, s
                top[category] = max(top[category], s["weight"])
        for s, rest in itertools.pairwise(sets):
            category = s.get("category", [None])[0]
            if category in BARBELL and s["weight"] == top[category]:
                assert rest["set_type"] == "rest" and rest["duration"] >= 120, (s, rest)
        if "squat" in top:
            top_squat.append(top["squat"])
    assert len(top_squat) == WEEKS
    assert top_squat[-1] >= top_squat[0] and max(top_squat) > top_squat[0], top_squat
    assert top_squat[RECOVERY] < top_squat[RECOVERY - 1], "deload in the recovery week"


def test_resting_hr_rises_and_hrv_falls_when_overreaching(decoded: dict[Path, Messages]) -> None:
    rhr = by_local_day(
        decoded, "Monitor", "monitoring_hr_data_mesgs", "current_day_resting_heart_rate"
    )
    hrv = by_local_day(decoded, "HRVStatus", "hrv_status_summary_mesgs", "last_night_average")
    assert len(rhr) == len(hrv) == WEEKS * 7
    for week in (BUILD[-1], OVERREACH[-1]):
        assert weekly_mean(rhr, week) >= weekly_mean(rhr, 0) + 5, week
        assert weekly_mean(hrv, week) <= 0.8 * weekly_mean(hrv, 0), week
    assert weekly_mean(rhr, OVERREACH[0]) < weekly_mean(rhr, BUILD[-1]), "recovered a little"


def test_sleep_shortens_at_the_end(decoded: dict[Path, Messages]) -> None:
    hours = {}
    for path, m in decoded.items():
        if path.parent.name == "Sleep":
            start, stop = (e["timestamp"] for e in m["event_mesgs"])
            hours[date.fromisoformat(path.name[:10])] = (stop - start) / 3600
            levels = [x["sleep_level"] for x in m["sleep_level_mesgs"]]
            assert {"light", "deep", "rem"} <= set(levels) and levels[-1] == "awake"
    assert weekly_mean(hours, OVERREACH[-1]) < 7.0 < weekly_mean(hours, 0)


def test_a_lower_body_lift_sits_the_evening_before_intervals(
    decoded: dict[Path, Messages],
) -> None:
    lower_days = {
        local_date(m)
        for _, m in activities(decoded, "training")
        if {s["category"][0] for s in m["set_mesgs"] if s["set_type"] == "active"} & LOWER
    }
    interval_days = {local_date(m) for _, m in activities(decoded, "running") if is_intervals(m)}
    before = sorted(d for d in lower_days if d + timedelta(days=1) in interval_days)
    assert {week_of(d) for d in before} == {*BUILD, *OVERREACH}
    assert (
        week_of(min(lower_days)) == 0 and min(lower_days) + timedelta(days=1) not in interval_days
    )
