"""Points 9 and 11: a missing warehouse or folder is one clear line and a documented exit code."""

from __future__ import annotations

from pathlib import Path

from tests.hostile.conftest import invoke, run


def test_refresh_without_a_warehouse_creates_nothing(warehouse: Path) -> None:
    result = invoke("refresh")
    assert result.exit_code == 1
    assert "no warehouse at" in result.output and "runlift import" in result.output
    assert not warehouse.exists()


def test_sync_of_a_missing_folder(tmp_path: Path, env: dict[str, str], warehouse: Path) -> None:
    done = run("sync", "--folder", str(tmp_path / "nonexistent"), env=env)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "ERROR" not in done.stderr
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("error:") and "nonexistent" in lines[0]
    assert "does not exist" in lines[0]
    assert not warehouse.exists()
