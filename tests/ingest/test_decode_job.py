"""A decode job's result: typed, and it travels between processes (pickle)."""

from __future__ import annotations

import pickle
from pathlib import Path

from runlift_sync.db.file_loader import Refused
from runlift_sync.ingest import DecodeResult, decode_job


def test_a_good_file_comes_back_decoded(data_dir: Path) -> None:
    result = decode_job((data_dir / "hrv1.fit").read_bytes(), "hrv1.fit")
    assert result.refused is None and result.decoded is not None
    assert result.decoded.reader == "runlift"
    again = pickle.loads(pickle.dumps(result))
    assert isinstance(again, DecodeResult)
    assert again.decoded is not None
    assert again.decoded.tables["raw_hrv_value"].equals(result.decoded.tables["raw_hrv_value"])


def test_a_bad_file_comes_back_refused_with_where() -> None:
    result = decode_job(b"\x0e\x10\x00\x00\x00\x00\x00\x00.FIT\x00\x00", "cut.fit")
    assert result.decoded is None
    assert result.refused == Refused(
        "DecodeError", result.refused.message if result.refused else "", 14
    )
    assert result.refused is not None and "cut.fit" in result.refused.message
    assert pickle.loads(pickle.dumps(result)) == result
