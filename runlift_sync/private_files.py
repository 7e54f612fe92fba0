"""Files runlift writes hold a person's health data (GPS tracks, heart rate, sleep): owner-only.

Folders runlift creates are 0700 and files 0600, whoever writes them (runlift, DuckDB's WAL and
temporary files): runlift narrows the process umask, and fixes files an older version left
readable. Anything that writes a file of its own (an export, a review page) uses
`write_private`.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
#: Bits nobody but the owner gets on what this process creates.
OWNER_ONLY_UMASK = 0o077


def owner_only_umask() -> None:
    """From now on, everything this process creates is owner-only (keeps stricter bits)."""
    current = os.umask(OWNER_ONLY_UMASK)
    os.umask(current | OWNER_ONLY_UMASK)


def private_dir(path: Path) -> Path:
    """Create `path` (and missing parents) owner-only; an existing folder is left as it is."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    return path


def make_private(path: Path) -> None:
    """Make an existing file owner read/write only (no-op when missing or already so)."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return
    if mode & ~PRIVATE_FILE:
        path.chmod(mode & PRIVATE_FILE)


def write_private(path: Path, data: str | bytes) -> Path:
    """Write `data` to `path` owner-only and atomically (a reader never sees half a file)."""
    private_dir(path.parent)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mkstemp: 0600
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
