"""A folder of FIT files and zip exports, walked recursively in a stable order."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from runlift_sync.sources import zip_archive
from runlift_sync.sources.base import SourceFile, is_fit_name, is_zip_name, single_file


def discover(root: Path) -> Iterator[SourceFile]:
    """`.fit`/`.FIT` files and `.zip` archives (their FIT members) under `root`, sorted."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(folder) / name
            if is_fit_name(name):
                yield single_file(path, "fit_folder")
            elif is_zip_name(name):
                yield from zip_archive.discover(path)
