"""The `wellness_daily` mart: resting HR, overnight HRV and sleep per local date (pure).

Sources, per date and per group of fields (resting HR; HRV; sleep; the rest):
Garmin Connect (``stg_garmin_wellness``, when the warehouse has it) wins over the watch's FIT
files, because Connect's daily values merge every device and the athlete's corrections; the
FIT values fill the dates Connect does not have. Each group says where it came from.

From FIT files: resting HR = the day's ``current_day_resting_heart_rate`` of the monitoring
files (a value stamped exactly at local midnight belongs to the day that just ended), else
the lowest 30-min average of the day's all-day heart rate; HRV = ``last_night_average`` of the
morning's HRV-status summary, else the mean of the night's 5-min RMSSD values; sleep = the
night's sleep-level changes (each level lasts until the next change; deep + light + REM =
asleep), dated by the morning it ended.

Rolling values per date: the 7 days ending that date (mean and number of readings) and the
60-day baseline ending that date (mean, sample SD, number of readings); days without a
reading are skipped, never invented. One row per date from the first to the last date with
any wellness value.
"""

from __future__ import annotations

import polars as pl

from runlift_sync.model.localtime import localize
from runlift_sync.model.model_policy import DEFAULT_POLICY, ModelPolicy

ASLEEP_LEVELS = ("light", "deep", "rem")
ROLLED = {"resting_hr": "resting_hr", "hrv_ms": "hrv", "sleep_s": "sleep"}

WELLNESS_SCHEMA: dict[str, pl.DataType] = {
    "athlete": pl.String(),
    "date": pl.Date(),
    "resting_hr": pl.Float64(),
    "resting_hr_source": pl.String(),
    "hrv_ms": pl.Float64(),
    "hrv_weekly_avg_ms": pl.Float64(),
    "hrv_status": pl.String(),
    "hrv_source": pl.String(),
    "sleep_s": pl.Float64(),
    "deep_sleep_s": pl.Float64(),
    "light_sleep_s": pl.Float64(),
    "rem_sleep_s": pl.Float64(),
    "awake_s": pl.Float64(),
    "sleep_score": pl.Float64(),
    "sleep_source": pl.String(),
    "body_battery_high": pl.Float64(),
    "body_battery_low": pl.Float64(),
    "training_readiness": pl.Float64(),
    "stress_avg": pl.Float64(),
    **{
        f"{name}_{suffix}": dtype
        for name in ROLLED.values()
        for suffix, dtype in (
            ("7d", pl.Float64()),
            ("7d_n", pl.Int32()),
            ("baseline_mean", pl.Float64()),
            ("baseline_sd", pl.Float64()),
            ("baseline_n", pl.Int32()),
        )
    },
}


def _local_dates(
    frame: pl.DataFrame,
    timezone: str | None,
    reference: pl.DataFrame | None,
    *,
    shift_s: int = 0,
) -> pl.DataFrame:
    """Add `date`: the local date of timestamp_utc (minus `shift_s` seconds)."""
    local = localize(
        frame,
        utc="timestamp_utc",
        offset="utc_offset_s",
        out="__local",
        timezone=timezone,
        reference=reference,
    )
    return local.with_columns(
        (pl.col("__local") - pl.duration(seconds=shift_s)).dt.date().alias("date")
    ).drop("__local")


def fit_resting_hr(
    resting: pl.DataFrame,
    monitoring_hr: pl.DataFrame,
    timezone: str | None,
    reference: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """(date, resting_hr) from monitoring_hr_data, else the day's lowest 30-min mean HR."""
    daily = pl.DataFrame(schema={"date": pl.Date, "resting_hr": pl.Float64})
    if not resting.is_empty():
        daily = (
            _local_dates(resting.filter(pl.col("resting_hr") > 0), timezone, reference, shift_s=1)
            .sort("timestamp_utc")
            .group_by("date")
            .agg(pl.col("resting_hr").last().cast(pl.Float64))
        )
    if not monitoring_hr.is_empty():
        samples = (
            _local_dates(monitoring_hr.filter(pl.col("heart_rate") > 0), timezone, reference)
            .filter(~pl.col("date").is_in(daily["date"].implode()))
            .sort("timestamp_utc")
        )
        if not samples.is_empty():
            lowest = (
                samples.with_columns(
                    pl.col("heart_rate")
                    .cast(pl.Float64)
                    .rolling_mean_by("timestamp_utc", window_size="30m")
                    .over("date")
                    .alias("__m30")
                )
                .group_by("date")
                .agg(pl.col("__m30").min().round(0).alias("resting_hr"))
            )
            daily = pl.concat([daily, lowest], how="vertical_relaxed")
    return daily.sort("date")


def fit_hrv(
    summaries: pl.DataFrame,
    values: pl.DataFrame,
    timezone: str | None,
    reference: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """(date, hrv_ms, hrv_weekly_avg_ms, hrv_status) from HRV-status files."""
    schema = {
        "date": pl.Date,
        "hrv_ms": pl.Float64,
        "hrv_weekly_avg_ms": pl.Float64,
        "hrv_status": pl.String,
    }
    daily = pl.DataFrame(schema=schema)
    if not summaries.is_empty():
        daily = (
            _local_dates(summaries, timezone, reference)
            .sort("timestamp_utc")
            .group_by("date")
            .agg(
                pl.col("last_night_avg_ms").last().alias("hrv_ms"),
                pl.col("weekly_avg_ms").last().alias("hrv_weekly_avg_ms"),
                pl.col("status").last().alias("hrv_status"),
            )
            .select([pl.col(c).cast(t) for c, t in schema.items()])
        )
    if not values.is_empty():
        nights = (
            values.filter(pl.col("rmssd_ms") > 0)
            .group_by("file_sha256")
            .agg(
                pl.col("timestamp_utc").max(),
                pl.col("utc_offset_s").first(),
                pl.col("rmssd_ms").mean().alias("hrv_ms"),
            )
        )
        by_date = (
            _local_dates(nights, timezone, reference)
            .group_by("date")
            .agg(pl.col("hrv_ms").mean())
            .filter(~pl.col("date").is_in(daily["date"].implode()))
            .with_columns(
                pl.lit(None, pl.Float64).alias("hrv_weekly_avg_ms"),
                pl.lit(None, pl.String).alias("hrv_status"),
            )
        )
        daily = pl.concat([daily, by_date.select(list(schema))], how="vertical_relaxed")
    return daily.sort("date")


def fit_sleep(
    levels: pl.DataFrame,
    scores: pl.DataFrame,
    timezone: str | None,
    reference: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """(date, sleep_s, deep/light/rem/awake_s, sleep_score) from sleep files (one per night)."""
    schema = {
        "date": pl.Date,
        "sleep_s": pl.Float64,
        "deep_sleep_s": pl.Float64,
        "light_sleep_s": pl.Float64,
        "rem_sleep_s": pl.Float64,
        "awake_s": pl.Float64,
        "sleep_score": pl.Float64,
    }
    if levels.is_empty():
        return pl.DataFrame(schema=schema)
    timed = levels.sort("file_sha256", "timestamp_utc").with_columns(
        (pl.col("timestamp_utc").shift(-1).over("file_sha256") - pl.col("timestamp_utc"))
        .dt.total_seconds()
        .fill_null(0)
        .cast(pl.Float64)
        .alias("__s")
    )
    level = pl.col("sleep_level")
    nights = timed.group_by("file_sha256").agg(
        pl.col("timestamp_utc").max(),
        pl.col("utc_offset_s").first(),
        pl.col("__s").filter(level.is_in(list(ASLEEP_LEVELS))).sum().alias("sleep_s"),
        pl.col("__s").filter(level == "deep").sum().alias("deep_sleep_s"),
        pl.col("__s").filter(level == "light").sum().alias("light_sleep_s"),
        pl.col("__s").filter(level == "rem").sum().alias("rem_sleep_s"),
        pl.col("__s").filter(level == "awake").sum().alias("awake_s"),
    )
    if not scores.is_empty():
        nights = nights.join(
            scores.group_by("file_sha256").agg(
                pl.col("overall_sleep_score").last().cast(pl.Float64).alias("sleep_score")
            ),
            on="file_sha256",
            how="left",
        )
    else:
        nights = nights.with_columns(pl.lit(None, pl.Float64).alias("sleep_score"))
    return (
        _local_dates(nights, timezone, reference)
        .group_by("date")
        .agg(
            pl.col("sleep_s").sum(),
            pl.col("deep_sleep_s").sum(),
            pl.col("light_sleep_s").sum(),
            pl.col("rem_sleep_s").sum(),
            pl.col("awake_s").sum(),
            pl.col("sleep_score").max(),
        )
        .select([pl.col(c).cast(t) for c, t in schema.items()])
        .sort("date")
    )


def _prefer(
    garmin: pl.DataFrame, fit: pl.DataFrame, key: str, columns: list[str], source: str
) -> pl.DataFrame:
    """Per date: Garmin's group of columns when its `key` is present, else FIT's."""
    g = garmin.select("date", *columns).filter(pl.col(key).is_not_null())
    f = fit.select("date", *columns).filter(
        pl.col(key).is_not_null() & ~pl.col("date").is_in(g["date"].implode())
    )
    return pl.concat(
        [
            g.with_columns(pl.lit("garmin_connect").alias(source)),
            f.with_columns(pl.lit("fit").alias(source)),
        ],
        how="vertical_relaxed",
    )


def wellness_daily(
    athlete: str,
    fit_rhr: pl.DataFrame,
    fit_hrv_daily: pl.DataFrame,
    fit_sleep_daily: pl.DataFrame,
    garmin: pl.DataFrame | None = None,
    policy: ModelPolicy = DEFAULT_POLICY,
) -> pl.DataFrame:
    """The wellness_daily mart from the FIT-derived daily frames and Garmin Connect's view."""
    garmin_cols = {
        "resting_hr": pl.Float64,
        "hrv_ms": pl.Float64,
        "hrv_weekly_avg_ms": pl.Float64,
        "hrv_status": pl.String,
        "sleep_s": pl.Float64,
        "deep_sleep_s": pl.Float64,
        "light_sleep_s": pl.Float64,
        "rem_sleep_s": pl.Float64,
        "awake_s": pl.Float64,
        "sleep_score": pl.Float64,
        "body_battery_high": pl.Float64,
        "body_battery_low": pl.Float64,
        "training_readiness": pl.Float64,
        "stress_avg": pl.Float64,
    }
    if garmin is None:
        g = pl.DataFrame(schema={"date": pl.Date, **garmin_cols})
    else:
        renamed = garmin.rename({"hrv_last_night_avg_ms": "hrv_ms"}, strict=False)
        g = renamed.select(
            pl.col("date").cast(pl.Date),
            *[
                (pl.col(c) if c in renamed.columns else pl.lit(None)).cast(t).alias(c)
                for c, t in garmin_cols.items()
            ],
        )
    rhr = _prefer(g, fit_rhr, "resting_hr", ["resting_hr"], "resting_hr_source")
    hrv_cols = ["hrv_ms", "hrv_weekly_avg_ms", "hrv_status"]
    hrv = _prefer(g, fit_hrv_daily, "hrv_ms", hrv_cols, "hrv_source")
    sleep_cols = [
        "sleep_s",
        "deep_sleep_s",
        "light_sleep_s",
        "rem_sleep_s",
        "awake_s",
        "sleep_score",
    ]
    sleep = _prefer(g, fit_sleep_daily, "sleep_s", sleep_cols, "sleep_source")
    other = g.select(
        "date", "body_battery_high", "body_battery_low", "training_readiness", "stress_avg"
    )
    dates = pl.concat([rhr["date"], hrv["date"], sleep["date"], g["date"]]).drop_nulls()
    if dates.is_empty():
        return pl.DataFrame(schema=WELLNESS_SCHEMA)
    calendar = pl.DataFrame(
        {"date": pl.date_range(dates.min(), dates.max(), "1d", eager=True)}  # type: ignore[arg-type]
    )
    frame = (
        calendar.join(rhr, on="date", how="left")
        .join(hrv, on="date", how="left")
        .join(sleep, on="date", how="left")
        .join(other, on="date", how="left")
        .sort("date")
    )
    rolling = []
    for column, name in ROLLED.items():
        x = pl.col(column)
        present = x.is_not_null().cast(pl.Int32)
        week, base = policy.wellness_rolling_days, policy.wellness_baseline_days
        rolling += [
            x.rolling_mean(week, min_samples=1).alias(f"{name}_7d"),
            present.rolling_sum(week, min_samples=1).alias(f"{name}_7d_n"),
            x.rolling_mean(base, min_samples=1).alias(f"{name}_baseline_mean"),
            x.rolling_std(base, min_samples=2, ddof=1).alias(f"{name}_baseline_sd"),
            present.rolling_sum(base, min_samples=1).alias(f"{name}_baseline_n"),
        ]
    frame = frame.with_columns(*rolling, pl.lit(athlete).alias("athlete"))
    return frame.select([pl.col(c).cast(t) for c, t in WELLNESS_SCHEMA.items()])
