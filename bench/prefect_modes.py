"""Benchmark: what `runlift sync --folder` (3 new files) and `runlift replan` cost with each
way of running the flows when no Prefect server is configured.

    uv run python bench/prefect_modes.py [--weeks 26] [--repeat 3]
    uv run python bench/prefect_modes.py --warehouse WH --new DIR   # an existing warehouse

Modes (each run on a fresh copy of the same warehouse; wall time of the whole process):

- direct: `runlift sync` / `replan` with no server — the flows' work runs without Prefect
  (what runlift does now);
- started server: the same commands reporting to a `prefect server start` that already runs
  (PREFECT_API_URL, or a running `runlift serve`);
- temporary server: the Prefect flows with no API URL, in Prefect's ephemeral mode
  (PREFECT_SERVER_ALLOW_EPHEMERAL_MODE): Prefect starts a server subprocess for the command
  (what runlift did before);
- temporary server, tuned: the same with block registration off and the database migrated
  beforehand (PREFECT_SERVER_REGISTER_BLOCKS_ON_START=false,
  PREFECT_SERVER_DATABASE_MIGRATE_ON_START=false);
- in-process server: the Prefect API served by uvicorn in a thread of the command's own
  process (no second interpreter).

The three last modes run the flow from a small Python child instead of the CLI (the CLI no
longer starts servers); the CLI's own start-up (~0.3 s) is not in their figures. Without
--warehouse, a demo history of --weeks weeks is generated and imported (its 3 newest
activities held back as the new files).
"""

from __future__ import annotations

import argparse
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ATHLETE = "bench"


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.1f} / {five:.1f} / {fifteen:.1f} on {os.cpu_count()} cores"


def base_env(prefect_home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "RUNLIFT_"))}
    return env | {"PREFECT_HOME": str(prefect_home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}


def fresh_copy(pristine: Path, target: Path) -> Path:
    """A copy of the warehouse (the raw store hard-linked: originals are never rewritten)."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(
        pristine, target, copy_function=os.link, ignore=shutil.ignore_patterns("*.duckdb*")
    )
    for db in pristine.glob("*.duckdb*"):
        shutil.copy2(db, target / db.name)
    return target / "runlift.duckdb"


def cpu_of(pid: int | None) -> float:
    """CPU seconds (user + system) a running process has used so far (0 without one)."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(
    command: list[str], env: dict[str, str], server_pid: int | None
) -> tuple[float, float, float, subprocess.CompletedProcess[str]]:
    """(wall s, CPU s of the command and its children, CPU s of the started server)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_before = cpu_of(server_pid)
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, cpu_of(server_pid) - server_before, done


def noisy(done: subprocess.CompletedProcess[str]) -> list[str]:
    return [
        line
        for line in (done.stdout + done.stderr).splitlines()
        if "ERROR" in line or "Traceback" in line
    ]


# --- children: the flow with a temporary or an in-process server ------------------------------


def child(kind: str, warehouse: str, folder: str | None, athlete: str) -> None:
    import pipelines  # noqa: F401

    if kind == "inprocess":
        serve_in_thread()
    from pipelines.nightly import nightly
    from pipelines.replan import replan

    if folder:
        state = nightly(
            folders=[folder], retries=0, warehouse=warehouse, athlete=athlete, return_state=True
        )
    else:
        state = replan(retries=0, warehouse=warehouse, athlete=athlete, return_state=True)
    print(json.dumps({"state": state.type.value, "message": state.message}))


def serve_in_thread() -> None:
    """The Prefect API on a free port, served by uvicorn in a daemon thread of this process."""
    import threading

    import httpx
    import uvicorn
    from prefect.server.api.server import create_app
    from prefect.settings import PREFECT_API_URL, PREFECT_UI_ENABLED, temporary_settings

    from pipelines.server import free_port

    port = free_port()
    with temporary_settings({PREFECT_UI_ENABLED: False}):
        app = create_app(ephemeral=True, final=True)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    threading.Thread(target=server.run, daemon=True).start()
    url = f"http://127.0.0.1:{port}/api"
    while True:
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.05)
    os.environ["PREFECT_API_URL"] = url
    temporary_settings({PREFECT_API_URL: url}).__enter__()


# --- the driver ----------------------------------------------------------------------------------


def athlete_of(warehouse: Path) -> str:
    """The warehouse's athlete (the history's), so the refresh models all of it."""
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        names = [row[0] for row in con.execute("SELECT athlete FROM athletes").fetchall()]
    finally:
        con.close()
    return names[0] if len(names) == 1 else ATHLETE


def prepare(args: argparse.Namespace, work: Path) -> tuple[Path, Path]:
    """(the pristine warehouse directory, the folder of new files)."""
    if args.warehouse:
        return args.warehouse.parent, args.new
    from runlift_sync.config import Settings
    from runlift_sync.db import open_writer
    from runlift_sync.demo import generate_season
    from runlift_sync.ingest import import_paths
    from runlift_sync.model import refresh_marts

    mount = work / "watch"
    print(f"generating {args.weeks} weeks of demo history …", flush=True)
    generate_season(mount, weeks=args.weeks, start=None)
    activities = sorted((mount / "GARMIN" / "Activity").glob("*.fit"))
    new = work / "new"
    new.mkdir()
    for path in activities[-3:]:
        shutil.move(str(path), new / path.name)
    pristine = work / "pristine"
    settings = Settings(
        warehouse=pristine / "runlift.duckdb", athlete=ATHLETE, config_path=work / "none.toml"
    )
    print("importing it …", flush=True)
    import_paths(settings, [mount])
    with open_writer(settings.warehouse) as con:
        refresh_marts(con, settings)
    return pristine, new


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--weeks", type=int, default=26)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--warehouse", type=Path, help="an existing warehouse (copied per run)")
    parser.add_argument("--new", type=Path, help="with --warehouse: the folder of new files")
    parser.add_argument("--modes", default="direct,started,temporary,tuned,inprocess")
    parser.add_argument("--child")
    parser.add_argument("--child-warehouse")
    parser.add_argument("--child-folder")
    parser.add_argument("--athlete", help="default: the warehouse's only athlete")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.child_warehouse, args.child_folder, args.athlete)
        return

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the server on `kill` too
    print(f"start: {load()}")
    modes = args.modes.split(",")
    with tempfile.TemporaryDirectory(prefix="runlift-bench-modes-") as tmp:
        work = Path(tmp)
        pristine, new = prepare(args, work)
        print(f"warehouse {pristine}, {len(list(new.iterdir()))} new files in {new}\n")
        athlete = args.athlete or athlete_of(pristine / "runlift.duckdb")
        runlift = [sys.executable, "-m", "runlift_sync", "--athlete", athlete]
        results: dict[str, dict[str, list[tuple[float, float]]]] = {}
        server = None
        server_pid: int | None = None
        started_env: dict[str, str] = {}
        if "started" in modes:
            from pipelines.server import free_port, local_server

            home = work / "server-home"
            print("starting `prefect server start` …", flush=True)
            began = time.perf_counter()
            server = local_server(port=free_port(), log_path=work / "server.log", home=home)
            running = server.__enter__()
            server_pid = running.process.pid
            print(f"  answering after {time.perf_counter() - began:.1f} s\n")
            started_env = base_env(home) | {"PREFECT_API_URL": running.api_url}
        try:
            for mode in modes:
                for repeat in range(args.repeat):
                    home = work / f"home-{mode}-{repeat}"
                    warehouse = fresh_copy(pristine, work / f"wh-{mode}-{repeat}")
                    env = started_env if mode == "started" else base_env(home)
                    if mode in ("direct", "started"):
                        sync = [
                            *runlift,
                            "--warehouse",
                            str(warehouse),
                            "sync",
                            "--folder",
                            str(new),
                        ]
                        replan = [*runlift, "--warehouse", str(warehouse), "replan"]
                    else:
                        me = [
                            sys.executable,
                            __file__,
                            "--child",
                            mode if mode != "tuned" else "temporary",
                        ]
                        me += ["--child-warehouse", str(warehouse), "--athlete", athlete]
                        sync = [*me, "--child-folder", str(new)]
                        replan = me
                        env |= {
                            "PREFECT_SERVER_ALLOW_EPHEMERAL_MODE": "true",
                            "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
                        }
                        if mode == "tuned":
                            env |= {"PREFECT_SERVER_REGISTER_BLOCKS_ON_START": "false"}
                            if repeat > 0:  # migrated by the first run of this home
                                env |= {"PREFECT_SERVER_DATABASE_MIGRATE_ON_START": "false"}
                            home = work / "home-tuned"
                            env["PREFECT_HOME"] = str(home)
                    for name, command in (("sync", sync), ("replan", replan)):
                        pid = server_pid if mode == "started" else None
                        seconds, cpu, server_cpu, done = timed(command, env, pid)
                        cpu += server_cpu
                        results.setdefault(mode, {}).setdefault(name, []).append((seconds, cpu))
                        trouble = noisy(done)
                        flag = f"  exit {done.returncode}" if done.returncode else ""
                        flag += f"  ({len(trouble)} ERROR/Traceback lines)" if trouble else ""
                        flag += f" (server {server_cpu:.1f} s of it)" if pid else ""
                        print(
                            f"  {mode:<10} {name:<7} {seconds:6.1f} s wall {cpu:6.1f} s CPU{flag}",
                            flush=True,
                        )
                    if mode != "started":
                        size = (
                            sum(f.stat().st_size for f in home.rglob("*") if f.is_file())
                            if home.exists()
                            else 0
                        )
                        print(f"  {'':<10} PREFECT_HOME afterwards: {size / 1e6:.1f} MB")
        finally:
            if server is not None:
                server.__exit__(None, None, None)
        print(
            f"\nmedians over {args.repeat} run(s): wall s of the whole process / CPU s "
            "(the process, its children and, started, the server's share)"
        )
        print(f"  {'mode':<12} {'sync':>15} {'replan':>15}")
        for mode, by_command in results.items():
            cells = []
            for name in ("sync", "replan"):
                walls, cpus = zip(*by_command[name], strict=True)
                cells.append(f"{statistics.median(walls):6.1f} / {statistics.median(cpus):5.1f}")
            print(f"  {mode:<12} {cells[0]:>15} {cells[1]:>15}")
    print(f"\nend: {load()}")


if __name__ == "__main__":
    main()
