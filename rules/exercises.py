"""Exercises as the watch records them: FIT exercise categories and names, and their body regions.

The one place where a plan's exercise name becomes a FIT exercise — for the coach, matching
recorded sets to the plan, and for push, writing the workout to the watch and Garmin Connect
(`runlift_sync.push.exercise_catalog` only adds the FIT numbers). Pushed, recorded and
recognised then agree: what the watch is told is what the coach looks for.

A recorded set carries two enums of Garmin's FIT profile: `exercise_category` (e.g. `squat`,
`deadlift`, `row`) and, within it, `exercise_name` (e.g. `barbell_back_squat`). A planned
exercise is matched to recorded sets by those enums, never by words: `barbell_straight_leg_
deadlift_to_row` is a `row`, not a deadlift.

A plan exercise's FIT identity (`fit_exercise`: a category, the `names` recorded sets are
matched against, and the `preferred` name written to the watch) is, in this order:
1. its `category` (and `fit_name`) as written in the plan;
2. its name, when it is a FIT category ("squat", "deadlift", "lunges", "bench press"): every
   exercise of that category; the watch is told the lift `KNOWN` lists ("deadlift" →
   `barbell_deadlift`), else the category's own name when it has one (`row`), else the
   category alone;
3. its name, when `KNOWN` (the common lifts of runners, by hand) lists it, also as a plural
   ("hip thrusts" → hip_raise: barbell_hip_thrust_with_bench); recorded sets also match the
   name's variants of that category (4.); a lift `KNOWN` gives no FIT name ("pogo jumps" →
   plyo) matches the sets recorded with the category alone;
4. its name, when it is a FIT exercise name, also with a `barbell_`, `dumbbell_`, `weighted_`
   prefix, a `_with_barbell`/`_with_dumbbell` suffix or a plural `s` ("back squat" →
   squat: barbell_back_squat, back_squats, weighted_back_squats);
5. its name matched word by word among the categories a gym uses (`GYM_CATEGORIES`): every
   word of the name (singular or plural) in the FIT name, the name with the fewest other
   words wins ("lat pulldown" → pull_up: lat_pulldown); only that name matches;
6. its body region's category when the plan gives one that has a category (`REGION_CATEGORY`:
   plyometric → plyo, core → core): the watch is told the category alone, and only the sets
   recorded with the category alone match ("skipping drills", plyometric);
7. else unknown: no recorded set matches it (say `category = …` in the plan).

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

KNOWN: dict[str, tuple[str, str | None]] = {
    "back squat": ("squat", "barbell_back_squat"),
    "barbell back squat": ("squat", "barbell_back_squat"),
    "front squat": ("squat", "barbell_front_squat"),
    "goblet squat": ("squat", "goblet_squat"),
    "squat": ("squat", "squat"),
    "step up": ("squat", "step_up"),
    "deadlift": ("deadlift", "barbell_deadlift"),
    "romanian deadlift": ("deadlift", "romanian_deadlift"),
    "rdl": ("deadlift", "romanian_deadlift"),
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
"""The common lifts of runners, by hand: plan name (lower case, words separated by spaces) →
(FIT category, the FIT exercise name the watch is told, or None for the category alone).
Checked by a test against Garmin Connect's catalogue."""

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
"""Categories a name is matched in word by word (step 5): not bands, suspension trainers,
sandbags, yoga poses or cardio machines, whose names would match too eagerly."""

_SEPARATORS = re.compile(r"[\s_\-]+")
_PREFIXES = ("", "barbell_", "dumbbell_", "weighted_")
_SUFFIXES = ("", "s", "_with_barbell", "_with_dumbbell")


@dataclass(frozen=True)
class FitExercise:
    """A FIT exercise category; the exercise names within it recorded sets are matched
    against (None: any of them; empty: only sets recorded with the category alone); and the
    one name the watch is told (`preferred`; None: the category alone). `preferred` is always
    one of `names` when both are given, so what is pushed is recognised when recorded."""

    category: str
    names: frozenset[str] | None = None
    preferred: str | None = None

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
    @property
    def region(self) -> BodyRegion | None: ...


#: A body region's FIT category, for an exercise whose name matches nothing (step 6 above).
REGION_CATEGORY: dict[str, str] = {"plyometric": "plyo", "core": "core"}


def fit_exercise(exercise: PlannedExercise) -> FitExercise | None:
    """The FIT identity of a planned exercise (see the module docstring), or None."""
    if exercise.category is not None:
        names = frozenset({exercise.fit_name}) if exercise.fit_name else None
        return FitExercise(exercise.category, names, exercise.fit_name)
    found = fit_exercise_named(exercise.name)
    if found is None and exercise.region in REGION_CATEGORY:
        return FitExercise(REGION_CATEGORY[exercise.region], frozenset())
    return found


def words(name: str) -> tuple[str, ...]:
    """Lower-case words of a name ("Pull-up" → pull, up)."""
    return tuple(w for w in _SEPARATORS.split(name.lower()) if w)


def _singular(wanted: tuple[str, ...]) -> tuple[str, ...]:
    """Each word without a plural `s` ("push ups" → push up; "press" stays)."""
    return tuple(_singular_word(w) for w in wanted)


def _singular_word(word: str) -> str:
    return word[:-1] if len(word) > 2 and word.endswith("s") and not word.endswith("ss") else word


@cache
def fit_exercise_named(name: str) -> FitExercise | None:
    """The FIT identity of an exercise written by name only, or None."""
    wanted = words(name)
    if not wanted:
        return None
    forms = dict.fromkeys((wanted, _singular(wanted)))  # the name, then its singular
    catalogue = fit_catalogue()
    for form in forms:
        if "_".join(form) in catalogue:
            return _whole_category("_".join(form), " ".join(form))
    for form in forms:
        if " ".join(form) in KNOWN:
            category, preferred = KNOWN[" ".join(form)]
            variants = [_variants("_".join(f)).get(category, frozenset()) for f in forms]
            names = frozenset({preferred}).union(*variants) if preferred else frozenset()
            return FitExercise(category, names, preferred)
    key = "_".join(wanted)
    hits = _variants(key)
    if hits:
        # a name in several categories (inverted_row: row, suspension): the one its name holds
        category = next((c for c in hits if c in key), next(iter(hits)))
        return FitExercise(category, hits[category], _first_variant(key, hits[category]))
    found = _word_match(wanted)
    if found is not None:
        category, fit_name = found
        return FitExercise(category, frozenset({fit_name}), fit_name)
    return None


def _whole_category(category: str, plan_name: str) -> FitExercise:
    """Every exercise of a category; the watch is told KNOWN's lift, else the category's own
    name ("row" → row) when it has one."""
    known = KNOWN.get(plan_name)
    if known is not None and known[0] == category:
        return FitExercise(category, None, known[1])
    own = category if category in fit_catalogue()[category] else None
    return FitExercise(category, None, own)


def _variants(key: str) -> dict[str, frozenset[str]]:
    """FIT category → its names that are `key` with a prefix, suffix or plural (step 4)."""
    wanted = {f"{p}{key}{s}" for p in _PREFIXES for s in _SUFFIXES}
    return {c: names & wanted for c, names in fit_catalogue().items() if names & wanted}


def _first_variant(key: str, names: frozenset[str]) -> str:
    """The name the watch is told among the variants: the plain one, else the barbell one…"""
    ordered = (f"{p}{key}{s}" for s in _SUFFIXES for p in _PREFIXES)
    return next(n for n in ordered if n in names)


def _word_match(wanted: tuple[str, ...]) -> tuple[str, str] | None:
    """(category, name) of the FIT name holding every wanted word (singular or plural) with
    the fewest others, among `GYM_CATEGORIES` (step 5)."""
    best: tuple[int, str, str] | None = None
    target = set(_singular(wanted))
    catalogue = fit_catalogue()
    for category in GYM_CATEGORIES:
        for fit_name in catalogue.get(category, frozenset()):
            have = set(_singular(tuple(fit_name.split("_"))))
            if target <= have:
                candidate = (len(have - target), category, fit_name)
                if best is None or candidate < best:
                    best = candidate
    return None if best is None else (best[1], best[2])


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
