"""The `fitness` mart: fitness, fatigue, form, ACWR, monotony and strain per day (pure).

From the daily total load L (rest days 0), one row per date of `daily_load`:

- ``ctl`` (fitness) and ``atl`` (fatigue): exponentially weighted, τ = 42 and 7 days,
  ``X_t = X_{t−1} + α (L_t − X_{t−1})`` with ``α = 1 − e^(−1/τ)``, starting from 0 the day
  before the first activity (so the first weeks under-read: the model ramps in).
- ``tsb`` (form) = CTL − ATL **as of the previous day**: the form you wake up with, before
  the day's training (``tsb_t = ctl_{t−1} − atl_{t−1}``; 0 on the first day).
- ``acwr``: acute:chronic workload ratio, the mean load of the last 7 days (incl. today) over
  the mean of the last 28; NULL until 28 days of history exist or when the chronic mean is 0.
- ``monotony_7d`` (Foster): mean / sample standard deviation of the last 7 daily loads; NULL
  when they are all equal (SD 0). ``strain_7d`` = 7-day load sum × monotony.
"""

from __future__ import annotations

import math

import polars as pl

from runlift_sync.model.model_policy import DEFAULT_POLICY, ModelPolicy

FITNESS_SCHEMA: dict[str, pl.DataType] = {
    "athlete": pl.String(),
    "date": pl.Date(),
    "load": pl.Float64(),
    "ctl": pl.Float64(),
    "atl": pl.Float64(),
    "tsb": pl.Float64(),
    "acute_load_7d": pl.Float64(),
    "chronic_load_28d": pl.Float64(),
    "acwr": pl.Float64(),
    "load_7d": pl.Float64(),
    "monotony_7d": pl.Float64(),
    "strain_7d": pl.Float64(),
    "days_of_history": pl.Int32(),
}


def ewma(loads: list[float], tau_days: float, start: float = 0.0) -> list[float]:
    """Exponentially weighted load: X_t = X_{t−1} + (1 − e^(−1/τ)) × (L_t − X_{t−1})."""
    alpha = 1.0 - math.exp(-1.0 / tau_days)
    out: list[float] = []
    x = start
    for load in loads:
        x = x + alpha * (load - x)
        out.append(x)
    return out


def fitness(daily: pl.DataFrame, policy: ModelPolicy = DEFAULT_POLICY) -> pl.DataFrame:
    """The fitness mart from `daily_load` (athlete, date, total_load; consecutive dates)."""
    if daily.is_empty():
        return pl.DataFrame(schema=FITNESS_SCHEMA)
    frame = daily.sort("date").select("athlete", "date", pl.col("total_load").alias("load"))
    loads = frame["load"].to_list()
    ctl = ewma(loads, policy.ctl_days)
    atl = ewma(loads, policy.atl_days)
    load = pl.col("load")
    acute = load.rolling_mean(policy.acute_days, min_samples=policy.acute_days)
    chronic = load.rolling_mean(policy.chronic_days, min_samples=policy.chronic_days)
    sd = load.rolling_std(policy.acute_days, min_samples=policy.acute_days, ddof=1)
    frame = frame.with_columns(
        pl.Series("ctl", ctl, pl.Float64),
        pl.Series("atl", atl, pl.Float64),
        acute.alias("acute_load_7d"),
        chronic.alias("chronic_load_28d"),
        load.rolling_sum(policy.acute_days, min_samples=policy.acute_days).alias("load_7d"),
        pl.when(sd > 1e-9).then(acute / sd).alias("monotony_7d"),
        pl.int_range(1, pl.len() + 1).cast(pl.Int32).alias("days_of_history"),
    ).with_columns(
        (pl.col("ctl").shift(1).fill_null(0.0) - pl.col("atl").shift(1).fill_null(0.0)).alias(
            "tsb"
        ),
        pl.when(pl.col("chronic_load_28d") > 0)
        .then(pl.col("acute_load_7d") / pl.col("chronic_load_28d"))
        .alias("acwr"),
        (pl.col("load_7d") * pl.col("monotony_7d")).alias("strain_7d"),
    )
    return frame.select([pl.col(c).cast(t) for c, t in FITNESS_SCHEMA.items()])
