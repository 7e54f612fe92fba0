"""Point 3: a folder or file that cannot be read is reported (exit code 2), never skipped."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile.conftest import invoke, run, write_runs


@pytest.fixture
def tree(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "archive"
    write_runs(root / "2024", 2)
    write_runs(root / "locked", 1)
    os.chmod(root / "locked", 0)
    (root / "secret.fit").write_bytes(b"x")
    os.chmod(root / "secret.fit", 0)
    try:
        yield root
    finally:
        os.chmod(root / "locked", 0o755)


def test_unreadable_folder_and_file_are_reported(tree: Path, env: dict[str, str]) -> None:
    done = run("import", "--no-refresh", str(tree), env=env, unprivileged=True)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert f"cannot read the folder {tree / 'locked'}" in done.stdout
    assert f"cannot read {tree / 'secret.fit'}" in done.stdout
    assert "unreadable" in done.stdout


def test_a_symlink_loop_named_fit(tmp_path: Path, warehouse: Path) -> None:
    folder = tmp_path / "in"
    write_runs(folder, 1)
    (folder / "loop.fit").symlink_to(folder / "loop.fit")
    result = invoke("import", "--no-refresh", str(folder))
    assert result.exit_code == 2, result.output
    assert "loop.fit" in result.output and "Traceback" not in result.output
