"""A structured workout as a FIT workout file (file type `workout`: file_id, workout, workout_step).

Written with runlift's one FIT encoder (`runlift_sync.fit.encode`, Garmin's SDK), main fields
with raw values where the profile has subfields: `duration_value` in ms (time), cm
(distance) or reps; custom heart-rate targets as bpm + 100 (FIT: 0–100 is % of max HR);
custom speed targets in mm/s; a repeat as a `repeat_until_steps_cmplt` step pointing back at
the first step of its group, with the number of times in `target_value`. A second target
(pace beside heart rate) goes into the `secondary_target_*` fields. Lifts carry the FIT
`exercise_category` / `exercise_name` enums, the reps as the step's duration and the weight
in kg. Each file has its own serial number (from the session key) and `time_created`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

from runlift_sync.push.structured_workout import (
    MAX_STEPS,
    HeartRateRange,
    PaceRange,
    Repeat,
    Step,
    StructuredWorkout,
)

HR_OFFSET = 100
"""FIT custom heart-rate targets: values above 100 are bpm + 100 (0–100: % of max HR)."""
STEP_NAME_MAX = 16
NOTES_MAX = 100
DESCRIPTION_MAX = 200

_INTENSITY = {
    "warmup": "warmup",
    "cooldown": "cooldown",
    "work": "active",
    "steady": "active",
    "recovery": "recovery",
    "rest": "rest",
    "note": "active",
}

Message = tuple[str, dict[str, Any]]


def serial_number(athlete: str, key: str) -> int:
    """A serial number of the file's own: stable per session, never 0 (uint32z)."""
    digest = hashlib.sha256(f"{athlete}/{key}".encode()).digest()
    return int.from_bytes(digest[:4], "big") or 1


def file_name(key: str) -> str:
    """e.g. runlift_2025-07-07_tue-am-run-intervals.fit: one file per session, kept on moves."""
    return "runlift_" + re.sub(r"[^A-Za-z0-9._-]+", "_", key.replace("#", "-")) + ".fit"


def _cut(text: str, limit: int) -> str:
    """At most `limit` UTF-8 bytes, on a character boundary."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", errors="ignore")


def _target_fields(target: HeartRateRange | PaceRange, prefix: str) -> dict[str, Any]:
    if isinstance(target, HeartRateRange):
        kind, low, high = "heart_rate", target.low_bpm + HR_OFFSET, target.high_bpm + HR_OFFSET
    else:
        kind = "speed"
        low, high = round(target.slow_mps * 1000), round(target.fast_mps * 1000)
    return {
        f"{prefix}target_type": kind,
        f"{prefix}target_value": 0,
        f"{prefix}custom_target_value_low": low,
        f"{prefix}custom_target_value_high": high,
    }


def _duration(step: Step) -> dict[str, Any]:
    if step.end == "time" and step.value is not None:
        return {"duration_type": "time", "duration_value": round(step.value * 1000)}
    if step.end == "distance" and step.value is not None:
        return {"duration_type": "distance", "duration_value": round(step.value * 100)}
    if step.end == "reps" and step.value is not None:
        return {"duration_type": "reps", "duration_value": int(step.value)}
    return {"duration_type": "open"}


def _step_fields(step: Step, index: int) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "message_index": index,
        "wkt_step_name": _cut(step.name, STEP_NAME_MAX),
        **_duration(step),
        "target_type": "open",
        "intensity": _INTENSITY[step.kind],
    }
    first, second = (step.pace, step.hr) if step.primary == "pace" else (step.hr, step.pace)
    if first is not None:
        fields |= _target_fields(first, "")
    if second is not None:
        fields |= _target_fields(second, "secondary_")
    if step.notes:
        fields["notes"] = _cut(step.notes, NOTES_MAX)
    lift = step.lift
    if lift is not None and lift.fit is not None:
        fields["exercise_category"] = lift.fit.category
        if lift.fit.name_id is not None:
            fields["exercise_name"] = lift.fit.name_id
    if lift is not None and lift.weight_kg is not None:
        fields["exercise_weight"] = lift.weight_kg
        fields["weight_display_unit"] = "kilogram"
    return fields


def workout_steps(workout: StructuredWorkout) -> list[dict[str, Any]]:
    """The workout_step messages, in order, repeats as FIT writes them."""
    steps: list[dict[str, Any]] = []
    for item in workout.items:
        if isinstance(item, Repeat):
            first = len(steps)
            steps.extend(_step_fields(step, len(steps)) for step in item.steps)
            steps.append(
                {
                    "message_index": len(steps),
                    "duration_type": "repeat_until_steps_cmplt",
                    "duration_value": first,
                    "target_value": item.times,
                }
            )
        else:
            steps.append(_step_fields(item, len(steps)))
    if len(steps) > MAX_STEPS:  # the builder keeps below this; a watch refuses more
        raise ValueError(f"{workout.name}: {len(steps)} steps, more than {MAX_STEPS}")
    return steps


def workout_messages(
    workout: StructuredWorkout, *, serial: int, time_created: dt.datetime
) -> list[Message]:
    """Every message of the workout file, file_id first."""
    steps = workout_steps(workout)
    description = "; ".join(workout.notes)
    header: dict[str, Any] = {
        "wkt_name": workout.name,
        "sport": workout.sport,
        "sub_sport": workout.sub_sport,
        "num_valid_steps": len(steps),
    }
    if description:
        header["wkt_description"] = _cut(description, DESCRIPTION_MAX)
    return [
        (
            "file_id",
            {
                "type": "workout",
                "manufacturer": "development",
                "product": 0,
                "serial_number": serial,
                "time_created": time_created,
            },
        ),
        ("workout", header),
        *(("workout_step", step) for step in steps),
    ]


def encode_workout(workout: StructuredWorkout, *, serial: int, time_created: dt.datetime) -> bytes:
    """The FIT workout file's bytes."""
    from runlift_sync.fit.encode import encode_messages

    return encode_messages(workout_messages(workout, serial=serial, time_created=time_created))
