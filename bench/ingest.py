"""Benchmark: import the real FIT corpus into a fresh warehouse, beside raw fitparse on the same files.

    uv run python bench/ingest.py [--corpus DIR] [--workers N] [--limit N] [--single]

Prints files/s, records/s, MB/s and peak memory for (a) fitparse alone iterating every
message, across the same number of processes, and (b) `runlift import` (read, hash, keep
the original, decode, load into DuckDB), so the pipeline's overhead over raw decoding shows.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import fitparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from runlift_sync.config import Settings
from runlift_sync.ingest import import_paths
from runlift_sync.sources import discover


def fitparse_alone(path: str) -> tuple[int, int]:
    """Every message fitparse can read from one file: (messages, records)."""
    messages = records = 0
    try:
        for message in fitparse.FitFile(path).get_messages():
            messages += 1
            records += message.name == "record"
    except Exception:
        pass
    return messages, records


def peak_mb() -> tuple[float, float]:
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return me, children


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "fit-corpus"
    )
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--limit", type=int, default=0, help="only the first N files")
    parser.add_argument("--single", action="store_true", help="also time 1 worker")
    args = parser.parse_args()

    files = [f for f in discover([args.corpus]) if f.source != "zip"]
    paths = sorted(f.origin for f in files)
    if args.limit:
        paths = paths[: args.limit]
    megabytes = sum(Path(p).stat().st_size for p in paths) / 1e6
    print(
        f"{len(paths)} files, {megabytes:.1f} MB, {args.workers} worker(s), {os.cpu_count()} cores"
    )

    started = time.perf_counter()
    with ProcessPoolExecutor(args.workers) as pool:
        counts = list(pool.map(fitparse_alone, paths, chunksize=2))
    raw_s = time.perf_counter() - started
    messages = sum(c[0] for c in counts)
    records = sum(c[1] for c in counts)
    print(
        f"fitparse alone   : {raw_s:7.1f} s  {len(paths) / raw_s:6.2f} files/s  "
        f"{records / raw_s:8.0f} records/s  {messages / raw_s:8.0f} msgs/s  {megabytes / raw_s:5.2f} MB/s"
    )

    runs = [args.workers] + ([1] if args.single and args.workers != 1 else [])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "files"
        folder.mkdir()
        for i, p in enumerate(paths):
            os.symlink(p, folder / f"{i:04d}-{Path(p).name}")
        for workers in runs:
            settings = Settings(
                warehouse=Path(tmp) / f"w{workers}" / "bench.duckdb",
                athlete="bench",
                config_path=Path(tmp) / "none.toml",
            )
            started = time.perf_counter()
            summary = import_paths(settings, [folder], workers=workers)
            took = time.perf_counter() - started
            loaded = summary.n_records
            counts_text = ", ".join(f"{k} {v}" for k, v in sorted(summary.counts.items()))
            db_mb = settings.warehouse.stat().st_size / 1e6
            print(
                f"runlift import   : {took:7.1f} s  {len(paths) / took:6.2f} files/s  "
                f"{loaded / took:8.0f} records/s  {'':>8}        {megabytes / took:5.2f} MB/s"
                f"  ({workers} worker(s); overhead over fitparse alone: {took / raw_s - 1:+.0%})"
            )
            print(f"                   {counts_text}; {loaded:,} records; warehouse {db_mb:.0f} MB")
    me, children = peak_mb()
    print(f"peak memory      : main process {me:.0f} MB, largest worker {children:.0f} MB")


if __name__ == "__main__":
    main()
