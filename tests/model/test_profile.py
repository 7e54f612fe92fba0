"""The athlete profile: precedence of plan, config, estimates and defaults; estimates from data."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from runlift_sync.config import AthleteConfig
from runlift_sync.errors import ConfigError
from runlift_sync.model.athlete_profile import (
    Estimates,
    build_profile,
    estimate_hr_max,
    estimate_hr_rest,
    estimate_sex,
)


def _best(values: list[float], start: dt.date = dt.date(2024, 1, 1)) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "local_date": [start + dt.timedelta(days=i) for i in range(len(values))],
            "best_hr_60s": values,
        }
    )


def test_hr_max_is_the_second_highest_best_minute_of_the_last_two_years() -> None:
    # an artefact of 231 is skipped; 199 two and a half years earlier is out of the window
    frame = pl.concat(
        [
            _best([199.0], dt.date(2021, 6, 1)),
            _best([170.0, 183.6, 231.0, 178.0, 181.2], dt.date(2024, 1, 1)),
        ]
    )
    value, detail = estimate_hr_max(frame)
    assert value == 184  # 183.6 rounded
    assert "second-highest" in detail and "5 activities" in detail
    assert estimate_hr_max(_best([172.4]))[0] == 172  # one activity: its best
    assert estimate_hr_max(_best([]))[0] is None


def test_hr_rest_is_the_10th_percentile_of_daily_values() -> None:
    days = [dt.date(2024, 1, 1) + dt.timedelta(days=i) for i in range(20)]
    values = [48.0, 47.0, 46.0, *([52.0] * 17)]
    value, detail = estimate_hr_rest(pl.DataFrame({"date": days, "resting_hr": values}))
    # sorted: 46, 47, 48, 52 … (20 values); the 10th percentile is the value nearest to
    # position 0.1 × (20 − 1) = 1.9 of the sorted list (0-based): index 2 → 48
    assert value == 48
    assert "10th percentile of 20" in detail
    few = pl.DataFrame({"date": days[:3], "resting_hr": [55.0, 51.0, 53.0]})
    assert estimate_hr_rest(few) == (51, "lowest of 3 daily resting HR values to 2024-01-03")


def test_sex_from_the_newest_watch_profile() -> None:
    profiles = pl.DataFrame(
        {
            "time_created_utc": [dt.datetime(2023, 1, 1), dt.datetime(2024, 1, 1), None],
            "gender": ["male", "female", None],
        }
    )
    assert estimate_sex(profiles)[0] == "female"


def test_precedence_plan_over_config_over_estimate_over_default() -> None:
    config = AthleteConfig(hr_max=192, timezone="Europe/Berlin")
    estimates = Estimates(hr_max=185, hr_max_detail="data", hr_rest=47, hr_rest_detail="data")
    profile = build_profile("me", config, estimates, overrides={"hr_rest": 45, "sex": "female"})
    assert (profile.hr_max.value, profile.hr_max.source) == (192, "config")
    assert (profile.hr_rest.value, profile.hr_rest.source) == (45, "plan")
    assert (profile.sex.value, profile.sex.source) == ("female", "plan")
    assert (profile.timezone.value, profile.timezone.source) == ("Europe/Berlin", "config")
    # threshold from the landmarks in use: 45 + 0.88 × (192 − 45) = 174.36 → 174
    assert (profile.hr_threshold.value, profile.hr_threshold.source) == (174, "estimated")
    assert profile.trimp_constants == (0.86, 1.67)
    bare = build_profile("me", None, Estimates())
    assert (bare.hr_max.value, bare.hr_max.source) == (190, "default")
    assert (bare.hr_rest.value, bare.hr_rest.source) == (60, "default")
    assert (bare.sex.value, bare.sex.source) == ("male", "default")
    assert bare.timezone.value is None


def test_an_estimated_max_below_a_given_threshold_is_raised() -> None:
    profile = build_profile(
        "me", AthleteConfig(hr_threshold=175), Estimates(hr_max=170, hr_rest=50)
    )
    # the athlete never went near max: hr_max = ceil(175 / 0.90) = 195
    assert profile.hr_max.value == 195
    assert "raised" in profile.hr_max.detail


def test_contradicting_landmarks_and_bad_overrides_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="hr_rest < hr_threshold < hr_max"):
        build_profile("me", AthleteConfig(hr_max=170, hr_threshold=175), Estimates())
    with pytest.raises(ConfigError, match=r"\[athlete\]"):
        build_profile("me", None, Estimates(), overrides={"hr_max": "fast"})
    with pytest.raises(ConfigError, match="time zone"):
        build_profile("me", None, Estimates(), overrides={"timezone": "Mars/Olympus"})
