"""Importing FIT files: read → keep the original → decode (across processes) → load, file by file.

The order of loading is the order of discovery, whatever the number of workers, so an import
gives the same warehouse every time. A file that cannot be read or decoded is quarantined
and the batch goes on.
"""

from __future__ import annotations

import logging
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import duckdb

from runlift_sync import rawstore
from runlift_sync.config import Settings
from runlift_sync.db import open_writer
from runlift_sync.db.file_loader import (
    Batch,
    FileOutcome,
    Incoming,
    Ledger,
    Outcome,
    Refused,
    upsert_athlete,
)
from runlift_sync.errors import DecodeError, SourceError
from runlift_sync.fit.decode import DecodedFit, decode_fit
from runlift_sync.sources.base import SourceFile, discover
from runlift_sync.worker_pool import worker_pool

log = logging.getLogger(__name__)

#: Starting worker processes (each imports numpy, pyarrow and the FIT profiles: ~1 s) pays
#: only when decoding inline would take longer: below this many bytes (the fast reader
#: decodes ~4 MB/s) and this many files (~2 ms each), one process decodes everything.
MIN_BYTES_FOR_POOL = 16_000_000
MIN_FILES_FOR_POOL = 500

#: A batch (one transaction) holds at most this many files or rows.
BATCH_FILES = 256
BATCH_ROWS = 500_000

Progress = Callable[[FileOutcome], None]


@dataclass(frozen=True)
class DecodeResult:
    """A decode job's result, sent back from a worker: the decoded file, or why it is refused.

    (A dataclass pickles across processes; exceptions with keyword arguments do not.)"""

    decoded: DecodedFit | None = None
    refused: Refused | None = None


@dataclass
class ImportSummary:
    """What an import did, file by file and in total."""

    outcomes: list[FileOutcome] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def counts(self) -> Counter[str]:
        return Counter(o.outcome for o in self.outcomes)

    @property
    def n_records(self) -> int:
        return sum(o.n_records for o in self.outcomes)

    @property
    def n_bytes(self) -> int:
        return sum(o.size_bytes for o in self.outcomes)

    @property
    def readers(self) -> Counter[str]:
        """Files decoded, by the reader that read them (runlift, fitparse, garmin_fit_sdk)."""
        return Counter(o.reader for o in self.outcomes if o.reader is not None)

    @property
    def quarantined(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.outcome == "quarantined"]

    @property
    def ok(self) -> bool:
        return not self.quarantined


def decode_job(data: bytes, origin: str) -> DecodeResult:
    """Decode in a worker: a DecodeResult whatever happens (a bad file never stops a batch)."""
    try:
        return DecodeResult(decoded=decode_fit(data, path=origin))
    except DecodeError as exc:
        return DecodeResult(refused=Refused(type(exc).__name__, str(exc), exc.offset))
    except RecursionError as exc:
        message = f"{origin}: file structure too deep to decode ({exc})"
        return DecodeResult(refused=Refused(DecodeError.__name__, message))
    except Exception as exc:
        log.warning("unexpected decoder failure on %s: %r", origin, exc)
        message = f"{origin}: unexpected decoder failure: {exc}"
        return DecodeResult(refused=Refused(type(exc).__name__, message))


@dataclass
class _Pending:
    item: Incoming
    problem: Refused | None = None
    data: bytes | None = None
    result: DecodeResultLike | None = None


def default_workers(n_files: int, requested: int = 0, n_bytes: int | None = None) -> int:
    """Decoding processes for an import: 1 (inline) when the work is small (see above)."""
    cores = os.cpu_count() or 1
    workers = requested if requested > 0 else cores
    small = n_files < MIN_FILES_FOR_POOL and (n_bytes is None or n_bytes < MIN_BYTES_FOR_POOL)
    if small and requested <= 0:
        return 1
    if n_files < 2:
        return 1
    return max(1, min(workers, cores * 2))


def _read(file: SourceFile) -> tuple[bytes | None, Refused | None]:
    try:
        data = file.read()
    except (SourceError, OSError) as exc:
        return None, Refused(type(exc).__name__, str(exc))
    return data, None


def _skipped(
    file: SourceFile, sha: str, outcome: Outcome, size: int, detail: str | None = None
) -> FileOutcome:
    return FileOutcome(file.origin, sha, outcome, detail, 0, size, file.origin_bytes)


def _prepare(
    files: Iterable[SourceFile],
    *,
    athlete: str,
    warehouse_dir: Path,
    ledger: Ledger,
    seen: set[str],
    skipped: list[FileOutcome],
) -> Iterator[_Pending]:
    """Read each file, keep its original, and skip what the warehouse already has."""
    for file in files:
        data, problem = _read(file)
        if data is None:
            assert problem is not None
            skipped.append(_skipped(file, "", "unreadable", 0, problem.message))
            continue
        sha = rawstore.sha256_of(data)
        size = len(data)
        if sha in ledger.loaded or sha in seen:
            skipped.append(_skipped(file, sha, "already_had", size))
            continue
        if sha in ledger.refused:
            skipped.append(_skipped(file, sha, "already_quarantined", size))
            continue
        seen.add(sha)
        raw_path = rawstore.store(warehouse_dir, data, sha, file.raw_suffix, sync=False)
        item = Incoming(athlete, sha, file.source, file.origin, raw_path, size, file.origin_bytes)
        if file.problem:
            yield _Pending(item, Refused("SourceError", f"{file.origin}: {file.problem}"))
        else:
            yield _Pending(item, data=data)


def _add(batch: Batch, pending: _Pending, result: DecodeResult | None) -> None:
    if pending.problem is not None:
        batch.add_refused(pending.item, pending.problem)
        return
    assert result is not None
    if result.decoded is not None:
        batch.add_decoded(pending.item, result.decoded)
    else:
        assert result.refused is not None
        batch.add_refused(pending.item, result.refused)


class _Committer:
    """Collects decoded files into batches and commits each batch in one transaction."""

    def __init__(self, con: duckdb.DuckDBPyConnection, ledger: Ledger, report: Progress) -> None:
        self.con = con
        self.ledger = ledger
        self.report = report
        self.batch = Batch(ledger)

    def add(self, pending: _Pending, result: DecodeResult | None) -> None:
        _add(self.batch, pending, result)
        if len(self.batch) >= BATCH_FILES or self.batch.n_rows >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if len(self.batch):
            rawstore.flush_to_disk()  # the originals are on disk before the warehouse says so
            for outcome in self.batch.commit(self.con):
                self.report(outcome)
        self.batch = Batch(self.ledger)


class DecodeResultLike(Protocol):
    """A future of a decode job: anything with `.result()` (concurrent, Prefect or Dask)."""

    def result(self) -> DecodeResult: ...


class Decoder(Protocol):
    """Where decode jobs run: inline, in a process pool, or in a Prefect/Dask task runner.

    `submit(data, origin)` starts decoding one file (`decode_job` is the work: bytes in,
    tables out); `width` is how many jobs may run at once.
    """

    width: int

    def submit(self, data: bytes, origin: str) -> DecodeResultLike: ...


@dataclass
class _Done:
    value: DecodeResult

    def result(self) -> DecodeResult:
        return self.value


class InlineDecoder:
    """Decode in this process, one file at a time."""

    width = 1

    def submit(self, data: bytes, origin: str) -> DecodeResultLike:
        return _Done(decode_job(data, origin))


class PoolDecoder:
    """Decode across worker processes (`worker_pool`: spawned, tied to this process's life)."""

    def __init__(self, pool: ProcessPoolExecutor, width: int) -> None:
        self.pool = pool
        self.width = width

    def submit(self, data: bytes, origin: str) -> DecodeResultLike:
        return self.pool.submit(decode_job, data, origin)


class LazyPoolDecoder:
    """Decode the first few new files inline, and start the worker processes only when more
    come: a watch holds years of files but a night brings one or two new ones, which must not
    wait for workers to start (~1 s). The pool lives in `stack` (closed by the caller)."""

    #: New files decoded inline before the workers are started (a few tenths of a second).
    INLINE_FIRST = 8

    def __init__(self, stack: ExitStack, width: int) -> None:
        self.stack = stack
        self.width = width
        self.inline = 0
        self.pool: PoolDecoder | None = None

    def submit(self, data: bytes, origin: str) -> DecodeResultLike:
        if self.pool is None and self.inline < self.INLINE_FIRST:
            self.inline += 1
            return _Done(decode_job(data, origin))
        if self.pool is None:
            self.pool = PoolDecoder(self.stack.enter_context(worker_pool(self.width)), self.width)
        return self.pool.submit(data, origin)


def import_files(
    con: duckdb.DuckDBPyConnection,
    files: list[SourceFile],
    *,
    athlete: str,
    warehouse_dir: Path,
    workers: int = 0,
    progress: Progress | None = None,
    decoder: Decoder | None = None,
) -> ImportSummary:
    """Import `files` for `athlete`; returns what happened to each.

    Decoding runs on `decoder` when given, else inline or in a process pool of `workers`
    processes (0 = all cores). Loading stays here, in file order, through one writer.
    """
    if decoder is not None:
        return _import_with(
            con,
            files,
            athlete=athlete,
            warehouse_dir=warehouse_dir,
            progress=progress,
            decoder=decoder,
        )
    sizes = [f.size for f in files]
    n_bytes = None if any(size is None for size in sizes) else sum(sizes)  # type: ignore[misc]
    n_workers = default_workers(len(files), workers, n_bytes)
    if n_workers == 1:
        return _import_with(
            con,
            files,
            athlete=athlete,
            warehouse_dir=warehouse_dir,
            progress=progress,
            decoder=InlineDecoder(),
        )
    with ExitStack() as stack:
        return _import_with(
            con,
            files,
            athlete=athlete,
            warehouse_dir=warehouse_dir,
            progress=progress,
            decoder=LazyPoolDecoder(stack, n_workers),
        )


def _import_with(
    con: duckdb.DuckDBPyConnection,
    files: list[SourceFile],
    *,
    athlete: str,
    warehouse_dir: Path,
    progress: Progress | None,
    decoder: Decoder,
) -> ImportSummary:
    started = time.perf_counter()
    summary = ImportSummary()
    ledger = Ledger.read(con, athlete)
    skipped: list[FileOutcome] = []

    def report(outcome: FileOutcome) -> None:
        summary.outcomes.append(outcome)
        if progress is not None:
            progress(outcome)

    def flush_skipped() -> None:
        while skipped:
            report(skipped.pop(0))

    committer = _Committer(con, ledger, report)
    window: deque[_Pending] = deque()
    for pending in _prepare(
        files,
        athlete=athlete,
        warehouse_dir=warehouse_dir,
        ledger=ledger,
        seen=set(),
        skipped=skipped,
    ):
        flush_skipped()
        if pending.data is not None:
            pending.result = decoder.submit(pending.data, pending.item.origin)
            pending.data = None
        window.append(pending)
        while len(window) > decoder.width * 4:
            _drain_one(committer, window)
    while window:
        _drain_one(committer, window)
    committer.flush()
    flush_skipped()
    summary.seconds = time.perf_counter() - started
    return summary


def _drain_one(committer: _Committer, window: deque[_Pending]) -> None:
    pending = window.popleft()
    result = pending.result.result() if pending.result is not None else None
    committer.add(pending, result)


def import_paths(
    settings: Settings,
    paths: list[Path],
    *,
    workers: int = 0,
    progress: Progress | None = None,
    on_start: Callable[[int], None] | None = None,
    command: str = "runlift import",
) -> ImportSummary:
    """Discover the FIT files under `paths` and import them into the settings' warehouse."""
    files = list(discover(paths))
    if on_start is not None:
        on_start(len(files))
    with open_writer(settings.warehouse, timeout_s=settings.lock_timeout_s, command=command) as con:
        upsert_athlete(con, settings.athlete, settings.timezone)
        return import_files(
            con,
            files,
            athlete=settings.athlete,
            warehouse_dir=settings.warehouse_dir,
            workers=workers or settings.workers,
            progress=progress,
        )
