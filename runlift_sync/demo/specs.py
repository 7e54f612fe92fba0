"""The plain data handed from the season simulation to the renderers: one spec per file (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from runlift_sync.demo.routes import RouteName

RunType = Literal["easy", "recovery", "long", "tempo", "intervals"]
LiftType = Literal["lower", "upper"]
Phase = Literal["base", "build", "recovery", "overreach", "peak", "taper", "off"]
LapIntensity = Literal["active", "rest", "warmup", "cooldown"]
StepKind = Literal["steady", "warmup", "work", "rest", "cooldown"]
Region = Literal["lower", "upper", "core", "plyometric"]


@dataclass(frozen=True)
class RunStep:
    """One step of a run: steady running, or a workout step (warm-up, work, rest, cool-down).

    It ends after ``distance_m`` or ``duration_s`` (exactly one is set). Steady steps are split
    into 1 km auto-laps; workout steps are one lap each.
    """

    kind: StepKind
    speed_mps: float
    distance_m: float | None = None
    duration_s: int | None = None
    wkt_step_index: int | None = None


@dataclass(frozen=True)
class RunSpec:
    """Everything needed to render one run file, including the athlete's state that morning."""

    start_utc: datetime
    local_date: date
    run_type: RunType
    route: RouteName
    route_offset_m: float
    steps: tuple[RunStep, ...]
    threshold_mps: float
    hr_rest: float
    strain: float
    drift_per_hour: float
    seed: int
    workout_name: str | None = None
    repeats: int = 0

    @property
    def planned_m(self) -> float:
        """Distance of the distance-defined steps (time-defined rest steps come on top)."""
        return sum(step.distance_m or 0.0 for step in self.steps)


@dataclass(frozen=True)
class SetSpec:
    """One working (or warm-up) set as the athlete did it."""

    reps: int | None
    weight_kg: float
    duration_s: int
    rest_after_s: int


@dataclass(frozen=True)
class ExerciseSpec:
    """An exercise in a lifting session: FIT category/name and the sets done."""

    name: str
    category: str
    category_subtype: int
    region: Region
    effort: float
    sets: tuple[SetSpec, ...]


@dataclass(frozen=True)
class LiftSpec:
    """Everything needed to render one strength-training file."""

    start_utc: datetime
    local_date: date
    lift_type: LiftType
    exercises: tuple[ExerciseSpec, ...]
    hr_rest: float
    strain: float
    seed: int


@dataclass(frozen=True)
class NightSpec:
    """One night: sleep and overnight HRV, recorded in the Sleep/ and HRVStatus/ files."""

    wake_date: date
    sleep_start_utc: datetime
    sleep_s: int
    hrv_ms: float
    hrv_weekly_ms: float
    hrv_baseline_low_ms: float
    hrv_baseline_high_ms: float
    strain: float
    seed: int


@dataclass(frozen=True)
class DaySpec:
    """One local day of wellness monitoring (the Monitor/ file): resting HR and all-day HR."""

    local_date: date
    midnight_utc: datetime
    next_midnight_utc: datetime
    resting_hr: int
    resting_hr_7d: int
    asleep: tuple[tuple[datetime, datetime], ...]
    busy: tuple[tuple[datetime, int, float], ...]
    steps: int
    seed: int


ActivitySpec = RunSpec | LiftSpec
