"""`runlift plan init | templates | diff` and the errors that say what to do."""

from __future__ import annotations

import datetime as dt
import shutil
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rules import list_templates, load_plan
from runlift_sync.cli import app

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        "RUNLIFT_CONFIG": str(tmp_path / "absent.toml"),
        "RUNLIFT_WAREHOUSE": str(tmp_path / "wh" / "runlift.duckdb"),
    }


def test_templates_are_listed(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["plan", "templates"], env=env)
    assert result.exit_code == 0, result.output
    for name in ("base", "in_season", "heavy_block_12wk"):
        assert name in list_templates() and name in result.output


@pytest.mark.parametrize("template", ["base", "in_season", "heavy_block_12wk"])
def test_init_writes_a_valid_plan_starting_on_a_monday(
    env: dict[str, str], tmp_path: Path, template: str
) -> None:
    out = tmp_path / "plan.toml"
    args = ["plan", "init", "--template", template, "--out", str(out)]
    result = runner.invoke(
        app, [*args, "--start", "2026-11-30", "--race-date", "2027-04-11"], env=env
    )
    assert result.exit_code == 0, result.output
    plan = load_plan(out)
    assert plan.settings.start == dt.date(2026, 11, 30)
    assert plan.settings.race_date == dt.date(2027, 4, 11)
    assert tomllib.loads(out.read_text())["plan"]["start"] == dt.date(2026, 11, 30)
    again = runner.invoke(app, args, env=env)
    assert again.exit_code == 1 and "--force" in again.output  # never overwrites silently


def test_init_by_default_starts_the_coming_monday(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["plan", "init", "--template", "base"], env=env)
    assert result.exit_code == 0, result.output
    start = tomllib.loads(result.stdout)["plan"]["start"]
    today = dt.datetime.now(dt.UTC).date()
    assert start.weekday() == 0 and 0 < (start - today).days <= 8


def test_unknown_template_and_missing_plan_say_what_to_do(
    env: dict[str, str], tmp_path: Path
) -> None:
    result = runner.invoke(app, ["plan", "init", "--template", "nope"], env=env)
    assert result.exit_code == 1 and "choose one of" in result.output
    result = runner.invoke(app, ["plan", "next"], env=env)
    assert result.exit_code == 1 and "--plan" in result.output and "plan init" in result.output
    result = runner.invoke(app, ["plan", "next", "--plan", str(tmp_path / "x.toml")], env=env)
    assert result.exit_code == 1 and "not found" in result.output
    result = runner.invoke(
        app,
        ["plan", "next", "--plan", str(tmp_path / "x.toml"), "--week-start", "2026-12-02"],
        env=env,
    )
    assert result.exit_code == 1


def test_a_week_start_that_is_not_a_monday_is_refused(env: dict[str, str], tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    runner.invoke(app, ["plan", "init", "--template", "base", "--out", str(plan)], env=env)
    result = runner.invoke(
        app, ["plan", "next", "--plan", str(plan), "--week-start", "2026-12-02"], env=env
    )
    assert result.exit_code == 1 and "Monday" in result.output and "Traceback" not in result.output


def test_show_and_diff_before_any_plan_say_what_to_do(env: dict[str, str], data_dir: Path) -> None:
    runner.invoke(app, ["import", str(data_dir / "garmin-fenix-5-run.fit")], env=env)
    for command in ("show", "diff"):
        result = runner.invoke(app, ["plan", command], env=env)
        assert result.exit_code == 1 and "runlift plan next" in result.output


def test_diff_shows_what_the_coach_changed(
    env: dict[str, str], tmp_path: Path, data_dir: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(data_dir / "garmin-fenix-5-run.fit", folder)
    assert runner.invoke(app, ["import", str(folder)], env=env).exit_code == 0
    plan = tmp_path / "plan.toml"
    runner.invoke(app, ["plan", "init", "--template", "base", "--out", str(plan)], env=env)
    result = runner.invoke(
        app, ["plan", "next", "--plan", str(plan), "--week-start", "2026-11-30"], env=env
    )
    assert result.exit_code == 0, result.output
    diff = runner.invoke(app, ["plan", "diff"], env=env)
    assert diff.exit_code == 0, diff.output
    assert "Week of 2026-11-30" in diff.output
    # a long break since the only run (2017): the coach restarts the athlete gently
    assert "missed-sessions" in diff.output
