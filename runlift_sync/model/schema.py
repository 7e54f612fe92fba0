"""The model's tables in the warehouse: applying `warehouse/model/*.sql` and writing frames (I/O).

The tables hold derived data, so they are not migrated: each file's SHA-256 is kept in
`model_schema`; when a file changes, its table is dropped and created again (the next refresh
refills it). Rows are replaced per athlete inside the caller's transaction.

The SQL files are the source of truth for the model's tables (types and the documentation of
every column); the polars schemas the transforms build (`compute.MART_SCHEMAS`,
`features.FEATURE_SCHEMA`) must agree with them, which `tests/model/test_mart_schemas.py` checks.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from importlib import resources

import duckdb
import polars as pl

from runlift_sync.db.frames import registered
from runlift_sync.db.transaction import transaction
from runlift_sync.errors import WarehouseError

log = logging.getLogger(__name__)

MODEL_SCHEMA_DDL = """
CREATE TABLE IF NOT EXISTS model_schema (
    table_name  VARCHAR PRIMARY KEY,
    ddl_sha256  VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL
);
COMMENT ON TABLE model_schema IS 'Which version (SHA-256 of warehouse/model/<table>.sql) each model table was created from.';
COMMENT ON COLUMN model_schema.table_name IS 'Model table.';
COMMENT ON COLUMN model_schema.ddl_sha256 IS 'SHA-256 of the SQL file the table was created from.';
COMMENT ON COLUMN model_schema.created_at IS 'When the table was (re)created, UTC.';
"""


def model_ddl() -> dict[str, str]:
    """Table name → SQL text of `warehouse/model/<table>.sql`."""
    folder = resources.files("warehouse") / "model"
    return {
        entry.name.removesuffix(".sql"): entry.read_text(encoding="utf-8")
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".sql")
    }


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def ensure_model_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Create the model tables that are missing or whose SQL changed; returns those (re)made."""
    made: list[str] = []
    try:
        con.execute(MODEL_SCHEMA_DDL)
        have = dict(con.execute("SELECT table_name, ddl_sha256 FROM model_schema").fetchall())
        existing = {
            row[0]
            for row in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'"
            ).fetchall()
        }
        for name, sql in model_ddl().items():
            digest = _sha(sql)
            if have.get(name) == digest and name in existing:
                continue
            with transaction(con):
                con.execute(f'DROP TABLE IF EXISTS "{name}"')
                con.execute(sql)
                con.execute(
                    "INSERT OR REPLACE INTO model_schema VALUES (?, ?, ?)",
                    [name, digest, dt.datetime.now(dt.UTC).replace(tzinfo=None)],
                )
            log.info("model table %s (re)created", name)
            made.append(name)
    except duckdb.Error as exc:
        raise WarehouseError(
            f"cannot create the model tables: {exc}. Check that nothing else holds the "
            "warehouse and run `runlift refresh` again"
        ) from exc
    return made


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = ? AND schema_name = 'main' "
        "ORDER BY column_index",
        [table],
    ).fetchall()
    return [r[0] for r in rows]


def has_relation(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether a table or view of that name exists (e.g. Garmin Connect's staging views)."""
    row = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = ? "
        "UNION ALL SELECT count(*) FROM duckdb_views() WHERE view_name = ?",
        [name, name],
    ).fetchall()
    return any(r[0] for r in row)


def replace_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    frame: pl.DataFrame,
    *,
    athlete: str,
    where: str = "",
    params: list[object] | None = None,
) -> None:
    """Delete the athlete's rows of `table` (optionally narrowed by `where`), insert `frame`."""
    con.execute(f'DELETE FROM "{table}" WHERE athlete = ? {where}', [athlete, *(params or [])])
    if frame.is_empty():
        return
    with registered(con, "__model_rows", frame):
        con.execute(f'INSERT INTO "{table}" BY NAME SELECT * FROM __model_rows')
