"""Benchmark: the backfill and nightly flows on the five-year demo history, on a started Prefect server.

    uv run python bench/pipelines.py [--history DIR] [--weeks 260] [--workers N] [--no-single]
                                     [--repeat N] [--nightly-only]

1. raw fitparse over every file of the history (1 process, then N): the floor;
2. the `backfill` flow (process pool, 1 worker, then N; marts not refreshed) into a fresh
   warehouse: wall time, files/s, records/s, peak memory of the flow process and of the
   largest worker;
3. the `nightly` flow with one new activity on top of the five years (import + marts), as a
   flow call; then the whole `runlift sync` command, each time with one more new activity,
   `--repeat` times reporting to the started server and as many times without any server
   (the flows' work run directly, `pipelines/direct.py`): wall and CPU seconds, medians.

A Prefect server (`prefect server start`) is started on a free port with its own PREFECT_HOME
and stopped at the end; every flow reports to it. `--nightly-only` skips 1 and 2 and builds
the five-year warehouse with a plain import instead. The history is generated when missing
(`python -m runlift_sync.demo --out DIR --weeks 260`: ~7,000 files, ~1.1 M records, ~1.5 min).
Each measurement runs in its own process, so peak memory is per measurement.

    uv run python bench/pipelines.py --targets [--repeat 3] [--workers 2]

The issue-14 targets instead, without a Prefect server of the bench's own (the command starts
whatever the CLI starts), each in a fresh process, `--repeat` times, medians:
1. `runlift backfill MOUNT` of the history minus its newest activity, as a whole command into
   a fresh warehouse: wall time, CPU (user+sys of all its processes), peak RSS of the largest;
2. the same work without Prefect (`import_paths` on a process pool, then `refresh_marts`),
   with its parts (import, marts) and the import's CPU;
3. the nightly's own work on that five-year warehouse with one new activity: import of the
   file, marts refresh, next week's plan.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ATHLETE = "bench"
RUNLIFT = [sys.executable, "-m", "runlift_sync"]


def fitparse_alone(path: str) -> tuple[int, int]:
    """Every message fitparse can read from one file: (messages, records)."""
    import fitparse

    messages = records = 0
    try:
        for message in fitparse.FitFile(path).get_messages():
            messages += 1
            records += message.name == "record"
    except Exception:  # the floor counts what decodes; errors are the importer's business
        pass
    return messages, records


def peak_mb() -> dict[str, float]:
    return {
        "rss_flow_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.1f} / {five:.1f} / {fifteen:.1f} on {os.cpu_count()} cores"


# --- the measurements, each run in a child process ---------------------------------------------


def child_fitparse(args: argparse.Namespace) -> dict[str, Any]:
    paths = json.loads(Path(args.paths_file).read_text())
    started = time.perf_counter()
    if args.workers == 1:
        counts = [fitparse_alone(p) for p in paths]
    else:
        with ProcessPoolExecutor(args.workers) as pool:
            counts = list(pool.map(fitparse_alone, paths, chunksize=16))
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "files": len(paths),
        "records": sum(c[1] for c in counts),
        "messages": sum(c[0] for c in counts),
        **peak_mb(),
    }


def child_backfill(args: argparse.Namespace) -> dict[str, Any]:
    import pipelines  # noqa: F401
    from pipelines.backfill import backfill

    started = time.perf_counter()
    state = backfill(
        paths=[args.mount],
        runner="process",
        workers=args.workers,
        refresh=False,
        warehouse=args.warehouse,
        athlete=ATHLETE,
        return_state=True,
    )
    seconds = time.perf_counter() - started
    summary = state.result()
    return {
        "seconds": seconds,
        "import_seconds": summary.seconds,
        "files": len(summary.outcomes),
        "records": summary.n_records,
        "counts": dict(summary.counts),
        "message": state.message,
        **peak_mb(),
    }


def child_nightly(args: argparse.Namespace) -> dict[str, Any]:
    import pipelines  # noqa: F401
    from pipelines.nightly import nightly

    started = time.perf_counter()
    state = nightly(watch=args.mount, warehouse=args.warehouse, athlete=ATHLETE, return_state=True)
    seconds = time.perf_counter() - started
    night = state.result(raise_on_failure=False)
    return {
        "seconds": seconds,
        "state": state.type.value,
        "message": state.message,
        "sources": [o.summary_line() for o in night.sources],
        "steps": night.steps,
        **peak_mb(),
    }


def child_import(args: argparse.Namespace) -> dict[str, Any]:
    """The same import without Prefect (`runlift import`'s process pool): Prefect's share."""
    from runlift_sync.config import Settings
    from runlift_sync.ingest import import_paths

    settings = Settings(
        warehouse=Path(args.warehouse), athlete=ATHLETE, config_path=Path("/nonexistent.toml")
    )
    started = time.perf_counter()
    summary = import_paths(settings, [Path(args.mount)], workers=args.workers)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "files": len(summary.outcomes),
        "records": summary.n_records,
        **peak_mb(),
    }


def _settings(warehouse: str) -> Any:
    from runlift_sync.config import AthleteConfig, CoachConfig, ConfigFile, Settings
    from runlift_sync.demo import Athlete

    athlete = Athlete()
    plan = Path(warehouse).parent / "plan.toml"
    if not plan.exists():
        shutil.copy(ROOT / "runlift_sync" / "demo" / "plan.toml", plan)
    config = ConfigFile(
        athlete=ATHLETE,
        athletes={ATHLETE: AthleteConfig(timezone=athlete.timezone, sex=athlete.sex)},
        coach=CoachConfig(plan=str(plan)),
    )
    return Settings(
        warehouse=Path(warehouse),
        athlete=ATHLETE,
        config_path=Path(warehouse).with_suffix(".toml"),
        config=config,
    )


def _cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def child_backfill_work(args: argparse.Namespace) -> dict[str, Any]:
    """The backfill's work without Prefect: import on a process pool, then the marts."""
    from runlift_sync.db import open_writer
    from runlift_sync.ingest import import_paths
    from runlift_sync.model import refresh_marts

    settings = _settings(args.warehouse)
    started, cpu = time.perf_counter(), _cpu()
    summary = import_paths(settings, [Path(args.mount)], workers=args.workers)
    imported, import_cpu = time.perf_counter(), _cpu()
    with open_writer(settings.warehouse) as con:
        refresh_marts(con, settings)
    done = time.perf_counter()
    return {
        "seconds": done - started,
        "import_seconds": imported - started,
        "marts_seconds": done - imported,
        "import_cpu": import_cpu - cpu,
        "cpu": _cpu() - cpu,
        "files": len(summary.outcomes),
        "records": summary.n_records,
        "readers": dict(summary.readers),
        **peak_mb(),
    }


def child_nightly_work(args: argparse.Namespace) -> dict[str, Any]:
    """One new activity on a big warehouse: import, marts, next week's plan (no Prefect)."""
    from pipelines.steps import adjust_plan, refresh_model
    from runlift_sync.ingest import import_paths

    settings = _settings(args.warehouse)
    started = time.perf_counter()
    summary = import_paths(settings, [Path(args.mount)], workers=1)
    imported = time.perf_counter()
    refresh_model(settings)  # with the plan's [athlete], as the night's marts step
    refreshed = time.perf_counter()
    planned = adjust_plan(settings, refresh=False)  # the night's plan step reads those marts
    done = time.perf_counter()
    return {
        "seconds": done - started,
        "import_seconds": imported - started,
        "marts_seconds": refreshed - imported,
        "plan_seconds": done - refreshed,
        "counts": dict(summary.counts),
        "planned": planned is not None,
        **peak_mb(),
    }


def targets(args: argparse.Namespace, mount: Path) -> None:
    """The issue-14 targets (see the module docstring)."""
    files = history_files(mount)
    activities = sorted(p for p in files if p.parent.name == "Activity")
    newest = activities[-1]
    print(f"history: {len(files)} files ({mount}); the newest activity held back for the nightly")
    runs: dict[str, list[dict[str, Any]]] = {"command": [], "work": [], "nightly": []}
    with tempfile.TemporaryDirectory(prefix="runlift-targets-") as tmp:
        work = Path(tmp)
        backfill_mount = work / "watch-minus-1"
        nightly_mount = work / "new"
        mirror(mount, backfill_mount, {newest})
        (nightly_mount / "GARMIN" / "Activity").mkdir(parents=True)
        (nightly_mount / "GARMIN" / "Activity" / newest.name).symlink_to(newest)
        env = {**os.environ, "PREFECT_HOME": str(work / "prefect-home")}
        for round_ in range(args.repeat):
            for kind in ["command", "work"] if round_ % 2 == 0 else ["work", "command"]:
                warehouse = work / f"{kind}-{round_}" / "runlift.duckdb"
                warehouse.parent.mkdir(parents=True)
                if kind == "work":
                    r = in_child(
                        "backfill_work", env, workers=args.workers, mount=backfill_mount,
                        warehouse=warehouse,
                    )  # fmt: skip
                else:
                    r = _command(
                        ["--warehouse", str(warehouse), "--athlete", ATHLETE, "backfill",
                         "--workers", str(args.workers), str(backfill_mount)], env,
                    )  # fmt: skip
                runs[kind].append(r)
                print(f"  {kind:8s} round {round_ + 1}: {_describe(r)}  ({load()})", flush=True)
            nightly_wh = work / f"work-{round_}" / "runlift.duckdb"
            r = in_child("nightly_work", env, mount=nightly_mount, warehouse=nightly_wh)
            runs["nightly"].append(r)
            print(f"  nightly  round {round_ + 1}: {_describe(r)}", flush=True)
            for old in (work / f"command-{round_}", work / f"work-{round_}"):
                shutil.rmtree(old, ignore_errors=True)
    print(f"\nmedians of {args.repeat}:")
    for kind, label in (
        ("command", "`runlift backfill` (whole command)"),
        ("work", "backfill work without Prefect"),
        ("nightly", "nightly work, one new activity"),
    ):
        rows = runs[kind]
        keys = [k for k, v in rows[0].items() if isinstance(v, float)]
        medians = {k: statistics.median(r[k] for r in rows) for k in keys}
        print(f"  {label}: " + ", ".join(f"{k} {v:.1f}" for k, v in medians.items()))


def _command(arguments: list[str], env: dict[str, str]) -> dict[str, Any]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "runlift_sync", *arguments],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 2):
        sys.stderr.write(done.stdout[-3000:] + done.stderr[-3000:])
        raise SystemExit(f"runlift {' '.join(arguments)} failed ({done.returncode})")
    return {
        "seconds": seconds,
        "cpu": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
        "rss_largest_mb": after.ru_maxrss / 1024,
        "exit": done.returncode,
    }


def _describe(r: dict[str, Any]) -> str:
    return ", ".join(
        f"{k} {v:.1f}" if isinstance(v, float) else f"{k} {v}"
        for k, v in r.items()
        if k not in ("stderr_errors",)
    )


CHILDREN = {
    "backfill_work": child_backfill_work,
    "nightly_work": child_nightly_work,
    "fitparse": child_fitparse,
    "backfill": child_backfill,
    "import": child_import,
    "nightly": child_nightly,
}


def in_child(kind: str, env: dict[str, str], **options: Any) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", kind]
    for key, value in options.items():
        command += [f"--{key.replace('_', '-')}", str(value)]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"{kind} failed ({done.returncode})")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_seconds"] = wall
    result["stderr_errors"] = [
        line for line in done.stderr.splitlines() if "ERROR" in line or "Traceback" in line
    ]
    return result


# --- the driver ---------------------------------------------------------------------------------


def history_files(mount: Path) -> list[Path]:
    from runlift_sync.sources import discover

    return [Path(f.origin) for f in discover([mount])]


def mirror(mount: Path, target: Path, leave_out: set[Path]) -> None:
    """A watch mount of symlinks to `mount`'s files, without `leave_out`."""
    for path in history_files(mount):
        if path in leave_out:
            continue
        link = target / path.relative_to(mount)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(path)
    for extra in ("GARMIN/GarminDevice.xml",):
        if (mount / extra).exists():
            shutil.copy(mount / extra, target / extra)


def rate(value: float, seconds: float) -> str:
    return f"{value / seconds:>10,.0f}" if seconds else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--history", type=Path, default=Path(tempfile.gettempdir()) / "runlift-bench" / "watch"
    )
    parser.add_argument("--weeks", type=int, default=260)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--no-single", action="store_true", help="skip the 1-worker runs")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per measurement (`runlift sync`: per mode)"
    )
    parser.add_argument("--nightly-only", action="store_true", help="only part 3")
    parser.add_argument("--child", choices=sorted(CHILDREN))
    parser.add_argument("--paths-file")
    parser.add_argument("--mount")
    parser.add_argument("--warehouse")
    parser.add_argument("--targets", action="store_true", help="the issue-14 targets")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(CHILDREN[args.child](args), default=str))
        return

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the server on `kill` too
    # runlift's own modules as an install has them, compiled (uv compiles what it installs;
    # with PYTHONDONTWRITEBYTECODE set, every command would compile ~140 modules again)
    for package in ("runlift_sync", "pipelines", "rules"):
        compileall.compile_dir(ROOT / package, quiet=1)
    print(f"start: {load()}")
    mount: Path = args.history
    if not (mount / "GARMIN").is_dir():
        print(f"generating the {args.weeks}-week demo history in {mount} …", flush=True)
        from runlift_sync.demo import generate_season

        summary = generate_season(mount, weeks=args.weeks, start=None)
        print(
            f"  {len(summary.paths)} files, {summary.records:,} records in {summary.seconds:.0f} s"
        )
    if args.targets:
        targets(args, mount)
        print(f"end: {load()}")
        return
    files = history_files(mount)
    activities = sorted(p for p in files if p.parent.name == "Activity")
    # the newest activities: one per nightly measurement (the flow call, then the commands)
    held_back = activities[-(1 + 2 * args.repeat) :]
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    print(f"history: {len(files)} files, {megabytes:.1f} MB ({mount})")

    with tempfile.TemporaryDirectory(prefix="runlift-bench-") as tmp:
        work = Path(tmp)
        backfill_mount = work / "watch-backfill"
        nightly_mount = work / "watch-nightly"
        mirror(mount, backfill_mount, set(held_back))
        mirror(mount, nightly_mount, set(held_back[1:]))
        paths_file = work / "paths.json"
        paths_file.write_text(json.dumps([str(p) for p in files if p not in held_back]))

        os.environ["PREFECT_HOME"] = str(work / "prefect-home")
        import pipelines  # noqa: F401  (runlift's Prefect defaults)
        from pipelines.server import free_port, local_server

        env = {**os.environ, "PREFECT_LOGGING_LEVEL": "INFO"}
        print("starting `prefect server start` …", flush=True)
        started = time.perf_counter()
        with local_server(port=free_port(), log_path=work / "server.log") as server:
            print(f"  answering after {time.perf_counter() - started:.1f} s at {server.api_url}")
            env["PREFECT_API_URL"] = server.api_url
            worker_counts = [args.workers] if args.no_single else [1, args.workers]
            if args.nightly_only:
                last = work / "wh-plain" / "runlift.duckdb"
                r = in_child(
                    "import", env, workers=args.workers, mount=backfill_mount, warehouse=last
                )
                print(f"\nthe history imported without Prefect in {r['seconds']:.1f} s")
                measure_nightly(env, server.process.pid, mount, last, held_back, work, args.repeat)
                print(f"\nend: {load()}")
                return

            print("\nraw fitparse (every message of the same files; no warehouse)")
            raw: dict[int, dict[str, Any]] = {}
            for workers in worker_counts:
                raw[workers] = r = in_child("fitparse", env, workers=workers, paths_file=paths_file)
                print(
                    f"  {workers} process(es): {r['seconds']:7.1f} s  {rate(r['records'], r['seconds'])} records/s"
                    f"  {rate(r['files'], r['seconds'])} files/s   peak {r['rss_worker_mb'] if workers > 1 else r['rss_flow_mb']:.0f} MB",
                    flush=True,
                )

            print("\nbackfill flow (process pool; read, keep original, decode, load; no marts)")
            for workers in worker_counts:
                warehouse = work / f"wh-{workers}" / "runlift.duckdb"
                r = in_child(
                    "backfill", env, workers=workers, mount=backfill_mount, warehouse=warehouse
                )
                floor = raw[workers]["seconds"]
                print(
                    f"  {workers} worker(s):    {r['seconds']:7.1f} s  {rate(r['records'], r['seconds'])} records/s"
                    f"  {rate(r['files'], r['seconds'])} files/s   flow process {r['rss_flow_mb']:.0f} MB,"
                    f" largest worker {r['rss_worker_mb']:.0f} MB   ({r['seconds'] / floor - 1:+.0%} over raw fitparse;"
                    f" whole process {r['process_seconds']:.1f} s)",
                    flush=True,
                )
                print(f"                  {r['message']}")
                if r["stderr_errors"]:
                    print(f"                  ERROR lines: {r['stderr_errors'][:3]}")
            last = work / f"wh-{worker_counts[-1]}" / "runlift.duckdb"

            workers = worker_counts[-1]
            r = in_child(
                "import",
                env,
                workers=workers,
                mount=backfill_mount,
                warehouse=work / "wh-plain" / "runlift.duckdb",
            )
            print(
                f"  without Prefect: {r['seconds']:7.1f} s  {rate(r['records'], r['seconds'])} records/s"
                f"  ({workers} worker(s): `runlift import`'s own process pool, for comparison)",
                flush=True,
            )

            measure_nightly(env, server.process.pid, mount, last, held_back, work, args.repeat)
    print(f"\nend: {load()}")


def cpu_of(pid: int) -> float:
    """CPU seconds (user + system) a running process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def night_config(work: Path) -> Path:
    """A config file naming the demo plan (its `[athlete]` is the demo athlete's)."""
    plan = work / "plan.toml"
    shutil.copy(ROOT / "runlift_sync" / "demo" / "plan.toml", plan)
    config = work / "config.toml"
    config.write_text(f'athlete = "{ATHLETE}"\n[coach]\nplan = "{plan}"\n', encoding="utf-8")
    return config


def measure_nightly(
    env: dict[str, str],
    server_pid: int,
    mount: Path,
    last: Path,
    held_back: list[Path],
    work: Path,
    repeat: int,
) -> None:
    """The nightly flow call, then `runlift sync` with and without the started server, each
    run with one more new activity on top of the history; a config with the demo plan, so
    every night also adjusts next week's plan and writes its review page."""
    env = {**env, "RUNLIFT_CONFIG": str(night_config(work))}
    print("\nnightly flow: one new activity on top of the history (import, marts, plan)")
    r = in_child("nightly", env, mount=work / "watch-nightly", warehouse=last)
    print(
        f"  flow call:       {r['seconds']:7.1f} s  ({r['state']}; whole process {r['process_seconds']:.1f} s,"
        f" peak {r['rss_flow_mb']:.0f} MB)"
    )
    for line in r["sources"]:
        print(f"                  {line}")
    for name, line in r["steps"].items():
        print(f"                  {name}: {line}")
    plain = {k: v for k, v in env.items() if not k.startswith("PREFECT_")}
    print("\n`runlift sync --watch`, one new activity each time (whole command)")
    figures: dict[str, list[tuple[float, float]]] = {"started server": [], "no server": []}
    for step, newest in enumerate(held_back[1:]):
        mode = "started server" if step % 2 == 0 else "no server"
        watch = work / f"watch-sync-{step}"
        mirror(mount, watch, set(held_back[held_back.index(newest) + 1 :]))
        run_env = (
            env if mode == "started server" else plain | {"PREFECT_HOME": str(work / "no-home")}
        )
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        server_before = cpu_of(server_pid)
        started = time.perf_counter()
        done = subprocess.run(
            [
                *RUNLIFT,
                "--warehouse",
                str(last),
                "--athlete",
                ATHLETE,
                "sync",
                "--watch",
                str(watch),
            ],
            env=run_env,
            capture_output=True,
            text=True,
            check=False,
        )
        took = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        server_cpu = cpu_of(server_pid) - server_before if mode == "started server" else 0.0
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime + server_cpu
        figures[mode].append((took, cpu))
        print(
            f"  {mode:<15} {took:6.1f} s wall {cpu:5.1f} s CPU (server {server_cpu:.1f} s of it)"
            f"  exit {done.returncode}  {newest.name}",
            flush=True,
        )
        noisy = [
            line for line in done.stderr.splitlines() if "ERROR" in line or "Traceback" in line
        ]
        if noisy or done.returncode:
            print(done.stdout[-2000:], done.stderr[-2000:])
    for mode, runs in figures.items():
        walls, cpus = zip(*runs, strict=True)
        print(
            f"  median {mode:<15} {statistics.median(walls):6.1f} s wall "
            f"{statistics.median(cpus):5.1f} s CPU over {len(runs)} run(s)"
        )


if __name__ == "__main__":
    main()
