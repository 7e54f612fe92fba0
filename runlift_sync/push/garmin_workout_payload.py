"""A structured workout as a Garmin Connect workout (garminconnect's typed models) (pure).

Runs become a `RunningWorkout`, lifts a `StrengthWorkout`, built with the library's own step
helpers so the JSON is the one its maintainers keep in line with Connect's web editor:
heart-rate ranges as `heart.rate.zone` targets in bpm, paces as `pace.zone` targets in m/s
(the slower pace first), the second target as Connect's secondary target, intervals as a
repeat group, each exercise as a repeat group of the exercise (Connect's category and name,
reps, weight) and its rest.
"""

from __future__ import annotations

from itertools import count
from typing import Any

from garminconnect.workout import (
    ConditionType,
    ExecutableStep,
    RepeatGroup,
    RunningWorkout,
    SportType,
    StepType,
    StrengthWorkout,
    TargetType,
    WorkoutSegment,
    create_repeat_group,
    create_strength_exercise_step,
)

from runlift_sync.push.structured_workout import (
    HeartRateRange,
    PaceRange,
    Repeat,
    Step,
    StructuredWorkout,
)

#: Connect keeps at most this many characters of a workout's description.
DESCRIPTION_MAX = 512

_STEP_TYPES: dict[str, tuple[int, str, int]] = {
    "warmup": (StepType.WARMUP, "warmup", 1),
    "cooldown": (StepType.COOLDOWN, "cooldown", 2),
    "work": (StepType.INTERVAL, "interval", 3),
    "steady": (StepType.INTERVAL, "interval", 3),
    "recovery": (StepType.RECOVERY, "recovery", 4),
    "rest": (StepType.REST, "rest", 5),
    "note": (StepType.OTHER, "other", 7),
}
_END: dict[str, tuple[int, str, int]] = {
    "open": (ConditionType.LAP_BUTTON, "lap.button", 1),
    "time": (ConditionType.TIME, "time", 2),
    "distance": (ConditionType.DISTANCE, "distance", 3),
    "reps": (ConditionType.REPS, "reps", 10),
}
_NO_TARGET = {
    "workoutTargetTypeId": TargetType.NO_TARGET,
    "workoutTargetTypeKey": "no.target",
    "displayOrder": 1,
}


def _target(
    target: HeartRateRange | PaceRange, display_order: int
) -> tuple[dict[str, Any], float, float]:
    if isinstance(target, HeartRateRange):
        kind = {
            "workoutTargetTypeId": TargetType.HEART_RATE_ZONE,
            "workoutTargetTypeKey": "heart.rate.zone",
        }
        return {**kind, "displayOrder": display_order}, target.low_bpm, target.high_bpm
    kind = {"workoutTargetTypeId": TargetType.PACE_ZONE, "workoutTargetTypeKey": "pace.zone"}
    return (
        {**kind, "displayOrder": display_order},
        round(target.slow_mps, 4),
        round(target.fast_mps, 4),
    )


def _targets(step: Step) -> list[HeartRateRange | PaceRange]:
    first, second = (step.pace, step.hr) if step.primary == "pace" else (step.hr, step.pace)
    return [t for t in (first, second) if t is not None]


def _executable(step: Step, order: int) -> ExecutableStep:
    if step.lift is not None and step.lift.fit is not None:
        return create_strength_exercise_step(
            step.lift.fit.connect_category,
            order,
            step.lift.reps,
            exercise_name=step.lift.fit.connect_name,
            weight_kg=step.lift.weight_kg,
            description=step.lift.load_note,
        )
    type_id, type_key, type_order = _STEP_TYPES[step.kind]
    end_id, end_key, end_order = _END[step.end]
    fields: dict[str, Any] = {
        "stepOrder": order,
        "stepType": {"stepTypeId": type_id, "stepTypeKey": type_key, "displayOrder": type_order},
        "endCondition": {
            "conditionTypeId": end_id,
            "conditionTypeKey": end_key,
            "displayOrder": end_order,
            "displayable": True,
        },
        "endConditionValue": float(step.value) if step.value is not None else None,
        "targetType": _NO_TARGET,
        "description": step.notes or (step.name if step.lift is not None else None),
    }
    targets = _targets(step)
    if targets:
        kind, low, high = _target(targets[0], 1)
        fields |= {"targetType": kind, "targetValueOne": low, "targetValueTwo": high}
    if len(targets) > 1:
        kind, low, high = _target(targets[1], 2)
        fields |= {
            "secondaryTargetType": kind,
            "secondaryTargetValueOne": low,
            "secondaryTargetValueTwo": high,
        }
    return ExecutableStep(**fields)


def _steps(workout: StructuredWorkout) -> list[ExecutableStep | RepeatGroup]:
    order = count(1)
    out: list[ExecutableStep | RepeatGroup] = []
    for item in workout.items:
        if isinstance(item, Repeat):
            group_order = next(order)
            inner: list[ExecutableStep | RepeatGroup] = [
                _executable(step, next(order)) for step in item.steps
            ]
            out.append(create_repeat_group(item.times, inner, group_order))
        else:
            out.append(_executable(item, next(order)))
    return out


def description(workout: StructuredWorkout, changes: tuple[str, ...] = ()) -> str:
    """What to know and why it changed, cut to what Connect keeps."""
    text = "\n".join([*workout.notes, *changes])
    return text if len(text) <= DESCRIPTION_MAX else text[: DESCRIPTION_MAX - 1] + "…"


def workout_payload(workout: StructuredWorkout, changes: tuple[str, ...] = ()) -> dict[str, Any]:
    """The JSON body of Connect's workout upload (and update) for `workout`."""
    steps = _steps(workout)
    if workout.sport == "training":
        sport = {
            "sportTypeId": SportType.STRENGTH_TRAINING,
            "sportTypeKey": "strength_training",
            "displayOrder": 5,
        }
        model: RunningWorkout | StrengthWorkout = StrengthWorkout(
            workoutName=workout.name,
            estimatedDurationInSecs=workout.estimated_s(),
            workoutSegments=[WorkoutSegment(segmentOrder=1, sportType=sport, workoutSteps=steps)],
            description=description(workout, changes) or None,
        )
    else:
        sport = {"sportTypeId": SportType.RUNNING, "sportTypeKey": "running", "displayOrder": 1}
        model = RunningWorkout(
            workoutName=workout.name,
            estimatedDurationInSecs=workout.estimated_s(),
            workoutSegments=[WorkoutSegment(segmentOrder=1, sportType=sport, workoutSteps=steps)],
            description=description(workout, changes) or None,
        )
    return model.to_dict()
