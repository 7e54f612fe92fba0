"""The `weekly_summary` mart: one row per athlete per ISO week (Monday start, local time) (pure).

Every week from the first activity's to the last day of `daily_load` is present (empty weeks
as zeros), so week-over-week changes are honest. Easy and hard shares are shares of running
*time* by the classification of each run (moderate counts as hard) and sum to 1 whenever
there was running; ``below_vt1_share`` is the time-in-zone view of the same week.

80/20 by days (the seed's "easy to hard days", `rules.hard_days`): ``hard_days`` counts the
days with a run classified hard or a lower-body lifting session, ``training_days`` the days
with any run or lift; ``hard_time_s`` / ``hard_time_share`` keep the time view as a second
measure (time above VT1; without heart rate, the work laps of a hard run). Fitness
values (ACWR, CTL, ATL, TSB, monotony, strain) are those of the week's last day in the data —
the Sunday, or today for the current week.
"""

from __future__ import annotations

import polars as pl

from runlift_sync.model.localtime import week_columns

WEEKLY_SCHEMA: dict[str, pl.DataType] = {
    "athlete": pl.String(),
    "week_start": pl.Date(),
    "iso_year": pl.Int32(),
    "iso_week": pl.Int32(),
    "week_end": pl.Date(),
    "days_in_data": pl.Int32(),
    "run_km": pl.Float64(),
    "run_s": pl.Float64(),
    "n_runs": pl.Int32(),
    "n_hard_runs": pl.Int32(),
    "easy_s": pl.Float64(),
    "hard_s": pl.Float64(),
    "easy_share": pl.Float64(),
    "hard_share": pl.Float64(),
    "below_vt1_share": pl.Float64(),
    "training_days": pl.Int32(),
    "hard_days": pl.Int32(),
    "hard_time_s": pl.Float64(),
    "hard_time_share": pl.Float64(),
    "long_run_km": pl.Float64(),
    "longest_run_km": pl.Float64(),
    "n_lift_sessions": pl.Int32(),
    "n_lower_body_sessions": pl.Int32(),
    "lift_sets": pl.Int32(),
    "lift_volume_kg": pl.Float64(),
    "lift_minutes": pl.Float64(),
    "run_load": pl.Float64(),
    "lift_load": pl.Float64(),
    "other_load": pl.Float64(),
    "total_load": pl.Float64(),
    "km_change": pl.Float64(),
    "km_change_pct": pl.Float64(),
    "acwr": pl.Float64(),
    "ctl": pl.Float64(),
    "atl": pl.Float64(),
    "tsb": pl.Float64(),
    "monotony_7d": pl.Float64(),
    "strain_7d": pl.Float64(),
}


def weekly_summary(
    athlete: str,
    runs: pl.DataFrame,
    lift_sessions: pl.DataFrame,
    daily: pl.DataFrame,
    fitness: pl.DataFrame,
) -> pl.DataFrame:
    """The weekly_summary mart from the runs, lift_sessions, daily_load and fitness marts."""
    if daily.is_empty():
        return pl.DataFrame(schema=WEEKLY_SCHEMA)
    days = daily.select("date", "run_load", "lift_load", "other_load", "total_load").with_columns(
        week_columns("date")
    )
    weeks = days.group_by("week_start").agg(
        pl.col("iso_year").first(),
        pl.col("iso_week").first(),
        pl.len().cast(pl.Int32).alias("days_in_data"),
        pl.col("run_load").sum(),
        pl.col("lift_load").sum(),
        pl.col("other_load").sum(),
        pl.col("total_load").sum(),
        pl.col("date").max().alias("__last_day"),
    )
    hard = pl.col("intensity") == "hard"
    timer = pl.col("timer_s").fill_null(0.0)
    run_weeks = runs.group_by("week_start").agg(
        (pl.col("distance_m").fill_null(0.0).sum() / 1000.0).alias("run_km"),
        timer.sum().alias("run_s"),
        pl.len().cast(pl.Int32).alias("n_runs"),
        hard.sum().cast(pl.Int32).alias("n_hard_runs"),
        timer.filter(~hard).sum().alias("easy_s"),
        timer.filter(hard).sum().alias("hard_s"),
        pl.col("below_vt1_s").sum().alias("__below"),
        pl.col("hr_s").sum().alias("__hr_s"),
        pl.col("hard_time_s").fill_null(0.0).sum().alias("hard_time_s"),
        (pl.col("distance_m").filter(pl.col("is_long")).max() / 1000.0).alias("long_run_km"),
        (pl.col("distance_m").max() / 1000.0).alias("longest_run_km"),
    )
    lift_weeks = lift_sessions.group_by("week_start").agg(
        pl.len().cast(pl.Int32).alias("n_lift_sessions"),
        pl.col("lower_body").fill_null(False).sum().cast(pl.Int32).alias("n_lower_body_sessions"),
        pl.col("n_sets").sum().cast(pl.Int32).alias("lift_sets"),
        pl.col("volume_kg").sum().alias("lift_volume_kg"),
        pl.col("minutes").sum().alias("lift_minutes"),
    )
    day_weeks = _days(runs, lift_sessions)
    fit = fitness.select(
        pl.col("date").alias("__last_day"), "acwr", "ctl", "atl", "tsb", "monotony_7d", "strain_7d"
    )
    frame = (
        weeks.join(run_weeks, on="week_start", how="left")
        .join(lift_weeks, on="week_start", how="left")
        .join(day_weeks, on="week_start", how="left")
        .join(fit, on="__last_day", how="left")
        .sort("week_start")
        .with_columns(
            pl.col(
                "run_km",
                "run_s",
                "easy_s",
                "hard_s",
                "hard_time_s",
                "lift_volume_kg",
                "lift_minutes",
            ).fill_null(0.0),
            pl.col(
                "n_runs",
                "n_hard_runs",
                "n_lift_sessions",
                "n_lower_body_sessions",
                "lift_sets",
                "training_days",
                "hard_days",
            ).fill_null(0),
            (pl.col("week_start") + pl.duration(days=6)).alias("week_end"),
            pl.lit(athlete).alias("athlete"),
        )
    )
    previous = pl.col("run_km").shift(1)
    frame = frame.with_columns(
        pl.when(pl.col("run_s") > 0).then(pl.col("easy_s") / pl.col("run_s")).alias("easy_share"),
        pl.when(pl.col("run_s") > 0).then(pl.col("hard_s") / pl.col("run_s")).alias("hard_share"),
        pl.when(pl.col("run_s") > 0)
        .then(pl.col("hard_time_s") / pl.col("run_s"))
        .alias("hard_time_share"),
        pl.when(pl.col("__hr_s") > 0)
        .then(pl.col("__below") / pl.col("__hr_s"))
        .alias("below_vt1_share"),
        (pl.col("run_km") - previous).alias("km_change"),
        pl.when(previous > 0)
        .then((pl.col("run_km") - previous) / previous * 100.0)
        .alias("km_change_pct"),
    )
    return frame.select([pl.col(c).cast(t) for c, t in WEEKLY_SCHEMA.items()])


def _days(runs: pl.DataFrame, lift_sessions: pl.DataFrame) -> pl.DataFrame:
    """Training days and hard days per week (`rules.hard_days`: a hard run or a lower-body
    lift makes the day hard; two on one day are one hard day)."""
    days = pl.concat(
        [
            runs.select("week_start", "local_date", (pl.col("intensity") == "hard").alias("hard")),
            lift_sessions.select(
                "week_start", "local_date", pl.col("lower_body").fill_null(False).alias("hard")
            ),
        ],
        how="vertical_relaxed",
    )
    return days.group_by("week_start").agg(
        pl.col("local_date").n_unique().cast(pl.Int32).alias("training_days"),
        pl.col("local_date").filter(pl.col("hard")).n_unique().cast(pl.Int32).alias("hard_days"),
    )
