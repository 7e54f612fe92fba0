"""Storing planned weeks (plans, planned_sessions, plan_changes) and reading them back."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

import duckdb

from rules import AdjustedWeek, Session, session_from_dict
from rules.output import session_to_dict
from runlift_sync.db.transaction import transaction

TEMPLATE = "template"
ADJUSTED = "adjusted"


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def save_week(
    con: duckdb.DuckDBPyConnection,
    *,
    athlete: str,
    week: AdjustedWeek,
    template: tuple[Session, ...],
    template_km: float | None,
    plan_path: str | None,
    plan_toml: str,
    policy_text: str,
) -> None:
    """Store (or replace) an athlete's adjusted week, its template week and its changes."""
    rows: list[list[Any]] = []
    for version, sessions in ((TEMPLATE, template), (ADJUSTED, week.sessions)):
        for index, session in enumerate(sessions):
            data = session_to_dict(session)
            rows.append(
                [
                    athlete,
                    week.week_start,
                    version,
                    index,
                    session.date,
                    data["day"],
                    data["kind"],
                    data["type"],
                    data["km"],
                    data["minutes"],
                    data["slot"],
                    json.dumps(data["exercises"]) if data["exercises"] else None,
                ]
            )
    contract = week.to_dict()
    changes = [
        [
            athlete,
            week.week_start,
            i,
            c["rule"],
            c["message"],
            json.dumps(c["evidence"], sort_keys=True),
        ]
        for i, c in enumerate(contract["changes"])
    ]
    key = [athlete, week.week_start]
    with transaction(con):
        for table in ("plans", "planned_sessions", "plan_changes"):
            con.execute(f"DELETE FROM {table} WHERE athlete = ? AND week_start = ?", key)
        con.execute(
            "INSERT INTO plans VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                athlete,
                week.week_start,
                week.phase,
                week.plan_week,
                template_km,
                week.planned_km,
                plan_path,
                sha256_text(plan_toml),
                plan_toml,
                sha256_text(policy_text),
                json.dumps(contract["signals"], sort_keys=True),
                week.to_json(indent=None),
                _utc_now(),
            ],
        )
        if rows:
            con.executemany(
                "INSERT INTO planned_sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
            )
        if changes:
            con.executemany("INSERT INTO plan_changes VALUES (?, ?, ?, ?, ?, ?)", changes)


@dataclass(frozen=True)
class StoredWeek:
    """A week as stored: the adjusted contract JSON, and both versions of its sessions."""

    week_start: dt.date
    phase: str
    planned_km: float
    template_km: float | None
    adjusted: dict[str, Any]
    template: tuple[Session, ...]
    sessions: tuple[Session, ...]
    created_at: dt.datetime


def _sessions(
    con: duckdb.DuckDBPyConnection, athlete: str, week_start: dt.date, version: str
) -> tuple[Session, ...]:
    rows = con.execute(
        "SELECT date, kind, type, km, minutes, slot, exercises FROM planned_sessions "
        "WHERE athlete = ? AND week_start = ? AND version = ? ORDER BY session_index",
        [athlete, week_start, version],
    ).fetchall()
    return tuple(
        session_from_dict(
            {
                "date": date.isoformat(),
                "kind": kind,
                "type": kind_type,
                "km": km,
                "minutes": minutes,
                "slot": slot,
                "exercises": json.loads(exercises) if exercises else [],
            }
        )
        for date, kind, kind_type, km, minutes, slot, exercises in rows
    )


def load_week(
    con: duckdb.DuckDBPyConnection, athlete: str, week_start: dt.date | None = None
) -> StoredWeek | None:
    """The stored week starting `week_start` (default: the latest stored week), or None."""
    if week_start is None:
        row = con.execute(
            "SELECT max(week_start) FROM plans WHERE athlete = ?", [athlete]
        ).fetchone()
        if row is None or row[0] is None:
            return None
        week_start = row[0]
    found = con.execute(
        "SELECT phase, planned_km, template_km, adjusted, created_at FROM plans WHERE athlete = ? AND week_start = ?",
        [athlete, week_start],
    ).fetchone()
    if found is None:
        return None
    phase, planned_km, template_km, adjusted, created_at = found
    return StoredWeek(
        week_start=week_start,
        phase=phase,
        planned_km=planned_km,
        template_km=template_km,
        adjusted=json.loads(adjusted),
        template=_sessions(con, athlete, week_start, TEMPLATE),
        sessions=_sessions(con, athlete, week_start, ADJUSTED),
        created_at=created_at,
    )


def previous_sessions(
    con: duckdb.DuckDBPyConnection, athlete: str, week_start: dt.date
) -> tuple[Session, ...] | None:
    """The adjusted sessions stored for the week before `week_start` (for missed sessions and
    lifting progression), or None when that week was never planned."""
    stored = load_week(con, athlete, week_start - dt.timedelta(days=7))
    return stored.sessions if stored is not None else None
