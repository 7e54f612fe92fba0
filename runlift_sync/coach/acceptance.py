"""`accept_week`: the athlete accepts a proposed week, optionally rejecting some rules' changes.

Accepting as proposed copies the proposal, exactly as reviewed, into the accepted version.
Rejecting rules derives the week again from the same plan, policy and marts with those rules
skipped (`adjust_week(skip_rules=…)`): their changes are undone and the other rules react
(e.g. without the fatigue cut, the ramp cap applies). The hard constraints (legs before key
runs, the mileage caps, the fatigue cap) are enforced all the same: a change they make again
is reported as kept by a hard constraint. Before deriving, the proposal itself is derived
again and must come out identical; otherwise the data, the plan or runlift changed since it
was proposed and the athlete is asked to re-plan and review it first.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import duckdb

from rules import HARD_CONSTRAINTS, RULE_IDS, AdjustedWeek, parse_plan
from rules.output import change_to_dict
from runlift_sync.coach.change_trace import WeekTrace
from runlift_sync.coach.service import PolicyTexts, derive_week
from runlift_sync.coach.week_store import (
    ACCEPTED,
    ADJUSTED,
    Acceptance,
    StoredWeek,
    change_rows,
    insert_version,
    latest_week_start,
    load_week,
    session_rows,
)
from runlift_sync.db.transaction import transaction
from runlift_sync.errors import ConfigError


@dataclass(frozen=True)
class AcceptedWeek:
    """What `accept_week` stored, and what a person needs to know about it."""

    stored: StoredWeek
    """The accepted version as stored (status accepted)."""
    proposal: StoredWeek
    """The proposal it was decided on."""
    undone: tuple[dict[str, Any], ...]
    """The proposal's changes by rejected rules ({rule, message, evidence})."""
    replaced: Acceptance | None
    """An earlier acceptance of the same week that this one replaced."""

    @property
    def rejected(self) -> tuple[str, ...]:
        return self.stored.acceptance.rejected_rules if self.stored.acceptance else ()

    @property
    def kept_by_constraints(self) -> tuple[dict[str, Any], ...]:
        return self.stored.acceptance.kept_by_constraints if self.stored.acceptance else ()


def check_rejections(proposal: StoredWeek, reject: tuple[str, ...]) -> tuple[str, ...]:
    """The rejected rule ids, deduplicated; each must be a rule that changed this week."""
    chosen = tuple(dict.fromkeys(reject))
    unknown = [r for r in chosen if r not in RULE_IDS]
    if unknown:
        raise ConfigError(
            f"--reject {', '.join(unknown)}: no such rule; the rules are: {', '.join(RULE_IDS)}"
        )
    made = list(dict.fromkeys(c["rule"] for c in proposal.adjusted["changes"]))
    idle = [r for r in chosen if r not in made]
    if idle:
        listed = ", ".join(made) if made else "none (the week is the plan as written)"
        raise ConfigError(
            f"--reject {', '.join(idle)}: that rule changed nothing in the week of "
            f"{proposal.week_start}; the rules that did: {listed}"
        )
    return chosen


def accept_week(
    con: duckdb.DuckDBPyConnection,
    athlete: str,
    week_start: dt.date | None = None,
    *,
    reject: tuple[str, ...] = (),
    now: dt.datetime | None = None,
) -> AcceptedWeek:
    """Store the accepted version of a proposed week (default: the latest stored week)."""
    start = week_start or latest_week_start(con, athlete)
    proposal = load_week(con, athlete, start) if start is not None else None
    if proposal is None:
        which = f"for the week of {week_start}" if week_start else "yet"
        raise ConfigError(
            f"no plan stored for {athlete!r} {which}; run `runlift plan next --plan PLAN.toml` "
            "first"
        )
    rejected = check_rejections(proposal, reject)
    previous = proposal.acceptance
    when = (now or dt.datetime.now(dt.UTC)).replace(tzinfo=None)
    with transaction(con):
        _delete_accepted(con, athlete, proposal.week_start)
        if rejected:
            week, trace = _derive_without(con, athlete, proposal, rejected)
            kept = [
                change_to_dict(c)
                for c, step in zip(week.changes, trace.steps, strict=True)
                if step == HARD_CONSTRAINTS
            ]
            insert_version(
                con,
                session_rows(
                    athlete, week.week_start, ACCEPTED, week.sessions, trace.template_index
                ),
                change_rows(athlete, week, ACCEPTED, trace),
            )
            contract, km = week.to_json(indent=None), week.planned_km
        else:
            _copy_proposal(con, athlete, proposal.week_start)
            kept = []
            contract, km = json.dumps(proposal.adjusted, ensure_ascii=False), proposal.planned_km
        con.execute(
            "INSERT INTO accepted_plans (athlete, week_start, accepted_at, proposal_created_at, "
            "proposal_sha256, rejected_rules, kept_by_constraints, planned_km, adjusted) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                athlete,
                proposal.week_start,
                when,
                proposal.created_at,
                proposal.proposal_sha256,
                json.dumps(list(rejected)),
                json.dumps(kept, sort_keys=True),
                km,
                contract,
            ],
        )
    stored = load_week(con, athlete, proposal.week_start, version="accepted")
    assert stored is not None
    undone = tuple(c for c in proposal.adjusted["changes"] if c["rule"] in rejected)
    return AcceptedWeek(stored, proposal, undone, previous)


def _derive_without(
    con: duckdb.DuckDBPyConnection, athlete: str, proposal: StoredWeek, rejected: tuple[str, ...]
) -> tuple[AdjustedWeek, WeekTrace]:
    """The proposal derived again with the rejected rules skipped (hard constraints kept)."""
    row = con.execute(
        "SELECT plan_toml, plan_path, policy_toml, policy_override_toml, adjusted FROM plans "
        "WHERE athlete = ? AND week_start = ?",
        [athlete, proposal.week_start],
    ).fetchone()
    assert row is not None
    plan_toml, plan_path, policy_toml, override, stored_json = row
    again = (
        f"run `runlift plan next --week-start {proposal.week_start}` to propose it again, "
        "review it, then accept it"
    )
    if policy_toml is None:
        raise ConfigError(
            f"the week of {proposal.week_start} was planned by an older runlift that did not "
            f"keep its policy, so it cannot be derived again without some rules; {again}"
        )
    plan = parse_plan(plan_toml, source=plan_path or "the stored plan")
    policy = PolicyTexts(policy_toml, override, "the stored policy").parse()
    today = _planned_on(proposal)
    check, _ = derive_week(con, athlete, plan, policy, proposal.week_start, today=today)
    if json.loads(check.to_json()) != json.loads(stored_json):
        raise ConfigError(
            f"the week of {proposal.week_start} comes out differently now than when it was "
            f"proposed ({proposal.created_at:%Y-%m-%d %H:%M} UTC): new activities, another "
            f"plan or an upgrade changed it; {again}"
        )
    return derive_week(
        con, athlete, plan, policy, proposal.week_start, today=today, skip_rules=rejected
    )


def _planned_on(proposal: StoredWeek) -> dt.date:
    """The day the proposal was planned on (what had happened by then), as it recorded it."""
    recorded = proposal.adjusted.get("signals", {}).get("planned_on")
    return dt.date.fromisoformat(recorded) if recorded else proposal.created_at.date()


def _delete_accepted(con: duckdb.DuckDBPyConnection, athlete: str, week_start: dt.date) -> None:
    key = [athlete, week_start]
    con.execute("DELETE FROM accepted_plans WHERE athlete = ? AND week_start = ?", key)
    for table in ("planned_sessions", "plan_changes"):
        con.execute(
            f"DELETE FROM {table} WHERE athlete = ? AND week_start = ? AND version = '{ACCEPTED}'",
            key,
        )


def _copy_proposal(con: duckdb.DuckDBPyConnection, athlete: str, week_start: dt.date) -> None:
    """The proposal's sessions and changes, as they are, become the accepted version."""
    key = [athlete, week_start]
    for table in ("planned_sessions", "plan_changes"):
        con.execute(
            f"INSERT INTO {table} SELECT * REPLACE ('{ACCEPTED}' AS version) FROM {table} "
            f"WHERE athlete = ? AND week_start = ? AND version = '{ADJUSTED}'",
            key,
        )
