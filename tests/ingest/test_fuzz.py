"""Fuzzing: damaged copies of real files never crash a batch, and damage is never loaded silently
(a file whose CRC does not match loads with the mismatch in its status_reason)."""

from __future__ import annotations

import itertools
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from runlift_sync.errors import DecodeError
from runlift_sync.fit import decode_fit
from runlift_sync.ingest import import_files
from runlift_sync.sources.base import SourceFile

DATA = Path(__file__).resolve().parent.parent / "data"
ORIGINALS = {
    name: (DATA / name).read_bytes()
    for name in ("garmin-fenix-5-run.fit", "hrv1.fit", "fenix6s-strength-training.fit")
}
_athletes = itertools.count()


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(ORIGINALS)))
    data = bytearray(ORIGINALS[name])
    kind = draw(st.sampled_from(["truncate", "flip", "zeros", "mixed"]))
    if kind in ("truncate", "mixed"):
        data = data[: draw(st.integers(0, len(data) - 1))]
    if kind in ("flip", "mixed") and data:
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, len(data) - 1))
            data[at] ^= 1 << draw(st.integers(0, 7))
    if kind == "zeros" and data:
        at = draw(st.integers(0, len(data) - 1))
        length = draw(st.integers(1, 64))
        data[at : at + length] = bytes(len(data[at : at + length]))
    return name, bytes(data)


def _same_tables(a: dict[str, pa.Table], b: dict[str, pa.Table]) -> None:
    assert sorted(a) == sorted(b)
    for table in a:
        assert_frame_equal(pl.from_arrow(a[table]), pl.from_arrow(b[table]))


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(mutation=mutations())
def test_mutated_file_is_quarantined_or_partial(
    writer: duckdb.DuckDBPyConnection, tmp_path: Path, mutation: tuple[str, bytes]
) -> None:
    name, data = mutation
    if data == ORIGINALS[name]:
        return
    athlete = f"fuzz{next(_athletes)}"
    file = SourceFile("file", f"mutated-{name}", lambda: data, len(data))
    summary = import_files(writer, [file], athlete=athlete, warehouse_dir=tmp_path, workers=1)
    (outcome,) = summary.outcomes
    if outcome.outcome == "quarantined":
        assert outcome.detail
        row = writer.execute(
            "SELECT error_class, message FROM quarantine WHERE athlete = ?", [athlete]
        ).fetchone()
        assert row is not None and row[1]
    elif outcome.outcome == "partial":
        assert outcome.detail and "decoding stopped" in outcome.detail
        status = writer.execute(
            "SELECT status, status_reason FROM fit_files WHERE athlete = ?", [athlete]
        ).fetchone()
        assert status is not None and status[0] == "partial" and status[1]
    else:
        # A mutation the structure survives loads whole: either it changes nothing decoded
        # (e.g. zeroing the optional header CRC), or the CRC mismatch is said with the file.
        assert outcome.outcome == "loaded", outcome
        decoded = decode_fit(data)
        if any("CRC mismatch" in w for w in decoded.warnings):
            assert "CRC mismatch" in (outcome.detail or "")
            status = writer.execute(
                "SELECT status_reason FROM fit_files WHERE athlete = ?", [athlete]
            ).fetchone()
            assert status is not None and "CRC mismatch" in status[0]
        else:
            _same_tables(decoded.tables, decode_fit(ORIGINALS[name]).tables)


def test_batch_with_damaged_files_still_loads_the_good_one(
    writer: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    good = ORIGINALS["garmin-fenix-5-run.fit"]
    damaged = [good[:10], good[:200], bytes(len(good)), good[:-1] + b"\x00", b"\x00" * 5]
    files = [
        SourceFile("file", f"bad{i}.fit", lambda d=d: d, len(d)) for i, d in enumerate(damaged)
    ]
    files.append(SourceFile("file", "good.fit", lambda: good, len(good)))
    summary = import_files(writer, files, athlete="batch", warehouse_dir=tmp_path, workers=1)
    outcomes = {o.origin: o.outcome for o in summary.outcomes}
    # damaged copies of one recording: the first partial one loads; the copy whose only damage
    # is its CRC holds every message, so it replaces the partial one (with the CRC mismatch
    # as its status reason) and the good file is a duplicate of it
    assert outcomes == {
        "bad0.fit": "quarantined",
        "bad1.fit": "partial",
        "bad2.fit": "quarantined",
        "bad3.fit": "loaded",
        "bad4.fit": "quarantined",
        "good.fit": "duplicate",
    }
    detail = next(o.detail for o in summary.outcomes if o.origin == "bad3.fit")
    assert detail and "CRC mismatch" in detail
    rows = writer.execute(
        "SELECT status, summary_from FROM activities WHERE athlete = 'batch'"
    ).fetchall()
    assert rows == [("loaded", "session")]


def test_decode_error_says_where(tmp_path: Path) -> None:
    good = ORIGINALS["hrv1.fit"]
    try:
        decode_fit(good[:13], path="cut.fit")
    except DecodeError as exc:
        assert exc.path == "cut.fit"
        assert "cut.fit" in str(exc)
    else:  # pragma: no cover - a 13-byte file cannot decode
        raise AssertionError("expected DecodeError")
