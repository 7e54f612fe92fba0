"""runlift's fast FIT reader against the reference path, on files written by an encoder.

Files come from runlift's encoder (`fit/encode.py`, Garmin's SDK underneath), or straight from
Garmin's SDK encoder when they carry developer fields (runlift's writes none).

Property tests (hypothesis): random messages of the kinds watches write (records with and
without sensors, laps, events, device info, sets with exercise arrays, HRV arrays, all-day
monitoring with 16-bit timestamps, developer fields), random and invalid values; and damaged
copies of real files. Whatever the file, the fast reader's tables equal the reference's,
through columns and message by message — or it leaves the file to the reference path.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from garmin_fit_sdk import Encoder
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from runlift_sync.fit.decode import decode_fit, decode_reference
from runlift_sync.fit.encode import MESG_NUM, encode_messages
from runlift_sync.fit.message_scan import fit_crc
from tests.ingest.fit_differential import compare_file
from tests.support.fitbytes import fit_crc as sdk_nibble_crc

MESG = MESG_NUM
NAME_OF = {num: name for name, num in MESG_NUM.items()}
START = dt.datetime(2024, 5, 1, 6, 0, tzinfo=dt.UTC)
DATA = Path(__file__).resolve().parent.parent / "data"

u8 = st.integers(0, 255)  # 255: invalid
u16 = st.integers(0, 0xFFFF)
u32 = st.integers(0, 0xFFFFFFFF)
s32 = st.integers(-(2**31), 2**31 - 1)


def _record(t: int, draw: st.DrawFn) -> dict[str, Any]:
    record: dict[str, Any] = {
        "mesg_num": MESG["record"],
        "timestamp": START + dt.timedelta(seconds=t),
    }
    optional: dict[str, st.SearchStrategy[Any]] = {
        "heart_rate": u8,
        "cadence": u8,
        "fractional_cadence": st.integers(0, 127).map(lambda v: v / 128),
        "distance": st.integers(0, 10**7).map(lambda v: v / 100),
        "enhanced_speed": st.integers(0, 20000).map(lambda v: v / 1000),
        "speed": st.integers(0, 0xFFFE).map(lambda v: v / 1000),
        "enhanced_altitude": st.integers(0, 10**6).map(lambda v: v / 5 - 500),
        "position_lat": s32,
        "position_long": s32,
        "power": u16,
        "temperature": st.integers(-128, 127),
        "vertical_oscillation": st.integers(0, 0xFFFE).map(lambda v: v / 10),
        "stance_time": st.integers(0, 0xFFFE).map(lambda v: v / 10),
        "activity_type": st.integers(0, 10),
        "respiration_rate": u8,
    }
    for name in draw(st.sets(st.sampled_from(sorted(optional)), max_size=8)):
        record[name] = draw(optional[name])
    return record


@st.composite
def encoded_files(draw: st.DrawFn) -> bytes:
    """A FIT file written by Garmin's encoder from random messages."""
    developer = draw(st.booleans())
    messages: list[dict[str, Any]] = []
    encoder = Encoder()
    if developer:
        encoder.add_developer_field(
            0,
            {"developer_data_index": 0, "application_id": list(range(16))},
            {
                "developer_data_index": 0,
                "field_definition_number": 0,
                "fit_base_type_id": 0x84,
                "field_name": "Doughnuts",
                "units": "doughnuts",
            },
        )
    messages.append(
        {
            "mesg_num": MESG["file_id"],
            "type": draw(st.sampled_from(["activity", "monitoring_b", 4, 200])),
            "manufacturer": draw(st.sampled_from(["garmin", "development", 1, 500])),
            "product": draw(st.sampled_from([3113, 4315, 1])),
            "serial_number": draw(st.integers(1, 0xFFFFFFFE)),
            "time_created": START,
        }
    )
    if developer:
        encoder.write_mesg(
            {
                "mesg_num": MESG["developer_data_id"],
                "developer_data_index": 0,
                "application_id": list(range(16)),
            }
        )
        messages.append(
            {
                "mesg_num": MESG["field_description"],
                "developer_data_index": 0,
                "field_definition_number": 0,
                "fit_base_type_id": 0x84,
                "field_name": "Doughnuts",
                "units": "doughnuts",
            }
        )
    t = 0
    kinds = st.sampled_from(
        ["record", "record", "record", "event", "lap", "device_info", "set", "hrv", "monitoring"]
    )
    for kind in draw(st.lists(kinds, min_size=1, max_size=80)):
        t += draw(st.integers(0, 90))
        stamp = START + dt.timedelta(seconds=t)
        message: dict[str, Any]
        if kind == "record":
            message = _record(t, draw)
            if developer and draw(st.booleans()):
                message["developer_fields"] = {0: draw(st.integers(0, 0xFFFE))}
        elif kind == "event":
            message = {
                "mesg_num": MESG["event"],
                "timestamp": stamp,
                "event": draw(st.sampled_from(["timer", "lap", "recovery_hr", 0, 26])),
                "event_type": draw(st.sampled_from(["start", "stop_all", "marker", 3])),
                "data": draw(u32),
            }
        elif kind == "lap":
            message = {
                "mesg_num": MESG["lap"],
                "timestamp": stamp,
                "start_time": START,
                "total_elapsed_time": draw(st.integers(0, 10**6)) / 1000,
                "total_distance": draw(st.integers(0, 10**6)) / 100,
                "avg_heart_rate": draw(u8),
                "sport": draw(st.sampled_from(["running", "cycling", "training", 69])),
                "intensity": draw(st.sampled_from(["active", "rest", 7])),
            }
        elif kind == "device_info":
            message = {
                "mesg_num": MESG["device_info"],
                "timestamp": stamp,
                "device_index": draw(st.integers(0, 255)),
                "device_type": draw(st.integers(0, 255)),
                "manufacturer": draw(st.sampled_from(["garmin", 1, 300])),
                "product": draw(st.integers(0, 0xFFFE)),
                "software_version": draw(st.integers(0, 10000)) / 100,
            }
        elif kind == "set":
            n = draw(st.integers(1, 3))
            message = {
                "mesg_num": MESG["set"],
                "timestamp": stamp,
                "duration": draw(st.integers(0, 10**5)) / 1000,
                "repetitions": draw(u16),
                "weight": draw(st.integers(0, 10**5)) / 16,
                "set_type": draw(st.sampled_from(["active", "rest"])),
                "category": [draw(st.integers(0, 40)) for _ in range(n)],
                "category_subtype": [draw(st.integers(0, 60)) for _ in range(n)],
            }
        elif kind == "hrv":
            message = {
                "mesg_num": MESG["hrv"],
                "time": [
                    draw(st.integers(300, 2000)) / 1000 for _ in range(draw(st.integers(1, 5)))
                ],
            }
        else:
            message = {"mesg_num": MESG["monitoring"], "heart_rate": draw(u8)}
            if draw(st.booleans()):
                message["timestamp"] = stamp
            else:
                message["timestamp_16"] = (t + 1_000_000) & 0xFFFF
            if draw(st.booleans()):
                message["activity_type"] = draw(st.sampled_from(["walking", "running", 6]))
                message["cycles"] = draw(st.integers(0, 10**4)) / 2
        messages.append(message)
    if not developer:  # runlift's own encoder (it writes no developer fields)
        return encode_messages((NAME_OF[m.pop("mesg_num")], m) for m in messages)
    for message in messages:
        encoder.write_mesg(message)
    return bytes(encoder.close())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=encoded_files())
def test_encoder_written_files_decode_as_the_reference_does(data: bytes) -> None:
    result = compare_file(data)
    assert result.read_fast, result.fallback_reason
    assert not result.differences, "\n".join(result.differences[:20])
    assert decode_fit(data).reader == "runlift"


_ORIGINALS = {
    name: (DATA / name).read_bytes()
    for name in ("garmin-fenix-5-run.fit", "hrv1.fit", "DeveloperData.fit", "MonitoringFile.fit")
}


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    data = bytearray(_ORIGINALS[draw(st.sampled_from(sorted(_ORIGINALS)))])
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data) - 1))
        data[at] ^= 1 << draw(st.integers(0, 7))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


#: DeveloperData.fit with a flipped base type: the units of a developer field read as bytes,
#: fitparse crashes on them (TypeError, its bug) past a CRC mismatch; found by CI, stop 18
UNITS_AS_BYTES = b'\x0e h\x06\xa2\x00\x00\x00.FIT\xbe\xd0@\x00\x01\x00\x00\x04\x01\x02\x84\x00\x01\x00\x02\x02\x84\x03\x04\x8c\x00\x00\x0f\x04#)\x00\x00\x06\xa5@\x00\x01\x00\xcf\x02\x01\x10\r\x03\x01\x02\x00\x01\x01\x02\x03\x05\x08\r\x15"7Y\x90\xe9yb\xdb\x00@\x00\x01\x00\xce\x05\x00\x01\x02\x01\x01\x02\x02\x01\x02\x03\x11\x07\x08\n\x06\x00\x00\x00\x01doughnuts_earned\x00doughnuts\x00`\x00\x01\x00\x14\x04\x03\x01\x02\x04\x01\x02\x05\x04\x86\x06\x02\x84\x01\x00\x01\x00\x00\x8cX\x00\x00\xc78\xb9\x80\x01\x00\x8fZ\x00\x03,\x80\x8e@\x02\x00\x90\\\x00\x05\xa98\x8a\x10\x03\xd3\x9e'


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=damaged())
@example(data=UNITS_AS_BYTES)
def test_damaged_files_read_as_the_reference_or_left_to_it(data: bytes) -> None:
    """Bit flips and cuts: what the fast reader reads, it reads as the reference does."""
    if not data:
        return
    result = compare_file(data)
    assert not result.differences, "\n".join(result.differences[:20])


def test_a_fitparse_crash_is_compared_up_to_the_crash_and_loads_whole() -> None:
    result = compare_file(UNITS_AS_BYTES)
    assert result.crc_warning and result.compared_prefix == 3
    assert result.rows == 3 and not result.differences
    decoded = decode_fit(UNITS_AS_BYTES)  # runlift's reader reads on: every message, a warning
    assert decoded.reader == "runlift" and decoded.n_messages == 6
    assert decoded.reason is not None and "CRC mismatch" in decoded.reason
    reference = decode_reference(UNITS_AS_BYTES, check_crc=False)  # no TypeError escapes
    assert any("TypeError" in note for note in reference.warnings)


def test_crc_is_the_fit_crc() -> None:
    for data in _ORIGINALS.values():
        assert fit_crc(data) == sdk_nibble_crc(data)
    assert fit_crc(b"123456789") == 0xBB3D  # CRC-16/ARC check value
