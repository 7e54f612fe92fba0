"""(Re)creates the SQL views and tables defined one per file under `warehouse/` (staging, marts)."""

from __future__ import annotations

from importlib import resources

import duckdb

from runlift_sync.errors import WarehouseError

VIEW_LAYERS = ("staging", "marts")


def view_sql() -> dict[str, str]:
    """Object name → SQL text, staging before marts; the file name is the object's name."""
    found: dict[str, str] = {}
    root = resources.files("warehouse")
    for layer in VIEW_LAYERS:
        folder = root / layer
        entries = sorted(
            (e for e in folder.iterdir() if e.name.endswith(".sql")), key=lambda e: e.name
        )
        for entry in entries:
            found[entry.name.removesuffix(".sql")] = entry.read_text(encoding="utf-8")
    return found


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """Create or replace every view; views that depend on others are retried until all exist."""
    pending = view_sql()
    while pending:
        failures: dict[str, str] = {}
        for name, sql in pending.items():
            try:
                con.execute(sql)
            except duckdb.CatalogException as exc:
                failures[name] = str(exc)
        if len(failures) == len(pending):
            detail = "; ".join(f"{n}: {e}" for n, e in failures.items())
            raise WarehouseError(f"cannot create views: {detail}")
        pending = {name: pending[name] for name in failures}
