"""The plain functions the flows' tasks wrap: pull a source, import with a decoder, refresh.

No Prefect here: every step runs, and is tested, without the engine. Expected failures (a
folder gone, a login expired, the warehouse busy) come back as a failed `SourceOutcome` with
the reason, so one source never stops the others; anything else is a bug and raises.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines.sources import SHOWN_OUTCOMES, SourceOutcome, SourceSpec
from runlift_sync.coach.plan_render import render_md
from runlift_sync.coach.service import PlannedWeek, plan_athlete_overrides, plan_next_week
from runlift_sync.coach.week_store import WeekNotAccepted
from runlift_sync.config import Settings
from runlift_sync.db import open_writer
from runlift_sync.db.file_loader import upsert_athlete
from runlift_sync.errors import RunliftError, TransientSourceError, WarehouseBusyError
from runlift_sync.ingest import Decoder, ImportSummary, Progress, import_files, import_paths
from runlift_sync.model import RefreshReport, refresh_marts
from runlift_sync.private_files import write_private
from runlift_sync.review.review_file import review_path_for, review_week
from runlift_sync.sources import SourceFile, discover
from runlift_sync.sources.garmin_connect.failures import GarminBlocked, GarminRateLimited
from runlift_sync.sources.garmin_connect.report import GarminSyncReport

if TYPE_CHECKING:  # garminconnect is imported only when Garmin is pulled or pushed to
    from runlift_sync.push.push_week import PushOutcome

log = logging.getLogger(__name__)

SYNC_COMMAND = "runlift sync"
#: Tries after the first, and the wait before each (seconds), of a step that failed for a
#: reason that may go away (the network, the warehouse busy).
RETRIES = 2
RETRY_DELAYS_S = [120, 600]


def is_retryable(exc: BaseException) -> bool:
    """A failure that may be gone in a few minutes: the network, or another runlift writing.

    Never a rate limit (Garmin's 429 means "not tonight"), a block (Garmin's 403), or a bad
    file.
    """
    if isinstance(exc, GarminRateLimited | GarminBlocked):
        return False
    return isinstance(exc, TransientSourceError | WarehouseBusyError)


def sync_garmin(settings: Settings, since: dt.date | None) -> GarminSyncReport:
    """Pull Garmin Connect (garminconnect is imported only when Garmin is a source)."""
    from runlift_sync.garmin_sync import sync_garmin as pull

    return pull(settings, since)


def failed(spec: SourceSpec, exc: RunliftError, started: float) -> SourceOutcome:
    return SourceOutcome(
        spec.label,
        "failed",
        str(exc),
        seconds=time.perf_counter() - started,
        error_class=type(exc).__name__,
        retryable=is_retryable(exc),
    )


def outcome_of_import(spec: SourceSpec, summary: ImportSummary) -> SourceOutcome:
    """An import's summary as a source outcome; unreadable files make it incomplete."""
    counts = summary.counts
    unreadable = counts.get("unreadable", 0)
    return SourceOutcome(
        spec.label,
        "incomplete" if unreadable else "ok",
        f"{unreadable} file(s) could not be read; the next sync tries again" if unreadable else "",
        files=counts,
        n_records=summary.n_records,
        seconds=summary.seconds,
    )


def outcome_of_garmin(spec: SourceSpec, report: GarminSyncReport) -> SourceOutcome:
    """A Garmin Connect pull as a source outcome: incomplete unless the night was ok (a stop,
    items set aside, originals pending, a backfill left: `GarminSyncReport.ok`).

    An outage (Garmin unreachable after the library's retries) is worth another try in a few
    minutes; a rate limit or a block is not (Garmin asks us to come back later).
    """
    line = report.summary_line()
    prefix = "garmin_connect: "
    return SourceOutcome(
        spec.label,
        "ok" if report.ok else "incomplete",
        line[len(prefix) :] if line.startswith(prefix) else line,
        files=report.files,
        seconds=report.seconds,
        retryable=report.stopped == "unavailable",
        counted_in_message=True,
        detail=report,
    )


def pull_source(
    settings: Settings,
    spec: SourceSpec,
    *,
    progress: Progress | None = None,
    on_start: Callable[[int], None] | None = None,
) -> SourceOutcome:
    """Pull one source into the warehouse: a watch or folder (import), or Garmin Connect."""
    started = time.perf_counter()
    if spec.absent is not None:
        return SourceOutcome(spec.label, "skipped", spec.absent)
    try:
        if spec.kind == "garmin_connect":
            since = dt.date.fromisoformat(spec.since) if spec.since else None
            return outcome_of_garmin(spec, sync_garmin(settings, since))
        assert spec.path is not None
        summary = import_paths(
            settings,
            [Path(spec.path)],
            progress=progress,
            on_start=on_start,
            command=SYNC_COMMAND,
        )
        return outcome_of_import(spec, summary)
    except RunliftError as exc:  # the flow logs the outcome
        return failed(spec, exc, started)


def discover_files(paths: list[str]) -> list[SourceFile]:
    """Every FIT file under `paths` (folders, zips, watch mounts), in a stable order."""
    return list(discover([Path(p).expanduser() for p in paths]))


def import_with(
    settings: Settings,
    files: list[SourceFile],
    decoder: Decoder,
    *,
    progress: Progress | None = None,
    command: str = "runlift backfill",
) -> ImportSummary:
    """Import `files` through one writer, decoding on `decoder` (a task runner's workers)."""
    with open_writer(settings.warehouse, timeout_s=settings.lock_timeout_s, command=command) as con:
        upsert_athlete(con, settings.athlete, settings.timezone)
        return import_files(
            con,
            files,
            athlete=settings.athlete,
            warehouse_dir=settings.warehouse_dir,
            progress=progress,
            decoder=decoder,
        )


def refresh_model(settings: Settings, *, command: str = SYNC_COMMAND) -> RefreshReport:
    """Recompute the training model's marts for the settings' athlete, with the `[athlete]`
    landmarks of the configured plan file over the config's (as the plan step models them):
    one refresh serves the night's marts and its plan. A plan file that cannot be read is
    left to the plan step to report; the marts then use the config alone."""
    try:
        overrides = plan_athlete_overrides(settings)
    except RunliftError as exc:
        log.warning("the plan file's [athlete] section is not used for the marts: %s", exc)
        overrides = {}
    with open_writer(
        settings.warehouse, timeout_s=settings.lock_timeout_s, command=f"{command} (marts)"
    ) as con:
        return refresh_marts(con, settings, athlete_overrides=overrides)


def adjust_plan(
    settings: Settings, *, refresh: bool = True, command: str = SYNC_COMMAND
) -> PlannedWeek | None:
    """Next week's plan from the `[coach] plan` file, stored in the warehouse and written
    beside the plan file for review: Markdown (`<plan>.next.md`) and the review page
    (`<plan>.review.html`); None when no plan file is configured.

    `refresh`: refresh the marts first (with the plan's `[athlete]` landmarks); a night whose
    marts step just did (`refresh_model`) passes False and the marts are read as they are."""
    if settings.plan_path is None:
        return None
    with open_writer(
        settings.warehouse, timeout_s=settings.lock_timeout_s, command=f"{command} (plan)"
    ) as con:
        planned = plan_next_week(con, settings, refresh=refresh)
        review_week(
            con,
            settings,
            planned.plan_path,
            week_start=planned.week.week_start,
            out=review_page_path(planned),
        )
    write_private(review_path(planned), render_md(planned.week))
    return planned


def review_path(planned: PlannedWeek) -> Path:
    """Where the adjusted week is written for review: `<plan>.next.md` beside the plan."""
    return planned.plan_path.with_name(f"{planned.plan_path.stem}.next.md")


def review_page_path(planned: PlannedWeek) -> Path:
    """Where the week's review page goes: `<plan>.review.html` beside the plan."""
    return review_path_for(planned.plan_path, planned.plan_path.parent, planned.week.week_start)


def plan_line(planned: PlannedWeek | None) -> str:
    """One line for the log and the flow's message."""
    if planned is None:
        return "no plan file ([coach] plan in the config file): nothing to adjust"
    week = planned.week
    rules = sorted({c.rule for c in week.changes})
    why = f": {', '.join(rules)}" if rules else ""
    return (
        f"week of {week.week_start}: {week.planned_km:g} km (plan {planned.template_km:g}), "
        f"{len(week.changes)} change(s){why}; review {review_page_path(planned)}"
    )


def refresh_line(report: RefreshReport) -> str:
    """One line for the log and the flow's message."""
    rows = sum(sum(a.rows.values()) for a in report.athletes)
    marts = max((len(a.rows) for a in report.athletes), default=0)
    line = f"{marts} marts, {rows:,} rows ({report.seconds:.1f} s)"
    if report.failed_checks:
        line += "; checks failed: " + ", ".join(
            f"{name} ({count} rows)" for name, count in report.failed_checks.items()
        )
    return line


def backfill_line(summary: ImportSummary, marts: RefreshReport | None) -> str:
    """A backfill's final message: the import, and the marts when they were refreshed."""
    line = import_line(summary)
    return line if marts is None else f"{line}; marts: {refresh_line(marts)}"


def import_line(summary: ImportSummary) -> str:
    """One line: what an import did, with its throughput."""
    counts = summary.counts
    parts = [f"{counts.get(k, 0):,} {label}" for k, label in SHOWN_OUTCOMES if counts.get(k)]
    known = counts.get("already_had", 0) + counts.get("already_quarantined", 0)
    if known:
        parts.append(f"{known:,} already had")
    rate = summary.n_records / summary.seconds if summary.seconds else 0.0
    readers = summary.readers
    read = (
        "; read by " + ", ".join(f"{name} {n:,}" for name, n in readers.most_common())
        if readers
        else ""
    )
    return (
        f"{len(summary.outcomes):,} files: {', '.join(parts) or 'nothing'}; "
        f"{summary.n_records:,} records in {summary.seconds:.1f} s ({rate:,.0f} records/s)"
        f"{read}"
    )


def push_planned_week(settings: Settings) -> PushOutcome | None:
    """Push the accepted week where `[coach] push` says (None: the config asks for no push).

    A watch that is not plugged in tonight is no failure: the watch is left out (the calendar
    and Garmin Connect still get the week) and the line says so.
    """
    from runlift_sync.push.push_week import PushOutcome, PushRequest, push_week
    from runlift_sync.sources.usb_watch import find_mounts

    targets = settings.config.coach.push
    if not targets:
        return None
    watch = settings.config.sources.watch or "auto"
    unplugged = "watch" in targets and watch == "auto" and not find_mounts()
    request = PushRequest(
        proposed=False,
        watch=watch if "watch" in targets and not unplugged else None,
        garmin="garmin" in targets,
        ics=settings.push_ics_path if "ics" in targets else None,
    )
    if not request.targets:
        return PushOutcome(notes=["watch: not plugged in tonight; nothing else to push"])
    try:
        outcome = push_week(settings, request, echo=lambda _: None)
    except WeekNotAccepted as exc:  # accepted weeks only: not accepted yet is no failure
        return PushOutcome(
            week_start=exc.week_start,
            notes=[
                f"not accepted yet, nothing pushed (`runlift plan accept --week-start {exc.week_start}`)"
            ],
        )
    if unplugged:
        outcome.notes.append("watch: not plugged in tonight; push again with it plugged in")
    return outcome


def push_line(outcome: PushOutcome | None) -> str:
    """One line for the log and the flow's message."""
    if outcome is None:
        return "nothing to push ([coach] push in the config file)"
    parts = [r.summary_line() for r in outcome.reports] + outcome.notes
    return (
        f"week of {outcome.week_start}: " + "; ".join(parts)
        if outcome.week_start
        else "; ".join(parts)
    )
