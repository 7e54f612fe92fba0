"""UTC → the athlete's wall clock, for days and ISO weeks (pure polars).

Precedence for each timestamp: the file's own UTC offset (the watch's wall clock at that
moment: right when travelling, right across a daylight-saving change) > the athlete's time
zone (plan or config; DST-aware) > the offset of the athlete's nearest-in-time file that
carries one (sleep and HRV files have none) > UTC.
"""

from __future__ import annotations

import polars as pl

LOCAL_SOURCES = ("file", "timezone", "nearest_file", "utc")


def localize(
    frame: pl.DataFrame,
    *,
    utc: str,
    offset: str,
    out: str,
    timezone: str | None,
    reference: pl.DataFrame | None = None,
    source: str | None = None,
) -> pl.DataFrame:
    """Add column `out` (naive local datetime) from column `utc` and file offset column `offset`.

    `reference` holds (timestamp_utc, utc_offset_s) of files that carry an offset, used for
    the nearest-file fallback. `source` names an optional column saying which rule applied.
    """
    if frame.is_empty():
        result = frame.with_columns(pl.lit(None, pl.Datetime("us")).alias(out))
        return result.with_columns(pl.lit(None, pl.String).alias(source)) if source else result
    index = "__row"
    work = frame.with_row_index(index)
    from_file = pl.col(utc) + pl.duration(seconds=pl.col(offset))
    if timezone is not None:
        from_zone = (
            pl.col(utc)
            .dt.replace_time_zone("UTC")
            .dt.convert_time_zone(timezone)
            .dt.replace_time_zone(None)
        )
    else:
        from_zone = pl.lit(None, pl.Datetime("us"))
    nearest = pl.lit(None, pl.Int64)
    if timezone is None and reference is not None and not reference.is_empty():
        ref = (
            reference.select(
                pl.col("timestamp_utc").cast(pl.Datetime("us")).alias("__ref_ts"),
                pl.col("utc_offset_s").cast(pl.Int64).alias("__ref_offset"),
            )
            .drop_nulls()
            .sort("__ref_ts")
        )
        keyed = work.select(index, pl.col(utc).cast(pl.Datetime("us")).alias("__ts")).drop_nulls()
        matched = keyed.sort("__ts").join_asof(
            ref, left_on="__ts", right_on="__ref_ts", strategy="nearest"
        )
        work = work.join(matched.select(index, "__ref_offset"), on=index, how="left")
        nearest = pl.col("__ref_offset")
    from_nearest = pl.col(utc) + pl.duration(seconds=nearest)
    has_file = pl.col(offset).is_not_null()
    has_zone = pl.lit(timezone is not None)
    has_nearest = nearest.is_not_null()
    work = work.with_columns(
        pl.when(has_file)
        .then(from_file)
        .when(has_zone)
        .then(from_zone)
        .when(has_nearest)
        .then(from_nearest)
        .otherwise(pl.col(utc))
        .cast(pl.Datetime("us"))
        .alias(out)
    )
    if source is not None:
        work = work.with_columns(
            pl.when(pl.col(utc).is_null())
            .then(pl.lit(None, pl.String))
            .when(has_file)
            .then(pl.lit("file"))
            .when(has_zone)
            .then(pl.lit("timezone"))
            .when(has_nearest)
            .then(pl.lit("nearest_file"))
            .otherwise(pl.lit("utc"))
            .alias(source)
        )
    return work.sort(index).drop([c for c in (index, "__ref_offset") if c in work.columns])


def week_columns(date_col: str = "local_date") -> list[pl.Expr]:
    """ISO year, ISO week and the Monday that starts it, from a local date column."""
    d = pl.col(date_col)
    return [
        d.dt.iso_year().cast(pl.Int32).alias("iso_year"),
        d.dt.week().cast(pl.Int32).alias("iso_week"),
        (d - pl.duration(days=d.dt.weekday() - 1)).alias("week_start"),
    ]
