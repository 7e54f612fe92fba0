"""What was measured before the planned week: the coach's input contract (plain frozen data).

The lead builds these from the warehouse marts (issue 4); `rules/` never reads the warehouse.
Every measurement is optional where data can be missing: `None` means "not measured", and the
coach says so instead of inventing a value. Nothing here may describe a day on or after the
week being planned.

| field                         | mart / source                                              |
|-------------------------------|------------------------------------------------------------|
| `RunDone`                     | `runs` (one per run)                                       |
| `LiftDone`, `LiftSet`         | `lift_sessions`, `lift_sets`                               |
| `FitnessSignals`              | `fitness` row of the day before the week start             |
| `WellnessSignals`             | `wellness_daily` row of the day before the week start      |
| `Signals.weekly_km`           | `weekly_summary.run_km` of the completed weeks, oldest first |
| `Signals.longest_run_30d_km`  | max `runs.distance_km` over the 30 days before the week    |
| `Signals.days_since_last_*`   | week start − latest `runs` / `lift_sessions` local date    |
| `Signals.previous_fatigue`    | `fitness` + `wellness_daily` of the day before the previous week |
| `Signals.previous_week`       | `planned_sessions` stored for the previous week            |
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rules.session import Session
from rules.vocab import BodyRegion, Intensity, RunType


@dataclass(frozen=True)
class RunDone:
    """One completed run (`runs` mart)."""

    local_date: date
    distance_km: float
    minutes: float
    intensity: Intensity
    run_type: RunType
    is_long: bool = False
    hard_minutes: float | None = None
    """Minutes above the easy ceiling (moderate + hard zones); None when the run had no HR.
    80/20 then counts the whole run as hard when `intensity == "hard"`, else as easy."""


@dataclass(frozen=True)
class LiftSet:
    """One recorded set (`lift_sets` mart)."""

    exercise: str
    """Exercise name as recorded (e.g. "barbell back squat"); matched to plan names by words."""
    body_region: BodyRegion | None = None
    reps: int | None = None
    weight_kg: float | None = None
    set_type: str = "active"
    """"active" for a working set; anything else (e.g. "rest", "warmup") is ignored."""
    est_1rm_kg: float | None = None

    @property
    def is_working(self) -> bool:
        """A set that counts: an active set."""
        return self.set_type == "active"


@dataclass(frozen=True)
class LiftDone:
    """One completed lifting session (`lift_sessions` mart) and its sets."""

    local_date: date
    minutes: float
    lower_body: bool
    sets: tuple[LiftSet, ...] = ()
    """Empty when the file had no set messages (then volume is unknown, not zero)."""


@dataclass(frozen=True)
class FitnessSignals:
    """`fitness` as of the day before the week starts; each None when not computable."""

    ctl: float | None = None
    atl: float | None = None
    tsb: float | None = None
    acwr: float | None = None
    monotony: float | None = None
    strain: float | None = None


@dataclass(frozen=True)
class WellnessSignals:
    """`wellness_daily` as of the day before the week starts; each None when not measured."""

    hrv_7d_mean_ms: float | None = None
    hrv_7d_count: int = 0
    """Nightly HRV readings within those 7 days."""
    hrv_baseline_mean_ms: float | None = None
    hrv_baseline_sd_ms: float | None = None
    """60-day baseline of nightly HRV."""
    rhr_7d_mean_bpm: float | None = None
    rhr_baseline_bpm: float | None = None
    sleep_7d_mean_h: float | None = None


@dataclass(frozen=True)
class FatigueSnapshot:
    """Fitness and wellness as of one day (used for "flags two weeks running")."""

    fitness: FitnessSignals = FitnessSignals()
    wellness: WellnessSignals = WellnessSignals()


@dataclass(frozen=True)
class Signals:
    """Everything measured before the planned week, as the rules consume it."""

    runs: tuple[RunDone, ...] = ()
    """Runs of (at least) the last 6 weeks before the week start."""
    lifts: tuple[LiftDone, ...] = ()
    """Lifting sessions of (at least) the last 8 weeks (e1RM look-back)."""
    fitness: FitnessSignals = FitnessSignals()
    wellness: WellnessSignals = WellnessSignals()
    weekly_km: tuple[float, ...] = ()
    """Run km of completed Monday-Sunday weeks, oldest first; the last is the week just before
    the planned one. Weeks before the athlete's first recorded activity are left out (not 0)."""
    longest_run_30d_km: float | None = None
    """Longest run in the 30 days before the week start; None when there was none."""
    days_since_last_run: int | None = None
    """Week start − date of the last run (a run on the Sunday before = 1); None: never ran."""
    days_since_last_lift: int | None = None
    previous_fatigue: FatigueSnapshot | None = None
    """Fitness and wellness as of the day before the *previous* week started."""
    previous_week: tuple[Session, ...] | None = None
    """The sessions planned (and stored) for the previous week; None when none was stored."""


def signals_from_activities(
    week_start: date,
    runs: tuple[RunDone, ...] = (),
    lifts: tuple[LiftDone, ...] = (),
    *,
    history_start: date | None = None,
    fitness: FitnessSignals = FitnessSignals(),
    wellness: WellnessSignals = WellnessSignals(),
    previous_fatigue: FatigueSnapshot | None = None,
    previous_week: tuple[Session, ...] | None = None,
    weeks: int = 6,
) -> Signals:
    """Signals with the derived fields (weekly km, longest run, days since) computed from runs.

    `history_start` is the first day with data (default: the first activity); weeks before it
    are left out of `weekly_km`. Activities on or after `week_start` are ignored.
    """
    runs = tuple(r for r in runs if r.local_date < week_start)
    lifts = tuple(lift for lift in lifts if lift.local_date < week_start)
    dates = [r.local_date for r in runs] + [lift.local_date for lift in lifts]
    first = history_start or (min(dates) if dates else week_start)
    weekly: list[float] = []
    for back in range(weeks, 0, -1):
        monday = week_start - timedelta(days=7 * back)
        if monday + timedelta(days=6) < first:
            continue
        km = sum(r.distance_km for r in runs if monday <= r.local_date < monday + timedelta(7))
        weekly.append(round(km, 3))
    recent = [r.distance_km for r in runs if r.local_date >= week_start - timedelta(days=30)]
    return Signals(
        runs=runs,
        lifts=lifts,
        fitness=fitness,
        wellness=wellness,
        weekly_km=tuple(weekly),
        longest_run_30d_km=max(recent) if recent else None,
        days_since_last_run=((week_start - max(r.local_date for r in runs)).days if runs else None),
        days_since_last_lift=(
            (week_start - max(lift.local_date for lift in lifts)).days if lifts else None
        ),
        previous_fatigue=previous_fatigue,
        previous_week=previous_week,
    )
