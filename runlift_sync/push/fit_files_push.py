"""`--fit DIR` and `--watch`: one FIT workout file per session, in a folder or on the watch.

`--watch` writes into the watch's `GARMIN/NewFiles` and nowhere else — the one folder
runlift ever writes on a watch; the watch takes the workouts in when it is unplugged. The
watch is found as the USB source finds it (`sources.usb_watch`). Watches that connect over
MTP (most Garmin watches since about 2019) do not mount as a folder: runlift says so and
what to do instead.

Files: `runlift_<session key>.fit`, so a moved or changed session replaces its own file.
A session unchanged since the last push is not written again on the watch (it took it in
already); in a folder it is rewritten only if its file is missing. A removed session's file
is deleted if it is still there (on the watch: if the watch has not taken it in yet).

Permissions: files in `--fit DIR` are owner-only (0600) like every file runlift writes.
Files on the watch are written without a chmod: a watch's FAT file system has no owners or
modes (its mount options decide), and the watch itself must read them.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import duckdb

from runlift_sync.errors import SourceError
from runlift_sync.push.fit_workout import encode_workout, file_name, serial_number
from runlift_sync.push.push_report import TargetReport, compare, fate_of
from runlift_sync.push.pushed_store import (
    PushedWorkout,
    Target,
    forget,
    pushed_for_week,
    record,
    utc_now,
)
from runlift_sync.push.week_to_push import PushItem
from runlift_sync.sources.usb_watch import MOUNT_ROOTS, find_mounts, garmin_dir, is_watch_mount

NEW_FILES = "NewFiles"
MTP_ADVICE = (
    "Most Garmin watches made since about 2019 connect over MTP and never mount as a folder, "
    "so nothing can be written to them as files: push with --garmin instead (Garmin Connect "
    "sends the workouts to the watch at its next sync), or write the files with --fit DIR "
    "and copy them into the watch's GARMIN/NewFiles with an MTP tool (OpenMTP or Android "
    "File Transfer on a Mac, the file manager or `gio copy` over mtp:// on Linux)."
)


def find_watch(spec: str, roots: tuple[str, ...] = MOUNT_ROOTS) -> Path:
    """The watch mount named by `--watch` (a mount point, or `auto` to look for one)."""
    if spec != "auto":
        mount = Path(spec).expanduser()
        if not is_watch_mount(mount):
            raise SourceError(
                f"{mount} is not a mounted Garmin watch (no GARMIN folder with recordings); "
                f"give the watch's mount point, or --watch auto. {MTP_ADVICE}",
                source="usb_watch",
            )
        return mount
    found = find_mounts(roots)
    if not found:
        raise SourceError(
            f"no Garmin watch is mounted over USB (looked under {', '.join(roots)}). {MTP_ADVICE}",
            source="usb_watch",
        )
    if len(found) > 1:
        raise SourceError(
            f"{len(found)} watches are mounted ({', '.join(str(m) for m in found)}); name one "
            "with --watch MOUNT",
            source="usb_watch",
        )
    return found[0]


def new_files_dir(mount: Path, *, create: bool = True) -> Path:
    """The watch's GARMIN/NewFiles (created inside GARMIN if the watch has none yet)."""
    garmin = garmin_dir(mount)
    if garmin is None:
        raise SourceError(f"{mount} has no GARMIN folder", source="usb_watch")
    for child in garmin.iterdir():
        if child.is_dir() and child.name.lower() == NEW_FILES.lower():
            return child
    folder = garmin / NEW_FILES
    if create:
        folder.mkdir()
    return folder


def _write(path: Path, data: bytes, *, private: bool) -> None:
    """Write whole or not at all: a hidden temporary file renamed into place."""
    temporary = path.with_name(f".{path.name}.tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    if private:
        temporary.chmod(0o600)
    temporary.replace(path)


def push_fit_files(
    con: duckdb.DuckDBPyConnection,
    *,
    athlete: str,
    week_start: dt.date,
    items: list[PushItem],
    folder: Path,
    target: Target,
    dry_run: bool,
    now: dt.datetime | None = None,
) -> TargetReport:
    """Write the week's workout files into `folder` (a plain folder, or a watch's NewFiles)."""
    on_watch = target == "watch"
    where = f"{folder} (the only folder runlift writes on a watch)" if on_watch else str(folder)
    report = TargetReport(target, where, dry_run=dry_run)
    if not dry_run:
        folder.mkdir(parents=True, exist_ok=True)
    before = pushed_for_week(con, athlete, target, week_start)
    created = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    for index, item in enumerate(items):
        if item.workout is None:
            report.count("skipped")
            continue
        old = before.pop(item.key, None)
        changed, moved = compare(item, old)
        fate = fate_of(changed, moved, old)
        path = folder / file_name(item.key)
        report.count(fate)
        if fate == "unchanged" and (on_watch or path.exists()):
            continue
        if dry_run:
            continue
        data = encode_workout(
            item.workout,
            serial=serial_number(athlete, item.key),
            time_created=created + dt.timedelta(seconds=index),  # one time_created per file
        )
        _write(path, data, private=not on_watch)
        record(
            con,
            PushedWorkout(
                athlete,
                item.key,
                target,
                week_start,
                path.name,
                None,
                item.session.date,
                item.workout.content_hash(),
                (old.sequence + (1 if changed else 0)) if old else 0,
                item.workout.name,
                utc_now(),
            ),
        )
    for old in before.values():
        report.count("removed")
        if dry_run:
            continue
        stale = folder / (old.workout_id or "")
        if old.workout_id and stale.is_file():
            stale.unlink()
        elif on_watch:
            report.notes.append(
                f"{old.name}: the watch already took it in; delete it on the watch "
                "(Training › Workouts)"
            )
        forget(con, athlete, target, old.session_key)
    if on_watch and not dry_run:
        report.notes.append("unplug the watch (eject it first): it takes the workouts in then")
    return report
