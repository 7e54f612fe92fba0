"""`runlift sync`, `replan`, `backfill`, `serve` from the command line, in process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines import runtime
from runlift_sync.cli import app
from runlift_sync.demo import SeasonSummary
from tests.pipelines.helpers import count

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, config_file: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    warehouse = tmp_path / "wh" / "runlift.duckdb"
    monkeypatch.setenv("RUNLIFT_CONFIG", str(config_file))
    monkeypatch.setenv("RUNLIFT_WAREHOUSE", str(warehouse))
    return warehouse


def test_one_sync_command_covers_every_source() -> None:
    result = runner.invoke(app, ["sync", "--help"])
    assert result.exit_code == 0
    for option in ("--watch", "--folder", "--garmin", "--since"):
        assert option in result.output


@pytest.mark.usefixtures("prefect_server")
def test_sync_a_watch_then_a_broken_folder(
    env: Path, season: SeasonSummary, tmp_path: Path
) -> None:
    result = runner.invoke(app, ["sync", "--watch", str(season.mount)])
    assert result.exit_code == 0, result.output
    assert "usb_watch" in result.output and "ok" in result.output
    assert "marts:" in result.output
    assert count(env, "SELECT count(*) FROM fit_files") == len(season.paths)

    # a folder given on the command line must exist: one line, nothing runs
    gone = tmp_path / "gone"
    result = runner.invoke(app, ["sync", "--watch", str(season.mount), "--folder", str(gone)])
    assert result.exit_code == 1, result.output
    assert result.output.startswith("error:") and "does not exist" in result.output

    # a folder of the config that is gone tonight (a disk not mounted) fails alone
    config = Path(os.environ["RUNLIFT_CONFIG"])
    config.write_text(
        f'athlete = "demo"\n[sources]\nwatch = "{season.mount}"\nfolders = ["{gone}"]\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["sync"])
    assert result.exit_code == 2, result.output  # the folder failed, the watch still ran
    said = " ".join(result.output.split())  # the console wraps long paths at its width
    assert "failed" in said and "does not exist" in said


def test_replan_without_a_server_runs_directly(env: Path) -> None:
    result = runner.invoke(app, ["replan"])
    assert result.exit_code == 0, result.output
    assert "marts:" in result.output
    assert "Prefect flow run" not in result.output  # no server: no flow run to look at


def test_sync_reports_to_the_server_of_a_running_serve(
    env: Path, season: SeasonSummary, prefect_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No PREFECT_API_URL, but `runlift serve` runs for this data directory: its server gets
    the flow run (here the test server plays the part of serve's)."""
    monkeypatch.delenv("PREFECT_API_URL")
    ui = "http://127.0.0.1:4299"
    with runtime.record_server(env.parent, prefect_server, ui) as record:
        assert runtime.reporting_api(env.parent) == runtime.Api(prefect_server, ui)
        result = runner.invoke(app, ["sync", "--watch", str(season.mount)])
    assert result.exit_code == 0, result.output
    assert f"Prefect flow run: {ui}/runs/flow-run/" in result.output
    assert not record.exists()  # serve stopped: the record is gone, later runs go directly
    assert runtime.reporting_api(env.parent) is None


def test_a_stale_serve_record_is_ignored(env: Path, tmp_path: Path) -> None:
    """A record left by a `runlift serve` that was killed: its process is gone."""
    record = runtime.prefect_dir(env.parent) / runtime.SERVER_RECORD
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    record.write_text(
        json.dumps({"api_url": "http://127.0.0.1:9/api", "ui_url": "", "pid": int(gone.stdout)}),
        encoding="utf-8",
    )
    assert runtime.reporting_api(env.parent) is None
    assert oct(record.parent.stat().st_mode & 0o777) == "0o700"  # owner-only


def test_wrong_options_fail_before_any_flow_runs(env: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["backfill", str(tmp_path), "--runner", "threads"])
    assert result.exit_code == 1
    assert "use process or dask" in result.output
    result = runner.invoke(app, ["backfill", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "does not exist" in result.output
    result = runner.invoke(app, ["serve", "--cron", "every night"])
    assert result.exit_code == 1
    assert 'cron = "every night" is not a cron expression' in result.output
    result = runner.invoke(app, ["sync", "--garmin", "--since", "2999-01-01"])
    assert result.exit_code == 1
    assert "in the future" in result.output


def test_backfill_without_a_server_runs_directly(env: Path, season: SeasonSummary) -> None:
    result = runner.invoke(app, ["backfill", str(season.mount), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert count(env, "SELECT count(*) FROM fit_files") == len(season.paths)
    assert f"{len(season.paths)} files: {len(season.paths)} new;" in result.output
    assert "marts:" in result.output
    result = runner.invoke(app, ["backfill", str(season.mount), "--runner", "dask"])
    assert result.exit_code == 1
    assert "report to a Prefect server" in result.output  # Dask workers need one
