"""`runlift plan push --garmin`: the week into Garmin Connect's workouts and calendar, idempotent.

Each session is compared with its `pushed_workouts` row (target `garmin`):

| the session since the last push | what is sent to Garmin Connect                        |
|---------------------------------|-------------------------------------------------------|
| never pushed                    | upload the workout, schedule it on its date            |
| unchanged (same content, date)  | nothing — not one request                              |
| changed (content)               | update the workout in place (same id, same schedule)   |
| moved (date)                    | reschedule the calendar entry (updated first if changed) |
| removed by the coach            | unschedule it, delete the workout                      |
| uploaded, not yet scheduled     | schedule it (a push stopped between the two)           |
| deleted in Connect by the user  | upload and schedule it again                           |

Every step is recorded the moment Garmin confirmed it, so a push stopped by a rate limit
(HTTP 429) or an outage resumes where it stopped the next time. The login, the token store,
and what 429/401/5xx mean are the sync's (`garmin_connect.client.open_session`); the write
calls of garminconnect do not translate HTTP errors as its read calls do, so `_written`
gives 429 and 401 their library exceptions before the sync's mapping sees them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import duckdb
from garminconnect import (
    GarminConnectAuthenticationError,
    GarminConnectConnectionError,
    GarminConnectNotFoundError,
    GarminConnectTooManyRequestsError,
)

from runlift_sync.errors import AuthError, TransientSourceError
from runlift_sync.push.garmin_workout_payload import workout_payload
from runlift_sync.push.push_report import TargetReport, compare, fate_of
from runlift_sync.push.pushed_store import PushedWorkout, forget, pushed_for_week, record, utc_now
from runlift_sync.push.week_to_push import PushItem
from runlift_sync.sources.garmin_connect.client import (
    ConnectSession,
    ItemNotFound,
    ItemRefused,
    status_of,
)

WHERE = "Garmin Connect workouts and calendar"


def _written(call: Callable[[], Any]) -> Callable[[], Any]:
    """`call` with 429/401 of a write request raised as garminconnect's own exceptions."""

    def run() -> Any:
        try:
            return call()
        except GarminConnectNotFoundError:
            raise
        except GarminConnectConnectionError as exc:
            status = status_of(exc)
            if status == 429:
                raise GarminConnectTooManyRequestsError(str(exc)) from exc
            if status == 401:
                raise GarminConnectAuthenticationError(str(exc)) from exc
            raise

    return run


class WorkoutCalls:
    """The write calls of a push, through the sync's session (paced, counted, translated)."""

    def __init__(self, session: ConnectSession) -> None:
        self.session = session

    def _do(self, what: str, call: Callable[[], Any]) -> Any:
        # the sync's own pacing, counting and 429/403/401/5xx mapping (ConnectSession.call)
        return self.session.call(what, _written(call))

    def upload(self, payload: dict[str, Any]) -> str:
        garmin = self.session.garmin
        body = self._do(
            f"uploading {payload['workoutName']!r}", lambda: garmin.upload_workout(payload)
        )
        workout_id = body.get("workoutId") if isinstance(body, dict) else None
        if workout_id is None:
            raise ItemRefused(
                f"uploading {payload['workoutName']!r}: Garmin Connect answered without a "
                "workoutId",
                status=None,
                text=json.dumps(body)[:500],
            )
        return str(workout_id)

    def update(self, workout_id: str, payload: dict[str, Any]) -> None:
        garmin = self.session.garmin
        self._do(
            f"updating workout {workout_id}", lambda: garmin.update_workout(workout_id, payload)
        )

    def schedule(self, workout_id: str, day: dt.date) -> str | None:
        garmin = self.session.garmin
        body = self._do(
            f"scheduling workout {workout_id} on {day}",
            lambda: garmin.schedule_workout(workout_id, day.isoformat()),
        )
        return schedule_id_of(body)

    def reschedule(self, schedule_id: str, day: dt.date) -> None:
        garmin = self.session.garmin
        self._do(
            f"moving calendar entry {schedule_id} to {day}",
            lambda: garmin.reschedule_workout(schedule_id, day.isoformat()),
        )

    def unschedule(self, schedule_id: str) -> None:
        garmin = self.session.garmin
        self._do(
            f"removing calendar entry {schedule_id}",
            lambda: garmin.unschedule_workout(schedule_id),
        )

    def delete(self, workout_id: str) -> None:
        garmin = self.session.garmin
        self._do(f"deleting workout {workout_id}", lambda: garmin.delete_workout(workout_id))


def schedule_id_of(body: Any) -> str | None:
    """The calendar entry's id in the answer to a schedule request."""
    if not isinstance(body, dict):
        return None
    for key in ("workoutScheduleId", "scheduleId", "id"):
        if body.get(key) is not None:
            return str(body[key])
    return None


def _row(
    athlete: str,
    item: PushItem,
    week_start: dt.date,
    workout_id: str,
    schedule_id: str | None,
    scheduled: dt.date | None,
    sequence: int,
) -> PushedWorkout:
    assert item.workout is not None
    return PushedWorkout(
        athlete,
        item.key,
        "garmin",
        week_start,
        workout_id,
        schedule_id,
        scheduled,
        item.workout.content_hash(),
        sequence,
        item.workout.name,
        utc_now(),
    )


def _push_one(
    con: duckdb.DuckDBPyConnection,
    calls: WorkoutCalls,
    athlete: str,
    week_start: dt.date,
    item: PushItem,
    old: PushedWorkout | None,
) -> None:
    """Bring Connect in line with one session, recording each confirmed step."""
    assert item.workout is not None
    payload = workout_payload(item.workout, item.changes)
    changed, _ = compare(item, old)
    workout_id = old.workout_id if old is not None else None
    schedule_id = old.schedule_id if old is not None else None
    sequence = old.sequence if old is not None else 0
    day = item.session.date
    if workout_id is not None and changed:
        try:
            calls.update(workout_id, payload)
            sequence += 1
        except ItemNotFound:  # deleted in Connect by the user: upload it again
            workout_id, schedule_id = None, None
    if workout_id is None:
        workout_id = calls.upload(payload)
        schedule_id = None
        record(con, _row(athlete, item, week_start, workout_id, None, None, sequence))
    if schedule_id is not None and (old is None or old.scheduled_date != day):
        try:
            calls.reschedule(schedule_id, day)
        except ItemNotFound:  # the calendar entry was removed in Connect
            schedule_id = None
    if schedule_id is None:
        schedule_id = calls.schedule(workout_id, day)
    record(con, _row(athlete, item, week_start, workout_id, schedule_id, day, sequence))


def _remove(con: duckdb.DuckDBPyConnection, calls: WorkoutCalls, old: PushedWorkout) -> None:
    if old.schedule_id is not None:
        try:
            calls.unschedule(old.schedule_id)
        except ItemNotFound:
            pass  # already gone from the calendar
    if old.workout_id is not None:
        try:
            calls.delete(old.workout_id)
        except ItemNotFound:
            pass  # already deleted in Connect
    forget(con, old.athlete, "garmin", old.session_key)


def planned_actions(
    items: list[PushItem], before: dict[str, PushedWorkout]
) -> list[tuple[str, PushItem | PushedWorkout]]:
    """What a push would do, in order: (fate, session or removed row)."""
    left = dict(before)
    actions: list[tuple[str, PushItem | PushedWorkout]] = []
    for item in items:
        if item.workout is None:
            actions.append(("skipped", item))
            continue
        old = left.pop(item.key, None)
        changed, moved = compare(item, old)
        if old is not None and old.scheduled_date is None:
            moved = True  # uploaded but never scheduled: schedule it now
        actions.append((fate_of(changed, moved, old), item))
    actions.extend(("removed", old) for old in left.values())
    return actions


def push_garmin(
    con: duckdb.DuckDBPyConnection,
    calls: WorkoutCalls | None,
    *,
    athlete: str,
    week_start: dt.date,
    items: list[PushItem],
    echo: Callable[[str], None] = print,
) -> TargetReport:
    """Push the week; `calls` None is a dry run: the payloads are printed, nothing is sent."""
    report = TargetReport("garmin", WHERE, dry_run=calls is None)
    before = pushed_for_week(con, athlete, "garmin", week_start)
    for fate, subject in planned_actions(items, before):
        if calls is None:
            report.count(fate)  # type: ignore[arg-type]
            _echo_dry_run(echo, fate, subject)
            continue
        if fate in ("skipped", "unchanged"):
            report.count(fate)  # type: ignore[arg-type]
            continue
        try:
            if isinstance(subject, PushedWorkout):
                _remove(con, calls, subject)
            else:
                _push_one(con, calls, athlete, week_start, subject, before.get(subject.key))
            report.count(fate)  # type: ignore[arg-type]
        except ItemRefused as exc:
            report.count("failed")
            report.notes.append(str(exc))
        except TransientSourceError as exc:  # 429, 5xx, network: the rest waits for next time
            said = str(exc).split(";")[0]
            report.error = f"{said}; what was pushed is kept and the next push resumes from there"
            break
        except AuthError as exc:
            report.error = str(exc)
            break
    return report


def _echo_dry_run(
    echo: Callable[[str], None], fate: str, subject: PushItem | PushedWorkout
) -> None:
    if isinstance(subject, PushedWorkout):
        echo(f"# {fate}: {subject.name} (workout {subject.workout_id}): unschedule and delete")
        return
    if subject.workout is None:
        echo(f"# skipped: {subject.skipped}")
        return
    echo(f"# {fate}: {subject.workout.name} on {subject.session.date} ({subject.key})")
    if fate != "unchanged":
        echo(
            json.dumps(
                workout_payload(subject.workout, subject.changes), indent=2, ensure_ascii=False
            )
        )
