"""The coach's input from the training model: `rules.Signals` built from the marts (pure).

The mapping (see `rules/signals.py` for the contract):

| Signals field          | from                                                           |
|------------------------|----------------------------------------------------------------|
| runs                   | `runs` of the 6 weeks before the week start; hard minutes =    |
|                        | `above_vt1_s` / 60 when the run had heart rate, else unknown   |
| lifts                  | `lift_sessions` of the 8 weeks before, with their `lift_sets`  |
| fitness                | `fitness` of the day before the week (or the latest day before |
|                        | it: the marts end today, which may be earlier)                 |
| wellness               | `wellness_daily` of the latest day in the 7 days before the    |
|                        | week; older rows do not describe the week before, so missing   |
| weekly_km, longest run | computed from the runs (`weekly_summary.run_km` agrees: a      |
|                        | warehouse check holds them equal)                              |
| previous_fatigue       | the same, as of the day before the previous week               |
| previous_week          | the stored adjusted week before (`planned_sessions`)           |
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import polars as pl

from rules import (
    FatigueSnapshot,
    FitnessSignals,
    LiftDone,
    LiftSet,
    RunDone,
    Session,
    Signals,
    WellnessSignals,
    signals_from_activities,
)

RUN_WEEKS = 6
"""Weeks of runs the rules look back over (ramp: 4-week mean; 80/20: 14 days)."""
LIFT_WEEKS = 8
"""Weeks of lifting sessions (estimated 1RM look-back)."""
WELLNESS_MAX_AGE_DAYS = 7
"""A wellness row older than this before the week describes an older week: left out."""


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _runs(runs: pl.DataFrame, since: date, before: date) -> tuple[RunDone, ...]:
    if runs.is_empty():
        return ()
    rows = runs.filter((pl.col("local_date") >= since) & (pl.col("local_date") < before))
    return tuple(
        RunDone(
            local_date=row["local_date"],
            distance_km=(row["distance_m"] or 0.0) / 1000.0,
            minutes=(row["timer_s"] or 0.0) / 60.0,
            intensity=row["intensity"],
            run_type=row["run_type"],
            is_long=bool(row["is_long"]),
            hard_minutes=((row["above_vt1_s"] or 0.0) / 60.0 if row["has_hr"] else None),
        )
        for row in rows.iter_rows(named=True)
    )


def _lifts(
    sessions: pl.DataFrame, sets: pl.DataFrame, since: date, before: date
) -> tuple[LiftDone, ...]:
    if sessions.is_empty():
        return ()
    rows = sessions.filter((pl.col("local_date") >= since) & (pl.col("local_date") < before))
    by_activity: dict[Any, list[LiftSet]] = {}
    for s in sets.iter_rows(named=True):
        by_activity.setdefault(s["activity_id"], []).append(
            LiftSet(
                exercise=s["exercise_name"] or s["exercise_category"] or "unknown",
                body_region=s["body_region"],
                reps=s["reps"],
                weight_kg=_float(s["weight_kg"]),
                set_type="active" if s["is_working"] else "warmup",
                est_1rm_kg=_float(s["e1rm_kg"]),
            )
        )
    return tuple(
        LiftDone(
            local_date=row["local_date"],
            minutes=float(row["minutes"] or 0.0),
            lower_body=bool(row["lower_body"]),
            sets=tuple(by_activity.get(row["activity_id"], ())),
        )
        for row in rows.iter_rows(named=True)
    )


def _row_on_or_before(
    frame: pl.DataFrame, day: date, *, max_age_days: int | None = None
) -> dict[str, Any] | None:
    if frame.is_empty():
        return None
    rows = frame.filter(pl.col("date") <= day)
    if max_age_days is not None:
        rows = rows.filter(pl.col("date") > day - timedelta(days=max_age_days))
    if rows.is_empty():
        return None
    return rows.sort("date").row(-1, named=True)


def fitness_as_of(fitness: pl.DataFrame, day: date) -> FitnessSignals:
    """`fitness` of `day` (or the latest day before it); all missing when there is none."""
    row = _row_on_or_before(fitness, day)
    if row is None:
        return FitnessSignals()
    return FitnessSignals(
        ctl=_float(row["ctl"]),
        atl=_float(row["atl"]),
        tsb=_float(row["tsb"]),
        acwr=_float(row["acwr"]),
        monotony=_float(row["monotony_7d"]),
        strain=_float(row["strain_7d"]),
    )


def wellness_as_of(wellness: pl.DataFrame, day: date) -> WellnessSignals:
    """`wellness_daily` of the latest day in the week ending `day`; missing when none."""
    row = _row_on_or_before(wellness, day, max_age_days=WELLNESS_MAX_AGE_DAYS)
    if row is None:
        return WellnessSignals()
    sleep_s = _float(row["sleep_7d"])
    return WellnessSignals(
        hrv_7d_mean_ms=_float(row["hrv_7d"]),
        hrv_7d_count=int(row["hrv_7d_n"] or 0),
        hrv_baseline_mean_ms=_float(row["hrv_baseline_mean"]),
        hrv_baseline_sd_ms=_float(row["hrv_baseline_sd"]),
        rhr_7d_mean_bpm=_float(row["resting_hr_7d"]),
        rhr_baseline_bpm=_float(row["resting_hr_baseline_mean"]),
        sleep_7d_mean_h=None if sleep_s is None else sleep_s / 3600.0,
    )


def _first_day(marts: dict[str, pl.DataFrame]) -> date | None:
    days = [
        marts[name]["local_date"].min()
        for name in ("runs", "lift_sessions")
        if name in marts and not marts[name].is_empty()
    ]
    return min(days) if days else None  # type: ignore[type-var]


def signals_from_marts(
    marts: dict[str, pl.DataFrame],
    week_start: date,
    *,
    previous_week: tuple[Session, ...] | None = None,
) -> Signals:
    """Everything measured before `week_start`, from `load_marts(con, athlete)`."""
    eve = week_start - timedelta(days=1)
    previous_eve = eve - timedelta(days=7)
    runs = _runs(marts["runs"], week_start - timedelta(weeks=RUN_WEEKS), week_start)
    lifts = _lifts(
        marts["lift_sessions"],
        marts["lift_sets"],
        week_start - timedelta(weeks=LIFT_WEEKS),
        week_start,
    )
    first = _first_day(marts)
    signals = signals_from_activities(
        week_start,
        runs,
        lifts,
        history_start=first,
        fitness=fitness_as_of(marts["fitness"], eve),
        wellness=wellness_as_of(marts["wellness_daily"], eve),
        previous_fatigue=FatigueSnapshot(
            fitness=fitness_as_of(marts["fitness"], previous_eve),
            wellness=wellness_as_of(marts["wellness_daily"], previous_eve),
        ),
        previous_week=previous_week,
        weeks=RUN_WEEKS,
    )
    # days since the last run/lift must see the whole history, not just the look-back window
    return _with_days_since(signals, marts, week_start)


def _with_days_since(signals: Signals, marts: dict[str, pl.DataFrame], week_start: date) -> Signals:
    def last(name: str) -> int | None:
        frame = marts[name]
        if frame.is_empty():
            return None
        before = frame.filter(pl.col("local_date") < week_start)["local_date"]
        return None if before.is_empty() else (week_start - before.max()).days  # type: ignore[operator]

    return replace(
        signals, days_since_last_run=last("runs"), days_since_last_lift=last("lift_sessions")
    )
