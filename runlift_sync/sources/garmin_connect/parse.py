"""Garmin Connect JSON bodies → typed rows (pure: no network, no database).

Each parser validates the body exactly as received against its pydantic model
(`bodies.py`) and returns rows for one typed table, an empty list when Garmin answered "no
data" (HTTP 204 → ``{}``, ``[]``, a summary with nothing in it), or raises `MalformedItem`
when the body is not the shape expected, so the caller sets that one item aside with its raw
body and goes on.

Strictness differs on purpose. An item of the activity list needs only its id and start time
(the rest is read leniently): the original FIT file it points to is what matters, and the whole
item is kept as JSON anyway. Wellness and exercise-set bodies are read strictly: a value of the
wrong type means the shape changed, and guessing would put nonsense into the typed tables.

A daily summary Garmin marks ``privacyProtected`` is not "no data": it raises
`GarminPrivacyProtected`, an error the athlete must act on.

Units: Garmin sends exercise-set weights in grams (see `ExerciseSetRow`), durations in seconds,
sleep timestamps as epoch milliseconds and other timestamps as ISO text without a zone
(``startTimeGMT``/``…GMT`` fields are UTC, ``…Local`` fields are the athlete's wall clock).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ValidationError

from runlift_sync.sources.garmin_connect import bodies
from runlift_sync.sources.garmin_connect.constants import STRENGTH_TYPE_KEYS, WellnessEndpoint
from runlift_sync.sources.garmin_connect.failures import GarminPrivacyProtected, MalformedItem

GRAMS_PER_KG = 1000.0
SetType = Literal["active", "rest"]

__all__ = ["MalformedItem"]


# --- validation ------------------------------------------------------------------------------


def is_empty_body(body: Any) -> bool:
    """Garmin's ways of saying "nothing for this day/activity": 204 (→ {}), null, {}, []."""
    return body is None or body == {} or body == []


_SHAPES = {
    "model_type": "expected an object",
    "model_attributes_type": "expected an object",
    "dict_type": "expected an object",
    "list_type": "expected a list",
}


def _where(location: tuple[int | str, ...]) -> str:
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else f".{part}" if path else str(part)
    return path


def validated[M: BaseModel](model: type[M], body: Any, what: str) -> M:
    """`body` as `model`, or `MalformedItem` naming the first field that is wrong."""
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        where = _where(tuple(error["loc"])) or what
        shown = repr(error.get("input"))
        shown = f"{shown[:60]}{'…' if len(shown) > 60 else ''}"
        kind = _SHAPES.get(error["type"])
        if kind is not None:
            raise MalformedItem(f"{kind}, got {where}={shown}") from None
        message = str(error["msg"]).removeprefix("Value error, ")
        raise MalformedItem(f"{where}: {message}") from None


def _check_date(found: str | None, asked: date, field: str) -> None:
    if found is not None and found[:10] != asked.isoformat():
        raise MalformedItem(f"answer is about {field}={found!r}, asked for {asked}")


def _lower(value: str | None) -> str | None:
    return value.lower() if value is not None else None


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
    if not isinstance(item, dict):
        return None
    return bodies.activity_id(item.get("activityId"))


def parse_activity(item: Any) -> ActivityRow:
    """An item of ``activitylist-service/activities/search/activities``."""
    doc = validated(bodies.ActivityListItem, item, "activity")
    if doc.activity_id is None:
        found = item.get("activityId") if isinstance(item, dict) else None
        raise MalformedItem(f"no usable activity id (activityId={found!r})")
    if doc.start_time_gmt is None:
        raise MalformedItem(f"activity {doc.activity_id} has no startTimeGMT")
    summarized = doc.summarized_exercise_sets
    return ActivityRow(
        activity_id=doc.activity_id,
        activity_name=doc.activity_name,
        type_key=doc.activity_type.type_key,
        parent_type_id=doc.activity_type.parent_type_id,
        event_type=doc.event_type.type_key,
        start_time_utc=doc.start_time_gmt,
        start_time_local=doc.start_time_local,
        duration_s=doc.duration,
        elapsed_s=doc.elapsed_duration,
        moving_s=doc.moving_duration,
        distance_m=doc.distance,
        calories=doc.calories,
        avg_hr=doc.average_hr,
        max_hr=doc.max_hr,
        aerobic_training_effect=doc.aerobic_training_effect,
        anaerobic_training_effect=doc.anaerobic_training_effect,
        training_effect_label=doc.training_effect_label,
        training_load=doc.activity_training_load,
        total_sets=doc.total_sets,
        total_reps=doc.total_reps,
        is_manual=doc.manual_activity is True,
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


def _best_candidate(
    exercises: list[bodies.ExerciseCandidate] | None,
) -> tuple[str | None, str | None, float | None, int]:
    """The most probable exercise of a set (first one on a tie), and how many were listed."""
    if not exercises:
        return None, None, None, 0
    best = max(
        exercises,
        key=lambda c: c.probability if c.probability is not None else -1.0,
    )  # max keeps the first of equals
    return _lower(best.category), _lower(best.name), best.probability, len(exercises)


def parse_exercise_sets(activity_id: int, body: Any) -> list[ExerciseSetRow]:
    """``activity-service/activity/{id}/exerciseSets``: one row per set, rest sets included."""
    if is_empty_body(body):
        return []
    doc = validated(bodies.ExerciseSetsBody, body, "exerciseSets body")
    if doc.activity_id is not None and bodies.activity_id(doc.activity_id) != activity_id:
        raise MalformedItem(
            f"answer is about activity {doc.activity_id!r}, asked for {activity_id}"
        )
    rows: list[ExerciseSetRow] = []
    for position, item in enumerate(doc.exercise_sets or []):
        where = f"exerciseSets[{position}]"
        set_type = (item.set_type or "").lower()
        if set_type not in ("active", "rest"):
            raise MalformedItem(f"unknown set type {where}.setType={item.set_type!r}")
        if item.weight is not None and item.weight < 0:
            raise MalformedItem(f"negative weight {where}.weight={item.weight!r}")
        category, name, probability, n_candidates = _best_candidate(item.exercises)
        rows.append(
            ExerciseSetRow(
                set_index=position,
                list_position=position,
                message_index=item.message_index,
                set_type=set_type,  # type: ignore[arg-type]
                start_time_utc=item.start_time,
                duration_s=item.duration,
                category=category,
                exercise_name=name,
                probability=probability,
                n_candidates=n_candidates,
                repetitions=item.repetition_count,
                weight_g=item.weight,
                weight_kg=item.weight / GRAMS_PER_KG if item.weight is not None else None,
                wkt_step_index=item.wkt_step_index,
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
    doc = validated(bodies.UserSummaryBody, body, "user summary")
    _check_date(doc.calendar_date, day, "calendarDate")
    if doc.privacy_protected:
        raise GarminPrivacyProtected(
            f"Garmin Connect answers that the daily summary of {day} is privacy-protected for "
            "this login, so runlift cannot read your daily wellness (nothing of that day was "
            "stored). Sign in with the account your watch syncs to (`runlift login`), or check "
            "its privacy settings on connect.garmin.com, then sync again"
        )
    row = DailySummaryRow(
        calendar_date=day,
        resting_hr=doc.resting_heart_rate,
        resting_hr_7d_avg=doc.last_seven_days_avg_resting_heart_rate,
        min_hr=doc.min_heart_rate,
        max_hr=doc.max_heart_rate,
        stress_avg=_level(doc.average_stress_level),
        stress_max=_level(doc.max_stress_level),
        body_battery_high=doc.body_battery_highest_value,
        body_battery_low=doc.body_battery_lowest_value,
        body_battery_charged=doc.body_battery_charged_value,
        body_battery_drained=doc.body_battery_drained_value,
        body_battery_at_wake=doc.body_battery_at_wake_time,
        steps=doc.total_steps,
        total_kcal=doc.total_kilocalories,
        active_kcal=doc.active_kilocalories,
        moderate_intensity_min=doc.moderate_intensity_minutes,
        vigorous_intensity_min=doc.vigorous_intensity_minutes,
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


def last_sync_of(body: Any) -> datetime | None:
    """When the watch last synced, as a daily summary says (lastSyncTimestampGMT, UTC)."""
    if not isinstance(body, dict):
        return None
    try:
        return bodies.timestamp(body.get("lastSyncTimestampGMT"))
    except ValueError:
        return None


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
    doc = validated(bodies.HrvBody, body, "hrv body")
    summary = doc.hrv_summary
    if summary is None:
        return []
    _check_date(summary.calendar_date, day, "hrvSummary.calendarDate")
    baseline = summary.baseline or bodies.HrvBaselineBody()
    row = HrvRow(
        calendar_date=day,
        last_night_avg_ms=summary.last_night_avg,
        last_night_5min_high_ms=summary.last_night_5_min_high,
        weekly_avg_ms=summary.weekly_avg,
        status=summary.status,
        feedback_phrase=summary.feedback_phrase,
        baseline_low_upper_ms=baseline.low_upper,
        baseline_balanced_low_ms=baseline.balanced_low,
        baseline_balanced_upper_ms=baseline.balanced_upper,
        n_readings=len(doc.hrv_readings or []),
        sleep_start_utc=doc.sleep_start_gmt,
        sleep_end_utc=doc.sleep_end_gmt,
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
    doc = validated(bodies.SleepBody, body, "sleep body")
    dto = doc.daily_sleep
    if dto is None:
        return []
    _check_date(dto.calendar_date, day, "dailySleepDTO.calendarDate")
    overall = (dto.sleep_scores.overall if dto.sleep_scores else None) or bodies.SleepScoreBody()
    row = SleepRow(
        calendar_date=day,
        sleep_s=dto.sleep_time_seconds,
        nap_s=dto.nap_time_seconds,
        deep_sleep_s=dto.deep_sleep_seconds,
        light_sleep_s=dto.light_sleep_seconds,
        rem_sleep_s=dto.rem_sleep_seconds,
        awake_s=dto.awake_sleep_seconds,
        unmeasurable_s=dto.unmeasurable_sleep_seconds,
        sleep_score=overall.value,
        sleep_score_qualifier=overall.qualifier_key,
        sleep_start_utc=dto.sleep_start_gmt,
        sleep_end_utc=dto.sleep_end_gmt,
        avg_sleep_stress=dto.avg_sleep_stress,
        avg_respiration_brpm=dto.average_respiration_value,
        resting_hr=doc.resting_heart_rate,
        body_battery_change=doc.body_battery_change,
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
    entries = validated(bodies.TrainingReadinessBody, body, "training readiness").root
    rows: list[TrainingReadinessRow] = []
    for k, entry in enumerate(entries):
        _check_date(entry.calendar_date, day, f"[{k}].calendarDate")
        rows.append(
            TrainingReadinessRow(
                calendar_date=day,
                entry_index=k,
                timestamp_utc=entry.timestamp,
                timestamp_local=entry.timestamp_local,
                score=entry.score,
                level=entry.level,
                input_context=entry.input_context,
                sleep_score=entry.sleep_score,
                hrv_weekly_avg_ms=entry.hrv_weekly_average,
                recovery_time_min=entry.recovery_time,
                acute_load=entry.acute_load,
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
