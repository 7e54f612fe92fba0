"""runlift's `Decoder` seam over a Prefect task runner: files decoded in chunks, one task each.

The importer (`runlift_sync.ingest.import_files`) submits files one at a time and takes their
results back in order; decoding a file is pure (bytes in, Arrow tables out), so it can run in
any process a task runner offers: a local process pool (`ProcessPoolTaskRunner`) or a Dask
cluster (`prefect_dask.DaskTaskRunner`). Loading stays with the importer, in the flow's
process, through the one DuckDB writer.

A Prefect task run costs a fraction of a second of bookkeeping (state events, a subprocess
context), as much as decoding a few small files, so files travel in chunks of about
`chunk_bytes` (decoding time follows bytes, not files): one task per chunk. The importer's
window (`width`, in files) is kept at about two chunks per worker in flight, so the workers
stay busy and memory holds only those chunks.
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Any, Literal

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner

from runlift_sync.ingest import DecodeResult, decode_job

RunnerKind = Literal["process", "dask"]

#: Chunks per worker over a whole import: enough to balance the load at the end.
CHUNKS_PER_WORKER = 16
MIN_CHUNK_BYTES = 256 * 1024
MAX_CHUNK_BYTES = 8 * 1024 * 1024
MAX_CHUNK_FILES = 512
#: Chunks per worker the importer keeps in flight.
IN_FLIGHT_PER_WORKER = 2


@task(
    name="decode",
    task_run_name="decode {label}",
    cache_policy=NO_CACHE,
    persist_result=False,
)
def decode_chunk(files: list[tuple[bytes, str]], label: str) -> list[DecodeResult]:
    """Decode a chunk of FIT files (bytes, origin) → one result each. Never retried: a file
    that did not decode will not decode the second time; it is quarantined."""
    return [decode_job(data, origin) for data, origin in files]


def chunk_bytes_for(total_bytes: int, workers: int) -> int:
    """About CHUNKS_PER_WORKER chunks per worker, within [MIN_CHUNK_BYTES, MAX_CHUNK_BYTES]."""
    target = total_bytes // max(1, workers * CHUNKS_PER_WORKER)
    return max(MIN_CHUNK_BYTES, min(MAX_CHUNK_BYTES, target))


@dataclass
class _Chunk:
    number: int
    files: list[tuple[bytes, str]] = field(default_factory=list)
    n_bytes: int = 0
    future: PrefectFuture[list[DecodeResult]] | None = None
    results: list[DecodeResult] | None = None
    taken: int = 0


@dataclass
class _Handle:
    """The future of one file: its chunk and its place in it."""

    decoder: ChunkedDecoder
    chunk: _Chunk
    index: int

    def result(self) -> DecodeResult:
        return self.decoder.take(self.chunk, self.index)


class ChunkedDecoder:
    """A `runlift_sync.ingest.Decoder` that decodes chunks of files as tasks on `runner`."""

    def __init__(
        self,
        runner: TaskRunner[Any],
        *,
        workers: int,
        chunk_bytes: int,
        max_chunk_files: int = MAX_CHUNK_FILES,
    ) -> None:
        self.runner = runner
        self.workers = max(1, workers)
        self.chunk_bytes = chunk_bytes
        self.max_chunk_files = max_chunk_files
        self.chunks_submitted = 0
        self._open = _Chunk(1)
        self._files_per_chunk = max_chunk_files

    @property
    def width(self) -> int:
        """Files the importer may have in flight: about IN_FLIGHT_PER_WORKER chunks per worker
        (the importer keeps 4 × width), sized by the files per chunk seen last."""
        chunks = self.workers * IN_FLIGHT_PER_WORKER
        return max(1, math.ceil(self._files_per_chunk * chunks / 4))

    def submit(self, data: bytes, origin: str) -> _Handle:
        chunk = self._open
        chunk.files.append((data, origin))
        chunk.n_bytes += len(data)
        handle = _Handle(self, chunk, len(chunk.files) - 1)
        if chunk.n_bytes >= self.chunk_bytes or len(chunk.files) >= self.max_chunk_files:
            self._files_per_chunk = len(chunk.files)
            self.flush()
        return handle

    def flush(self) -> None:
        """Send the open chunk to the task runner (`take` calls this when the importer wants a
        result of the chunk still filling: at the end of the files)."""
        chunk = self._open
        if not chunk.files:
            return
        label = f"#{chunk.number} ({len(chunk.files)} files, {chunk.n_bytes / 1e6:.1f} MB)"
        chunk.future = self.runner.submit(decode_chunk, {"files": chunk.files, "label": label})
        chunk.files = []  # the runner has the bytes now
        self.chunks_submitted += 1
        self._open = _Chunk(chunk.number + 1)

    def take(self, chunk: _Chunk, index: int) -> DecodeResult:
        if chunk.future is None and chunk.results is None:
            self.flush()
        if chunk.results is None:
            assert chunk.future is not None
            chunk.results = chunk.future.result()
            chunk.future = None
        result = chunk.results[index]
        chunk.taken += 1
        if chunk.taken == len(chunk.results):
            chunk.results = []  # every file of the chunk is with the importer: free it
        return result


@contextmanager
def task_runner(
    kind: RunnerKind = "process",
    *,
    workers: int = 0,
    dask_address: str | None = None,
) -> Iterator[tuple[TaskRunner[Any], int]]:
    """A started task runner for decoding, and how many files it decodes at once.

    process: a local pool of `workers` processes (0 = all cores). dask: the Dask scheduler at
    `dask_address` (tcp://host:8786), or else a temporary local cluster of `workers` worker
    processes with one thread each.
    """
    if kind == "process":
        processes = workers or os.cpu_count() or 1
        with ProcessPoolTaskRunner(max_workers=processes) as runner:
            yield runner, processes
        return
    from prefect_dask import DaskTaskRunner

    if dask_address:
        dask_runner = DaskTaskRunner(address=dask_address)
    else:
        dask_runner = DaskTaskRunner(
            cluster_kwargs={
                "n_workers": workers or None,
                "threads_per_worker": 1,
                "processes": True,
                "dashboard_address": ":0",  # any free port: 8787 may be taken
            }
        )
    with _quiet("distributed") if not dask_address else nullcontext(), dask_runner:
        threads = sum(dask_runner.client.nthreads().values())
        yield dask_runner, max(1, threads)


@contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    """A temporary local cluster's lifecycle lines (INFO) are not news: WARNING and up only."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(max(level, logging.WARNING))
    try:
        yield
    finally:
        logger.setLevel(level)
