"""`--garmin` offline: garminconnect's real code against the fake account at the requests layer.

First push, re-push unchanged, changed, moved, removed, and a 429 in the middle that the next
push resumes from (nothing uploaded twice).
"""

from __future__ import annotations

import json

import duckdb
import pytest
from garminconnect import Garmin
from typer.testing import CliRunner

from runlift_sync.cli import app
from runlift_sync.config import Settings
from runlift_sync.push.push_week import PushOutcome, PushRequest, push_week
from tests.push.fake_workouts import FakeWorkoutAccount
from tests.push.push_support import (
    TEMPLATE,
    add_profile,
    day,
    replace_session,
    store_week,
)


def make_garmin() -> Garmin:
    return Garmin(retry_attempts=0)


def push(settings: Settings, *, dry_run: bool = False) -> PushOutcome:
    lines: list[str] = []
    outcome = push_week(
        settings,
        PushRequest(garmin=True, dry_run=dry_run),
        garmin_factory=make_garmin,
        echo=lines.append,
    )
    outcome.echoed = lines  # type: ignore[attr-defined]
    return outcome


def rows(settings: Settings) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(settings.warehouse), read_only=True)
    try:
        return con.execute(
            "SELECT session_key, workout_id, schedule_id, scheduled_date, sequence "
            "FROM pushed_workouts WHERE target = 'garmin' ORDER BY session_key"
        ).fetchall()
    finally:
        con.close()


@pytest.fixture
def ready(settings: Settings, account: FakeWorkoutAccount) -> Settings:
    account.write_token_store(settings.token_dir)
    store_week(settings)
    add_profile(settings, lthr=170, hr_max=190)
    return settings


def test_first_push_uploads_and_schedules_every_session(
    ready: Settings, account: FakeWorkoutAccount
) -> None:
    outcome = push(ready)
    report = outcome.reports[0]
    assert outcome.exit_code == 0
    assert report.fates == {"new": 5, "skipped": 1}  # the rest day is no workout
    assert [d for d, _ in account.calendar()] == [
        d.isoformat() for d in (day(0), day(1), day(2), day(3), day(5))
    ]
    assert len(account.workouts) == 5
    assert len(rows(ready)) == 5
    assert all(r[1] and r[2] for r in rows(ready))  # workout id and schedule id kept
    workouts = {w["workoutName"]: w for w in account.workouts.values()}
    intervals = next(w for n, w in workouts.items() if "intervals" in n)
    assert intervals["sportType"]["sportTypeKey"] == "running"
    steps = intervals["workoutSegments"][0]["workoutSteps"]
    assert [s["type"] for s in steps] == [
        "ExecutableStepDTO",
        "RepeatGroupDTO",
        "ExecutableStepDTO",
    ]
    work = steps[1]["workoutSteps"][0]
    # no paces measured in this warehouse: heart rate Z4 (95 % LTHR) to max is the target
    assert work["targetType"]["workoutTargetTypeKey"] == "heart.rate.zone"
    assert (work["targetValueOne"], work["targetValueTwo"]) == (162, 190)
    easy = next(w for n, w in workouts.items() if "easy" in n)
    ceiling = easy["workoutSegments"][0]["workoutSteps"][0]
    assert ceiling["targetValueTwo"] == 153  # VT1 = 90 % of LTHR 170, rounded up
    lift = next(w for n, w in workouts.items() if "lift" in n)
    assert lift["sportType"]["sportTypeKey"] == "strength_training"
    squat = lift["workoutSegments"][0]["workoutSteps"][0]
    assert squat["numberOfIterations"] == 3
    exercise, rest = squat["workoutSteps"]
    assert (exercise["category"], exercise["exerciseName"]) == ("SQUAT", "BARBELL_BACK_SQUAT")
    assert exercise["weightValue"] == 80_000.0  # grams, as Connect stores it
    assert exercise["endConditionValue"] == 6.0
    assert rest["endConditionValue"] == 150.0


def test_pushing_again_unchanged_sends_nothing(
    ready: Settings, account: FakeWorkoutAccount
) -> None:
    push(ready)
    before = len(account.writes)
    calls_before = len(account.calls)
    outcome = push(ready)
    assert outcome.reports[0].fates == {"unchanged": 5, "skipped": 1}
    assert len(account.writes) == before
    workout_calls = [c for c in account.calls[calls_before:] if "workout-service" in c[1]]
    assert workout_calls == []


def test_a_changed_session_updates_its_workout_in_place(
    ready: Settings, account: FakeWorkoutAccount
) -> None:
    push(ready)
    old_rows = rows(ready)
    store_week(ready, replace_session(TEMPLATE, 2, km=6.0))  # Wed easy 8 → 6 km
    start = len(account.writes)
    outcome = push(ready)
    assert outcome.reports[0].fates == {"changed": 1, "unchanged": 4, "skipped": 1}
    (method, path), *rest = account.writes[start:]
    assert method == "PUT" and rest == []
    wed = next(r for r in rows(ready) if "wed" in str(r[0]))
    old_wed = next(r for r in old_rows if "wed" in str(r[0]))
    assert path == f"/workout-service/workout/{wed[1]}"
    assert (wed[1], wed[2]) == (old_wed[1], old_wed[2])  # same workout, same calendar entry
    assert wed[4] == old_wed[4] + 1
    assert account.workouts[int(wed[1])]["workoutName"] == "Wed 9 easy 6 km"


def test_a_moved_session_is_rescheduled(ready: Settings, account: FakeWorkoutAccount) -> None:
    push(ready)
    store_week(ready, replace_session(TEMPLATE, 3, date=day(4)))  # tempo Thu → Fri
    start = len(account.writes)
    outcome = push(ready)
    assert outcome.reports[0].fates["moved"] == 1
    tempo = next(r for r in rows(ready) if "tempo" in str(r[0]))
    assert tempo[3] == day(4)
    assert account.schedules[int(tempo[2])]["calendarDate"] == day(4).isoformat()
    methods = [m for m, p in account.writes[start:] if "schedule" in p]
    assert methods == ["PUT"]  # the entry moved, not a new one
    assert len(account.schedules) == 5


def test_a_removed_session_is_unscheduled_and_deleted(
    ready: Settings, account: FakeWorkoutAccount
) -> None:
    push(ready)
    store_week(ready, TEMPLATE[:5])  # the long run is gone
    outcome = push(ready)
    assert outcome.reports[0].fates == {"removed": 1, "unchanged": 4, "skipped": 1}
    assert len(account.workouts) == 4 and len(account.schedules) == 4
    assert not [r for r in rows(ready) if "long" in str(r[0])]
    assert not [n for _, n in account.calendar() if "long" in n]


def test_a_429_stops_the_push_and_the_next_push_resumes(
    ready: Settings, account: FakeWorkoutAccount
) -> None:
    account.fail_after(r"^/workout-service/workout$", ok=2, status=429)
    outcome = push(ready)
    report = outcome.reports[0]
    assert outcome.exit_code == 2 and report.status == "partial"
    assert report.fates["new"] == 2
    assert "429" in (report.error or "")
    assert len(rows(ready)) == 2
    again = push(ready)
    assert again.exit_code == 0
    assert again.reports[0].fates == {"new": 3, "unchanged": 2, "skipped": 1}
    assert len(account.workouts) == 5 and len(account.schedules) == 5  # nothing twice


def test_a_429_between_upload_and_schedule_is_scheduled_next_time(
    ready: Settings, account: FakeWorkoutAccount
) -> None:
    account.fail_after(r"^/workout-service/schedule/", ok=0, status=429)
    first = push(ready)
    assert first.reports[0].status == "failed" and first.exit_code == 1
    assert len(account.workouts) == 1 and not account.schedules
    ((_key, workout_id, schedule_id, scheduled, _),) = rows(ready)
    assert workout_id and schedule_id is None and scheduled is None
    push(ready)
    assert len(account.workouts) == 5 and len(account.schedules) == 5


def test_dry_run_prints_the_payloads_and_sends_nothing(
    ready: Settings, account: FakeWorkoutAccount
) -> None:
    outcome = push(ready, dry_run=True)
    assert outcome.reports[0].fates == {"new": 5, "skipped": 1}
    assert account.calls == [] and rows(ready) == []
    payloads = [json.loads(t) for t in outcome.echoed if t.startswith("{")]  # type: ignore[attr-defined]
    assert len(payloads) == 5
    assert {p["sportType"]["sportTypeKey"] for p in payloads} == {"running", "strength_training"}


def test_cli_dry_run_needs_no_login(ready: Settings, account: FakeWorkoutAccount) -> None:
    result = CliRunner().invoke(
        app,
        ["--warehouse", str(ready.warehouse), "plan", "push", "--garmin", "--dry-run"],
        env={"RUNLIFT_TOKEN_DIR": str(ready.token_dir.parent / "nowhere"), "COLUMNS": "100"},
    )
    assert result.exit_code == 0, result.output
    assert '"workoutName": "Tue 8 intervals' in result.output
    assert "garmin: 5 new, 1 skipped (dry run: nothing written)" in result.output
    assert account.calls == []


def test_without_a_login_garmin_fails_with_what_to_do(settings: Settings) -> None:
    store_week(settings)
    outcome = push(settings)
    assert outcome.exit_code == 1
    assert "runlift login" in (outcome.reports[0].error or "")
