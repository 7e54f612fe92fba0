"""Point 5: a warehouse in a read-only folder: reading works, writing says so in one line."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile.conftest import invoke, run, write_runs


@pytest.fixture
def read_only_warehouse(tmp_path: Path, warehouse: Path) -> Iterator[Path]:
    write_runs(tmp_path / "in", 2)
    assert invoke("import", "--no-refresh", str(tmp_path / "in")).exit_code == 0
    lock = warehouse.with_name(warehouse.name + ".lock")
    lock.unlink(missing_ok=True)
    os.chmod(warehouse, 0o444)
    os.chmod(warehouse.parent, 0o555)
    try:
        yield warehouse
    finally:
        os.chmod(warehouse.parent, 0o755)


def test_reading_needs_no_lock_file(read_only_warehouse: Path, env: dict[str, str]) -> None:
    done = run(
        "sql", "SELECT count(*) AS n FROM activities", "-f", "csv", env=env, unprivileged=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["n", "2"]
    done = run("status", env=env, unprivileged=True)
    assert done.returncode == 0, done.stderr
    assert "running" in done.stdout


@pytest.mark.parametrize(
    "command", [["import", "--no-refresh"], ["refresh"], ["demo", "--weeks", "1"]]
)
def test_writing_says_why_in_one_line(
    read_only_warehouse: Path, env: dict[str, str], tmp_path: Path, command: list[str]
) -> None:
    args = [*command, str(tmp_path / "in")] if command[0] == "import" else command
    if command[0] == "demo":
        args = [*command, "--warehouse", str(read_only_warehouse)]
    done = run(*args, env=env, unprivileged=True)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert lines[0].startswith("error:"), done.stderr
    assert "not writable" in done.stderr
