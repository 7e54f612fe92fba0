"""`runlift demo` as a user runs it: one command, every stage, a clean output."""

from __future__ import annotations

from pathlib import Path

import duckdb
from typer.testing import CliRunner

from runlift_sync.cli import app
from runlift_sync.demo.workflow import HISTORY_WEEKS

runner = CliRunner()


def test_demo_command_runs_every_stage_and_says_where_to_look(tmp_path: Path) -> None:
    warehouse = tmp_path / "demo" / "demo.duckdb"
    env = {"RUNLIFT_CONFIG": str(tmp_path / "absent.toml"), "COLUMNS": "120"}
    result = runner.invoke(app, ["demo", "--weeks", "6", "--warehouse", str(warehouse)], env=env)
    assert result.exit_code == 0, result.output
    out = result.output
    for heading in (
        "what the watch held",
        "weekly_summary",
        "next week, adjusted by the coach",
        "review the week in a browser",
    ):
        assert heading in out
    assert "Changes" in out and "mileage-ramp" in out  # the plan asks for far too much
    assert "the week after today" in out
    assert str(warehouse) in out and f"runlift --warehouse {warehouse} sql" in out
    assert "ERROR" not in out and "Traceback" not in out
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        runs = con.execute("SELECT count(*) FROM runs").fetchone()
        plans = con.execute("SELECT count(*) FROM plans").fetchone()
    finally:
        con.close()
    assert runs is not None and runs[0] > 20
    assert plans == (1 + min(HISTORY_WEEKS, 6),)  # the weeks before are planned as well
    page = Path(out.strip().splitlines()[-1])  # the review page, printed last
    assert page.name.endswith(".review.html") and page.stat().st_mode & 0o777 == 0o600
