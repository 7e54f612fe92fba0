"""The polars transforms on small hand-made frames (no warehouse)."""

from __future__ import annotations

import datetime as dt

import polars as pl
from polars.testing import assert_frame_equal

from runlift_sync.config import AthleteConfig
from runlift_sync.model.activities import activity_kinds, assign_to_sessions
from runlift_sync.model.athlete_profile import Estimates, build_profile
from runlift_sync.model.features import activity_features, count_hr_swings
from runlift_sync.model.hr import histogram_metrics
from runlift_sync.model.lift_marts import lift_sessions, lift_sets, merge_garmin, resolve_watch_sets
from runlift_sync.model.localtime import localize
from runlift_sync.model.structure import lap_structure
from runlift_sync.model.training_load import daily_load
from runlift_sync.model.weekly import weekly_summary
from runlift_sync.model.wellness import fit_sleep, wellness_daily

T0 = dt.datetime(2024, 3, 4, 6, 0, 0)
PROFILE = build_profile(
    "me",
    AthleteConfig(sex="female", hr_max=190, hr_rest=50, hr_threshold=170, timezone="Europe/Berlin"),
    Estimates(),
)


def test_features_hold_each_sample_until_the_next_capped_at_20_s() -> None:
    # samples at 0, 1, 2 s (HR 150), then a 100-s gap (a pause) to a last sample at 102 s (HR 160)
    records = pl.DataFrame(
        {
            "activity_id": ["a"] * 4,
            "timestamp_utc": [T0 + dt.timedelta(seconds=s) for s in (0, 1, 2, 102)],
            "heart_rate": [150, 150, 150, 160],
            "speed_mps": [3.0, 3.0, 3.0, 3.0],
        }
    )
    features = activity_features(records)
    # 150 bpm: 1 + 1 + 20 (capped) = 22 s; the last sample marks the end and holds nothing
    assert features["hr_bpm"].to_list() == [[150]]
    assert features["hr_seconds"].to_list() == [[22.0]]
    assert features["hr_s"][0] == 22.0
    assert features["n_records"][0] == 4


def test_hr_swings_count_rises_that_fall_back() -> None:
    # two set/rest cycles of 100 → 130 → 100, and a rise that never falls back
    assert count_hr_swings([100, 115, 130, 120, 100, 110, 130, 105, 100, 140], 12.0) == 2
    assert count_hr_swings([120.0] * 50, 12.0) == 0
    assert count_hr_swings([None, float("nan")], 12.0) == 0


def test_zone_times_from_a_histogram() -> None:
    # LTHR 170: VT1 153, Friel bounds 145/153/162/170
    features = pl.DataFrame(
        {"activity_id": ["a"], "hr_bpm": [[140, 150, 160, 165, 175]], "hr_seconds": [[60.0] * 5]},
        schema={
            "activity_id": pl.String,
            "hr_bpm": pl.List(pl.Int32),
            "hr_seconds": pl.List(pl.Float64),
        },
    )
    metrics = histogram_metrics(features, PROFILE).drop("trimp")
    expected = pl.DataFrame(
        {
            "activity_id": ["a"],
            "below_vt1_s": [120.0],  # 140, 150
            "vt1_to_lthr_s": [120.0],  # 160, 165
            "above_lthr_s": [60.0],  # 175
            "hr_zone1_s": [60.0],  # 140 < 145
            "hr_zone2_s": [60.0],  # 150
            "hr_zone3_s": [60.0],  # 160
            "hr_zone4_s": [60.0],  # 165
            "hr_zone5_s": [60.0],  # 175
        }
    )
    assert_frame_equal(metrics, expected)


def _laps(rows: list[tuple[str, float, float, int | None, str | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "activity_id": "r",
                "lap_index": i,
                "timer_s": timer,
                "distance_m": timer * speed,
                "avg_speed_mps": speed,
                "avg_hr": hr,
                "max_hr": hr,
                "intensity": intensity,
            }
            for i, (_, timer, speed, hr, intensity) in enumerate(rows)
        ],
        schema={
            "activity_id": pl.String,
            "lap_index": pl.Int32,
            "timer_s": pl.Float64,
            "distance_m": pl.Float64,
            "avg_speed_mps": pl.Float64,
            "avg_hr": pl.Int32,
            "max_hr": pl.Int32,
            "intensity": pl.String,
        },
    )


def test_lap_structure_of_an_interval_workout() -> None:
    laps = _laps(
        [
            ("warm", 600, 2.8, 140, "warmup"),
            ("w1", 180, 4.2, 172, "active"),
            ("r1", 90, 2.0, 150, "rest"),
            ("w2", 180, 4.2, 176, "active"),
            ("r2", 90, 2.0, 152, "rest"),
            ("cool", 600, 2.7, 140, "cooldown"),
        ]
    )
    result = lap_structure(laps)
    expected = pl.DataFrame(
        {
            "activity_id": ["r"],
            "structure": ["workout_intervals"],
            "n_work_laps": [2],
            "n_rest_laps": [2],
            "work_s": [360.0],
            "work_distance_m": [1512.0],
            "work_avg_hr": [174.0],
            "work_max_hr": [176.0],
        },
        schema=result.schema,
    )
    assert_frame_equal(result, expected)


def test_lap_structure_of_manual_alternating_laps_and_of_steady_auto_laps() -> None:
    alternating = _laps(
        [
            ("a", 300, 2.8, 140, None),
            ("b", 120, 4.0, 170, None),
            ("c", 120, 2.5, 150, None),
            ("d", 120, 4.0, 172, None),
            ("e", 120, 2.5, 150, None),
            ("f", 120, 4.0, 174, None),
            ("g", 300, 2.8, 140, None),
        ]
    )
    result = lap_structure(alternating)
    assert result["structure"].to_list() == ["alternating_laps"]
    assert result["n_work_laps"].to_list() == [3]
    steady = _laps([("k", 330, 3.0, 145, None)] * 6)
    assert lap_structure(steady)["structure"].to_list() == [None]


def test_watch_sets_take_the_first_known_guess_and_its_own_name() -> None:
    raw = pl.DataFrame(
        {
            "file_sha256": ["f", "f"],
            "set_index": [0, 1],
            "start_time_utc": [T0, None],
            "timestamp_utc": [T0, T0 + dt.timedelta(seconds=100)],
            "duration_s": [30.0, 40.0],
            "set_type": ["active", "active"],
            "repetitions": [8, 5],
            "weight_kg": [60.0, 0.0],
            "categories": [["unknown", "squat", "lunge"], ["plyo", "squat", "unknown"]],
            "exercise_names": [[None, "barbell_back_squat", None], [None, "box_squat", None]],
        }
    )
    sets = resolve_watch_sets(raw)
    assert sets["exercise_category"].to_list() == ["squat", "plyo"]
    # the name belongs to the chosen guess: none for plyo (not box_squat of the second guess)
    assert sets["exercise_name"].to_list() == ["barbell_back_squat", None]
    # a set without start_time starts at timestamp − duration
    assert sets["start_time_utc"][1] == T0 + dt.timedelta(seconds=60)


def _watch_sets() -> pl.DataFrame:
    rows = []
    t = T0
    for index, (kind, category, reps, weight, seconds) in enumerate(
        [
            ("active", "squat", 5, 100.0, 30),
            ("rest", None, None, None, 120),
            ("active", "squat", 5, 100.0, 30),
            ("rest", None, None, None, 150),
            ("active", "bench_press", 12, 40.0, 40),
        ]
    ):
        rows.append(
            {
                "file_sha256": "f",
                "set_index": index,
                "start_time_utc": t,
                "duration_s": float(seconds),
                "set_type": kind,
                "repetitions": reps,
                "weight_kg": weight,
                "exercise_category": category,
                "exercise_name": None,
            }
        )
        t += dt.timedelta(seconds=seconds)
    return pl.DataFrame(rows)


def _lift_activity() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "activity_id": ["f-0"],
            "file_sha256": ["f"],
            "start_time_utc": [T0],
            "elapsed_s": [400.0],
            "timer_s": [400.0],
            "local_date": [dt.date(2024, 3, 4)],
        }
    )


def test_lift_sets_rest_e1rm_volume_and_garmin_corrections() -> None:
    garmin = pl.DataFrame(
        {
            "file_sha256": ["f"],
            "set_index": [4],
            "set_type": ["active"],
            "start_time_utc": [T0 + dt.timedelta(seconds=330)],
            "duration_s": [40.0],
            "exercise_category": ["shoulder_press"],
            "exercise_name": ["overhead_barbell_press"],
            "repetitions": [10],
            "weight_kg": [40.0],
        }
    )
    merged = merge_garmin(_watch_sets(), garmin)
    sets = assign_to_sessions(merged, _lift_activity())
    result = lift_sets(sets, _lift_activity(), "me").select(
        "set_index",
        "set_number",
        "exercise_category",
        "body_region",
        "reps",
        "rest_after_s",
        "e1rm_kg",
        "volume_kg",
        "names_source",
        "watch_exercise_category",
        "watch_reps",
    )
    expected = pl.DataFrame(
        {
            "set_index": [0, 2, 4],
            "set_number": [1, 2, 3],
            "exercise_category": ["squat", "squat", "shoulder_press"],
            "body_region": ["lower", "lower", "upper"],
            "reps": [5, 5, 10],
            # rest = next start − (start + duration): 150 − 30 = 120; 330 − (150 + 30) = 150
            "rest_after_s": [120.0, 150.0, None],
            # Epley 100 × (1 + 5/30) = 116.667; 40 × (1 + 10/30) = 53.333 (Garmin's 10 reps)
            "e1rm_kg": [100 * (1 + 5 / 30), 100 * (1 + 5 / 30), 40 * (1 + 10 / 30)],
            "volume_kg": [500.0, 500.0, 400.0],
            "names_source": ["watch", "watch", "garmin_connect"],
            "watch_exercise_category": ["squat", "squat", "bench_press"],
            "watch_reps": [5, 5, 12],
        },
        schema=result.schema,
    )
    assert_frame_equal(result, expected)


def test_lift_session_lower_body_rule() -> None:
    activity = _lift_activity().with_columns(
        pl.lit("sets").alias("detected_from"),
        pl.lit("why").alias("kind_reason"),
        pl.lit("me").alias("athlete"),
        pl.lit(None, pl.Datetime("us")).alias("start_time_local"),
        pl.lit("file").alias("local_time_source"),
        pl.lit(2024, pl.Int32).alias("iso_year"),
        pl.lit(10, pl.Int32).alias("iso_week"),
        pl.lit(dt.date(2024, 3, 4)).alias("week_start"),
        pl.lit("strength_training").alias("sub_sport"),
        pl.lit(110.0).alias("avg_hr"),
        pl.lit(140.0).alias("max_hr"),
    )
    sets = lift_sets(
        assign_to_sessions(merge_garmin(_watch_sets(), None), activity), activity, "me"
    )
    # 2 of 3 working sets hit the legs, but fewer than 3 do: not a lower-body session
    session = lift_sessions(activity, sets)
    assert session["lower_body"].to_list() == [False]
    assert session["lower_body_reason"].to_list() == ["only 2 of 3 working sets load the legs"]
    assert session["n_sets"].to_list() == [3]
    assert session["volume_kg"].to_list() == [500.0 + 500.0 + 480.0]
    assert session["avg_rest_s"].to_list() == [135.0]


def test_kinds_need_two_pieces_of_evidence() -> None:
    activities = pl.DataFrame(
        {
            "activity_id": ["run", "yoga", "lift", "suunto", "steady", "bike"],
            "sport": ["running", "training", "training", "training", "training", "cycling"],
            "sub_sport": [
                "generic",
                "yoga",
                "strength_training",
                "strength_training",
                "strength_training",
                "road",
            ],
            "timer_s": [1800.0, 900.0, 1800.0, 3600.0, 3600.0, 3600.0],
        }
    )
    sets = pl.DataFrame(
        {
            "activity_id": ["yoga", "yoga", "lift", "lift"],
            "set_type": ["active"] * 4,
            "repetitions": [None, None, 5, 5],
            "weight_kg": [None, None, 80.0, 80.0],
            "exercise_category": [None, None, "squat", "deadlift"],
        }
    )
    features = pl.DataFrame(
        {
            "activity_id": ["suunto", "steady"],
            "hr_s": [3600.0, 3600.0],
            "hr_swings": [20, 1],
        }
    )
    kinds = activity_kinds(activities, sets, features).select(
        "activity_id", "kind", "detected_from"
    )
    expected = pl.DataFrame(
        {
            "activity_id": ["run", "yoga", "lift", "suunto", "steady", "bike"],
            "kind": ["run", "cross_training", "lift", "lift", "cross_training", "cross_training"],
            "detected_from": [None, None, "sets", "sport_and_hr", None, None],
        }
    )
    assert_frame_equal(kinds, expected)


def test_daily_load_has_rest_days_as_zero() -> None:
    loads = pl.DataFrame(
        {
            "local_date": [dt.date(2024, 3, 4), dt.date(2024, 3, 4), dt.date(2024, 3, 7)],
            "kind": ["run", "lift", "run"],
            "load": [60.0, 30.0, 80.0],
            "distance_m": [10000.0, 0.0, 12000.0],
            "minutes": [50.0, 45.0, 60.0],
            "srpe": [None, 270.0, None],
        }
    )
    daily = daily_load(loads, "me", end_date=dt.date(2024, 3, 8))
    assert daily["date"].to_list() == [dt.date(2024, 3, d) for d in range(4, 9)]
    assert daily["total_load"].to_list() == [90.0, 0.0, 0.0, 80.0, 0.0]
    assert daily["run_km"].to_list() == [10.0, 0.0, 0.0, 12.0, 0.0]
    assert daily["is_rest_day"].to_list() == [False, True, True, False, True]
    assert daily["lift_srpe"].to_list() == [270.0, 0.0, 0.0, 0.0, 0.0]


def test_weekly_summary_shares_change_and_empty_weeks() -> None:
    runs = pl.DataFrame(
        {
            "week_start": [dt.date(2024, 3, 4), dt.date(2024, 3, 4), dt.date(2024, 3, 18)],
            "local_date": [dt.date(2024, 3, 4), dt.date(2024, 3, 6), dt.date(2024, 3, 23)],
            "distance_m": [10000.0, 8000.0, 15000.0],
            "timer_s": [3000.0, 2000.0, 4500.0],
            "intensity": ["easy", "hard", "easy"],
            "below_vt1_s": [3000.0, 1000.0, 4500.0],
            "hard_time_s": [0.0, 1000.0, 0.0],
            "hr_s": [3000.0, 2000.0, 4500.0],
            "is_long": [False, False, True],
        }
    )
    # week 1: a leg day on the hard-run day (one hard day), an upper-body day (easy)
    lifts = pl.DataFrame(
        {
            "week_start": [dt.date(2024, 3, 4)] * 2,
            "local_date": [dt.date(2024, 3, 6), dt.date(2024, 3, 7)],
            "lower_body": [True, False],
            "n_sets": [12, 9],
            "volume_kg": [3000.0, 1000.0],
            "minutes": [45.0, 30.0],
        }
    )
    days = pl.date_range(dt.date(2024, 3, 4), dt.date(2024, 3, 24), eager=True)
    daily = pl.DataFrame(
        {
            "date": days,
            "run_load": [10.0] * 21,
            "lift_load": [0.0] * 21,
            "other_load": [0.0] * 21,
            "total_load": [10.0] * 21,
        }
    )
    fit = pl.DataFrame(
        {
            "date": days,
            "acwr": [None] * 20 + [1.1],
            "ctl": [1.0] * 21,
            "atl": [2.0] * 21,
            "tsb": [-1.0] * 21,
            "monotony_7d": [None] * 21,
            "strain_7d": [None] * 21,
        },
        schema_overrides={"acwr": pl.Float64, "monotony_7d": pl.Float64, "strain_7d": pl.Float64},
    )
    weekly = weekly_summary("me", runs, lifts, daily, fit)
    assert weekly["week_start"].to_list() == [dt.date(2024, 3, d) for d in (4, 11, 18)]
    assert weekly["run_km"].to_list() == [18.0, 0.0, 15.0]
    assert weekly["easy_share"].to_list() == [0.6, None, 1.0]
    assert weekly["hard_share"].to_list() == [0.4, None, 0.0]
    assert weekly["below_vt1_share"].to_list() == [0.8, None, 1.0]
    # 18 → 0 km is −100 %; 0 → 15 km has no percentage
    assert weekly["km_change_pct"].to_list() == [None, -100.0, None]
    assert weekly["long_run_km"].to_list() == [None, None, 15.0]
    assert weekly["n_lower_body_sessions"].to_list() == [1, 0, 0]
    # Mon easy run, Wed hard run + legs, Thu upper body: 3 training days, 1 hard day
    assert weekly["training_days"].to_list() == [3, 0, 1]
    assert weekly["hard_days"].to_list() == [1, 0, 0]
    assert weekly["hard_time_s"].to_list() == [1000.0, 0.0, 0.0]
    assert weekly["hard_time_share"].to_list() == [0.2, None, 0.0]
    assert weekly["acwr"].to_list() == [None, None, 1.1]
    assert weekly["total_load"].to_list() == [70.0, 70.0, 70.0]


def test_localize_prefers_the_file_offset_then_the_time_zone() -> None:
    frame = pl.DataFrame(
        {
            # 22:30 UTC on the day DST starts in Berlin (+2 h from 01:00 UTC)
            "t": [dt.datetime(2024, 3, 31, 22, 30)] * 2,
            "offset": [3600, None],
        },
        schema={"t": pl.Datetime("us"), "offset": pl.Int32},
    )
    local = localize(
        frame, utc="t", offset="offset", out="local", timezone="Europe/Berlin", source="src"
    )
    assert local["local"].to_list() == [
        dt.datetime(2024, 3, 31, 23, 30),
        dt.datetime(2024, 4, 1, 0, 30),
    ]
    assert local["src"].to_list() == ["file", "timezone"]
    reference = pl.DataFrame(
        {"timestamp_utc": [dt.datetime(2024, 3, 30)], "utc_offset_s": [-18000]}
    )
    nearest = localize(
        frame.with_columns(pl.lit(None, pl.Int32).alias("offset")),
        utc="t",
        offset="offset",
        out="local",
        timezone=None,
        reference=reference,
        source="src",
    )
    assert nearest["local"].to_list() == [dt.datetime(2024, 3, 31, 17, 30)] * 2
    assert nearest["src"].to_list() == ["nearest_file"] * 2


def test_sleep_levels_become_a_night_dated_by_its_morning() -> None:
    start = dt.datetime(2024, 3, 4, 21, 30)  # 22:30 in Berlin (+1)
    levels = pl.DataFrame(
        {
            "file_sha256": ["n"] * 5,
            "timestamp_utc": [start + dt.timedelta(minutes=m) for m in (0, 10, 130, 250, 460)],
            "utc_offset_s": [None] * 5,
            "sleep_level": ["awake", "light", "deep", "rem", "awake"],
        },
        schema_overrides={"utc_offset_s": pl.Int32},
    )
    scores = pl.DataFrame({"file_sha256": ["n"], "overall_sleep_score": [81]})
    night = fit_sleep(levels, scores, "Europe/Berlin")
    expected = pl.DataFrame(
        {
            "date": [dt.date(2024, 3, 5)],
            "sleep_s": [450.0 * 60],  # light 120 + deep 120 + rem 210 min
            "deep_sleep_s": [120.0 * 60],
            "light_sleep_s": [120.0 * 60],
            "rem_sleep_s": [210.0 * 60],
            "awake_s": [10.0 * 60],
            "sleep_score": [81.0],
        }
    )
    assert_frame_equal(night, expected)


def test_wellness_prefers_garmin_and_rolls_7_and_60_days() -> None:
    days = [dt.date(2024, 3, d) for d in range(1, 11)]
    fit_rhr = pl.DataFrame({"date": days, "resting_hr": [50.0] * 10})
    garmin = pl.DataFrame(
        {"date": [dt.date(2024, 3, 10)], "resting_hr": [58], "hrv_last_night_avg_ms": [40.0]}
    )
    empty_hrv = pl.DataFrame(
        schema={
            "date": pl.Date,
            "hrv_ms": pl.Float64,
            "hrv_weekly_avg_ms": pl.Float64,
            "hrv_status": pl.String,
        }
    )
    empty_sleep = fit_sleep(
        pl.DataFrame(
            schema={
                "file_sha256": pl.String,
                "timestamp_utc": pl.Datetime("us"),
                "utc_offset_s": pl.Int32,
                "sleep_level": pl.String,
            }
        ),
        pl.DataFrame(schema={"file_sha256": pl.String, "overall_sleep_score": pl.Int32}),
        None,
    )
    well = wellness_daily("me", fit_rhr, empty_hrv, empty_sleep, garmin)
    last = well.row(-1, named=True)
    assert last["resting_hr"] == 58.0 and last["resting_hr_source"] == "garmin_connect"
    assert well["resting_hr_source"][0] == "fit"
    # 7 days ending 10 March: 6 × 50 + 58 → mean 51.142857; 60-day baseline: 9 × 50 + 58
    assert last["resting_hr_7d"] == sum([50.0] * 6 + [58.0]) / 7
    assert last["resting_hr_7d_n"] == 7
    assert last["resting_hr_baseline_mean"] == (9 * 50.0 + 58.0) / 10
    assert last["resting_hr_baseline_n"] == 10
    assert last["hrv_ms"] == 40.0 and last["hrv_source"] == "garmin_connect"
    assert last["hrv_7d_n"] == 1 and last["hrv_baseline_sd"] is None  # one reading: no SD
