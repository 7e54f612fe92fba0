"""`runlift plan accept` (with --reject), `plan show` saying which version it shows, and a
re-plan never overwriting the accepted version. One real warehouse per module: four easy weeks
and a leg session the evening before the planned week, and a plan asking for a 40 % jump with
intervals on Monday — so mileage-ramp and legs-before-key-run both change the week."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

from runlift_sync.cli import app
from runlift_sync.coach.week_store import load_week, week_to_follow
from runlift_sync.errors import ConfigError
from tests.coach.test_plan_e2e import CONFIG, EASY_WEEK, WEEK, leg_day, plan_text, steady_weeks

runner = CliRunner()
EVE = WEEK - dt.timedelta(days=1)
PLAN = plan_text(45, 12, EASY_WEEK)  # 45 km after four weeks of 32.2 km


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse with the week proposed (built once; tests work on copies)."""
    root = tmp_path_factory.mktemp("accept")
    folder = root / "export"
    folder.mkdir()
    files = steady_weeks(WEEK - dt.timedelta(weeks=4), 4)
    files["legs.fit"] = leg_day(EVE)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (root / "config.toml").write_text(CONFIG)
    (root / "plan.toml").write_text(PLAN)
    env = environment(root)
    assert runner.invoke(app, ["import", str(folder)], env=env).exit_code == 0
    result = runner.invoke(
        app, ["plan", "next", "--plan", str(root / "plan.toml"), "--week-start", str(WEEK)], env=env
    )
    assert result.exit_code == 0, result.output
    return root


def environment(root: Path) -> dict[str, str]:
    return {
        "RUNLIFT_CONFIG": str(root / "config.toml"),
        "RUNLIFT_WAREHOUSE": str(root / "wh" / "runlift.duckdb"),
        "RUNLIFT_WORKERS": "1",
        "COLUMNS": "120",
    }


@pytest.fixture
def root(planned: Path, tmp_path: Path) -> Path:
    """A copy of the planned warehouse (and its config and plan) for one test."""
    for name in ("config.toml", "plan.toml"):
        shutil.copy(planned / name, tmp_path / name)
    (tmp_path / "wh").mkdir()
    shutil.copy(planned / "wh" / "runlift.duckdb", tmp_path / "wh" / "runlift.duckdb")
    return tmp_path


def cli(root: Path, *args: str) -> Any:
    return runner.invoke(app, list(args), env=environment(root))


def shown(root: Path, *extra: str) -> dict[str, Any]:
    result = cli(root, "plan", "show", "--week-start", str(WEEK), "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def rules_of(week: dict[str, Any]) -> list[str]:
    return [c["rule"] for c in week["changes"]]


def key_runs_clear_of_the_leg_day(week: dict[str, Any]) -> bool:
    return all(
        (dt.date.fromisoformat(s["date"]) - EVE).days >= 2
        for s in week["sessions"]
        if s["kind"] == "run" and s["type"] in ("intervals", "tempo", "long")
    )


def query(root: Path, sql: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(root / "wh" / "runlift.duckdb"), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_the_proposal_is_proposed_until_accepted_as_it_is(root: Path) -> None:
    proposal = shown(root)
    assert (proposal["version"], proposal["status"]) == ("proposed", "proposed")
    assert {"mileage-ramp", "legs-before-key-run"} <= set(rules_of(proposal))
    result = cli(root, "plan", "accept", "--week-start", str(WEEK))
    assert result.exit_code == 0, result.output
    assert (
        f"accepted the week of {WEEK}: {proposal['planned_km']:g} km, as proposed" in result.output
    )
    accepted = shown(root)
    assert (accepted["version"], accepted["status"]) == ("accepted", "accepted")
    assert accepted["rejected_rules"] == [] and accepted["kept_by_constraints"] == []
    assert (
        accepted["sessions"] == proposal["sessions"] and accepted["changes"] == proposal["changes"]
    )
    # the proposal stays readable beside it, and the table says which version is shown
    assert shown(root, "--proposed")["version"] == "proposed"
    table = cli(root, "plan", "show", "--week-start", str(WEEK))
    assert "status: accepted" in table.output and "showing the accepted version" in table.output
    # stored: one accepted_plans row, the sessions and changes copied as version accepted
    assert query(root, "SELECT count(*) FROM accepted_plans") == [(1,)]
    counts = dict(query(root, "SELECT version, count(*) FROM planned_sessions GROUP BY version"))
    assert counts["accepted"] == counts["adjusted"]


def test_rejecting_the_legs_rule_keeps_its_hard_constraint(root: Path) -> None:
    result = cli(
        root, "plan", "accept", "--week-start", str(WEEK), "--reject", "legs-before-key-run"
    )
    assert result.exit_code == 0, result.output
    assert "rejected legs-before-key-run" in result.output
    assert "kept by a hard constraint: legs-before-key-run" in result.output
    assert "the hard constraints hold" in result.output
    week = shown(root)
    assert week["rejected_rules"] == ["legs-before-key-run"]
    assert [c["rule"] for c in week["kept_by_constraints"]] == ["legs-before-key-run"]
    assert key_runs_clear_of_the_leg_day(week)  # the constraint still holds


def test_rejecting_the_mileage_ramp_still_keeps_the_week_under_the_cap(root: Path) -> None:
    proposal = shown(root)
    cap = proposal["signals"]["ramp_cap_km"]
    result = cli(root, "plan", "accept", "--week-start", str(WEEK), "--reject", "mileage-ramp")
    assert result.exit_code == 0, result.output
    week = shown(root)
    assert week["planned_km"] <= cap + 1e-9  # 45 km asked; the ramp is a hard constraint
    kept = week["kept_by_constraints"]
    assert kept and kept[0]["rule"] == "mileage-ramp" and "Final check" in kept[0]["message"]
    assert key_runs_clear_of_the_leg_day(week)
    # the rejected rule's own changes are gone: only the hard-constraint check remains
    ramp = [c for c in week["changes"] if c["rule"] == "mileage-ramp"]
    assert ramp == kept


def test_rejecting_a_rule_that_changed_nothing_or_does_not_exist_says_so(root: Path) -> None:
    idle = cli(root, "plan", "accept", "--week-start", str(WEEK), "--reject", "one-stressor")
    assert idle.exit_code == 1
    assert "one-stressor: that rule changed nothing in the week of" in idle.output
    assert "the rules that did: " in idle.output
    unknown = cli(root, "plan", "accept", "--week-start", str(WEEK), "--reject", "eighty")
    assert unknown.exit_code == 1 and "no such rule; the rules are: " in unknown.output
    assert shown(root)["status"] == "proposed"  # nothing was stored


def test_replanning_an_accepted_week_keeps_the_accepted_version(root: Path) -> None:
    assert (
        cli(root, "plan", "accept", "--week-start", str(WEEK), "--reject", "mileage-ramp").exit_code
        == 0
    )
    accepted = shown(root)
    plan_next = [
        "plan",
        "next",
        "--plan",
        str(root / "plan.toml"),
        "--week-start",
        str(WEEK),
        "--no-refresh",
    ]
    same = cli(root, *plan_next)
    assert same.exit_code == 0 and "you accepted the week of" in same.output
    again = shown(root)  # the same proposal again: nothing newer to decide on
    assert again.pop("proposed_at") > accepted.pop("proposed_at")
    assert again == accepted and not again["newer_proposal"]
    # the plan file changes: the new proposal is stored beside the accepted version
    (root / "plan.toml").write_text(plan_text(30, 9, EASY_WEEK))  # under the ramp cap
    assert cli(root, *plan_next).exit_code == 0
    now = shown(root)
    assert now["version"] == "accepted" and now["sessions"] == accepted["sessions"]
    assert now["newer_proposal"] is True
    newer = shown(root, "--proposed")
    assert newer["version"] == "proposed" and newer["status"] == "accepted"
    assert newer["planned_km"] != accepted["planned_km"]
    table = cli(root, "plan", "show", "--week-start", str(WEEK))
    assert "a newer proposal exists" in table.output
    # accepting again takes the new proposal
    assert cli(root, "plan", "accept", "--week-start", str(WEEK)).exit_code == 0
    assert shown(root)["planned_km"] == newer["planned_km"]


def test_new_data_since_the_proposal_asks_for_a_new_review_before_rejecting(root: Path) -> None:
    con = duckdb.connect(str(root / "wh" / "runlift.duckdb"))
    try:  # a run recorded late (before the week) changes what the rules would say now
        con.execute("UPDATE runs SET distance_m = distance_m * 1.5 WHERE local_date = ?", [EVE])
    finally:
        con.close()
    result = cli(root, "plan", "accept", "--week-start", str(WEEK), "--reject", "mileage-ramp")
    assert result.exit_code == 1
    assert "comes out differently now than when it was proposed" in result.output
    assert f"runlift plan next --week-start {WEEK}" in result.output


def test_the_week_to_follow_is_the_accepted_one(root: Path) -> None:
    path = root / "wh" / "runlift.duckdb"
    con = duckdb.connect(str(path))
    try:
        with pytest.raises(ConfigError, match="proposed, not accepted yet"):
            week_to_follow(con, "me", WEEK)
        proposal = week_to_follow(con, "me", WEEK, proposed=True)
        assert proposal.version == "adjusted" and proposal.status == "proposed"
        with pytest.raises(ConfigError, match="no plan stored"):
            week_to_follow(con, "me", WEEK + dt.timedelta(weeks=1))
    finally:
        con.close()
    assert (
        cli(
            root, "plan", "accept", "--week-start", str(WEEK), "--reject", "legs-before-key-run"
        ).exit_code
        == 0
    )
    con = duckdb.connect(str(path))
    try:
        accepted = week_to_follow(con, "me", WEEK)
        assert accepted.version == "accepted" and accepted.acceptance is not None
        assert accepted.acceptance.rejected_rules == ("legs-before-key-run",)
        assert load_week(con, "me", WEEK, version="shown") == accepted
    finally:
        con.close()
