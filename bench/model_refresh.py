"""Benchmark: refreshing the training model on a five-year demo history.

    uv run python bench/model_refresh.py [--weeks 260] [--seed 7] [--keep DIR] [--workers N]

Writes the demo athlete's season (`runlift_sync.demo.generate_season`) to a watch mount,
imports all of it except the last week's activities with the real importer, then measures
`refresh_marts` in a fresh process each (so peak memory is per phase):

1. cold: the first refresh (every activity's record stream read and cached);
2. warm: a refresh with nothing new (the nightly flow with no new files);
3. incremental: the last week's activities imported, then refreshed.

With --keep DIR the mount and a copy of the imported warehouse are kept there and reused.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import resource
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from runlift_sync.config import AthleteConfig, ConfigFile, Settings
from runlift_sync.db import open_reader, open_writer
from runlift_sync.demo import Athlete, generate_season
from runlift_sync.ingest import import_paths
from runlift_sync.model import refresh_marts


def settings_for(warehouse: Path) -> Settings:
    athlete = Athlete()
    config = ConfigFile(
        athlete="demo",
        athletes={"demo": AthleteConfig(timezone=athlete.timezone, sex=athlete.sex)},
    )
    return Settings(
        warehouse=warehouse,
        athlete="demo",
        config_path=warehouse.with_suffix(".toml"),
        config=config,
    )


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def refresh_phase(warehouse: str, today: str) -> dict[str, object]:
    """One refresh in this (fresh) process: seconds, peak RSS, what it did."""
    settings = settings_for(Path(warehouse))
    started = time.perf_counter()
    with open_writer(settings.warehouse) as con:
        opened = time.perf_counter()
        report = refresh_marts(con, settings, today=dt.date.fromisoformat(today))
    done = time.perf_counter()
    athlete = report.athletes[0]
    return {
        "seconds": report.seconds,
        "open_s": opened - started,
        "total_s": done - started,
        "peak_mb": peak_mb(),
        "features": athlete.features_computed,
        "rows": athlete.rows,
        "timings": report.timings,
        "failed_checks": report.failed_checks,
    }


def import_phase(warehouse: str, paths: list[str], workers: int) -> dict[str, object]:
    settings = settings_for(Path(warehouse))
    summary = import_paths(settings, [Path(p) for p in paths], workers=workers)
    return {
        "seconds": summary.seconds,
        "files": len(summary.outcomes),
        "records": summary.n_records,
        "peak_mb": peak_mb(),
    }


def in_child(func: object, *args: object) -> dict[str, object]:
    """Run a phase in a fresh process (its peak memory is the phase's own)."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        return pool.submit(func, *args).result()  # type: ignore[arg-type]


def split_last_week(mount: Path, last_monday: dt.date) -> tuple[list[str], list[str]]:
    """All FIT files, and the activity files of the last week (by their local-time names)."""
    everything = sorted(str(p) for p in mount.rglob("*") if p.suffix.lower() == ".fit")
    late = [
        p
        for p in everything
        if "/Activity/" in p and dt.date.fromisoformat(Path(p).name[:10]) >= last_monday
    ]
    early = [p for p in everything if p not in set(late)]
    return early, late


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--weeks", type=int, default=260)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--keep", type=Path, default=None, help="keep (and reuse) mount + warehouse here"
    )
    parser.add_argument("--workers", type=int, default=0, help="import processes (0 = all cores)")
    args = parser.parse_args()

    root = args.keep or Path(tempfile.mkdtemp(prefix="runlift-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    mount = root / f"watch-{args.weeks}w-seed{args.seed}"
    imported = root / f"imported-{args.weeks}w-seed{args.seed}.duckdb"
    work = root / "bench.duckdb"

    if not (mount / "GARMIN").exists():
        t = time.perf_counter()
        season = generate_season(mount, seed=args.seed, weeks=args.weeks)
        print(
            f"generated {len(season.paths)} files ({season.records:,} records) in {time.perf_counter() - t:.0f} s"
        )
    end = max(
        dt.date.fromisoformat(p.name[:10]) for p in (mount / "GARMIN" / "Activity").glob("*.fit")
    )
    last_monday = end - dt.timedelta(days=end.weekday())
    early, late = split_last_week(mount, last_monday)
    if not imported.exists():
        staging = root / "importing.duckdb"
        for stale in root.glob("importing.duckdb*"):
            stale.unlink()
        result = in_child(import_phase, str(staging), early, args.workers)
        for suffix in ("", ".wal"):
            if Path(str(staging) + suffix).exists():
                Path(str(staging) + suffix).rename(Path(str(imported) + suffix))
        print(
            f"imported {result['files']} files ({result['records']:,} records) in "
            f"{result['seconds']:.0f} s, peak {result['peak_mb']:.0f} MB"
        )
    for suffix in ("", ".wal"):
        source = Path(str(imported) + suffix)
        if source.exists():
            shutil.copy(source, Path(str(work) + suffix))
    with open_reader(work) as con:
        activities, records = con.execute(
            "SELECT (SELECT count(*) FROM activities), (SELECT count(*) FROM raw_record)"
        ).fetchone()
    today = (end + dt.timedelta(days=1)).isoformat()
    print(
        f"warehouse: {activities:,} activities, {records:,} records (all files but the last week's activities)"
    )

    phases: list[tuple[str, dict[str, object]]] = []
    phases.append(("cold (first refresh)", in_child(refresh_phase, str(work), today)))
    phases.append(("warm (nothing new)", in_child(refresh_phase, str(work), today)))
    added = in_child(import_phase, str(work), late, 1)
    print(
        f"then imported the last week: {added['files']} activity files in {added['seconds']:.1f} s"
    )
    phases.append(("incremental (+1 week)", in_child(refresh_phase, str(work), today)))

    print()
    print(f"{'phase':<24} {'refresh s':>10} {'+open s':>8} {'peak MB':>8} {'new activities':>15}")
    for name, r in phases:
        print(
            f"{name:<24} {r['seconds']:>10.2f} {r['open_s']:>8.2f} {r['peak_mb']:>8.0f} {r['features']:>15}"
        )
    cold = phases[0][1]
    print()
    print(
        "cold refresh by step: " + ", ".join(f"{k} {v:.2f} s" for k, v in cold["timings"].items())
    )  # type: ignore[union-attr]
    print("rows: " + ", ".join(f"{k} {v:,}" for k, v in cold["rows"].items()))  # type: ignore[union-attr]
    failed = {name: r["failed_checks"] for name, r in phases if r["failed_checks"]}
    if failed:
        print(f"FAILED CHECKS: {failed}")
        return 1
    if args.keep is None:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
