"""The one way to let SQL read an in-memory frame: `with registered(con, name, frame): ...`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

import duckdb


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, name: str, frame: Any) -> Iterator[None]:
    """`frame` (Arrow, polars, pandas) readable as the view `name` inside the block.

    When the block fails, unregistering may fail too (DuckDB refuses every statement in an
    aborted transaction, even that one): the block's error is the one raised, not that one."""
    con.register(name, frame)
    try:
        yield
    except BaseException:
        with suppress(duckdb.Error):
            con.unregister(name)
        raise
    con.unregister(name)
