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
| `Signals.run_breaks`          | `runs` over the whole history: breaks of >= 14 days        |
| `Signals.notes`               | how the signals were measured (projected weeks, past week) |
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rules.session import Session
from rules.vocab import BodyRegion, Intensity

REPORTED_BREAK_DAYS = 14
"""Breaks from running of at least this many days are reported in `Signals.run_breaks` (the
policy's `long_break_days` decides which of them matter; it is never shorter)."""
BREAK_LOOKBACK_DAYS = 84
"""...when the first run after the break is within this many days of the week start."""


@dataclass(frozen=True)
class RunDone:
    """One completed run (`runs` mart)."""

    local_date: date
    distance_km: float
    minutes: float
    intensity: Intensity
    run_type: str
    """easy, recovery, long, tempo, intervals (the model's `run_type`), or race (projected)."""
    is_long: bool = False
    hard_minutes: float | None = None
    """Minutes counted hard for 80/20 by time (`runs.hard_time_s`: above VT1; without heart
    rate, the work laps of a hard run); None when unknown (then a hard run counts whole)."""


@dataclass(frozen=True)
class LiftSet:
    """One recorded set (`lift_sets` mart)."""

    exercise: str
    """Exercise as recorded, for people (e.g. "barbell_back_squat")."""
    body_region: BodyRegion | None = None
    reps: int | None = None
    weight_kg: float | None = None
    set_type: str = "active"
    """"active" for a working set; anything else (e.g. "rest", "warmup") is ignored."""
    est_1rm_kg: float | None = None
    category: str | None = None
    """FIT `exercise_category` (e.g. "squat"): what planned exercises are matched on."""
    fit_name: str | None = None
    """FIT `exercise_name` within the category (e.g. "barbell_back_squat"), when recorded."""

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
    history_days: int | None = None
    """Days of training history up to that day (`fitness.days_of_history`): CTL, ACWR and
    monotony need weeks of it before they mean anything; None when unknown."""


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
    run_breaks: tuple[RunBreak, ...] = ()
    """Breaks from running of >= 14 days ending within the 12 weeks before, oldest first."""
    notes: tuple[str, ...] = ()
    """How these signals were measured, for the user (e.g. days projected from stored plans)."""
    planned_on: date | None = None
    """The athlete's today when the week was planned (what had happened by then)."""


@dataclass(frozen=True)
class RunBreak:
    """A break from running: from the last run before it (None: no run before it, only other
    training) to the first run after it."""

    last_run: date | None
    first_run: date
    days: int
    """first_run - last_run (or - the first day of data when there was no run before)."""


def find_run_breaks(
    run_dates: list[date] | tuple[date, ...],
    week_start: date,
    history_start: date | None,
) -> tuple[RunBreak, ...]:
    """Breaks of >= `REPORTED_BREAK_DAYS` between runs (or from the first day of data to the
    first run) whose first run is within `BREAK_LOOKBACK_DAYS` before `week_start`."""
    dates = sorted({d for d in run_dates if d < week_start})
    found: list[RunBreak] = []
    previous: date | None = None
    for day in dates:
        begin = previous if previous is not None else history_start
        if begin is not None and (day - begin).days >= REPORTED_BREAK_DAYS:
            found.append(RunBreak(previous, day, (day - begin).days))
        previous = day
    since = week_start - timedelta(days=BREAK_LOOKBACK_DAYS)
    return tuple(b for b in found if b.first_run >= since)


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
        run_breaks=find_run_breaks([r.local_date for r in runs], week_start, first),
    )
