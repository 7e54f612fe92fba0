"""`refresh_compliance`: rebuild an athlete's `plan_compliance` rows from the stored weeks and
the recorded runs and lifts (I/O around `compliance.match_week`)."""

from __future__ import annotations

import datetime as dt
import logging

import duckdb

from runlift_sync.coach.compliance import Compliance, Recorded, match_week
from runlift_sync.coach.week_store import load_week
from runlift_sync.db.transaction import transaction
from runlift_sync.model.schema import has_relation

log = logging.getLogger(__name__)

COLUMNS = (
    "athlete, week_start, plan_version, session_index, planned_date, planned_kind, "
    "planned_type, planned_km, planned_minutes, planned_sets, activity_id, actual_date, "
    "actual_kind, actual_type, actual_km, actual_minutes, actual_sets, actual_intensity, "
    "status, deviations, days_moved, detail, as_of"
)


def recorded_activities(
    con: duckdb.DuckDBPyConnection, athlete: str, first: dt.date, last: dt.date
) -> list[Recorded]:
    """The athlete's runs and lifting sessions between two local dates (inclusive)."""
    found: list[Recorded] = []
    if has_relation(con, "runs"):
        for activity_id, day, start, run_type, distance_m, timer_s, intensity in con.execute(
            "SELECT activity_id, local_date, start_time_local, run_type, distance_m, timer_s, "
            "intensity FROM runs WHERE athlete = ? AND local_date BETWEEN ? AND ? "
            "ORDER BY start_time_utc",
            [athlete, first, last],
        ).fetchall():
            found.append(
                Recorded(
                    activity_id,
                    "run",
                    day,
                    _hour(start),
                    run_type,
                    km=None if distance_m is None else distance_m / 1000,
                    minutes=None if timer_s is None else timer_s / 60,
                    hard=intensity == "hard",
                )
            )
    if has_relation(con, "lift_sessions"):
        for activity_id, day, start, minutes, n_sets, lower_body in con.execute(
            "SELECT activity_id, local_date, start_time_local, minutes, n_sets, lower_body "
            "FROM lift_sessions WHERE athlete = ? AND local_date BETWEEN ? AND ? "
            "ORDER BY start_time_utc",
            [athlete, first, last],
        ).fetchall():
            found.append(
                Recorded(
                    activity_id,
                    "lift",
                    day,
                    _hour(start),
                    "lower" if lower_body else "upper",
                    minutes=minutes,
                    sets=n_sets,
                    hard=bool(lower_body),
                )
            )
    return found


def _hour(start: dt.datetime | None) -> float:
    return 12.0 if start is None else start.hour + start.minute / 60


def refresh_compliance(con: duckdb.DuckDBPyConnection, athlete: str, as_of: dt.date) -> int:
    """Match every planned week that has begun by `as_of` (the athlete's today) to what was
    recorded, and replace the athlete's `plan_compliance` rows; returns the rows written."""
    weeks = [
        row[0]
        for row in con.execute(
            "SELECT week_start FROM plans WHERE athlete = ? AND week_start <= ? "
            "ORDER BY week_start",
            [athlete, as_of],
        ).fetchall()
    ]
    rows: list[list[object]] = []
    if weeks:
        recorded = recorded_activities(con, athlete, weeks[0], weeks[-1] + dt.timedelta(days=6))
        for week_start in weeks:
            stored = load_week(con, athlete, week_start, version="shown")
            if stored is None:
                continue
            for row in match_week(week_start, stored.sessions, recorded, as_of):
                rows.append(_row(athlete, stored.version, row, as_of))
    with transaction(con):
        con.execute("DELETE FROM plan_compliance WHERE athlete = ?", [athlete])
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            con.executemany(f"INSERT INTO plan_compliance ({COLUMNS}) VALUES ({marks})", rows)
    log.info("plan_compliance for %s: %d rows over %d week(s)", athlete, len(rows), len(weeks))
    return len(rows)


def _row(athlete: str, version: str, c: Compliance, as_of: dt.date) -> list[object]:
    planned, done = c.planned, c.recorded
    return [
        athlete,
        c.week_start,
        version,
        c.session_index,
        planned.date if planned else None,
        planned.kind if planned else None,
        planned.type if planned else None,
        planned.km if planned else None,
        planned.minutes if planned else None,
        (planned.total_sets or None) if planned else None,
        done.activity_id if done else None,
        done.local_date if done else None,
        done.kind if done else None,
        done.type if done else None,
        None if done is None or done.km is None else round(done.km, 2),
        None if done is None or done.minutes is None else round(done.minutes, 1),
        done.sets if done else None,
        ("hard" if done.hard else "easy") if done and done.kind == "run" else None,
        c.status,
        list(c.deviations),
        c.days_moved,
        c.detail,
        as_of,
    ]
