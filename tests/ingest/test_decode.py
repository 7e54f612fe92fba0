"""The decoder seam on real files: golden values, Garmin's profile upgrades, damaged files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import polars as pl
import pytest
from garmin_fit_sdk import Decoder, Stream

from runlift_sync.db.migrate import migrate
from runlift_sync.errors import DecodeError
from runlift_sync.fit import decode_fit
from runlift_sync.fit.decode import decode_reference
from runlift_sync.fit.tables import ALL_TABLES, COMMON_COLUMNS, TRAILING_COLUMNS


def sdk_messages(path: Path) -> dict:
    messages, errors = Decoder(Stream.from_file(str(path))).read()
    assert not errors
    return messages


def test_running_file_golden_values(data_dir: Path) -> None:
    path = data_dir / "garmin-fenix-5-run.fit"
    decoded = decode_fit(path.read_bytes())
    assert decoded.status == "loaded" and decoded.reader == "runlift"
    session = decoded.frame("raw_session").row(0, named=True)
    # the values the watch wrote (checked against Garmin's decoder below)
    assert session["sport"] == "running"
    assert session["total_distance_m"] == pytest.approx(157.56)
    assert session["total_timer_s"] == pytest.approx(56.887)
    assert session["avg_hr"] == 90
    assert session["start_time_utc"] == dt.datetime(2017, 6, 11, 14, 34, 9)
    # local time: activity.local_timestamp 07:35:24 for timestamp 14:35:24 UTC → UTC−7 (PDT)
    activity = decoded.frame("raw_activity").row(0, named=True)
    assert activity["local_timestamp"] == dt.datetime(2017, 6, 11, 7, 35, 24)
    assert activity["utc_offset_s"] == -7 * 3600
    # semicircles → degrees by hand: 456099128 × 180 / 2^31
    sdk = sdk_messages(path)
    raw_lat = sdk["record_mesgs"][0]["position_lat"]
    assert raw_lat == 456099128
    first = decoded.frame("raw_record").row(0, named=True)
    assert first["lat_deg"] == pytest.approx(456099128 * 180 / 2**31)
    assert first["lat_deg"] == pytest.approx(38.2297873, abs=1e-6)
    assert first["heart_rate"] == 61
    # a field neither profile names is kept, not dropped
    assert json.loads(first["extra"])["unknown_88"] == 300
    assert sdk["session_mesgs"][0]["total_distance"] == pytest.approx(session["total_distance_m"])


def test_newer_messages_are_named_from_garmins_profile(data_dir: Path) -> None:
    """fitparse (profile 20.8) sees message 370 as unknown_370; we name and scale it."""
    decoded = decode_fit((data_dir / "hrv1.fit").read_bytes())
    assert "raw_hrv_status_summary" in decoded.tables
    summary = decoded.frame("raw_hrv_status_summary").row(0, named=True)
    sdk = sdk_messages(data_dir / "hrv1.fit")["hrv_status_summary_mesgs"][0]
    assert summary["last_night_average_ms"] == sdk["last_night_average"] == 92.0
    assert summary["weekly_average_ms"] == 85.0
    assert summary["status"] == "balanced"
    assert summary["timestamp_utc"] == dt.datetime(2023, 9, 27, 6, 29, 13)
    assert decoded.frame("raw_hrv_value").height == 96
    assert decoded.identity.file_type is not None


def test_monitoring_timestamp_16_and_resting_hr(data_dir: Path) -> None:
    decoded = decode_fit((data_dir / "monitor1_with_all.fit").read_bytes())
    monitoring = decoded.frame("raw_monitoring")
    assert monitoring["timestamp_utc"].null_count() == 0
    # first heart-rate sample carries only timestamp_16 = 23280; the last full timestamp
    # before it is 2023-09-26 09:39:00 = 1064655540 s since 1989-12-31.
    # 1064655540 & 0xFFFF = 23220 → 1064655540 + (23280 − 23220) = 1064655600 → 09:40:00
    first_hr = monitoring.filter(pl.col("heart_rate").is_not_null()).row(0, named=True)
    assert json.loads(first_hr["extra"])["timestamp_16"] == 23280
    assert first_hr["timestamp_utc"] == dt.datetime(2023, 9, 26, 9, 40)
    rest = decoded.frame("raw_monitoring_hr_data").row(0, named=True)
    assert rest["resting_heart_rate"] == 35


def test_strength_sets_named(data_dir: Path) -> None:
    decoded = decode_fit((data_dir / "fenix6s-strength-training.fit").read_bytes())
    sets = decoded.frame("raw_set")
    active = sets.filter(pl.col("set_type") == "active")
    assert active.height == 20  # 4 pull-up + 3 push-up + 3 curl + 3 bench + 1 dl + 1 sit-up + 5
    assert sets.row(0, named=True)["categories"] == ["pull_up", "unknown", "curl"]
    assert sets.row(0, named=True)["category"] == "pull_up"
    assert "bench_dip" in active["exercise_name"].to_list()
    session = decoded.frame("raw_session").row(0, named=True)
    assert (session["sport"], session["sub_sport"]) == ("training", "strength_training")


def test_developer_fields_kept(data_dir: Path) -> None:
    decoded = decode_fit((data_dir / "DeveloperData.fit").read_bytes())
    records = decoded.frame("raw_record")
    developer = [json.loads(v) for v in records["developer"].to_list() if v]
    assert developer and all("doughnuts_earned" in d for d in developer)


def test_truncated_file_keeps_what_decoded(data_dir: Path) -> None:
    decoded = decode_fit((data_dir / "activity-unexpected-eof.fit").read_bytes())
    assert decoded.status == "partial"
    assert decoded.reader == "fitparse"  # runlift's reader leaves damaged files to fitparse
    assert "byte 768" in (decoded.reason or "")
    assert decoded.frame("raw_record").height == 14
    assert any("runlift's reader did not read it" in w for w in decoded.warnings)


def test_bad_crc_is_a_warning_not_a_rejection(data_dir: Path) -> None:
    """The file CRC does not match, but every message is there: loaded whole, with a warning
    (fitparse stops at the CRC and would mark the file partial with the same rows)."""
    data = (data_dir / "activity-filecrc.fit").read_bytes()
    decoded = decode_fit(data)
    assert decoded.status == "loaded" and decoded.reader == "runlift"
    assert "CRC mismatch" in (decoded.reason or "")
    assert any("stored 0xB1D5, computed 0xA1D5" in w for w in decoded.warnings)
    reference = decode_reference(data)
    assert reference.status == "partial" and "CRC" in (reference.reason or "")
    assert set(decoded.tables) == set(reference.tables)
    for name, table in reference.tables.items():
        assert decoded.tables[name].equals(table), name


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"Date,Distance\n2024-01-01,10\n" * 3, "not a FIT file"),
        (b"\x0e\x10\x00\x00\x00\x00\x00\x00.FIT\x00\x00", "nothing decodable"),
    ],
)
def test_nothing_recoverable_raises(data: bytes, message: str) -> None:
    with pytest.raises(DecodeError, match=message):
        decode_fit(data, path="x.fit")


def test_fitparse_rejects_but_sdk_reads_whole(corpus: Path) -> None:
    path = corpus / "python-fitparse" / "tests__files__coros-pace-2-cycling-misaligned-fields.fit"
    decoded = decode_fit(path.read_bytes())
    assert decoded.status == "loaded"
    assert decoded.reader == "garmin_fit_sdk"
    messages, _ = Decoder(Stream.from_file(str(path))).read()
    assert decoded.frame("raw_record").height == len(messages["record_mesgs"]) == 11272
    assert any("fitparse stopped" in w for w in decoded.warnings)


def test_table_specs_match_migrated_schema() -> None:
    """The DDL in warehouse/migrations matches what the decoder produces, column for column."""
    con = duckdb.connect()
    migrate(con)
    for table in ALL_TABLES:
        got = con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = ? ORDER BY ordinal_position",
            [table.name],
        ).fetchall()
        want = [(n, t) for n, t, _ in COMMON_COLUMNS]
        want += [(col.name, col.dtype) for col in table.columns]
        want += [(n, t) for n, t, _ in TRAILING_COLUMNS]
        assert got == want, table.name
