"""The raw tables: which FIT message lands in which table, with which typed columns and units.

One table per message type we use (`raw_<message>`); every other message lands in
`raw_message` with all its fields as JSON. In every table, fields without a typed column go
to `extra` (JSON) and developer fields to `developer` (JSON): nothing the watch recorded is
dropped.

These specs are the source of truth for the raw tables: `warehouse/migrations/002_raw_tables.sql`
was rendered from them (`python -m runlift_sync.fit.ddl`), a change here needs a new migration,
and `tests/ingest/test_decode.py` checks the migrated warehouse against them column for column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import orjson
import pyarrow as pa

from runlift_sync.fit import sdk_profile
from runlift_sync.fit.messages import Message

SEMICIRCLE_DEG = 180.0 / 2**31

Convert = Callable[[Any], Any]
Derive = Callable[[dict[str, Any], "BuildContext"], Any]


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _int(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return round(value)


def _text(value: Any) -> str | None:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _stamp(value: Any) -> dt.datetime | None:
    return value if isinstance(value, dt.datetime) else None


def _degrees(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value * SEMICIRCLE_DEG


def _texts(value: Any) -> list[str | None] | None:
    items = value if isinstance(value, list) else [value]
    return [None if v is None else str(v) for v in items]


def _ints(value: Any) -> list[int | None] | None:
    items = value if isinstance(value, list) else [value]
    if not all(
        v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)) for v in items
    ):
        return None
    return [None if v is None else round(v) for v in items]


def _floats(value: Any) -> list[float | None] | None:
    items = value if isinstance(value, list) else [value]
    if not all(
        v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)) for v in items
    ):
        return None
    return [None if v is None else float(v) for v in items]


DUCKDB_TO_ARROW: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "TIMESTAMP": pa.timestamp("us"),
    "BOOLEAN": pa.bool_(),
    "VARCHAR[]": pa.list_(pa.string()),
    "INTEGER[]": pa.list_(pa.int32()),
    "DOUBLE[]": pa.list_(pa.float64()),
    "JSON": pa.string(),
}

CONVERT_BY_TYPE: dict[str, Convert] = {
    "VARCHAR": _text,
    "INTEGER": _int,
    "BIGINT": _int,
    "DOUBLE": _num,
    "TIMESTAMP": _stamp,
    "VARCHAR[]": _texts,
    "INTEGER[]": _ints,
    "DOUBLE[]": _floats,
}


@dataclass(frozen=True)
class Column:
    """A typed column: the first present FIT field among `sources`, converted."""

    name: str
    dtype: str
    sources: tuple[str, ...] = ()
    convert: Convert | None = None
    derive: Derive | None = None
    doc: str = ""


@dataclass
class BuildContext:
    """State carried across messages while building tables (e.g. the last full timestamp)."""

    last_timestamp: dt.datetime | None = None


def c(
    name: str, dtype: str, *sources: str, convert: Convert | None = None, doc: str = ""
) -> Column:
    return Column(name, dtype, sources or (name,), convert, None, doc)


def derived(name: str, dtype: str, derive: Derive, doc: str = "") -> Column:
    return Column(name, dtype, (), None, derive, doc)


def ts(name: str = "timestamp_utc", *sources: str) -> Column:
    return c(name, "TIMESTAMP", *(sources or ("timestamp",)), doc="UTC")


def deg(name: str, source: str) -> Column:
    return c(name, "DOUBLE", source, convert=_degrees, doc="degrees (WGS84), from semicircles")


# ---- derived values --------------------------------------------------------------------------


def _utc_offset_s(fields: dict[str, Any], _: BuildContext) -> int | None:
    local, utc = fields.get("local_timestamp"), fields.get("timestamp")
    if isinstance(local, dt.datetime) and isinstance(utc, dt.datetime):
        return round((local - utc).total_seconds())
    return None


def _set_categories(fields: dict[str, Any]) -> list[Any]:
    value = fields.get("category")
    return value if isinstance(value, list) else ([] if value is None else [value])


def _set_category(fields: dict[str, Any], _: BuildContext) -> str | None:
    for category in _set_categories(fields):
        if isinstance(category, str) and category != "unknown":
            return category
    return None


def _set_exercise_names(fields: dict[str, Any], _: BuildContext) -> list[str | None] | None:
    categories = _set_categories(fields)
    subtypes = fields.get("category_subtype")
    subtypes = subtypes if isinstance(subtypes, list) else [subtypes]
    if not categories:
        return None
    names = [
        sdk_profile.exercise_name(cat, sub if isinstance(sub, int) else None)
        for cat, sub in zip(categories, subtypes + [None] * len(categories), strict=False)
    ]
    return names


def _set_exercise_name(fields: dict[str, Any], context: BuildContext) -> str | None:
    for name in _set_exercise_names(fields, context) or []:
        if name is not None:
            return name
    return None


def _near_timestamp(_: dict[str, Any], context: BuildContext) -> dt.datetime | None:
    return context.last_timestamp


# ---- the tables ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """A raw table fed by one FIT message type."""

    name: str
    message: str
    columns: tuple[Column, ...]
    doc: str


SESSION_LIKE = (
    ts(),
    ts("start_time_utc", "start_time"),
    c("total_elapsed_s", "DOUBLE", "total_elapsed_time"),
    c("total_timer_s", "DOUBLE", "total_timer_time"),
    c("total_distance_m", "DOUBLE", "total_distance"),
    c("total_calories_kcal", "DOUBLE", "total_calories"),
    c("avg_speed_mps", "DOUBLE", "enhanced_avg_speed", "avg_speed"),
    c("max_speed_mps", "DOUBLE", "enhanced_max_speed", "max_speed"),
    c("avg_hr", "INTEGER", "avg_heart_rate"),
    c("max_hr", "INTEGER", "max_heart_rate"),
    c("min_hr", "INTEGER", "min_heart_rate"),
    c("avg_cadence", "DOUBLE", "avg_running_cadence", "avg_cadence"),
    c("max_cadence", "DOUBLE", "max_running_cadence", "max_cadence"),
    c("avg_power_w", "DOUBLE", "avg_power"),
    c("max_power_w", "DOUBLE", "max_power"),
    c("normalized_power_w", "DOUBLE", "normalized_power"),
    c("total_ascent_m", "DOUBLE", "total_ascent"),
    c("total_descent_m", "DOUBLE", "total_descent"),
    deg("start_lat_deg", "start_position_lat"),
    deg("start_lon_deg", "start_position_long"),
    c("sport", "VARCHAR"),
    c("sub_sport", "VARCHAR"),
    c("event", "VARCHAR"),
    c("event_type", "VARCHAR"),
    c("message_index", "INTEGER"),
)

TABLES: tuple[Table, ...] = (
    Table(
        "raw_file_id",
        "file_id",
        (
            c("file_type", "VARCHAR", "type"),
            c("manufacturer", "VARCHAR"),
            c(
                "product_name",
                "VARCHAR",
                "product_name",
                "garmin_product",
                "favero_product",
                "product",
            ),
            c("serial_number", "BIGINT"),
            ts("time_created_utc", "time_created"),
            c("number", "INTEGER"),
        ),
        "Which device wrote the file, when, and what kind of file it is.",
    ),
    Table(
        "raw_file_creator",
        "file_creator",
        (c("software_version", "INTEGER"), c("hardware_version", "INTEGER")),
        "Software that wrote the file.",
    ),
    Table(
        "raw_device_info",
        "device_info",
        (
            ts(),
            c("device_index", "VARCHAR"),
            c(
                "device_type",
                "VARCHAR",
                "antplus_device_type",
                "ble_device_type",
                "local_device_type",
                "device_type",
            ),
            c("manufacturer", "VARCHAR"),
            c(
                "product_name",
                "VARCHAR",
                "product_name",
                "garmin_product",
                "favero_product",
                "product",
            ),
            c("serial_number", "BIGINT"),
            c("software_version", "DOUBLE"),
            c("hardware_version", "INTEGER"),
            c("battery_voltage_v", "DOUBLE", "battery_voltage"),
            c("battery_status", "VARCHAR"),
            c("source_type", "VARCHAR"),
            c("descriptor", "VARCHAR"),
            c("cum_operating_time_s", "DOUBLE", "cum_operating_time"),
        ),
        "The recording device and its sensors (one row per device per report).",
    ),
    Table(
        "raw_activity",
        "activity",
        (
            ts(),
            c("local_timestamp", "TIMESTAMP", doc="local wall-clock time of `timestamp_utc`"),
            derived(
                "utc_offset_s",
                "INTEGER",
                _utc_offset_s,
                doc="local time minus UTC, seconds (from local_timestamp)",
            ),
            c("total_timer_s", "DOUBLE", "total_timer_time"),
            c("num_sessions", "INTEGER"),
            c("activity_type", "VARCHAR", "type"),
            c("event", "VARCHAR"),
            c("event_type", "VARCHAR"),
        ),
        "The activity as a whole; its local_timestamp gives the athlete's time offset.",
    ),
    Table(
        "raw_sport",
        "sport",
        (c("sport", "VARCHAR"), c("sub_sport", "VARCHAR"), c("name", "VARCHAR")),
        "The sport profile the activity was recorded with.",
    ),
    Table(
        "raw_session",
        "session",
        (
            *SESSION_LIKE,
            c("sport_profile_name", "VARCHAR"),
            c("num_laps", "INTEGER"),
            c("first_lap_index", "INTEGER"),
            c("total_training_effect", "DOUBLE"),
            c("total_anaerobic_training_effect", "DOUBLE"),
            c("training_load_peak", "DOUBLE"),
            c("training_stress_score", "DOUBLE"),
            c("total_work_j", "DOUBLE", "total_work"),
            c("avg_temperature_c", "DOUBLE", "avg_temperature"),
            c("trigger", "VARCHAR"),
        ),
        "One row per session (a multisport file has several).",
    ),
    Table(
        "raw_lap",
        "lap",
        (
            *SESSION_LIKE,
            deg("end_lat_deg", "end_position_lat"),
            deg("end_lon_deg", "end_position_long"),
            c("intensity", "VARCHAR"),
            c("lap_trigger", "VARCHAR"),
            c("wkt_step_index", "INTEGER"),
        ),
        "One row per lap; `intensity` (active/rest/warmup/cooldown…) marks structured work.",
    ),
    Table(
        "raw_record",
        "record",
        (
            ts(),
            deg("lat_deg", "position_lat"),
            deg("lon_deg", "position_long"),
            c("distance_m", "DOUBLE", "distance"),
            c("speed_mps", "DOUBLE", "enhanced_speed", "speed"),
            c("altitude_m", "DOUBLE", "enhanced_altitude", "altitude"),
            c("heart_rate", "INTEGER", doc="bpm"),
            c("cadence", "INTEGER", doc="rpm, or steps per minute per leg when running"),
            c("fractional_cadence", "DOUBLE"),
            c("power_w", "DOUBLE", "power"),
            c("temperature_c", "DOUBLE", "temperature"),
            c("vertical_oscillation_mm", "DOUBLE", "vertical_oscillation"),
            c("stance_time_ms", "DOUBLE", "stance_time"),
            c("step_length_mm", "DOUBLE", "step_length"),
            c("grade_pct", "DOUBLE", "grade"),
            c("respiration_rate", "DOUBLE", "enhanced_respiration_rate", "respiration_rate"),
        ),
        "The sample stream: one row per record message.",
    ),
    Table(
        "raw_event",
        "event",
        (
            ts(),
            c("event", "VARCHAR"),
            c("event_type", "VARCHAR"),
            c("data", "BIGINT"),
            c("timer_trigger", "VARCHAR"),
            c("event_group", "INTEGER"),
        ),
        "Timer start/stop, laps, markers and other events.",
    ),
    Table(
        "raw_set",
        "set",
        (
            ts(),
            ts("start_time_utc", "start_time"),
            c("duration_s", "DOUBLE", "duration"),
            c("repetitions", "INTEGER"),
            c("weight_kg", "DOUBLE", "weight"),
            c("set_type", "VARCHAR", doc="active or rest"),
            c("categories", "VARCHAR[]", "category", doc="FIT exercise categories ('unknown')"),
            c("category_subtypes", "INTEGER[]", "category_subtype"),
            derived("category", "VARCHAR", _set_category, doc="first known category"),
            derived("exercise_names", "VARCHAR[]", _set_exercise_names),
            derived("exercise_name", "VARCHAR", _set_exercise_name, doc="first known name"),
            c("message_index", "INTEGER"),
            c("wkt_step_index", "INTEGER"),
            c("weight_display_unit", "VARCHAR"),
        ),
        "Strength-training sets as the watch recorded them.",
    ),
    Table(
        "raw_hrv",
        "hrv",
        (
            c("rr_s", "DOUBLE[]", "time", doc="beat-to-beat (RR) intervals, seconds"),
            derived(
                "near_timestamp_utc",
                "TIMESTAMP",
                _near_timestamp,
                doc="last full timestamp before this message (hrv has none of its own)",
            ),
        ),
        "Beat-to-beat intervals recorded during an activity.",
    ),
    Table(
        "raw_monitoring",
        "monitoring",
        (
            ts(),
            c("local_timestamp", "TIMESTAMP"),
            c("activity_type", "VARCHAR"),
            c("activity_subtype", "VARCHAR"),
            c("activity_level", "VARCHAR"),
            c("intensity", "DOUBLE"),
            c("steps", "BIGINT"),
            c("cycles", "DOUBLE"),
            c("distance_m", "DOUBLE", "distance"),
            c("active_time_s", "DOUBLE", "active_time"),
            c("active_calories_kcal", "DOUBLE", "active_calories"),
            c("calories_kcal", "DOUBLE", "calories"),
            c("heart_rate", "INTEGER"),
            c("duration_min", "DOUBLE"),
            c("moderate_activity_min", "DOUBLE", "moderate_activity_minutes"),
            c("vigorous_activity_min", "DOUBLE", "vigorous_activity_minutes"),
            c("ascent_m", "DOUBLE", "ascent"),
            c("descent_m", "DOUBLE", "descent"),
            c("temperature_c", "DOUBLE", "temperature"),
        ),
        "All-day monitoring samples (steps, heart rate, activity).",
    ),
    Table(
        "raw_monitoring_info",
        "monitoring_info",
        (
            ts(),
            c("local_timestamp", "TIMESTAMP"),
            derived("utc_offset_s", "INTEGER", _utc_offset_s),
            c("resting_metabolic_rate_kcal", "DOUBLE", "resting_metabolic_rate"),
        ),
        "Header of a monitoring file (its local time gives the time zone).",
    ),
    Table(
        "raw_monitoring_hr_data",
        "monitoring_hr_data",
        (
            ts(),
            c("resting_heart_rate", "INTEGER", doc="bpm, rolling (7-day) as the watch reports it"),
            c("current_day_resting_heart_rate", "INTEGER", doc="bpm, this day"),
        ),
        "Daily resting heart rate from a monitoring file.",
    ),
    Table(
        "raw_hrv_status_summary",
        "hrv_status_summary",
        (
            ts(),
            c("weekly_average_ms", "DOUBLE", "weekly_average"),
            c("last_night_average_ms", "DOUBLE", "last_night_average"),
            c("last_night_5_min_high_ms", "DOUBLE", "last_night_5_min_high"),
            c("baseline_low_upper_ms", "DOUBLE", "baseline_low_upper"),
            c("baseline_balanced_lower_ms", "DOUBLE", "baseline_balanced_lower"),
            c("baseline_balanced_upper_ms", "DOUBLE", "baseline_balanced_upper"),
            c("status", "VARCHAR"),
        ),
        "Nightly HRV status (RMSSD) as the watch summarises it.",
    ),
    Table(
        "raw_hrv_value",
        "hrv_value",
        (ts(), c("value_ms", "DOUBLE", "value", doc="5-minute RMSSD, ms")),
        "HRV (RMSSD) samples during the night.",
    ),
    Table(
        "raw_sleep_level",
        "sleep_level",
        (ts(), c("sleep_level", "VARCHAR", doc="unmeasurable, awake, light, deep, rem")),
        "Sleep stage changes.",
    ),
    Table(
        "raw_sleep_assessment",
        "sleep_assessment",
        (
            c("overall_sleep_score", "INTEGER"),
            c("sleep_quality_score", "INTEGER"),
            c("sleep_duration_score", "INTEGER"),
            c("sleep_recovery_score", "INTEGER"),
            c("deep_sleep_score", "INTEGER"),
            c("light_sleep_score", "INTEGER"),
            c("rem_sleep_score", "INTEGER"),
            c("awakenings_count", "INTEGER"),
            c("average_stress_during_sleep", "DOUBLE"),
        ),
        "The watch's scoring of a night.",
    ),
    Table(
        "raw_stress_level",
        "stress_level",
        (
            ts("timestamp_utc", "stress_level_time"),
            c("stress_level", "INTEGER", "stress_level_value"),
        ),
        "All-day stress samples (0–100; negative values mean not measurable).",
    ),
    Table(
        "raw_split",
        "split",
        (
            ts("start_time_utc", "start_time"),
            ts("end_time_utc", "end_time"),
            c("split_type", "VARCHAR"),
            c("total_elapsed_s", "DOUBLE", "total_elapsed_time"),
            c("total_timer_s", "DOUBLE", "total_timer_time"),
            c("total_distance_m", "DOUBLE", "total_distance"),
            c("avg_speed_mps", "DOUBLE", "avg_speed"),
            c("avg_hr", "INTEGER", "avg_heart_rate"),
            c("max_hr", "INTEGER", "max_heart_rate"),
            c("message_index", "INTEGER"),
        ),
        "Splits (climbing routes, run/walk splits, dive sections…).",
    ),
)

GENERIC = Table(
    "raw_message",
    "*",
    (
        c("mesg_num", "INTEGER"),
        c("message", "VARCHAR"),
        ts(),
    ),
    "Every other message type, fields as JSON in `extra`.",
)

COMMON_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("athlete", "VARCHAR", "the athlete this file belongs to"),
    ("file_sha256", "VARCHAR", "SHA-256 of the original file (fit_files.sha256)"),
    ("msg_index", "INTEGER", "position of the message among the file's data messages"),
)
TRAILING_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("extra", "JSON", "fields without a typed column (named from Garmin's profile)"),
    ("developer", "JSON", "developer (Connect IQ) fields by name"),
)

TABLE_BY_MESSAGE: dict[str, Table] = {t.message: t for t in TABLES}
ALL_TABLES: tuple[Table, ...] = (*TABLES, GENERIC)


@cache
def table_schema(table: Table) -> pa.Schema:
    """The Arrow schema of the decoded table (without athlete and file_sha256)."""
    fields = [pa.field("msg_index", pa.int32())]
    fields += [pa.field(col.name, DUCKDB_TO_ARROW[col.dtype]) for col in table.columns]
    fields += [pa.field("extra", pa.string()), pa.field("developer", pa.string())]
    return pa.schema(fields)


def _column(values: list[Any], kind: pa.DataType) -> pa.Array:
    """An Arrow column; a value that does not fit the type (overflow…) becomes null."""
    if not any(v is not None for v in values):
        return pa.nulls(len(values), kind)
    try:
        return pa.array(values, type=kind)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
        fitted: list[Any] = []
        for value in values:
            try:
                pa.array([value], type=kind)
                fitted.append(value)
            except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
                fitted.append(None)
        return pa.array(fitted, type=kind)


_JSON_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS | orjson.OPT_NAIVE_UTC


def _json(value: dict[str, Any]) -> str | None:
    if not value:
        return None
    return orjson.dumps(value, default=_json_default, option=_JSON_OPTIONS).decode()


def _json_default(value: Any) -> Any:
    return str(value)


def _plan(table: Table) -> list[tuple[str, tuple[str, ...], Convert, Derive | None]]:
    return [
        (col.name, col.sources, col.convert or CONVERT_BY_TYPE.get(col.dtype, _text), col.derive)
        for col in table.columns
    ]


_PLANS: dict[str, list[tuple[str, tuple[str, ...], Convert, Derive | None]]] = {
    table.name: _plan(table) for table in TABLES
}


def _fill_row(
    plan: list[tuple[str, tuple[str, ...], Convert, Derive | None]],
    fields: dict[str, Any],
    context: BuildContext,
    target: dict[str, list[Any]],
) -> dict[str, Any]:
    """Append one message's typed values to `target`; return the fields left for `extra`.

    The first present source that converts wins; a later source holding the same value
    (speed beside enhanced_speed) is accounted for too, a different one stays in extra.
    """
    used: set[str] = set()
    for name, sources, convert, derive in plan:
        if derive is not None:
            target[name].append(derive(fields, context))
            continue
        value: Any = None
        chosen: Any = None
        for source in sources:
            raw = fields.get(source)
            if raw is None:
                continue
            if value is None:
                value = convert(raw)
                if value is not None:
                    chosen = raw
                    used.add(source)
            elif raw == chosen:
                used.add(source)
        target[name].append(value)
    if len(used) == len(fields):
        return {}
    return {k: v for k, v in fields.items() if k not in used}


def build_tables(messages: Iterable[Message]) -> dict[str, pa.Table]:
    """Columnar tables from messages; only tables with at least one row are returned."""
    rows: dict[str, list[tuple[Message, dt.datetime | None]]] = {}
    last_timestamp: dt.datetime | None = None
    for message in messages:
        table = TABLE_BY_MESSAGE.get(message.name, GENERIC)
        rows.setdefault(table.name, []).append((message, last_timestamp))
        stamp = message.fields.get("timestamp")
        if isinstance(stamp, dt.datetime):
            last_timestamp = stamp
    return {
        table.name: table_from_messages(table, rows[table.name])
        for table in ALL_TABLES
        if table.name in rows
    }


def table_from_messages(
    table: Table, rows: Iterable[tuple[Message, dt.datetime | None]]
) -> pa.Table:
    """One table from its messages, each with the last full timestamp before it in the file."""
    schema = table_schema(table)
    target: dict[str, list[Any]] = {name: [] for name in schema.names}
    context = BuildContext()
    plan = None if table is GENERIC else _PLANS[table.name]
    for message, last_timestamp in rows:
        fields = message.fields
        context.last_timestamp = last_timestamp
        target["msg_index"].append(message.index)
        stamp = fields.get("timestamp")
        if plan is None:
            target["mesg_num"].append(message.mesg_num)
            target["message"].append(message.name)
            target["timestamp_utc"].append(stamp if isinstance(stamp, dt.datetime) else None)
            extra = {k: v for k, v in fields.items() if k != "timestamp" or stamp is None}
        else:
            extra = _fill_row(plan, fields, context, target)
        target["extra"].append(_json(extra))
        target["developer"].append(_json(message.developer))
    arrays = [_column(target[field.name], field.type) for field in schema]
    return pa.Table.from_arrays(arrays, schema=schema)
