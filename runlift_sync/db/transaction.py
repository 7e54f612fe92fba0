"""The one way to write to the warehouse in a transaction: `with transaction(con): ...`.

What it rolls back on: **every exception** raised inside the block — a DuckDB error, a bug in
the caller, Ctrl-C (KeyboardInterrupt), a SystemExit — is answered with ROLLBACK and then
re-raised, so the block is kept wholly or not at all. A Ctrl-C or SIGTERM that arrived inside
a DuckDB query (which DuckDB turns into "Query interrupted") is raised again as the stop it
was (`runlift_sync.stopping`). When the block ends normally the transaction is committed; a
COMMIT that fails (a constraint only checked at commit) has already been rolled back by
DuckDB, and its error is raised as is.

`transaction` never translates errors. `writing` is the same transaction for the writers whose
failure the user must act on (the loader, the model refresh, the Garmin store): a DuckDB error
becomes a `WarehouseError` saying what was not written and what to do next.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

from runlift_sync.errors import WarehouseError
from runlift_sync.stopping import raise_if_stopping


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """BEGIN; run the block; COMMIT — or ROLLBACK and re-raise on any exception."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException as exc:
        con.execute("ROLLBACK")
        raise_if_stopping(exc)  # a Ctrl-C or SIGTERM that DuckDB turned into an error
        raise
    con.execute("COMMIT")


@contextmanager
def writing(
    con: duckdb.DuckDBPyConnection, what: str, *, then: str
) -> Iterator[duckdb.DuckDBPyConnection]:
    """`transaction`, with a DuckDB error raised as a WarehouseError naming `what` was not
    written and `then`, the command to run again once the cause is fixed."""
    try:
        with transaction(con):
            yield con
    except duckdb.Error as exc:
        raise WarehouseError(
            f"could not write {what} to the warehouse: {exc}. Nothing of it was kept; fix the "
            f"cause (disk space? permissions?) and {then}"
        ) from exc
