"""Exercises as the watch records them: FIT exercise categories and names, and their body regions.

A recorded set carries two enums of Garmin's FIT profile: `exercise_category` (e.g. `squat`,
`deadlift`, `row`) and, within it, `exercise_name` (e.g. `barbell_back_squat`). A planned
exercise is matched to recorded sets by those enums, never by words: `barbell_straight_leg_
deadlift_to_row` is a `row`, not a deadlift.

A plan exercise's FIT identity (`fit_exercise`) is, in this order:
1. its `category` (and `fit_name`) as written in the plan;
2. its name, when it is a FIT category ("squat", "deadlift", "lunge", "bench press"): every
   exercise of that category;
3. its name, when it is a FIT exercise name, also with a `barbell_`, `dumbbell_`, `weighted_`
   prefix, a `_with_barbell`/`_with_dumbbell` suffix or a plural `s` ("back squat" →
   squat: barbell_back_squat, back_squats, weighted_back_squats);
4. else unknown: no recorded set matches it (say `category = …` in the plan).

The body region of a FIT category (`BODY_REGION`) is also what the training model uses to
decide whether a recorded session loaded the legs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from rules.vocab import BodyRegion

BODY_REGION: dict[str, BodyRegion] = {
    **dict.fromkeys(
        (
            "squat",
            "lunge",
            "deadlift",
            "leg_curl",
            "calf_raise",
            "hip_raise",
            "hip_stability",
            "hip_swing",
            "hyperextension",
            "sled",
            "run",
            "run_indoor",
            "bike",
            "bike_outdoor",
            "indoor_bike",
            "stair_stepper",
            "floor_climb",
        ),
        "lower",
    ),
    **dict.fromkeys(
        (
            "bench_press",
            "push_up",
            "pull_up",
            "row",
            "shoulder_press",
            "shoulder_stability",
            "lateral_raise",
            "flye",
            "curl",
            "triceps_extension",
            "shrug",
            "suspension",
            "battle_rope",
        ),
        "upper",
    ),
    **dict.fromkeys(("core", "crunch", "sit_up", "plank", "leg_raise", "chop"), "core"),
    **dict.fromkeys(
        (
            "olympic_lift",
            "total_body",
            "carry",
            "sandbag",
            "sledge_hammer",
            "tire",
            "ladder",
            "cardio",
            "banded_exercises",
            "elliptical",
            "indoor_row",
        ),
        "full",
    ),
    "plyo": "plyometric",
}
"""FIT exercise category → the body region it loads (warm_up, pose, move: none)."""

_SEPARATORS = re.compile(r"[\s\-]+")
_PREFIXES = ("", "barbell_", "dumbbell_", "weighted_")
_SUFFIXES = ("", "s", "_with_barbell", "_with_dumbbell")


@dataclass(frozen=True)
class FitExercise:
    """A FIT exercise category, and the exercise names within it (None: any of them)."""

    category: str
    names: frozenset[str] | None = None

    def matches(self, category: str | None, name: str | None) -> bool:
        """Whether a recorded set of this category and name is this exercise. A set recorded
        with its category only (no name) matches on the category."""
        if category != self.category:
            return False
        return self.names is None or name is None or name in self.names


class PlannedExercise(Protocol):
    """What `fit_exercise` reads of a plan exercise (`rules.plan.Exercise`)."""

    @property
    def name(self) -> str: ...
    @property
    def category(self) -> str | None: ...
    @property
    def fit_name(self) -> str | None: ...


def fit_exercise(exercise: PlannedExercise) -> FitExercise | None:
    """The FIT identity of a planned exercise (see the module docstring), or None."""
    if exercise.category is not None:
        names = frozenset({exercise.fit_name}) if exercise.fit_name else None
        return FitExercise(exercise.category, names)
    return fit_exercise_named(exercise.name)


@cache
def fit_exercise_named(name: str) -> FitExercise | None:
    """The FIT identity of an exercise written by name only, or None."""
    key = _SEPARATORS.sub("_", name.strip().lower())
    catalogue = fit_catalogue()
    if key in catalogue:
        return FitExercise(key)
    wanted = {f"{p}{key}{s}" for p in _PREFIXES for s in _SUFFIXES}
    hits = {c: names & wanted for c, names in catalogue.items() if names & wanted}
    if not hits:
        return None
    # a name in several categories (inverted_row: row, suspension): the one its name holds
    category = next((c for c in hits if c in key), next(iter(hits)))
    return FitExercise(category, frozenset(hits[category]))


def is_recorded_as(exercise: PlannedExercise, recorded: str) -> bool:
    """Whether sets recorded under `recorded` — a FIT exercise name, or the category when the
    watch knew no name — are of the planned `exercise` (when only that one string is at hand,
    e.g. `lift_sets.exercise_name` grouped)."""
    fit = fit_exercise(exercise)
    if fit is None:
        return False
    if recorded == fit.category:
        return True
    return recorded in fit_catalogue().get(fit.category, frozenset()) and fit.matches(
        fit.category, recorded
    )


def body_region(category: str | None) -> BodyRegion | None:
    """The body region of a FIT exercise category (None when unknown)."""
    return BODY_REGION.get(category) if category else None


@cache
def fit_catalogue() -> dict[str, frozenset[str]]:
    """FIT exercise category → its exercise names, from Garmin's FIT SDK profile (the source
    of truth; imported on first use)."""
    from garmin_fit_sdk import Profile

    types = Profile["types"]
    return {
        category: frozenset((types.get(f"{category}_exercise_name") or {}).values())
        for category in types["exercise_category"].values()
        if category != "unknown"
    }
