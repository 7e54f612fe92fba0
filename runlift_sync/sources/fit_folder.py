"""A folder of FIT files and zip exports, walked recursively in a stable order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from runlift_sync.sources import zip_archive
from runlift_sync.sources.base import SourceFile, is_fit_name, is_zip_name, single_file, walk


def discover(root: Path) -> Iterator[SourceFile]:
    """`.fit`/`.FIT` files and `.zip` archives (their FIT members) under `root`, sorted."""
    for entry in walk(root, "fit_folder"):
        if isinstance(entry, SourceFile):
            yield entry
        elif is_fit_name(entry.name):
            yield single_file(entry, "fit_folder")
        elif is_zip_name(entry.name):
            yield from zip_archive.discover(entry)
