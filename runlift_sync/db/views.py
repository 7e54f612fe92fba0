"""(Re)creates the SQL views defined one per file under `warehouse/` (staging, then marts)."""

from __future__ import annotations

import re
from functools import cache
from graphlib import CycleError, TopologicalSorter
from importlib import resources

import duckdb

from runlift_sync.db.transaction import transaction
from runlift_sync.errors import WarehouseError

VIEW_LAYERS = ("staging", "marts")


@cache
def view_sql() -> dict[str, str]:
    """Object name → SQL text, in dependency order; the file name is the object's name."""
    found: dict[str, str] = {}
    root = resources.files("warehouse")
    for layer in VIEW_LAYERS:
        folder = root / layer
        entries = sorted(
            (e for e in folder.iterdir() if e.name.endswith(".sql")), key=lambda e: e.name
        )
        for entry in entries:
            found[entry.name.removesuffix(".sql")] = entry.read_text(encoding="utf-8")
    graph: dict[str, set[str]] = {}
    for name, sql in found.items():
        body = re.sub(r"--[^\n]*", "", sql)
        graph[name] = {
            other
            for other in found
            if other != name and re.search(rf"\b{re.escape(other)}\b", body)
        }
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise WarehouseError(f"views depend on each other in a cycle: {exc.args[1]}") from exc
    return {name: found[name] for name in order}


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """Create or replace every view, in dependency order, in one transaction."""
    with transaction(con):
        for name, sql in view_sql().items():
            try:
                con.execute(sql)
            except duckdb.Error as exc:
                raise WarehouseError(f"cannot create view {name}: {exc}") from exc
