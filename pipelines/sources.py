"""Which sources a night reads (from the config or the command line), and what each one did.

Plain Python, no Prefect: the nightly flow asks `plan_sources` what to pull and reports each
`SourceOutcome`.

A watch is a source only while it is plugged in: a watch that is not mounted is *skipped*, the
normal state of a watch most nights, never a failure. A folder that is gone is a *failure*
(the config points at the wrong place, or a network share is down).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from runlift_sync.config import Settings
from runlift_sync.sources import usb_watch

SourceKind = Literal["usb_watch", "fit_folder", "garmin_connect"]
Status = Literal["ok", "skipped", "incomplete", "failed"]
AUTO = "auto"

#: Import outcomes (runlift_sync.db.file_loader.Outcome) shown in a summary line, in this order.
SHOWN_OUTCOMES = (
    ("loaded", "new"),
    ("partial", "new partial"),
    ("duplicate", "duplicates"),
    ("quarantined", "quarantined"),
    ("unreadable", "unreadable"),
)


@dataclass(frozen=True)
class SourceSpec:
    """One source to pull tonight: its kind and where it is (a path; none for Garmin)."""

    kind: SourceKind
    path: str | None = None
    #: set when the watch was asked for but none is mounted: the source is skipped
    absent: str | None = None
    #: Garmin Connect only: pull from this date (YYYY-MM-DD) instead of the stored watermark
    since: str | None = None

    @property
    def label(self) -> str:
        if self.kind == "garmin_connect":
            return "garmin_connect"
        return f"{self.kind} {self.path}" if self.path else self.kind


@dataclass
class SourceOutcome:
    """What pulling one source did: its status, counts, and a message saying why."""

    label: str
    status: Status
    message: str = ""
    files: Counter[str] = field(default_factory=Counter)
    n_records: int = 0
    seconds: float = 0.0
    error_class: str | None = None
    #: a failure that may go away by itself (network, the warehouse busy): worth a retry
    retryable: bool = False
    #: the message already holds the counts (Garmin Connect's own summary)
    counted_in_message: bool = False
    #: the source's own report, for a caller that shows more (Garmin's GarminSyncReport)
    detail: object | None = None

    @property
    def new_files(self) -> int:
        return self.files.get("loaded", 0) + self.files.get("partial", 0)

    def summary_line(self) -> str:
        """One log line: `usb_watch /media/GARMIN: ok — 3 new, 1,214 records (2.1 s)`."""
        if self.status in ("skipped", "failed") or self.counted_in_message:
            return f"{self.label}: {self.status} — {self.message}"
        counts = [f"{self.files[k]:,} {label}" for k, label in SHOWN_OUTCOMES if self.files.get(k)]
        known = self.files.get("already_had", 0) + self.files.get("already_quarantined", 0)
        if known:
            counts.append(f"{known:,} already had")
        what = ", ".join(counts) or "nothing new"
        if self.n_records:
            what += f", {self.n_records:,} records"
        tail = f"; {self.message}" if self.message else ""
        return f"{self.label}: {self.status} — {what} ({self.seconds:.1f} s){tail}"


def _dedupe(paths: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for path in paths:
        if path not in seen:
            seen.add(path)
            out.append(path)
    return out


def _expand(path: str) -> str:
    return str(Path(path).expanduser())


def plan_sources(
    settings: Settings,
    *,
    watch: str | None = None,
    folders: Iterable[str] = (),
    garmin: bool = False,
    garmin_since: str | None = None,
    find_mounts: Callable[[], list[Path]] = usb_watch.find_mounts,
) -> list[SourceSpec]:
    """The sources to pull, in order: watch, folders, Garmin Connect.

    Given sources (the command line: `--watch`, `--folder`, `--garmin`) replace the config's
    `[sources]`; with none given, the config decides. `watch = "auto"` looks for mounted
    watches (`find_mounts`). `garmin_since` backfills Garmin Connect from that date.
    """
    folders = list(folders)
    given = watch is not None or bool(folders) or garmin
    configured = settings.config.sources
    if not given:
        watch = configured.watch
        folders = list(configured.folders)
        garmin = configured.garmin
    specs: list[SourceSpec] = []
    if watch is not None:
        specs.extend(_watch_specs(watch, find_mounts))
    specs.extend(SourceSpec("fit_folder", folder) for folder in _dedupe(map(_expand, folders)))
    if garmin:
        specs.append(SourceSpec("garmin_connect", since=garmin_since))
    return specs


def _watch_specs(watch: str, find_mounts: Callable[[], list[Path]]) -> list[SourceSpec]:
    if watch == AUTO:
        mounts = find_mounts()
        if not mounts:
            return [SourceSpec("usb_watch", None, absent="no watch is mounted")]
        return [SourceSpec("usb_watch", str(mount)) for mount in mounts]
    path = Path(watch).expanduser()
    if not path.is_dir():
        return [SourceSpec("usb_watch", str(path), absent="not mounted (watch unplugged?)")]
    if not usb_watch.is_watch_mount(path):
        return [
            SourceSpec(
                "usb_watch", str(path), absent="mounted, but no GARMIN folder with data in it"
            )
        ]
    return [SourceSpec("usb_watch", str(path))]


@dataclass
class NightReport:
    """The night in one object: each source's outcome and the steps after loading."""

    sources: list[SourceOutcome] = field(default_factory=list)
    #: False for a run that pulls nothing (replan): the message is about the steps only
    pulls: bool = True
    #: later steps (marts, plan) by name: their summary line, or why they failed
    steps: dict[str, str] = field(default_factory=dict)
    failed_steps: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[SourceOutcome]:
        return [s for s in self.sources if s.status == "failed"]

    @property
    def incomplete(self) -> list[SourceOutcome]:
        return [s for s in self.sources if s.status == "incomplete"]

    @property
    def ok(self) -> bool:
        """Every source ran (or had nothing to run) and every later step worked."""
        return not self.failed and not self.failed_steps

    @property
    def new_files(self) -> int:
        return sum(s.new_files for s in self.sources)

    def message(self) -> str:
        """The flow's final-state message: what happened, failures first."""
        parts: list[str] = []
        if self.failed:
            parts.append(
                f"{len(self.failed)} of {len(self.sources)} sources failed: "
                + "; ".join(f"{s.label}: {s.message}" for s in self.failed)
            )
        if self.failed_steps:
            parts.append(
                "failed: " + "; ".join(f"{n}: {self.steps.get(n, '')}" for n in self.failed_steps)
            )
        if self.pulls:
            ran = [s for s in self.sources if s.status in ("ok", "incomplete")]
            parts.append(
                f"{self.new_files} new files from {len(ran)} source{'s' if len(ran) != 1 else ''}"
            )
            parts.extend(f"{s.label}: {s.message}" for s in self.incomplete if s.message)
            if not self.sources:
                parts.append("no sources configured ([sources] in the config, or --watch/--folder)")
        parts.extend(
            f"{name}: {line}" for name, line in self.steps.items() if name not in self.failed_steps
        )
        return "; ".join(parts)
