"""Benchmark: import the real FIT corpus into a fresh warehouse, beside raw fitparse on the same files.

    uv run python bench/ingest.py [--corpus DIR] [--workers N] [--limit N] [--single]
    uv run python bench/ingest.py --perf-sample [--repeat 5]

Prints files/s, records/s, MB/s and peak memory for (a) fitparse alone iterating every
message, across the same number of processes, and (b) `runlift import` (read, hash, keep
the original, decode, load into DuckDB), so the pipeline's overhead over raw decoding shows.

--perf-sample: the issue-14 target on the 16 files of `bench/perf_sample.py`, side by side in
one run, each measurement in a fresh process, in alternating order, `--repeat` times: fitparse
alone on one core, `runlift import`'s work (`import_paths`, default workers, fresh warehouse,
no marts), and the whole `runlift import --no-refresh` command; medians and the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
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

HERE = Path(__file__).resolve().parent


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


def _child(kind: str, files: list[str], work: Path) -> dict[str, float]:
    """One measurement in this (fresh) process."""
    if kind == "fitparse":
        started = time.perf_counter()
        counts = [fitparse_alone(p) for p in files]
        return {"seconds": time.perf_counter() - started, "messages": sum(c[0] for c in counts)}
    folder = work / "files"
    settings = Settings(
        warehouse=work / "wh" / "bench.duckdb", athlete="bench", config_path=work / "none.toml"
    )
    started = time.perf_counter()
    summary = import_paths(settings, [folder])
    return {
        "seconds": time.perf_counter() - started,
        "files": len(summary.outcomes),
        "records": summary.n_records,
        "readers": dict(summary.readers),  # type: ignore[dict-item]
    }


def perf_sample_run(repeat: int) -> None:
    sys.path.insert(0, str(HERE))
    from perf_sample import perf_sample

    files = [str(p) for p in perf_sample()]
    megabytes = sum(Path(p).stat().st_size for p in files) / 1e6
    print(f"perf sample: {len(files)} files, {megabytes:.1f} MB (bench/perf_sample.py)")
    print(f"start: {_load()}")
    seconds: dict[str, list[float]] = {"fitparse": [], "import": [], "command": []}
    for round_ in range(repeat):
        order = ["fitparse", "import", "command"]
        if round_ % 2:
            order.reverse()
        for kind in order:
            with tempfile.TemporaryDirectory(prefix="runlift-perf-") as tmp:
                work = Path(tmp)
                (work / "files").mkdir()
                for i, p in enumerate(files):
                    os.symlink(p, work / "files" / f"{i:02d}-{Path(p).name}")
                if kind == "command":
                    started = time.perf_counter()
                    subprocess.run(
                        [sys.executable, "-m", "runlift_sync", "--warehouse",
                         str(work / "wh" / "r.duckdb"), "--athlete", "bench", "import",
                         "--no-refresh", str(work / "files")],
                        check=True, capture_output=True,
                    )  # fmt: skip
                    seconds[kind].append(time.perf_counter() - started)
                    continue
                done = subprocess.run(
                    [sys.executable, __file__, "--child", kind, "--work", tmp, *files],
                    check=True, capture_output=True, text=True,
                )  # fmt: skip
                result = json.loads(done.stdout.strip().splitlines()[-1])
                seconds[kind].append(result["seconds"])
                if kind == "import" and round_ == 0:
                    print(f"  import: {result['files']} files, {result['records']:,} records, "
                          f"read by {result['readers']}")  # fmt: skip
    fitparse = statistics.median(seconds["fitparse"])
    work = statistics.median(seconds["import"])
    command = statistics.median(seconds["command"])
    print(f"medians of {repeat} (each in a fresh process; alternating order):")
    print(f"  fitparse alone, one core      : {fitparse:6.2f} s   {_spread(seconds['fitparse'])}")
    print(f"  runlift import (import_paths) : {work:6.2f} s   {_spread(seconds['import'])}"
          f"   {work / fitparse:.3f} x fitparse")  # fmt: skip
    print(f"  `runlift import --no-refresh` : {command:6.2f} s   {_spread(seconds['command'])}"
          f"   {command / fitparse:.3f} x fitparse (whole command, start-up included)")  # fmt: skip
    print(f"end: {_load()}")


def _spread(values: list[float]) -> str:
    return "[" + " ".join(f"{v:.2f}" for v in values) + "]"


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.1f} / {five:.1f} / {fifteen:.1f} on {os.cpu_count()} cores"


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        kind, work, files = sys.argv[2], Path(sys.argv[4]), sys.argv[5:]
        print(json.dumps(_child(kind, files, work)))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "fit-corpus"
    )
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--limit", type=int, default=0, help="only the first N files")
    parser.add_argument("--single", action="store_true", help="also time 1 worker")
    parser.add_argument("--perf-sample", action="store_true", help="the issue-14 target")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if args.perf_sample:
        perf_sample_run(args.repeat)
        return

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
