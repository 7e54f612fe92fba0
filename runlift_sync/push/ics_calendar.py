"""The week as an iCalendar file (`runlift plan push --ics FILE`), for any calendar app.

One event per session: timed when the session has a slot (am at `AM_START`, pm at
`PM_START`, in the athlete's time zone, lasting the workout's estimated time), else all-day.
The UID is the session's key, so importing an updated file updates events instead of
duplicating them; SEQUENCE is raised each time a session changes or moves; a session the coach
removed comes back once more as a cancelled event. DESCRIPTION holds the steps and the
reasons for the changes. Events of other weeks already in the file are kept as they were.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import icalendar

from runlift_sync.errors import ConfigError
from runlift_sync.private_files import write_private
from runlift_sync.push.push_report import TargetReport, compare, fate_of
from runlift_sync.push.pushed_store import (
    CANCELLED,
    PushedWorkout,
    pushed_for_week,
    record,
    utc_now,
)
from runlift_sync.push.structured_workout import StructuredWorkout
from runlift_sync.push.week_to_push import PushItem

AM_START = dt.time(7, 0)
PM_START = dt.time(18, 0)
PRODID = "-//runlift//plan push//EN"
UID_DOMAIN = "runlift"


def event_uid(athlete: str, key: str) -> str:
    """Stable across pushes: the athlete and the session key."""
    return f"{key}.{athlete}@{UID_DOMAIN}".replace(" ", "_")


@dataclass(frozen=True)
class CalendarEvent:
    """One event to write: a session's workout, or the cancellation of a removed one."""

    uid: str
    sequence: int
    day: dt.date
    summary: str
    slot: str | None = None
    seconds: int = 0
    description: str = ""
    cancelled: bool = False


def describe(item: PushItem) -> str:
    """The steps, what to know, and why the coach changed the session."""
    workout = item.workout
    assert workout is not None
    lines = [*workout.lines()]
    if workout.notes:
        lines += ["", *(f"Note: {n}" for n in workout.notes)]
    if item.changes:
        lines += ["", "Why it changed:", *(f"- {c}" for c in item.changes)]
    return "\n".join(lines)


def _start(event: CalendarEvent, zone: ZoneInfo | None) -> dt.date | dt.datetime:
    if event.slot not in ("am", "pm") or event.cancelled:
        return event.day
    clock = AM_START if event.slot == "am" else PM_START
    return dt.datetime.combine(event.day, clock, tzinfo=zone)


def _vevent(event: CalendarEvent, zone: ZoneInfo | None, stamp: dt.datetime) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("sequence", event.sequence)
    vevent.add("summary", event.summary)
    start = _start(event, zone)
    vevent.add("dtstart", start)
    if isinstance(start, dt.datetime):
        vevent.add("dtend", start + dt.timedelta(seconds=max(event.seconds, 15 * 60)))
    else:
        vevent.add("dtend", start + dt.timedelta(days=1))
    if event.description:
        vevent.add("description", event.description)
    vevent.add("categories", ["Training"])
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    return vevent


def render_calendar(
    events: list[CalendarEvent],
    *,
    timezone: str | None,
    keep: list[icalendar.Event] | None = None,
    stamp: dt.datetime | None = None,
) -> bytes:
    """The iCalendar bytes: `keep` (events of other weeks) then `events`."""
    zone = ZoneInfo(timezone) if timezone else None
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "runlift training")
    for old in keep or []:
        calendar.add_component(old)
    for event in events:
        calendar.add_component(_vevent(event, zone, stamp))
    if zone is not None:
        calendar.add_missing_timezones()
    return calendar.to_ical()


def events_of_other_weeks(path: Path, week_start: dt.date) -> list[icalendar.Event]:
    """Events already in `path` that belong to other weeks (kept when the week is rewritten)."""
    if not path.exists():
        return []
    try:
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
    except ValueError as exc:
        raise ConfigError(
            f"{path} is not an iCalendar file runlift can read ({exc}); choose another --ics "
            "file or remove it"
        ) from exc
    prefix = f"{week_start.isoformat()}/"
    return [
        event
        for event in calendar.walk("VEVENT")
        if not str(event.get("uid", "")).startswith(prefix)
    ]


def _event(athlete: str, item: PushItem, sequence: int, easy_pace: float | None) -> CalendarEvent:
    workout: StructuredWorkout = item.workout  # type: ignore[assignment]
    seconds = workout.estimated_s(easy_pace) if easy_pace else workout.estimated_s()
    return CalendarEvent(
        uid=event_uid(athlete, item.key),
        sequence=sequence,
        day=item.session.date,
        summary=workout.name,
        slot=item.session.slot,
        seconds=seconds,
        description=describe(item),
    )


def push_ics(
    con: duckdb.DuckDBPyConnection,
    *,
    athlete: str,
    week_start: dt.date,
    items: list[PushItem],
    path: Path,
    timezone: str | None,
    easy_pace_s_per_km: float | None,
    dry_run: bool,
) -> TargetReport:
    """Write (or rewrite) the week's events into `path`, raising SEQUENCE where changed."""
    report = TargetReport("ics", str(path), dry_run=dry_run)
    before = pushed_for_week(con, athlete, "ics", week_start)
    events: list[CalendarEvent] = []
    rows: list[PushedWorkout] = []
    now = utc_now()
    for item in items:
        if item.workout is None:
            report.count("skipped")
            continue
        old = before.pop(item.key, None)
        changed, moved = compare(item, old)
        sequence = 0 if old is None else old.sequence + (1 if changed or moved else 0)
        report.count(fate_of(changed, moved, old))
        events.append(_event(athlete, item, sequence, easy_pace_s_per_km))
        rows.append(
            PushedWorkout(
                athlete,
                item.key,
                "ics",
                week_start,
                event_uid(athlete, item.key),
                None,
                item.session.date,
                item.workout.content_hash(),
                sequence,
                item.workout.name,
                now,
            )
        )
    for key, old in before.items():  # removed by the coach: cancel the event once more
        sequence = old.sequence + (0 if old.content_hash == CANCELLED else 1)
        if old.content_hash != CANCELLED:
            report.count("removed")
        events.append(
            CalendarEvent(
                uid=event_uid(athlete, key),
                sequence=sequence,
                day=old.scheduled_date or week_start,
                summary=f"Cancelled: {old.name or key}",
                cancelled=True,
            )
        )
        rows.append(
            PushedWorkout(
                athlete,
                key,
                "ics",
                week_start,
                old.workout_id,
                None,
                old.scheduled_date,
                CANCELLED,
                sequence,
                old.name,
                now,
            )
        )
    data = render_calendar(events, timezone=timezone, keep=events_of_other_weeks(path, week_start))
    if dry_run:
        return report
    write_private(path, data)
    for row in rows:
        record(con, row)
    return report
