"""Garmin Connect's JSON bodies as pydantic models: the shape each endpoint returns.

Why runlift's own models rather than garminconnect's ``typed`` ones: those are marked
experimental, validate in pydantic's lax mode (``"42"`` becomes 42.0 and ``true`` becomes 1,
which runlift must refuse: a value of the wrong type means the shape changed), and lack fields
runlift stores (``lastSevenDaysAvgRestingHeartRate``, ``bodyBatteryAtWakeTime``,
``lastSyncTimestampGMT``, ``avgSleepStress``, ``acuteLoad``…) and the exercise-set list.

The value types below are the rules: `Number` (int or float, finite, never a bool),
`Whole` (a number with no fraction), `Text`, `Timestamp` (ISO text, with or without a zone,
or epoch milliseconds → naive UTC or wall-clock time as given). Wellness and exercise-set
bodies use them strictly; the activity list reads its summary fields leniently (`Lenient…`:
a wrong value becomes None), since the original file is what matters there. Unknown fields
are ignored; the whole body is kept as JSON anyway.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, RootModel


def _shown(value: Any) -> str:
    text = repr(value)
    return f"{text[:60]}{'…' if len(text) > 60 else ''}"


def number(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number, got {_shown(value)}")
    result = float(value)
    if not math.isfinite(result):
        raise ValueError(f"expected a finite number, got {_shown(value)}")
    return result


def whole(value: Any) -> int | None:
    result = number(value)
    if result is None:
        return None
    if not result.is_integer():
        raise ValueError(f"expected a whole number, got {_shown(value)}")
    return int(result)


def text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise ValueError(f"expected text, got {_shown(value)}")


def timestamp(value: Any) -> datetime | None:
    """ISO text (no zone, or a zone → UTC) or epoch milliseconds (→ UTC), naive."""
    if value is None:
        return None
    try:
        if isinstance(value, bool):
            raise TypeError
        if isinstance(value, int | float):
            return datetime.fromtimestamp(value / 1000.0, UTC).replace(tzinfo=None)
        if isinstance(value, str):
            parsed = datetime.fromisoformat(value.strip())
            if parsed.tzinfo is not None:
                parsed = parsed.astimezone(UTC).replace(tzinfo=None)
            return parsed
        raise TypeError
    except (TypeError, ValueError, OverflowError, OSError):
        raise ValueError(f"expected a timestamp, got {_shown(value)}") from None


def flag(value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise ValueError(f"expected true or false, got {_shown(value)}")


def lenient[T](read: Callable[[Any], T]) -> Callable[[Any], T | None]:
    """`read`, with a value it refuses read as None (for summary fields of the list)."""

    def read_or_none(value: Any) -> T | None:
        try:
            return read(value)
        except ValueError:
            return None

    return read_or_none


Number = Annotated[float | None, BeforeValidator(number)]
Whole = Annotated[int | None, BeforeValidator(whole)]
Text = Annotated[str | None, BeforeValidator(text)]
Timestamp = Annotated[datetime | None, BeforeValidator(timestamp)]
Flag = Annotated[bool | None, BeforeValidator(flag)]
LenientNumber = Annotated[float | None, BeforeValidator(lenient(number))]
LenientWhole = Annotated[int | None, BeforeValidator(lenient(whole))]
LenientText = Annotated[str | None, BeforeValidator(lenient(text))]
LenientTimestamp = Annotated[datetime | None, BeforeValidator(lenient(timestamp))]


def activity_id(value: Any) -> int | None:
    """A positive activity id, as a number or digits; None when it is not usable."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and value > 0:
        return value
    if isinstance(value, str) and value.strip().isdigit() and int(value) > 0:
        return int(value)
    return None


ActivityId = Annotated[int | None, BeforeValidator(activity_id)]


def _object_or_empty(value: Any) -> Any:
    return value if isinstance(value, dict) else {}


class Body(BaseModel):
    """A JSON object of Garmin's: fields by their JSON names, unknown ones ignored."""

    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=False)


# --- activities ---------------------------------------------------------------------------------


class ActivityTypeBody(Body):
    type_key: LenientText = Field(None, alias="typeKey")
    parent_type_id: LenientWhole = Field(None, alias="parentTypeId")


class ActivityListItem(Body):
    """An item of ``activitylist-service/activities/search/activities``."""

    activity_id: ActivityId = Field(None, alias="activityId")
    start_time_gmt: Timestamp = Field(None, alias="startTimeGMT")
    start_time_local: LenientTimestamp = Field(None, alias="startTimeLocal")
    activity_name: LenientText = Field(None, alias="activityName")
    activity_type: Annotated[ActivityTypeBody, BeforeValidator(_object_or_empty)] = Field(
        default_factory=ActivityTypeBody, alias="activityType"
    )
    event_type: Annotated[ActivityTypeBody, BeforeValidator(_object_or_empty)] = Field(
        default_factory=ActivityTypeBody, alias="eventType"
    )
    duration: LenientNumber = None
    elapsed_duration: LenientNumber = Field(None, alias="elapsedDuration")
    moving_duration: LenientNumber = Field(None, alias="movingDuration")
    distance: LenientNumber = None
    calories: LenientNumber = None
    average_hr: LenientNumber = Field(None, alias="averageHR")
    max_hr: LenientNumber = Field(None, alias="maxHR")
    aerobic_training_effect: LenientNumber = Field(None, alias="aerobicTrainingEffect")
    anaerobic_training_effect: LenientNumber = Field(None, alias="anaerobicTrainingEffect")
    training_effect_label: LenientText = Field(None, alias="trainingEffectLabel")
    activity_training_load: LenientNumber = Field(None, alias="activityTrainingLoad")
    total_sets: LenientWhole = Field(None, alias="totalSets")
    total_reps: LenientWhole = Field(None, alias="totalReps")
    manual_activity: Any = Field(None, alias="manualActivity")
    summarized_exercise_sets: Any = Field(None, alias="summarizedExerciseSets")


# --- exercise sets ------------------------------------------------------------------------------


class ExerciseCandidate(Body):
    category: Text = None
    name: Text = None
    probability: Number = None


class ExerciseSetBody(Body):
    set_type: Text = Field(None, alias="setType")
    exercises: list[ExerciseCandidate] | None = None
    duration: Number = None
    repetition_count: Whole = Field(None, alias="repetitionCount")
    weight: Number = None
    start_time: Timestamp = Field(None, alias="startTime")
    wkt_step_index: Whole = Field(None, alias="wktStepIndex")
    message_index: Whole = Field(None, alias="messageIndex")


class ExerciseSetsBody(Body):
    """``activity-service/activity/{id}/exerciseSets``."""

    activity_id: Any = Field(None, alias="activityId")
    exercise_sets: list[ExerciseSetBody] | None = Field(None, alias="exerciseSets")


# --- wellness -----------------------------------------------------------------------------------


class UserSummaryBody(Body):
    """``usersummary-service/usersummary/daily/{displayName}?calendarDate=``."""

    calendar_date: Text = Field(None, alias="calendarDate")
    privacy_protected: Flag = Field(None, alias="privacyProtected")
    last_sync_gmt: Timestamp = Field(None, alias="lastSyncTimestampGMT")
    resting_heart_rate: Whole = Field(None, alias="restingHeartRate")
    last_seven_days_avg_resting_heart_rate: Whole = Field(
        None, alias="lastSevenDaysAvgRestingHeartRate"
    )
    min_heart_rate: Whole = Field(None, alias="minHeartRate")
    max_heart_rate: Whole = Field(None, alias="maxHeartRate")
    average_stress_level: Whole = Field(None, alias="averageStressLevel")
    max_stress_level: Whole = Field(None, alias="maxStressLevel")
    body_battery_highest_value: Whole = Field(None, alias="bodyBatteryHighestValue")
    body_battery_lowest_value: Whole = Field(None, alias="bodyBatteryLowestValue")
    body_battery_charged_value: Whole = Field(None, alias="bodyBatteryChargedValue")
    body_battery_drained_value: Whole = Field(None, alias="bodyBatteryDrainedValue")
    body_battery_at_wake_time: Whole = Field(None, alias="bodyBatteryAtWakeTime")
    total_steps: Whole = Field(None, alias="totalSteps")
    total_kilocalories: Number = Field(None, alias="totalKilocalories")
    active_kilocalories: Number = Field(None, alias="activeKilocalories")
    moderate_intensity_minutes: Whole = Field(None, alias="moderateIntensityMinutes")
    vigorous_intensity_minutes: Whole = Field(None, alias="vigorousIntensityMinutes")


class HrvBaselineBody(Body):
    low_upper: Number = Field(None, alias="lowUpper")
    balanced_low: Number = Field(None, alias="balancedLow")
    balanced_upper: Number = Field(None, alias="balancedUpper")


class HrvSummaryBody(Body):
    calendar_date: Text = Field(None, alias="calendarDate")
    last_night_avg: Number = Field(None, alias="lastNightAvg")
    last_night_5_min_high: Number = Field(None, alias="lastNight5MinHigh")
    weekly_avg: Number = Field(None, alias="weeklyAvg")
    status: Text = None
    feedback_phrase: Text = Field(None, alias="feedbackPhrase")
    baseline: HrvBaselineBody | None = None


class HrvBody(Body):
    """``hrv-service/hrv/{date}`` (HTTP 204 when the watch recorded none)."""

    hrv_summary: HrvSummaryBody | None = Field(None, alias="hrvSummary")
    hrv_readings: list[Any] | None = Field(None, alias="hrvReadings")
    sleep_start_gmt: Timestamp = Field(None, alias="sleepStartTimestampGMT")
    sleep_end_gmt: Timestamp = Field(None, alias="sleepEndTimestampGMT")


class SleepScoreBody(Body):
    value: Whole = None
    qualifier_key: Text = Field(None, alias="qualifierKey")


class SleepScoresBody(Body):
    overall: SleepScoreBody | None = None


class DailySleepBody(Body):
    calendar_date: Text = Field(None, alias="calendarDate")
    sleep_time_seconds: Whole = Field(None, alias="sleepTimeSeconds")
    nap_time_seconds: Whole = Field(None, alias="napTimeSeconds")
    deep_sleep_seconds: Whole = Field(None, alias="deepSleepSeconds")
    light_sleep_seconds: Whole = Field(None, alias="lightSleepSeconds")
    rem_sleep_seconds: Whole = Field(None, alias="remSleepSeconds")
    awake_sleep_seconds: Whole = Field(None, alias="awakeSleepSeconds")
    unmeasurable_sleep_seconds: Whole = Field(None, alias="unmeasurableSleepSeconds")
    sleep_scores: SleepScoresBody | None = Field(None, alias="sleepScores")
    sleep_start_gmt: Timestamp = Field(None, alias="sleepStartTimestampGMT")
    sleep_end_gmt: Timestamp = Field(None, alias="sleepEndTimestampGMT")
    avg_sleep_stress: Number = Field(None, alias="avgSleepStress")
    average_respiration_value: Number = Field(None, alias="averageRespirationValue")


class SleepBody(Body):
    """``wellness-service/wellness/dailySleepData/{displayName}?date=``."""

    daily_sleep: DailySleepBody | None = Field(None, alias="dailySleepDTO")
    resting_heart_rate: Whole = Field(None, alias="restingHeartRate")
    body_battery_change: Whole = Field(None, alias="bodyBatteryChange")


class ReadinessEntryBody(Body):
    calendar_date: Text = Field(None, alias="calendarDate")
    timestamp: Timestamp = None
    timestamp_local: Timestamp = Field(None, alias="timestampLocal")
    score: Whole = None
    level: Text = None
    input_context: Text = Field(None, alias="inputContext")
    sleep_score: Whole = Field(None, alias="sleepScore")
    hrv_weekly_average: Number = Field(None, alias="hrvWeeklyAverage")
    recovery_time: Whole = Field(None, alias="recoveryTime")
    acute_load: Number = Field(None, alias="acuteLoad")


class TrainingReadinessBody(RootModel[list[ReadinessEntryBody]]):
    """``metrics-service/metrics/trainingreadiness/{date}``: a list, ``[]`` when none."""

    model_config = ConfigDict(frozen=True)
