"""Point 6: kill -9 or SIGTERM never leaves decode workers behind; SIGTERM ends like Ctrl-C,
wherever it arrives (in a DuckDB query, while a worker sends its result)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from runlift_sync import stopping
from runlift_sync.db.transaction import transaction
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


#: A pool whose worker is stopped in the middle of sending its result, then exits. Run as a
#: script (spawned workers re-import it) with a marker path; prints "stopped" and must exit at
#: once.
_HALF_SENT_RESULT = '''
import gc, os, struct, sys, time
from multiprocessing.queues import SimpleQueue

from runlift_sync.worker_pool import stop_workers, worker_pool


def send_half_a_result(sent: str) -> None:
    """In a worker: start a 1 MB message on the result pipe, send 10 bytes of it, and hang."""
    (results,) = [o for o in gc.get_objects() if isinstance(o, SimpleQueue)]
    os.write(results._writer.fileno(), struct.pack("!i", 1_000_000) + bytes(10))
    open(sent, "w").close()
    time.sleep(600)


if __name__ == "__main__":
    try:
        with worker_pool(1) as pool:
            pool.submit(send_half_a_result, sys.argv[1])
            while not os.path.exists(sys.argv[1]):
                time.sleep(0.05)
            time.sleep(0.5)  # the manager reads the start and waits for the rest
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        print("stopped", flush=True)
'''


def test_a_worker_stopped_mid_result_does_not_hang_the_exit(tmp_path: Path) -> None:
    """SIGTERM/Ctrl-C may end a worker while it sends a result: the half message it leaves
    must not keep the pool's manager thread (and so the interpreter's exit) waiting forever."""
    script = tmp_path / "half_sent.py"
    script.write_text(_HALF_SENT_RESULT)
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "sent")],
        capture_output=True,
        text=True,
        timeout=40,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "stopped"
    assert "Traceback" not in done.stderr


@pytest.fixture
def signal_handlers() -> Iterator[None]:
    """runlift's handlers in this process, put back as they were afterwards."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    stopping.stop_on_signals()
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)
    stopping.forget()


@pytest.mark.parametrize(
    ("sig", "stop"), [(signal.SIGTERM, stopping.Terminated), (signal.SIGINT, KeyboardInterrupt)]
)
def test_a_signal_inside_a_query_is_the_stop_not_an_error(
    signal_handlers: None, sig: signal.Signals, stop: type[KeyboardInterrupt]
) -> None:
    """DuckDB turns a signal that arrives during a query into "Query interrupted"; the
    transaction rolls back and raises the stop that was asked for."""
    con = duckdb.connect()
    stopping.interrupt_on_stop(con)  # as every warehouse connection is
    con.execute("CREATE TABLE t (i BIGINT)")
    sender = threading.Timer(0.3, os.kill, (os.getpid(), sig))
    sender.start()
    safety = threading.Timer(30, con.interrupt)  # should the signal not stop the query
    safety.start()
    started = time.monotonic()
    try:
        with pytest.raises(stop) as raised, transaction(con):
            con.execute("INSERT INTO t VALUES (1)")
            con.execute("SELECT count(*) FROM range(1e12::BIGINT) r(i) WHERE i % 7 = 3").fetchall()
    finally:
        safety.cancel()
        sender.join()
    # DuckDB sometimes runs the handler and goes on with the query; the handler cancels it
    assert time.monotonic() - started < 20
    assert raised.type is stop
    cause = raised.value.__cause__  # DuckDB's error, kept (none if the signal came between queries)
    assert cause is None or "interrupted" in str(cause)
    assert con.execute("SELECT count(*) FROM t").fetchone() == (0,)  # rolled back
