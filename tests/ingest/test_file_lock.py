"""The one inter-process lock: waits, names the holder, survives a crashed holder."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from runlift_sync.errors import RunliftError
from runlift_sync.file_lock import file_lock


class Busy(RunliftError):
    pass


def test_readers_share_a_writer_waits_and_is_told_who_holds_it(tmp_path: Path) -> None:
    path = tmp_path / "x.lock"
    with (
        file_lock(path, timeout_s=0, busy=Busy, exclusive=False),
        file_lock(path, timeout_s=0, busy=Busy, exclusive=False),  # readers together
        pytest.raises(Busy, match="runlift process"),
        file_lock(path, timeout_s=0.3, busy=Busy),
    ):
        pass
    with (
        file_lock(path, timeout_s=0, busy=Busy, command="runlift sync"),
        pytest.raises(Busy, match=rf"^runlift process {os.getpid()} \(runlift sync\)$"),
        file_lock(path, timeout_s=0.3, busy=Busy, exclusive=False),
    ):
        pass
    with file_lock(path, timeout_s=0, busy=Busy):  # free again afterwards
        pass


def test_the_lock_file_is_created_with_the_mode_given(tmp_path: Path) -> None:
    path = tmp_path / "private.lock"
    with file_lock(path, timeout_s=0, busy=Busy, mode=0o600):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not path.exists()  # an exclusive holder leaves no lock file behind


def test_a_killed_holder_leaves_the_lock_free(tmp_path: Path) -> None:
    path = tmp_path / "x.lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from runlift_sync.errors import RunliftError\n"
            "from runlift_sync.file_lock import file_lock\n"
            "with file_lock(Path(sys.argv[1]), timeout_s=0, busy=RunliftError, command='hold'):\n"
            "    print('held', flush=True)\n"
            "    time.sleep(60)\n",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    with pytest.raises(Busy, match=rf"runlift process {holder.pid} \(hold\)"):
        with file_lock(path, timeout_s=0, busy=Busy):
            pass
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with file_lock(path, timeout_s=0, busy=Busy):  # free at once
        pass
