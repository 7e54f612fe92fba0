"""Parsing Garmin Connect bodies (pure): the real response shapes, no data, malformed items."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runlift_sync.sources.garmin_connect.parse import (
    MalformedItem,
    activity_id_of,
    parse_activity,
    parse_exercise_sets,
    parse_hrv,
    parse_sleep,
    parse_training_readiness,
    parse_user_summary,
)


def body(shared: Path, name: str) -> Any:
    return json.loads((shared / name).read_text(encoding="utf-8"))


# --- activities ---------------------------------------------------------------------------------


def test_activity_list_item_real_shape(shared: Path) -> None:
    row = parse_activity(body(shared, "activities_search.json")[0])
    assert row.activity_id == 21482825013
    assert row.type_key == "trail_running"
    assert row.start_time_utc == dt.datetime(2026, 1, 8, 14, 10, 21)
    assert row.start_time_local == dt.datetime(2026, 1, 8, 8, 10, 21)
    assert row.local_date == dt.date(2026, 1, 8)
    assert row.distance_m == pytest.approx(4261.18994140625)
    assert row.aerobic_training_effect == pytest.approx(2.7, abs=1e-6)
    assert row.training_effect_label == "AEROBIC_BASE"
    assert row.training_load == pytest.approx(50.886444091796875)
    assert row.avg_hr == 142.0
    assert not row.is_manual
    assert not row.wants_exercise_sets  # a trail run has no set list


def test_every_item_of_the_real_list_parses(shared: Path) -> None:
    rows = [parse_activity(item) for item in body(shared, "activities_search.json")]
    assert [r.type_key for r in rows] == ["trail_running", "hiking", "stand_up_paddleboarding_v2"]


def test_strength_activity_wants_its_sets(shared: Path) -> None:
    item = copy.deepcopy(body(shared, "activities_search.json")[0])
    item["activityType"]["typeKey"] = "strength_training"
    assert parse_activity(item).wants_exercise_sets
    other = copy.deepcopy(body(shared, "activities_search.json")[1])
    other["totalSets"] = 5  # any activity whose summary counts sets
    assert parse_activity(other).wants_exercise_sets


def test_activity_summary_fields_are_read_leniently(shared: Path) -> None:
    item = copy.deepcopy(body(shared, "activities_search.json")[0])
    item["activityTrainingLoad"] = "high"  # odd, but the original file matters more
    item["averageHR"] = True
    row = parse_activity(item)
    assert row.training_load is None
    assert row.avg_hr is None


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"activityId": None}, "no usable activity id"),
        ({"activityId": "abc"}, "no usable activity id"),
        ({"activityId": True}, "no usable activity id"),
        ({"startTimeGMT": None}, "no startTimeGMT"),
        ({"startTimeGMT": "yesterday"}, "expected a timestamp"),
    ],
)
def test_activity_without_id_or_start_is_malformed(
    shared: Path, change: dict[str, Any], why: str
) -> None:
    item = {**body(shared, "activities_search.json")[0], **change}
    with pytest.raises(MalformedItem, match=why):
        parse_activity(item)


def test_activity_id_of() -> None:
    assert activity_id_of({"activityId": 12}) == 12
    assert activity_id_of({"activityId": "12"}) == 12
    assert activity_id_of({"activityId": 0}) is None
    assert activity_id_of([1]) is None


# --- exercise sets ------------------------------------------------------------------------------

#: From a real response (activity 13975059216, recorded by a public project): a deadlift set
#: entered in pounds, a set named only by category, and a gap in messageIndex where the athlete
#: deleted a set in the app.
REAL_SETS = {
    "activityId": 13975059216,
    "exerciseSets": [
        {
            "exercises": [
                {"category": "DEADLIFT", "name": "BARBELL_DEADLIFT", "probability": 100.0}
            ],
            "duration": 310.434,
            "repetitionCount": 9,
            "weight": 61234.0,
            "setType": "ACTIVE",
            "startTime": "2024-02-15T13:43:23.0",
            "wktStepIndex": 2,
            "messageIndex": 2,
        },
        {
            "exercises": [],
            "duration": 90.0,
            "repetitionCount": None,
            "weight": None,
            "setType": "REST",
            "startTime": "2024-02-15T13:48:33.0",
            "wktStepIndex": 3,
            "messageIndex": 3,
        },
        {
            "exercises": [{"category": "PULL_UP", "name": None, "probability": 100.0}],
            "duration": 115.384,
            "repetitionCount": 6,
            "weight": None,
            "setType": "ACTIVE",
            "startTime": "2024-02-15T14:18:41.0",
            "wktStepIndex": 7,
            "messageIndex": 10,
        },
        {
            "exercises": [
                {"category": "ROW", "name": "BENT_OVER_ROW_WITH_BARBELL", "probability": 100.0}
            ],
            "duration": 138.44,
            "repetitionCount": 2,
            "weight": 83937.0,
            "setType": "ACTIVE",
            "startTime": "2024-02-15T15:11:23.0",
            "wktStepIndex": None,
            "messageIndex": 35,
        },
    ],
}


def test_exercise_sets_real_shape_weight_in_grams() -> None:
    rows = parse_exercise_sets(13975059216, REAL_SETS)
    assert [r.set_type for r in rows] == ["active", "rest", "active", "active"]
    deadlift, rest, pull_up, row = rows
    assert (deadlift.category, deadlift.exercise_name) == ("deadlift", "barbell_deadlift")
    # 61234 g: a 135 lb bar (135 × 0.45359237 = 61.235 kg, truncated to whole grams by Garmin)
    assert deadlift.weight_g == 61234.0
    assert deadlift.weight_kg == pytest.approx(61.234)
    assert row.weight_kg == pytest.approx(83.937)  # 83.9375 kg = 1343/16 kg, the FIT resolution
    assert deadlift.repetitions == 9
    assert deadlift.start_time_utc == dt.datetime(2024, 2, 15, 13, 43, 23)
    assert deadlift.duration_s == pytest.approx(310.434)
    assert (rest.category, rest.exercise_name, rest.weight_kg, rest.n_candidates) == (
        None,
        None,
        None,
        0,
    )
    assert (pull_up.category, pull_up.exercise_name) == ("pull_up", None)
    # set_index follows messageIndex (= FIT set.message_index), gaps and all
    assert [r.set_index for r in rows] == [2, 3, 10, 35]
    assert [r.list_position for r in rows] == [0, 1, 2, 3]


def test_set_index_falls_back_to_list_order_without_usable_message_index() -> None:
    sets = copy.deepcopy(REAL_SETS)
    sets["exerciseSets"][1]["messageIndex"] = None
    assert [r.set_index for r in parse_exercise_sets(13975059216, sets)] == [0, 1, 2, 3]
    sets["exerciseSets"][1]["messageIndex"] = 2  # duplicate
    assert [r.set_index for r in parse_exercise_sets(13975059216, sets)] == [0, 1, 2, 3]


def test_most_probable_candidate_wins() -> None:
    guessed = {
        "exerciseSets": [
            {
                "setType": "ACTIVE",
                "repetitionCount": 10,
                "weight": 60000.0,
                "duration": 30.0,
                "exercises": [
                    {"category": "UNKNOWN", "name": None, "probability": 36.0},
                    {"category": "SQUAT", "name": "BARBELL_BACK_SQUAT", "probability": 64.0},
                ],
            }
        ]
    }
    (row,) = parse_exercise_sets(1, guessed)
    assert (row.category, row.exercise_name, row.probability, row.n_candidates) == (
        "squat",
        "barbell_back_squat",
        64.0,
        2,
    )


@pytest.mark.parametrize("no_sets", [{}, None, [], {"activityId": 1, "exerciseSets": None}])
def test_no_exercise_sets_is_no_data(no_sets: Any) -> None:
    assert parse_exercise_sets(1, no_sets) == []


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"setType": "WARMUP"}, "unknown set type"),
        ({"weight": "60 kg"}, "expected a number"),
        ({"weight": -5.0}, "negative weight"),
        ({"repetitionCount": 8.5}, "whole number"),
        ({"exercises": {"category": "SQUAT"}}, "expected a list"),
        ({"startTime": 5.5j}, "expected a timestamp"),
    ],
)
def test_unexpected_set_shape_is_malformed(change: dict[str, Any], why: str) -> None:
    sets = copy.deepcopy(REAL_SETS)
    sets["exerciseSets"][0].update(change)
    with pytest.raises(MalformedItem, match=why):
        parse_exercise_sets(13975059216, sets)


def test_sets_of_another_activity_are_malformed() -> None:
    with pytest.raises(MalformedItem, match="asked for 42"):
        parse_exercise_sets(42, REAL_SETS)


# --- wellness -----------------------------------------------------------------------------------


def test_user_summary_real_shape(shared: Path) -> None:
    (row,) = parse_user_summary(dt.date(2023, 7, 1), body(shared, "user_summary_daily.json"))
    assert (row.resting_hr, row.resting_hr_7d_avg, row.min_hr, row.max_hr) == (52, 49, 51, 102)
    assert (row.stress_avg, row.stress_max) == (28, 87)
    assert (row.body_battery_high, row.body_battery_low) == (66, 47)
    assert (row.body_battery_charged, row.body_battery_drained) == (23, 23)
    assert row.steps == 1119


def test_negative_stress_codes_mean_not_measured(shared: Path) -> None:
    summary = {**body(shared, "user_summary_daily.json"), "averageStressLevel": -1}
    (row,) = parse_user_summary(dt.date(2023, 7, 1), summary)
    assert row.stress_avg is None


def test_hrv_real_shape(shared: Path) -> None:
    (row,) = parse_hrv(dt.date(2023, 7, 20), body(shared, "hrv.json"))
    assert (row.last_night_avg_ms, row.weekly_avg_ms, row.last_night_5min_high_ms) == (42, 39, 66)
    assert row.status == "BALANCED"
    assert (row.baseline_balanced_low_ms, row.baseline_balanced_upper_ms) == (39, 52)
    assert row.n_readings == 81
    assert row.sleep_start_utc == dt.datetime(2023, 7, 20, 5, 25)


def test_sleep_real_shape(shared: Path) -> None:
    (row,) = parse_sleep(dt.date(2025, 7, 7), body(shared, "sleep_dailySleepData.json"))
    assert row.sleep_s == 24180
    assert (row.deep_sleep_s, row.light_sleep_s, row.rem_sleep_s, row.awake_s) == (
        5280,
        13440,
        5460,
        420,
    )
    assert row.deep_sleep_s + row.light_sleep_s + row.rem_sleep_s == row.sleep_s
    assert row.sleep_score == 83
    assert row.sleep_score_qualifier == "GOOD"
    assert row.resting_hr == 44
    # epoch milliseconds → UTC: 1751863648000 ms = 2025-07-07 04:47:28 UTC
    assert row.sleep_start_utc == dt.datetime(2025, 7, 7, 4, 47, 28)


def test_training_readiness_real_shape(shared: Path) -> None:
    rows = parse_training_readiness(dt.date(2025, 7, 7), body(shared, "training_readiness.json"))
    assert rows[0].score == 50
    assert rows[0].level == "MODERATE"
    assert rows[0].timestamp_utc == dt.datetime(2025, 7, 8, 3, 50, 17)
    assert [r.entry_index for r in rows] == list(range(len(rows)))


@pytest.mark.parametrize(
    "parser", [parse_user_summary, parse_hrv, parse_sleep, parse_training_readiness]
)
@pytest.mark.parametrize("empty", [{}, [], None])
def test_no_data_answers_are_no_rows(parser: Any, empty: Any) -> None:
    assert parser(dt.date(2025, 1, 1), empty) == []


def test_empty_sleep_dto_is_no_data() -> None:
    answer = {"dailySleepDTO": {"calendarDate": "2025-01-01", "sleepTimeSeconds": None}}
    assert parse_sleep(dt.date(2025, 1, 1), answer) == []


def test_wellness_of_another_day_is_malformed(shared: Path) -> None:
    with pytest.raises(MalformedItem, match="asked for 2023-07-21"):
        parse_hrv(dt.date(2023, 7, 21), body(shared, "hrv.json"))


@pytest.mark.parametrize(
    ("parser", "answer"),
    [
        (parse_hrv, ["not", "an", "object"]),
        (parse_hrv, {"hrvSummary": {"calendarDate": "2025-01-01", "lastNightAvg": "42"}}),
        (parse_sleep, {"dailySleepDTO": "tonight"}),
        (parse_training_readiness, {"score": 50}),
        (parse_user_summary, {"calendarDate": "2025-01-01", "restingHeartRate": [52]}),
    ],
)
def test_wrong_shapes_are_malformed(parser: Any, answer: Any) -> None:
    with pytest.raises(MalformedItem):
        parser(dt.date(2025, 1, 1), answer)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@given(json_values)
def test_any_json_either_parses_or_is_malformed(answer: Any) -> None:
    """Whatever Garmin sends, a parser returns rows or raises MalformedItem: never crashes."""
    day = dt.date(2025, 1, 1)
    for parser in (parse_user_summary, parse_hrv, parse_sleep, parse_training_readiness):
        try:
            rows = parser(day, answer)
        except MalformedItem:
            continue
        assert all(r.calendar_date == day for r in rows)
    for call in (lambda: parse_exercise_sets(1, answer), lambda: parse_activity(answer)):
        try:
            call()
        except MalformedItem:
            continue
