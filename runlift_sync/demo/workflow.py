"""`runlift demo` as plain functions: a simulated watch → a fresh demo warehouse → marts → plan."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from runlift_sync.coach.service import PlannedWeek, plan_next_week
from runlift_sync.config import APP, AthleteConfig, ConfigFile, Settings, default_token_dir
from runlift_sync.db import open_writer
from runlift_sync.demo import SeasonSummary

if TYPE_CHECKING:
    from runlift_sync.review.review_file import ReviewFile

DEMO_ATHLETE = "demo"


def default_demo_warehouse() -> Path:
    return Path(platformdirs.user_data_dir(APP)) / "demo" / "runlift-demo.duckdb"


@dataclass(frozen=True)
class DemoTarget:
    """Where the demo writes, and whether it may start from scratch there."""

    settings: Settings
    fresh: bool


def demo_settings(warehouse: Path | None, athlete: AthleteConfig) -> DemoTarget:
    """The demo athlete in her own warehouse: the default demo file is wiped and rebuilt;
    a warehouse the user names is imported into, never wiped."""
    chosen = warehouse.expanduser().resolve() if warehouse else default_demo_warehouse()
    config = ConfigFile(athlete=DEMO_ATHLETE, athletes={DEMO_ATHLETE: athlete})
    settings = Settings(
        warehouse=chosen,
        athlete=DEMO_ATHLETE,
        config_path=Path("<demo>"),
        config=config,
        token_dir=default_token_dir(),
    )
    return DemoTarget(settings, fresh=warehouse is None)


def wipe_demo_warehouse(path: Path) -> None:
    """Remove a previous default demo warehouse (database, WAL, lock, raw store)."""
    if path != default_demo_warehouse():
        raise ValueError(f"refusing to wipe {path}: only the default demo warehouse is wiped")
    for suffix in ("", ".wal", ".lock"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    shutil.rmtree(path.parent / "raw", ignore_errors=True)


HISTORY_WEEKS = 4
"""Weeks before the planned one that the demo plans too, as the nightly flow would have done
every Sunday: the review page then shows how she followed (or did not follow) the coach."""


def model_and_plan(settings: Settings, season: SeasonSummary) -> PlannedWeek:
    """Build the marts, adjust the demo plan for the last weeks of the season and for the
    week after it (all stored), and return that last week."""
    weeks = min(HISTORY_WEEKS, len(season.weeks))
    first = season.next_week_start - dt.timedelta(weeks=weeks)
    with open_writer(
        settings.warehouse, timeout_s=settings.lock_timeout_s, command="runlift demo"
    ) as con:
        for k in range(weeks):
            plan_next_week(
                con,
                settings,
                season.plan_path,
                week_start=first + dt.timedelta(weeks=k),
                refresh=k == 0,
            )
        return plan_next_week(
            con, settings, season.plan_path, week_start=season.next_week_start, refresh=weeks == 0
        )


def demo_review(settings: Settings, planned: PlannedWeek) -> ReviewFile:
    """The review page of the demo's planned week, beside the demo warehouse."""
    from runlift_sync.review.review_file import review_path_for, review_week

    with open_writer(
        settings.warehouse, timeout_s=settings.lock_timeout_s, command="runlift demo"
    ) as con:
        return review_week(
            con,
            settings,
            week_start=planned.week.week_start,
            out=review_path_for(None, settings.warehouse, planned.week.week_start),
        )
