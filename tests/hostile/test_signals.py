"""Point 6: kill -9 or SIGTERM never leaves decode workers behind; SIGTERM ends like Ctrl-C."""

from __future__ import annotations

import shutil
import signal
import time
from pathlib import Path

import pytest

from tests.hostile.conftest import spawn

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")

#: Generous: workers notice a dead parent within half a second, but the machine may be loaded.
GONE_WITHIN_S = 30


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            continue
    return found


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    state = next(line for line in status.splitlines() if line.startswith("State:"))
    return "zombie" not in state and "dead" not in state


def _wait_until(condition, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.fixture(scope="module")
def many_files(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real files, enough to keep two workers busy for a while."""
    folder = tmp_path_factory.mktemp("many")
    for path in sorted((corpus / "easyathlete-ml").glob("*.fit"))[:60]:
        shutil.copy(path, folder / path.name)
    return folder


def _import_with_workers(many_files: Path, env: dict[str, str]):  # type: ignore[no-untyped-def]
    proc = spawn("import", "--no-refresh", "--workers", "2", str(many_files), env=env)
    workers: set[int] = set()

    def decoding() -> bool:
        workers.update(c for c in _children(proc.pid) if _alive(c))
        return len(workers) >= 2 and proc.poll() is None

    assert _wait_until(decoding, 120), "the import never started its workers"
    time.sleep(1.0)  # let them take work
    assert proc.poll() is None, "the import finished before it could be stopped; use more files"
    return proc, workers


@pytest.mark.slow
def test_kill_9_leaves_no_worker(many_files: Path, env: dict[str, str]) -> None:
    proc, workers = _import_with_workers(many_files, env)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert _wait_until(lambda: not any(_alive(w) for w in workers), GONE_WITHIN_S), (
        f"orphaned workers: {[w for w in workers if _alive(w)]}"
    )


@pytest.mark.slow
def test_sigterm_is_like_ctrl_c(many_files: Path, env: dict[str, str]) -> None:
    proc, workers = _import_with_workers(many_files, env)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 143, err
    assert "terminated" in err and "Traceback" not in err
    # the resource tracker among the children exits a moment after its parent, as with kill -9
    assert _wait_until(lambda: not any(_alive(w) for w in workers), GONE_WITHIN_S), (
        f"workers outlived a terminated import: {[w for w in workers if _alive(w)]}"
    )
