"""Numbered schema migrations (`warehouse/migrations/NNN_name.sql`), applied automatically."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from importlib import resources

import duckdb

from runlift_sync.db.transaction import transaction
from runlift_sync.errors import WarehouseError

log = logging.getLogger(__name__)
MIGRATION_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def available_migrations() -> list[Migration]:
    folder = resources.files("warehouse") / "migrations"
    found: list[Migration] = []
    for entry in folder.iterdir():
        match = MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise WarehouseError(f"migrations must be numbered 001, 002, … without gaps: {versions}")
    return found


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    row = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply every migration newer than the warehouse, each in its own transaction."""
    have = current_version(con)
    migrations = available_migrations()
    if have > len(migrations):
        raise WarehouseError(
            f"the warehouse is at schema version {have}, newer than this runlift knows "
            f"({len(migrations)}); upgrade runlift"
        )
    applied: list[int] = []
    for migration in migrations[have:]:
        try:
            with transaction(con):
                con.execute(migration.sql)
                con.execute(
                    "INSERT INTO schema_version VALUES (?, ?, ?)",
                    [
                        migration.version,
                        migration.name,
                        dt.datetime.now(dt.UTC).replace(tzinfo=None),
                    ],
                )
        except duckdb.Error as exc:
            raise WarehouseError(
                f"migration {migration.version:03d}_{migration.name} failed: {exc}"
            ) from exc
        log.info("applied migration %03d_%s", migration.version, migration.name)
        applied.append(migration.version)
    return applied
