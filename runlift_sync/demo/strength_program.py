"""The demo athlete's heavy lifting block: exercises, strength and set-by-set progression (pure).

Main lifts follow the coach's rule (issue 5, rule 7): 3 sets of 4–8 reps at ~80–85 % of 1RM,
≥ 2 min rest; all reps done → one more set next time (up to 6), then +5 % load and back to 4 sets;
two or more sets missed by ≥ 2 reps → hold. A deload (recovery week) takes 10 % off the load and
~40 % of the sets. Whether reps are done depends on the athlete's true 1RM (which grows with
training and shrinks on weeks off) and on how strained she is.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from runlift_sync.demo.specs import ExerciseSpec, LiftType, Region, SetSpec

BAR_KG = 20.0


@dataclass(frozen=True)
class Exercise:
    """A catalogue entry: FIT category and name number, and how the athlete trains it."""

    key: str
    name: str
    category: str
    category_subtype: int
    region: Region
    effort: float
    role: str  # "main" | "accessory" | "timed"
    one_rm_kg: float = 0.0
    reps: int = 8
    start_weight_kg: float = 0.0
    increment_kg: float = 2.5
    bodyweight: bool = False
    rep_s: float = 3.0
    hold_s: int = 45


LOWER: tuple[Exercise, ...] = (
    Exercise("squat", "back squat", "squat", 6, "lower", 0.62, "main", 74.0, 6),
    Exercise("rdl", "romanian deadlift", "deadlift", 23, "lower", 0.58, "main", 82.0, 6, rep_s=3.3),
    Exercise(
        "lunge",
        "walking lunge",
        "lunge",
        77,
        "lower",
        0.56,
        "accessory",
        reps=8,
        start_weight_kg=10.0,
        increment_kg=1.0,
        rep_s=2.6,
    ),
    Exercise(
        "box_jump", "box jump", "plyo", 33, "plyometric", 0.60, "accessory", reps=5, rep_s=3.5
    ),
    Exercise("plank", "plank", "plank", 43, "core", 0.30, "timed", hold_s=50),
)
UPPER: tuple[Exercise, ...] = (
    Exercise("bench", "bench press", "bench_press", 1, "upper", 0.45, "main", 46.0, 6),
    Exercise(
        "pull_up",
        "weighted pull-up",
        "pull_up",
        24,
        "upper",
        0.50,
        "main",
        80.0,
        5,
        increment_kg=1.25,
        bodyweight=True,
        rep_s=3.2,
    ),
    Exercise("row", "bent-over row", "row", 46, "upper", 0.50, "main", 52.0, 8, rep_s=2.6),
    Exercise(
        "press",
        "overhead press",
        "shoulder_press",
        15,
        "upper",
        0.45,
        "accessory",
        reps=8,
        start_weight_kg=8.0,
        increment_kg=1.0,
        rep_s=2.8,
    ),
    Exercise("side_plank", "side plank", "plank", 66, "core", 0.30, "timed", hold_s=40),
)
CATALOGUE: dict[LiftType, tuple[Exercise, ...]] = {"lower": LOWER, "upper": UPPER}


@dataclass
class LiftState:
    """Progression of one exercise: the true 1RM and the prescription for the next session."""

    one_rm_kg: float
    load_kg: float
    sets: int = 3
    sessions: int = 0


def round_to(value: float, step: float) -> float:
    """Round a load to the plates available (``step`` kg)."""
    return round(round(value / step) * step, 2)


def epley_max_reps(one_rm_kg: float, load_kg: float) -> float:
    """Reps to failure at ``load_kg`` by inverting Epley (1RM = w · (1 + r/30))."""
    if load_kg <= 0:
        return 30.0
    return max(0.0, 30.0 * (one_rm_kg / load_kg - 1.0))


@dataclass
class StrengthProgram:
    """The athlete's lifting state across the season; builds one session at a time."""

    bodyweight_kg: float
    states: dict[str, LiftState] = field(default_factory=dict)

    @classmethod
    def start(cls, bodyweight_kg: float) -> StrengthProgram:
        """Fresh program: main lifts at 80 % of the true 1RM, 3 sets."""
        program = cls(bodyweight_kg)
        for exercise in LOWER + UPPER:
            if exercise.role == "main":
                working = 0.80 * exercise.one_rm_kg
                program.states[exercise.key] = LiftState(
                    exercise.one_rm_kg, round_to(working, exercise.increment_kg)
                )
            else:
                program.states[exercise.key] = LiftState(0.0, exercise.start_weight_kg)
        return program

    def new_block(self) -> None:
        """Start a heavy block: main lifts back to 3 sets at 80 % of the current true 1RM."""
        for exercise in LOWER + UPPER:
            if exercise.role == "main":
                state = self.states[exercise.key]
                state.sets = 3
                state.load_kg = round_to(0.80 * state.one_rm_kg, exercise.increment_kg)

    def detrain(self, weeks: float = 1.0) -> None:
        """A week without lifting: the true 1RM drops ~1.5 %."""
        for state in self.states.values():
            state.one_rm_kg *= 0.985**weeks

    def session(
        self, lift_type: LiftType, *, strain: float, deload: bool, rng: random.Random
    ) -> tuple[ExerciseSpec, ...]:
        """Prescribe, perform and record one session; advances the progression state."""
        exercises = []
        for position, exercise in enumerate(CATALOGUE[lift_type]):
            if exercise.role == "main":
                sets = self._main_sets(
                    exercise, strain=strain, deload=deload, rng=rng, warm_up=position == 0
                )
            elif exercise.role == "accessory":
                sets = self._accessory_sets(exercise, deload=deload, rng=rng)
            else:
                sets = self._timed_sets(exercise, deload=deload, rng=rng)
            exercises.append(
                ExerciseSpec(
                    exercise.name,
                    exercise.category,
                    exercise.category_subtype,
                    exercise.region,
                    exercise.effort,
                    sets,
                )
            )
        # the last set of each exercise is followed by the walk to the next station
        out = []
        for i, spec in enumerate(exercises):
            last = spec.sets[-1]
            transition = 0 if i == len(exercises) - 1 else rng.randint(120, 200)
            sets = (
                *spec.sets[:-1],
                SetSpec(last.reps, last.weight_kg, last.duration_s, transition),
            )
            out.append(
                ExerciseSpec(
                    spec.name, spec.category, spec.category_subtype, spec.region, spec.effort, sets
                )
            )
        return tuple(out)

    def _main_sets(
        self,
        exercise: Exercise,
        *,
        strain: float,
        deload: bool,
        rng: random.Random,
        warm_up: bool,
    ) -> tuple[SetSpec, ...]:
        state = self.states[exercise.key]
        load = state.load_kg * (0.9 if deload else 1.0)
        n_sets = max(2, round(state.sets * 0.6)) if deload else state.sets
        recorded = self._recorded_weight(exercise, round_to(load, exercise.increment_kg))
        sets: list[SetSpec] = []
        if warm_up:
            for reps, fraction in ((8, 0.5), (4, 0.75)):
                weight = max(BAR_KG, round_to(recorded * fraction, 2.5))
                sets.append(
                    SetSpec(reps, weight, self._set_s(exercise, reps, rng), rng.randint(90, 120))
                )
        missed_big = 0
        all_done = True
        capacity = epley_max_reps(state.one_rm_kg, load)
        for i in range(n_sets):
            possible = capacity - 6.0 * strain - 0.22 * i + rng.gauss(0.0, 0.6)
            reps = max(1, min(exercise.reps, math.floor(possible)))
            if reps < exercise.reps:
                all_done = False
                if exercise.reps - reps >= 2:
                    missed_big += 1
            sets.append(
                SetSpec(reps, recorded, self._set_s(exercise, reps, rng), rng.randint(140, 190))
            )
        if not deload:
            state.sessions += 1
            state.one_rm_kg *= 1.0 + 0.008 * max(0.0, 1.0 - 2.5 * strain)
            if all_done and state.sets < 6:
                state.sets += 1
            elif all_done:
                state.load_kg = round_to(state.load_kg * 1.05, exercise.increment_kg)
                if state.load_kg <= load:
                    state.load_kg = load + exercise.increment_kg
                state.sets = 4
            elif missed_big >= 2:
                pass  # hold: same sets, same load
        return tuple(sets)

    def _recorded_weight(self, exercise: Exercise, load: float) -> float:
        """What the watch stores: external load (added weight for body-weight lifts)."""
        if exercise.bodyweight:
            return max(0.0, round_to(load - self.bodyweight_kg, exercise.increment_kg))
        return max(BAR_KG, load)

    def _accessory_sets(
        self, exercise: Exercise, *, deload: bool, rng: random.Random
    ) -> tuple[SetSpec, ...]:
        state = self.states[exercise.key]
        n_sets = 2 if deload else 3
        sets = tuple(
            SetSpec(
                exercise.reps,
                state.load_kg,
                self._set_s(exercise, exercise.reps, rng),
                rng.randint(70, 100),
            )
            for _ in range(n_sets)
        )
        if not deload and exercise.start_weight_kg > 0:
            state.sessions += 1
            if state.sessions % 3 == 0:
                state.load_kg = round(state.load_kg + exercise.increment_kg, 2)
        return sets

    def _timed_sets(
        self, exercise: Exercise, *, deload: bool, rng: random.Random
    ) -> tuple[SetSpec, ...]:
        n_sets = 2 if deload else 3
        return tuple(
            SetSpec(None, 0.0, exercise.hold_s + rng.randint(-5, 10), rng.randint(45, 70))
            for _ in range(n_sets)
        )

    @staticmethod
    def _set_s(exercise: Exercise, reps: int, rng: random.Random) -> int:
        return max(6, round(reps * exercise.rep_s + 4 + rng.uniform(-2.0, 3.0)))
