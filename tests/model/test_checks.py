"""The invariant checks of warehouse/checks/: they pass on a refreshed warehouse and catch breakage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import duckdb
import pytest

from runlift_sync.model.checks import check_sql, failed_checks, run_checks
from tests.model.model_support import Built, build
from tests.support.fit_builder import Segment, SetDef, lift_file, run_file

T0 = dt.datetime(2024, 5, 6, 5, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    files = {
        f"run{i}.fit": run_file(T0 + dt.timedelta(days=2 * i), [Segment(2400, 2.9, 150 + 3 * i)])
        for i in range(6)
    }
    files["lift.fit"] = lift_file(
        T0 + dt.timedelta(days=1, hours=12),
        [SetDef("squat", 5, 90.0), SetDef("squat", 5, 90.0), SetDef("lunge", 8, 30.0)],
    )
    return build(tmp_path_factory.mktemp("checks"), files, today=dt.date(2024, 5, 26))


def test_there_are_checks_for_the_issue_invariants() -> None:
    names = set(check_sql())
    assert {
        "weekly_km_matches_runs",
        "weekly_shares_sum_to_one",
        "runs_key_unique",
        "weekly_summary_key_unique",
        "daily_load_calendar_complete",
        "fitness_key_unique",
        "lift_sets_key_unique",
        "wellness_daily_key_unique",
    } <= names


def test_every_check_passes_on_a_refreshed_warehouse(warehouse: duckdb.DuckDBPyConnection) -> None:
    results = run_checks(warehouse)
    assert results and all(rows.is_empty() for rows in results.values()), {
        name: rows for name, rows in results.items() if not rows.is_empty()
    }


BREAKAGES = [
    ("UPDATE weekly_summary SET run_km = run_km + 1 WHERE n_runs > 0", "weekly_km_matches_runs"),
    (
        "UPDATE weekly_summary SET easy_share = 0.9, hard_share = 0.2 WHERE n_runs > 0",
        "weekly_shares_sum_to_one",
    ),
    ("INSERT INTO runs SELECT * FROM runs LIMIT 1", "runs_key_unique"),
    (
        "UPDATE runs SET intensity_reason = NULL WHERE activity_id IN (SELECT min(activity_id) FROM runs)",
        "runs_classified",
    ),
    (
        "DELETE FROM daily_load WHERE date = (SELECT min(date) + 3 FROM daily_load)",
        "daily_load_calendar_complete",
    ),
    ("UPDATE lift_sets SET e1rm_kg = e1rm_kg + 1", "lift_sets_epley"),
    (
        "UPDATE weekly_summary SET hard_days = hard_days + 1 WHERE training_days > 0",
        "weekly_hard_days_match_sessions",
    ),
    ("UPDATE lift_sessions SET lower_body = NOT lower_body", "weekly_hard_days_match_sessions"),
    (
        "UPDATE fitness SET ctl = 1e6 WHERE date = (SELECT max(date) FROM fitness)",
        "fitness_bounded",
    ),
]


@pytest.fixture(scope="module")
def warehouse(built: Built) -> Iterator[duckdb.DuckDBPyConnection]:
    with built.writer() as con:
        yield con


@pytest.mark.parametrize(("statement", "check"), BREAKAGES, ids=[b[1] for b in BREAKAGES])
def test_a_broken_mart_fails_its_check(
    warehouse: duckdb.DuckDBPyConnection, statement: str, check: str
) -> None:
    warehouse.execute("BEGIN TRANSACTION")
    try:
        warehouse.execute(statement)
        failures = failed_checks(warehouse)
    finally:
        warehouse.execute("ROLLBACK")
    assert check in failures
    assert failed_checks(warehouse) == {}
