"""Points 2, 8 and 12: `runlift sql` reads the warehouse and nothing else, says clearly what is
wrong with a query, stays readable at 80 columns, and waits out a writer with a message."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import duckdb
import pytest

from runlift_sync.db import open_writer
from tests.hostile.conftest import invoke, run, spawn, write_runs


@pytest.fixture
def loaded(tmp_path: Path, warehouse: Path) -> Path:
    write_runs(tmp_path / "in", 2)
    result = invoke("import", "--no-refresh", str(tmp_path / "in"))
    assert result.exit_code == 0, result.output
    return warehouse


def test_copy_to_writes_nothing(loaded: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("mine\n")
    result = invoke("sql", f"COPY (SELECT 42) TO '{victim}'")
    assert result.exit_code == 1
    assert "COPY is not allowed" in result.output
    assert victim.read_text() == "mine\n"
    # the same in a folder the user let queries read
    result = invoke("sql", "--read-files", str(tmp_path), f"COPY (SELECT 42) TO '{victim}'")
    assert result.exit_code == 1 and victim.read_text() == "mine\n"
    result = invoke("sql", f"EXPLAIN ANALYZE COPY (SELECT 42) TO '{victim}'")
    assert result.exit_code == 1 and victim.read_text() == "mine\n"


def test_attach_writes_no_other_database(loaded: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.duckdb"
    result = invoke(
        "sql", f"ATTACH '{other}' (READ_ONLY false); CREATE TABLE other.t AS SELECT 1 AS x"
    )
    assert result.exit_code == 1
    assert "ATTACH is not allowed" in result.output
    assert not other.exists()


def test_no_extension_installed_or_loaded(
    loaded: Path, tmp_path: Path, env: dict[str, str]
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    for statement in ("INSTALL httpfs", "LOAD httpfs"):
        done = run("sql", statement, env={**env, "HOME": str(home)})
        assert done.returncode == 1, done.stderr
        assert "not allowed" in done.stderr and "Traceback" not in done.stderr
    assert list(home.iterdir()) == []  # no ~/.duckdb/extensions


def test_external_files_only_when_asked_and_only_read(loaded: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "shoes.csv").write_text("shoe,km\npegasus,412\n")
    query = f"SELECT shoe, km FROM read_csv('{mine / 'shoes.csv'}')"
    refused = invoke("sql", query, "-f", "csv")
    assert refused.exit_code == 1
    assert "disabled by configuration" in refused.output or "Permission" in refused.output
    allowed = invoke("sql", "--read-files", str(mine), query, "-f", "csv")
    assert allowed.exit_code == 0, allowed.output
    assert allowed.output.splitlines() == ["shoe,km", "pegasus,412"]
    # a folder beside it stays closed
    outside = invoke("sql", "--read-files", str(mine), "SELECT * FROM read_text('/etc/hostname')")
    assert outside.exit_code == 1


def test_settings_cannot_be_reopened(loaded: Path) -> None:
    result = invoke("sql", "SET enable_external_access = true")
    assert result.exit_code == 1
    assert "not allowed" in result.output


def test_normal_queries_still_work(loaded: Path) -> None:
    for query in (
        "SELECT count(*) AS n FROM activities",
        "FROM activities SELECT count(*) AS n",
        "WITH a AS (SELECT * FROM activities) SELECT count(*) AS n FROM a",
    ):
        result = invoke("sql", query, "-f", "csv")
        assert result.exit_code == 0, result.output
        assert result.output.splitlines() == ["n", "2"]
    for query in (
        "DESCRIBE activities",
        "SHOW TABLES",
        "SUMMARIZE activities",
        "EXPLAIN FROM activities",
    ):
        result = invoke("sql", query, "-f", "csv")
        assert result.exit_code == 0, (query, result.output)


def test_empty_query_and_bad_max_rows(loaded: Path) -> None:
    for query in ("", "   ", ";"):
        result = invoke("sql", query)
        assert result.exit_code == 1, result.output
        assert "no query given" in result.output
        assert "Traceback" not in result.output and result.exception is not None
    result = invoke("sql", "SELECT 1", "--max-rows", "-1")
    assert result.exit_code == 1
    assert "--max-rows" in result.output
    result = invoke("sql", "SELEC 1")
    assert result.exit_code == 1
    assert result.output.count("\n") <= 2 and "syntax error" in result.output


def test_wide_result_is_readable_at_80_columns(loaded: Path) -> None:
    result = invoke("sql", "SELECT * FROM activities ORDER BY start_time_utc LIMIT 2")
    assert result.exit_code == 0, result.output
    assert "…" not in result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80
    for column in ("activity_id", "start_time_local", "distance_m", "summary_from"):
        assert column in result.output
    assert "one record per row" in result.output
    narrow = invoke("sql", "SELECT sport, count(*) AS n FROM activities GROUP BY sport")
    assert "record" not in narrow.output and "running" in narrow.output


def test_markup_in_data_is_printed_as_is(loaded: Path) -> None:
    result = invoke("sql", "SELECT '[athlete] :x: [bold]b[/]' AS \"[c]\"")
    assert result.exit_code == 0, result.output
    assert "[athlete] :x: [bold]b[/]" in result.output and "[c]" in result.output
    assert "❌" not in result.output


def test_sql_waits_for_a_writer_and_says_so(loaded: Path, env: dict[str, str]) -> None:
    holding = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with open_writer(loaded, timeout_s=5, command="runlift import"):
            holding.set()
            release.wait(60)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(30)
        proc = spawn("sql", "SELECT count(*) AS n FROM activities", "-f", "csv", env=env)
        deadline = time.monotonic() + 60
        line = ""
        while "waiting" not in line and time.monotonic() < deadline:
            line = proc.stderr.readline()  # type: ignore[union-attr]
        assert "waiting for runlift process" in line and "runlift import" in line
    finally:
        release.set()
        holder.join()
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert out.splitlines() == ["n", "2"]


def test_a_writer_waits_for_a_reader(loaded: Path, env: dict[str, str]) -> None:
    reader = duckdb.connect(str(loaded), read_only=True)
    timer = threading.Timer(1.0, reader.close)
    timer.start()
    done = run("import", "--no-refresh", str(loaded.parent / "raw"), env=env)
    timer.join()
    assert done.returncode in (0, 2), done.stderr
    assert "Traceback" not in done.stderr
