"""Training load per activity (`activity_load`) and per day (`daily_load`) (pure).

One unit for everything: Banister TRIMP (see `hr`).

- Runs and other training with heart rate: TRIMP summed second by second.
- Lifting: Foster's session RPE × minutes (AU), the RPE (CR-10) from heart rate —
  10 × HRr of the session's 90th-percentile HR, clamped to [3, 9] (in a lifting session HR
  peaks at the end of each hard set and falls in the rests, so the average understates the
  effort) — or 6 ("hard") without heart rate. AU are counted as TRIMP × 0.45: on the CR-10 ↔
  %HRR correspondence (RPE 3 ≈ 60 %, 5 ≈ 75 %, 7 ≈ 90 %, 10 = 100 % HRR) a minute's TRIMP is
  0.40–0.50 × its RPE for both sexes.
- Runs without heart rate: the same sRPE route with an RPE by run type (recovery 2, easy 3,
  long 4, tempo 6, intervals 7); other training without heart rate: RPE 4.

`daily_load` has one row per local date from the athlete's first activity to `end_date`,
rest days included as zero.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from runlift_sync.model.athlete_profile import AthleteProfile
from runlift_sync.model.hr import histogram_metrics, hrr_expr
from runlift_sync.model.model_policy import DEFAULT_POLICY, ModelPolicy

ACTIVITY_LOAD_SCHEMA: dict[str, pl.DataType] = {
    "athlete": pl.String(),
    "activity_id": pl.String(),
    "kind": pl.String(),
    "kind_detail": pl.String(),
    "kind_reason": pl.String(),
    "start_time_utc": pl.Datetime("us"),
    "start_time_local": pl.Datetime("us"),
    "local_date": pl.Date(),
    "iso_year": pl.Int32(),
    "iso_week": pl.Int32(),
    "week_start": pl.Date(),
    "minutes": pl.Float64(),
    "distance_m": pl.Float64(),
    "avg_hr": pl.Float64(),
    "hr_s": pl.Float64(),
    "trimp": pl.Float64(),
    "rpe": pl.Float64(),
    "rpe_source": pl.String(),
    "srpe": pl.Float64(),
    "load": pl.Float64(),
    "load_method": pl.String(),
}

DAILY_LOAD_SCHEMA: dict[str, pl.DataType] = {
    "athlete": pl.String(),
    "date": pl.Date(),
    "run_load": pl.Float64(),
    "lift_load": pl.Float64(),
    "other_load": pl.Float64(),
    "total_load": pl.Float64(),
    "n_runs": pl.Int32(),
    "run_km": pl.Float64(),
    "run_s": pl.Float64(),
    "n_lifts": pl.Int32(),
    "lift_minutes": pl.Float64(),
    "lift_srpe": pl.Float64(),
    "n_other": pl.Int32(),
    "is_rest_day": pl.Boolean(),
}


def activity_load(
    activities: pl.DataFrame,
    kinds: pl.DataFrame,
    features: pl.DataFrame,
    runs: pl.DataFrame,
    profile: AthleteProfile,
    policy: ModelPolicy = DEFAULT_POLICY,
) -> pl.DataFrame:
    """One row per activity: kind and load.

    `activities`: localized; `kinds`: `activities.activity_kinds`; `features`: activity features
    (hr_s, hr_p90, …); `runs`: the runs mart (trimp, has_hr, run_type).
    """
    if activities.is_empty():
        return pl.DataFrame(schema=ACTIVITY_LOAD_SCHEMA)
    trimps = histogram_metrics(features, profile).select("activity_id", "trimp")
    frame = (
        activities.join(kinds, on="activity_id", how="inner")
        .join(features.select("activity_id", "hr_s", "hr_p90"), on="activity_id", how="left")
        .join(trimps, on="activity_id", how="left")
        .join(runs.select("activity_id", "run_type"), on="activity_id", how="left")
        .with_columns(
            (pl.coalesce("timer_s", "elapsed_s").fill_null(0.0) / 60.0).alias("minutes"),
            pl.col("hr_s").fill_null(0.0),
            pl.col("avg_hr").cast(pl.Float64),
        )
    )
    has_hr = (pl.col("hr_s") >= 60) & (
        pl.col("hr_s") >= policy.hr_coverage_min * 60 * pl.col("minutes")
    )
    lift_rpe_hr = (10.0 * hrr_expr(pl.col("hr_p90"), profile)).clip(
        policy.lift_rpe_min, policy.lift_rpe_max
    )
    run_default = pl.col("run_type").replace_strict(
        policy.run_rpe_without_hr,
        default=policy.run_rpe_without_hr["easy"],
        return_dtype=pl.Float64,
    )
    kind = pl.col("kind")
    frame = frame.with_columns(
        pl.when(kind == "lift")
        .then(
            pl.when(has_hr & pl.col("hr_p90").is_not_null())
            .then(lift_rpe_hr)
            .otherwise(policy.default_lift_rpe)
        )
        .when(has_hr)
        .then(None)
        .when(kind == "run")
        .then(run_default)
        .otherwise(policy.default_other_rpe)
        .alias("rpe"),
        pl.when(kind == "lift")
        .then(
            pl.when(has_hr & pl.col("hr_p90").is_not_null())
            .then(pl.lit("heart_rate"))
            .otherwise(pl.lit("default"))
        )
        .when(has_hr)
        .then(None)
        .otherwise(pl.lit("default"))
        .alias("rpe_source"),
        pl.when(has_hr).then(pl.col("trimp")).alias("trimp"),
    )
    frame = frame.with_columns((pl.col("rpe") * pl.col("minutes")).alias("srpe")).with_columns(
        pl.when(pl.col("srpe").is_not_null())
        .then(pl.col("srpe") * policy.srpe_to_trimp)
        .otherwise(pl.col("trimp").fill_null(0.0))
        .alias("load"),
        pl.when(kind == "lift")
        .then(pl.format("srpe_{}", pl.col("rpe_source")))
        .when(pl.col("srpe").is_not_null())
        .then(pl.lit("srpe_default"))
        .otherwise(pl.lit("trimp"))
        .alias("load_method"),
        pl.lit(profile.athlete).alias("athlete"),
    )
    return frame.select([pl.col(c).cast(t) for c, t in ACTIVITY_LOAD_SCHEMA.items()]).sort(
        "start_time_utc", "activity_id"
    )


def daily_load(loads: pl.DataFrame, athlete: str, end_date: date | None = None) -> pl.DataFrame:
    """One row per local date from the first activity to `end_date` (or the last activity)."""
    if loads.is_empty():
        return pl.DataFrame(schema=DAILY_LOAD_SCHEMA)
    first = loads["local_date"].min()
    last = loads["local_date"].max()
    if end_date is not None and end_date > last:  # type: ignore[operator]
        last = end_date
    calendar = pl.DataFrame(
        {"date": pl.date_range(first, last, "1d", eager=True)}  # type: ignore[arg-type]
    )
    kind = pl.col("kind")
    per_day = loads.group_by(pl.col("local_date").alias("date")).agg(
        pl.col("load").filter(kind == "run").sum().alias("run_load"),
        pl.col("load").filter(kind == "lift").sum().alias("lift_load"),
        pl.col("load").filter(kind == "cross_training").sum().alias("other_load"),
        (kind == "run").sum().cast(pl.Int32).alias("n_runs"),
        (pl.col("distance_m").filter(kind == "run").sum() / 1000.0).alias("run_km"),
        (pl.col("minutes").filter(kind == "run").sum() * 60.0).alias("run_s"),
        (kind == "lift").sum().cast(pl.Int32).alias("n_lifts"),
        pl.col("minutes").filter(kind == "lift").sum().alias("lift_minutes"),
        pl.col("srpe").filter(kind == "lift").sum().alias("lift_srpe"),
        (kind == "cross_training").sum().cast(pl.Int32).alias("n_other"),
    )
    frame = calendar.join(per_day, on="date", how="left").with_columns(
        pl.exclude("date").fill_null(0),
    )
    frame = frame.with_columns(
        (pl.col("run_load") + pl.col("lift_load") + pl.col("other_load")).alias("total_load"),
        (pl.col("n_runs") + pl.col("n_lifts") + pl.col("n_other") == 0).alias("is_rest_day"),
        pl.lit(athlete).alias("athlete"),
    )
    return frame.select([pl.col(c).cast(t) for c, t in DAILY_LOAD_SCHEMA.items()]).sort("date")
