"""A plan exercise as the watch and Garmin Connect number it: FIT numbers over `rules.exercises`.

Which FIT exercise a plan's exercise is — its `category`/`fit_name` as written, else its name
("back squat" → squat / barbell_back_squat) — is decided in one place, `rules.exercises.
fit_exercise`, which the coach also uses to recognise the sets the watch records: what is
pushed is what the coach looks for. This module only adds what the targets need: the FIT
profile's numbers (category `squat` is 28; `barbell_back_squat` is 6 of `squat_exercise_name`)
and Garmin Connect's keys, the same words upper-cased (`SQUAT` / `BARBELL_BACK_SQUAT`, checked
by a test against garminconnect's list). An exercise no FIT exercise fits keeps its region's
category (plyometric → `plyo`, core → `core`) without a name, or no category at all: the
watch then shows the step's own name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from garmin_fit_sdk import Profile

from rules.exercises import REGION_CATEGORY, fit_exercise
from rules.plan import Exercise


@dataclass(frozen=True)
class WatchExercise:
    """An exercise as FIT numbers it for a workout step; `name` None: the category alone."""

    category: str
    category_id: int
    name: str | None = None
    name_id: int | None = None

    @property
    def connect_category(self) -> str:
        """Garmin Connect's category key (e.g. SQUAT)."""
        return self.category.upper()

    @property
    def connect_name(self) -> str:
        """Garmin Connect's exercise key (e.g. BARBELL_BACK_SQUAT), "" for the category alone."""
        return self.name.upper() if self.name else ""


@cache
def _category_ids() -> dict[str, int]:
    types = Profile["types"]["exercise_category"]
    return {name: int(number) for number, name in types.items()}


@cache
def _name_ids(category: str) -> dict[str, int]:
    table = Profile["types"].get(f"{category}_exercise_name", {})
    return {name: int(number) for number, name in table.items()}


def numbered(category: str, name: str | None) -> WatchExercise:
    """The numbers of a FIT category and name (KeyError if the profile lacks them)."""
    category_id = _category_ids()[category]
    if name is None:
        return WatchExercise(category, category_id)
    return WatchExercise(category, category_id, name, _name_ids(category)[name])


def watch_exercise(exercise: Exercise) -> WatchExercise | None:
    """What a workout step tells the watch of a plan exercise, or None when nothing fits.

    A plan's `category` the FIT profile lacks counts as nothing fitting (the exercise's region
    then gives the category, as for a name nothing fits); a `fit_name` it lacks leaves the
    category alone."""
    fit = fit_exercise(exercise)
    if fit is not None and fit.category in _category_ids():
        name = fit.preferred if fit.preferred in _name_ids(fit.category) else None
        return numbered(fit.category, name)
    category = REGION_CATEGORY.get(exercise.region or "")
    return numbered(category, None) if category else None
