"""The demo season's files: a watch's layout, valid FIT, and summaries that agree with records."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import fitparse
import pytest
from demo_support import START, WEEKS, Messages, activities
from garmin_fit_sdk import Decoder, Stream

from runlift_sync.demo import SeasonSummary
from runlift_sync.fit.sdk_profile import FIT_EPOCH


def test_mount_looks_like_a_garmin_watch(season: SeasonSummary) -> None:
    garmin = season.mount / "GARMIN"
    manifest = ET.parse(garmin / "GarminDevice.xml").getroot()
    ns = {"g": "http://www.garmin.com/xmlschemas/GarminDevice/v2"}
    assert manifest.findtext("g:Model/g:Description", namespaces=ns) == "Forerunner 965"
    paths = {e.text for e in manifest.iterfind(".//g:Location/g:Path", ns)}
    assert paths == {"GARMIN/Activity", "GARMIN/Monitor", "GARMIN/Sleep", "GARMIN/HRVStatus"}
    days = WEEKS * 7
    assert len(list((garmin / "Monitor").glob("*.FIT"))) == days
    assert len(list((garmin / "Sleep").glob("*.fit"))) == days
    assert len(list((garmin / "HRVStatus").glob("*.fit"))) == days
    names = [p.name for p in (garmin / "Activity").iterdir()]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.fit", n) for n in names)
    assert len(names) == season.counts["run"] + season.counts["lift"]
    assert season.start == START and season.end == START + timedelta(days=days - 1)


def test_every_file_passes_garmins_integrity_check(season: SeasonSummary) -> None:
    for path in season.paths:
        assert Decoder(Stream.from_file(str(path))).check_integrity(), path


def test_every_file_decodes_with_fitparse_and_a_good_crc(season: SeasonSummary) -> None:
    for path in season.paths:
        fit = fitparse.FitFile(str(path), check_crc=True)
        names = {m.name for m in fit.get_messages()}
        assert "file_id" in names, path


def test_file_ids_name_the_watch_and_the_file_type(decoded: dict[Path, Messages]) -> None:
    expected = {"Activity": "activity", "Monitor": "monitoring_b", "Sleep": 49, "HRVStatus": 68}
    for path, messages in decoded.items():
        (file_id,) = messages["file_id_mesgs"]
        assert file_id["type"] == expected[path.parent.name], path
        assert file_id["manufacturer"] == "garmin"
        assert file_id["garmin_product"] == "fr965"
        assert file_id["serial_number"] == 3_412_345_678


def time_weighted_hr(records: list[dict[str, Any]]) -> float:
    total = sum(
        b["heart_rate"] * (b["timestamp"] - a["timestamp"]) for a, b in itertools.pairwise(records)
    )
    return total / (records[-1]["timestamp"] - records[0]["timestamp"])


def test_run_totals_agree_with_records_and_laps(decoded: dict[Path, Messages]) -> None:
    runs = activities(decoded, "running")
    assert len(runs) > 30
    for path, m in runs:
        (session,) = m["session_mesgs"]
        records, laps = m["record_mesgs"], m["lap_mesgs"]
        elapsed = records[-1]["timestamp"] - records[0]["timestamp"]
        assert session["total_timer_time"] == pytest.approx(elapsed), path
        assert session["total_distance"] == pytest.approx(records[-1]["distance"], abs=0.02)
        assert session["avg_heart_rate"] == pytest.approx(time_weighted_hr(records), abs=1.0)
        assert session["max_heart_rate"] == max(r["heart_rate"] for r in records)
        assert session["num_laps"] == len(laps)
        assert sum(lap["total_timer_time"] for lap in laps) == pytest.approx(elapsed)
        lap_km = sum(lap["total_distance"] for lap in laps)
        assert lap_km == pytest.approx(session["total_distance"], abs=0.05), path
        assert [lap["start_time"] for lap in laps[1:]] == [lap["timestamp"] for lap in laps[:-1]]
        gaps = {b["timestamp"] - a["timestamp"] for a, b in itertools.pairwise(records)}
        assert min(gaps) >= 1 and max(gaps) <= 6, "smart recording: gaps of 1-6 s"
        (activity,) = m["activity_mesgs"]
        assert activity["timestamp"] == session["timestamp"] == records[-1]["timestamp"]


def test_lift_totals_agree_with_sets_and_records(decoded: dict[Path, Messages]) -> None:
    lifts = activities(decoded, "training")
    assert len(lifts) == 2 * WEEKS
    for path, m in lifts:
        (session,) = m["session_mesgs"]
        assert session["sub_sport"] == "strength_training"
        records, sets = m["record_mesgs"], m["set_mesgs"]
        elapsed = records[-1]["timestamp"] - records[0]["timestamp"]
        assert session["total_timer_time"] == pytest.approx(elapsed), path
        assert sum(s["duration"] for s in sets) == pytest.approx(elapsed)
        assert session["avg_heart_rate"] == pytest.approx(time_weighted_hr(records), abs=1.0)
        for a, b in itertools.pairwise(sets):
            assert b["start_time"] == a["start_time"] + a["duration"]
            assert a["timestamp"] == a["start_time"] + a["duration"]
        active = [s for s in sets if s["set_type"] == "active"]
        assert session["total_cycles"] == sum(s.get("repetitions", 0) for s in active)


def test_local_timestamp_follows_berlin_summer_time(decoded: dict[Path, Messages]) -> None:
    switch = datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    offsets = set()
    for path, m in decoded.items():
        if "activity_mesgs" not in m:
            continue
        (activity,) = m["activity_mesgs"]
        utc = FIT_EPOCH + timedelta(seconds=activity["timestamp"])
        offset = activity["local_timestamp"] - activity["timestamp"]
        assert offset == (7200 if utc >= switch else 3600), path
        offsets.add(offset)
        local = utc + timedelta(seconds=offset)
        start_local = local - timedelta(seconds=m["session_mesgs"][0]["total_elapsed_time"])
        assert (
            abs(
                (
                    datetime.strptime(path.stem, "%Y-%m-%d-%H-%M-%S").replace(tzinfo=UTC)
                    - start_local
                ).total_seconds()
            )
            < 1
        ), "file named by local start time"
    assert offsets == {3600, 7200}


def test_interval_runs_carry_a_structured_workout(decoded: dict[Path, Messages]) -> None:
    intervals = [
        m
        for _, m in activities(decoded, "running")
        if "workout_mesgs" in m and "x" in m["workout_mesgs"][0]["wkt_name"]
    ]
    assert len(intervals) >= 6
    for m in intervals:
        laps = m["lap_mesgs"]
        kinds = [lap["intensity"] for lap in laps]
        assert kinds[0] == "warmup" and kinds[-1] == "cooldown"
        work = [lap for lap in laps if lap["intensity"] == "active"]
        rest = [lap for lap in laps if lap["intensity"] == "rest"]
        assert len(work) == len(rest) >= 3
        assert kinds[1:-1] == ["active", "rest"] * len(work)
        steps = m["workout_step_mesgs"]
        repeat = next(s for s in steps if s["duration_type"] == "repeat_until_steps_cmplt")
        assert repeat["target_value"] == len(work)
        rep_m = next(s for s in steps if s.get("intensity") == "active")["duration_distance"]
        assert all(lap["total_distance"] == pytest.approx(rep_m) for lap in work)
        assert all(lap["wkt_step_index"] == 1 for lap in work)
        assert min(w["avg_heart_rate"] for w in work) > max(r["avg_heart_rate"] for r in rest)
