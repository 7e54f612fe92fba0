"""All marts of one athlete from that athlete's input frames, in one pure function.

`compute_marts(ModelInputs, …) -> Marts`: no database, no clock (the caller passes `today`).
The order matters only where a later step needs an earlier one: wellness (which needs only
the time zone) feeds the resting-HR estimate, the estimates make the profile, the profile
makes zones, loads and everything after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from runlift_sync.config import AthleteConfig
from runlift_sync.model import activities as acts
from runlift_sync.model import lift_marts, structure, training_load, wellness
from runlift_sync.model.athlete_profile import (
    AthleteProfile,
    build_profile,
    estimate,
    parse_overrides,
)
from runlift_sync.model.features import empty_features
from runlift_sync.model.fitness import FITNESS_SCHEMA, fitness
from runlift_sync.model.model_policy import DEFAULT_POLICY, ModelPolicy
from runlift_sync.model.runs import RUNS_SCHEMA
from runlift_sync.model.runs import runs as runs_mart
from runlift_sync.model.weekly import WEEKLY_SCHEMA, weekly_summary
from runlift_sync.model.wellness import WELLNESS_SCHEMA

#: The athlete_profile row (`profile_row`): each landmark with its source and detail.
PROFILE_SCHEMA: dict[str, pl.DataType] = {
    "athlete": pl.String(),
    **{
        f"{name}{suffix}": dtype
        for name, dtype in (
            ("hr_max", pl.Int32()),
            ("hr_rest", pl.Int32()),
            ("hr_threshold", pl.Int32()),
            ("sex", pl.String()),
            ("timezone", pl.String()),
        )
        for suffix, dtype in (("", dtype), ("_source", pl.String()), ("_detail", pl.String()))
    },
    "vt1_hr": pl.Int32(),
    "zone2_from_hr": pl.Int32(),
    "zone3_from_hr": pl.Int32(),
    "zone4_from_hr": pl.Int32(),
    "zone5_from_hr": pl.Int32(),
    "trimp_a": pl.Float64(),
    "trimp_b": pl.Float64(),
    "refreshed_at": pl.Datetime("us"),
}

#: Each mart's columns as the polars transforms build them, in table order. The tables
#: themselves are declared in `warehouse/model/<mart>.sql` (the source of truth, with every
#: column documented); tests/model/test_mart_schemas.py checks that the two agree.
MART_SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "runs": RUNS_SCHEMA,
    "lift_sets": lift_marts.LIFT_SETS_SCHEMA,
    "lift_sessions": lift_marts.LIFT_SESSIONS_SCHEMA,
    "activity_load": training_load.ACTIVITY_LOAD_SCHEMA,
    "daily_load": training_load.DAILY_LOAD_SCHEMA,
    "fitness": FITNESS_SCHEMA,
    "wellness_daily": WELLNESS_SCHEMA,
    "weekly_summary": WEEKLY_SCHEMA,
    "athlete_profile": PROFILE_SCHEMA,
}
MART_NAMES = tuple(MART_SCHEMAS)


def _empty(schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(schema=schema)


@dataclass
class ModelInputs:
    """One athlete's inputs (frames as `inputs.read_*` return them)."""

    athlete: str
    activities: pl.DataFrame
    features: pl.DataFrame = field(default_factory=empty_features)
    laps: pl.DataFrame | None = None
    sets: pl.DataFrame | None = None
    garmin_sets: pl.DataFrame | None = None
    wellness: Mapping[str, pl.DataFrame] = field(default_factory=dict)
    garmin_wellness: pl.DataFrame | None = None
    user_profiles: pl.DataFrame | None = None
    offsets: pl.DataFrame | None = None


@dataclass(frozen=True)
class Marts:
    """The computed marts of one athlete (frames in the warehouse tables' column order)."""

    profile: AthleteProfile
    frames: dict[str, pl.DataFrame]

    def __getitem__(self, name: str) -> pl.DataFrame:
        return self.frames[name]


def _wellness_inputs(
    raw: Mapping[str, pl.DataFrame], timezone: str | None, offsets: pl.DataFrame | None
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    def get(name: str, schema: dict[str, Any]) -> pl.DataFrame:
        frame = raw.get(name)
        return frame if frame is not None else pl.DataFrame(schema=schema)

    ts = {"file_sha256": pl.String, "timestamp_utc": pl.Datetime("us"), "utc_offset_s": pl.Int32}
    rhr = wellness.fit_resting_hr(
        get("resting", {**ts, "resting_hr": pl.Int32}),
        get("monitoring_hr", {**ts, "heart_rate": pl.Int32}),
        timezone,
        offsets,
    )
    hrv = wellness.fit_hrv(
        get(
            "hrv_status",
            {
                **ts,
                "last_night_avg_ms": pl.Float64,
                "weekly_avg_ms": pl.Float64,
                "status": pl.String,
            },
        ),
        get("hrv_values", {**ts, "rmssd_ms": pl.Float64}),
        timezone,
        offsets,
    )
    sleep = wellness.fit_sleep(
        get("sleep_levels", {**ts, "sleep_level": pl.String}),
        get("sleep_scores", {"file_sha256": pl.String, "overall_sleep_score": pl.Int32}),
        timezone,
        offsets,
    )
    return rhr, hrv, sleep


def profile_row(profile: AthleteProfile, refreshed_at: dt.datetime) -> pl.DataFrame:
    """The athlete_profile row."""
    zones = profile.zones
    a, b = profile.trimp_constants
    row: dict[str, Any] = {"athlete": profile.athlete}
    for name, mark in profile.landmarks().items():
        row[name] = mark.value
        row[f"{name}_source"] = mark.source
        row[f"{name}_detail"] = mark.detail
    row |= {
        "vt1_hr": zones.vt1,
        "zone2_from_hr": zones.z5_from[0],
        "zone3_from_hr": zones.z5_from[1],
        "zone4_from_hr": zones.z5_from[2],
        "zone5_from_hr": zones.z5_from[3],
        "trimp_a": a,
        "trimp_b": b,
        "refreshed_at": refreshed_at,
    }
    return pl.DataFrame([row], schema=PROFILE_SCHEMA)


def resolve_profile(
    inputs: ModelInputs,
    config: AthleteConfig | None,
    overrides: AthleteConfig | Mapping[str, Any] | None,
    wellness_daily: pl.DataFrame,
    policy: ModelPolicy = DEFAULT_POLICY,
) -> AthleteProfile:
    """The profile from config, overrides and the estimates of this athlete's data."""
    activities = inputs.activities
    best = (
        activities.select("activity_id", pl.col("start_time_utc").dt.date().alias("local_date"))
        .join(inputs.features.select("activity_id", "best_hr_60s"), on="activity_id")
        .select("local_date", "best_hr_60s")
    )
    profiles = inputs.user_profiles
    if profiles is None:
        profiles = pl.DataFrame(schema={"time_created_utc": pl.Datetime("us"), "gender": pl.String})
    estimates = estimate(best, wellness_daily.select("date", "resting_hr"), profiles, policy)
    return build_profile(inputs.athlete, config, estimates, overrides=overrides, policy=policy)


def athlete_wellness(
    inputs: ModelInputs,
    timezone: str | None,
    policy: ModelPolicy = DEFAULT_POLICY,
) -> pl.DataFrame:
    """The wellness_daily mart of the inputs (needs only the time zone, not the landmarks)."""
    rhr, hrv, sleep = _wellness_inputs(inputs.wellness, timezone, inputs.offsets)
    return wellness.wellness_daily(inputs.athlete, rhr, hrv, sleep, inputs.garmin_wellness, policy)


def profile_from_inputs(
    inputs: ModelInputs,
    *,
    config: AthleteConfig | None = None,
    overrides: AthleteConfig | Mapping[str, Any] | None = None,
    policy: ModelPolicy = DEFAULT_POLICY,
) -> AthleteProfile:
    """The athlete's profile alone (what `runlift profile` shows)."""
    plan = parse_overrides(overrides)
    timezone = plan.timezone or (config.timezone if config else None)
    well = athlete_wellness(inputs, timezone, policy)
    return resolve_profile(inputs, config, overrides, well, policy)


def compute_marts(
    inputs: ModelInputs,
    *,
    config: AthleteConfig | None = None,
    overrides: AthleteConfig | Mapping[str, Any] | None = None,
    today: dt.date | None = None,
    refreshed_at: dt.datetime | None = None,
    policy: ModelPolicy = DEFAULT_POLICY,
) -> Marts:
    """Every mart of one athlete. `today`: the last day of daily_load/fitness (local)."""
    athlete = inputs.athlete
    plan = parse_overrides(overrides)
    timezone = plan.timezone or (config.timezone if config else None)
    well = athlete_wellness(inputs, timezone, policy)
    profile = resolve_profile(inputs, config, overrides, well, policy)

    local = acts.localize_activities(inputs.activities, profile, inputs.offsets)
    features = inputs.features

    raw_sets = inputs.sets
    if raw_sets is None or raw_sets.is_empty():
        watch_sets = _empty(lift_marts.WATCH_SETS_SCHEMA).drop("activity_id")
    else:
        watch_sets = lift_marts.resolve_watch_sets(raw_sets).drop("activity_id")
    merged = lift_marts.merge_garmin(watch_sets, inputs.garmin_sets)
    sets = acts.assign_to_sessions(merged, local)

    kinds = acts.activity_kinds(local, sets, features, policy)

    laps = inputs.laps
    if laps is None or laps.is_empty():
        lap_struct = _empty(structure.STRUCTURE_SCHEMA)
    else:
        lap_struct = structure.lap_structure(assign_laps(laps, local), policy)
    runs = runs_mart(local, features, lap_struct, profile, policy)

    lift_acts = local.join(
        kinds.filter(pl.col("kind") == "lift").select(
            "activity_id", "detected_from", "kind_reason"
        ),
        on="activity_id",
    )
    lift_sets = lift_marts.lift_sets(sets, lift_acts, athlete, policy)
    sessions = lift_marts.lift_sessions(lift_acts, lift_sets, policy)

    loads = training_load.activity_load(local, kinds, features, runs, profile, policy)
    daily = training_load.daily_load(loads, athlete, today)
    fit = fitness(daily, policy)
    weekly = weekly_summary(athlete, runs, sessions, daily, fit)
    stamp = refreshed_at or dt.datetime(1970, 1, 1)
    frames = {
        "runs": runs,
        "lift_sets": lift_sets,
        "lift_sessions": sessions,
        "activity_load": loads,
        "daily_load": daily,
        "fitness": fit,
        "wellness_daily": well,
        "weekly_summary": weekly,
        "athlete_profile": profile_row(profile, stamp),
    }
    return Marts(profile, frames)


def assign_laps(laps: pl.DataFrame, activities: pl.DataFrame) -> pl.DataFrame:
    """Laps with the activity_id of their session (by lap start time)."""
    return acts.assign_to_sessions(laps, activities, at="start_time_utc")
