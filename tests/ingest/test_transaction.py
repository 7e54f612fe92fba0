"""The one transaction helper: commit on success, roll back on every exception, re-raise."""

from __future__ import annotations

import duckdb
import pytest

from runlift_sync.db.transaction import transaction, writing
from runlift_sync.errors import WarehouseError


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("CREATE TABLE t (a INTEGER PRIMARY KEY)")
    return con


def rows(con: duckdb.DuckDBPyConnection) -> list[int]:
    return [r[0] for r in con.execute("SELECT a FROM t ORDER BY a").fetchall()]


def test_the_block_is_committed(con: duckdb.DuckDBPyConnection) -> None:
    with transaction(con) as same:
        same.execute("INSERT INTO t VALUES (1), (2)")
    assert rows(con) == [1, 2]


@pytest.mark.parametrize(
    "error",
    [duckdb.ConstraintException("dup"), ValueError("a bug"), KeyboardInterrupt()],
    ids=["duckdb", "bug", "ctrl-c"],
)
def test_every_exception_rolls_back_and_is_raised_unchanged(
    con: duckdb.DuckDBPyConnection, error: BaseException
) -> None:
    with pytest.raises(type(error)) as raised, transaction(con):
        con.execute("INSERT INTO t VALUES (1)")
        raise error
    assert raised.value is error
    assert rows(con) == []
    with transaction(con):  # the connection is usable again
        con.execute("INSERT INTO t VALUES (3)")
    assert rows(con) == [3]


def test_a_failed_commit_raises_its_own_error(con: duckdb.DuckDBPyConnection) -> None:
    # Two transactions insert the same key; the second only fails at COMMIT, which DuckDB
    # has already rolled back: the error says why (not "cannot rollback").
    other = con.cursor()
    with pytest.raises(duckdb.TransactionException, match="duplicate key"):
        with transaction(other):
            other.execute("INSERT INTO t VALUES (7)")
            with transaction(con):
                con.execute("INSERT INTO t VALUES (7)")
    assert rows(con) == [7]


def test_writing_tells_what_was_not_written(con: duckdb.DuckDBPyConnection) -> None:
    with (
        pytest.raises(WarehouseError, match=r"could not write the sets .* and sync again$"),
        writing(con, "the sets", then="sync again"),
    ):
        con.execute("INSERT INTO t VALUES (1), (1)")
    assert rows(con) == []
    with pytest.raises(ValueError, match="a bug"), writing(con, "x", then="y"):
        con.execute("INSERT INTO t VALUES (1)")
        raise ValueError("a bug")
    assert rows(con) == []
