"""One declaration per schema: the polars frames the model builds agree with the tables of
`warehouse/model/*.sql` (the source of truth) column for column, names, order and types."""

from __future__ import annotations

import duckdb
import polars as pl
import pytest

from runlift_sync.model.compute import MART_NAMES, MART_SCHEMAS
from runlift_sync.model.features import FEATURE_SCHEMA
from runlift_sync.model.schema import model_ddl


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for sql in model_ddl().values():
        con.execute(sql)
    return con


def sql_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    return con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? "
        "ORDER BY column_index",
        [table],
    ).fetchall()


def frame_columns(
    con: duckdb.DuckDBPyConnection, schema: dict[str, pl.DataType]
) -> list[tuple[str, str]]:
    """The DuckDB types a frame of `schema` arrives as (what the refresh inserts)."""
    con.register("__frame", pl.DataFrame(schema=schema))
    try:
        return [(r[0], r[1]) for r in con.sql("DESCRIBE SELECT * FROM __frame").fetchall()]
    finally:
        con.unregister("__frame")


def test_every_model_table_has_a_schema() -> None:
    assert set(model_ddl()) == {*MART_NAMES, "activity_features"}


@pytest.mark.parametrize("mart", MART_NAMES)
def test_the_mart_frame_is_its_table(con: duckdb.DuckDBPyConnection, mart: str) -> None:
    assert frame_columns(con, MART_SCHEMAS[mart]) == sql_columns(con, mart)


def test_the_feature_cache_is_its_table(con: duckdb.DuckDBPyConnection) -> None:
    # the cache adds who and when (and the file) to the computed features
    stored = {"athlete": "VARCHAR", "file_sha256": "VARCHAR", "computed_at": "TIMESTAMP"}
    table = sql_columns(con, "activity_features")
    assert [c for c in table if c[0] in stored] == list(stored.items())
    assert [c for c in table if c[0] not in stored] == frame_columns(con, FEATURE_SCHEMA)
