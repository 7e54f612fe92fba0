"""Property tests: invariants of load, fitness and the weekly roll-up hold for any input."""

from __future__ import annotations

import datetime as dt
import math

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runlift_sync.model.fitness import fitness
from runlift_sync.model.lift_marts import epley_e1rm
from runlift_sync.model.training_load import daily_load
from runlift_sync.model.weekly import weekly_summary

START = dt.date(2024, 1, 1)
loads_st = st.lists(st.floats(0.0, 500.0, allow_nan=False), min_size=1, max_size=120)


def _daily(loads: list[float]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "athlete": ["me"] * len(loads),
            "date": [START + dt.timedelta(days=i) for i in range(len(loads))],
            "total_load": loads,
        }
    )


@given(loads_st)
def test_ctl_and_atl_stay_between_zero_and_the_highest_load_so_far(loads: list[float]) -> None:
    fit = fitness(_daily(loads))
    highest = 0.0
    for load, ctl, atl in zip(loads, fit["ctl"], fit["atl"], strict=True):
        highest = max(highest, load)
        assert -1e-9 <= ctl <= highest + 1e-9
        assert -1e-9 <= atl <= highest + 1e-9


@given(loads_st, st.data())
def test_more_load_never_lowers_fitness_or_fatigue(loads: list[float], data: st.DataObject) -> None:
    extra = data.draw(
        st.lists(st.floats(0.0, 200.0, allow_nan=False), min_size=len(loads), max_size=len(loads))
    )
    base = fitness(_daily(loads))
    more = fitness(_daily([a + b for a, b in zip(loads, extra, strict=True)]))
    for column in ("ctl", "atl"):
        for low, high in zip(base[column], more[column], strict=True):
            assert high >= low - 1e-9


@given(st.floats(1.0, 500.0), st.integers(1, 60))
def test_zero_load_decays_by_the_time_constants(load: float, rest_days: int) -> None:
    fit = fitness(_daily([load] + [0.0] * rest_days))
    atl, ctl = fit["atl"].to_list(), fit["ctl"].to_list()
    for day in range(1, rest_days + 1):
        assert atl[day] == pytest.approx(atl[day - 1] * math.exp(-1 / 7))
        assert ctl[day] == pytest.approx(ctl[day - 1] * math.exp(-1 / 42))
        assert atl[day] < atl[day - 1] and ctl[day] < ctl[day - 1]


@given(st.floats(1.0, 500.0), st.integers(28, 90))
def test_a_steady_load_has_acwr_one_and_no_monotony(load: float, days: int) -> None:
    fit = fitness(_daily([load] * days))
    assert fit["acwr"][-1] == pytest.approx(1.0)
    assert fit["acwr"][26] is None
    assert fit["monotony_7d"][-1] is None


activity_st = st.tuples(
    st.integers(0, 60),  # day offset
    st.sampled_from(["run", "lift", "cross_training"]),
    st.floats(0.0, 300.0, allow_nan=False),  # load
    st.floats(0.0, 30000.0, allow_nan=False),  # distance
    st.floats(1.0, 180.0, allow_nan=False),  # minutes
)


@given(st.lists(activity_st, min_size=1, max_size=40))
def test_daily_load_is_a_complete_calendar_of_summed_loads(acts: list[tuple]) -> None:
    loads = pl.DataFrame(
        {
            "local_date": [START + dt.timedelta(days=a[0]) for a in acts],
            "kind": [a[1] for a in acts],
            "load": [a[2] for a in acts],
            "distance_m": [a[3] for a in acts],
            "minutes": [a[4] for a in acts],
            "srpe": [a[4] * 6 if a[1] == "lift" else None for a in acts],
        }
    )
    daily = daily_load(loads, "me", end_date=START + dt.timedelta(days=70))
    dates = daily["date"].to_list()
    assert dates == [dates[0] + dt.timedelta(days=i) for i in range(len(dates))]
    assert dates[-1] == START + dt.timedelta(days=70)
    assert daily["total_load"].sum() == pytest.approx(sum(a[2] for a in acts))
    busy = {START + dt.timedelta(days=a[0]) for a in acts}
    assert set(daily.filter(~pl.col("is_rest_day"))["date"]) == busy


run_st = st.tuples(
    st.integers(0, 40),  # day offset
    st.floats(0.0, 40000.0, allow_nan=False),  # distance
    st.floats(0.0, 14400.0, allow_nan=False),  # timer
    st.sampled_from(["easy", "hard"]),
    st.booleans(),  # is_long
)


@settings(max_examples=60, deadline=None)
@given(st.lists(run_st, max_size=30))
def test_weekly_km_is_the_sum_of_its_runs_and_shares_sum_to_one(runs_in: list[tuple]) -> None:
    dates = [START + dt.timedelta(days=r[0]) for r in runs_in]
    runs = pl.DataFrame(
        {
            "week_start": [d - dt.timedelta(days=d.weekday()) for d in dates],
            "local_date": dates,
            "distance_m": [r[1] for r in runs_in],
            "timer_s": [r[2] for r in runs_in],
            "intensity": [r[3] for r in runs_in],
            "below_vt1_s": [r[2] / 2 for r in runs_in],
            "hard_time_s": [r[2] / 2 for r in runs_in],
            "hr_s": [r[2] for r in runs_in],
            "is_long": [r[4] for r in runs_in],
        },
        schema={
            "week_start": pl.Date,
            "local_date": pl.Date,
            "distance_m": pl.Float64,
            "timer_s": pl.Float64,
            "intensity": pl.String,
            "below_vt1_s": pl.Float64,
            "hard_time_s": pl.Float64,
            "hr_s": pl.Float64,
            "is_long": pl.Boolean,
        },
    )
    days = pl.date_range(START, START + dt.timedelta(days=41), eager=True)
    zeros = [0.0] * len(days)
    daily = pl.DataFrame(
        {
            "date": days,
            "run_load": zeros,
            "lift_load": zeros,
            "other_load": zeros,
            "total_load": zeros,
        }
    )
    fit = pl.DataFrame(
        {
            "date": days,
            **{c: zeros for c in ("acwr", "ctl", "atl", "tsb", "monotony_7d", "strain_7d")},
        }
    )
    lifts = pl.DataFrame(
        schema={
            "week_start": pl.Date,
            "local_date": pl.Date,
            "lower_body": pl.Boolean,
            "n_sets": pl.Int32,
            "volume_kg": pl.Float64,
            "minutes": pl.Float64,
        }
    )
    weekly = weekly_summary("me", runs, lifts, daily, fit)
    assert weekly["run_km"].sum() == pytest.approx(sum(r[1] for r in runs_in) / 1000.0)
    for row in weekly.iter_rows(named=True):
        mine = [
            r
            for r, d in zip(runs_in, dates, strict=True)
            if d - dt.timedelta(days=d.weekday()) == row["week_start"]
        ]
        assert row["run_km"] == pytest.approx(sum(r[1] for r in mine) / 1000.0)
        assert row["n_runs"] == len(mine)
        week = [
            (d, r[3])
            for r, d in zip(runs_in, dates, strict=True)
            if d - dt.timedelta(days=d.weekday()) == row["week_start"]
        ]
        assert row["training_days"] == len({d for d, _ in week})
        assert row["hard_days"] == len({d for d, intensity in week if intensity == "hard"})
        if row["run_s"] > 0:
            assert row["easy_share"] + row["hard_share"] == pytest.approx(1.0)
            assert 0.0 <= row["hard_share"] <= 1.0
        else:
            assert row["easy_share"] is None and row["hard_share"] is None


@given(st.floats(1.0, 400.0), st.integers(1, 9), st.floats(0.0, 50.0))
def test_epley_grows_with_weight_and_reps(weight: float, reps: int, more: float) -> None:
    sets = pl.DataFrame(
        {"w": [weight, weight, weight + more], "r": [reps, reps + 1, reps]},
        schema={"w": pl.Float64, "r": pl.Int32},
    )
    base, more_reps, heavier = sets.select(epley_e1rm(pl.col("w"), pl.col("r"), 10)).to_series()
    assert base is not None and base >= weight
    assert more_reps >= base
    assert heavier >= base - 1e-9
