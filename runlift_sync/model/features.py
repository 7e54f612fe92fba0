"""Per-activity features of the record stream that do not depend on the athlete's landmarks.

Computed once per activity and cached in ``activity_features``, so a refresh after an import
reads only the new files' records. A sample's values hold until the next sample for at most
``max_sample_gap_s`` (longer gaps are pauses or lost signal; the last sample marks the end
and holds nothing), which gives a 1-Hz grid:

- ``hr_bpm`` / ``hr_seconds``: seconds spent at each whole bpm (zones and TRIMP follow from
  it for any landmarks);
- ``best_hr_60s``: best 60-s average HR (for estimating hr_max), ``hr_p90``: 90th-percentile
  HR (session RPE of a lift);
- drift: mean HR and speed over the first and second half of the moving time after a
  10-min warm-up (Pa:HR decoupling, for steady runs);
- surges: stretches of 40 s – 10 min with the 30-s mean speed ≥ 1.15 × the median moving
  speed (fartlek and intervals without laps);
- ``hr_swings``: rises of ≥ 12 bpm of the 15-s mean HR from a trough that fall back by at
  least two thirds (the set/rest pattern of lifting).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import polars as pl

from runlift_sync.model.model_policy import DEFAULT_POLICY, ModelPolicy

#: Bump when the features change: cached rows of another version are recomputed.
FEATURES_VERSION = 1

FEATURE_SCHEMA: dict[str, pl.DataType] = {
    "activity_id": pl.String(),
    "features_version": pl.Int32(),
    "n_records": pl.Int64(),
    "record_s": pl.Float64(),
    "hr_s": pl.Float64(),
    "hr_bpm": pl.List(pl.Int32()),
    "hr_seconds": pl.List(pl.Float64()),
    "best_hr_60s": pl.Float64(),
    "hr_p90": pl.Float64(),
    "moving_s": pl.Float64(),
    "median_speed_mps": pl.Float64(),
    "drift_s": pl.Float64(),
    "first_half_hr": pl.Float64(),
    "second_half_hr": pl.Float64(),
    "first_half_speed_mps": pl.Float64(),
    "second_half_speed_mps": pl.Float64(),
    "n_surges": pl.Int32(),
    "surge_s": pl.Float64(),
    "hr_swings": pl.Int32(),
}

MOVING_MPS = 0.5


def empty_features() -> pl.DataFrame:
    return pl.DataFrame(schema=FEATURE_SCHEMA)


def _with_gaps(records: pl.DataFrame, policy: ModelPolicy) -> pl.DataFrame:
    """Records sorted, each with `dt_s`: how long its values hold (capped)."""
    return (
        records.select(
            "activity_id",
            pl.col("timestamp_utc").cast(pl.Datetime("us")),
            pl.col("heart_rate").cast(pl.Int32),
            pl.col("speed_mps").cast(pl.Float64),
        )
        .filter(pl.col("timestamp_utc").is_not_null())
        .sort("activity_id", "timestamp_utc")
        .with_columns(
            (
                (pl.col("timestamp_utc").shift(-1).over("activity_id") - pl.col("timestamp_utc"))
                .dt.total_seconds()
                .fill_null(0)
                .clip(0, policy.max_sample_gap_s)
                .cast(pl.Int64)
            ).alias("dt_s"),
            pl.when(pl.col("heart_rate").is_between(25, 250))
            .then(pl.col("heart_rate"))
            .alias("heart_rate"),
        )
    )


def _histogram(rows: pl.DataFrame) -> pl.DataFrame:
    return (
        rows.filter(pl.col("heart_rate").is_not_null() & (pl.col("dt_s") > 0))
        .group_by("activity_id", "heart_rate")
        .agg(pl.col("dt_s").sum().cast(pl.Float64).alias("seconds"))
        .sort("activity_id", "heart_rate")
        .group_by("activity_id", maintain_order=True)
        .agg(
            pl.col("heart_rate").alias("hr_bpm"),
            pl.col("seconds").alias("hr_seconds"),
            pl.col("seconds").sum().alias("hr_s"),
            pl.col("heart_rate")
            .filter(pl.col("seconds").cum_sum() >= 0.9 * pl.col("seconds").sum())
            .first()
            .cast(pl.Float64)
            .alias("hr_p90"),
        )
    )


def _grid(rows: pl.DataFrame) -> pl.DataFrame:
    """One row per second of recording (values carried forward)."""
    return (
        rows.filter(pl.col("dt_s") > 0)
        .with_columns(pl.int_ranges(0, pl.col("dt_s")).alias("k"))
        .explode("k")
        .select(
            "activity_id",
            pl.col("heart_rate").cast(pl.Float64).alias("hr"),
            pl.col("speed_mps").alias("speed"),
        )
    )


def _drift(grid: pl.DataFrame, policy: ModelPolicy) -> pl.DataFrame:
    moving = grid.filter((pl.col("speed") > MOVING_MPS) & pl.col("hr").is_not_null())
    moving = moving.with_columns(pl.int_range(pl.len()).over("activity_id").alias("i")).filter(
        pl.col("i") >= policy.drift_skip_s
    )
    moving = moving.with_columns(
        pl.len().over("activity_id").alias("n"),
        (pl.col("i") - policy.drift_skip_s).alias("j"),
    ).filter(pl.col("n") >= policy.drift_min_s)
    half = pl.col("j") < pl.col("n") / 2
    return moving.group_by("activity_id").agg(
        pl.col("n").first().cast(pl.Float64).alias("drift_s"),
        pl.col("hr").filter(half).mean().alias("first_half_hr"),
        pl.col("hr").filter(~half).mean().alias("second_half_hr"),
        pl.col("speed").filter(half).mean().alias("first_half_speed_mps"),
        pl.col("speed").filter(~half).mean().alias("second_half_speed_mps"),
    )


def _surges(grid: pl.DataFrame, policy: ModelPolicy) -> pl.DataFrame:
    with_speed = grid.filter(pl.col("speed").is_not_null())
    median = with_speed.group_by("activity_id").agg(
        pl.col("speed").filter(pl.col("speed") > MOVING_MPS).median().alias("median_speed_mps"),
        (pl.col("speed") > MOVING_MPS).sum().cast(pl.Float64).alias("moving_s"),
    )
    smooth = with_speed.join(median, on="activity_id").with_columns(
        pl.col("speed").rolling_mean(30, min_samples=15).over("activity_id").alias("smooth")
    )
    smooth = smooth.with_columns(
        (pl.col("smooth") >= policy.surge_speed_ratio * pl.col("median_speed_mps"))
        .fill_null(False)
        .alias("fast")
    ).with_columns(pl.col("fast").rle_id().over("activity_id").alias("run_id"))
    segments = (
        smooth.group_by("activity_id", "run_id")
        .agg(pl.col("fast").first(), pl.len().alias("length"))
        .filter(
            pl.col("fast") & pl.col("length").is_between(policy.surge_min_s, policy.surge_max_s)
        )
        .group_by("activity_id")
        .agg(
            pl.len().cast(pl.Int32).alias("n_surges"),
            pl.col("length").sum().cast(pl.Float64).alias("surge_s"),
        )
    )
    return median.join(segments, on="activity_id", how="left").with_columns(
        pl.col("n_surges").fill_null(0), pl.col("surge_s").fill_null(0.0)
    )


def count_hr_swings(hr: Sequence[float | None], swing_bpm: float) -> int:
    """Rises of ≥ `swing_bpm` from a trough that fall back by ≥ 2/3 of `swing_bpm`."""
    values = [v for v in hr if v is not None and not math.isnan(v)]
    if not values:
        return 0
    swings = 0
    trough = peak = values[0]
    rising = False
    for v in values:
        if not rising:
            trough = min(trough, v)
            if v - trough >= swing_bpm:
                rising, peak = True, v
        else:
            peak = max(peak, v)
            if peak - v >= swing_bpm * 2.0 / 3.0:
                swings += 1
                rising, trough = False, v
    return swings


def _swings(grid: pl.DataFrame, swing_ids: set[str], policy: ModelPolicy) -> pl.DataFrame:
    wanted = grid.filter(pl.col("activity_id").is_in(list(swing_ids)) & pl.col("hr").is_not_null())
    if wanted.is_empty():
        return pl.DataFrame(schema={"activity_id": pl.String, "hr_swings": pl.Int32})
    smooth = wanted.with_columns(
        pl.col("hr").rolling_mean(15, min_samples=5).over("activity_id").alias("smooth"),
        pl.int_range(pl.len()).over("activity_id").alias("i"),
    ).filter(pl.col("i") % 5 == 0)
    rows = []
    for (activity_id,), part in smooth.group_by("activity_id"):
        values = part["smooth"].to_list()
        rows.append((activity_id, count_hr_swings(values, policy.hr_swing_bpm)))
    return pl.DataFrame(
        rows, schema={"activity_id": pl.String, "hr_swings": pl.Int32}, orient="row"
    )


def activity_features(
    records: pl.DataFrame,
    *,
    swing_ids: set[str] | None = None,
    policy: ModelPolicy = DEFAULT_POLICY,
) -> pl.DataFrame:
    """Features per activity from records (activity_id, timestamp_utc, heart_rate, speed_mps).

    `swing_ids`: activities (not runs) whose HR swings are wanted. One row per activity
    with at least one record; schema `FEATURE_SCHEMA`.
    """
    if records.is_empty():
        return empty_features()
    rows = _with_gaps(records, policy)
    base = rows.group_by("activity_id").agg(
        pl.len().alias("n_records"), pl.col("dt_s").sum().cast(pl.Float64).alias("record_s")
    )
    grid = _grid(rows)
    best = (
        grid.with_columns(
            pl.col("hr").rolling_mean(60, min_samples=50).over("activity_id").alias("r60")
        )
        .group_by("activity_id")
        .agg(pl.col("r60").max().alias("best_hr_60s"))
    )
    result = (
        base.join(_histogram(rows), on="activity_id", how="left")
        .join(best, on="activity_id", how="left")
        .join(_surges(grid, policy), on="activity_id", how="left")
        .join(_drift(grid, policy), on="activity_id", how="left")
        .join(_swings(grid, swing_ids or set(), policy), on="activity_id", how="left")
        .with_columns(
            pl.lit(FEATURES_VERSION, pl.Int32).alias("features_version"),
            pl.col("hr_s").fill_null(0.0),
            pl.col("moving_s").fill_null(0.0),
            pl.col("n_surges").fill_null(0),
            pl.col("surge_s").fill_null(0.0),
        )
    )
    return result.select([pl.col(name).cast(dtype) for name, dtype in FEATURE_SCHEMA.items()]).sort(
        "activity_id"
    )
