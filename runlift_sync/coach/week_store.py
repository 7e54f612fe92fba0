"""Storing planned weeks (plans, planned_sessions, plan_changes) and reading them back."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any, Literal

import duckdb

from rules import AdjustedWeek, Change, Session, session_from_dict
from rules.output import session_to_dict
from runlift_sync.coach.change_trace import ChangeLinks, WeekTrace
from runlift_sync.db.transaction import transaction
from runlift_sync.errors import ConfigError

TEMPLATE = "template"
ADJUSTED = "adjusted"
"""The coach's proposal (shown to the athlete as "proposed")."""
ACCEPTED = "accepted"
"""The version the athlete accepted (`runlift plan accept`)."""


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def session_rows(
    athlete: str,
    week_start: dt.date,
    version: str,
    sessions: tuple[Session, ...],
    template_index: tuple[int | None, ...] | None,
) -> list[list[Any]]:
    """`planned_sessions` rows of one version of a week."""
    rows: list[list[Any]] = []
    for index, session in enumerate(sessions):
        data = session_to_dict(session)
        origin = template_index[index] if template_index is not None else None
        rows.append(
            [
                athlete,
                week_start,
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
                index if version == TEMPLATE else origin,
            ]
        )
    return rows


def change_rows(
    athlete: str, week: AdjustedWeek, version: str, trace: WeekTrace | None
) -> list[list[Any]]:
    """`plan_changes` rows of one version of a week, with the sessions each change touched."""
    contract = week.to_dict()
    rows = []
    for i, c in enumerate(contract["changes"]):
        links = trace.links[i] if trace is not None else None
        rows.append(
            [
                athlete,
                week.week_start,
                version,
                i,
                c["rule"],
                c["message"],
                json.dumps(c["evidence"], sort_keys=True),
                list(links.session_indexes) if links else None,
                list(links.template_indexes) if links else None,
            ]
        )
    return rows


SESSION_COLUMNS = (
    "athlete, week_start, version, session_index, date, day, kind, type, km, minutes, slot, "
    "exercises, template_index"
)
CHANGE_COLUMNS = (
    "athlete, week_start, version, change_index, rule, message, evidence, session_indexes, "
    "template_indexes"
)


def insert_version(
    con: duckdb.DuckDBPyConnection, sessions: list[list[Any]], changes: list[list[Any]]
) -> None:
    """Insert the rows of one version (inside the caller's transaction)."""
    if sessions:
        con.executemany(
            f"INSERT INTO planned_sessions ({SESSION_COLUMNS}) VALUES ({_marks(13)})", sessions
        )
    if changes:
        con.executemany(
            f"INSERT INTO plan_changes ({CHANGE_COLUMNS}) VALUES ({_marks(9)})", changes
        )


def _marks(n: int) -> str:
    return ", ".join("?" * n)


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
    policy_toml: str | None = None,
    policy_override_toml: str | None = None,
    trace: WeekTrace | None = None,
) -> None:
    """Store (or replace) an athlete's proposed week, its template week and its changes.

    A version the athlete accepted (`accepted_plans`, rows of version accepted) is kept: a
    new proposal never overwrites it."""
    contract = week.to_dict()
    rows = session_rows(athlete, week.week_start, TEMPLATE, template, None)
    rows += session_rows(
        athlete,
        week.week_start,
        ADJUSTED,
        week.sessions,
        trace.template_index if trace is not None else None,
    )
    changes = change_rows(athlete, week, ADJUSTED, trace)
    key = [athlete, week.week_start]
    with transaction(con):
        con.execute("DELETE FROM plans WHERE athlete = ? AND week_start = ?", key)
        for table in ("planned_sessions", "plan_changes"):
            con.execute(
                f"DELETE FROM {table} WHERE athlete = ? AND week_start = ? "
                f"AND version IN ('{TEMPLATE}', '{ADJUSTED}')",
                key,
            )
        con.execute(
            "INSERT INTO plans (athlete, week_start, phase, plan_week, template_km, planned_km, "
            "plan_path, plan_sha256, plan_toml, policy_sha256, signals, adjusted, created_at, "
            f"policy_toml, policy_override_toml) VALUES ({_marks(15)})",
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
                policy_toml,
                policy_override_toml,
            ],
        )
        insert_version(con, rows, changes)


WeekChoice = Literal["proposed", "accepted", "shown"]
"""Which version to load: the coach's proposal, the athlete's accepted version, or the one
to show and follow (the accepted version when there is one, else the proposal)."""


@dataclass(frozen=True)
class Acceptance:
    """The athlete's decision on a week (`accepted_plans`)."""

    accepted_at: dt.datetime
    proposal_created_at: dt.datetime
    proposal_sha256: str
    """SHA-256 of the proposal's JSON (plans.adjusted) it was decided on."""
    rejected_rules: tuple[str, ...]
    kept_by_constraints: tuple[dict[str, Any], ...]
    """Changes of rejected rules made again to keep a hard constraint ({rule, message, evidence})."""


@dataclass(frozen=True)
class StoredWeek:
    """One version of a stored week: its contract JSON, its sessions beside the template's,
    which change touched which session, and the athlete's decision."""

    week_start: dt.date
    phase: str
    planned_km: float
    template_km: float | None
    adjusted: dict[str, Any]
    """This version as the JSON contract of `runlift plan next --format json`."""
    template: tuple[Session, ...]
    sessions: tuple[Session, ...]
    created_at: dt.datetime
    """When the coach proposed the week (the latest proposal)."""
    version: Literal["adjusted", "accepted"] = ADJUSTED
    template_index: tuple[int | None, ...] = ()
    """Per session: the template session it came from (None: added, or not traced)."""
    change_links: tuple[ChangeLinks | None, ...] = ()
    """Per change of `adjusted["changes"]`: what it touched (None: not traced)."""
    acceptance: Acceptance | None = None
    """The athlete's decision, when the week was accepted (whichever version this is)."""
    proposal_sha256: str = ""
    """SHA-256 of the latest proposal's JSON (plans.adjusted)."""

    @property
    def status(self) -> Literal["proposed", "accepted"]:
        """The week's status: accepted once the athlete accepted a version of it."""
        return "proposed" if self.acceptance is None else "accepted"

    @property
    def shown_as(self) -> Literal["proposed", "accepted"]:
        """This version's name for a person: the proposal or the accepted version."""
        return "accepted" if self.version == ACCEPTED else "proposed"

    @property
    def newer_proposal(self) -> bool:
        """The coach proposed something else for the week after the athlete accepted it."""
        return (
            self.acceptance is not None and self.acceptance.proposal_sha256 != self.proposal_sha256
        )

    def to_adjusted_week(self) -> AdjustedWeek:
        """This version as the coach's output type (for the table and Markdown renderers)."""
        return AdjustedWeek(
            week_start=self.week_start,
            phase=self.phase,  # type: ignore[arg-type]
            sessions=self.sessions,
            changes=tuple(
                Change(c["rule"], c["message"], c["evidence"]) for c in self.adjusted["changes"]
            ),
            signals=self.adjusted.get("signals", {}),
        )

    def status_json(self) -> dict[str, Any]:
        """The keys `plan show --format json` adds to the contract: which version, which status."""
        decision = self.acceptance
        return {
            "version": self.shown_as,
            "status": self.status,
            "proposed_at": self.created_at.isoformat(timespec="seconds"),
            "accepted_at": decision.accepted_at.isoformat(timespec="seconds") if decision else None,
            "rejected_rules": list(decision.rejected_rules) if decision else [],
            "kept_by_constraints": list(decision.kept_by_constraints) if decision else [],
            "newer_proposal": self.newer_proposal,
        }


def _sessions(
    con: duckdb.DuckDBPyConnection, athlete: str, week_start: dt.date, version: str
) -> tuple[tuple[Session, ...], tuple[int | None, ...]]:
    rows = con.execute(
        "SELECT date, kind, type, km, minutes, slot, exercises, template_index "
        "FROM planned_sessions WHERE athlete = ? AND week_start = ? AND version = ? "
        "ORDER BY session_index",
        [athlete, week_start, version],
    ).fetchall()
    sessions = tuple(
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
        for date, kind, kind_type, km, minutes, slot, exercises, _ in rows
    )
    return sessions, tuple(row[-1] for row in rows)


def _links(
    con: duckdb.DuckDBPyConnection, athlete: str, week_start: dt.date, version: str
) -> tuple[ChangeLinks | None, ...]:
    rows = con.execute(
        "SELECT session_indexes, template_indexes FROM plan_changes "
        "WHERE athlete = ? AND week_start = ? AND version = ? ORDER BY change_index",
        [athlete, week_start, version],
    ).fetchall()
    return tuple(
        None if sessions is None else ChangeLinks(tuple(sessions), tuple(templates or ()))
        for sessions, templates in rows
    )


def latest_week_start(con: duckdb.DuckDBPyConnection, athlete: str) -> dt.date | None:
    """The Monday of the athlete's latest stored week, or None."""
    row = con.execute("SELECT max(week_start) FROM plans WHERE athlete = ?", [athlete]).fetchone()
    return None if row is None else row[0]


def load_acceptance(
    con: duckdb.DuckDBPyConnection, athlete: str, week_start: dt.date
) -> tuple[Acceptance, dict[str, Any], float] | None:
    """The athlete's decision on a week, with the accepted contract and km; None if none."""
    row = con.execute(
        "SELECT accepted_at, proposal_created_at, proposal_sha256, rejected_rules, "
        "kept_by_constraints, adjusted, planned_km FROM accepted_plans "
        "WHERE athlete = ? AND week_start = ?",
        [athlete, week_start],
    ).fetchone()
    if row is None:
        return None
    accepted_at, proposed_at, proposal_sha, rejected, kept, adjusted, km = row
    decision = Acceptance(
        accepted_at, proposed_at, proposal_sha, tuple(json.loads(rejected)), tuple(json.loads(kept))
    )
    return decision, json.loads(adjusted), km


def load_week(
    con: duckdb.DuckDBPyConnection,
    athlete: str,
    week_start: dt.date | None = None,
    *,
    version: WeekChoice = "proposed",
) -> StoredWeek | None:
    """A stored week (default: the latest), or None when it was never planned — or, for
    `version="accepted"`, never accepted."""
    week_start = week_start or latest_week_start(con, athlete)
    if week_start is None:
        return None
    found = con.execute(
        "SELECT phase, planned_km, template_km, adjusted, created_at FROM plans "
        "WHERE athlete = ? AND week_start = ?",
        [athlete, week_start],
    ).fetchone()
    if found is None:
        return None
    phase, planned_km, template_km, adjusted, created_at = found
    decided = load_acceptance(con, athlete, week_start)
    use_accepted = decided is not None and version in ("accepted", "shown")
    if version == "accepted" and not use_accepted:
        return None
    chosen = ACCEPTED if use_accepted else ADJUSTED
    if decided is not None and use_accepted:
        _, adjusted_json, planned_km = decided
    else:
        adjusted_json = json.loads(adjusted)
    template, _ = _sessions(con, athlete, week_start, TEMPLATE)
    sessions, origins = _sessions(con, athlete, week_start, chosen)
    return StoredWeek(
        week_start=week_start,
        phase=phase,
        planned_km=planned_km,
        template_km=template_km,
        adjusted=adjusted_json,
        template=template,
        sessions=sessions,
        created_at=created_at,
        version=chosen,  # type: ignore[arg-type]
        template_index=origins,
        change_links=_links(con, athlete, week_start, chosen),
        acceptance=decided[0] if decided is not None else None,
        proposal_sha256=sha256_text(adjusted),
    )


class WeekNotAccepted(ConfigError):
    """The week asked for is proposed, not accepted yet (what to follow needs a decision)."""

    def __init__(self, message: str, *, week_start: dt.date) -> None:
        self.week_start = week_start
        super().__init__(message)


def week_to_follow(
    con: duckdb.DuckDBPyConnection,
    athlete: str,
    week_start: dt.date | None = None,
    *,
    proposed: bool = False,
) -> StoredWeek:
    """The accepted week, or (`proposed=True`) the coach's proposal: what to follow, or to push
    to a watch. A clear ConfigError when the week was never planned or is not accepted yet."""
    stored = load_week(con, athlete, week_start, version="proposed" if proposed else "accepted")
    if stored is not None:
        return stored
    proposal = load_week(con, athlete, week_start)
    if proposal is None:
        which = f"for the week of {week_start}" if week_start else "yet"
        raise ConfigError(
            f"no plan stored for {athlete!r} {which}; run `runlift plan next --plan PLAN.toml` "
            "first"
        )
    raise WeekNotAccepted(
        f"the week of {proposal.week_start} is proposed, not accepted yet: review it "
        f"(`runlift plan review --week-start {proposal.week_start}`) and accept it "
        f"(`runlift plan accept --week-start {proposal.week_start}`), or use the proposal "
        "as it is (--proposed)",
        week_start=proposal.week_start,
    )


def previous_sessions(
    con: duckdb.DuckDBPyConnection, athlete: str, week_start: dt.date
) -> tuple[Session, ...] | None:
    """The sessions the athlete was to follow the week before `week_start` (the accepted
    version, else the proposal; for missed sessions and lifting progression), or None when
    that week was never planned."""
    stored = load_week(con, athlete, week_start - dt.timedelta(days=7), version="shown")
    return stored.sessions if stored is not None else None
