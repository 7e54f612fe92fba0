"""Encode rendered sessions and wellness days as FIT files (`runlift_sync.fit.encode`).

Returns bytes; writing them to disk is the caller's business. Message order and fields follow
what a Forerunner/Fenix writes (see the docstrings per file kind). Enum fields take the
profile's names or raw numbers (needed for the unnamed file types 49 and 68 and the sleep
event 74).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from runlift_sync.demo import device
from runlift_sync.demo.recording import Lap, RenderedLift, RenderedRun, Totals
from runlift_sync.demo.specs import DaySpec, NightSpec
from runlift_sync.fit.encode import FitWriter, fit_local_time, fit_time

SLEEP_EVENT = 74  # the event a watch brackets a night with (not named in the public profile)


def _header(w: FitWriter, file_type: str | int, created: datetime) -> None:
    w.add(
        "file_id",
        {
            "type": file_type,
            "manufacturer": device.MANUFACTURER,
            "product": device.PRODUCT,
            "serial_number": device.SERIAL_NUMBER,
            "time_created": fit_time(created),
        },
    )
    w.add("file_creator", {"software_version": device.SOFTWARE_VERSION})


def _creator_info(w: FitWriter, when: datetime) -> None:
    w.add(
        "device_info",
        {
            "timestamp": fit_time(when),
            "device_index": "creator",
            "manufacturer": device.MANUFACTURER,
            "product": device.PRODUCT,
            "serial_number": device.SERIAL_NUMBER,
            "software_version": device.SOFTWARE_VERSION / 100,
            "source_type": "local",
        },
    )


def _sensor_info(w: FitWriter, when: datetime) -> None:
    w.add(
        "device_info",
        {
            "timestamp": fit_time(when),
            "device_index": 1,
            "device_type": 10,  # local: whr
            "software_version": device.WHR_SOFTWARE_VERSION,
            "source_type": "local",
        },
    )


def _timer(w: FitWriter, when: datetime, event_type: str) -> None:
    w.add(
        "event",
        {
            "timestamp": fit_time(when),
            "event": "timer",
            "event_type": event_type,
            "event_group": 0,
            "data": 0,
        },
    )


def _activity(w: FitWriter, end: datetime, timer_s: float, tz: ZoneInfo) -> None:
    w.add(
        "activity",
        {
            "timestamp": fit_time(end),
            "total_timer_time": timer_s,
            "num_sessions": 1,
            "type": "manual",
            "event": "activity",
            "event_type": "stop",
            "local_timestamp": fit_local_time(end, tz),
        },
    )


def encode_run(run: RenderedRun, tz: ZoneInfo) -> bytes:
    """A running activity: header, timer start, device, sport, workout, records with laps
    interleaved as they close, timer stop, session, activity."""
    spec = run.spec
    start = spec.start_utc
    t0 = fit_time(start)
    w = FitWriter()
    _header(w, device.FILE_TYPE_ACTIVITY, start)
    _timer(w, start, "start")
    _creator_info(w, start)
    _sensor_info(w, start)
    w.add("sport", {"sport": "running", "sub_sport": "generic", "name": "Run"})
    if spec.workout_name is not None:
        _workout(w, run)
    samples = run.samples
    lap_iter = iter(enumerate(run.laps))
    next_lap = next(lap_iter, None)
    for s in samples:
        w.add(
            "record",
            {
                "timestamp": t0 + s.t,
                "position_lat": s.lat,
                "position_long": s.lon,
                "distance": s.distance_m,
                "enhanced_speed": s.speed_mps,
                "enhanced_altitude": s.altitude_m,
                "heart_rate": s.heart_rate,
                "cadence": s.cadence,
            },
        )
        while next_lap is not None and next_lap[1].totals.end_t == s.t:
            _lap(w, run, next_lap[0], next_lap[1], t0)
            next_lap = next(lap_iter, None)
    end = run.end_utc
    _timer(w, end, "stop_all")
    _creator_info(w, end)
    total = run.session
    first = samples[0]
    w.add(
        "session",
        {
            "message_index": 0,
            "timestamp": fit_time(end),
            "event": "session",
            "event_type": "stop",
            "start_time": t0,
            "start_position_lat": first.lat,
            "start_position_long": first.lon,
            "sport": "running",
            "sub_sport": "generic",
            **_totals_fields(total),
            "first_lap_index": 0,
            "num_laps": len(run.laps),
            "trigger": "activity_end",
            "sport_profile_name": "Run",
        },
    )
    _activity(w, end, float(total.timer_s), tz)
    return w.close()


def _totals_fields(total: Totals) -> dict[str, Any]:
    return {
        "total_elapsed_time": float(total.timer_s),
        "total_timer_time": float(total.timer_s),
        "total_distance": total.distance_m,
        "total_cycles": total.strides,
        "total_calories": total.kcal,
        "enhanced_avg_speed": total.avg_speed_mps,
        "enhanced_max_speed": total.max_speed_mps,
        "avg_heart_rate": total.avg_hr,
        "max_heart_rate": total.max_hr,
        "avg_cadence": total.avg_cadence,
        "max_cadence": total.max_cadence,
        "total_ascent": total.ascent_m,
        "total_descent": total.descent_m,
    }


def _lap(w: FitWriter, run: RenderedRun, index: int, lap: Lap, t0: int) -> None:
    total = lap.totals
    start = run.samples[total.start_index]
    end = run.samples[total.end_index]
    fields: dict[str, Any] = {
        "message_index": index,
        "timestamp": t0 + total.end_t,
        "event": "lap",
        "event_type": "stop",
        "start_time": t0 + total.start_t,
        "start_position_lat": start.lat,
        "start_position_long": start.lon,
        "end_position_lat": end.lat,
        "end_position_long": end.lon,
        **_totals_fields(total),
        "intensity": lap.intensity,
        "lap_trigger": lap.trigger,
        "sport": "running",
        "sub_sport": "generic",
    }
    if run.spec.workout_name is not None:
        fields["wkt_step_index"] = lap.wkt_step_index
    w.add("lap", fields)


def _workout(w: FitWriter, run: RenderedRun) -> None:
    """The structured workout the watch ran (as synced from Garmin Connect)."""
    spec = run.spec
    steps: list[dict[str, Any]] = []
    by_index = {s.wkt_step_index: s for s in spec.steps}
    if spec.run_type == "intervals":
        warm, work, rest = by_index[0], by_index[1], by_index[2]
        steps = [
            {
                "duration_type": "time",
                "duration_value": (warm.duration_s or 0) * 1000,
                "target_type": "open",
                "intensity": "warmup",
            },
            {
                "duration_type": "distance",
                "duration_value": round((work.distance_m or 0) * 100),
                **_speed_target(work.speed_mps),
                "intensity": "active",
            },
            {
                "duration_type": "time",
                "duration_value": (rest.duration_s or 0) * 1000,
                "target_type": "open",
                "intensity": "rest",
            },
            {
                "duration_type": "repeat_until_steps_cmplt",
                "duration_value": 1,
                "target_value": spec.repeats,
            },
            {"duration_type": "open", "target_type": "open", "intensity": "cooldown"},
        ]
    else:  # tempo
        warm, work = by_index[0], by_index[1]
        steps = [
            {
                "duration_type": "distance",
                "duration_value": round((warm.distance_m or 0) * 100),
                "target_type": "open",
                "intensity": "warmup",
            },
            {
                "duration_type": "time",
                "duration_value": (work.duration_s or 0) * 1000,
                **_speed_target(work.speed_mps),
                "intensity": "active",
            },
            {"duration_type": "open", "target_type": "open", "intensity": "cooldown"},
        ]
    w.add(
        "workout",
        {
            "wkt_name": spec.workout_name,
            "sport": "running",
            "sub_sport": "generic",
            "num_valid_steps": len(steps),
            "capabilities": "tcx",
        },
    )
    for index, step in enumerate(steps):
        w.add("workout_step", {"message_index": index, **step})


def _speed_target(speed_mps: float) -> dict[str, Any]:
    """A custom speed range (mm/s) of ±3 % around the planned speed."""
    return {
        "target_type": "speed",
        "target_value": 0,
        "custom_target_value_low": round(speed_mps * 970),
        "custom_target_value_high": round(speed_mps * 1030),
    }


def encode_lift(lift: RenderedLift, tz: ZoneInfo) -> bytes:
    """A strength session: heart-rate records, then the sets (as Fenix/Forerunner write them:
    after the records, one message per active set and per rest), one lap, session, activity."""
    spec = lift.spec
    start = spec.start_utc
    t0 = fit_time(start)
    w = FitWriter()
    _header(w, device.FILE_TYPE_ACTIVITY, start)
    _timer(w, start, "start")
    _creator_info(w, start)
    _sensor_info(w, start)
    w.add("sport", {"sport": "training", "sub_sport": "strength_training", "name": "Strength"})
    for t, hr in lift.samples:
        w.add("record", {"timestamp": t0 + t, "heart_rate": hr})
    end = lift.end_utc
    _timer(w, end, "stop_all")
    _creator_info(w, end)
    reps_total = 0
    for index, s in enumerate(lift.sets):
        fields: dict[str, Any] = {
            "timestamp": t0 + s.start_t + s.duration_s,
            "duration": float(s.duration_s),
            "start_time": t0 + s.start_t,
            "set_type": s.set_type,
            "message_index": index,
        }
        if s.set_type == "active":
            exercise = spec.exercises[s.exercise_index]
            fields["category"] = [exercise.category] * 3
            fields["category_subtype"] = [exercise.category_subtype] * 3
            fields["weight"] = s.weight_kg
            fields["weight_display_unit"] = "kilogram"
            if s.reps is not None:
                fields["repetitions"] = s.reps
                reps_total += s.reps
        w.add("set", fields)
    timer = float(lift.duration_s)
    common = {
        "timestamp": fit_time(end),
        "start_time": t0,
        "total_elapsed_time": timer,
        "total_timer_time": timer,
        "total_distance": 0.0,
        "total_calories": lift.kcal,
        "avg_heart_rate": lift.avg_hr,
        "max_heart_rate": lift.max_hr,
        "sport": "training",
        "sub_sport": "strength_training",
        "event_type": "stop",
    }
    w.add(
        "lap",
        {
            "message_index": 0,
            "event": "lap",
            "intensity": "active",
            "lap_trigger": "session_end",
            **common,
        },
    )
    w.add(
        "session",
        {
            "message_index": 0,
            "event": "session",
            "first_lap_index": 0,
            "num_laps": 1,
            "trigger": "activity_end",
            "total_cycles": reps_total,
            "sport_profile_name": "Strength",
            **common,
        },
    )
    _activity(w, end, timer, tz)
    return w.close()


def encode_monitoring(day: DaySpec, tz: ZoneInfo) -> bytes:
    """A day's monitoring file (type monitoring_b): heart rate every 30 min, steps every hour,
    and the day's resting heart rate in ``monitoring_hr_data`` (message 211)."""
    rng = random.Random(day.seed)
    w = FitWriter()
    start = day.midnight_utc
    w.add(
        "file_id",
        {
            "type": device.FILE_TYPE_MONITORING,
            "manufacturer": device.MANUFACTURER,
            "product": device.PRODUCT,
            "serial_number": device.SERIAL_NUMBER,
            "time_created": fit_time(start),
            "number": day.local_date.timetuple().tm_yday,
        },
    )
    w.add(
        "device_info",
        {
            "timestamp": fit_time(start),
            "manufacturer": device.MANUFACTURER,
            "product": device.PRODUCT,
            "serial_number": device.SERIAL_NUMBER,
            "software_version": device.SOFTWARE_VERSION / 100,
        },
    )
    w.add(
        "monitoring_info",
        {
            "timestamp": fit_time(start),
            "local_timestamp": fit_local_time(start, tz),
            "activity_type": ["walking", "running"],
            "cycles_to_distance": [1.6, 2.4],
            "cycles_to_calories": [0.045, 0.14],
            "resting_metabolic_rate": 1390,
        },
    )
    seconds = int((day.next_midnight_utc - start).total_seconds())
    steps = 0
    hr_written = False
    for offset in range(1800, seconds + 1, 1800):
        moment = start + timedelta(seconds=offset)
        w.add(
            "monitoring",
            {"timestamp": fit_time(moment), "heart_rate": _all_day_hr(day, moment, rng)},
        )
        if offset % 3600 == 0:
            hour = offset // 3600
            steps += _steps_in_hour(day, hour, seconds // 3600, rng)
            w.add(
                "monitoring",
                {
                    "timestamp": fit_time(moment),
                    "activity_type": "walking",
                    "cycles": steps / 2,
                    "distance": round(steps * 0.74, 2),
                },
            )
        if not hr_written and day.asleep and moment >= day.asleep[0][1]:
            w.add(
                "monitoring_hr_data",
                {
                    "timestamp": fit_time(moment),
                    "resting_heart_rate": day.resting_hr_7d,
                    "current_day_resting_heart_rate": day.resting_hr,
                },
            )
            hr_written = True
    if not hr_written:
        w.add(
            "monitoring_hr_data",
            {
                "timestamp": fit_time(day.next_midnight_utc),
                "resting_heart_rate": day.resting_hr_7d,
                "current_day_resting_heart_rate": day.resting_hr,
            },
        )
    return w.close()


def _all_day_hr(day: DaySpec, moment: datetime, rng: random.Random) -> int:
    for start, duration, avg_hr in day.busy:
        if start <= moment < start + timedelta(seconds=duration):
            return round(avg_hr + rng.uniform(-4, 4))
    for start, end in day.asleep:
        if start <= moment < end:
            return day.resting_hr + rng.randint(0, 4)
    return day.resting_hr + rng.randint(14, 30)


def _steps_in_hour(day: DaySpec, hour: int, hours: int, rng: random.Random) -> int:
    if hour <= 6 or hour >= hours - 1:
        return rng.randint(0, 60)
    return round(day.steps / (hours - 8) * rng.uniform(0.5, 1.5))


def encode_sleep(night: NightSpec, tz: ZoneInfo) -> bytes:
    """A night's sleep file (type 49): sleep event start/stop, levels as they change, score."""
    rng = random.Random(night.seed)
    start = night.sleep_start_utc
    wake = start + timedelta(seconds=night.sleep_s)
    w = FitWriter()
    _header(w, device.FILE_TYPE_SLEEP, wake)
    w.add(
        "device_info",
        {
            "timestamp": fit_time(wake),
            "manufacturer": device.MANUFACTURER,
            "product": device.PRODUCT,
            "serial_number": device.SERIAL_NUMBER,
            "software_version": device.SOFTWARE_VERSION / 100,
        },
    )
    w.add(
        "event",
        {
            "timestamp": fit_time(start),
            "event": SLEEP_EVENT,
            "event_type": "start",
            "data": fit_local_time(start, tz),
        },
    )
    w.add(
        "event",
        {
            "timestamp": fit_time(wake),
            "event": SLEEP_EVENT,
            "event_type": "stop",
            "data": fit_local_time(wake, tz),
        },
    )
    for offset, level in sleep_levels(night.sleep_s, night.strain, rng):
        w.add("sleep_level", {"timestamp": fit_time(start) + offset, "sleep_level": level})
    hours = night.sleep_s / 3600
    score = max(30, min(98, round(88 - 12 * max(0.0, 7.5 - hours) - 40 * night.strain)))
    w.add(
        "sleep_assessment",
        {
            "overall_sleep_score": score,
            "sleep_duration_score": max(20, min(100, round(hours * 13))),
            "sleep_quality_score": max(30, min(100, score + rng.randint(-5, 5))),
            "awakenings_count": rng.randint(0, 3),
            "average_stress_during_sleep": round(10 + 40 * night.strain, 2),
        },
    )
    return w.close()


def sleep_levels(sleep_s: int, strain: float, rng: random.Random) -> list[tuple[int, str]]:
    """Change points of the night's sleep stages: ~90 min cycles, deep early, REM late."""
    levels: list[tuple[int, str]] = [(0, "awake")]
    t = rng.randint(240, 900)
    cycle = 0
    while t < sleep_s - 600:
        early = 1.0 - cycle / 5.0
        for level, minutes in (
            ("light", rng.uniform(20, 35)),
            ("deep", max(5.0, rng.uniform(15, 35) * early * (1.0 - strain))),
            ("light", rng.uniform(10, 20)),
            ("rem", rng.uniform(10, 20) + 6 * cycle),
        ):
            if t >= sleep_s - 600:
                break
            levels.append((t, level))
            t += round(minutes * 60)
        if rng.random() < 0.3 + strain and t < sleep_s - 600:
            levels.append((t, "awake"))
            t += rng.randint(60, 300)
        cycle += 1
    levels.append((sleep_s, "awake"))
    return levels


def encode_hrv(night: NightSpec, tz: ZoneInfo) -> bytes:
    """A night's HRV-status file (type 68): a 5-min RMSSD value through the night and the
    morning summary (message 370) with last-night average, weekly average and baseline."""
    rng = random.Random(night.seed ^ 0x5A5A)
    start = night.sleep_start_utc
    wake = start + timedelta(seconds=night.sleep_s)
    w = FitWriter()
    _header(w, device.FILE_TYPE_HRV_STATUS, wake)
    _creator_info(w, start)
    w.add(
        "timestamp_correlation",
        {"timestamp": fit_time(start), "local_timestamp": fit_local_time(start, tz)},
    )
    values = []
    n = max(1, (night.sleep_s - 300) // 300)
    for i in range(n):
        shape = 1.0 + 0.12 * (1.0 - abs(2.0 * i / n - 0.8))
        value = max(10, round(night.hrv_ms * shape + rng.gauss(0.0, 6.0)))
        values.append(value)
    shift = round(night.hrv_ms - sum(values) / len(values))
    values = [max(10, v + shift) for v in values]
    for i, value in enumerate(values):
        w.add("hrv_value", {"timestamp": fit_time(start) + 300 * (i + 1), "value": value})
    average = round(sum(values) / len(values))
    weekly = night.hrv_weekly_ms
    low, high = night.hrv_baseline_low_ms, night.hrv_baseline_high_ms
    if low <= weekly <= high:
        status = "balanced"
    elif weekly < low - 4:
        status = "low"
    else:
        status = "unbalanced"
    w.add(
        "hrv_status_summary",
        {
            "timestamp": fit_time(wake),
            "weekly_average": weekly,
            "last_night_average": average,
            "last_night_5_min_high": max(values),
            "baseline_low_upper": low - 4,
            "baseline_balanced_lower": low,
            "baseline_balanced_upper": high,
            "status": status,
        },
    )
    return w.close()
