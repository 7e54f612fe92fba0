"""The review page of the demo warehouse: written by the demo's own steps, opened in a real
browser at a laptop's and a phone's width, and `runlift plan review` on the same warehouse."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

from runlift_sync.cli import app
from runlift_sync.config import AthleteConfig
from runlift_sync.demo import SeasonSummary
from runlift_sync.demo.workflow import HISTORY_WEEKS, demo_review, demo_settings, model_and_plan
from runlift_sync.ingest import import_paths
from runlift_sync.review.review_file import ReviewFile
from tests.support.browser import WIDTHS, inspect_page

runner = CliRunner()
CHARTS = {
    "fitness",
    "weekly-km",
    "hard-days",
    "hard-time",
    "lifting",
    "e1rm-1",
    "e1rm-2",
    "e1rm-3",
    "hrv",
    "resting-hr",
    "sleep",
    "compliance",
}


@pytest.fixture(scope="module")
def demo(
    season: SeasonSummary, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, ReviewFile]:
    warehouse = tmp_path_factory.mktemp("demo-review") / "demo.duckdb"
    athlete = AthleteConfig(
        timezone="Europe/Berlin", sex="female", hr_max=188, hr_rest=48, hr_threshold=171
    )
    settings = demo_settings(warehouse, athlete).settings
    assert import_paths(settings, [season.mount], workers=1).ok
    planned = model_and_plan(settings, season)
    return warehouse, demo_review(settings, planned)


def test_the_demo_writes_an_owner_only_page_of_its_planned_week(
    demo: tuple[Path, ReviewFile], season: SeasonSummary
) -> None:
    warehouse, page = demo
    assert page.path == warehouse.parent / f"runlift-{season.next_week_start}.review.html"
    assert page.path.stat().st_mode & 0o777 == 0o600
    assert page.size_bytes == page.path.stat().st_size < 2 * 1024 * 1024
    assert page.week.week_start == season.next_week_start and page.week.status == "proposed"
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        weeks = con.execute(
            "SELECT week_start, count(*) FILTER (WHERE activity_id IS NOT NULL) FROM plan_compliance "
            "WHERE week_start < ? GROUP BY ALL ORDER BY ALL",
            [season.next_week_start],
        ).fetchall()
    finally:
        con.close()
    assert len(weeks) == HISTORY_WEEKS  # the weeks the demo planned before, each matched
    assert all(matched > 0 for _, matched in weeks)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_demo_page_in_a_browser(
    browser: Any, demo: tuple[Path, ReviewFile], width: int
) -> None:
    _, page = demo
    report = inspect_page(browser, page.path, width, "demo")
    assert report.console == [], report.console
    assert report.requests == [page.path.resolve().as_uri()], report.requests
    assert CHARTS <= set(report.charts), (
        report.charts
    )  # (80/20 by days: once the model counts them)
    assert all(marks > 0 for marks in report.charts.values()), report.charts
    assert report.overflow == [], report.overflow
    assert report.opened_by_tag
    changes = page.week.adjusted["changes"]
    assert [(c["rule"], c["message"]) for c in report.changes] == [
        (c["rule"], c["message"]) for c in changes
    ]
    assert all(c["evidence"] for c in report.changes)


def test_plan_review_writes_the_page_and_prints_its_path(
    demo: tuple[Path, ReviewFile], tmp_path: Path, season: SeasonSummary
) -> None:
    warehouse, _ = demo
    out = tmp_path / "review.html"
    env = {"RUNLIFT_CONFIG": str(tmp_path / "absent.toml"), "COLUMNS": "200"}
    args = ["--warehouse", str(warehouse), "--athlete", "demo", "plan", "review"]
    result = runner.invoke(
        app, [*args, "--week-start", str(season.next_week_start), "--out", str(out)], env=env
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == str(out)
    assert (
        f"review of the week of {season.next_week_start} (proposed, status proposed)"
        in result.stdout
    )
    assert out.stat().st_mode & 0o777 == 0o600
    assert "<!doctype html>" in out.read_text(encoding="utf-8")
    # a week that was never planned, and no plan file to plan it from: say what to do
    later = season.next_week_start.replace(year=season.next_week_start.year + 1)
    missing = runner.invoke(app, [*args, "--week-start", str(later)], env=env)
    assert missing.exit_code == 1
    assert "pass --plan PLAN.toml (or set [coach] plan in the config)" in missing.output
