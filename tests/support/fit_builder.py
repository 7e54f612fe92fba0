"""FIT files of known character for the model's tests (written with `runlift_sync.fit.encode`).

Runs are made of segments of constant speed and heart rate, recorded every `step_s` seconds
(like a watch's smart recording) plus a last sample at the end, so the time in each zone is
known exactly (each sample holds until the next); each segment can close a lap with a workout
intensity. Lifts are sets and rests with heart rate rising in the sets and falling in the rests.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from runlift_sync.fit.encode import FitWriter, fit_time

_serials = itertools.count(3_900_000_001)


@dataclass(frozen=True)
class Segment:
    """Steady running: `seconds` at `speed_mps` and heart rate `hr` (None: no HR sensor)."""

    seconds: int
    speed_mps: float
    hr: int | None
    intensity: str | None = None


@dataclass(frozen=True)
class SetDef:
    """A strength set and the rest after it."""

    category: str | None
    reps: int | None
    weight_kg: float | None
    duration_s: int = 40
    rest_s: int = 90
    subtype: int | None = None


def _header(w: FitWriter, start: datetime, serial: int) -> None:
    w.add(
        "file_id",
        {
            "type": "activity",
            "manufacturer": "garmin",
            "product": 3113,
            "serial_number": serial,
            "time_created": start,
        },
    )
    w.add(
        "event",
        {
            "timestamp": start,
            "event": "timer",
            "event_type": "start",
            "event_group": 0,
        },
    )


def _close(
    w: FitWriter,
    start: datetime,
    end: datetime,
    utc_offset_s: int | None,
    totals: dict[str, Any],
    sport: str,
    sub_sport: str,
    n_laps: int,
) -> None:
    w.add(
        "event",
        {
            "timestamp": end,
            "event": "timer",
            "event_type": "stop_all",
            "event_group": 0,
        },
    )
    w.add(
        "session",
        {
            "message_index": 0,
            "timestamp": end,
            "start_time": start,
            "event": "session",
            "event_type": "stop",
            "sport": sport,
            "sub_sport": sub_sport,
            "first_lap_index": 0,
            "num_laps": n_laps,
            **totals,
        },
    )
    activity: dict[str, Any] = {
        "timestamp": end,
        "total_timer_time": totals["total_timer_time"],
        "num_sessions": 1,
        "type": "manual",
        "event": "activity",
        "event_type": "stop",
    }
    if utc_offset_s is not None:
        activity["local_timestamp"] = fit_time(end) + utc_offset_s
    w.add("activity", activity)


def _summary(seconds: int, distance: float, hrs: list[int], speeds: list[float]) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "total_elapsed_time": float(seconds),
        "total_timer_time": float(seconds),
        "total_distance": distance,
    }
    if seconds:
        fields["enhanced_avg_speed"] = distance / seconds
        fields["enhanced_max_speed"] = max(speeds) if speeds else 0.0
    if hrs:
        fields["avg_heart_rate"] = round(sum(hrs) / len(hrs))
        fields["max_heart_rate"] = max(hrs)
    return fields


def _record(start: datetime, t: int, distance: float, seg: Segment) -> dict[str, Any]:
    record: dict[str, Any] = {
        "timestamp": start + timedelta(seconds=t),
        "distance": round(distance, 2),
        "enhanced_speed": seg.speed_mps,
    }
    if seg.hr is not None:
        record["heart_rate"] = seg.hr
    return record


def run_file(
    start: datetime,
    segments: list[Segment],
    *,
    utc_offset_s: int | None = 3600,
    sub_sport: str = "generic",
    laps: bool = True,
    serial: int | None = None,
    step_s: int = 5,
) -> bytes:
    """A running activity; one lap per segment when `laps` (else one lap for the run)."""
    start = start.astimezone(UTC)
    w = FitWriter()
    _header(w, start, serial or next(_serials))
    w.add("sport", {"sport": "running", "sub_sport": sub_sport})
    t = 0
    distance = 0.0
    all_hr: list[int] = []
    all_speed: list[float] = []
    lap_index = 0
    lap_rows: list[tuple[int, int, float, list[int], list[float], str | None]] = []
    last: Segment | None = None
    for seg in segments:
        assert seg.seconds % step_s == 0, "segments must last a multiple of step_s"
        seg_start, seg_dist = t, distance
        hrs: list[int] = []
        speeds: list[float] = []
        for _ in range(seg.seconds // step_s):
            w.add("record", _record(start, t, distance, seg))
            if seg.hr is not None:
                hrs += [seg.hr] * step_s
            speeds += [seg.speed_mps] * step_s
            t += step_s
            distance += seg.speed_mps * step_s
        all_hr += hrs
        all_speed += speeds
        lap_rows.append((seg_start, t, distance - seg_dist, hrs, speeds, seg.intensity))
        last = seg
    if last is not None:
        w.add("record", _record(start, t, distance, last))  # the sample that closes the run
    if not laps:
        lap_rows = [(0, t, distance, all_hr, all_speed, None)]
    for lap_start, lap_end, lap_dist, hrs, speeds, intensity in lap_rows:
        lap: dict[str, Any] = {
            "message_index": lap_index,
            "timestamp": start + timedelta(seconds=lap_end),
            "start_time": start + timedelta(seconds=lap_start),
            "event": "lap",
            "event_type": "stop",
            "lap_trigger": "manual" if laps else "session_end",
            "sport": "running",
            **_summary(lap_end - lap_start, lap_dist, hrs, speeds),
        }
        if intensity is not None:
            lap["intensity"] = intensity
        w.add("lap", lap)
        lap_index += 1
    end = start + timedelta(seconds=t)
    totals = _summary(t, distance, all_hr, all_speed)
    _close(w, start, end, utc_offset_s, totals, "running", sub_sport, len(lap_rows))
    return w.close()


def _hr_record(start: datetime, t: int, hr: int | None) -> dict[str, Any]:
    record: dict[str, Any] = {"timestamp": start + timedelta(seconds=t)}
    if hr is not None:
        record["heart_rate"] = hr
    return record


def lift_file(
    start: datetime,
    sets: list[SetDef],
    *,
    hr_work: int | None = 135,
    hr_rest: int | None = 100,
    sport: str = "training",
    sub_sport: str = "strength_training",
    write_sets: bool = True,
    same_timestamp: bool = False,
    utc_offset_s: int | None = 3600,
    serial: int | None = None,
    step_s: int = 5,
) -> bytes:
    """A strength session: HR records (work/rest), then one set message per set and rest."""
    start = start.astimezone(UTC)
    w = FitWriter()
    _header(w, start, serial or next(_serials))
    w.add("sport", {"sport": sport, "sub_sport": sub_sport})
    t = 0
    hrs: list[int] = []
    timeline: list[tuple[int, int, str, SetDef]] = []
    for s in sets:
        for kind, seconds, hr in (("active", s.duration_s, hr_work), ("rest", s.rest_s, hr_rest)):
            if seconds <= 0:
                continue
            timeline.append((t, seconds, kind, s))
            assert seconds % step_s == 0, "sets and rests must last a multiple of step_s"
            for _ in range(seconds // step_s):
                w.add("record", _hr_record(start, t, hr))
                if hr is not None:
                    hrs += [hr] * step_s
                t += step_s
    w.add("record", _hr_record(start, t, hr_rest))  # the sample that closes the session
    end = start + timedelta(seconds=t)
    if write_sets:
        for index, (set_start, seconds, kind, s) in enumerate(timeline):
            fields: dict[str, Any] = {
                "timestamp": start
                if same_timestamp
                else start + timedelta(seconds=set_start + seconds),
                "start_time": start + timedelta(seconds=set_start),
                "duration": float(seconds),
                "set_type": kind,
                "message_index": index,
            }
            if kind == "active":
                if s.category is not None:
                    fields["category"] = [s.category]
                    if s.subtype is not None:
                        fields["category_subtype"] = [s.subtype]
                if s.reps is not None:
                    fields["repetitions"] = s.reps
                if s.weight_kg is not None:
                    fields["weight"] = s.weight_kg
            w.add("set", fields)
    w.add(
        "lap",
        {
            "message_index": 0,
            "timestamp": end,
            "start_time": start,
            "event": "lap",
            "event_type": "stop",
            "lap_trigger": "session_end",
            "sport": sport,
            **_summary(t, 0.0, hrs, []),
        },
    )
    _close(w, start, end, utc_offset_s, _summary(t, 0.0, hrs, []), sport, sub_sport, 1)
    return w.close()


def monitoring_file(
    day_start: datetime, resting_hr: int, *, utc_offset_s: int = 3600, serial: int | None = None
) -> bytes:
    """A day's monitoring file with the day's resting heart rate (monitoring_hr_data)."""
    day_start = day_start.astimezone(UTC)
    w = FitWriter()
    w.add(
        "file_id",
        {
            "type": "monitoring_b",
            "manufacturer": "garmin",
            "product": 3113,
            "serial_number": serial or next(_serials),
            "time_created": day_start,
        },
    )
    w.add(
        "monitoring_info",
        {
            "timestamp": day_start,
            "local_timestamp": fit_time(day_start) + utc_offset_s,
        },
    )
    for hour in range(1, 24):
        w.add(
            "monitoring",
            {
                "timestamp": day_start + timedelta(hours=hour),
                "heart_rate": resting_hr + 10 + hour % 5,
            },
        )
    w.add(
        "monitoring_hr_data",
        {
            "timestamp": day_start + timedelta(hours=8),
            "resting_heart_rate": resting_hr,
            "current_day_resting_heart_rate": resting_hr,
        },
    )
    return w.close()
