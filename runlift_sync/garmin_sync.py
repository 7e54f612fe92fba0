"""The Garmin Connect sync: the source's items loaded into the warehouse, one at a time.

The source (`sources/garmin_connect/pull.py`) talks to Garmin and yields; this loads what it
yields — FIT originals through `import_files`, the import every watch and folder goes through,
records into the Garmin tables (`sources/garmin_connect/store.py`) — committing each item
before asking for the next. It reads the state the source starts from (what is known, what
is final, what is pending, the backfill, the turns) and records how the pull ended.

```
sync_garmin(settings, since)   the nightly step or a backfill: warehouse + session + pull
pull_garmin(con, session, …)   the pull through an open warehouse and a resumed session
```
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import duckdb

from runlift_sync.config import Settings
from runlift_sync.db import open_writer
from runlift_sync.db.file_loader import upsert_athlete
from runlift_sync.errors import AuthError, ConfigError, SourceError, TransientSourceError
from runlift_sync.ingest import import_files
from runlift_sync.sources.garmin_connect import store
from runlift_sync.sources.garmin_connect.client import (
    ConnectSession,
    GarminFactory,
    default_garmin,
    open_session,
)
from runlift_sync.sources.garmin_connect.constants import BACKFILL_SPACING_S, NIGHTLY_SPACING_S
from runlift_sync.sources.garmin_connect.failures import (
    GarminBlocked,
    GarminPrivacyProtected,
    GarminRateLimited,
)
from runlift_sync.sources.garmin_connect.items import (
    BackfillAdvanced,
    Downloaded,
    DownloadFailed,
    Listed,
    NewActivity,
    OriginalRetried,
    Pulled,
    Quarantined,
    SetAside,
    SetsReread,
    TurnTaken,
    WellnessDay,
)
from runlift_sync.sources.garmin_connect.pull import ConnectPull, Pace, PullState
from runlift_sync.sources.garmin_connect.pull_plan import (
    Backfill,
    PullPlan,
    final_answers,
    gives_up,
    plan_pull,
    start_backfill,
)
from runlift_sync.sources.garmin_connect.report import GarminSyncReport, Stopped
from runlift_sync.sources.garmin_connect.store import FileLink

log = logging.getLogger(__name__)

#: Called after each item is loaded (committed), with a short description of it.
Progress = Callable[[str], None]
#: Now, in UTC (naive): when things were fetched; injectable so tests control the nights.
Clock = Callable[[], dt.datetime]


class _Loader:
    """Loads the source's items into an open warehouse and counts them in the report."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        report: GarminSyncReport,
        *,
        warehouse_dir: Path,
        clock: Clock,
        progress: Progress | None,
        backfill: Backfill | None,
    ) -> None:
        self.con = con
        self.report = report
        self.athlete = report.athlete
        self.warehouse_dir = warehouse_dir
        self.clock = clock
        self.progress = progress
        self.backfill = backfill
        self.pending = {p.activity_id: p for p in store.pending_originals(con, self.athlete)}
        #: items in garmin_quarantine: one that succeeds now leaves it
        self.set_aside = store.quarantined_keys(con, self.athlete)

    def done(self, what: str) -> None:
        if self.progress is not None:
            self.progress(what)

    def load(self, item: Pulled) -> None:
        match item:
            case NewActivity():
                self.new_activity(item)
            case OriginalRetried():
                self.original_retried(item)
            case SetsReread(activity_id, body, sets):
                store.record_exercise_sets(
                    self.con,
                    self.athlete,
                    activity_id,
                    body,
                    sets,
                    fetched_at=self.clock(),
                    set_aside=self.set_aside,
                )
                self.report.exercise_sets_reread += 1
                self.done(f"sets of activity {activity_id} read again")
            case WellnessDay():
                self.wellness_day(item)
            case SetAside(quarantined):
                store.quarantine(self.con, self.athlete, quarantined)
                self.set_aside.add((quarantined.endpoint, quarantined.item_key))
                self.noted(quarantined)
            case Listed(listed, known):
                self.report.activities_listed += listed
                self.report.activities_known += known
            case TurnTaken(unit):
                store.take_turn(self.con, self.athlete, unit)
            case BackfillAdvanced(kind, next_day):
                assert self.backfill is not None
                self.backfill = self.backfill.advanced(kind, next_day)
                store.save_backfill(self.con, self.athlete, self.backfill, self.clock())

    def noted(self, item: Quarantined) -> None:
        self.report.quarantined.append(item)
        log.info("set aside Garmin %s %s: %s", item.endpoint, item.item_key, item.message)

    def import_original(self, original: Downloaded) -> tuple[list[FileLink], str]:
        """The original's FIT files through the one import path, as from a watch or folder."""
        if not original.files:
            return [], "none"
        summary = import_files(
            self.con,
            list(original.files),
            athlete=self.athlete,
            warehouse_dir=self.warehouse_dir,
            workers=1,
        )
        links = [FileLink(o.sha256, o.origin, o.outcome) for o in summary.outcomes if o.sha256]
        for outcome in summary.outcomes:
            self.report.files[outcome.outcome] += 1
        usable = any(o.outcome not in ("quarantined", "already_quarantined") for o in links)
        return links, "imported" if usable else "quarantined"

    def new_activity(self, item: NewActivity) -> None:
        links: list[FileLink] = []
        original = "none"
        failed: DownloadFailed | None = None
        if isinstance(item.original, Downloaded):
            links, original = self.import_original(item.original)
        elif isinstance(item.original, DownloadFailed):
            original, failed = "pending", item.original
        store.record_activity(
            self.con,
            self.athlete,
            item.row,
            item.body,
            original=original,
            links=links,
            sets_body=item.sets_body,
            sets=item.sets,
            quarantined=item.set_aside,
            fetched_at=self.clock(),
            set_aside=self.set_aside,
            download_failed=failed,
        )
        if failed is not None:
            log.info("original of Garmin activity %s pending: %s", item.row.activity_id, failed)
        self.report.activities_new += 1
        self.report.exercise_sets += len(item.sets or [])
        for quarantined in item.set_aside:
            self.noted(quarantined)
        row = item.row
        self.done(f"activity {row.activity_id} ({row.type_key}, {row.local_date})")

    def original_retried(self, item: OriginalRetried) -> None:
        now = self.clock()
        if isinstance(item.original, Downloaded):
            links, original = self.import_original(item.original)
            store.record_original(
                self.con,
                self.athlete,
                item.activity_id,
                original=original,
                links=links,
                fetched_at=now,
                set_aside=self.set_aside,
            )
            self.report.originals_recovered += 1
            self.done(f"original of activity {item.activity_id}")
            return
        failure = item.original
        pending = self.pending.get(item.activity_id)
        give_up = None
        if pending is not None and gives_up(pending.first_failed_at, now):
            give_up = Quarantined(
                "original",
                str(item.activity_id),
                failure.error_class,
                f"gave up the original after {pending.attempts + 1} tries since "
                f"{pending.first_failed_at:%Y-%m-%d}: {failure.message}",
                activity_id=item.activity_id,
            )
        store.original_failed_again(
            self.con,
            self.athlete,
            item.activity_id,
            failure,
            now=now,
            give_up=give_up,
            set_aside=self.set_aside,
        )
        if give_up is not None:
            self.report.originals_given_up += 1
            self.noted(give_up)

    def wellness_day(self, item: WellnessDay) -> None:
        self.report.wellness_final += item.final_skipped
        if not item.answers:
            return
        stored = store.record_wellness_day(
            self.con,
            self.athlete,
            item.day,
            item.answers,
            fetched_at=self.clock(),
            device_synced_at=item.device_synced_at,
            set_aside=self.set_aside,
        )
        for answer in stored:
            if answer.rows:
                self.report.wellness_with_data += 1
                self.report.wellness_days.add(item.day)
            else:
                self.report.wellness_no_data += 1
        self.done(f"wellness {item.day}")


def _stopped(exc: SourceError) -> Stopped:
    if isinstance(exc, GarminRateLimited):
        return "rate_limited"
    if isinstance(exc, GarminBlocked):
        return "blocked"
    if isinstance(exc, TransientSourceError):
        return "unavailable"
    if isinstance(exc, AuthError):
        return "login"
    if isinstance(exc, GarminPrivacyProtected):
        return "privacy_protected"
    return "error"


def _stop(report: GarminSyncReport, exc: SourceError) -> None:
    report.stopped = _stopped(exc)
    report.message = str(exc)
    log.info("Garmin Connect pull stopped early: %s", exc)


def begin_backfill(
    con: duckdb.DuckDBPyConnection,
    athlete: str,
    since: dt.date,
    today: dt.date,
    spacing_s: float | None,
    clock: Clock,
) -> Backfill:
    """Record the backfill `--since` asks for (or widen the unfinished one), before anything
    else: whatever stops this sync, the next ones know what is left."""
    backfill = start_backfill(
        store.open_backfill(con, athlete),
        since=since,
        today=today,
        spacing_s=spacing_s if spacing_s is not None else BACKFILL_SPACING_S,
        now=clock(),
    )
    store.save_backfill(con, athlete, backfill, clock())
    return backfill


def _state(
    con: duckdb.DuckDBPyConnection,
    athlete: str,
    plan: PullPlan,
    zone: ZoneInfo | None,
    now: dt.datetime,
) -> PullState:
    """What the source needs to know of the warehouse, read once before the pull."""
    oldest = plan.wellness_from
    if plan.backfill is not None and plan.backfill.wellness_next is not None:
        oldest = min(oldest, plan.backfill.wellness_next)
    return PullState(
        known_activities=store.known_activity_ids(con, athlete),
        pending_originals=[p.activity_id for p in store.pending_originals(con, athlete)],
        sets_to_read_again=store.sets_to_read_again(con, athlete, now),
        final_wellness=final_answers(store.stored_answers(con, athlete, oldest), zone),
    )


def pull_garmin(
    con: duckdb.DuckDBPyConnection,
    session: ConnectSession,
    *,
    athlete: str,
    warehouse_dir: Path,
    today: dt.date,
    zone: ZoneInfo | None = None,
    since: dt.date | None = None,
    spacing_s: float | None = None,
    progress: Progress | None = None,
    clock: Clock = store.utc_now,
) -> GarminSyncReport:
    """Pull what is new for `athlete` into an open warehouse, through a resumed session.

    `since` starts (or widens) a backfill, kept until done. `spacing_s` paces every request
    (None: the nightly pace, and the backfill's own). A 429, a 403 or an outage ends the pull
    early but cleanly: the report says so (`stopped`) and everything loaded before is kept.
    A login to renew (`AuthError`) or data Garmin withholds (`GarminPrivacyProtected`) is
    recorded and raised. Anything else (a crash) propagates; what was committed stays.
    """
    report = GarminSyncReport(athlete=athlete, started_at=clock(), since=since)
    backfill = store.open_backfill(con, athlete)
    if since is not None:
        backfill = begin_backfill(con, athlete, since, today, spacing_s, clock)
    plan = plan_pull(
        today=today,
        since=since,
        newest_activity_local=store.newest_activity_start(con, athlete),
        wellness_stored=store.wellness_span(con, athlete),
        backfill=backfill,
        turns=store.turns(con, athlete),
    )
    report.activities_from, report.wellness_from, report.through = (
        plan.activities_from,
        plan.wellness_from,
        plan.through,
    )
    pace = Pace(
        nightly_s=spacing_s if spacing_s is not None else NIGHTLY_SPACING_S,
        backfill_s=spacing_s
        if spacing_s is not None
        else (backfill.spacing_s if backfill is not None else BACKFILL_SPACING_S),
    )
    source = ConnectPull(session, plan, _state(con, athlete, plan, zone, clock()), pace)
    loader = _Loader(
        con,
        report,
        warehouse_dir=warehouse_dir,
        clock=clock,
        progress=progress,
        backfill=plan.backfill,
    )
    requests_before = session.requests

    def finish() -> None:
        report.requests = session.requests - requests_before
        report.finished_at = clock()
        report.originals_pending = len(store.pending_originals(con, athlete))
        report.backfill = loader.backfill
        report.device_synced_at = source.synced_at
        store.record_run(con, report.as_run_row())

    try:
        for item in source.items():
            loader.load(item)
    except TransientSourceError as exc:
        _stop(report, exc)
    except SourceError as exc:
        _stop(report, exc)
        finish()
        raise
    finish()
    log.info("%s", report.summary_line())
    return report


def athlete_zone(settings: Settings, session: ConnectSession) -> ZoneInfo | None:
    """The athlete's time zone: the configured one, else the Garmin profile's."""
    name = settings.timezone or session.time_zone()
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        log.warning(
            "unknown time zone %r: wellness days are closed at the latest possible end", name
        )
        return None


def sync_garmin(
    settings: Settings,
    since: dt.date | None = None,
    *,
    today: dt.date | None = None,
    garmin_factory: GarminFactory = default_garmin,
    spacing_s: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
    progress: Progress | None = None,
    clock: Clock = store.utc_now,
) -> GarminSyncReport:
    """Pull Garmin Connect into the warehouse of `settings`: the nightly step, or a backfill.

    Opens the warehouse (locked writer), resumes the stored login (token store locked, tokens
    written back at the end), pulls, and returns the report. Raises `AuthError` when the
    login must be renewed (`runlift login`), `GarminPrivacyProtected` when Garmin withholds
    the data, `WarehouseBusyError` when another process holds the warehouse; a 429, a 403 or
    an outage ends in a report with `stopped` set.
    """
    if since is not None and today is not None and since > today:
        raise ConfigError(f"--since {since} is in the future; give a date on or before {today}")
    command = "runlift sync --garmin" + (f" --since {since}" if since else "")
    with open_writer(settings.warehouse, timeout_s=settings.lock_timeout_s, command=command) as con:
        upsert_athlete(con, settings.athlete, settings.timezone)
        report: GarminSyncReport | None = None
        try:
            with open_session(
                settings.token_dir,
                timeout_s=settings.lock_timeout_s,
                garmin_factory=garmin_factory,
                spacing_s=spacing_s if spacing_s is not None else NIGHTLY_SPACING_S,
                sleep=sleep,
                command=command,
            ) as session:
                zone = athlete_zone(settings, session)
                day = today or (
                    dt.datetime.now(zone).date() if zone is not None else session.garmin.today()
                )
                report = pull_garmin(
                    con,
                    session,
                    athlete=settings.athlete,
                    warehouse_dir=settings.warehouse_dir,
                    today=day,
                    zone=zone,
                    since=since,
                    spacing_s=spacing_s,
                    progress=progress,
                    clock=clock,
                )
            report.tokens_saved = session.tokens_saved
        except TransientSourceError as exc:
            if report is not None:
                raise
            # the login could not even be resumed (429 / 403 / outage at Garmin's end)
            report = GarminSyncReport(athlete=settings.athlete, started_at=clock(), since=since)
            if since is not None:  # the backfill asked for is kept for the next syncs
                report.backfill = begin_backfill(
                    con, settings.athlete, since, today or clock().date(), spacing_s, clock
                )
            _stop(report, exc)
            report.finished_at = clock()
            store.record_run(con, report.as_run_row())
        return report
