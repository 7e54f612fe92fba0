"""The backfill flow: years of FIT files (a bulk export, an archive) decoded on every core.

Decoding (pure: bytes in, Arrow tables out) runs as Prefect tasks on a task runner: a local
process pool (`runner="process"`, every core by default) or a Dask cluster (`runner="dask"`:
a temporary local cluster, or a real one at `dask_address`). Loading stays in this flow's
process, through the one DuckDB writer, in batches of whole files (one transaction each), in
the order the files were found, so every runner builds the same warehouse. Progress shows as
an artifact on the flow run in the Prefect UI, and on the CLI's progress bar.

A real Dask cluster (a coach with hundreds of athletes outgrows one machine):

    dask scheduler                                  # on one machine: tcp://HOST:8786
    dask worker tcp://HOST:8786 --nworkers -1 --nthreads 1   # each machine: a process per core
    runlift backfill --runner dask --dask-address tcp://HOST:8786 PATH…

Every worker needs the same runlift installed (`uv sync` of this checkout: the tasks are
imported, not shipped) and must reach the Prefect server the flow reports to: start the
workers with PREFECT_API_URL=http://SERVER:4200/api, a server every machine can reach (not
127.0.0.1). Without any Prefect server `runlift backfill` decodes on a local process pool
directly (`direct.py`); the Dask runner needs the server. Workers receive file bytes and send back tables; only the
flow's process reads the files and writes the warehouse, so the files need not be shared.
"""

from __future__ import annotations

from prefect import flow, get_run_logger
from prefect.states import Completed, State

from pipelines import steps, tasks
from pipelines.decoding import ChunkedDecoder, RunnerKind, chunk_bytes_for, task_runner
from pipelines.night import settings_for
from pipelines.progress import ImportProgress
from runlift_sync.ingest import ImportSummary


@flow(name="backfill", log_prints=False)
def backfill(
    paths: list[str],
    runner: RunnerKind = "process",
    workers: int = 0,
    dask_address: str | None = None,
    refresh: bool = True,
    warehouse: str | None = None,
    athlete: str | None = None,
    config: str | None = None,
) -> State[ImportSummary]:
    """Import every FIT file under `paths` (folders, zips, watch mounts), decoding on
    `workers` processes (0 = all cores) of `runner`; then refresh the marts (`refresh`)."""
    logger = get_run_logger()
    settings = settings_for(warehouse, athlete, config)
    files = steps.discover_files(paths)
    total_mb = sum(f.size or 0 for f in files) / 1e6
    logger.info("%d files (%.1f MB) under %s", len(files), total_mb, ", ".join(paths))
    progress = ImportProgress("backfill", key="backfill-progress")
    progress.start(len(files))
    with task_runner(runner, workers=workers, dask_address=dask_address) as (pool, width):
        decoder = ChunkedDecoder(
            pool, workers=width, chunk_bytes=chunk_bytes_for(int(total_mb * 1e6), width)
        )
        summary = steps.import_with(settings, files, decoder, progress=progress)
    progress.finish()
    logger.info(
        "%s; %d decode tasks on %d %s worker(s)",
        steps.import_line(summary),
        decoder.chunks_submitted,
        width,
        runner,
    )
    report = tasks.refresh_marts(settings) if refresh else None
    return Completed(message=steps.backfill_line(summary, report), data=summary)
