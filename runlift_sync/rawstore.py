"""The raw store: every imported original, content-addressed by SHA-256, under the warehouse.

`<warehouse dir>/raw/<aa>/<sha256>.fit` — written once (atomically, owner-only), never
modified, so the whole database can be rebuilt from it (`runlift rebuild`).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from runlift_sync.private_files import private_dir

RAW_DIR = "raw"


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def relative_path(sha256: str, suffix: str = ".fit") -> str:
    return f"{RAW_DIR}/{sha256[:2]}/{sha256}{suffix}"


def store(
    warehouse_dir: Path, data: bytes, sha256: str, suffix: str = ".fit", *, sync: bool = True
) -> str:
    """Keep a copy of `data`; returns its path relative to the warehouse directory.

    `sync=False` leaves flushing to the disk to the caller (`flush_to_disk`, once for a
    whole batch, before the warehouse records the files)."""
    rel = relative_path(sha256, suffix)
    target = warehouse_dir / rel
    if target.exists() and target.stat().st_size == len(data):
        return rel
    private_dir(target.parent)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            if sync:
                os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return rel


def flush_to_disk() -> None:
    """Make the originals written with `sync=False` durable: one `sync` for a whole batch
    costs what one `fsync` does, instead of one per file."""
    if hasattr(os, "sync"):
        os.sync()


def read(warehouse_dir: Path, rel: str) -> bytes:
    return (warehouse_dir / rel).read_bytes()


def iter_stored(warehouse_dir: Path) -> list[Path]:
    """Every file in the raw store (for rebuilding)."""
    root = warehouse_dir / RAW_DIR
    if not root.exists():
        return []
    return sorted(p for p in root.glob("*/*") if p.is_file() and not p.name.startswith("."))
