"""What `runlift sql` may do: read the warehouse, and nothing else.

The connection is read-only and DuckDB itself is locked down before the query runs: no file
outside the warehouse is read or written (no COPY … TO, ATTACH, EXPORT), no extension is
installed or loaded, nothing is spilled to disk, and the settings cannot be changed back.
`--read-files DIR` lets queries read files under DIR (read_csv, read_parquet, …); only
queries run (SELECT and its forms, EXPLAIN, PRAGMA), so nothing is ever written there either.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import duckdb

from runlift_sync.errors import WarehouseError

#: Given when connecting (they cannot be set later once external access is off).
CONNECT_CONFIG: dict[str, Any] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "allow_persistent_secrets": False,
    "temp_directory": "",  # never spill to disk
}
#: SELECT covers FROM …, WITH …, VALUES, DESCRIBE, SHOW and SUMMARIZE.
QUERY_TYPES = frozenset(
    {
        duckdb.StatementType.SELECT,
        duckdb.StatementType.EXPLAIN,
        duckdb.StatementType.PRAGMA,
    }
)
NO_QUERY = 'no query given; e.g. runlift sql "FROM activities LIMIT 5"'
_EXPLAIN = re.compile(r"^\s*EXPLAIN\s+(ANALY[SZ]E\s+)?", re.IGNORECASE)


def lock_down(con: duckdb.DuckDBPyConnection, read_dirs: list[Path]) -> None:
    """Close every way out of the warehouse; `read_dirs` may be read by queries."""
    allowed = [str(d.expanduser().resolve()) + "/" for d in read_dirs]
    if allowed:
        con.execute("SET allowed_directories = ?", [allowed])
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")


def duckdb_message(exc: duckdb.Error) -> str:
    """DuckDB's message without the blank line and the caret drawing under it."""
    return str(exc).split("\n\n", 1)[0].strip()


def check_query(con: duckdb.DuckDBPyConnection, query: str) -> None:
    """Refuse, before running anything, statements other than queries."""
    if not query.strip():
        raise WarehouseError(NO_QUERY)
    try:
        statements = con.extract_statements(query)
    except duckdb.Error as exc:
        raise WarehouseError(f"query failed: {duckdb_message(exc)}") from exc
    if not statements:
        raise WarehouseError(NO_QUERY)
    for statement in statements:
        kind = statement.type
        if kind == duckdb.StatementType.EXPLAIN:  # EXPLAIN ANALYZE runs what it explains
            check_query(con, _EXPLAIN.sub("", statement.query, count=1))
            continue
        if kind not in QUERY_TYPES:
            words = statement.query.split()
            name = words[0].upper() if words else kind.name
            hint = (
                " To export, use --format csv or json and redirect the output."
                if name in ("COPY", "EXPORT")
                else ""
            )
            raise WarehouseError(
                "runlift sql only runs queries (SELECT, FROM, WITH, DESCRIBE, SHOW, SUMMARIZE, "
                f"EXPLAIN); {name} is not allowed: the warehouse is read-only here.{hint}"
            )
