"""The whole real corpus (676 files): every file accounted for, and cross-checked with Garmin's SDK.

Slow (minutes of CPU: fitparse decodes ~7,000 records/s); CI runs it.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import duckdb
import pytest
from garmin_fit_sdk import Decoder, Stream

from runlift_sync.config import Settings
from runlift_sync.ingest import ImportSummary, import_paths
from runlift_sync.sources import discover
from tests.conftest import REPORT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus_import(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Settings, ImportSummary]:
    folder = tmp_path_factory.mktemp("corpus")
    settings = Settings(
        warehouse=folder / "corpus.duckdb", athlete="corpus", config_path=folder / "none.toml"
    )
    summary = import_paths(settings, [corpus], workers=0)
    counts = summary.counts
    REPORT.append(
        f"corpus import: {len(summary.outcomes)} files in {summary.seconds:.0f} s — "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        + f"; {summary.n_records:,} records"
    )
    return settings, summary


def test_every_corpus_file_is_accounted_for(
    corpus: Path, corpus_import: tuple[Settings, ImportSummary]
) -> None:
    settings, summary = corpus_import
    discovered = [f.origin for f in discover([corpus])]
    assert len(discovered) == 676
    assert sorted(o.origin for o in summary.outcomes) == sorted(discovered)  # none skipped
    counts = Counter(o.outcome for o in summary.outcomes)
    assert set(counts) <= {"loaded", "partial", "duplicate", "quarantined", "already_had"}
    # files that are byte-identical to another corpus file count once ("already_had")
    for outcome in summary.outcomes:
        if outcome.outcome in ("partial", "duplicate", "quarantined"):
            assert outcome.detail, outcome
    con = duckdb.connect(str(settings.warehouse), read_only=True)
    try:
        dangling = con.execute(
            "SELECT d.sha256 FROM fit_files d LEFT JOIN fit_files o "
            "ON o.athlete = d.athlete AND o.sha256 = d.duplicate_of "
            "WHERE d.status = 'duplicate' AND (o.sha256 IS NULL OR o.status NOT IN ('loaded', 'partial') "
            "OR o.identity_key <> d.identity_key)"
        ).fetchall()
        assert dangling == []
        assert con.execute("SELECT count(*) FROM quarantine WHERE message = ''").fetchone() == (0,)
        # the known-damaged real files are kept in part, not refused (a damaged copy of a
        # recording already loaded from another file is a duplicate of it)
        kept = dict(
            con.execute(
                "SELECT regexp_extract(original_path, '[^/]+$'), status FROM fit_files"
            ).fetchall()
        )
        assert kept["hist__tests__files__ELEMNT_ROAM_Unterminated.fit"] == "partial"
        assert kept["tests__files__nick.fit"] == "partial"
        assert kept["tests__files__activity-unexpected-eof.fit"] in ("partial", "duplicate")
        whole_by_sdk = con.execute(
            "SELECT status, reader FROM fit_files WHERE original_path LIKE '%coros-pace-2-cycling-misaligned-fields.fit'"
        ).fetchone()
        assert whole_by_sdk == ("loaded", "garmin_fit_sdk")
    finally:
        con.close()
    assert counts["loaded"] > 600


def _sdk_sessions(path: str) -> tuple[str, list[dict[str, Any]] | None]:
    messages, errors = Decoder(Stream.from_file(path)).read(merge_heart_rates=False)
    if errors:
        return path, None
    return path, [
        {
            "sport": s.get("sport"),
            "start": s.get("start_time"),
            "distance": s.get("total_distance"),
            "timer": s.get("total_timer_time"),
            "avg_hr": s.get("avg_heart_rate"),
        }
        for s in messages.get("session_mesgs", [])
    ]


def _utc(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value
    return None


def _close(a: float | None, b: float | None, tol: float) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tol


def test_activities_agree_with_garmins_decoder(
    corpus_import: tuple[Settings, ImportSummary],
) -> None:
    """For every loaded activity file: sport, start, distance, timer time and average HR of
    `activities` equal the session messages as Garmin's own SDK decodes them."""
    settings, _ = corpus_import
    con = duckdb.connect(str(settings.warehouse), read_only=True)
    try:
        files = con.execute(
            "SELECT sha256, original_path FROM fit_files WHERE status = 'loaded' AND file_type = 'activity' "
            "AND NOT contains(original_path, '!')"
        ).fetchall()
        ours: dict[str, list[tuple[Any, ...]]] = {}
        for sha, sport, start, distance, timer, avg_hr in con.execute(
            "SELECT file_sha256, sport, start_time_utc, distance_m, timer_s, avg_hr FROM activities "
            "WHERE summary_from = 'session' ORDER BY file_sha256, session_index"
        ).fetchall():
            ours.setdefault(sha, []).append((sport, start, distance, timer, avg_hr))
    finally:
        con.close()
    path_sha = {path: sha for sha, path in files}
    # spawn: this process has DuckDB's and pytest's threads, and a fork could copy a held lock
    with ProcessPoolExecutor(mp_context=multiprocessing.get_context("spawn")) as pool:
        results = list(pool.map(_sdk_sessions, sorted(path_sha), chunksize=4))
    checked = 0
    mismatches: list[str] = []
    for path, sessions in results:
        if sessions is None:
            continue  # the SDK itself reports errors for this file; nothing to compare with
        mine = ours.get(path_sha[path], [])
        if len(mine) != len(sessions):
            mismatches.append(f"{path}: {len(mine)} sessions vs SDK {len(sessions)}")
            continue
        for (sport, start, distance, timer, avg_hr), sdk in zip(mine, sessions, strict=True):
            sdk_sport = sdk["sport"] if sdk["sport"] is None else str(sdk["sport"])
            problems = []
            if sport != sdk_sport:
                problems.append(f"sport {sport} vs {sdk_sport}")
            if start != _utc(sdk["start"]):
                problems.append(f"start {start} vs {sdk['start']}")
            if not _close(distance, sdk["distance"], 0.01):
                problems.append(f"distance {distance} vs {sdk['distance']}")
            if not _close(timer, sdk["timer"], 0.001):
                problems.append(f"timer {timer} vs {sdk['timer']}")
            if avg_hr != sdk["avg_hr"]:
                problems.append(f"avg_hr {avg_hr} vs {sdk['avg_hr']}")
            if problems:
                mismatches.append(f"{path}: " + "; ".join(problems))
            checked += 1
    REPORT.append(
        f"cross-check with garmin_fit_sdk: {checked} sessions in {len(results)} activity files agree"
    )
    assert not mismatches, "\n".join(mismatches[:30])
    assert checked > 500
