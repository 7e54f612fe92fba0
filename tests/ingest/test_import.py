"""Importing: idempotence, identity dedupe, partial files, quarantine, zips and watch mounts."""

from __future__ import annotations

import hashlib
import io
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from runlift_sync import ingest
from runlift_sync.config import Settings
from runlift_sync.sources import discover
from runlift_sync.sources.usb_watch import find_mounts
from tests.ingest.helpers import count, run_import, snapshot
from tests.support.fitbytes import reseal

RUN = "garmin-fenix-5-run.fit"


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_import_twice_changes_nothing(settings: Settings, data_dir: Path) -> None:
    first = run_import(settings, data_dir)
    # activity-filecrc.fit is the same recording as activity-unexpected-eof.fit (same
    # serial/time_created): the bad-CRC copy holds every message, so it loads whole (the
    # mismatch is its status reason) and the truncated copy is a duplicate of it
    assert first.counts["loaded"] == 8
    assert first.counts["duplicate"] == 1
    assert "partial" not in first.counts
    before = snapshot(settings.warehouse)
    second = run_import(settings, data_dir)
    assert second.counts["already_had"] == 9
    assert set(second.counts) == {"already_had"}
    assert snapshot(settings.warehouse) == before


def test_same_file_from_folder_and_zip_is_one_activity(
    settings: Settings, data_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    shutil.copy(data_dir / RUN, folder / RUN)
    export = make_zip(
        tmp_path / "export.zip", {"activities/123_ACTIVITY.fit": (data_dir / RUN).read_bytes()}
    )
    run_import(settings, folder)
    summary = run_import(settings, export)
    assert summary.counts == {"already_had": 1}
    assert count(settings.warehouse, "SELECT count(*) FROM activities") == 1


def test_same_recording_other_bytes_is_a_duplicate(
    settings: Settings, data_dir: Path, tmp_path: Path
) -> None:
    """A re-export whose bytes differ (an app rewrote a field) is still the same activity."""
    original = (data_dir / RUN).read_bytes()
    edited = bytearray(original)
    edited[-3] ^= 0x01  # a bit in the last message (the activity's event_group)
    rewritten = reseal(bytes(edited))
    assert hashlib.sha256(rewritten).digest() != hashlib.sha256(original).digest()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / RUN).write_bytes(original)
    (tmp_path / "b" / "reexported.fit").write_bytes(rewritten)
    run_import(settings, tmp_path / "a")
    summary = run_import(settings, tmp_path / "b")
    assert summary.counts == {"duplicate": 1}
    assert "same recording" in (summary.outcomes[0].detail or "")
    assert count(settings.warehouse, "SELECT count(*) FROM activities") == 1
    assert count(settings.warehouse, "SELECT count(*) FROM raw_record") == 21


def test_whole_copy_supersedes_a_partial_one(
    settings: Settings, data_dir: Path, tmp_path: Path
) -> None:
    data = (data_dir / RUN).read_bytes()
    (tmp_path / "cut").mkdir()
    (tmp_path / "whole").mkdir()
    (tmp_path / "cut" / "cut.fit").write_bytes(data[: len(data) - 400])  # copy broke off
    (tmp_path / "whole" / RUN).write_bytes(data)
    cut = run_import(settings, tmp_path / "cut")
    assert cut.counts == {"partial": 1}
    whole = run_import(settings, tmp_path / "whole")
    assert whole.counts == {"loaded": 1}
    assert count(settings.warehouse, "SELECT count(*) FROM activities") == 1
    assert (
        count(settings.warehouse, "SELECT count(*) FROM fit_files WHERE status = 'superseded'") == 1
    )
    assert count(settings.warehouse, "SELECT count(*) FROM raw_record") == 21
    assert count(settings.warehouse, "SELECT count(DISTINCT file_sha256) FROM raw_record") == 1


def test_partial_activity_summary_from_records(
    settings: Settings, data_dir: Path, tmp_path: Path
) -> None:
    """A file cut before its session message: the activity is derived from its records."""
    data = (data_dir / RUN).read_bytes()
    folder = tmp_path / "cut"
    folder.mkdir()
    (folder / "cut.fit").write_bytes(data[:3000])
    summary = run_import(settings, folder)
    assert summary.counts == {"partial": 1}
    con_rows = snapshot(settings.warehouse)["activities"]
    assert len(con_rows) == 1
    assert (
        count(
            settings.warehouse,
            "SELECT count(*) FROM activities WHERE summary_from = 'records' AND status = 'partial' "
            "AND sport = 'running' AND status_reason LIKE '%decoding stopped%'",
        )
        == 1
    )


def test_bad_files_are_quarantined_and_the_rest_loads(
    settings: Settings, data_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(data_dir / RUN, folder / RUN)
    (folder / "empty.fit").write_bytes(b"")
    (folder / "notes.FIT").write_bytes(b"this is a text file, not a FIT file\n" * 4)
    (folder / "broken.zip").write_bytes(b"PK\x03\x04 definitely not a whole zip")
    summary = run_import(settings, folder)
    assert summary.counts == {"loaded": 1, "quarantined": 3}
    reasons = {o.origin.rsplit("/", 1)[-1]: o.detail for o in summary.quarantined}
    assert "empty file" in reasons["empty.fit"]
    assert "not a FIT file" in reasons["notes.FIT"]
    assert "not a readable zip" in reasons["broken.zip"]
    rows = count(settings.warehouse, "SELECT count(*) FROM quarantine WHERE message <> ''")
    assert rows == 3
    # nothing is lost: the refused originals are in the raw store too
    assert count(settings.warehouse, "SELECT count(*) FROM quarantine WHERE raw_path IS NULL") == 0
    for row in snapshot(settings.warehouse)["quarantine"]:
        assert row[1] in ("DecodeError", "SourceError")
    again = run_import(settings, folder)
    assert again.counts == {"already_had": 1, "already_quarantined": 3}


def test_nested_zips_like_a_garmin_bulk_export(
    settings: Settings, data_dir: Path, tmp_path: Path
) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("UploadedFiles_0-_Part1/run.fit", (data_dir / RUN).read_bytes())
        archive.writestr("UploadedFiles_0-_Part1/readme.txt", "not fit")
    export = make_zip(
        tmp_path / "export.zip",
        {
            "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip": inner.getvalue(),
            "DI_CONNECT/hrv.FIT": (data_dir / "hrv1.fit").read_bytes(),
        },
    )
    files = list(discover([export]))
    assert [f.origin.split("!", 1)[1] for f in files] == [
        "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip!UploadedFiles_0-_Part1/run.fit",
        "DI_CONNECT/hrv.FIT",
    ]
    summary = run_import(settings, export)
    assert summary.counts == {"loaded": 2}


def _tree(root: Path) -> dict[str, tuple[int, float, str]]:
    return {
        str(p.relative_to(root)): (
            p.stat().st_size,
            p.stat().st_mtime,
            hashlib.sha256(p.read_bytes()).hexdigest(),
        )
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_watch_mount_read_only(settings: Settings, data_dir: Path, tmp_path: Path) -> None:
    mount = tmp_path / "media" / "me" / "GARMIN-WATCH"
    (mount / "GARMIN" / "Activity").mkdir(parents=True)
    (mount / "GARMIN" / "Monitor").mkdir()
    (mount / "GARMIN" / "HRVStatus").mkdir()
    (mount / "GARMIN" / "Settings").mkdir()
    shutil.copy(data_dir / RUN, mount / "GARMIN" / "Activity" / "B6BF1234.FIT")
    shutil.copy(data_dir / "monitor1_with_all.fit", mount / "GARMIN" / "Monitor" / "M1.FIT")
    shutil.copy(data_dir / "hrv1.fit", mount / "GARMIN" / "HRVStatus" / "H1.FIT")
    shutil.copy(data_dir / "DeveloperData.fit", mount / "GARMIN" / "Settings" / "SETTINGS.FIT")
    assert find_mounts((str(tmp_path / "media"),)) == [mount]
    before = _tree(mount)
    summary = run_import(settings, mount)
    assert summary.counts == {"loaded": 3}  # Settings/ holds configuration, not recordings
    assert {o.origin.split("GARMIN/")[1].split("/")[0] for o in summary.outcomes} == {
        "Activity",
        "Monitor",
        "HRVStatus",
    }
    assert {f.source for f in discover([mount])} == {"usb_watch"}
    assert _tree(mount) == before  # nothing written to the watch


def test_originals_kept_content_addressed(settings: Settings, data_dir: Path) -> None:
    summary = run_import(settings, data_dir / RUN)
    sha = summary.outcomes[0].sha256
    stored = settings.warehouse_dir / "raw" / sha[:2] / f"{sha}.fit"
    assert stored.read_bytes() == (data_dir / RUN).read_bytes()
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == sha


def test_athletes_are_kept_apart(settings: Settings, data_dir: Path) -> None:
    run_import(settings, data_dir / RUN)
    other = Settings(
        warehouse=settings.warehouse,
        athlete="coachee",
        config_path=settings.config_path,
        lock_timeout_s=2,
    )
    summary = run_import(other, data_dir / RUN)
    assert summary.counts == {"loaded": 1}
    assert count(settings.warehouse, "SELECT count(DISTINCT athlete) FROM activities") == 2


def test_a_night_with_one_new_file_starts_no_workers(
    settings: Settings, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A watch holds years of files, a night brings one: it is decoded inline, without
    waiting for worker processes; many new files start them, and load the same."""
    started: list[int] = []
    real_pool = ingest.worker_pool

    def counted_pool(width: int) -> Any:
        started.append(width)
        return real_pool(width)

    monkeypatch.setattr(ingest, "worker_pool", counted_pool)
    monkeypatch.setattr(ingest.LazyPoolDecoder, "INLINE_FIRST", 2)
    watch = tmp_path / "watch"
    shutil.copytree(data_dir, watch, ignore=shutil.ignore_patterns("*.md", "*.txt"))
    newest = sorted(watch.glob("*.fit"))[-1]
    held_back = newest.read_bytes()
    newest.unlink()

    first = run_import(settings, watch, workers=2)  # 8 new files: 2 inline, then the workers
    assert started == [2] and first.counts["loaded"] + first.counts["duplicate"] == 8
    newest.write_bytes(held_back)
    night = run_import(settings, watch, workers=2)  # the night: 1 new among 9
    assert started == [2], "no workers for one new file"
    assert night.counts["already_had"] == 8 and len(night.outcomes) == 9

    inline = settings.warehouse.parent.parent / "inline" / "runlift.duckdb"
    one_process = Settings(warehouse=inline, athlete=settings.athlete, config_path=tmp_path / "x")
    run_import(one_process, watch, workers=1)
    assert snapshot(inline) == snapshot(settings.warehouse)
