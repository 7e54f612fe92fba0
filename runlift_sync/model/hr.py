"""Heart-rate arithmetic on per-activity histograms: time in zones and Banister TRIMP (pure).

Banister TRIMP, summed second by second (so intervals are not flattened into an average):
``TRIMP = Σ minutes × HRr × a × e^(b × HRr)`` with ``HRr = (HR − hr_rest) / (hr_max − hr_rest)``
clamped to [0, 1], ``a, b = 0.64, 1.92`` for men and ``0.86, 1.67`` for women.
"""

from __future__ import annotations

import polars as pl

from runlift_sync.model.athlete_profile import AthleteProfile

ZONE_COLUMNS = (
    "below_vt1_s",
    "vt1_to_lthr_s",
    "above_lthr_s",
    "hr_zone1_s",
    "hr_zone2_s",
    "hr_zone3_s",
    "hr_zone4_s",
    "hr_zone5_s",
)


def hrr_expr(hr: pl.Expr, profile: AthleteProfile) -> pl.Expr:
    """Heart-rate reserve fraction, clamped to [0, 1]."""
    rest, top = float(profile.hr_rest.value), float(profile.hr_max.value)
    return ((hr - rest) / (top - rest)).clip(0.0, 1.0)


def histogram_metrics(features: pl.DataFrame, profile: AthleteProfile) -> pl.DataFrame:
    """Per activity: seconds in the 3 and 5 zones and TRIMP, from hr_bpm/hr_seconds lists."""
    zones = profile.zones
    a, b = profile.trimp_constants
    schema = {"activity_id": pl.String, **dict.fromkeys(ZONE_COLUMNS, pl.Float64)}
    schema["trimp"] = pl.Float64
    rows = features.select("activity_id", "hr_bpm", "hr_seconds").filter(
        pl.col("hr_bpm").list.len() > 0
    )
    if rows.is_empty():
        return pl.DataFrame(schema=schema)
    long = rows.explode(["hr_bpm", "hr_seconds"]).rename({"hr_bpm": "hr", "hr_seconds": "s"})
    hr = pl.col("hr").cast(pl.Float64)
    x = hrr_expr(hr, profile)
    z5 = zones.z5_from
    zone5 = (
        pl.lit(1)
        + (hr >= z5[0]).cast(pl.Int32)
        + (hr >= z5[1]).cast(pl.Int32)
        + (hr >= z5[2]).cast(pl.Int32)
        + (hr >= z5[3]).cast(pl.Int32)
    )
    s = pl.col("s")
    return (
        long.group_by("activity_id")
        .agg(
            s.filter(hr < zones.vt1).sum().alias("below_vt1_s"),
            s.filter((hr >= zones.vt1) & (hr < zones.vt2)).sum().alias("vt1_to_lthr_s"),
            s.filter(hr >= zones.vt2).sum().alias("above_lthr_s"),
            *[s.filter(zone5 == i).sum().alias(f"hr_zone{i}_s") for i in range(1, 6)],
            (s / 60.0 * x * a * (x * b).exp()).sum().alias("trimp"),
        )
        .select([pl.col(c).cast(t) for c, t in schema.items()])
    )
