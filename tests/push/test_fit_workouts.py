"""FIT workout files: every session type of the shipped templates, decoded with Garmin's SDK."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest
from garmin_fit_sdk import Decoder, Stream

from rules import Session, list_templates, parse_plan
from rules.io import template_text
from runlift_sync.config import Settings
from runlift_sync.errors import SourceError
from runlift_sync.push.exercise_catalog import watch_exercise
from runlift_sync.push.fit_files_push import find_watch
from runlift_sync.push.fit_workout import HR_OFFSET, encode_workout
from runlift_sync.push.push_week import PushRequest, push_week
from runlift_sync.push.structured_workout import (
    LiftLandmarks,
    Repeat,
    Step,
    StructuredWorkout,
    build_workout,
    lift_load,
)
from tests.push.push_support import RUNS, TEMPLATE, add_profile, store_week

MONDAY = dt.date(2026, 9, 7)
LIFTS = LiftLandmarks(
    e1rm_kg={"barbell_back_squat": 100.0, "trap_bar_deadlift": 130.0, "barbell_bench_press": 60.0},
    pct_1rm={"back squat": 0.8},
)
DAY = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


def decode(data: bytes) -> dict[str, list[dict[str, Any]]]:
    assert Decoder(Stream.from_byte_array(bytearray(data))).check_integrity()
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    return messages


def template_sessions() -> list[tuple[str, Session]]:
    """Every run and lift session of every shipped template, plus a race."""
    out = []
    for name in list_templates():
        for planned in parse_plan(template_text(name)).sessions:
            if planned.kind == "rest":
                continue
            km = planned.km or (12.0 if planned.type == "long" else None)
            date = MONDAY + dt.timedelta(days=DAY[planned.day])
            session = Session(
                date,
                planned.kind,
                planned.type,
                km,
                planned.minutes,
                planned.slot,
                planned.exercises,
            )
            out.append((f"{name}-{planned.day}-{planned.kind}-{planned.type}", session))
    out.append(("race", Session(MONDAY + dt.timedelta(days=6), "run", "race", km=21.1)))
    return out


def flat(workout: StructuredWorkout) -> list[Step | Repeat]:
    out: list[Step | Repeat] = []
    for item in workout.items:
        if isinstance(item, Repeat):
            out.extend(item.steps)
        out.append(item)
    return out


@pytest.mark.parametrize(
    ("label", "session"), template_sessions(), ids=lambda x: x if isinstance(x, str) else ""
)
def test_every_session_type_decodes_as_prescribed(label: str, session: Session) -> None:
    workout = build_workout(session, RUNS, LIFTS)
    created = dt.datetime(2026, 9, 1, 6, 0, tzinfo=dt.UTC)
    messages = decode(encode_workout(workout, serial=4242, time_created=created))
    (file_id,) = messages["file_id_mesgs"]
    assert file_id["type"] == "workout"
    assert (file_id["serial_number"], file_id["time_created"]) == (4242, created)
    (header,) = messages["workout_mesgs"]
    assert header["wkt_name"] == workout.name
    assert header["wkt_name"].startswith(f"{session.date:%a} {session.date.day} ")
    steps = messages["workout_step_mesgs"]
    assert len(steps) == header["num_valid_steps"] == workout.step_count <= 50
    if session.kind == "lift":
        assert (header["sport"], header["sub_sport"]) == ("training", "strength_training")
    else:
        assert header["sport"] == "running"
    for step, decoded in zip(flat(workout), steps, strict=True):
        if isinstance(step, Repeat):
            assert decoded["duration_type"] == "repeat_until_steps_cmplt"
            assert decoded["repeat_steps"] == step.times
            assert steps[decoded["duration_step"]]["wkt_step_name"] == step.steps[0].name[:16]
            continue
        first, second = (step.pace, step.hr) if step.primary == "pace" else (step.hr, step.pace)
        if first is None:
            assert decoded["target_type"] == "open"
        elif step.primary == "hr":
            assert decoded["target_type"] == "heart_rate"
            assert decoded["custom_target_heart_rate_low"] == first.low_bpm + HR_OFFSET  # type: ignore[union-attr]
            assert decoded["custom_target_heart_rate_high"] == first.high_bpm + HR_OFFSET  # type: ignore[union-attr]
        else:
            assert decoded["target_type"] == "speed"
            assert decoded["custom_target_speed_low"] == pytest.approx(first.slow_mps, abs=1e-3)  # type: ignore[union-attr]
            assert decoded["custom_target_speed_high"] == pytest.approx(first.fast_mps, abs=1e-3)  # type: ignore[union-attr]
        if second is not None:
            assert decoded["secondary_target_type"] in ("heart_rate", "speed")
        if step.end == "distance":
            assert decoded["duration_distance"] == pytest.approx(step.value)
        if step.end == "time":
            assert decoded["duration_time"] == pytest.approx(step.value)
        if step.lift is not None:
            planned = next(e for e in session.exercises if e.name == step.lift.exercise)
            assert decoded["duration_type"] == "reps"
            assert decoded["duration_reps"] == planned.reps
            fit = watch_exercise(planned)
            if fit is not None:
                assert decoded["exercise_category"] == fit.category
                assert decoded.get("exercise_name") == fit.name_id
            weight, _ = lift_load(planned, LIFTS)
            assert decoded.get("exercise_weight") == weight


def test_the_templates_heavy_lifts_carry_their_weight() -> None:
    base = {label: s for label, s in template_sessions() if label.startswith("base-mon-lift")}
    (session,) = base.values()
    messages = decode(
        encode_workout(
            build_workout(session, RUNS, LIFTS),
            serial=1,
            time_created=dt.datetime(2026, 9, 1, tzinfo=dt.UTC),
        )
    )
    squat = messages["workout_step_mesgs"][0]
    # back squat 3×6 at 80 % of an e1RM of 100 kg
    assert (squat["exercise_category"], squat["exercise_name"]) == ("squat", 6)
    assert squat["exercise_weight"] == 80.0 and squat["weight_display_unit"] == "kilogram"


def _fit_files(folder: Path) -> dict[str, dict[str, list[dict[str, Any]]]]:
    return {p.name: decode(p.read_bytes()) for p in sorted(folder.glob("runlift_*.fit"))}


def test_fit_dir_files_have_their_own_serial_and_time(settings: Settings, tmp_path: Path) -> None:
    store_week(settings)
    add_profile(settings)
    folder = tmp_path / "workouts"
    outcome = push_week(settings, PushRequest(fit_dir=folder))
    assert outcome.exit_code == 0
    assert outcome.reports[0].fates == {"new": 5, "skipped": 1}
    files = _fit_files(folder)
    assert len(files) == 5
    ids = [m["file_id_mesgs"][0] for m in files.values()]
    assert len({i["serial_number"] for i in ids}) == 5
    assert len({i["time_created"] for i in ids}) == 5
    assert all(p.stat().st_mode & 0o077 == 0 for p in folder.iterdir())  # owner-only
    again = push_week(settings, PushRequest(fit_dir=folder))
    assert again.reports[0].fates == {"unchanged": 5, "skipped": 1}


# --- the watch --------------------------------------------------------------------------------


def make_watch(root: Path) -> Path:
    """A watch mounted at root/user/FR965: recordings, settings, and a file already in NewFiles."""
    mount = root / "user" / "FR965"
    garmin = mount / "GARMIN"
    for folder, name, data in (
        ("Activity", "2026-09-01-07-00-00.fit", b"activity"),
        ("Monitor", "M1.FIT", b"monitor"),
        ("Settings", "Settings.fit", b"settings"),
        ("Workouts", "OldWorkout.fit", b"a workout already on the watch"),
        ("NewFiles", "FromSomewhereElse.fit", b"not runlift's"),
    ):
        (garmin / folder).mkdir(parents=True, exist_ok=True)
        (garmin / folder / name).write_bytes(data)
    (mount / "autorun.inf").write_text("[autorun]")
    return mount


def snapshot(mount: Path) -> dict[str, tuple[str, int]]:
    """Every path outside GARMIN/NewFiles with its content hash and modification time."""
    out = {}
    for path in sorted(mount.rglob("*")):
        relative = path.relative_to(mount).as_posix()
        if relative.startswith("GARMIN/NewFiles/") or relative == "GARMIN/NewFiles":
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
        out[relative] = (digest, path.stat().st_mtime_ns)
    return out


def test_watch_writes_only_into_new_files(settings: Settings, tmp_path: Path) -> None:
    store_week(settings)
    add_profile(settings)
    root = tmp_path / "media"
    mount = make_watch(root)
    before = snapshot(mount)
    outcome = push_week(settings, PushRequest(watch="auto", mount_roots=(str(root),)))
    report = outcome.reports[0]
    assert outcome.exit_code == 0, report.summary_line()
    assert report.fates == {"new": 5, "skipped": 1}
    assert "GARMIN/NewFiles (the only folder runlift writes on a watch)" in report.summary_line()
    assert snapshot(mount) == before
    new_files = mount / "GARMIN" / "NewFiles"
    names = sorted(p.name for p in new_files.iterdir())
    assert "FromSomewhereElse.fit" in names and len(names) == 6
    assert (new_files / "FromSomewhereElse.fit").read_bytes() == b"not runlift's"
    decoded = _fit_files(new_files)
    assert len(decoded) == 5
    assert all(m["file_id_mesgs"][0]["type"] == "workout" for m in decoded.values())
    # the watch took the files in (it empties NewFiles); unchanged sessions are not sent again
    for path in new_files.glob("runlift_*.fit"):
        path.unlink()
    store_week(settings, TEMPLATE[:5])  # the long run is removed
    again = push_week(settings, PushRequest(watch=str(mount)))
    assert again.reports[0].fates == {"unchanged": 4, "removed": 1, "skipped": 1}
    assert sorted(p.name for p in new_files.iterdir()) == ["FromSomewhereElse.fit"]
    assert any("delete it on the watch" in n for n in again.reports[0].notes)
    assert snapshot(mount) == before


def test_no_watch_mounted_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="MTP") as caught:
        find_watch("auto", (str(tmp_path),))
    assert "--garmin" in str(caught.value) and "--fit DIR" in str(caught.value)
    with pytest.raises(SourceError, match="not a mounted Garmin watch"):
        find_watch(str(tmp_path))
