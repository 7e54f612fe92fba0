"""Which week is pushed, each session's stable key, and why the coach changed it (pure + one read).

A session keeps its key from one planning of the week to the next, so a target can tell an
unchanged session from a changed, moved, added or removed one: the key is that of the
template session it came from (the plan file's week, paired with the adjusted week as
`runlift plan diff` pairs them), e.g. `2026-11-23/tue-am-run-intervals`. Turned into an easy
run, moved to Wednesday: still the same key. A session the coach added has a key of its own
(`…/added-wed-any-run-easy`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from rules import Session
from runlift_sync.coach.diff import diff_week
from runlift_sync.coach.week_store import StoredWeek, week_to_follow
from runlift_sync.errors import WarehouseError
from runlift_sync.push.structured_workout import (
    LiftLandmarks,
    RunLandmarks,
    SessionNotPushable,
    StructuredWorkout,
    build_workout,
)


@dataclass(frozen=True)
class KeyedSession:
    """A session of the adjusted week with its key and what changed (for a person)."""

    key: str
    session: Session
    changes: tuple[str, ...]


def load_week_to_push(
    con: duckdb.DuckDBPyConnection,
    athlete: str,
    week_start: dt.date | None,
    *,
    proposed: bool,
) -> StoredWeek:
    """The week to push: the accepted one (`runlift plan accept`), or with `proposed` the
    coach's proposal — `week_to_follow`, the one place that chooses the version. A week not
    accepted yet is a `WeekNotAccepted` error saying how to accept it."""
    try:
        return week_to_follow(con, athlete, week_start, proposed=proposed)
    except duckdb.CatalogException as exc:
        raise WarehouseError(
            "this warehouse has no stored plans yet; run `runlift plan next --plan PLAN.toml`"
        ) from exc


def _key_part(session: Session) -> str:
    return f"{session.day}-{session.slot or 'any'}-{session.kind}-{session.type or 'none'}"


def keyed_sessions(
    week_start: dt.date,
    template: tuple[Session, ...],
    adjusted: tuple[Session, ...],
    change_messages: tuple[str, ...] = (),
) -> list[KeyedSession]:
    """The adjusted sessions in order, each with its stable key and its reasons."""
    keys: dict[int, str] = {}
    details: dict[int, list[str]] = {}
    for row in diff_week(template, adjusted):
        if row.after is None:
            continue
        index = next(i for i, s in enumerate(adjusted) if s is row.after and i not in keys)
        base = _key_part(row.before) if row.before is not None else f"added-{_key_part(row.after)}"
        key = f"{week_start.isoformat()}/{base}"
        taken = set(keys.values())
        if key in taken:
            n = 2
            while f"{key}#{n}" in taken:
                n += 1
            key = f"{key}#{n}"
        keys[index] = key
        notes = []
        if row.kind != "same" and row.detail:
            notes.append(f"{row.kind}: {row.detail}")
        labels = {row.after.label()} | ({row.before.label()} if row.before else set())
        notes.extend(m for m in change_messages if any(label in m for label in labels))
        details[index] = notes
    return [KeyedSession(keys[i], session, tuple(details[i])) for i, session in enumerate(adjusted)]


def week_sessions(stored: StoredWeek) -> list[KeyedSession]:
    """The stored week's sessions with their keys and the coach's reasons."""
    messages = tuple(f"{c['rule']}: {c['message']}" for c in stored.adjusted.get("changes", []))
    return keyed_sessions(stored.week_start, stored.template, stored.sessions, messages)


@dataclass(frozen=True)
class PushItem:
    """A session of the week as every target sees it: a workout, or why there is none."""

    key: str
    session: Session
    changes: tuple[str, ...]
    workout: StructuredWorkout | None
    skipped: str | None = None


def prepare_week(
    sessions: list[KeyedSession], runs: RunLandmarks, lifts: LiftLandmarks
) -> list[PushItem]:
    """Each session built into its structured workout (rest days skipped, with the reason)."""
    items = []
    for keyed in sessions:
        try:
            workout = build_workout(keyed.session, runs, lifts)
        except SessionNotPushable as exc:
            items.append(PushItem(keyed.key, keyed.session, keyed.changes, None, str(exc)))
            continue
        items.append(PushItem(keyed.key, keyed.session, keyed.changes, workout))
    return items
