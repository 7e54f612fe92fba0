"""Point 1: a file whose name is not valid UTF-8 never aborts a batch; its name is kept exactly."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from tests.hostile.conftest import invoke, write_runs

BAD_NAME = b"r\xe9sum\xff.fit"


def test_a_non_utf8_name_among_good_files(tmp_path: Path, warehouse: Path) -> None:
    folder = tmp_path / "in"
    good = write_runs(folder, 16)
    bad = os.path.join(os.fsencode(folder), BAD_NAME)
    os.rename(good.pop(), bad)  # 15 good names, one bad

    result = invoke("import", "--no-refresh", "--workers", "1", str(folder))

    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "not valid UTF-8" in result.output and r"r\xe9sum\xff.fit" in result.output
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute(
            "SELECT original_path, original_path_bytes FROM fit_files WHERE status = 'loaded'"
        ).fetchall()
    finally:
        con.close()
    assert len(rows) == 16
    escaped = [(text, raw) for text, raw in rows if raw is not None]
    assert len(escaped) == 1
    text, raw = escaped[0]
    assert bytes(raw) == bad  # lossless: the exact bytes of the path
    assert text.endswith(r"r\xe9sum\xff.fit")
    assert all(raw is None for text, raw in rows if text.endswith(".fit") and "run-" in text)
