"""Point 10: everything runlift writes is owner-only, and no lock file is left behind."""

from __future__ import annotations

import stat
from pathlib import Path

import duckdb

from runlift_sync.private_files import write_private
from tests.hostile.conftest import invoke, write_runs


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_warehouse_raw_store_and_exports_are_owner_only(tmp_path: Path, warehouse: Path) -> None:
    write_runs(tmp_path / "in", 2)
    result = invoke("import", str(tmp_path / "in"))
    assert result.exit_code == 0, result.output

    assert _mode(warehouse) == 0o600
    assert _mode(warehouse.parent) == 0o700
    written = [p for p in warehouse.parent.rglob("*")]
    assert written
    for path in written:
        assert _mode(path) & 0o077 == 0, f"{path} is {oct(_mode(path))}"
    raw_dirs = [p for p in (warehouse.parent / "raw").rglob("*") if p.is_dir()]
    assert raw_dirs and all(_mode(p) == 0o700 for p in raw_dirs)
    assert not warehouse.with_name(warehouse.name + ".lock").exists()

    plan = tmp_path / "plans" / "plan.toml"
    assert invoke("plan", "init", "--template", "base", "--out", str(plan)).exit_code == 0
    assert _mode(plan) == 0o600


def test_an_old_readable_warehouse_is_made_owner_only(tmp_path: Path, warehouse: Path) -> None:
    warehouse.parent.mkdir(parents=True)
    duckdb.connect(str(warehouse)).close()
    warehouse.chmod(0o644)
    write_runs(tmp_path / "in", 1)
    assert invoke("import", "--no-refresh", str(tmp_path / "in")).exit_code == 0
    assert _mode(warehouse) == 0o600


def test_write_private_is_atomic_and_owner_only(tmp_path: Path) -> None:
    page = write_private(tmp_path / "review" / "week.html", "<p>[x] :x:</p>")
    assert _mode(page) == 0o600 and _mode(page.parent) == 0o700
    assert page.read_text() == "<p>[x] :x:</p>"
    assert [p.name for p in page.parent.iterdir()] == ["week.html"]
