"""The one interface every file source shares, and the dispatcher from paths to sources."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from runlift_sync.errors import SourceError

SourceKind = Literal["usb_watch", "fit_folder", "zip", "garmin_connect", "file"]
FIT_SUFFIX = ".fit"
ZIP_SUFFIX = ".zip"


@dataclass(frozen=True)
class SourceFile:
    """One candidate original: where it came from, and how to get its bytes.

    `problem` is set when the source itself is unreadable (a corrupt zip): the importer
    quarantines `read()`'s bytes with that reason instead of decoding them.
    """

    source: SourceKind
    origin: str
    read: Callable[[], bytes]
    size: int | None = None
    problem: str | None = None


def is_fit_name(name: str) -> bool:
    return name.lower().endswith(FIT_SUFFIX)


def is_zip_name(name: str) -> bool:
    return name.lower().endswith(ZIP_SUFFIX)


def _file_reader(path: Path) -> Callable[[], bytes]:
    def read() -> bytes:
        try:
            return path.read_bytes()
        except OSError as exc:
            raise SourceError(f"cannot read {path}: {exc}", source=str(path)) from exc

    return read


def single_file(path: Path, source: SourceKind) -> SourceFile:
    return SourceFile(source, str(path), _file_reader(path), path.stat().st_size)


def discover(paths: list[Path]) -> Iterator[SourceFile]:
    """Every FIT file under `paths`: watch mounts, folders (recursive), zips, single files."""
    from runlift_sync.sources import fit_folder, usb_watch, zip_archive

    for path in paths:
        if not path.exists():
            raise SourceError(
                f"{path} does not exist; check the path and run again", source=str(path)
            )
        if path.is_dir() and usb_watch.is_watch_mount(path):
            yield from usb_watch.discover(path)
        elif path.is_dir():
            yield from fit_folder.discover(path)
        elif is_zip_name(path.name):
            yield from zip_archive.discover(path)
        else:
            yield single_file(path, "file")
