"""The structure of a run from its laps: workout steps, work and rest laps, alternating pace.

- A **workout** is a run whose laps carry workout intensities (warmup, cooldown, rest,
  recovery, interval). Its work laps are the active/interval laps of ≥ 20 s; with at least
  one rest lap it is an interval workout, without one a continuous workout (tempo).
- Without workout intensities (manual or auto laps), **alternating laps** are laps of
  30 s – 10 min at ≥ 1.12 × the run's median lap speed next to a lap ≥ 1.12 × slower:
  intervals pressed by hand on the lap button.
"""

from __future__ import annotations

import polars as pl

from runlift_sync.model.model_policy import DEFAULT_POLICY, ModelPolicy

WORKOUT_INTENSITIES = ("warmup", "cooldown", "rest", "recovery", "interval")
REST_INTENSITIES = ("rest", "recovery")
WORK_INTENSITIES = ("active", "interval")

STRUCTURE_SCHEMA: dict[str, pl.DataType] = {
    "activity_id": pl.String(),
    "structure": pl.String(),
    "n_work_laps": pl.Int32(),
    "n_rest_laps": pl.Int32(),
    "work_s": pl.Float64(),
    "work_distance_m": pl.Float64(),
    "work_avg_hr": pl.Float64(),
    "work_max_hr": pl.Float64(),
}


def lap_structure(laps: pl.DataFrame, policy: ModelPolicy = DEFAULT_POLICY) -> pl.DataFrame:
    """One row per activity with laps: structure, work/rest laps and the work's HR and pace.

    `laps`: activity_id, lap_index, timer_s, distance_m, avg_speed_mps, avg_hr, max_hr,
    intensity. `structure` is workout_intervals, workout_continuous, alternating_laps or None.
    """
    if laps.is_empty():
        return pl.DataFrame(schema=STRUCTURE_SCHEMA)
    ratio = policy.alternating_lap_ratio
    laps = laps.sort("activity_id", "lap_index").with_columns(
        pl.col("timer_s").fill_null(0.0),
        pl.coalesce(
            pl.col("avg_speed_mps"),
            pl.when(pl.col("timer_s") > 0).then(pl.col("distance_m") / pl.col("timer_s")),
        ).alias("speed"),
    )
    by = "activity_id"
    workout = pl.col("intensity").is_in(list(WORKOUT_INTENSITIES)).any().over(by)
    is_rest = pl.col("intensity").is_in(list(REST_INTENSITIES))
    is_work_step = (
        pl.col("intensity").is_in(list(WORK_INTENSITIES)) | pl.col("intensity").is_null()
    ) & (pl.col("timer_s") >= 20)
    median_speed = (
        pl.col("speed").filter(pl.col("timer_s") >= 30).median().over(by).alias("median_speed")
    )
    laps = laps.with_columns(workout.alias("workout"), median_speed)
    prev_speed = pl.col("speed").shift(1).over(by)
    next_speed = pl.col("speed").shift(-1).over(by)
    slower_neighbour = (prev_speed * ratio <= pl.col("speed")).fill_null(False) | (
        next_speed * ratio <= pl.col("speed")
    ).fill_null(False)
    alternating = (
        ~pl.col("workout")
        & pl.col("timer_s").is_between(30, 600)
        & (pl.col("speed") >= ratio * pl.col("median_speed")).fill_null(False)
        & slower_neighbour
    )
    laps = laps.with_columns(
        (pl.col("workout") & is_work_step).alias("work_step"),
        (pl.col("workout") & is_rest).alias("rest_step"),
        alternating.alias("fast_lap"),
    )
    summary = laps.group_by(by).agg(
        pl.col("workout").first(),
        pl.col("work_step").sum().cast(pl.Int32).alias("n_work_steps"),
        pl.col("rest_step").sum().cast(pl.Int32).alias("n_rest_laps"),
        pl.col("fast_lap").sum().cast(pl.Int32).alias("n_fast_laps"),
    )
    summary = summary.with_columns(
        pl.when(pl.col("workout") & (pl.col("n_rest_laps") > 0) & (pl.col("n_work_steps") >= 1))
        .then(pl.lit("workout_intervals"))
        .when(pl.col("workout") & (pl.col("n_work_steps") >= 1))
        .then(pl.lit("workout_continuous"))
        .when(pl.col("n_fast_laps") >= policy.min_alternating_laps)
        .then(pl.lit("alternating_laps"))
        .alias("structure")
    )
    laps = laps.join(summary.select(by, "structure"), on=by).with_columns(
        pl.when(pl.col("structure").is_in(["workout_intervals", "workout_continuous"]))
        .then(pl.col("work_step"))
        .when(pl.col("structure") == "alternating_laps")
        .then(pl.col("fast_lap"))
        .otherwise(False)
        .alias("is_work")
    )
    work = pl.col("is_work")
    weights = pl.col("timer_s").filter(work & pl.col("avg_hr").is_not_null())
    work_stats = laps.group_by(by).agg(
        work.sum().cast(pl.Int32).alias("n_work_laps"),
        pl.col("timer_s").filter(work).sum().alias("work_s"),
        pl.col("distance_m").filter(work).sum().alias("work_distance_m"),
        (
            (pl.col("avg_hr").filter(work & pl.col("avg_hr").is_not_null()) * weights).sum()
            / weights.sum()
        ).alias("work_avg_hr"),
        pl.col("max_hr").filter(work).max().cast(pl.Float64).alias("work_max_hr"),
    )
    result = summary.join(work_stats, on=by).with_columns(
        pl.when(pl.col("work_avg_hr").is_nan()).then(None).otherwise(pl.col("work_avg_hr"))
    )
    return result.select([pl.col(c).cast(t) for c, t in STRUCTURE_SCHEMA.items()]).sort(by)
