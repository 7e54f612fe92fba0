"""The demo season end to end: imported over the USB source, modelled, and the demo plan
adjusted for several reasons at once; the example queries of `warehouse/queries/` run on it."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from runlift_sync.config import AthleteConfig
from runlift_sync.demo import SeasonSummary
from runlift_sync.demo.workflow import demo_settings, model_and_plan
from runlift_sync.ingest import import_paths
from tests.conftest import ROOT

QUERIES = sorted((ROOT / "warehouse" / "queries").glob("*.sql"))


@pytest.fixture(scope="module")
def planned(season: SeasonSummary, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    warehouse = tmp_path_factory.mktemp("demo-wh") / "demo.duckdb"
    athlete = AthleteConfig(
        timezone="Europe/Berlin", sex="female", hr_max=188, hr_rest=48, hr_threshold=171
    )
    settings = demo_settings(warehouse, athlete).settings
    summary = import_paths(settings, [season.mount], workers=1)
    assert summary.ok, summary.counts
    week = model_and_plan(settings, season).week
    return warehouse, week.to_dict()


def test_the_coach_adjusts_the_demo_plan_for_several_reasons(
    planned: tuple[Path, dict], season: SeasonSummary
) -> None:
    _, week = planned
    assert week["week_start"] == str(season.next_week_start)
    rules = {c["rule"] for c in week["changes"]}
    # the story: too much too soon, tired, too much intensity, too long a leg session
    assert {"mileage-ramp", "fatigue-flags", "eighty-twenty", "lifting-by-phase"} <= rules
    assert week["planned_km"] < 80  # the plan asked for 80 km
    assert week["signals"]["tsb"] < -30
    for change in week["changes"]:
        assert change["message"] and isinstance(change["evidence"], dict)


@pytest.mark.parametrize("query", QUERIES, ids=[q.stem for q in QUERIES])
def test_example_queries_run_on_the_demo_warehouse(planned: tuple[Path, dict], query: Path) -> None:
    warehouse, _ = planned
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute(query.read_text(encoding="utf-8")).fetchall()
    finally:
        con.close()
    if query.stem in ("weekly_mileage_and_split", "strength_progress", "plan_changes"):
        assert rows, f"{query.name} returned nothing on the demo season"
