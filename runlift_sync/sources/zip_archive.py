"""Zip archives of FIT files: Garmin Connect "original" downloads and bulk exports."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from runlift_sync.sources.base import SourceFile, is_fit_name, is_zip_name

#: A member larger than this is not a FIT file anyone recorded (and could be a zip bomb).
MAX_MEMBER_BYTES = 512 * 1024 * 1024
MAX_NESTING = 4


def discover(path: Path) -> Iterator[SourceFile]:
    """The FIT files inside the zip at `path` (nested zips included)."""
    yield from _members(str(path), lambda: path.read_bytes(), depth=0)


def discover_bytes(origin: str, data: bytes) -> Iterator[SourceFile]:
    """The FIT files inside zip bytes already in memory (e.g. a Garmin Connect download)."""
    yield from _members(origin, lambda: data, depth=0, source="garmin_connect")


def _members(
    origin: str, read_zip: Callable[[], bytes], *, depth: int, source: str = "zip"
) -> Iterator[SourceFile]:
    data = read_zip()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = sorted(archive.infolist(), key=lambda i: i.filename)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        yield SourceFile(
            "zip", origin, lambda: data, len(data), problem=f"not a readable zip archive: {exc}"
        )
        return
    for info in infos:
        if info.is_dir():
            continue
        member_origin = f"{origin}!{info.filename}"
        if info.file_size > MAX_MEMBER_BYTES:
            continue
        if is_fit_name(info.filename):
            yield SourceFile(
                source,  # type: ignore[arg-type]
                member_origin,
                _member_reader(archive, info, member_origin),
                info.file_size,
            )
        elif is_zip_name(info.filename) and depth < MAX_NESTING:
            yield from _members(
                member_origin,
                _member_reader(archive, info, member_origin),
                depth=depth + 1,
                source=source,
            )


def _member_reader(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, origin: str
) -> Callable[[], bytes]:
    def read() -> bytes:
        try:
            return archive.read(info)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            # A damaged member: hand back nothing decodable; the importer quarantines it.
            raise ZipMemberError(origin, str(exc)) from exc

    return read


class ZipMemberError(Exception):
    """A member of an otherwise readable zip could not be extracted."""

    def __init__(self, origin: str, detail: str) -> None:
        self.origin = origin
        super().__init__(f"{origin}: cannot extract from the zip ({detail})")
