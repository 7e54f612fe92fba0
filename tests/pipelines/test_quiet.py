"""`runlift sync` with no Prefect server: the work runs directly, quietly, without Prefect.

A whole CLI process, as a person or a cron job runs it: nothing configures Prefect (no
PREFECT_API_URL, an empty PREFECT_HOME), so no temporary server is started, Prefect is not
even imported, and nothing is written to Prefect's home.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from runlift_sync.demo import SeasonSummary
from tests.pipelines.helpers import count

#: Runs the CLI like the `runlift` script, then reports which modules it imported.
CLI_THEN_MODULES = """
import atexit, json, sys
atexit.register(lambda: print("MODULES " + json.dumps(sorted(sys.modules))))
from runlift_sync.cli import app
app()
"""


def test_a_healthy_sync_without_a_server_runs_directly_and_quietly(
    season: SeasonSummary, tmp_path: Path
) -> None:
    warehouse = tmp_path / "wh" / "runlift.duckdb"
    prefect_home = tmp_path / "prefect-home"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "RUNLIFT_"))}
    env |= {
        "PREFECT_HOME": str(prefect_home),
        "RUNLIFT_CONFIG": str(tmp_path / "absent.toml"),
        "RUNLIFT_WAREHOUSE": str(warehouse),
        "RUNLIFT_WORKERS": "1",
    }
    done = subprocess.run(
        [sys.executable, "-c", CLI_THEN_MODULES, "sync", "--watch", str(season.mount)],
        cwd=tmp_path,  # no prefect.toml or .env here
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    output, _, modules = done.stdout.rpartition("MODULES ")
    assert done.returncode == 0, done.stdout + done.stderr
    for noise in ("ERROR", "Traceback", "Error flushing", "temporary"):
        assert noise not in output + done.stderr
    assert "usb_watch" in output and "marts:" in output
    assert count(warehouse, "SELECT count(*) FROM fit_files") == len(season.paths)
    imported = json.loads(modules)
    assert "prefect" not in imported  # not even imported
    assert "garminconnect" not in imported  # nor Garmin's library, for a watch
    assert not prefect_home.exists()  # nothing written to Prefect's home
