"""A Garmin watch mounted over USB (mass storage): read its data folders, never write to it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from runlift_sync.sources.base import SourceFile, is_fit_name, single_file, walk

GARMIN_DIR = "GARMIN"
#: The folders on the watch that hold what it recorded (siblings like Settings, Sports,
#: NewFiles or RemoteSW hold configuration and outgoing files, not recordings).
DATA_FOLDERS = (
    "Activity",
    "Monitor",
    "Sleep",
    "HRVStatus",
    "Metrics",
    "Weight",
    "BloodPressure",
    "Records",
    "Totals",
    "Activities",
)
#: Where operating systems mount removable drives.
MOUNT_ROOTS = ("/media", "/run/media", "/Volumes", "/mnt")


def garmin_dir(mount: Path) -> Path | None:
    """The GARMIN folder of a watch mount (any case), or None."""
    for name in (GARMIN_DIR, GARMIN_DIR.lower(), "Garmin"):
        candidate = mount / name
        if candidate.is_dir():
            return candidate
    return None


def is_watch_mount(path: Path) -> bool:
    """A watch mount has a GARMIN folder with at least one known data folder in it."""
    garmin = garmin_dir(path)
    if garmin is None:
        return False
    names = {p.name.lower() for p in garmin.iterdir() if p.is_dir()}
    return any(folder.lower() in names for folder in DATA_FOLDERS)


def find_mounts(roots: tuple[str, ...] = MOUNT_ROOTS) -> list[Path]:
    """Mounted watches under the usual mount roots (two levels deep: /media/<user>/<label>)."""
    found: list[Path] = []
    for root in roots:
        base = Path(root)
        if not base.is_dir():
            continue
        candidates = [base]
        for child in sorted(base.iterdir()):
            if child.is_dir():
                candidates.append(child)
                try:
                    candidates.extend(sorted(c for c in child.iterdir() if c.is_dir()))
                except PermissionError:
                    continue
        found.extend(c for c in candidates if is_watch_mount(c))
    return found


def discover(mount: Path) -> Iterator[SourceFile]:
    """The FIT files in the watch's data folders, read-only, in a stable order."""
    garmin = garmin_dir(mount)
    if garmin is None:
        return
    folders = {p.name.lower(): p for p in garmin.iterdir() if p.is_dir()}
    for wanted in DATA_FOLDERS:
        folder = folders.get(wanted.lower())
        if folder is None:
            continue
        for entry in walk(folder, "usb_watch"):
            if isinstance(entry, SourceFile):
                yield entry
            elif is_fit_name(entry.name):
                yield single_file(entry, "usb_watch")
