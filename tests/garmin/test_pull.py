"""The pull against the fake account: paging, originals, sets, wellness, and every fault."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import duckdb
import garminconnect.api._common
import pytest
from garminconnect import Garmin

from runlift_sync.config import Settings
from runlift_sync.db import open_writer
from runlift_sync.sources.garmin_connect import rebuild_typed
from tests.garmin.fake_connect import FakeConnect
from tests.garmin.fitgen import original_zip
from tests.garmin.helpers import (
    TODAY,
    Clock,
    add_run,
    add_strength,
    add_wellness_day,
    query,
    run_sync,
    scalar,
)

LIST = "/activitylist-service/activities/search/activities"
MORNING = dt.time(5, 30)


def at(day: dt.date, clock: dt.time = MORNING) -> dt.datetime:
    return dt.datetime.combine(day, clock)


def list_offsets(fake: FakeConnect) -> list[int]:
    return [int(params["start"]) for method, path, params in fake.calls if path == LIST]


# --- activities ---------------------------------------------------------------------------------


def test_activity_list_is_paged_even_when_garmin_caps_the_page(
    fake: FakeConnect, gsettings: Settings
) -> None:
    fake.page_cap = 5  # we ask for 50 a page; Garmin gives 5
    for k in range(12):
        add_run(fake, 100 + k, at(TODAY - dt.timedelta(days=k % 4), dt.time(5, k)))
    report = run_sync(gsettings, since=TODAY - dt.timedelta(days=3))
    assert report.complete and report.activities_new == 12
    assert list_offsets(fake) == [0, 5, 10, 12]  # the last, empty page ends the listing
    assert scalar(gsettings.warehouse, "SELECT count(*) FROM activities") == 12
    assert scalar(gsettings.warehouse, "SELECT count(*) FROM raw_garmin_activity") == 12


def test_paging_stops_when_garmin_ignores_the_offset(
    fake: FakeConnect, gsettings: Settings
) -> None:
    fake.page_cap, fake.ignore_offset = 3, True
    for k in range(5):
        add_run(fake, 100 + k, at(TODAY - dt.timedelta(days=k)))
    report = run_sync(gsettings, since=TODAY - dt.timedelta(days=6))
    assert list_offsets(fake) == [0, 3]  # the same page twice: stop, no endless loop
    assert report.activities_new == 3


def test_activities_are_filtered_by_date_on_our_side_too(
    fake: FakeConnect, gsettings: Settings, shared: Path
) -> None:
    add_run(fake, 1, at(TODAY))
    old = add_run(fake, 2, at(TODAY - dt.timedelta(days=200)))
    # Garmin (wrongly) answers the first page with an activity far outside the dates asked
    fake.fail(LIST, 200, body=[fake.activities[1].item, fake.activities[old.activity_id].item])
    report = run_sync(gsettings, since=TODAY - dt.timedelta(days=3))
    assert report.activities_new == 1
    assert query(gsettings.warehouse, "SELECT activity_id FROM raw_garmin_activity") == [(1,)]


def test_original_zip_goes_through_the_same_import_as_usb(
    fake: FakeConnect, gsettings: Settings
) -> None:
    run = add_run(fake, 777, at(TODAY - dt.timedelta(days=1)), distance_m=10_000.0)
    report = run_sync(gsettings, since=TODAY - dt.timedelta(days=1))
    assert report.activities_new == 1 and report.files["loaded"] == 1
    ((sha, source, origin, raw_path, status),) = query(
        gsettings.warehouse,
        "SELECT sha256, source, original_path, raw_path, status FROM fit_files",
    )
    assert source == "garmin_connect"
    assert origin == "garmin_connect:activity/777.zip!777_ACTIVITY.fit"
    assert status == "loaded"
    assert (gsettings.warehouse_dir / raw_path).read_bytes() == run.fit  # the original, kept
    assert query(
        gsettings.warehouse, "SELECT activity_id, file_sha256, outcome FROM garmin_activity_files"
    ) == [(777, sha, "loaded")]
    ((sport, distance, file_sha),) = query(
        gsettings.warehouse, "SELECT sport, distance_m, file_sha256 FROM activities"
    )
    assert (sport, distance, file_sha) == ("running", 10_000.0, sha)
    ((activity_type, load, stg_sha),) = query(
        gsettings.warehouse,
        "SELECT activity_type, training_load, file_sha256 FROM stg_garmin_activities",
    )
    assert (activity_type, load, stg_sha) == ("running", 80.0, sha)


def test_exercise_sets_override_the_watch_guess_and_both_are_kept(
    fake: FakeConnect, gsettings: Settings
) -> None:
    add_strength(fake, 555, at(TODAY - dt.timedelta(days=1), dt.time(16)))
    report = run_sync(gsettings, since=TODAY - dt.timedelta(days=1))
    assert report.exercise_sets == 5
    side_by_side = query(
        gsettings.warehouse,
        """
        SELECT g.set_index, g.set_type, g.exercise_category, g.exercise_name, g.repetitions,
               g.weight_kg, w.category, w.repetitions, w.weight_kg, g.start_time_utc = w.start_time_utc
        FROM stg_garmin_exercise_sets g
        JOIN raw_set w ON w.athlete = g.athlete AND w.file_sha256 = g.file_sha256
                      AND w.message_index = g.set_index
        ORDER BY g.set_index
        """,
    )
    assert side_by_side == [
        (0, "active", "squat", "barbell_back_squat", 8, 60.0, "squat", 8, 60.0, True),
        (1, "rest", None, None, None, None, None, None, None, True),
        (2, "active", "deadlift", "barbell_deadlift", 7, 80.0, None, 7, 80.0, True),
        (3, "rest", None, None, None, None, None, None, None, True),
        # corrected in the app: a row, 10 reps of 135 lb (61234 g), where the watch saw lunges
        (4, "active", "row", "bent_over_row_with_barbell", 10, 61.234, "lunge", 10, 20.0, True),
    ]


def test_runs_do_not_ask_for_exercise_sets(fake: FakeConnect, gsettings: Settings) -> None:
    add_run(fake, 1, at(TODAY))
    run_sync(gsettings, since=TODAY - dt.timedelta(days=1))
    assert not [p for p in fake.api_paths() if p.endswith("/exerciseSets")]


def test_manual_activity_and_missing_original(fake: FakeConnect, gsettings: Settings) -> None:
    add_run(fake, 1, at(TODAY))
    fake.activities[1].item["manualActivity"] = True
    add_run(fake, 2, at(TODAY, dt.time(6, 30)))
    fake.activities[2].original = None  # Garmin answers 404
    report = run_sync(gsettings, since=TODAY - dt.timedelta(days=1))
    assert report.complete and report.activities_new == 2 and not report.quarantined
    assert not report.ok and report.originals_pending == 1  # the 404 is tried again later
    assert query(
        gsettings.warehouse,
        "SELECT activity_id, original, is_manual FROM raw_garmin_activity ORDER BY 1",
    ) == [(1, "none", True), (2, "pending", False)]
    assert query(
        gsettings.warehouse,
        "SELECT activity_id, attempts, error_class FROM garmin_pending_originals",
    ) == [(2, 1, "ItemNotFound")]
    downloads = [p for p in fake.api_paths() if p.startswith("/download-service")]
    assert downloads == ["/download-service/files/activity/2"]  # none for the manual one


def test_an_original_whose_fit_file_is_broken_is_quarantined_as_a_file(
    fake: FakeConnect, gsettings: Settings
) -> None:
    add_run(fake, 1, at(TODAY))
    fake.activities[1].original = original_zip(1, b"not a FIT file at all")
    report = run_sync(gsettings, since=TODAY - dt.timedelta(days=1))
    assert report.activities_new == 1 and report.files["quarantined"] == 1
    assert not report.ok and report.originals_pending == 0  # the file is the problem: no retry
    assert query(gsettings.warehouse, "SELECT source, error_class FROM quarantine") == [
        ("garmin_connect", "DecodeError")
    ]
    assert query(gsettings.warehouse, "SELECT original FROM raw_garmin_activity") == [
        ("quarantined",)
    ]


def test_malformed_list_item_is_quarantined_and_the_rest_goes_on(
    fake: FakeConnect, gsettings: Settings
) -> None:
    add_run(fake, 1, at(TODAY))
    add_run(fake, 2, at(TODAY, dt.time(7)))
    del fake.activities[2].item["startTimeGMT"]
    report = run_sync(gsettings, since=TODAY - dt.timedelta(days=1))
    assert report.activities_new == 1
    ((endpoint, key, error, body),) = query(
        gsettings.warehouse, "SELECT endpoint, item_key, error_class, body FROM garmin_quarantine"
    )
    assert (endpoint, key, error) == ("activity", "2", "MalformedItem")
    assert json.loads(body)["activityId"] == 2


def test_malformed_exercise_sets_quarantined_activity_still_imported(
    fake: FakeConnect, gsettings: Settings
) -> None:
    add_strength(fake, 9, at(TODAY, dt.time(16)))
    fake.garble(r"/exerciseSets$", text='{"exerciseSets": [')
    report = run_sync(gsettings, since=TODAY - dt.timedelta(days=1))
    assert report.activities_new == 1 and report.files["loaded"] == 1
    assert query(
        gsettings.warehouse, "SELECT endpoint, item_key, error_class, body FROM garmin_quarantine"
    ) == [("exercise_sets", "9", "MalformedResponse", '{"exerciseSets": [')]
    assert scalar(gsettings.warehouse, "SELECT count(*) FROM raw_garmin_exercise_set") == 0
    # the next night the set list is asked for again (the activity itself is not)
    again = run_sync(gsettings, clock=Clock(at(TODAY + dt.timedelta(days=1), dt.time(3))))
    assert again.ok and again.activities_new == 0 and again.exercise_sets_reread == 1
    assert scalar(gsettings.warehouse, "SELECT count(*) FROM stg_garmin_exercise_sets") == 5
    assert scalar(gsettings.warehouse, "SELECT count(*) FROM garmin_quarantine") == 0


# --- wellness -----------------------------------------------------------------------------------


def test_wellness_endpoints_fill_one_row_per_day(fake: FakeConnect, gsettings: Settings) -> None:
    days = [TODAY - dt.timedelta(days=k) for k in range(3)]
    for day in days:
        add_wellness_day(fake, day)
    run_sync(gsettings, since=days[-1])
    rows = query(
        gsettings.warehouse,
        "SELECT date, resting_hr, hrv_last_night_avg_ms, hrv_weekly_avg_ms, hrv_status, sleep_s,"
        " deep_sleep_s + light_sleep_s + rem_sleep_s, awake_s, sleep_score, body_battery_high,"
        " body_battery_low, training_readiness, stress_avg FROM stg_garmin_wellness ORDER BY date",
    )
    assert [r[0] for r in rows] == sorted(days)
    for (
        day,
        rhr,
        hrv,
        weekly,
        status,
        sleep_s,
        stages,
        awake,
        score,
        bb_hi,
        bb_lo,
        ready,
        stress,
    ) in rows:
        k = day.toordinal()  # the values add_wellness_day put in, by hand
        assert (rhr, hrv, weekly, status) == (48 + k % 5, 40 + k % 9, 44, "balanced")
        assert (sleep_s, stages, awake, score) == (
            25_000 + 60 * (k % 30),
            sleep_s,
            600,
            60 + k % 35,
        )
        assert (bb_hi, bb_lo, stress) == (70 + k % 20, 15 + k % 10, 20 + k % 11)
        assert ready == 50 + k % 40  # the morning value, not the later recalculation (30)


def test_204_and_empty_answers_are_no_data_not_errors(
    fake: FakeConnect, gsettings: Settings
) -> None:
    add_wellness_day(fake, TODAY, hrv=False)  # hrv answers HTTP 204
    del fake.wellness[("training_readiness", TODAY)]  # answers []
    report = run_sync(gsettings, since=TODAY)
    assert report.ok and report.wellness_no_data == 2 and report.wellness_with_data == 2
    assert query(
        gsettings.warehouse,
        "SELECT endpoint, has_data, body::VARCHAR FROM "
        "raw_garmin_json WHERE endpoint IN ('hrv', 'training_readiness') ORDER BY 1",
    ) == [("hrv", False, "{}"), ("training_readiness", False, "[]")]
    ((hrv, ready, rhr),) = query(
        gsettings.warehouse,
        "SELECT hrv_last_night_avg_ms, training_readiness, resting_hr FROM stg_garmin_wellness",
    )
    assert hrv is None and ready is None and rhr is not None


def test_no_data_later_never_erases_data(fake: FakeConnect, gsettings: Settings) -> None:
    add_wellness_day(fake, TODAY)
    run_sync(gsettings, since=TODAY)
    del fake.wellness[("hrv", TODAY)]  # the same day now answers 204
    run_sync(gsettings, since=TODAY)
    assert (
        scalar(gsettings.warehouse, "SELECT hrv_last_night_avg_ms FROM stg_garmin_wellness")
        == 40 + TODAY.toordinal() % 9
    )


def test_days_garmin_says_are_complete_are_not_asked_again(
    fake: FakeConnect, gsettings: Settings
) -> None:
    for k in range(10):
        add_wellness_day(fake, TODAY - dt.timedelta(days=k))
    del fake.wellness[("hrv", TODAY - dt.timedelta(days=3))]  # the watch had no HRV that night
    fake.watch_synced_at = at(TODAY, dt.time(1))  # the watch synced at 03:00 Berlin time
    run_sync(gsettings, since=TODAY - dt.timedelta(days=9))
    fake.calls.clear()
    tomorrow = TODAY + dt.timedelta(days=1)
    add_wellness_day(fake, tomorrow)
    fake.watch_synced_at = at(tomorrow, dt.time(1))
    report = run_sync(
        gsettings, today=tomorrow, clock=Clock(dt.datetime.combine(tomorrow, dt.time(3, 30)))
    )
    asked = sorted({p.rsplit("/", 1)[-1] for p in fake.api_paths() if "/hrv-service/" in p})
    # a day is final once Garmin said, when it was fetched, that the watch had synced 3 h or
    # more after the day ended (midnight in Berlin): all days before yesterday, "no data" too
    assert asked == [str(TODAY), str(tomorrow)]
    assert report.wellness_final == 4 * 9
    assert [
        d
        for (d,) in query(
            gsettings.warehouse, "SELECT DISTINCT calendar_date FROM raw_garmin_json ORDER BY 1"
        )
    ][-1] == tomorrow
    assert query(
        gsettings.warehouse,
        "SELECT DISTINCT device_synced_at FROM raw_garmin_json WHERE calendar_date = ?",
        [tomorrow],
    ) == [(at(tomorrow, dt.time(1)),)]


def test_sets_corrected_in_the_app_later_are_read_again_for_a_week(
    fake: FakeConnect, gsettings: Settings
) -> None:
    monday = TODAY - dt.timedelta(days=2)
    add_strength(fake, 7, at(monday, dt.time(16)))
    run_sync(gsettings, since=monday, clock=Clock(at(monday, dt.time(20))))
    # the next day the athlete fixes the first set in the app: it was a front squat, 9 reps
    first = fake.activities[7].exercise_sets["exerciseSets"][0]  # type: ignore[index]
    first["exercises"] = [
        {"category": "SQUAT", "name": "BARBELL_FRONT_SQUAT", "probability": 100.0}
    ]
    first["repetitionCount"] = 9
    report = run_sync(gsettings, clock=Clock(at(monday + dt.timedelta(days=1), dt.time(3))))
    assert report.activities_new == 0 and report.exercise_sets_reread == 1
    assert query(
        gsettings.warehouse,
        "SELECT exercise_name, repetitions FROM stg_garmin_exercise_sets WHERE set_index = 0",
    ) == [("barbell_front_squat", 9)]
    # a week after the session the sets are final: not asked again
    fake.calls.clear()
    later = run_sync(gsettings, clock=Clock(at(monday + dt.timedelta(days=8))))
    assert later.exercise_sets_reread == 1  # read once more, now late enough to be final
    fake.calls.clear()
    last = run_sync(gsettings, clock=Clock(at(monday + dt.timedelta(days=9))))
    assert last.exercise_sets_reread == 0
    assert not [p for p in fake.api_paths() if p.endswith("/exerciseSets")]


def test_malformed_wellness_is_quarantined_and_retried_later(
    fake: FakeConnect, gsettings: Settings
) -> None:
    add_wellness_day(fake, TODAY)
    add_wellness_day(fake, TODAY - dt.timedelta(days=1))
    fake.garble(rf"/hrv-service/hrv/{TODAY}", text="<html>Bad gateway</html>")
    report = run_sync(gsettings, since=TODAY - dt.timedelta(days=1))
    assert report.complete and not report.ok
    assert [(q.endpoint, q.item_key, q.body) for q in report.quarantined] == [
        ("hrv", str(TODAY), "<html>Bad gateway</html>")
    ]
    assert scalar(gsettings.warehouse, "SELECT count(*) FROM stg_garmin_wellness") == 2
    assert (
        scalar(gsettings.warehouse, "SELECT count(hrv_last_night_avg_ms) FROM stg_garmin_wellness")
        == 1
    )
    again = run_sync(gsettings)
    assert again.ok
    assert scalar(gsettings.warehouse, "SELECT count(*) FROM garmin_quarantine") == 0
    assert (
        scalar(gsettings.warehouse, "SELECT count(hrv_last_night_avg_ms) FROM stg_garmin_wellness")
        == 2
    )


def test_unexpected_shape_is_quarantined_with_its_body(
    fake: FakeConnect, gsettings: Settings
) -> None:
    add_wellness_day(fake, TODAY)
    fake.wellness[("sleep", TODAY)] = {
        "dailySleepDTO": {"calendarDate": str(TODAY), "sleepTimeSeconds": "lots"}
    }
    report = run_sync(gsettings, since=TODAY)
    (item,) = report.quarantined
    assert (item.endpoint, item.error_class) == ("sleep", "MalformedItem")
    assert "sleepTimeSeconds" in item.message and "lots" in (item.body or "")


# --- faults -------------------------------------------------------------------------------------


def test_429_stops_the_night_cleanly_and_the_next_night_resumes(
    fake: FakeConnect, gsettings: Settings
) -> None:
    for k in range(4):
        day = TODAY - dt.timedelta(days=k)
        add_wellness_day(fake, day)
        add_run(fake, 10 + k, at(day))
    fake.fail(r"/download-service/files/activity/11$", 429)  # the third activity, oldest first
    report = run_sync(gsettings, since=TODAY - dt.timedelta(days=3))
    assert report.stopped == "rate_limited" and "429" in (report.message or "")
    assert report.activities_new == 2  # the two before it are kept
    assert (
        scalar(
            gsettings.warehouse,
            "SELECT count(*) FROM raw_garmin_json WHERE endpoint IN ('hrv', 'sleep')",
        )
        == 0
    )  # wellness waits for tomorrow
    assert query(gsettings.warehouse, "SELECT stopped FROM garmin_sync_runs") == [("rate_limited",)]
    again = run_sync(gsettings)  # no --since: from the watermark
    assert again.complete and again.activities_new == 2
    assert scalar(gsettings.warehouse, "SELECT count(*) FROM activities") == 4
    assert scalar(gsettings.warehouse, "SELECT count(*) FROM fit_files") == 4


def test_429_in_the_middle_of_a_day_keeps_the_answers_of_that_day(
    fake: FakeConnect, gsettings: Settings
) -> None:
    add_wellness_day(fake, TODAY)
    fake.fail(r"/wellness-service/wellness/dailySleepData/", 429)
    report = run_sync(gsettings, since=TODAY)
    assert report.stopped == "rate_limited"
    assert query(gsettings.warehouse, "SELECT endpoint FROM raw_garmin_json ORDER BY 1") == [
        ("hrv",),
        ("user_summary",),
    ]


def test_persistent_5xx_stops_like_a_429(fake: FakeConnect, gsettings: Settings) -> None:
    add_wellness_day(fake, TODAY)
    fake.fail(r"/hrv-service/", 503)
    report = run_sync(gsettings, since=TODAY)
    assert report.stopped == "unavailable" and "503" in (report.message or "")
    assert run_sync(gsettings, since=TODAY).ok


def test_a_timeout_stops_like_an_outage(fake: FakeConnect, gsettings: Settings) -> None:
    add_wellness_day(fake, TODAY)
    fake.time_out(r"/hrv-service/")
    report = run_sync(gsettings, since=TODAY)
    assert report.stopped == "unavailable" and "no answer" in (report.message or "")
    assert query(gsettings.warehouse, "SELECT endpoint FROM raw_garmin_json") == [("user_summary",)]


def test_the_library_retries_a_passing_5xx(
    fake: FakeConnect, gsettings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    waits: list[float] = []
    monkeypatch.setattr(garminconnect.api._common.time, "sleep", waits.append)
    add_wellness_day(fake, TODAY)
    fake.fail(r"/hrv-service/", 500, times=2)
    report = run_sync(
        gsettings, since=TODAY, garmin_factory=lambda: Garmin(retry_attempts=3, retry_min_wait=0.01)
    )
    assert report.ok
    assert len(waits) == 2  # two back-offs, then the answer
    hrv_calls = [p for p in fake.api_paths() if "/hrv-service/" in p]
    assert len(hrv_calls) == 3


def test_429_while_resuming_the_login(
    fake: FakeConnect, gsettings: Settings, no_library_sleep: list[float]
) -> None:
    fake.fail(r"/userprofile-service/socialProfile", 429, times=3)  # the library tries 3 times
    report = run_sync(gsettings, since=TODAY - dt.timedelta(days=1))
    assert report.stopped == "rate_limited" and report.requests == 0
    assert query(gsettings.warehouse, "SELECT stopped FROM garmin_sync_runs") == [("rate_limited",)]


# --- rebuilding -------------------------------------------------------------------------------


def test_typed_tables_rebuild_from_the_raw_json(fake: FakeConnect, gsettings: Settings) -> None:
    for k in range(3):
        add_wellness_day(fake, TODAY - dt.timedelta(days=k))
    add_strength(fake, 5, at(TODAY, dt.time(16)))
    add_run(fake, 6, at(TODAY - dt.timedelta(days=1)))
    run_sync(gsettings, since=TODAY - dt.timedelta(days=2))
    views = ("stg_garmin_wellness", "stg_garmin_exercise_sets", "stg_garmin_activities")

    def snapshot() -> dict[str, list[tuple[object, ...]]]:
        return {v: sorted(query(gsettings.warehouse, f"SELECT * FROM {v}"), key=str) for v in views}

    before = snapshot()
    assert all(before.values())
    with open_writer(gsettings.warehouse) as con:
        assert rebuild_typed(con, "me") == scalar_in(con, "SELECT count(*) FROM raw_garmin_json")
    assert snapshot() == before


def scalar_in(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def test_other_athletes_are_untouched(fake: FakeConnect, gsettings: Settings) -> None:
    add_wellness_day(fake, TODAY)
    run_sync(gsettings, since=TODAY)
    coach = dataclasses.replace(gsettings, athlete="someone-else")
    run_sync(coach, since=TODAY)
    assert query(
        gsettings.warehouse,
        "SELECT athlete, count(*) FROM stg_garmin_wellness GROUP BY 1 ORDER BY 1",
    ) == [("me", 1), ("someone-else", 1)]
