"""`refresh_marts`: rebuild the training model's tables after an import (the one entry point).

Per athlete: bring the per-activity feature cache up to date (only new files' records are
read), read the rest of the inputs, compute every mart in polars (`compute.compute_marts`)
and replace the athlete's rows of every mart in one transaction, so a reader never sees a
half-refreshed model. Then the invariant checks of `warehouse/checks/` run.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import polars as pl

from runlift_sync.config import AthleteConfig, Settings
from runlift_sync.db.transaction import writing
from runlift_sync.model import inputs
from runlift_sync.model.athlete_profile import AthleteProfile, parse_overrides
from runlift_sync.model.cache import update_features
from runlift_sync.model.checks import failed_checks
from runlift_sync.model.compute import (
    MART_NAMES,
    Marts,
    ModelInputs,
    compute_marts,
    profile_from_inputs,
)
from runlift_sync.model.model_policy import DEFAULT_POLICY, ModelPolicy
from runlift_sync.model.schema import ensure_model_tables, replace_rows

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AthleteRefresh:
    """What a refresh did for one athlete."""

    athlete: str
    profile: AthleteProfile
    rows: dict[str, int]
    features_computed: int
    features_removed: int
    today: dt.date


@dataclass(frozen=True)
class RefreshReport:
    """What `refresh_marts` did: per athlete, timings, and any failed invariant check."""

    athletes: tuple[AthleteRefresh, ...]
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)
    failed_checks: dict[str, int] = field(default_factory=dict)
    tables_created: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.failed_checks


class _Clock:
    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    def lap(self, name: str, started: float) -> float:
        now = time.perf_counter()
        self.timings[name] = self.timings.get(name, 0.0) + now - started
        return now


def local_today(timezone: str | None, offsets: pl.DataFrame | None) -> dt.date:
    """Today on the athlete's wall clock: the time zone, else the newest file's offset."""
    now = dt.datetime.now(dt.UTC)
    if timezone:
        return now.astimezone(ZoneInfo(timezone)).date()
    if offsets is not None and not offsets.is_empty():
        offset = offsets.sort("timestamp_utc")["utc_offset_s"][-1]
        return (now + dt.timedelta(seconds=int(offset))).date()
    return now.date()


def read_inputs(
    con: duckdb.DuckDBPyConnection,
    athlete: str,
    *,
    store_features: bool = True,
    policy: ModelPolicy = DEFAULT_POLICY,
    clock: _Clock | None = None,
) -> tuple[ModelInputs, int, int]:
    """Everything `compute_marts` needs for one athlete; returns (inputs, computed, removed)."""
    clock = clock or _Clock()
    t = time.perf_counter()
    activities = inputs.read_activities(con, athlete)
    t = clock.lap("read activities", t)
    update = update_features(con, athlete, activities, store=store_features, policy=policy)
    t = clock.lap("features (new activities)", t)
    model_inputs = ModelInputs(
        athlete=athlete,
        activities=activities,
        features=update.features,
        laps=inputs.read_laps(con, athlete),
        sets=inputs.read_sets(con, athlete),
        garmin_sets=inputs.read_garmin_sets(con, athlete),
        wellness=inputs.read_wellness(con, athlete),
        garmin_wellness=inputs.read_garmin_wellness(con, athlete),
        user_profiles=inputs.read_user_profiles(con, athlete),
        offsets=inputs.read_offsets(con, athlete),
    )
    clock.lap("read inputs", t)
    return model_inputs, update.computed, update.removed


def _write(con: duckdb.DuckDBPyConnection, athlete: str, marts: Marts) -> dict[str, int]:
    rows: dict[str, int] = {}
    with writing(con, f"the training model for {athlete!r}", then="run `runlift refresh` again"):
        for name in MART_NAMES:
            frame = marts[name]
            replace_rows(con, name, frame, athlete=athlete)
            rows[name] = frame.height
    return rows


def refresh_marts(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    *,
    athlete_overrides: AthleteConfig | Mapping[str, Any] | None = None,
    athletes: Sequence[str] | None = None,
    today: dt.date | None = None,
    policy: ModelPolicy = DEFAULT_POLICY,
    check: bool = True,
) -> RefreshReport:
    """Recompute every mart for `athletes` (default: the settings' athlete) on a writer.

    `athlete_overrides` (a plan's ``[athlete]`` section) apply to the settings' athlete only.
    `today` is the last day of daily_load/fitness (default: today on the athlete's clock).
    Returns what was done; failed invariant checks are reported, not raised.
    """
    started = time.perf_counter()
    clock = _Clock()
    overrides = parse_overrides(athlete_overrides)
    made = ensure_model_tables(con)
    t = clock.lap("model tables", started)
    done: list[AthleteRefresh] = []
    for athlete in athletes or [settings.athlete]:
        config = settings.config.athletes.get(athlete)
        mine = overrides if athlete == settings.athlete else None
        model_inputs, computed, removed = read_inputs(con, athlete, policy=policy, clock=clock)
        t = time.perf_counter()
        timezone = (mine.timezone if mine else None) or (config.timezone if config else None)
        day = today or local_today(timezone, model_inputs.offsets)
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        marts = compute_marts(
            model_inputs,
            config=config,
            overrides=mine,
            today=day,
            refreshed_at=now,
            policy=policy,
        )
        t = clock.lap("compute marts", t)
        rows = _write(con, athlete, marts)
        clock.lap("write marts", t)
        log.info("refreshed %s: %s", athlete, rows)
        done.append(AthleteRefresh(athlete, marts.profile, rows, computed, removed, day))
    failures: dict[str, int] = {}
    if check:
        t = time.perf_counter()
        failures = failed_checks(con)
        clock.lap("checks", t)
        for name, count in failures.items():
            log.warning("check %s: %d offending rows", name, count)
    return RefreshReport(
        tuple(done), time.perf_counter() - started, clock.timings, failures, tuple(made)
    )


def current_profile(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    *,
    athlete_overrides: AthleteConfig | Mapping[str, Any] | None = None,
    athlete: str | None = None,
    policy: ModelPolicy = DEFAULT_POLICY,
) -> AthleteProfile:
    """The landmarks in use for an athlete now (works on a read-only connection: features of
    activities not refreshed yet are computed in memory, nothing is written)."""
    name = athlete or settings.athlete
    model_inputs, _, _ = read_inputs(con, name, store_features=False, policy=policy)
    overrides = athlete_overrides if name == settings.athlete else None
    return profile_from_inputs(
        model_inputs,
        config=settings.config.athletes.get(name),
        overrides=overrides,
        policy=policy,
    )
