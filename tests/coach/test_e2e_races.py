"""Issue 11, races and tapers, end to end: FIT history → `runlift import` → `runlift plan next
--format json`. Four steady weeks of 4 × 8.06 km (32.3 km a week) before the planned week."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from tests.coach.coach_e2e import (
    WEEK,
    History,
    change,
    day,
    import_history,
    plan_text,
    quality,
    race,
    races,
    runs_of,
    steady_weeks,
    training_km,
    types_by_day,
)

LEVEL_KM = 4 * 2.8 * 2880 / 1000  # 4 runs of 48 min at 2.8 m/s: 32.256 km a week


def tenths(km: float) -> float:
    """A cap in km as planned: whole tenths, never above it."""
    return math.floor(km * 10 + 1e-9) / 10


WEEK_PLAN = [
    {"day": "mon", "kind": "run", "type": "easy", "km": 8, "slot": "am"},
    {"day": "tue", "kind": "run", "type": "intervals", "km": 9, "slot": "am"},
    {"day": "wed", "kind": "run", "type": "easy", "km": 8},
    {"day": "thu", "kind": "run", "type": "tempo", "km": 9, "slot": "am"},
    {"day": "fri", "kind": "lift", "type": "lower", "minutes": 40, "slot": "pm"},
    {"day": "sat", "kind": "run", "type": "long", "km": 14, "slot": "am"},
    {"day": "sun", "kind": "run", "type": "easy", "km": 6},
]


@pytest.fixture(scope="module")
def steady(tmp_path_factory: pytest.TempPathFactory) -> History:
    return import_history(
        tmp_path_factory.mktemp("steady"), steady_weeks(WEEK - dt.timedelta(weeks=4), 4)
    )


def test_an_a_race_is_a_session_and_its_two_week_taper_cuts_volume(
    steady: History, tmp_path: Path
) -> None:
    coach = steady.copy(tmp_path)
    half = races({"date": day(6), "name": "City half", "distance_km": 21.1, "priority": "A"})
    plan = plan_text(WEEK_PLAN, head=half)

    # the week before the race week: first week of the 14-day taper, -30%
    early = coach.plan(plan, WEEK - dt.timedelta(weeks=1))
    taper = change(early, "taper")["evidence"]
    assert (taper["taper_week"], taper["taper_days"], taper["cut_pct"]) == ("early", 14, 0.3)
    assert taper["reference_km"] == 32.3
    assert training_km(early) == tenths(0.7 * LEVEL_KM) == 22.5  # less than last week's 32.3
    assert quality(early) == ["tue", "thu"]  # intensity kept

    week = coach.plan(plan, WEEK)
    # the race is a run of type race on its date, its km the distance, never shortened
    (raced,) = [s for s in runs_of(week) if s["type"] == "race"]
    assert (raced["date"], raced["km"]) == ("2026-03-08", 21.1)
    assert "sun" not in [s["day"] for s in runs_of(week) if s["type"] != "race"]
    taper = change(week, "taper")["evidence"]
    assert (taper["taper_week"], taper["cut_pct"], taper["race"]) == ("race_week", 0.5, "City half")
    # running volume, the race excluded: 50% of the pre-taper level, never above last week
    assert training_km(week) == tenths(0.5 * LEVEL_KM) == 16.1
    assert week["planned_km"] == 37.2  # 16.1 + the race's 21.1
    # intensity kept: one short quality session early (Tue, 5 days out); Thu tempo made easy
    assert quality(week) == ["tue"]
    # no long run in the 2 days before the race
    assert types_by_day(week)["sat"] == "easy"
    # the last heavy legs 5-7 days out (moved from Fri to Tue pm, after the intervals), half sets
    (legs,) = [s for s in week["sessions"] if s["kind"] == "lift"]
    assert (legs["day"], legs["slot"]) == ("tue", "pm")
    assert [e["sets"] for e in legs["exercises"]] == [2]
    # 2 hard days: Tue (intervals + legs) and the race
    assert (week["signals"]["hard_days"], week["signals"]["max_hard_days"]) == (2, 2)
    assert week["signals"]["taper"]["race_date"] == "2026-03-08"
    assert any("planned as of its eve (2026-03-01)" in n for n in week["signals"]["notes"])


def test_a_b_race_gets_a_mini_taper_and_a_c_race_is_trained_through(
    steady: History, tmp_path: Path
) -> None:
    coach = steady.copy(tmp_path)
    sessions = [s for s in WEEK_PLAN if s["kind"] == "run"]
    ten_k = {"date": day(5), "name": "Park 10k", "distance_km": 10.0}

    b_week = coach.plan(plan_text(sessions, head=races(ten_k | {"priority": "B"})))
    taper = change(b_week, "taper")["evidence"]
    assert (taper["taper_week"], taper["taper_days"], taper["cut_pct"]) == ("mini", 4, 0.2)
    assert training_km(b_week) == tenths(0.8 * LEVEL_KM) == 25.8
    assert quality(b_week) == []  # Tue and Thu fall in the 4 days before Saturday's race

    c_week = coach.plan(plan_text(sessions, head=races(ten_k | {"priority": "C"})))
    assert "taper" not in [c["rule"] for c in c_week["changes"]]
    assert training_km(c_week) == tenths(1.1 * LEVEL_KM) == 35.4  # the ramp's 110%, no cut
    # the race is a hard day too: with Tue intervals that makes the week's 2 (80/20 of days)
    assert quality(c_week) == ["tue"]
    assert change(c_week, "eighty-twenty")["evidence"]["hard_days_after"] == 2
    assert [s["km"] for s in runs_of(c_week) if s["type"] == "race"] == [10.0]


@pytest.fixture(scope="module")
def raced(tmp_path_factory: pytest.TempPathFactory) -> History:
    files = steady_weeks(WEEK - dt.timedelta(weeks=4), 4)
    files[f"run-{day(-1)}.fit"] = race(day(-1), 21.1)  # the Sunday before: a half marathon
    return import_history(tmp_path_factory.mktemp("raced"), files)


@pytest.mark.parametrize(
    ("km", "days", "easy_until", "easy_days"),
    [
        (21.1, 7, "2026-03-08", ["tue", "thu", "sat"]),  # half marathon: 7 days
        (10.0, 3, "2026-03-04", ["tue"]),  # 10 km: 3 days; Thursday's tempo stays
        (42.2, 14, "2026-03-15", ["tue", "thu", "sat"]),  # marathon: 14 days
    ],
)
def test_after_a_race_easy_running_only_for_a_time_that_grows_with_the_distance(
    raced: History, tmp_path: Path, km: float, days: int, easy_until: str, easy_days: list[str]
) -> None:
    coach = raced.copy(tmp_path)
    sessions = [s for s in WEEK_PLAN if s["kind"] == "run"]
    plan = plan_text(sessions, head=races({"date": day(-1), "distance_km": km, "priority": "A"}))
    week = coach.plan(plan)
    recovery = change(week, "race-recovery")["evidence"]
    assert (recovery["recovery_days"], recovery["easy_until"]) == (days, easy_until)
    made_easy = [s["day"] for s in runs_of(week) if s["type"] == "easy" and s["day"] in easy_days]
    assert made_easy == easy_days
    assert week["signals"]["race_recovery"] == [
        {"race_date": "2026-03-01", "easy_until": easy_until}
    ]
    if km < 21:
        assert types_by_day(week)["thu"] == "tempo"  # the plan resumes
