"""From marts to the coach's signals (pure): which day's row, which unit, what is missing."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from runlift_sync.coach.measured_signals import fitness_as_of, signals_from_marts, wellness_as_of

WEEK = dt.date(2026, 3, 2)
EVE = WEEK - dt.timedelta(days=1)


def day(n: int) -> dt.date:
    """`n` days before the planned week (1 = the Sunday before)."""
    return WEEK - dt.timedelta(days=n)


def runs(*rows: tuple[int, float, float, bool, float, str, str, bool]) -> pl.DataFrame:
    """Rows of the runs mart; `hard_time_s` as the model computes it (`runs.hard_time_expr`)."""
    from runlift_sync.model.runs import hard_time_expr

    frame = pl.DataFrame(
        [
            {
                "activity_id": i,
                "local_date": day(n),
                "distance_m": m,
                "timer_s": s,
                "has_hr": hr,
                "above_vt1_s": vt1,
                "intensity": intensity,
                "run_type": run_type,
                "is_long": long,
                "n_work_laps": 0,
                "work_s": 0.0,
            }
            for i, (n, m, s, hr, vt1, intensity, run_type, long) in enumerate(rows)
        ],
        schema={
            "activity_id": pl.Int64,
            "local_date": pl.Date,
            "distance_m": pl.Float64,
            "timer_s": pl.Float64,
            "has_hr": pl.Boolean,
            "above_vt1_s": pl.Float64,
            "intensity": pl.String,
            "run_type": pl.String,
            "is_long": pl.Boolean,
            "n_work_laps": pl.Int64,
            "work_s": pl.Float64,
        },
    )
    return frame.with_columns(hard_time_expr().alias("hard_time_s"))


def marts(run_frame: pl.DataFrame, **others: pl.DataFrame) -> dict[str, pl.DataFrame]:
    empty_dates = pl.DataFrame(schema={"date": pl.Date})
    base = {
        "runs": run_frame,
        "lift_sessions": pl.DataFrame(
            schema={
                "activity_id": pl.Int64,
                "local_date": pl.Date,
                "minutes": pl.Float64,
                "lower_body": pl.Boolean,
            }
        ),
        "lift_sets": pl.DataFrame(
            schema={
                "activity_id": pl.Int64,
                "exercise_name": pl.String,
                "exercise_category": pl.String,
                "body_region": pl.String,
                "reps": pl.Int64,
                "weight_kg": pl.Float64,
                "is_working": pl.Boolean,
                "e1rm_kg": pl.Float64,
            }
        ),
        "fitness": empty_dates,
        "wellness_daily": empty_dates,
    }
    return base | others


def test_runs_become_run_done_with_hard_minutes_from_the_model() -> None:
    frame = runs(
        (1, 16_000.0, 5_400.0, True, 600.0, "easy", "long", True),
        (3, 10_000.0, 3_000.0, False, 0.0, "hard", "tempo", False),
        (50, 8_000.0, 2_700.0, True, 0.0, "easy", "easy", False),  # > 6 weeks: left out
    )
    signals = signals_from_marts(marts(frame), WEEK)
    long, tempo = sorted(signals.runs, key=lambda r: r.local_date, reverse=True)
    assert (long.distance_km, long.minutes, long.hard_minutes) == (16.0, 90.0, 10.0)
    assert long.is_long and long.run_type == "long"
    assert tempo.hard_minutes == 50.0  # no HR, no work laps, hard: the whole run
    # weekly km of the completed weeks since the first activity (7 weeks back, the left-out run)
    assert signals.weekly_km[-1] == 26.0
    assert signals.longest_run_30d_km == 16.0
    assert signals.days_since_last_run == 1


def test_days_since_the_last_run_see_the_whole_history() -> None:
    frame = runs((80, 8_000.0, 2_700.0, True, 0.0, "easy", "easy", False))
    signals = signals_from_marts(marts(frame), WEEK)
    assert signals.runs == ()  # outside the 6-week look-back
    assert signals.days_since_last_run == 80  # but the break is known: restart rules apply


def test_activities_on_or_after_the_week_start_are_ignored() -> None:
    frame = runs((0, 8_000.0, 2_700.0, True, 0.0, "easy", "easy", False))
    frame = frame.with_columns(pl.lit(WEEK + dt.timedelta(days=2)).alias("local_date"))
    signals = signals_from_marts(marts(frame), WEEK)
    assert signals.runs == () and signals.days_since_last_run is None


def fitness_rows(*days: tuple[int, float]) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "date": day(n),
                "ctl": 50.0,
                "atl": 50.0 - tsb,
                "tsb": tsb,
                "acwr": 1.1,
                "monotony_7d": 1.5,
                "strain_7d": 900.0,
            }
            for n, tsb in days
        ]
    )


def test_fitness_is_the_day_before_the_week_or_the_latest_before_it() -> None:
    frame = fitness_rows((8, -5.0), (1, -20.0), (0, -99.0))
    assert fitness_as_of(frame, EVE).tsb == -20.0
    assert fitness_as_of(frame, EVE - dt.timedelta(days=7)).tsb == -5.0
    early = fitness_rows((3, -12.0))  # the marts end today, before the Sunday
    assert fitness_as_of(early, EVE).tsb == -12.0
    assert fitness_as_of(fitness_rows(), EVE).tsb is None


def wellness_row(n: int, **values: float | int | None) -> dict[str, object]:
    row: dict[str, object] = {
        "date": day(n),
        "hrv_7d": 48.0,
        "hrv_7d_n": 6,
        "hrv_baseline_mean": 60.0,
        "hrv_baseline_sd": 8.0,
        "resting_hr_7d": 52.0,
        "resting_hr_baseline_mean": 47.0,
        "sleep_7d": 6.5 * 3600,
    }
    return row | values


def test_wellness_units_and_staleness() -> None:
    frame = pl.DataFrame([wellness_row(2)])
    well = wellness_as_of(frame, EVE)
    assert well.sleep_7d_mean_h == pytest.approx(6.5)  # seconds in the mart, hours for rules
    assert (well.hrv_7d_mean_ms, well.hrv_7d_count, well.rhr_baseline_bpm) == (48.0, 6, 47.0)
    stale = pl.DataFrame([wellness_row(9)])  # the latest reading is 9 days old
    assert wellness_as_of(stale, EVE).hrv_7d_mean_ms is None
    missing = pl.DataFrame([wellness_row(1, hrv_7d=None, hrv_7d_n=None)])
    assert wellness_as_of(missing, EVE).hrv_7d_mean_ms is None
    assert wellness_as_of(missing, EVE).hrv_7d_count == 0


def test_previous_fatigue_is_a_week_earlier() -> None:
    fitness = fitness_rows((8, -31.0), (1, -10.0))
    wellness = pl.DataFrame([wellness_row(8, hrv_7d=40.0), wellness_row(1)])
    signals = signals_from_marts(marts(runs(), fitness=fitness, wellness_daily=wellness), WEEK)
    assert signals.fitness.tsb == -10.0 and signals.wellness.hrv_7d_mean_ms == 48.0
    assert signals.previous_fatigue is not None
    assert signals.previous_fatigue.fitness.tsb == -31.0
    assert signals.previous_fatigue.wellness.hrv_7d_mean_ms == 40.0
