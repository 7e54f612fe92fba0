"""The incremental pull: what to ask Garmin Connect for, in what order, and where it goes.

Activities first, oldest first, window by window: each activity's original zip goes through the
same raw store, decoder and dedupe as a USB import (`import_files`), then its summary, file
links and strength sets are written in one transaction. Then the sets of recent strength
sessions are read again (athletes correct them in the app), then wellness, day by day, each
day's answers in one transaction. So whatever stops a pull — a 429, an outage, a crash —
everything before it is kept, and the next pull starts from the data (the newest activity and
day stored, minus an overlap) and skips what it already has.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb

from runlift_sync.config import Settings
from runlift_sync.db import open_writer
from runlift_sync.db.file_loader import upsert_athlete
from runlift_sync.errors import AuthError, ConfigError, TransientSourceError
from runlift_sync.ingest import import_files
from runlift_sync.sources import zip_archive
from runlift_sync.sources.garmin_connect import store
from runlift_sync.sources.garmin_connect.client import (
    ConnectSession,
    GarminFactory,
    GarminRateLimited,
    ItemNotFound,
    ItemRefused,
    MalformedResponse,
    default_garmin,
    open_session,
)
from runlift_sync.sources.garmin_connect.constants import (
    ACTIVITY_OVERLAP,
    BACKFILL_SPACING_S,
    FIRST_SYNC_DAYS,
    LIST_PAGE_SIZE,
    LIST_WINDOW_DAYS,
    MAX_LIST_PAGES,
    NIGHTLY_SPACING_S,
    WELLNESS_ENDPOINTS,
    WELLNESS_OVERLAP_DAYS,
    WellnessEndpoint,
)
from runlift_sync.sources.garmin_connect.parse import (
    ActivityRow,
    ExerciseSetRow,
    MalformedItem,
    activity_id_of,
    parse_activity,
    parse_exercise_sets,
    parse_wellness,
)
from runlift_sync.sources.garmin_connect.report import GarminSyncReport
from runlift_sync.sources.garmin_connect.store import FileLink, Quarantined, WellnessAnswer

log = logging.getLogger(__name__)

#: Called after each item is done (committed), with a short description of it.
Progress = Callable[[str], None]
#: Now, in UTC (naive): when things were fetched; injectable so tests control "final" days.
Clock = Callable[[], dt.datetime]


# --- planning (pure) ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PullPlan:
    """The dates one pull asks for (athlete-local), inclusive."""

    activities_from: dt.date
    wellness_from: dt.date
    through: dt.date


def plan_pull(
    *,
    today: dt.date,
    since: dt.date | None,
    newest_activity_local: dt.datetime | None,
    newest_wellness: dt.date | None,
) -> PullPlan:
    """From --since, or else from the newest data stored minus an overlap, through today."""
    first = today - dt.timedelta(days=FIRST_SYNC_DAYS)
    if since is not None:
        activities_from = wellness_from = min(since, today)
    else:
        activities_from = (
            (newest_activity_local - ACTIVITY_OVERLAP).date()
            if newest_activity_local is not None
            else first
        )
        wellness_from = (
            newest_wellness - dt.timedelta(days=WELLNESS_OVERLAP_DAYS)
            if newest_wellness is not None
            else first
        )
    return PullPlan(min(activities_from, today), min(wellness_from, today), today)


def date_windows(start: dt.date, end: dt.date, days: int) -> list[tuple[dt.date, dt.date]]:
    """[start, end] cut into consecutive inclusive windows of at most `days` days, oldest first."""
    windows: list[tuple[dt.date, dt.date]] = []
    cursor = start
    while cursor <= end:
        stop = min(cursor + dt.timedelta(days=days - 1), end)
        windows.append((cursor, stop))
        cursor = stop + dt.timedelta(days=1)
    return windows


def days_between(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=1)


# --- the pull ---------------------------------------------------------------------------------


class _Pull:
    """One pull's state: the connection, the session, the report being filled."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        session: ConnectSession,
        report: GarminSyncReport,
        *,
        warehouse_dir: Path,
        progress: Progress | None,
        clock: Clock,
    ) -> None:
        self.clock = clock
        self.con = con
        self.session = session
        self.report = report
        self.athlete = report.athlete
        self.warehouse_dir = warehouse_dir
        self.progress = progress
        #: items quarantined so far: one that succeeds now leaves the quarantine
        self.quarantined_keys = store.quarantined_keys(con, report.athlete)

    def done(self, what: str) -> None:
        if self.progress is not None:
            self.progress(what)

    def set_aside(self, item: Quarantined) -> None:
        store.quarantine(self.con, self.athlete, item)
        self.quarantined_keys.add((item.endpoint, item.item_key))
        self.report.quarantined.append(item)
        log.info("quarantined Garmin %s %s: %s", item.endpoint, item.item_key, item.message)

    # --- activities ---

    def activities(self, plan: PullPlan) -> None:
        known = store.known_activity_ids(self.con, self.athlete)
        for start, end in date_windows(plan.activities_from, plan.through, LIST_WINDOW_DAYS):
            listed = self.list_window(start, end)
            fresh = [(row, item) for row, item in listed if row.activity_id not in known]
            self.report.activities_listed += len(listed)
            self.report.activities_known += len(listed) - len(fresh)
            fresh.sort(key=lambda pair: (pair[0].start_time_utc, pair[0].activity_id))
            for row, item in fresh:
                self.activity(row, item)
                known.add(row.activity_id)
                self.done(f"activity {row.activity_id} ({row.type_key}, {row.local_date})")

    def list_window(self, start: dt.date, end: dt.date) -> list[tuple[ActivityRow, Any]]:
        """Every activity Garmin lists for local dates start..end, filtered on our side too."""
        found: dict[int, tuple[ActivityRow, Any]] = {}
        seen: set[int | None] = set()
        offset = 0
        for _ in range(MAX_LIST_PAGES):
            where = f"{start}+{offset}"
            try:
                page = self.session.list_activities(start, end, offset, LIST_PAGE_SIZE)
            except (MalformedResponse, ItemRefused) as exc:
                self.set_aside(
                    Quarantined("activity_list", where, type(exc).__name__, str(exc), exc.text)
                )
                return list(found.values())
            if page is None or page == [] or page == {}:
                break
            if not isinstance(page, list):
                self.set_aside(
                    Quarantined(
                        "activity_list",
                        where,
                        "MalformedItem",
                        f"the activity list page is not a list ({type(page).__name__})",
                        json.dumps(page),
                    )
                )
                return list(found.values())
            ids = [activity_id_of(item) for item in page]
            if all(i is not None and i in seen for i in ids):
                break  # the same page again: Garmin ignores the offset; do not loop
            seen.update(ids)
            for k, item in enumerate(page):
                try:
                    row = parse_activity(item)
                except MalformedItem as exc:
                    key = str(ids[k]) if ids[k] is not None else f"{where}+{k}"
                    self.set_aside(
                        Quarantined(
                            "activity",
                            key,
                            "MalformedItem",
                            str(exc),
                            json.dumps(item),
                            activity_id=ids[k],
                        )
                    )
                    continue
                if start <= row.local_date <= end:  # Garmin filters by date; check it too
                    found[row.activity_id] = (row, item)
            offset += len(page)
        else:
            log.warning(
                "stopped paging the activity list of %s…%s after %d pages",
                start,
                end,
                MAX_LIST_PAGES,
            )
        return list(found.values())

    def activity(self, row: ActivityRow, item: Any) -> None:
        links: list[FileLink] = []
        quarantined: list[Quarantined] = []
        original = "none"
        if not row.is_manual:
            links, original = self.original(row, quarantined)
        sets_body: Any = None
        sets: list[ExerciseSetRow] | None = None
        if row.wants_exercise_sets:
            sets_body, sets = self.exercise_sets(row.activity_id, quarantined)
        store.record_activity(
            self.con,
            self.athlete,
            row,
            item,
            original=original,
            links=links,
            sets_body=sets_body,
            sets=sets,
            quarantined=quarantined,
            fetched_at=self.clock(),
            set_aside=self.quarantined_keys,
        )
        self.report.activities_new += 1
        self.report.exercise_sets += len(sets or [])
        self.report.quarantined.extend(quarantined)
        for item in quarantined:
            log.info("quarantined Garmin %s %s: %s", item.endpoint, item.item_key, item.message)

    def original(
        self, row: ActivityRow, quarantined: list[Quarantined]
    ) -> tuple[list[FileLink], str]:
        """Download the original zip and import its FIT file(s) like any other file."""
        try:
            data = self.session.download_original(row.activity_id)
        except ItemNotFound:
            return [], "none"
        except (ItemRefused, MalformedResponse) as exc:
            quarantined.append(
                Quarantined(
                    "original",
                    str(row.activity_id),
                    type(exc).__name__,
                    str(exc),
                    getattr(exc, "text", None),
                    activity_id=row.activity_id,
                )
            )
            return [], "none"
        if not data:
            return [], "none"
        origin = f"garmin_connect:activity/{row.activity_id}.zip"
        files = list(zip_archive.discover_bytes(origin, data))
        if not files:
            quarantined.append(
                Quarantined(
                    "original",
                    str(row.activity_id),
                    "MalformedItem",
                    "the original download holds no FIT file",
                    None,
                    activity_id=row.activity_id,
                )
            )
            return [], "none"
        summary = import_files(
            self.con,
            files,
            athlete=self.athlete,
            warehouse_dir=self.warehouse_dir,
            workers=1,
        )
        links = [FileLink(o.sha256, o.origin, o.outcome) for o in summary.outcomes if o.sha256]
        for outcome in summary.outcomes:
            self.report.files[outcome.outcome] += 1
        usable = any(o.outcome not in ("quarantined", "already_quarantined") for o in links)
        return links, "imported" if usable else "quarantined"

    def exercise_sets(
        self, activity_id: int, quarantined: list[Quarantined]
    ) -> tuple[Any, list[ExerciseSetRow] | None]:
        """The set list of an activity; (None, None) when it was set aside."""
        key = str(activity_id)
        try:
            body = self.session.exercise_sets(activity_id)
        except ItemNotFound:
            return {}, []
        except (ItemRefused, MalformedResponse) as exc:
            quarantined.append(
                Quarantined(
                    "exercise_sets",
                    key,
                    type(exc).__name__,
                    str(exc),
                    exc.text,
                    activity_id=activity_id,
                )
            )
            return None, None
        try:
            return body, parse_exercise_sets(activity_id, body)
        except MalformedItem as exc:
            quarantined.append(
                Quarantined(
                    "exercise_sets",
                    key,
                    "MalformedItem",
                    str(exc),
                    json.dumps(body),
                    activity_id=activity_id,
                )
            )
            return None, None

    def sets_again(self, activity_ids: list[int]) -> None:
        """Read again the sets of recent strength activities: the athlete may have corrected
        them in the app since."""
        for activity_id in activity_ids:
            quarantined: list[Quarantined] = []
            body, sets = self.exercise_sets(activity_id, quarantined)
            for item in quarantined:
                self.set_aside(item)
            if sets is None:
                continue
            store.record_exercise_sets(
                self.con,
                self.athlete,
                activity_id,
                body,
                sets,
                fetched_at=self.clock(),
                set_aside=self.quarantined_keys,
            )
            self.report.exercise_sets_reread += 1
            self.done(f"sets of activity {activity_id} read again")

    # --- wellness ---

    def wellness(self, plan: PullPlan) -> None:
        final = store.final_wellness(self.con, self.athlete, plan.wellness_from, plan.through)
        for day in days_between(plan.wellness_from, plan.through):
            answers: list[WellnessAnswer] = []
            try:
                for endpoint in WELLNESS_ENDPOINTS:
                    if (endpoint, day) in final:
                        self.report.wellness_final += 1
                        continue
                    answer = self.wellness_answer(endpoint, day)
                    if answer is not None:
                        answers.append(answer)
            finally:
                # what this day got is kept even when the pull stops half-way through it
                if answers:
                    self.keep_day(day, answers)
            if answers:
                self.done(f"wellness {day}")

    def wellness_answer(self, endpoint: WellnessEndpoint, day: dt.date) -> WellnessAnswer | None:
        key = day.isoformat()
        try:
            body = self.session.wellness(endpoint, day)
        except ItemNotFound:
            body = {}
        except (ItemRefused, MalformedResponse) as exc:
            self.set_aside(Quarantined(endpoint, key, type(exc).__name__, str(exc), exc.text, day))
            return None
        try:
            rows = parse_wellness(endpoint, day, body)
        except MalformedItem as exc:
            self.set_aside(
                Quarantined(endpoint, key, "MalformedItem", str(exc), json.dumps(body), day)
            )
            return None
        return WellnessAnswer(endpoint, body, rows)

    def keep_day(self, day: dt.date, answers: list[WellnessAnswer]) -> None:
        stored = store.record_wellness_day(
            self.con,
            self.athlete,
            day,
            answers,
            fetched_at=self.clock(),
            set_aside=self.quarantined_keys,
        )
        for answer in stored:
            if answer.rows:
                self.report.wellness_with_data += 1
                self.report.wellness_days.add(day)
            else:
                self.report.wellness_no_data += 1


def _stop(report: GarminSyncReport, exc: TransientSourceError) -> None:
    report.stopped = "rate_limited" if isinstance(exc, GarminRateLimited) else "unavailable"
    report.message = str(exc)
    log.info("Garmin Connect pull stopped early: %s", exc)


def pull_garmin(
    con: duckdb.DuckDBPyConnection,
    session: ConnectSession,
    *,
    athlete: str,
    warehouse_dir: Path,
    today: dt.date,
    since: dt.date | None = None,
    progress: Progress | None = None,
    clock: Clock = store.utc_now,
) -> GarminSyncReport:
    """Pull what is new for `athlete` into an open warehouse, through a resumed session.

    A 429 or an outage ends the pull early but cleanly: the report says so (`stopped`) and
    everything fetched before is kept. An expired login raises `AuthError`. Anything else
    (a crash) propagates; what was committed stays committed.
    """
    report = GarminSyncReport(athlete=athlete, started_at=clock(), since=since)
    plan = plan_pull(
        today=today,
        since=since,
        newest_activity_local=store.newest_activity_start(con, athlete),
        newest_wellness=store.newest_wellness_date(con, athlete),
    )
    report.activities_from, report.wellness_from, report.through = (
        plan.activities_from,
        plan.wellness_from,
        plan.through,
    )
    pull = _Pull(con, session, report, warehouse_dir=warehouse_dir, progress=progress, clock=clock)
    requests_before = session.requests

    def finish() -> None:
        report.requests = session.requests - requests_before
        report.finished_at = clock()
        store.record_run(con, report.as_run_row())

    sets_again = store.sets_to_read_again(con, athlete, clock())
    try:
        pull.activities(plan)
        pull.sets_again(sets_again)
        pull.wellness(plan)
    except TransientSourceError as exc:
        _stop(report, exc)
    except AuthError as exc:
        report.stopped, report.message = "login", str(exc)
        finish()
        raise
    finish()
    log.info("%s", report.summary_line())
    return report


def athlete_today(settings: Settings, session: ConnectSession) -> dt.date:
    """Today on the athlete's calendar: the configured time zone, else Garmin's profile."""
    if settings.timezone:
        return dt.datetime.now(ZoneInfo(settings.timezone)).date()
    return session.garmin.today()


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
    login must be renewed (`runlift login`), `WarehouseBusyError` when another process holds
    the warehouse; a 429 or an outage ends in a report with `stopped` set.
    """
    if since is not None and today is not None and since > today:
        raise ConfigError(f"--since {since} is in the future; give a date on or before {today}")
    spacing = (
        spacing_s
        if spacing_s is not None
        else (BACKFILL_SPACING_S if since is not None else NIGHTLY_SPACING_S)
    )
    command = "runlift sync --garmin" + (f" --since {since}" if since else "")
    with open_writer(settings.warehouse, timeout_s=settings.lock_timeout_s, command=command) as con:
        upsert_athlete(con, settings.athlete, settings.timezone)
        report: GarminSyncReport | None = None
        try:
            with open_session(
                settings.token_dir,
                timeout_s=settings.lock_timeout_s,
                garmin_factory=garmin_factory,
                spacing_s=spacing,
                sleep=sleep,
                command=command,
            ) as session:
                day = today or athlete_today(settings, session)
                report = pull_garmin(
                    con,
                    session,
                    athlete=settings.athlete,
                    warehouse_dir=settings.warehouse_dir,
                    today=day,
                    since=since,
                    progress=progress,
                    clock=clock,
                )
            report.tokens_saved = session.tokens_saved
        except TransientSourceError as exc:
            if report is not None:
                raise
            # the login could not even be resumed (429 / outage at Garmin's end)
            report = GarminSyncReport(athlete=settings.athlete, started_at=clock(), since=since)
            _stop(report, exc)
            report.finished_at = clock()
            store.record_run(con, report.as_run_row())
        return report
