"""The CLI starts at once: `--help`, `sql`, `status` and `plan show` import neither Prefect,
garminconnect nor the demo simulator (those load inside the commands that need them).

Each case runs in a fresh interpreter (this test session has imported everything already)
and reports which of the heavy modules ended up in `sys.modules`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from runlift_sync.config import Settings
from runlift_sync.db import open_writer

ROOT = Path(__file__).resolve().parents[2]

#: Never imported by the quick commands.
HEAVY = ("prefect", "pipelines.nightly", "garminconnect", "runlift_sync.demo", "fitparse")
#: Not imported for `--help` either: help needs neither the warehouse nor the model.
NOT_FOR_HELP = (*HEAVY, "duckdb", "polars", "pyarrow", "runlift_sync.config")

PROBE = """
import json, sys
from typer.testing import CliRunner
from runlift_sync.cli import app
results = []
for args in json.loads(sys.argv[1]):
    result = CliRunner().invoke(app, args)
    results.append([args, result.exit_code, result.output])
print(json.dumps({"results": results, "modules": sorted(sys.modules)}))
"""


def probe(invocations: list[list[str]], env: dict[str, str]) -> tuple[list, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(invocations)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return report["results"], set(report["modules"])


def loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(n for n in names if n in modules or any(m.startswith(n + ".") for m in modules))


@pytest.fixture
def cli_env(settings: Settings) -> dict[str, str]:
    with open_writer(settings.warehouse, timeout_s=settings.lock_timeout_s):
        pass  # an empty warehouse, migrated: the commands below really run
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RUNLIFT_", "PREFECT_"))}
    return env | {
        "RUNLIFT_WAREHOUSE": str(settings.warehouse),
        "RUNLIFT_CONFIG": str(settings.config_path),
        "COLUMNS": "100",
    }


def test_help_imports_nothing_heavy(cli_env: dict[str, str]) -> None:
    helps = [["--help"], ["sql", "--help"], ["status", "--help"], ["plan", "show", "--help"]]
    results, modules = probe(helps, cli_env)
    assert [code for _, code, _ in results] == [0, 0, 0, 0], results
    assert "sync" in results[0][2] and "plan" in results[0][2]  # the help was really printed
    assert loaded(modules, NOT_FOR_HELP) == []


def test_quick_commands_import_neither_prefect_nor_garmin_nor_the_demo(
    cli_env: dict[str, str],
) -> None:
    runs = [["sql", "SELECT count(*) AS files FROM fit_files"], ["status"], ["plan", "show"]]
    results, modules = probe(runs, cli_env)
    (_, sql_code, sql_out), (_, status_code, status_out), (_, show_code, show_out) = results
    assert sql_code == 0 and "files" in sql_out, sql_out
    assert status_code == 0 and "warehouse" in status_out, status_out
    assert show_code == 1 and "no plan stored" in show_out, show_out  # ran, found no week
    assert "duckdb" in modules  # the commands did open the warehouse
    assert loaded(modules, HEAVY) == []
