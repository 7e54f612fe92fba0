"""Invariant checks on the model tables: `warehouse/checks/*.sql`, each returning offending rows."""

from __future__ import annotations

from importlib import resources

import duckdb
import polars as pl


def check_sql() -> dict[str, str]:
    """Check name (file name) → its query."""
    folder = resources.files("warehouse") / "checks"
    return {
        entry.name.removesuffix(".sql"): entry.read_text(encoding="utf-8")
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".sql")
    }


def run_checks(con: duckdb.DuckDBPyConnection) -> dict[str, pl.DataFrame]:
    """Every check's offending rows (an empty frame is a pass)."""
    return {name: con.sql(query).pl() for name, query in check_sql().items()}


def failed_checks(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Checks that found offending rows, with how many."""
    return {name: rows.height for name, rows in run_checks(con).items() if rows.height}
