"""Reading the model's marts back as polars frames (for the coach and notebooks)."""

from __future__ import annotations

import duckdb
import polars as pl

from runlift_sync.errors import WarehouseError
from runlift_sync.model.compute import MART_NAMES
from runlift_sync.model.schema import has_relation

ORDER_BY = {
    "runs": "start_time_utc, activity_id",
    "lift_sets": "activity_id, set_index",
    "lift_sessions": "start_time_utc, activity_id",
    "activity_load": "start_time_utc, activity_id",
    "daily_load": "date",
    "fitness": "date",
    "wellness_daily": "date",
    "weekly_summary": "week_start",
    "athlete_profile": "athlete",
}


def load_marts(con: duckdb.DuckDBPyConnection, athlete: str) -> dict[str, pl.DataFrame]:
    """Every mart of `athlete` as a polars frame, keyed by table name (works read-only).

    Keys: runs, lift_sets, lift_sessions, activity_load, daily_load, fitness, wellness_daily,
    weekly_summary, athlete_profile. Raises WarehouseError when the marts were never built.
    """
    missing = [name for name in MART_NAMES if not has_relation(con, name)]
    if missing:
        raise WarehouseError(
            f"the warehouse has no {', '.join(missing)} yet: run `runlift refresh` "
            "(or import something) to build the training model"
        )
    return {
        name: con.sql(
            f'SELECT * FROM "{name}" WHERE athlete = ? ORDER BY {ORDER_BY[name]}', params=[athlete]
        ).pl()
        for name in MART_NAMES
    }
