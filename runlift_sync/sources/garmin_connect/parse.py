"""Garmin Connect JSON bodies → typed rows (pure: no network, no database).

Each parser takes the body exactly as received and returns rows for one typed table, an empty
list when Garmin answered "no data" (HTTP 204 → ``{}``, ``[]``, a summary with nothing in it),
or raises `MalformedItem` when the body is not the shape expected, so the caller quarantines
that one item with its raw body and goes on.

Strictness differs on purpose. An item of the activity list needs only its id and start time
(the rest is read leniently): the original FIT file it points to is what matters, and the whole
item is kept as JSON anyway. Wellness and exercise-set bodies are read strictly: a value of the
wrong type means the shape changed, and guessing would put nonsense into the typed tables.

Units: Garmin sends exercise-set weights in grams (see `ExerciseSetRow`), durations in seconds,
sleep timestamps as epoch milliseconds and other timestamps as ISO text without a zone
(``startTimeGMT``/``…GMT`` fields are UTC, ``…Local`` fields are the athlete's wall clock).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, ClassVar, Literal

from runlift_sync.sources.garmin_connect.constants import STRENGTH_TYPE_KEYS, WellnessEndpoint

GRAMS_PER_KG = 1000.0
SetType = Literal["active", "rest"]


class MalformedItem(ValueError):
    """A body that is not what the endpoint is documented to return; the item is quarantined."""


# --- small readers -------------------------------------------------------------------------


def is_empty_body(body: Any) -> bool:
    """Garmin's ways of saying "nothing for this day/activity": 204 (→ {}), null, {}, []."""
    return body is None or body == {} or body == []


def _where(field: str, value: Any) -> str:
    text = repr(value)
    return f"{field}={text[:60]}{'…' if len(text) > 60 else ''}"


def _number(value: Any, field: str, *, strict: bool) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        if strict:
            raise MalformedItem(f"expected a number, got {_where(field, value)}")
        return None
    number = float(value)
    if not math.isfinite(number):
        if strict:
            raise MalformedItem(f"expected a finite number, got {_where(field, value)}")
        return None
    return number


def _integer(value: Any, field: str, *, strict: bool) -> int | None:
    number = _number(value, field, strict=strict)
    if number is None:
        return None
    if not number.is_integer():
        if strict:
            raise MalformedItem(f"expected a whole number, got {_where(field, value)}")
        return None
    return int(number)


def _text(value: Any, field: str, *, strict: bool) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        if strict:
            raise MalformedItem(f"expected text, got {_where(field, value)}")
        return None
    return value


def _timestamp(value: Any, field: str, *, strict: bool) -> datetime | None:
    """ISO text (no zone, or Z) or epoch milliseconds → naive datetime (UTC or as given)."""
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
        if strict:
            raise MalformedItem(f"expected a timestamp, got {_where(field, value)}") from None
        return None


def _mapping(value: Any, field: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise MalformedItem(f"expected an object, got {_where(field, value)}")
    return value


def _optional_mapping(value: Any, field: str) -> Mapping[str, Any] | None:
    return None if value is None else _mapping(value, field)


def _lower(value: str | None) -> str | None:
    return value.lower() if value is not None else None


def _check_date(found: Any, asked: date, field: str) -> None:
    if found is None:
        return
    if not isinstance(found, str) or found[:10] != asked.isoformat():
        raise MalformedItem(f"answer is about {_where(field, found)}, asked for {asked}")


# --- activities ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ActivityRow:
    """One item of the activity list: the summary kept with each pulled activity."""

    TABLE: ClassVar[str] = "raw_garmin_activity"

    activity_id: int
    activity_name: str | None
    type_key: str | None
    parent_type_id: int | None
    event_type: str | None
    start_time_utc: datetime
    start_time_local: datetime | None
    duration_s: float | None
    elapsed_s: float | None
    moving_s: float | None
    distance_m: float | None
    calories: float | None
    avg_hr: float | None
    max_hr: float | None
    aerobic_training_effect: float | None
    anaerobic_training_effect: float | None
    training_effect_label: str | None
    training_load: float | None
    total_sets: int | None
    total_reps: int | None
    is_manual: bool
    has_set_summary: bool

    @property
    def local_date(self) -> date:
        """The athlete-local date the activity started on (what the list filters by)."""
        return (self.start_time_local or self.start_time_utc).date()

    @property
    def wants_exercise_sets(self) -> bool:
        """Strength-like sessions have a set list worth asking for."""
        return (
            self.type_key in STRENGTH_TYPE_KEYS
            or (self.total_sets or 0) > 0
            or self.has_set_summary
        )


def activity_id_of(item: Any) -> int | None:
    """The activity id of a list item, or None when it has no usable one."""
    if not isinstance(item, Mapping):
        return None
    value = item.get("activityId")
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and value > 0:
        return value
    if isinstance(value, str) and value.strip().isdigit() and int(value) > 0:
        return int(value)
    return None


def parse_activity(item: Any) -> ActivityRow:
    """An item of ``activitylist-service/activities/search/activities``."""
    body = _mapping(item, "activity")
    activity_id = activity_id_of(body)
    if activity_id is None:
        raise MalformedItem(
            f"no usable activity id ({_where('activityId', body.get('activityId'))})"
        )
    start_utc = _timestamp(body.get("startTimeGMT"), "startTimeGMT", strict=True)
    if start_utc is None:
        raise MalformedItem(f"activity {activity_id} has no startTimeGMT")
    activity_type = body.get("activityType")
    event_type = body.get("eventType")
    activity_type = activity_type if isinstance(activity_type, Mapping) else {}
    event_type = event_type if isinstance(event_type, Mapping) else {}

    def num(key: str) -> float | None:
        return _number(body.get(key), key, strict=False)

    def whole(key: str) -> int | None:
        return _integer(body.get(key), key, strict=False)

    summarized = body.get("summarizedExerciseSets")
    return ActivityRow(
        activity_id=activity_id,
        activity_name=_text(body.get("activityName"), "activityName", strict=False),
        type_key=_text(activity_type.get("typeKey"), "typeKey", strict=False),
        parent_type_id=_integer(activity_type.get("parentTypeId"), "parentTypeId", strict=False),
        event_type=_text(event_type.get("typeKey"), "eventType", strict=False),
        start_time_utc=start_utc,
        start_time_local=_timestamp(body.get("startTimeLocal"), "startTimeLocal", strict=False),
        duration_s=num("duration"),
        elapsed_s=num("elapsedDuration"),
        moving_s=num("movingDuration"),
        distance_m=num("distance"),
        calories=num("calories"),
        avg_hr=num("averageHR"),
        max_hr=num("maxHR"),
        aerobic_training_effect=num("aerobicTrainingEffect"),
        anaerobic_training_effect=num("anaerobicTrainingEffect"),
        training_effect_label=_text(
            body.get("trainingEffectLabel"), "trainingEffectLabel", strict=False
        ),
        training_load=num("activityTrainingLoad"),
        total_sets=whole("totalSets"),
        total_reps=whole("totalReps"),
        is_manual=body.get("manualActivity") is True,
        has_set_summary=isinstance(summarized, list) and len(summarized) > 0,
    )


# --- exercise sets -------------------------------------------------------------------------


@dataclass(frozen=True)
class ExerciseSetRow:
    """One set of a strength activity as Garmin Connect holds it (the athlete's edits applied).

    Weight: Garmin sends ``weight`` in grams. A real response holds 61234.0 for a 135 lb bar
    (135 lb = 61.235 kg; Garmin truncates to whole grams) and 124750.0, 15875.0, 18125.0 —
    multiples of 1/16 kg, the resolution of the FIT ``set.weight`` field, times 1000. So
    ``weight_kg = weight_g / 1000``, with no rounding (83937 g stays 83.937 kg).
    """

    TABLE: ClassVar[str] = "raw_garmin_exercise_set"

    set_index: int
    list_position: int
    message_index: int | None
    set_type: SetType
    start_time_utc: datetime | None
    duration_s: float | None
    category: str | None
    exercise_name: str | None
    probability: float | None
    n_candidates: int
    repetitions: int | None
    weight_g: float | None
    weight_kg: float | None
    wkt_step_index: int | None


def _best_candidate(exercises: Any, where: str) -> tuple[str | None, str | None, float | None, int]:
    """The most probable exercise of a set (first one on a tie), and how many were listed."""
    if exercises is None:
        return None, None, None, 0
    if not isinstance(exercises, list):
        raise MalformedItem(f"expected a list, got {_where(where, exercises)}")
    best: tuple[str | None, str | None, float | None] = (None, None, None)
    best_p = -math.inf
    for k, raw in enumerate(exercises):
        candidate = _mapping(raw, f"{where}[{k}]")
        category = _text(candidate.get("category"), f"{where}[{k}].category", strict=True)
        name = _text(candidate.get("name"), f"{where}[{k}].name", strict=True)
        p = _number(candidate.get("probability"), f"{where}[{k}].probability", strict=True)
        rank = p if p is not None else -1.0
        if rank > best_p:
            best, best_p = (_lower(category), _lower(name), p), rank
    return (*best, len(exercises))


def parse_exercise_sets(activity_id: int, body: Any) -> list[ExerciseSetRow]:
    """``activity-service/activity/{id}/exerciseSets``: one row per set, rest sets included."""
    if is_empty_body(body):
        return []
    document = _mapping(body, "exerciseSets body")
    found_id = document.get("activityId")
    if found_id is not None and activity_id_of({"activityId": found_id}) != activity_id:
        raise MalformedItem(f"answer is about activity {found_id!r}, asked for {activity_id}")
    sets = document.get("exerciseSets")
    if sets is None:
        return []
    if not isinstance(sets, list):
        raise MalformedItem(f"expected a list, got {_where('exerciseSets', sets)}")
    rows: list[ExerciseSetRow] = []
    for position, raw in enumerate(sets):
        where = f"exerciseSets[{position}]"
        item = _mapping(raw, where)
        raw_type = _text(item.get("setType"), f"{where}.setType", strict=True)
        set_type = (raw_type or "").lower()
        if set_type not in ("active", "rest"):
            raise MalformedItem(f"unknown set type {_where(f'{where}.setType', raw_type)}")
        category, name, probability, n_candidates = _best_candidate(
            item.get("exercises"), f"{where}.exercises"
        )
        weight_g = _number(item.get("weight"), f"{where}.weight", strict=True)
        if weight_g is not None and weight_g < 0:
            raise MalformedItem(f"negative weight {_where(f'{where}.weight', weight_g)}")
        rows.append(
            ExerciseSetRow(
                set_index=position,
                list_position=position,
                message_index=_integer(
                    item.get("messageIndex"), f"{where}.messageIndex", strict=True
                ),
                set_type=set_type,  # type: ignore[arg-type]
                start_time_utc=_timestamp(item.get("startTime"), f"{where}.startTime", strict=True),
                duration_s=_number(item.get("duration"), f"{where}.duration", strict=True),
                category=category,
                exercise_name=name,
                probability=probability,
                n_candidates=n_candidates,
                repetitions=_integer(
                    item.get("repetitionCount"), f"{where}.repetitionCount", strict=True
                ),
                weight_g=weight_g,
                weight_kg=weight_g / GRAMS_PER_KG if weight_g is not None else None,
                wkt_step_index=_integer(
                    item.get("wktStepIndex"), f"{where}.wktStepIndex", strict=True
                ),
            )
        )
    indexes = [r.message_index for r in rows]
    usable = all(i is not None and i >= 0 for i in indexes) and len(set(indexes)) == len(indexes)
    if usable:
        # messageIndex is the FIT set message's message_index: it still matches the watch's
        # file when the athlete deleted a set in the app (the list then skips a number).
        rows = [dataclasses.replace(r, set_index=r.message_index) for r in rows]
    return rows


# --- wellness ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DailySummaryRow:
    """Garmin's daily summary: resting HR, stress, Body Battery, steps."""

    TABLE: ClassVar[str] = "raw_garmin_daily_summary"

    calendar_date: date
    resting_hr: int | None
    resting_hr_7d_avg: int | None
    min_hr: int | None
    max_hr: int | None
    stress_avg: int | None
    stress_max: int | None
    body_battery_high: int | None
    body_battery_low: int | None
    body_battery_charged: int | None
    body_battery_drained: int | None
    body_battery_at_wake: int | None
    steps: int | None
    total_kcal: float | None
    active_kcal: float | None
    moderate_intensity_min: int | None
    vigorous_intensity_min: int | None


def _level(value: int | None) -> int | None:
    """Garmin codes "no measurement" as negative stress levels (-1, -2)."""
    return value if value is not None and value >= 0 else None


def parse_user_summary(day: date, body: Any) -> list[DailySummaryRow]:
    """``usersummary-service/usersummary/daily/{displayName}?calendarDate=``."""
    if is_empty_body(body):
        return []
    doc = _mapping(body, "user summary")
    _check_date(doc.get("calendarDate"), day, "calendarDate")

    def whole(key: str) -> int | None:
        return _integer(doc.get(key), key, strict=True)

    def num(key: str) -> float | None:
        return _number(doc.get(key), key, strict=True)

    row = DailySummaryRow(
        calendar_date=day,
        resting_hr=whole("restingHeartRate"),
        resting_hr_7d_avg=whole("lastSevenDaysAvgRestingHeartRate"),
        min_hr=whole("minHeartRate"),
        max_hr=whole("maxHeartRate"),
        stress_avg=_level(whole("averageStressLevel")),
        stress_max=_level(whole("maxStressLevel")),
        body_battery_high=whole("bodyBatteryHighestValue"),
        body_battery_low=whole("bodyBatteryLowestValue"),
        body_battery_charged=whole("bodyBatteryChargedValue"),
        body_battery_drained=whole("bodyBatteryDrainedValue"),
        body_battery_at_wake=whole("bodyBatteryAtWakeTime"),
        steps=whole("totalSteps"),
        total_kcal=num("totalKilocalories"),
        active_kcal=num("activeKilocalories"),
        moderate_intensity_min=whole("moderateIntensityMinutes"),
        vigorous_intensity_min=whole("vigorousIntensityMinutes"),
    )
    measured = (
        row.resting_hr,
        row.min_hr,
        row.stress_avg,
        row.body_battery_high,
        row.body_battery_low,
        row.steps,
    )
    return [row] if any(v is not None for v in measured) else []


@dataclass(frozen=True)
class HrvRow:
    """The overnight HRV summary of one morning."""

    TABLE: ClassVar[str] = "raw_garmin_hrv"

    calendar_date: date
    last_night_avg_ms: float | None
    last_night_5min_high_ms: float | None
    weekly_avg_ms: float | None
    status: str | None
    feedback_phrase: str | None
    baseline_low_upper_ms: float | None
    baseline_balanced_low_ms: float | None
    baseline_balanced_upper_ms: float | None
    n_readings: int
    sleep_start_utc: datetime | None
    sleep_end_utc: datetime | None


def parse_hrv(day: date, body: Any) -> list[HrvRow]:
    """``hrv-service/hrv/{date}`` (HTTP 204 when the watch recorded none)."""
    if is_empty_body(body):
        return []
    doc = _mapping(body, "hrv body")
    summary = _optional_mapping(doc.get("hrvSummary"), "hrvSummary")
    if summary is None:
        return []
    _check_date(summary.get("calendarDate"), day, "hrvSummary.calendarDate")
    baseline = _optional_mapping(summary.get("baseline"), "hrvSummary.baseline") or {}
    readings = doc.get("hrvReadings")
    if readings is not None and not isinstance(readings, list):
        raise MalformedItem(f"expected a list, got {_where('hrvReadings', readings)}")
    row = HrvRow(
        calendar_date=day,
        last_night_avg_ms=_number(summary.get("lastNightAvg"), "lastNightAvg", strict=True),
        last_night_5min_high_ms=_number(
            summary.get("lastNight5MinHigh"), "lastNight5MinHigh", strict=True
        ),
        weekly_avg_ms=_number(summary.get("weeklyAvg"), "weeklyAvg", strict=True),
        status=_text(summary.get("status"), "status", strict=True),
        feedback_phrase=_text(summary.get("feedbackPhrase"), "feedbackPhrase", strict=True),
        baseline_low_upper_ms=_number(baseline.get("lowUpper"), "baseline.lowUpper", strict=True),
        baseline_balanced_low_ms=_number(
            baseline.get("balancedLow"), "baseline.balancedLow", strict=True
        ),
        baseline_balanced_upper_ms=_number(
            baseline.get("balancedUpper"), "baseline.balancedUpper", strict=True
        ),
        n_readings=len(readings or []),
        sleep_start_utc=_timestamp(
            doc.get("sleepStartTimestampGMT"), "sleepStartTimestampGMT", strict=True
        ),
        sleep_end_utc=_timestamp(
            doc.get("sleepEndTimestampGMT"), "sleepEndTimestampGMT", strict=True
        ),
    )
    measured = (row.last_night_avg_ms, row.weekly_avg_ms, row.status)
    return [row] if any(v is not None for v in measured) else []


@dataclass(frozen=True)
class SleepRow:
    """One night's sleep, dated by the morning it ended."""

    TABLE: ClassVar[str] = "raw_garmin_sleep"

    calendar_date: date
    sleep_s: int | None
    nap_s: int | None
    deep_sleep_s: int | None
    light_sleep_s: int | None
    rem_sleep_s: int | None
    awake_s: int | None
    unmeasurable_s: int | None
    sleep_score: int | None
    sleep_score_qualifier: str | None
    sleep_start_utc: datetime | None
    sleep_end_utc: datetime | None
    avg_sleep_stress: float | None
    avg_respiration_brpm: float | None
    resting_hr: int | None
    body_battery_change: int | None


def parse_sleep(day: date, body: Any) -> list[SleepRow]:
    """``wellness-service/wellness/dailySleepData/{displayName}?date=``."""
    if is_empty_body(body):
        return []
    doc = _mapping(body, "sleep body")
    dto = _optional_mapping(doc.get("dailySleepDTO"), "dailySleepDTO")
    if dto is None:
        return []
    _check_date(dto.get("calendarDate"), day, "dailySleepDTO.calendarDate")
    scores = _optional_mapping(dto.get("sleepScores"), "sleepScores") or {}
    overall = _optional_mapping(scores.get("overall"), "sleepScores.overall") or {}

    def seconds(key: str) -> int | None:
        return _integer(dto.get(key), key, strict=True)

    row = SleepRow(
        calendar_date=day,
        sleep_s=seconds("sleepTimeSeconds"),
        nap_s=seconds("napTimeSeconds"),
        deep_sleep_s=seconds("deepSleepSeconds"),
        light_sleep_s=seconds("lightSleepSeconds"),
        rem_sleep_s=seconds("remSleepSeconds"),
        awake_s=seconds("awakeSleepSeconds"),
        unmeasurable_s=seconds("unmeasurableSleepSeconds"),
        sleep_score=_integer(overall.get("value"), "sleepScores.overall.value", strict=True),
        sleep_score_qualifier=_text(
            overall.get("qualifierKey"), "sleepScores.overall.qualifierKey", strict=True
        ),
        sleep_start_utc=_timestamp(
            dto.get("sleepStartTimestampGMT"), "sleepStartTimestampGMT", strict=True
        ),
        sleep_end_utc=_timestamp(
            dto.get("sleepEndTimestampGMT"), "sleepEndTimestampGMT", strict=True
        ),
        avg_sleep_stress=_number(dto.get("avgSleepStress"), "avgSleepStress", strict=True),
        avg_respiration_brpm=_number(
            dto.get("averageRespirationValue"), "averageRespirationValue", strict=True
        ),
        resting_hr=_integer(doc.get("restingHeartRate"), "restingHeartRate", strict=True),
        body_battery_change=_integer(
            doc.get("bodyBatteryChange"), "bodyBatteryChange", strict=True
        ),
    )
    measured = (row.sleep_s, row.deep_sleep_s, row.light_sleep_s, row.rem_sleep_s, row.sleep_score)
    return [row] if any(v is not None for v in measured) else []


@dataclass(frozen=True)
class TrainingReadinessRow:
    """One training readiness calculation (Garmin recalculates during the day)."""

    TABLE: ClassVar[str] = "raw_garmin_training_readiness"

    calendar_date: date
    entry_index: int
    timestamp_utc: datetime | None
    timestamp_local: datetime | None
    score: int | None
    level: str | None
    input_context: str | None
    sleep_score: int | None
    hrv_weekly_avg_ms: float | None
    recovery_time_min: int | None
    acute_load: float | None


def parse_training_readiness(day: date, body: Any) -> list[TrainingReadinessRow]:
    """``metrics-service/metrics/trainingreadiness/{date}``: a list, ``[]`` when none."""
    if is_empty_body(body):
        return []
    if not isinstance(body, list):
        raise MalformedItem(f"expected a list, got {_where('training readiness', body)}")
    rows: list[TrainingReadinessRow] = []
    for k, raw in enumerate(body):
        entry = _mapping(raw, f"[{k}]")
        _check_date(entry.get("calendarDate"), day, f"[{k}].calendarDate")
        rows.append(
            TrainingReadinessRow(
                calendar_date=day,
                entry_index=k,
                timestamp_utc=_timestamp(entry.get("timestamp"), f"[{k}].timestamp", strict=True),
                timestamp_local=_timestamp(
                    entry.get("timestampLocal"), f"[{k}].timestampLocal", strict=True
                ),
                score=_integer(entry.get("score"), f"[{k}].score", strict=True),
                level=_text(entry.get("level"), f"[{k}].level", strict=True),
                input_context=_text(entry.get("inputContext"), f"[{k}].inputContext", strict=True),
                sleep_score=_integer(entry.get("sleepScore"), f"[{k}].sleepScore", strict=True),
                hrv_weekly_avg_ms=_number(
                    entry.get("hrvWeeklyAverage"), f"[{k}].hrvWeeklyAverage", strict=True
                ),
                recovery_time_min=_integer(
                    entry.get("recoveryTime"), f"[{k}].recoveryTime", strict=True
                ),
                acute_load=_number(entry.get("acuteLoad"), f"[{k}].acuteLoad", strict=True),
            )
        )
    return rows


WellnessRow = DailySummaryRow | HrvRow | SleepRow | TrainingReadinessRow
WELLNESS_PARSERS: dict[WellnessEndpoint, Callable[[date, Any], list[Any]]] = {
    "user_summary": parse_user_summary,
    "hrv": parse_hrv,
    "sleep": parse_sleep,
    "training_readiness": parse_training_readiness,
}
WELLNESS_TABLES: dict[WellnessEndpoint, str] = {
    "user_summary": DailySummaryRow.TABLE,
    "hrv": HrvRow.TABLE,
    "sleep": SleepRow.TABLE,
    "training_readiness": TrainingReadinessRow.TABLE,
}


def parse_wellness(endpoint: WellnessEndpoint, day: date, body: Any) -> list[WellnessRow]:
    """Rows for `endpoint`'s typed table; [] is "no data"."""
    return WELLNESS_PARSERS[endpoint](day, body)
