"""The import / sql / status commands end to end, in process."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from runlift_sync.cli import app

runner = CliRunner()


@pytest.fixture
def warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RUNLIFT_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("RUNLIFT_WAREHOUSE", str(tmp_path / "wh" / "runlift.duckdb"))
    return tmp_path / "wh" / "runlift.duckdb"


def test_import_sql_status(warehouse: Path, data_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(data_dir / "garmin-fenix-5-run.fit", folder / "run.fit")
    shutil.copy(data_dir / "fenix6s-strength-training.fit", folder / "lift.fit")
    result = runner.invoke(app, ["import", str(folder)])
    assert result.exit_code == 0, result.output
    assert "new" in result.output and "2" in result.output
    assert warehouse.exists()

    result = runner.invoke(
        app,
        [
            "sql",
            "SELECT sport, round(distance_m, 2) AS d FROM activities ORDER BY sport",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [
        {"sport": "running", "d": 157.56},
        {"sport": "training", "d": 0.0},
    ]
    result = runner.invoke(app, ["sql", "SELECT count(*) AS n FROM raw_record", "--format", "csv"])
    assert result.output.splitlines() == ["n", "594"]  # 21 + 573 records

    result = runner.invoke(app, ["status"])
    assert result.exit_code == 0, result.output
    assert "running" in result.output and "training" in result.output


def test_sql_is_read_only(warehouse: Path, data_dir: Path) -> None:
    runner.invoke(app, ["import", str(data_dir / "garmin-fenix-5-run.fit")])
    result = runner.invoke(app, ["sql", "DELETE FROM fit_files"])
    assert result.exit_code == 1
    assert "read-only" in result.output.lower()
    result = runner.invoke(app, ["sql", "SELECT count(*) AS n FROM fit_files", "-f", "csv"])
    assert result.output.splitlines()[1] == "1"


def test_exit_code_2_when_files_are_quarantined(
    warehouse: Path, data_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(data_dir / "garmin-fenix-5-run.fit", folder / "run.fit")
    (folder / "junk.fit").write_bytes(b"junk" * 10)
    result = runner.invoke(app, ["import", str(folder)])
    assert result.exit_code == 2
    assert "quarantined" in result.output
    assert "junk.fit" in result.output


def test_helpful_errors_without_traceback(warehouse: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 1
    assert "no warehouse" in result.output and "runlift import" in result.output
    result = runner.invoke(app, ["import", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "does not exist" in result.output
    bad = tmp_path / "bad.toml"
    bad.write_text("[athletes.me]\nhr_max = 'high'\n")
    result = runner.invoke(app, ["--config", str(bad), "status"])
    assert result.exit_code == 1
    assert 'line 2: [athletes.me]: hr_max = "high" must be a whole number' in result.output
    assert "Traceback" not in result.output
