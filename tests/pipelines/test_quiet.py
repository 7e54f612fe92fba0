"""`runlift sync` with no Prefect server configured: a temporary one, and a quiet console."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from runlift_sync.demo import SeasonSummary
from tests.pipelines.helpers import count


@pytest.mark.slow  # a whole CLI process starting its own temporary Prefect server (~30 s)
def test_a_healthy_sync_prints_no_errors_and_the_server_stops_quietly(
    season: SeasonSummary, tmp_path: Path
) -> None:
    warehouse = tmp_path / "wh" / "runlift.duckdb"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env |= {
        "PREFECT_HOME": str(tmp_path / "prefect-home"),  # its own Prefect database
        "RUNLIFT_CONFIG": str(tmp_path / "absent.toml"),
        "RUNLIFT_WAREHOUSE": str(warehouse),
        "RUNLIFT_WORKERS": "1",
    }
    done = subprocess.run(
        [sys.executable, "-m", "runlift_sync", "sync", "--watch", str(season.mount)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "starting a temporary Prefect server" in done.stderr
    for noise in ("ERROR", "Traceback", "Error flushing"):
        assert noise not in done.stdout + done.stderr
    assert count(warehouse, "SELECT count(*) FROM fit_files") == len(season.paths)
    # the run was recorded in the temporary server's database, every task run finished
    assert (tmp_path / "prefect-home" / "prefect.db").exists()
