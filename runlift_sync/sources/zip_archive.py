"""Zip archives of FIT files: Garmin Connect "original" downloads and bulk exports.

Members are streamed, never read whole on trust: a member larger than any real recording or
compressed beyond what FIT data allows (a zip bomb) is refused with the reason, and only a
small description of it is kept, never its inflated bytes.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from runlift_sync.errors import SourceError
from runlift_sync.sources.base import SourceFile, is_fit_name, is_zip_name, readable_path

#: A FIT member larger than this is not a recording (the real corpus's largest is 3 MB).
MAX_MEMBER_BYTES = 64 * 1024 * 1024
#: A zip inside a zip (a bulk export's parts) may be this large; it is spooled to disk.
MAX_NESTED_ZIP_BYTES = 2 * 1024 * 1024 * 1024
#: Real FIT files deflate at most ~12:1; a member inflating more than this is a bomb.
MAX_RATIO = 100
#: Below this size the ratio is not checked (tiny files have odd ratios and cost nothing).
RATIO_FLOOR_BYTES = 1024 * 1024
MAX_NESTING = 4
CHUNK = 1024 * 1024


class ZipMemberError(SourceError):
    """A member of an otherwise readable zip could not be extracted, or was refused."""

    def __init__(self, origin: str, detail: str) -> None:
        self.origin = origin
        super().__init__(f"{origin}: cannot extract from the zip ({detail})", source=origin)


def discover(path: Path) -> Iterator[SourceFile]:
    """The FIT files inside the zip at `path` (nested zips included)."""
    origin, origin_bytes = readable_path(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        yield _unreadable_zip(origin, path.read_bytes, exc, origin_bytes)
        return
    yield from _members(archive, origin, depth=0, origin_bytes=origin_bytes)


def discover_bytes(origin: str, data: bytes) -> Iterator[SourceFile]:
    """The FIT files inside zip bytes already in memory (e.g. a Garmin Connect download)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        yield _unreadable_zip(origin, lambda: data, exc, None)
        return
    yield from _members(archive, origin, depth=0, source="garmin_connect")


def _unreadable_zip(
    origin: str,
    read: Callable[[], bytes],
    exc: Exception,
    origin_bytes: bytes | None,
    source: str = "zip",
) -> SourceFile:
    return SourceFile(
        source,  # type: ignore[arg-type]
        origin,
        read,
        None,
        problem=f"not a readable zip archive: {exc}",
        origin_bytes=origin_bytes,
        raw_suffix=".zip",
    )


def refusal(info: zipfile.ZipInfo, *, nested: bool) -> str | None:
    """Why a member must not be inflated (None: it may be)."""
    limit = MAX_NESTED_ZIP_BYTES if nested else MAX_MEMBER_BYTES
    if info.file_size > limit:
        return (
            f"{_mb(info.file_size)} uncompressed, over the {_mb(limit)} limit: "
            "not a recording (a zip bomb?)"
        )
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
        return (
            f"compressed {ratio:.0f}:1 ({_mb(info.compress_size)} → {_mb(info.file_size)}); "
            f"FIT data never compresses beyond {MAX_RATIO}:1 (a zip bomb?)"
        )
    return None


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def _members(
    archive: zipfile.ZipFile,
    origin: str,
    *,
    depth: int,
    source: str = "zip",
    origin_bytes: bytes | None = None,
) -> Iterator[SourceFile]:
    for info in sorted(archive.infolist(), key=lambda i: i.filename):
        if info.is_dir():
            continue
        member_origin = f"{origin}!{info.filename}"
        member_bytes = origin_bytes + b"!" + info.filename.encode("utf-8") if origin_bytes else None
        nested = is_zip_name(info.filename)
        if not (is_fit_name(info.filename) or (nested and depth < MAX_NESTING)):
            continue
        reason = refusal(info, nested=nested)
        if reason is not None:
            yield _refused_member(source, member_origin, info, reason, member_bytes)
        elif nested:
            yield from _nested(archive, info, member_origin, depth, source, member_bytes)
        else:
            yield SourceFile(
                source,  # type: ignore[arg-type]
                member_origin,
                _member_reader(archive, info, member_origin),
                info.file_size,
                origin_bytes=member_bytes,
            )


def _refused_member(
    source: str, origin: str, info: zipfile.ZipInfo, reason: str, origin_bytes: bytes | None
) -> SourceFile:
    """A member that is quarantined without inflating it: what is kept is its description."""
    described = json.dumps(
        {
            "zip_member": origin,
            "compressed_bytes": info.compress_size,
            "uncompressed_bytes": info.file_size,
            "crc32": info.CRC,
            "refused": reason,
        },
        sort_keys=True,
    ).encode("utf-8")
    return SourceFile(
        source,  # type: ignore[arg-type]
        origin,
        lambda: described,
        len(described),
        problem=f"refused, not extracted: {reason}; only its description is kept",
        origin_bytes=origin_bytes,
        raw_suffix=".json",
    )


def _copy_capped(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, out: IO[bytes], cap: int, origin: str
) -> None:
    """Inflate a member into `out`, stopping as soon as it outgrows `cap` (headers can lie)."""
    written = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(CHUNK):
                written += len(chunk)
                if written > cap:
                    raise ZipMemberError(
                        origin,
                        f"inflates past {_mb(cap)} although its header says {_mb(info.file_size)}",
                    )
                out.write(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        # A damaged member: nothing decodable; the importer quarantines it.
        raise ZipMemberError(origin, str(exc)) from exc


def _member_reader(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, origin: str
) -> Callable[[], bytes]:
    def read() -> bytes:
        out = io.BytesIO()
        _copy_capped(archive, info, out, MAX_MEMBER_BYTES, origin)
        return out.getvalue()

    return read


def _nested(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    origin: str,
    depth: int,
    source: str,
    origin_bytes: bytes | None,
) -> Iterator[SourceFile]:
    """The members of a zip inside the zip, spooled to a temporary file (not memory)."""
    spool = tempfile.TemporaryFile(prefix="runlift-zip-")  # lives as long as the members
    try:
        _copy_capped(archive, info, spool, MAX_NESTED_ZIP_BYTES, origin)
        spool.seek(0)
        inner = zipfile.ZipFile(spool)
    except (zipfile.BadZipFile, ZipMemberError, OSError, ValueError) as exc:
        spool.seek(0)
        head = spool.read(MAX_MEMBER_BYTES)
        spool.close()
        yield _unreadable_zip(origin, lambda: head, exc, origin_bytes, source=source)
        return
    yield from _members(inner, origin, depth=depth + 1, source=source, origin_bytes=origin_bytes)
