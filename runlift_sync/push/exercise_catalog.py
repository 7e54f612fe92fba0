"""Plan exercise names → the FIT `exercise_category` / `exercise_name` a watch understands (pure).

A plan names its exercises in plain words ("back squat", "trap bar deadlift"). A watch and
Garmin Connect want the FIT profile's enums: a category (`squat`, number 28) and a name within
it (`barbell_back_squat`, number 6 of `squat_exercise_name`). The common lifts of runners are
listed here by hand; any other name is matched word by word against Garmin's own profile
(every word of the plan's name must appear in the FIT name, the shortest such name wins,
among the categories a gym uses). A name that matches nothing keeps its region's category
(plyometric → `plyo`, core → `core`) without a name, or no category at all: the watch then
shows the step's own name. Garmin Connect's catalogue uses the same words upper-cased
(`SQUAT` / `BARBELL_BACK_SQUAT`), checked by a test against garminconnect's list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from garmin_fit_sdk import Profile

_SEPARATORS = re.compile(r"[\s_\-]+")

#: Plan name (lower case, words separated by spaces) → (FIT category, FIT exercise name or
#: None for the category alone).
KNOWN: dict[str, tuple[str, str | None]] = {
    "back squat": ("squat", "barbell_back_squat"),
    "barbell back squat": ("squat", "barbell_back_squat"),
    "front squat": ("squat", "barbell_front_squat"),
    "goblet squat": ("squat", "goblet_squat"),
    "squat": ("squat", "squat"),
    "step up": ("squat", "step_up"),
    "deadlift": ("deadlift", "barbell_deadlift"),
    "romanian deadlift": ("deadlift", "romanian_deadlift"),
    "single leg romanian deadlift": ("deadlift", "single_leg_romanian_deadlift_with_dumbbell"),
    "trap bar deadlift": ("deadlift", "trap_bar_deadlift"),
    "hip thrust": ("hip_raise", "barbell_hip_thrust_with_bench"),
    "lunge": ("lunge", "lunge"),
    "walking lunge": ("lunge", "walking_lunge"),
    "split squat": ("lunge", "barbell_split_squat"),
    "bulgarian split squat": ("lunge", "dumbbell_bulgarian_split_squat"),
    "calf raise": ("calf_raise", "standing_calf_raise"),
    "leg curl": ("leg_curl", "leg_curl"),
    "nordic curl": ("leg_curl", None),
    "box jump": ("plyo", "box_jump"),
    "depth jump": ("plyo", "depth_jump"),
    "jump squat": ("plyo", "jump_squat"),
    "pogo jumps": ("plyo", None),
    "bounding": ("plyo", None),
    "hurdle hops": ("plyo", None),
    "bench press": ("bench_press", "barbell_bench_press"),
    "push up": ("push_up", "push_up"),
    "overhead press": ("shoulder_press", "overhead_barbell_press"),
    "pull up": ("pull_up", "pull_up"),
    "weighted pull up": ("pull_up", "weighted_pull_up"),
    "inverted row": ("row", "inverted_row"),
    "bent over row": ("row", "bent_over_row_with_barbell"),
    "barbell row": ("row", "barbell_row"),
    "dumbbell row": ("row", "dumbbell_row"),
    "dead bug": ("hip_stability", "dead_bug"),
    "pallof press": ("core", None),
    "plank": ("plank", "plank"),
    "side plank": ("plank", "side_plank"),
}

#: Categories a name is matched in when it is not listed above (not bands, suspension
#: trainers, sandbags, yoga poses or cardio machines, whose names would match too eagerly).
GYM_CATEGORIES: tuple[str, ...] = (
    "squat",
    "deadlift",
    "lunge",
    "hip_raise",
    "calf_raise",
    "leg_curl",
    "plyo",
    "bench_press",
    "push_up",
    "shoulder_press",
    "pull_up",
    "row",
    "curl",
    "triceps_extension",
    "lateral_raise",
    "flye",
    "shrug",
    "core",
    "plank",
    "crunch",
    "sit_up",
    "leg_raise",
    "hip_stability",
    "hyperextension",
    "chop",
    "carry",
    "olympic_lift",
    "total_body",
)

#: A region's category when the name matches nothing.
REGION_CATEGORY: dict[str, str] = {"plyometric": "plyo", "core": "core"}


@dataclass(frozen=True)
class FitExercise:
    """An exercise as FIT numbers it; `name` None: the category alone is known."""

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


def words(name: str) -> tuple[str, ...]:
    """Lower-case words of a name ("Pull-up" → pull, up)."""
    return tuple(w for w in _SEPARATORS.split(name.lower()) if w)


@cache
def _category_ids() -> dict[str, int]:
    types = Profile["types"]["exercise_category"]
    return {name: int(number) for number, name in types.items()}


@cache
def _names(category: str) -> dict[str, int]:
    table = Profile["types"].get(f"{category}_exercise_name", {})
    return {name: int(number) for number, name in table.items()}


def fit_exercise(category: str, name: str | None) -> FitExercise:
    """The numbers of a FIT category and name (KeyError if the profile lacks them)."""
    category_id = _category_ids()[category]
    if name is None:
        return FitExercise(category, category_id)
    return FitExercise(category, category_id, name, _names(category)[name])


def _match_profile(wanted: tuple[str, ...]) -> tuple[str, str] | None:
    best: tuple[int, str, str] | None = None
    target = set(wanted)
    for category in GYM_CATEGORIES:
        for name in _names(category):
            have = set(name.split("_"))
            if target <= have:
                candidate = (len(have - target), category, name)
                if best is None or candidate < best:
                    best = candidate
    return None if best is None else (best[1], best[2])


def find_exercise(plan_name: str, region: str | None = None) -> FitExercise | None:
    """The FIT exercise for a plan's exercise name, or None when nothing fits."""
    wanted = words(plan_name)
    key = " ".join(wanted)
    if key in KNOWN:
        return fit_exercise(*KNOWN[key])
    singular = " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in wanted)
    if singular in KNOWN:
        return fit_exercise(*KNOWN[singular])
    if wanted:
        found = _match_profile(wanted) or _match_profile(tuple(singular.split()))
        if found is not None:
            return fit_exercise(*found)
    if region in REGION_CATEGORY:
        return fit_exercise(REGION_CATEGORY[region], None)
    return None
