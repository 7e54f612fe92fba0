"""Crash safety and concurrency: a killed import leaves nothing half-written; two never collide."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from runlift_sync.config import Settings
from runlift_sync.db.lock import warehouse_lock
from runlift_sync.errors import WarehouseBusyError
from tests.ingest.helpers import run_import, snapshot

RUNLIFT = [sys.executable, "-m", "runlift_sync"]


def runlift(
    *args: str, env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*RUNLIFT, *args],
        env={**os.environ, "RUNLIFT_CONFIG": "/nonexistent/config.toml", **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def history(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve real running files (several seconds of decoding)."""
    folder = tmp_path_factory.mktemp("history")
    for path in sorted((corpus / "easyathlete-ml").glob("*.fit"))[:12]:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def clean_import(history: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    clean = tmp_path_factory.mktemp("clean") / "w.duckdb"
    done = runlift("--warehouse", str(clean), "import", "--workers", "1", str(history))
    _, err = done.communicate(timeout=300)
    assert done.returncode == 0, err
    return snapshot(clean)


def _raw_files(warehouse: Path) -> int:
    root = warehouse.parent / "raw"
    return sum(1 for _ in root.glob("*/*.fit")) if root.exists() else 0


@pytest.mark.parametrize("kill_after_files", [2, 7])
def test_killed_import_then_rerun_equals_clean_import(
    history: Path, clean_import: dict[str, object], tmp_path: Path, kill_after_files: int
) -> None:
    crashed = tmp_path / "crashed" / "w.duckdb"
    proc = runlift("--warehouse", str(crashed), "import", "--workers", "1", str(history))
    deadline = time.monotonic() + 120
    while _raw_files(crashed) < kill_after_files and proc.poll() is None:
        assert time.monotonic() < deadline, "import made no progress"
        time.sleep(0.02)
    assert proc.poll() is None, "the import finished before it could be killed; use more files"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    rerun = runlift("--warehouse", str(crashed), "import", "--workers", "1", str(history))
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    # same rows, statuses and raw paths (imported_at, a time, is not compared)
    assert snapshot(crashed) == clean_import
    assert len(clean_import["fit_files"]) == 12  # type: ignore[arg-type]


def test_second_writer_waits_for_the_first(settings: Settings, data_dir: Path) -> None:
    released = threading.Event()

    def hold() -> None:
        with warehouse_lock(settings.warehouse, exclusive=True, timeout_s=5, command="test"):
            time.sleep(1.0)
        released.set()

    holder = threading.Thread(target=hold)
    holder.start()
    time.sleep(0.2)
    patient = Settings(
        warehouse=settings.warehouse,
        athlete="me",
        config_path=settings.config_path,
        lock_timeout_s=10,
    )
    summary = run_import(patient, data_dir / "garmin-fenix-5-run.fit")
    assert released.is_set()
    assert summary.counts == {"loaded": 1}
    holder.join()


def test_second_writer_stops_with_a_clear_message(settings: Settings, data_dir: Path) -> None:
    with warehouse_lock(settings.warehouse, exclusive=True, timeout_s=5, command="runlift sync"):
        with pytest.raises(WarehouseBusyError, match="is using the warehouse"):
            run_import(settings, data_dir / "garmin-fenix-5-run.fit")
        proc = runlift(
            "--warehouse",
            str(settings.warehouse),
            "import",
            str(data_dir / "garmin-fenix-5-run.fit"),
            env={"RUNLIFT_LOCK_TIMEOUT": "0.5"},
        )
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert "runlift sync" in err and "is using the warehouse" in err
    assert "Traceback" not in err
    # the database is intact and usable afterwards
    assert run_import(settings, data_dir / "garmin-fenix-5-run.fit").counts == {"loaded": 1}
    assert snapshot(settings.warehouse)["raw_record"][0] == 21
