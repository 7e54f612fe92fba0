"""The hostile-input suite: bad names, bad files, bad queries, signals, permissions (issue 15)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from runlift_sync.cli import app
from tests.support.fit_builder import Segment, run_file

RUNLIFT = [sys.executable, "-m", "runlift_sync"]


def write_runs(folder: Path, n: int, *, first: datetime | None = None) -> list[Path]:
    """`n` small, distinct running files (one a day) in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    start = first or datetime(2025, 3, 3, 7, 0, tzinfo=UTC)
    paths = []
    for day in range(n):
        data = run_file(start + timedelta(days=day), [Segment(600, 3.0, 140)], step_s=10)
        path = folder / f"run-{day:02d}.fit"
        path.write_bytes(data)
        paths.append(path)
    return paths


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A fresh warehouse and no config file, for in-process and subprocess runs alike."""
    values = {
        "RUNLIFT_CONFIG": str(tmp_path / "absent-config.toml"),
        "RUNLIFT_WAREHOUSE": str(tmp_path / "wh" / "runlift.duckdb"),
        "RUNLIFT_LOCK_TIMEOUT": "5",
        "COLUMNS": "80",
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    return values


@pytest.fixture
def warehouse(env: dict[str, str]) -> Path:
    return Path(env["RUNLIFT_WAREHOUSE"])


def invoke(*args: str) -> Result:
    """`runlift ARGS` in this process (stdout and stderr together in `.output`)."""
    return CliRunner().invoke(app, list(args))


def obeying_permissions() -> list[str]:
    """A command prefix under which file permissions apply (root ignores them otherwise).

    As root: root without CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH, so a `chmod 000` folder
    is unreadable to it as to anyone. As anyone else: nothing to add.
    """
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]


def spawn(
    *args: str, env: dict[str, str], unprivileged: bool = False, **kwargs: object
) -> subprocess.Popen[str]:
    """`runlift ARGS` in a real process (`unprivileged`: one that file permissions stop)."""
    prefix = obeying_permissions() if unprivileged else []
    return subprocess.Popen(
        [*prefix, *RUNLIFT, *args],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,  # type: ignore[arg-type]
    )


def run(
    *args: str, env: dict[str, str], timeout: float = 300, unprivileged: bool = False
) -> subprocess.CompletedProcess[str]:
    proc = spawn(*args, env=env, unprivileged=unprivileged)
    out, err = proc.communicate(timeout=timeout)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
