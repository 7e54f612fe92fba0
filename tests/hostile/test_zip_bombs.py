"""Point 4: zip members are capped in size and compression ratio, streamed, and refused with
the reason; nothing huge is kept."""

from __future__ import annotations

import zipfile
from pathlib import Path

import duckdb

from runlift_sync.sources import zip_archive
from tests.hostile.conftest import invoke, write_runs


def _zeros_member(archive: zipfile.ZipFile, name: str, size: int) -> None:
    chunk = bytes(1024 * 1024)
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w", force_zip64=True) as member:
        for _ in range(size // len(chunk)):
            member.write(chunk)


def _bomb(path: Path, good: Path, size: int, *, nested: bool = False) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(good, "good-run.fit")
        if nested:
            inner = path.with_suffix(".inner.zip")
            _bomb(inner, good, size)
            archive.write(inner, "part-2.zip")
            inner.unlink()
        else:
            _zeros_member(archive, "huge.fit", size)


def _raw_store_bytes(warehouse: Path) -> int:
    return sum(p.stat().st_size for p in (warehouse.parent / "raw").rglob("*") if p.is_file())


def test_oversized_member_is_refused_not_inflated(tmp_path: Path, warehouse: Path) -> None:
    (good,) = write_runs(tmp_path / "runs", 1)
    bomb = tmp_path / "export.zip"
    _bomb(bomb, good, zip_archive.MAX_MEMBER_BYTES + 8 * 1024 * 1024)
    assert bomb.stat().st_size < 1024 * 1024

    result = invoke("import", "--no-refresh", str(bomb))

    assert result.exit_code == 2, result.output
    assert "huge.fit" in result.output and "zip bomb" in result.output
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM fit_files").fetchone() == (1,)
        (message,) = con.execute("SELECT message FROM quarantine").fetchone()  # type: ignore[misc]
    finally:
        con.close()
    assert "over the 64.0 MB limit" in message
    assert _raw_store_bytes(warehouse) < 1024 * 1024  # the good run and a description


def test_ratio_and_nesting(tmp_path: Path, warehouse: Path) -> None:
    """A 20 MB member deflated 1000:1 inside a zip inside a zip: refused by its ratio."""
    (good,) = write_runs(tmp_path / "runs", 1)
    bomb = tmp_path / "bulk.zip"
    _bomb(bomb, good, 20 * 1024 * 1024, nested=True)

    result = invoke("import", "--no-refresh", str(bomb))

    assert result.exit_code == 2, result.output
    assert "part-2.zip!huge.fit" in result.output and ":1" in result.output
    assert _raw_store_bytes(warehouse) < 1024 * 1024


def test_a_header_that_lies_is_caught_while_streaming(tmp_path: Path) -> None:
    """The central directory says 1 KB; the stream would inflate to 80 MB: never read whole."""
    path = tmp_path / "liar.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _zeros_member(archive, "liar.fit", 80 * 1024 * 1024)
    data = bytearray(path.read_bytes())
    central = data.rfind(b"PK\x01\x02")
    # uncompressed size in the central directory entry (offset 24), and in the zip64 extra
    data[central + 24 : central + 28] = (1024).to_bytes(4, "little")
    extra = data.find(b"\x01\x00", central + 46)
    data[extra + 4 : extra + 12] = (1024).to_bytes(8, "little")
    path.write_bytes(bytes(data))

    (member,) = zip_archive.discover(path)
    try:
        data = member.read()
    except zip_archive.ZipMemberError as exc:
        assert "liar.fit" in str(exc)
    else:
        # either refused as a damaged zip (its compressed bytes kept) or cut at the header's size
        assert len(data) <= 1024 or (member.problem and len(data) < 1024 * 1024)
