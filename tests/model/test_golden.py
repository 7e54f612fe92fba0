"""Golden values computed by hand: TRIMP, CTL/ATL/TSB, ACWR, monotony and strain, Epley, zones."""

from __future__ import annotations

import datetime as dt
import math

import polars as pl
import pytest

from runlift_sync.config import AthleteConfig
from runlift_sync.model.athlete_profile import (
    AthleteProfile,
    Estimates,
    build_profile,
    threshold_from_max_rest,
    zones_from_threshold,
)
from runlift_sync.model.fitness import ewma, fitness
from runlift_sync.model.hr import histogram_metrics
from runlift_sync.model.lift_marts import epley_e1rm


def _profile(sex: str) -> AthleteProfile:
    config = AthleteConfig(sex=sex, hr_max=190, hr_rest=50, hr_threshold=170)
    return build_profile("me", config, Estimates())


def _metrics(sex: str, histogram: dict[int, float]) -> dict[str, float]:
    """`histogram_metrics` (what the refresh runs) of one activity: seconds at each HR."""
    features = pl.DataFrame(
        {
            "activity_id": ["a"],
            "hr_bpm": [list(histogram)],
            "hr_seconds": [list(histogram.values())],
        },
        schema={
            "activity_id": pl.String,
            "hr_bpm": pl.List(pl.Int32),
            "hr_seconds": pl.List(pl.Float64),
        },
    )
    return histogram_metrics(features, _profile(sex)).row(0, named=True)


def test_trimp_female_30_min_at_155() -> None:
    # HRr = (155 − 50) / (190 − 50) = 105 / 140 = 0.75
    # TRIMP = 30 min × 0.75 × 0.86 × e^(1.67 × 0.75) = 22.5 × 0.86 × e^1.2525
    #       = 19.35 × 3.49908 = 67.707
    assert _metrics("female", {155: 1800.0})["trimp"] == pytest.approx(67.707, abs=1e-3)


def test_trimp_male_constants_and_second_by_second_sum() -> None:
    # male: 22.5 × 0.64 × e^(1.92 × 0.75) = 14.4 × e^1.44 = 14.4 × 4.22070 = 60.778
    assert _metrics("male", {155: 1800.0})["trimp"] == pytest.approx(60.778, abs=1e-3)
    # a histogram is summed bin by bin: 10 min at 120 + 10 min at 190 (female)
    # 120: HRr = 70/140 = 0.5 → 10 × 0.5 × 0.86 × e^0.835 = 4.3 × 2.304814 = 9.91070
    # 190: HRr = 1.0       → 10 × 1.0 × 0.86 × e^1.67  = 8.6 × 5.312168 = 45.68464
    trimp = _metrics("female", {120: 600.0, 190: 600.0})["trimp"]
    assert trimp == pytest.approx(9.91070 + 45.68464, abs=1e-3)
    # HR below rest counts 0, above max counts as max: one minute each
    assert _metrics("female", {40: 60.0})["trimp"] == 0.0
    assert _metrics("female", {200: 60.0})["trimp"] == pytest.approx(0.86 * math.exp(1.67))


def test_ctl_atl_tsb_by_hand() -> None:
    # α_ATL = 1 − e^(−1/7) = 0.133122, α_CTL = 1 − e^(−1/42) = 0.0235283
    # loads 100, 0, 0 from zero:
    #   ATL: 13.3122, 13.3122 × 0.866878 = 11.5401, 11.5401 × 0.866878 = 10.0038
    #   CTL: 2.35283, 2.35283 × 0.976472 = 2.29747
    # TSB is CTL − ATL of the day before: 0, 2.35283 − 13.3122 = −10.9594, 2.29747 − 11.5401
    assert ewma([100.0, 0.0, 0.0], 7.0) == pytest.approx([13.3122, 11.5401, 10.0038], abs=1e-4)
    daily = pl.DataFrame(
        {
            "athlete": ["me"] * 3,
            "date": pl.date_range(dt.date(2024, 1, 1), dt.date(2024, 1, 3), eager=True),
            "total_load": [100.0, 0.0, 0.0],
        }
    )
    fit = fitness(daily)
    assert fit["atl"].to_list() == pytest.approx([13.3122, 11.5401, 10.0038], abs=1e-4)
    assert fit["ctl"].to_list() == pytest.approx([2.35283, 2.29747, 2.24341], abs=1e-4)
    assert fit["tsb"].to_list() == pytest.approx([0.0, -10.9594, -9.2426], abs=1e-4)


def test_acwr_by_hand() -> None:
    # 21 days at 50 then 7 days at 100: acute = 100, chronic = (21×50 + 7×100)/28 = 62.5
    # ACWR = 100 / 62.5 = 1.6; the first 27 days have no chronic window yet
    loads = [50.0] * 21 + [100.0] * 7
    daily = pl.DataFrame(
        {
            "athlete": ["me"] * 28,
            "date": pl.date_range(dt.date(2024, 1, 1), dt.date(2024, 1, 28), eager=True),
            "total_load": loads,
        }
    )
    fit = fitness(daily)
    assert fit["acwr"][-1] == pytest.approx(1.6)
    assert fit["chronic_load_28d"][-1] == pytest.approx(62.5)
    assert fit["acwr"][:27].null_count() == 27


def test_monotony_and_strain_by_hand() -> None:
    # week 100, 0, 100, 0, 100, 0, 100: mean = 400/7 = 57.143
    # Σ(x − mean)² = 4 × (300/7)² + 3 × (400/7)² = 840000/49; sample var = that / 6 = 20000/7
    # SD = √(20000/7) = 53.452; monotony = 57.143 / 53.452 = 400/√140000 = 1.069045
    # strain = 400 × 1.069045 = 427.618
    daily = pl.DataFrame(
        {
            "athlete": ["me"] * 7,
            "date": pl.date_range(dt.date(2024, 1, 1), dt.date(2024, 1, 7), eager=True),
            "total_load": [100.0, 0.0, 100.0, 0.0, 100.0, 0.0, 100.0],
        }
    )
    fit = fitness(daily)
    assert fit["monotony_7d"][-1] == pytest.approx(1.069045, abs=1e-6)
    assert fit["strain_7d"][-1] == pytest.approx(427.618, abs=1e-3)
    # the same load every day has no SD: monotony undefined rather than infinite
    flat = daily.with_columns(pl.lit(80.0).alias("total_load"))
    assert fitness(flat)["monotony_7d"][-1] is None


def test_epley_by_hand() -> None:
    # 100 kg × 5: 100 × (1 + 5/30) = 116.667; × 10: 100 × (1 + 10/30) = 133.333
    sets = pl.DataFrame(
        {
            "weight_kg": [100.0, 100.0, 100.0, 100.0, 0.0, None, 100.0],
            "repetitions": [5, 10, 1, 11, 5, 5, None],
        },
        schema={"weight_kg": pl.Float64, "repetitions": pl.Int32},
    )
    e1rm = sets.select(epley_e1rm(pl.col("weight_kg"), pl.col("repetitions"), 10)).to_series()
    assert e1rm[:2].to_list() == pytest.approx([116.6667, 133.3333], abs=1e-4)
    assert e1rm[2] == 100.0  # a single is its own 1RM
    # only ≤ 10 reps; bodyweight (no load), no weight or no reps: no estimate
    assert e1rm[3:].to_list() == [None, None, None, None]


def test_zones_and_threshold_by_hand() -> None:
    # LTHR 170: 85 % = 144.5 → 145, 90 % = 153, 95 % = 161.5 → 162, 100 % = 170; VT1 = 153
    zones = zones_from_threshold(170)
    assert zones.z5_from == (145, 153, 162, 170)
    assert (zones.vt1, zones.vt2) == (153, 170)
    # one minute at each heart rate, through the refresh's own zone expressions
    three = _metrics("female", dict.fromkeys((152, 153, 169, 170), 60.0))
    assert (three["below_vt1_s"], three["vt1_to_lthr_s"], three["above_lthr_s"]) == (60, 120, 60)
    five = _metrics("female", dict.fromkeys((144, 145, 153, 162, 170), 60.0))
    assert [five[f"hr_zone{i}_s"] for i in range(1, 6)] == [60.0] * 5
    # LTHR from max 190 and rest 50: 50 + 0.88 × 140 = 173.2 → 173
    assert threshold_from_max_rest(190, 50) == 173
