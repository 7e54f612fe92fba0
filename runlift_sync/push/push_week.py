"""`push_week`: the stored week onto every target asked for, one report per target.

stored week (accepted, or proposed) → session keys and the coach's reasons → landmarks from
the marts → one structured workout per session → each target (calendar file, Garmin Connect,
FIT files in a folder, a watch's NewFiles). A target that fails is reported and the others
still run; the exit code says whether all of them worked (0), some (2) or none (1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from runlift_sync.config import Settings
from runlift_sync.db import open_writer
from runlift_sync.errors import RunliftError
from runlift_sync.push.push_report import TargetReport
from runlift_sync.push.pushed_store import Target
from runlift_sync.push.structured_workout import RunLandmarks
from runlift_sync.push.week_to_push import (
    PushItem,
    load_week_to_push,
    prepare_week,
    week_sessions,
)
from runlift_sync.push.workout_landmarks import lift_landmarks, run_landmarks, stored_plan_toml
from runlift_sync.sources.garmin_connect.client import GarminFactory, default_garmin
from runlift_sync.sources.usb_watch import MOUNT_ROOTS

COMMAND = "runlift plan push"


@dataclass(frozen=True)
class PushRequest:
    """What to push where (the command's options)."""

    week_start: dt.date | None = None
    proposed: bool = False
    ics: Path | None = None
    garmin: bool = False
    fit_dir: Path | None = None
    watch: str | None = None
    dry_run: bool = False
    mount_roots: tuple[str, ...] = MOUNT_ROOTS

    @property
    def targets(self) -> list[str]:
        chosen = (
            ("fit", self.fit_dir),
            ("watch", self.watch),
            ("garmin", self.garmin),
            ("ics", self.ics),
        )
        return [name for name, on in chosen if on]


@dataclass
class PushOutcome:
    """The week pushed and each target's report."""

    week_start: dt.date | None = None
    items: list[PushItem] = field(default_factory=list)
    reports: list[TargetReport] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0: every target ok; 2: some sessions or targets failed; 1: every target failed."""
        statuses = [r.status for r in self.reports]
        if all(s == "ok" for s in statuses):
            return 0
        if all(s == "failed" for s in statuses):
            return 1
        return 2


def _target(name: str, where: str, run: Callable[[], TargetReport]) -> TargetReport:
    """One target, its expected failures (`RunliftError`) turned into a failed report."""
    try:
        return run()
    except RunliftError as exc:
        report = TargetReport(name, where)
        report.error = str(exc)
        return report


def _push_garmin(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    request: PushRequest,
    week_start: dt.date,
    items: list[PushItem],
    garmin_factory: GarminFactory,
    echo: Callable[[str], None],
) -> TargetReport:
    from runlift_sync.push.garmin_push import WorkoutCalls, push_garmin
    from runlift_sync.sources.garmin_connect.client import open_session
    from runlift_sync.sources.garmin_connect.constants import NIGHTLY_SPACING_S

    if request.dry_run:
        return push_garmin(
            con, None, athlete=settings.athlete, week_start=week_start, items=items, echo=echo
        )
    with open_session(
        settings.token_dir,
        timeout_s=settings.lock_timeout_s,
        garmin_factory=garmin_factory,
        spacing_s=NIGHTLY_SPACING_S,
        command=f"{COMMAND} --garmin",
    ) as session:
        return push_garmin(
            con,
            WorkoutCalls(session),
            athlete=settings.athlete,
            week_start=week_start,
            items=items,
            echo=echo,
        )


def _push_ics(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    path: Path,
    week_start: dt.date,
    items: list[PushItem],
    runs: RunLandmarks,
    dry_run: bool,
) -> TargetReport:
    from runlift_sync.push.ics_calendar import push_ics

    return push_ics(
        con,
        athlete=settings.athlete,
        week_start=week_start,
        items=items,
        path=path,
        timezone=settings.timezone or _profile_timezone(con, settings.athlete),
        easy_pace_s_per_km=runs.easy_pace_s_per_km,
        dry_run=dry_run,
    )


def _push_files(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    folder: Path,
    target: Target,
    week_start: dt.date,
    items: list[PushItem],
    request: PushRequest,
) -> TargetReport:
    from runlift_sync.push.fit_files_push import push_fit_files

    return push_fit_files(
        con,
        athlete=settings.athlete,
        week_start=week_start,
        items=items,
        folder=folder,
        target=target,
        dry_run=request.dry_run,
    )


def _push_watch(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    spec: str,
    week_start: dt.date,
    items: list[PushItem],
    request: PushRequest,
) -> TargetReport:
    from runlift_sync.push.fit_files_push import find_watch, new_files_dir

    folder = new_files_dir(find_watch(spec, request.mount_roots), create=not request.dry_run)
    return _push_files(con, settings, folder, "watch", week_start, items, request)


def _profile_timezone(con: duckdb.DuckDBPyConnection, athlete: str) -> str | None:
    try:
        row = con.execute(
            "SELECT timezone FROM athlete_profile WHERE athlete = ?", [athlete]
        ).fetchone()
    except duckdb.CatalogException:
        return None
    return str(row[0]) if row and row[0] else None


def push_week(
    settings: Settings,
    request: PushRequest,
    *,
    garmin_factory: GarminFactory = default_garmin,
    echo: Callable[[str], None] = print,
) -> PushOutcome:
    """Push the stored week to every target of `request`."""
    outcome = PushOutcome()
    with open_writer(settings.warehouse, timeout_s=settings.lock_timeout_s, command=COMMAND) as con:
        stored = load_week_to_push(
            con, settings.athlete, request.week_start, proposed=request.proposed
        )
        week_start = stored.week_start
        runs = run_landmarks(con, settings.athlete, week_start)
        lifts = lift_landmarks(
            con, settings.athlete, week_start, stored_plan_toml(con, settings.athlete, week_start)
        )
        items = prepare_week(week_sessions(stored), runs, lifts)
        outcome.week_start, outcome.items = week_start, items
        if request.fit_dir is not None:
            folder = request.fit_dir.expanduser()
            outcome.reports.append(
                _target(
                    "fit",
                    str(folder),
                    lambda: _push_files(con, settings, folder, "fit", week_start, items, request),
                )
            )
        if request.watch is not None:
            spec = request.watch
            outcome.reports.append(
                _target(
                    "watch",
                    f"the watch ({spec})",
                    lambda: _push_watch(con, settings, spec, week_start, items, request),
                )
            )
        if request.ics is not None:
            path = request.ics.expanduser()
            outcome.reports.append(
                _target(
                    "ics",
                    str(path),
                    lambda: _push_ics(
                        con, settings, path, week_start, items, runs, request.dry_run
                    ),
                )
            )
        if request.garmin:
            outcome.reports.append(
                _target(
                    "garmin",
                    "Garmin Connect",
                    lambda: _push_garmin(
                        con, settings, request, week_start, items, garmin_factory, echo
                    ),
                )
            )
    return outcome
