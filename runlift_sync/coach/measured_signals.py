"""The coach's input from the training model: `rules.Signals` built from the marts (pure).

The mapping (see `rules/signals.py` for the contract):

| Signals field          | from                                                           |
|------------------------|----------------------------------------------------------------|
| runs                   | `runs` of the 6 weeks before the week start; hard minutes =    |
|                        | `hard_time_s` / 60 (above VT1; without HR the work laps)       |
| lifts                  | `lift_sessions` of the 8 weeks before, with their `lift_sets`  |
|                        | (FIT `exercise_category` / `exercise_name` for matching)       |
| fitness                | `fitness` of the day before the week (or the latest day before |
|                        | it: the marts end today, which may be earlier)                 |
| wellness               | `wellness_daily` of the latest day in the 7 days before the    |
|                        | week; older rows do not describe the week before, so missing   |
| weekly_km, longest run | computed from the runs (`weekly_summary.run_km` agrees: a      |
|                        | warehouse check holds them equal)                              |
| previous_fatigue       | the same, as of the day before the previous week               |
| previous_week          | the stored adjusted week before (`planned_sessions`)           |
| fitness.history_days   | `fitness.days_of_history` (plus the days to the eve when the   |
|                        | marts end earlier)                                             |
| run_breaks             | every run of the history: breaks of >= 14 days                 |
| projected              | sessions of stored plans for days that have not happened yet, |
|                        | counted as done (a future week is planned from its plans)      |
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
from rules.signals import find_run_breaks

RUN_WEEKS = 6
"""Weeks of runs the rules look back over (ramp: 4-week mean; 80/20: 14 days)."""
LIFT_WEEKS = 8
"""Weeks of lifting sessions (estimated 1RM look-back)."""
WELLNESS_MAX_AGE_DAYS = 7
"""A wellness row older than this before the week describes an older week: left out."""
DEFAULT_PACE_MIN_PER_KM = 6.0
"""Pace of a projected run without minutes when no easy run was recorded."""


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
            hard_minutes=None if row["hard_time_s"] is None else row["hard_time_s"] / 60.0,
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
                category=s["exercise_category"],
                fit_name=s["exercise_name"],
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
    history = row.get("days_of_history")
    return FitnessSignals(
        ctl=_float(row["ctl"]),
        atl=_float(row["atl"]),
        tsb=_float(row["tsb"]),
        acwr=_float(row["acwr"]),
        monotony=_float(row["monotony_7d"]),
        strain=_float(row["strain_7d"]),
        history_days=None if history is None else int(history) + (day - row["date"]).days,
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


def projected_activities(
    sessions: tuple[Session, ...], runs: pl.DataFrame
) -> tuple[tuple[RunDone, ...], tuple[LiftDone, ...]]:
    """Planned sessions of days that have not happened, as if done: a run of its km (minutes
    from the plan, else at the median pace of the recorded easy runs), hard when its type is
    hard; a lift of its minutes, lower-body as planned, sets unknown."""
    easy = runs.filter(pl.col("intensity") == "easy") if not runs.is_empty() else runs
    paces = [
        row["timer_s"] / 60.0 / (row["distance_m"] / 1000.0)
        for row in easy.tail(30).iter_rows(named=True)
        if row["distance_m"] and row["timer_s"]
    ]
    pace = sorted(paces)[len(paces) // 2] if paces else DEFAULT_PACE_MIN_PER_KM
    done_runs = tuple(
        RunDone(
            local_date=s.date,
            distance_km=float(s.km or 0.0),
            minutes=float(s.minutes) if s.minutes is not None else float(s.km or 0.0) * pace,
            intensity="hard" if s.is_hard else "easy",
            run_type=s.type or "easy",
            is_long=s.type == "long",
            hard_minutes=None,
        )
        for s in sessions
        if s.is_run
    )
    done_lifts = tuple(
        LiftDone(local_date=s.date, minutes=float(s.minutes or 0.0), lower_body=s.lower_body)
        for s in sessions
        if s.is_lift
    )
    return done_runs, done_lifts


def signals_from_marts(
    marts: dict[str, pl.DataFrame],
    week_start: date,
    *,
    previous_week: tuple[Session, ...] | None = None,
    projected: tuple[Session, ...] = (),
    notes: tuple[str, ...] = (),
    planned_on: date | None = None,
) -> Signals:
    """Everything measured before `week_start`, from `load_marts(con, athlete)`; `projected`
    (planned sessions of days not yet lived, before the week) count as done."""
    eve = week_start - timedelta(days=1)
    previous_eve = eve - timedelta(days=7)
    since_runs = week_start - timedelta(weeks=RUN_WEEKS)
    runs = _runs(marts["runs"], since_runs, week_start)
    lifts = _lifts(
        marts["lift_sessions"],
        marts["lift_sets"],
        week_start - timedelta(weeks=LIFT_WEEKS),
        week_start,
    )
    planned_runs, planned_lifts = projected_activities(
        tuple(s for s in projected if s.date < week_start), marts["runs"]
    )
    runs += tuple(r for r in planned_runs if r.local_date >= since_runs)
    lifts += planned_lifts
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
    # days since the last run/lift and the breaks must see the whole history, not just the
    # look-back window
    run_dates = _dates(marts["runs"], week_start) + [r.local_date for r in planned_runs]
    lift_dates = _dates(marts["lift_sessions"], week_start) + [x.local_date for x in planned_lifts]
    return replace(
        signals,
        days_since_last_run=(week_start - max(run_dates)).days if run_dates else None,
        days_since_last_lift=(week_start - max(lift_dates)).days if lift_dates else None,
        run_breaks=find_run_breaks(run_dates, week_start, first),
        notes=notes,
        planned_on=planned_on,
    )


def _dates(frame: pl.DataFrame, week_start: date) -> list[date]:
    if frame.is_empty():
        return []
    return frame.filter(pl.col("local_date") < week_start)["local_date"].to_list()
