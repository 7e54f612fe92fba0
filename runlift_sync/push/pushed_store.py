"""The `pushed_workouts` table: what was pushed where, one row per session and target.

Every row is written (or deleted) by one statement right after the action it records
succeeded, so a push stopped half-way (Garmin's 429, a pulled cable) leaves a table that
tells the next push exactly what is already done.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import duckdb

Target = Literal["garmin", "ics", "fit", "watch"]
CANCELLED = "cancelled"


@dataclass(frozen=True)
class PushedWorkout:
    """One row of `pushed_workouts`."""

    athlete: str
    session_key: str
    target: Target
    week_start: dt.date
    workout_id: str | None
    schedule_id: str | None
    scheduled_date: dt.date | None
    content_hash: str
    sequence: int
    name: str | None
    pushed_at: dt.datetime


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def pushed_for_week(
    con: duckdb.DuckDBPyConnection, athlete: str, target: Target, week_start: dt.date
) -> dict[str, PushedWorkout]:
    """The rows of one week and target, by session key."""
    rows = con.execute(
        "SELECT athlete, session_key, target, week_start, workout_id, schedule_id, "
        "scheduled_date, content_hash, sequence, name, pushed_at FROM pushed_workouts "
        "WHERE athlete = ? AND target = ? AND week_start = ? ORDER BY session_key",
        [athlete, target, week_start],
    ).fetchall()
    return {row[1]: PushedWorkout(*row) for row in rows}


def record(con: duckdb.DuckDBPyConnection, row: PushedWorkout) -> None:
    """Insert or replace the row of (athlete, target, session key)."""
    con.execute(
        "INSERT OR REPLACE INTO pushed_workouts (athlete, session_key, target, week_start, "
        "workout_id, schedule_id, scheduled_date, content_hash, sequence, name, pushed_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            row.athlete,
            row.session_key,
            row.target,
            row.week_start,
            row.workout_id,
            row.schedule_id,
            row.scheduled_date,
            row.content_hash,
            row.sequence,
            row.name,
            row.pushed_at,
        ],
    )


def forget(con: duckdb.DuckDBPyConnection, athlete: str, target: Target, session_key: str) -> None:
    """Delete the row of a session that is gone from the target."""
    con.execute(
        "DELETE FROM pushed_workouts WHERE athlete = ? AND target = ? AND session_key = ?",
        [athlete, target, session_key],
    )
