"""The one FIT encoder: FIT time, a workout file a watch can read, names it refuses."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import polars as pl
import pytest
from garmin_fit_sdk import Decoder, Stream

from runlift_sync.fit.decode import decode_fit
from runlift_sync.fit.encode import FitWriter, encode_messages, fit_local_time, fit_time

CREATED = dt.datetime(2026, 11, 30, 6, 0, tzinfo=dt.UTC)


def test_fit_time_by_hand() -> None:
    # 2023-09-26 09:39:00 UTC: 12322 days from 1989-12-31 (8 leap days in 1992..2020)
    # = 1064620800 s, + 9 h 39 min = 34740 s → 1064655540
    moment = dt.datetime(2023, 9, 26, 9, 39, tzinfo=dt.UTC)
    assert fit_time(moment) == 1064655540
    assert fit_time(moment.replace(tzinfo=None)) == 1064655540  # naive means UTC
    assert fit_time(moment.astimezone(ZoneInfo("Europe/Berlin"))) == 1064655540
    # Berlin is UTC+2 in September: the wall clock reads 11:39
    assert fit_local_time(moment, ZoneInfo("Europe/Berlin")) == 1064655540 + 7200


def workout_messages() -> list[tuple[str, dict[str, object]]]:
    """A strength workout with a warm-up run step: what a watch gets from `plan push`."""
    return [
        (
            "file_id",
            {
                "type": "workout",
                "manufacturer": "development",
                "product": 0,
                "serial_number": 1,
                "time_created": CREATED,
            },
        ),
        ("file_creator", {"software_version": 100}),
        (
            "workout",
            {
                "wkt_name": "Heavy legs",
                "sport": "training",
                "sub_sport": "strength_training",
                "num_valid_steps": 3,
                "capabilities": "tcx",
            },
        ),
        (
            "workout_step",
            {
                "message_index": 0,
                "wkt_step_name": "Warm up",
                "duration_type": "time",
                "duration_value": 600_000,  # ms: the raw main field, not duration_time
                "target_type": "heart_rate",
                "target_value": 2,  # zone 2 (target_hr_zone)
                "intensity": "warmup",
            },
        ),
        (
            "workout_step",
            {
                "message_index": 1,
                "duration_type": "reps",
                "duration_value": 5,
                "target_type": "open",
                "intensity": "active",
                "exercise_category": "squat",
                "exercise_name": 2,  # back_squats
                "exercise_weight": 102.5,
                "weight_display_unit": "kilogram",
            },
        ),
        (
            "workout_step",
            {
                "message_index": 2,
                "duration_type": "repeat_until_steps_cmplt",
                "duration_value": 1,  # back to step 1…
                "target_value": 3,  # …three times in all
            },
        ),
    ]


def test_a_workout_file_reads_back_with_garmins_decoder() -> None:
    data = encode_messages(workout_messages())
    checker = Decoder(Stream.from_byte_array(bytearray(data)))
    assert checker.is_fit() and checker.check_integrity()
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    (file_id,) = messages["file_id_mesgs"]
    assert file_id["type"] == "workout"
    assert file_id["time_created"] == CREATED
    (workout,) = messages["workout_mesgs"]
    assert (workout["wkt_name"], workout["num_valid_steps"]) == ("Heavy legs", 3)
    assert workout["sub_sport"] == "strength_training"
    warm, squat, repeat = messages["workout_step_mesgs"]
    assert warm["duration_time"] == 600.0  # the SDK names the subfield on the way back
    assert warm["target_hr_zone"] == 2
    assert squat["exercise_category"] == "squat"
    assert squat["exercise_name"] == 2
    assert squat["exercise_weight"] == 102.5
    assert squat["duration_reps"] == 5
    assert (repeat["duration_step"], repeat["repeat_steps"]) == (1, 3)


def test_runlifts_decoder_keeps_the_workout_steps() -> None:
    decoded = decode_fit(encode_messages(workout_messages()))
    assert decoded.identity.file_type == "workout"
    steps = decoded.frame("raw_message").filter(pl.col("message") == "workout_step")
    squat = json.loads(steps["extra"][1])
    assert (squat["exercise_category"], squat["exercise_name"]) == ("squat", 2)


def test_the_writer_refuses_what_the_sdk_would_drop_silently() -> None:
    writer = FitWriter()
    with pytest.raises(ValueError, match="workout_step has no field duration_time"):
        writer.add("workout_step", {"duration_type": "time", "duration_time": 600})
    with pytest.raises(ValueError, match="'workout_stepp' is not a FIT message"):
        writer.add("workout_stepp", {})
