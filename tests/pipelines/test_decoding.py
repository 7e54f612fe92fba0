"""The chunked decoder behind the importer's seam: chunks by bytes, results in file order.

The task runner here is a stand-in that runs each chunk's task function inline, so these tests
need no Prefect server; the real runners are exercised in test_backfill.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import duckdb

from pipelines.decoding import (
    MAX_CHUNK_BYTES,
    MIN_CHUNK_BYTES,
    ChunkedDecoder,
    chunk_bytes_for,
)
from runlift_sync.db import open_writer
from runlift_sync.ingest import InlineDecoder, decode_job, import_files
from runlift_sync.sources import discover
from tests.pipelines.helpers import snapshot


class _Done:
    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        return self.value


class InlineRunner:
    """Runs a submitted task's function at once; remembers each chunk's files."""

    def __init__(self) -> None:
        self.chunks: list[list[str]] = []

    def submit(self, task: Any, parameters: dict[str, Any]) -> _Done:
        self.chunks.append([origin for _, origin in parameters["files"]])
        return _Done(task.fn(**parameters))


def test_chunk_size_follows_the_history_and_the_workers() -> None:
    assert chunk_bytes_for(64 * 2**20, 2) == 2 * 2**20  # 64 MB over 2 × 16 chunks
    assert chunk_bytes_for(10_000, 2) == MIN_CHUNK_BYTES  # small: one chunk is enough
    assert chunk_bytes_for(10 * 2**30, 2) == MAX_CHUNK_BYTES


def test_chunks_close_by_bytes_and_results_come_back_in_order(data_dir: Path) -> None:
    files = sorted(data_dir.glob("*.fit"))
    data = [(p.read_bytes(), str(p)) for p in files]
    runner = InlineRunner()
    # 9 files, 99 kB: a chunk closes once it holds 30 kB
    decoder = ChunkedDecoder(runner, workers=2, chunk_bytes=30_000)  # type: ignore[arg-type]
    handles = [decoder.submit(blob, origin) for blob, origin in data]
    results = [h.result() for h in handles]

    assert results == [decode_job(blob, origin) for blob, origin in data]
    assert [o for chunk in runner.chunks for o in chunk] == [str(p) for p in files]
    sizes = [sum(len(b) for b, o in data if o in chunk) for chunk in runner.chunks]
    assert all(size >= 30_000 for size in sizes[:-1])  # the last one: whatever was left
    assert len(runner.chunks) == decoder.chunks_submitted > 1


def test_the_importer_window_keeps_two_chunks_per_worker_in_flight() -> None:
    decoder = ChunkedDecoder(InlineRunner(), workers=2, chunk_bytes=1000, max_chunk_files=50)  # type: ignore[arg-type]
    for i in range(10):
        decoder.submit(b"x" * 100, f"f{i}")  # 10 files of 100 bytes close a chunk
    # the importer keeps 4 × width files: 2 workers × 2 chunks × 10 files
    assert decoder.width * 4 == 40


def test_import_through_chunks_equals_inline_import(data_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(data_dir.glob("*.fit")):
        shutil.copy(path, folder / path.name)
    files = list(discover([folder]))
    shots = []
    for name, decoder in [
        ("inline", InlineDecoder()),
        ("chunked", ChunkedDecoder(InlineRunner(), workers=2, chunk_bytes=50_000)),  # type: ignore[arg-type]
    ]:
        warehouse = tmp_path / name / "wh.duckdb"
        warehouse.parent.mkdir()
        with open_writer(warehouse) as con:
            assert isinstance(con, duckdb.DuckDBPyConnection)
            summary = import_files(
                con, files, athlete="me", warehouse_dir=warehouse.parent, decoder=decoder
            )
        assert summary.counts["loaded"] + summary.counts["partial"] >= 8
        shots.append(snapshot(warehouse))
    assert shots[0] == shots[1]
