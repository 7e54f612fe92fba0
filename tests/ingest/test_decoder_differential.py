"""runlift's fast reader equals the reference path on the whole real corpus (issue 14 §1).

Every table, every column, every row, nulls and floats included, both through columns and
message by message; the damaged files go to the reference path and keep its outcome. The
corpus is cut into shards (one test each), so pytest-xdist spreads the slow reference
decoding (fitparse: minutes of CPU) over the workers; each file is decoded once per path.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from runlift_sync.fit.decode import decode_fit
from runlift_sync.sources import discover
from tests.conftest import REPORT, find_shared
from tests.ingest.fit_differential import compare_file

pytestmark = pytest.mark.slow
XDIST_EACH_TEST_ALONE = True  # no shared state: the shards spread over the xdist workers

SHARDS = 8

#: Files the fast reader leaves to the reference path, and why: each is damaged.
FALLBACK = {
    "hist__tests__files__ELEMNT_ROAM_Unterminated.fit": "runs past the end of the data",
    "tests__files__activity-settings-corruptheader.fit": "no FIT header where one should be",
    "tests__files__activity-settings-nodata.fit": "file ends before its data and CRC",
    "tests__files__activity-unexpected-eof.fit": "file ends before its data and CRC",
    "tests__files__coros-pace-2-cycling-misaligned-fields.fit": "is not a multiple",
    "tests__files__nick.fit": "runs past the end of the data",
    "tests__files__strava-android-app-201.10-b1218918.fit": "file ends before its data and CRC",
    "src__specs__fixtures__others__empty-activities.fit": "no FIT header where one should be",
}
#: Whole files whose CRC does not match: loaded with a warning (fitparse: partial).
CRC_WARNING = {"tests__files__activity-activity-filecrc.fit", "tests__files__activity-filecrc.fit"}


def _corpus_files() -> list[str]:
    try:
        corpus = find_shared("fit-corpus")
    except FileNotFoundError:
        return []
    return sorted(f.origin for f in discover([corpus]) if f.source != "zip")


FILES = _corpus_files()


@pytest.mark.parametrize("shard", range(SHARDS))
def test_fast_reader_equals_reference_on_the_corpus(shard: int) -> None:
    if not FILES:
        pytest.skip("the shared FIT corpus is not here")
    mine = FILES[shard::SHARDS]
    problems: list[str] = []
    tables = rows = values = fast_files = 0
    for origin in mine:
        name = Path(origin).name
        data = Path(origin).read_bytes()
        if not data:
            continue  # an empty file never reaches a reader (DecodeError before)
        result = compare_file(data)
        problems += [f"{name}: {d}" for d in result.differences]
        if not result.read_fast:
            if name not in FALLBACK:
                problems.append(f"{name}: left to the reference path ({result.fallback_reason})")
            elif FALLBACK[name] not in (result.fallback_reason or ""):
                problems.append(f"{name}: fell back for {result.fallback_reason}")
            continue
        fast_files += 1
        if name in FALLBACK:
            problems.append(f"{name}: expected the reference path, read by runlift's")
        if result.crc_warning != (name in CRC_WARNING):
            problems.append(f"{name}: CRC warning {result.crc_warning}")
        tables += result.tables
        rows += result.rows
        values += result.values
    REPORT.append(
        f"decoder differential, shard {shard}: {len(mine)} files ({fast_files} read by runlift's "
        f"reader), {tables} tables, {rows:,} rows, {values:,} values compared twice "
        f"(columns, rows): {len(problems)} differences"
    )
    assert not problems, "\n".join(problems[:40])


def test_fallback_files_keep_their_outcome() -> None:
    """A file the fast reader leaves alone decodes exactly as before (reader, status)."""
    if not FILES:
        pytest.skip("the shared FIT corpus is not here")
    by_name = {Path(f).name: f for f in FILES}
    unterminated = decode_fit(
        Path(by_name["hist__tests__files__ELEMNT_ROAM_Unterminated.fit"]).read_bytes()
    )
    assert unterminated.status == "partial" and unterminated.reader == "fitparse"
    coros = decode_fit(
        Path(by_name["tests__files__coros-pace-2-cycling-misaligned-fields.fit"]).read_bytes()
    )
    assert coros.status == "loaded" and coros.reader == "garmin_fit_sdk"
