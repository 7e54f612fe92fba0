"""Write a demo season to a simulated watch mount: the only module of the demo that does I/O."""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from runlift_sync.demo import device, fit_writer
from runlift_sync.demo.physiology import Athlete
from runlift_sync.demo.recording import render_lift, render_run
from runlift_sync.demo.season import SeasonPlan, WeekTruth, simulate_season
from runlift_sync.demo.specs import DaySpec, LiftSpec, NightSpec, RunSpec
from runlift_sync.errors import ConfigError
from runlift_sync.worker_pool import worker_pool

log = logging.getLogger(__name__)

FileKind = Literal["run", "lift", "monitor", "sleep", "hrv"]
DEMO_PLAN = Path(__file__).with_name("plan.toml")
MAX_WEEKS = 1040
_PARALLEL_FROM_WEEKS = 40


@dataclass(frozen=True)
class FileResult:
    """What rendering one file produced (returned by workers; small and picklable)."""

    kind: FileKind
    path: str
    local_date: date
    records: int
    distance_m: float = 0.0
    detail: str = ""


@dataclass(frozen=True)
class SeasonSummary:
    """What ``generate_season`` wrote, and the story's ground truth week by week.

    ``files`` maps a kind (run, lift, monitor, sleep, hrv) to the paths written; ``counts``
    has the number of files per kind plus ``run:<type>`` and ``lift:<type>``; ``records`` is
    the number of FIT record messages in all activity files; ``weeks`` carry planned and
    actual km, phase, fatigue and the simulation's loads. ``next_week_start`` is the Monday
    after the season: the week the demo plan (``plan_path``) is meant for.
    """

    mount: Path
    seed: int
    start: date
    end: date
    next_week_start: date
    timezone: str
    athlete: Athlete
    files: dict[str, tuple[Path, ...]]
    counts: dict[str, int]
    records: int
    weeks: tuple[WeekTruth, ...]
    plan_path: Path
    seconds: float

    @property
    def paths(self) -> tuple[Path, ...]:
        """Every FIT file written, sorted."""
        return tuple(sorted(p for paths in self.files.values() for p in paths))

    def table(self) -> str:
        """The weekly ground truth as a plain-text table."""
        lines = [
            "week monday      phase      plan_km  act_km runs hard lifts legs>key "
            "rhr   hrv   sleep  ctl   atl    tsb   fatigue",
        ]
        for w in self.weeks:
            legs = "yes" if w.lower_lift_before_key_run else "-"
            lines.append(
                f"{w.index:>4} {w.monday} {w.phase:<10} {w.planned_km:>7.1f} {w.actual_km:>7.1f} "
                f"{w.runs:>4} {w.hard_runs:>4} {w.lifts:>5} {legs:>8} "
                f"{w.resting_hr:>5.1f} {w.hrv_ms:>5.1f} {w.sleep_h:>5.2f} {w.ctl:>5.1f} "
                f"{w.atl:>5.1f} {w.tsb:>6.1f}  {w.fatigue}"
            )
        return "\n".join(lines)


def default_start(weeks: int, tz: ZoneInfo, today: date | None = None) -> date:
    """The Monday ``weeks`` weeks before the coming Monday: the season runs through this
    week's Sunday, so the week after it — the demo's "next week" — is the week after today
    (as `runlift plan next` plans it), never a week already under way."""
    today = today or datetime.now(tz).date()
    coming_monday = today + timedelta(days=7 - today.weekday())
    return coming_monday - timedelta(weeks=weeks)


def generate_season(
    mount: Path,
    *,
    seed: int = 7,
    weeks: int = 16,
    start: date | None = None,
    workers: int | None = None,
    overwrite: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> SeasonSummary:
    """Simulate the demo athlete and write her season as a USB-mounted Garmin watch.

    Writes ``<mount>/GARMIN/{Activity,Monitor,Sleep,HRVStatus}/`` and ``GarminDevice.xml``.
    The output is byte-identical for the same (seed, weeks, start) whatever ``workers`` is;
    without ``start`` the season ends on the Sunday before the current week (Europe/Berlin).
    ``workers`` defaults to one process for short seasons and up to 4 for long ones.
    ``progress(done, total)`` is called as work items (activities, nights, days) are written.
    """
    began = time.perf_counter()
    if not 1 <= weeks <= MAX_WEEKS:
        raise ConfigError(f"weeks must be between 1 and {MAX_WEEKS}, got {weeks}: pass e.g. 16")
    athlete = Athlete()
    tz = ZoneInfo(athlete.timezone)
    if start is None:
        start = default_start(weeks, tz)
    if start.weekday() != 0:
        raise ConfigError(f"start must be a Monday, {start} is a {start:%A}: pass a Monday")
    mount = Path(mount)
    _prepare(mount, overwrite=overwrite)

    plan = simulate_season(athlete, start, weeks, seed)
    batches = _batches(plan.activities, plan.nights, plan.days, start)
    total = sum(len(batch) for batch in batches)
    n_workers = _worker_count(workers, weeks)
    log.info("demo season: %d weeks, %d files, %d worker(s)", weeks, total, n_workers)
    results: list[FileResult] = []
    done = 0  # work items (an activity, a night, a day), the unit of `total`
    if n_workers == 1:
        for batch in batches:
            results.extend(render_batch(athlete, str(mount), batch))
            done += len(batch)
            if progress:
                progress(done, total)
    else:
        with worker_pool(n_workers) as pool:
            futures = [(pool.submit(render_batch, athlete, str(mount), b), len(b)) for b in batches]
            for future, size in futures:
                results.extend(future.result())
                done += size
                if progress:
                    progress(done, total)
    return _summary(mount, seed, plan, results, athlete, time.perf_counter() - began)


def _prepare(mount: Path, *, overwrite: bool) -> None:
    garmin = mount / device.GARMIN_DIR
    if garmin.exists() and any(p.is_file() for p in garmin.rglob("*")):
        if not overwrite:
            raise ConfigError(
                f"{garmin} already holds files: choose an empty directory for the demo watch, "
                "or pass overwrite=True to replace its GARMIN folder"
            )
        shutil.rmtree(garmin)
    for folder in (device.ACTIVITY_DIR, device.MONITOR_DIR, device.SLEEP_DIR, device.HRV_DIR):
        (mount / folder).mkdir(parents=True, exist_ok=True)
    (mount / device.MANIFEST).write_text(device.manifest_xml(), encoding="utf-8")


def _worker_count(workers: int | None, weeks: int) -> int:
    if workers is not None:
        return max(1, workers)
    if weeks < _PARALLEL_FROM_WEEKS:
        return 1
    return max(1, min(4, os.cpu_count() or 1))


Item = RunSpec | LiftSpec | NightSpec | DaySpec


def _batches(
    activities: Iterable[RunSpec | LiftSpec],
    nights: Iterable[NightSpec],
    days: Iterable[DaySpec],
    start: date,
) -> list[list[Item]]:
    """Group the files by season week (the unit of parallel work)."""
    by_week: dict[int, list[Item]] = {}
    for item in (*activities, *nights, *days):
        day = item.wake_date if isinstance(item, NightSpec) else item.local_date
        by_week.setdefault((day - start).days // 7, []).append(item)
    return [by_week[k] for k in sorted(by_week)]


def render_batch(athlete: Athlete, mount: str, items: list[Item]) -> list[FileResult]:
    """Render, encode and write a batch of files (runs in a worker process)."""
    tz = ZoneInfo(athlete.timezone)
    root = Path(mount)
    out = []
    for item in items:
        if isinstance(item, RunSpec):
            run = render_run(athlete, item)
            rel = f"{device.ACTIVITY_DIR}/{device.activity_name(item.start_utc, tz)}"
            data = fit_writer.encode_run(run, tz)
            result = FileResult(
                "run", rel, item.local_date, len(run.samples), run.session.distance_m, item.run_type
            )
        elif isinstance(item, LiftSpec):
            lift = render_lift(athlete, item)
            rel = f"{device.ACTIVITY_DIR}/{device.activity_name(item.start_utc, tz)}"
            data = fit_writer.encode_lift(lift, tz)
            result = FileResult(
                "lift", rel, item.local_date, len(lift.samples), 0.0, item.lift_type
            )
        elif isinstance(item, NightSpec):
            wake = item.sleep_start_utc + timedelta(seconds=item.sleep_s)
            name = device.activity_name(wake, tz)
            (root / device.SLEEP_DIR / name).write_bytes(fit_writer.encode_sleep(item, tz))
            out.append(FileResult("sleep", f"{device.SLEEP_DIR}/{name}", item.wake_date, 0))
            rel = f"{device.HRV_DIR}/{name}"
            data = fit_writer.encode_hrv(item, tz)
            result = FileResult("hrv", rel, item.wake_date, 0)
        else:
            rel = f"{device.MONITOR_DIR}/{device.monitor_name(item.local_date)}"
            data = fit_writer.encode_monitoring(item, tz)
            result = FileResult("monitor", rel, item.local_date, 0)
        (root / rel).write_bytes(data)
        out.append(result)
    return out


def _summary(
    mount: Path,
    seed: int,
    plan: SeasonPlan,
    results: list[FileResult],
    athlete: Athlete,
    seconds: float,
) -> SeasonSummary:
    km: Counter[int] = Counter()
    for r in results:
        if r.kind == "run":
            km[(r.local_date - plan.start).days // 7] += r.distance_m / 1000.0
    weeks = tuple(replace(w, actual_km=round(km[w.index - 1], 1)) for w in plan.weeks)
    files: dict[str, list[Path]] = {}
    counts: Counter[str] = Counter()
    for r in sorted(results, key=lambda r: r.path):
        files.setdefault(r.kind, []).append(mount / r.path)
        counts[r.kind] += 1
        if r.detail:
            counts[f"{r.kind}:{r.detail}"] += 1
    end = plan.start + timedelta(weeks=len(plan.weeks), days=-1)
    return SeasonSummary(
        mount=mount,
        seed=seed,
        start=plan.start,
        end=end,
        next_week_start=end + timedelta(days=1),
        timezone=athlete.timezone,
        athlete=athlete,
        files={k: tuple(v) for k, v in files.items()},
        counts=dict(sorted(counts.items())),
        records=sum(r.records for r in results),
        weeks=weeks,
        plan_path=DEMO_PLAN,
        seconds=round(seconds, 2),
    )
