"""The one interface every file source shares, and the dispatcher from paths to sources."""

from __future__ import annotations

import os
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

    `problem` is set when the source itself is unreadable (a corrupt zip) or refused (a zip
    bomb): the importer quarantines `read()`'s bytes with that reason instead of decoding them,
    keeping them in the raw store with `raw_suffix`. `origin` is always
    valid text; when the path's bytes are not UTF-8 it shows them as `\\xNN` escapes and
    `origin_bytes` holds them exactly.
    """

    source: SourceKind
    origin: str
    read: Callable[[], bytes]
    size: int | None = None
    problem: str | None = None
    origin_bytes: bytes | None = None
    raw_suffix: str = ".fit"


def readable_path(path: Path | str) -> tuple[str, bytes | None]:
    """A path as valid text, and its exact bytes when they are not UTF-8 (else None).

    File names on Linux are bytes: `r\\xe9sum\\xff.fit` from a Latin-1 camera card cannot go
    into the warehouse or onto the screen as is, and must not be lost either.
    """
    raw = os.fsencode(path)
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace"), raw


def is_fit_name(name: str) -> bool:
    return name.lower().endswith(FIT_SUFFIX)


def is_zip_name(name: str) -> bool:
    return name.lower().endswith(ZIP_SUFFIX)


def _file_reader(path: Path, origin: str) -> Callable[[], bytes]:
    def read() -> bytes:
        try:
            return path.read_bytes()
        except OSError as exc:
            raise SourceError(f"cannot read {origin}: {exc.strerror}", source=origin) from exc

    return read


def unreadable_folder(path: Path | str, source: SourceKind, exc: OSError) -> SourceFile:
    """A folder that could not be listed: reading it says why (the import reports it)."""
    origin, origin_bytes = readable_path(path)
    message = f"cannot read the folder {origin}: {exc.strerror or exc}; its files were not seen"

    def read() -> bytes:
        raise SourceError(message, source=origin)

    return SourceFile(source, origin, read, None, origin_bytes=origin_bytes)


def walk(root: Path, source: SourceKind) -> Iterator[Path | SourceFile]:
    """The files under `root` in a stable order (hidden files and folders skipped), and for
    each folder that cannot be listed a SourceFile whose `read()` says why — never skipped.
    """
    failed: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=failed.append):
        yield from (unreadable_folder(e.filename or folder, source, e) for e in failed)
        failed.clear()
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield from (Path(folder) / name for name in sorted(files) if not name.startswith("."))
    yield from (unreadable_folder(e.filename or root, source, e) for e in failed)


def single_file(path: Path, source: SourceKind) -> SourceFile:
    origin, origin_bytes = readable_path(path)
    try:
        size: int | None = path.stat().st_size
    except OSError:
        size = None  # reading it will say why
    return SourceFile(source, origin, _file_reader(path, origin), size, origin_bytes=origin_bytes)


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
