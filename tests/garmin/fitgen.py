"""Small synthetic FIT activity files for the Garmin Connect tests (`runlift_sync.fit.encode`).

Just enough for the ingestion pipeline to load a run or a strength session and for the tests to
know what is in it: file_id (the identity used to dedupe), records, the strength sets, a lap, a
session and an activity with its local time. Deterministic for the same arguments.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from runlift_sync.fit.encode import FitWriter, fit_time

SERIAL = 3_400_000_001
PRODUCT = 4315  # fr965


Adder = Callable[[str, dict[str, Any]], None]


@dataclass(frozen=True)
class FitSet:
    """A set as the watch recorded it (its guess of the exercise)."""

    set_type: str  # active | rest
    duration_s: int
    category: str | None = None
    category_subtype: int | None = None
    reps: int | None = None
    weight_kg: float | None = None


def _header(add: Adder, start: dt.datetime) -> None:
    add(
        "file_id",
        {
            "type": "activity",
            "manufacturer": "garmin",
            "product": PRODUCT,
            "serial_number": SERIAL,
            "time_created": fit_time(start),
        },
    )
    add(
        "event",
        {
            "timestamp": fit_time(start),
            "event": "timer",
            "event_type": "start",
        },
    )


def _close(
    add: Adder,
    start: dt.datetime,
    seconds: int,
    utc_offset_s: int,
    sport: tuple[str, str],
    totals: dict[str, Any],
) -> None:
    end = start + dt.timedelta(seconds=seconds)
    common = {
        "timestamp": fit_time(end),
        "start_time": fit_time(start),
        "total_elapsed_time": float(seconds),
        "total_timer_time": float(seconds),
        "sport": sport[0],
        "sub_sport": sport[1],
        **totals,
    }
    add("event", {"timestamp": fit_time(end), "event": "timer", "event_type": "stop_all"})
    add("lap", {"message_index": 0, "event": "lap", "event_type": "stop", **common})
    add(
        "session",
        {
            "message_index": 0,
            "event": "session",
            "event_type": "stop",
            "first_lap_index": 0,
            "num_laps": 1,
            **common,
        },
    )
    add(
        "activity",
        {
            "timestamp": fit_time(end),
            "total_timer_time": float(seconds),
            "num_sessions": 1,
            "type": "manual",
            "event": "activity",
            "event_type": "stop",
            "local_timestamp": fit_time(end) + utc_offset_s,
        },
    )


def run_fit(
    start: dt.datetime, *, seconds: int, distance_m: float, avg_hr: int, utc_offset_s: int = 0
) -> bytes:
    """A run: a record every 60 s at constant speed and heart rate."""
    writer = FitWriter()
    add = writer.add
    _header(add, start)
    t0 = fit_time(start)
    speed = distance_m / seconds
    for t in range(0, seconds + 1, 60):
        add(
            "record",
            {
                "timestamp": t0 + t,
                "distance": speed * t,
                "enhanced_speed": speed,
                "heart_rate": avg_hr,
            },
        )
    _close(
        add,
        start,
        seconds,
        utc_offset_s,
        ("running", "generic"),
        {
            "total_distance": distance_m,
            "avg_heart_rate": avg_hr,
            "max_heart_rate": avg_hr + 10,
            "enhanced_avg_speed": speed,
        },
    )
    return writer.close()


def strength_fit(start: dt.datetime, sets: list[FitSet], *, utc_offset_s: int = 0) -> bytes:
    """A strength session: heart-rate records, then one set message per set (rest included)."""
    writer = FitWriter()
    add = writer.add
    _header(add, start)
    t0 = fit_time(start)
    seconds = sum(s.duration_s for s in sets)
    for t in range(0, seconds + 1, 30):
        add("record", {"timestamp": t0 + t, "heart_rate": 100})
    clock = 0
    for index, s in enumerate(sets):
        fields: dict[str, Any] = {
            "timestamp": t0 + clock + s.duration_s,
            "duration": float(s.duration_s),
            "start_time": t0 + clock,
            "set_type": s.set_type,
            "message_index": index,
        }
        if s.category is not None:
            fields["category"] = [s.category]
            fields["category_subtype"] = [
                s.category_subtype if s.category_subtype is not None else 65534
            ]
        if s.weight_kg is not None:
            fields["weight"] = s.weight_kg
        if s.reps is not None:
            fields["repetitions"] = s.reps
        add("set", fields)
        clock += s.duration_s
    _close(
        add,
        start,
        seconds,
        utc_offset_s,
        ("training", "strength_training"),
        {
            "avg_heart_rate": 100,
            "max_heart_rate": 130,
        },
    )
    return writer.close()


def original_zip(activity_id: int, fit: bytes) -> bytes:
    """What Garmin Connect's "download original" returns: a zip holding {id}_ACTIVITY.fit."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{activity_id}_ACTIVITY.fit", fit)
    return buffer.getvalue()
