"""The `lift_sets` and `lift_sessions` marts: what was lifted, how heavy, and whether legs (pure).

Sets come from the FIT ``set`` messages of the activities classified as lifting, placed in
their session by ``start_time`` (several watches give every set the same ``timestamp``; for
sets without a start, ``timestamp − duration``). The watch records several guessed categories
per set; the first known one is used, with the exercise name of that same guess. When Garmin
Connect holds the set (``stg_garmin_exercise_sets``, matched on file and set index), its
user-corrected category, name, reps, weight and set type win; the watch's guesses stay in
``watch_*`` columns.

Per set: Epley e1RM ``weight × (1 + reps / 30)`` for 2–10 reps, the weight itself for a single
(no e1RM above 10 reps: the formula stops being reliable); volume load ``reps × weight`` (0
for bodyweight sets); ``relative_load`` = weight / the best e1RM of the same exercise in the
180 days up to that session; ``rest_after_s`` = time from the end of the set to the start of
the next one (the rest sets in between).

``body_region`` of the FIT exercise categories (`rules.exercises.BODY_REGION`, shared with
the coach): **lower** squat, lunge,
deadlift, leg curl, calf raise, hip raise, hip stability, hip swing, hyperextension, sled, and
leg-driven cardio machines (run, bike, stair stepper, floor climb); **upper** bench press,
push-up, pull-up, row, shoulder press, shoulder stability, lateral raise, flye, curl, triceps
extension, shrug, suspension, battle rope; **core** core, crunch, sit-up, plank, leg raise,
chop; **full** olympic lift, total body, carry, sandbag, sledge hammer, tire, ladder, cardio,
banded exercises, elliptical, indoor row; **plyometric** plyo. Warm-up, pose, move and unknown
have no region (warm-up sets are not working sets).

A session is ``lower_body`` when at least a third of its working sets with a known region load
the legs (lower, plyometric or full) and at least 3 do; NULL when no set has a known region.
"""

from __future__ import annotations

import polars as pl

from rules.exercises import BODY_REGION
from runlift_sync.model.activities import ACTIVITY_KEY_SCHEMA
from runlift_sync.model.model_policy import DEFAULT_POLICY, ModelPolicy

LEG_REGIONS = ("lower", "plyometric", "full")
REGIONS = ("lower", "upper", "core", "full", "plyometric")

LIFT_SETS_SCHEMA: dict[str, pl.DataType] = {
    "athlete": pl.String(),
    "activity_id": pl.String(),
    "file_sha256": pl.String(),
    "set_index": pl.Int32(),
    "set_number": pl.Int32(),
    "start_time_utc": pl.Datetime("us"),
    "local_date": pl.Date(),
    "exercise_category": pl.String(),
    "exercise_name": pl.String(),
    "body_region": pl.String(),
    "is_working": pl.Boolean(),
    "reps": pl.Int32(),
    "weight_kg": pl.Float64(),
    "duration_s": pl.Float64(),
    "rest_after_s": pl.Float64(),
    "e1rm_kg": pl.Float64(),
    "volume_kg": pl.Float64(),
    "relative_load": pl.Float64(),
    "names_source": pl.String(),
    "watch_exercise_category": pl.String(),
    "watch_exercise_name": pl.String(),
    "watch_reps": pl.Int32(),
    "watch_weight_kg": pl.Float64(),
}

LIFT_SESSIONS_SCHEMA: dict[str, pl.DataType] = {
    **ACTIVITY_KEY_SCHEMA,
    "detected_from": pl.String(),
    "detection_reason": pl.String(),
    "minutes": pl.Float64(),
    "n_sets": pl.Int32(),
    "n_reps": pl.Int32(),
    "volume_kg": pl.Float64(),
    **{f"{region}_sets": pl.Int32() for region in REGIONS},
    "lower_body": pl.Boolean(),
    "lower_body_reason": pl.String(),
    "heaviest_relative_load": pl.Float64(),
    "top_e1rm_kg": pl.Float64(),
    "avg_rest_s": pl.Float64(),
    "avg_hr": pl.Float64(),
    "max_hr": pl.Float64(),
    "names_source": pl.String(),
}

#: Watch set columns after `resolve_watch_sets` (also the input of `activities.set_summary`).
WATCH_SETS_SCHEMA: dict[str, pl.DataType] = {
    "activity_id": pl.String(),
    "file_sha256": pl.String(),
    "set_index": pl.Int32(),
    "start_time_utc": pl.Datetime("us"),
    "duration_s": pl.Float64(),
    "set_type": pl.String(),
    "repetitions": pl.Int32(),
    "weight_kg": pl.Float64(),
    "exercise_category": pl.String(),
    "exercise_name": pl.String(),
}


def epley_e1rm(weight: pl.Expr, reps: pl.Expr, max_reps: int) -> pl.Expr:
    """Estimated one-rep max (Epley: weight × (1 + reps / 30)); the weight itself for a
    single; null above `max_reps` reps, without reps or without a weight (bodyweight)."""
    valid = (weight > 0) & reps.is_between(1, max_reps)
    return (
        pl.when(valid & (reps == 1))
        .then(weight)
        .when(valid)
        .then(weight * (1.0 + reps / 30.0))
        .otherwise(None)
    )


def resolve_watch_sets(raw_sets: pl.DataFrame) -> pl.DataFrame:
    """Watch sets with the first known category and the exercise name of that same guess.

    `raw_sets`: file_sha256, set_index, start_time_utc, timestamp_utc, duration_s, set_type,
    repetitions, weight_kg, categories (list), exercise_names (list).
    """
    known = pl.element().is_not_null() & (pl.element() != "unknown")
    categories = pl.col("categories")
    first_known = (
        pl.when(categories.list.eval(known).list.any())
        .then(categories.list.eval(known).list.arg_max())
        .otherwise(None)
    )
    frame = raw_sets.with_columns(first_known.alias("__i")).with_columns(
        pl.when(pl.col("__i").is_not_null())
        .then(categories.list.get(pl.col("__i"), null_on_oob=True))
        .alias("exercise_category"),
        pl.when(pl.col("__i").is_not_null())
        .then(pl.col("exercise_names").list.get(pl.col("__i"), null_on_oob=True))
        .alias("exercise_name"),
        pl.coalesce(
            "start_time_utc",
            pl.col("timestamp_utc") - pl.duration(seconds=pl.col("duration_s").fill_null(0.0)),
        ).alias("start_time_utc"),
    )
    return frame.select(
        [pl.col(c) if c in frame.columns else pl.lit(None).alias(c) for c in WATCH_SETS_SCHEMA]
    ).cast(WATCH_SETS_SCHEMA)  # type: ignore[arg-type]


def merge_garmin(watch: pl.DataFrame, garmin: pl.DataFrame | None) -> pl.DataFrame:
    """Watch sets with Garmin Connect's corrections (matched on file_sha256 + set_index)."""
    watch = watch.rename(
        {
            "exercise_category": "watch_exercise_category",
            "exercise_name": "watch_exercise_name",
            "repetitions": "watch_reps",
            "weight_kg": "watch_weight_kg",
        }
    )
    if garmin is None or garmin.is_empty():
        return watch.with_columns(
            pl.col("watch_exercise_category").alias("exercise_category"),
            pl.col("watch_exercise_name").alias("exercise_name"),
            pl.col("watch_reps").alias("repetitions"),
            pl.col("watch_weight_kg").alias("weight_kg"),
            pl.lit("watch").alias("names_source"),
        )
    g = garmin.select(
        "file_sha256",
        pl.col("set_index").cast(pl.Int32),
        pl.col("set_type").alias("g_set_type"),
        pl.col("start_time_utc").cast(pl.Datetime("us")).alias("g_start"),
        pl.col("duration_s").cast(pl.Float64).alias("g_duration"),
        pl.col("exercise_category").alias("g_category"),
        pl.col("exercise_name").alias("g_name"),
        pl.col("repetitions").cast(pl.Int32).alias("g_reps"),
        pl.col("weight_kg").cast(pl.Float64).alias("g_weight"),
        pl.lit(True).alias("g_present"),
    ).filter(pl.col("file_sha256").is_not_null())
    both = watch.join(g, on=["file_sha256", "set_index"], how="full", coalesce=True)
    present = pl.col("g_present").fill_null(False)
    return both.with_columns(
        pl.when(present).then(pl.col("g_set_type")).otherwise(pl.col("set_type")).alias("set_type"),
        pl.coalesce("start_time_utc", "g_start").alias("start_time_utc"),
        pl.coalesce("duration_s", "g_duration").alias("duration_s"),
        pl.when(present)
        .then(pl.col("g_category"))
        .otherwise(pl.col("watch_exercise_category"))
        .alias("exercise_category"),
        pl.when(present)
        .then(pl.col("g_name"))
        .otherwise(pl.col("watch_exercise_name"))
        .alias("exercise_name"),
        pl.when(present)
        .then(pl.col("g_reps"))
        .otherwise(pl.col("watch_reps"))
        .alias("repetitions"),
        pl.when(present)
        .then(pl.col("g_weight"))
        .otherwise(pl.col("watch_weight_kg"))
        .alias("weight_kg"),
        pl.when(present)
        .then(pl.lit("garmin_connect"))
        .otherwise(pl.lit("watch"))
        .alias("names_source"),
    ).drop([c for c in g.columns if c.startswith("g_")])


def lift_sets(
    sets: pl.DataFrame,
    lift_activities: pl.DataFrame,
    athlete: str,
    policy: ModelPolicy = DEFAULT_POLICY,
) -> pl.DataFrame:
    """The lift_sets mart: active sets of lifting sessions.

    `sets`: `merge_garmin` output with activity_id (`assign_to_sessions`); `lift_activities`:
    the localized lifting activities (activity_id, local_date).
    """
    frame = sets.filter(pl.col("set_type") == "active").join(
        lift_activities.select("activity_id", "local_date"), on="activity_id", how="inner"
    )
    if frame.is_empty():
        return pl.DataFrame(schema=LIFT_SETS_SCHEMA)
    region = pl.col("exercise_category").replace_strict(BODY_REGION, default=None)
    weight = pl.col("weight_kg")
    reps = pl.col("repetitions")
    frame = frame.sort("activity_id", "start_time_utc", "set_index").with_columns(
        region.alias("body_region"),
        (pl.col("exercise_category").fill_null("") != "warm_up").alias("is_working"),
        (
            pl.col("start_time_utc").shift(-1).over("activity_id")
            - pl.col("start_time_utc")
            - pl.duration(seconds=pl.col("duration_s").fill_null(0.0))
        )
        .dt.total_seconds(fractional=True)
        .clip(lower_bound=0.0)
        .alias("rest_after_s"),
        epley_e1rm(weight, reps, policy.epley_max_reps).alias("e1rm_kg"),
        (reps.fill_null(0) * weight.fill_null(0.0)).cast(pl.Float64).alias("volume_kg"),
    )
    frame = frame.with_columns(
        pl.when(pl.col("is_working"))
        .then(pl.col("is_working").cast(pl.Int32).cum_sum().over("activity_id"))
        .alias("set_number"),
        pl.coalesce("exercise_name", "exercise_category").alias("__exercise"),
    )
    best = (
        frame.filter(pl.col("__exercise").is_not_null() & pl.col("e1rm_kg").is_not_null())
        .group_by("__exercise", "local_date")
        .agg(pl.col("e1rm_kg").max().alias("__best_day"))
        .sort("__exercise", "local_date")
        .with_columns(
            pl.col("__best_day")
            .rolling_max_by("local_date", window_size=f"{policy.relative_load_window_days}d")
            .over("__exercise")
            .alias("__best")
        )
    )
    # the best e1RM of the exercise as of the session's day (the window's maximum on the
    # latest earlier-or-same day that had one; none when that day is outside the window)
    frame = frame.with_columns(pl.lit(None, pl.Float64).alias("__best"))
    if not best.is_empty():
        frame = (
            frame.drop("__best")
            .sort("local_date")
            .join_asof(
                best.select("__exercise", pl.col("local_date").alias("__d"), "__best").sort("__d"),
                left_on="local_date",
                right_on="__d",
                by="__exercise",
                strategy="backward",
                check_sortedness=False,
            )
            .with_columns(
                pl.when(
                    pl.col("local_date") - pl.col("__d")
                    < pl.duration(days=policy.relative_load_window_days)
                )
                .then(pl.col("__best"))
                .alias("__best")
            )
        )
    frame = frame.with_columns(
        pl.when((weight > 0) & (pl.col("__best") > 0))
        .then(weight / pl.col("__best"))
        .alias("relative_load"),
        pl.lit(athlete).alias("athlete"),
        pl.col("repetitions").alias("reps"),
    )
    return frame.select([pl.col(c).cast(t) for c, t in LIFT_SETS_SCHEMA.items()]).sort(
        "activity_id", "set_index"
    )


def lift_sessions(
    lift_activities: pl.DataFrame,
    sets: pl.DataFrame,
    policy: ModelPolicy = DEFAULT_POLICY,
) -> pl.DataFrame:
    """The lift_sessions mart from the localized lifting activities and the lift_sets mart.

    `lift_activities` carries the kind columns (detected_from, kind_reason) and avg/max HR.
    """
    if lift_activities.is_empty():
        return pl.DataFrame(schema=LIFT_SESSIONS_SCHEMA)
    working = sets.filter(pl.col("is_working"))
    region = pl.col("body_region")
    per_session = working.group_by("activity_id").agg(
        pl.len().cast(pl.Int32).alias("n_sets"),
        pl.col("reps").sum().cast(pl.Int32).alias("n_reps"),
        pl.col("volume_kg").sum().alias("volume_kg"),
        *[(region == r).sum().cast(pl.Int32).alias(f"{r}_sets") for r in REGIONS],
        region.is_not_null().sum().cast(pl.Int32).alias("__known"),
        region.is_in(list(LEG_REGIONS)).sum().cast(pl.Int32).alias("__legs"),
        pl.col("exercise_category")
        .filter(region.is_in(list(LEG_REGIONS)))
        .unique(maintain_order=True)
        .head(3)
        .alias("__leg_categories"),
        pl.col("relative_load").max().alias("heaviest_relative_load"),
        pl.col("e1rm_kg").max().alias("top_e1rm_kg"),
        pl.col("rest_after_s").mean().alias("avg_rest_s"),
        pl.col("names_source").unique().alias("__sources"),
    )
    frame = lift_activities.join(per_session, on="activity_id", how="left").with_columns(
        pl.col("n_sets").fill_null(0),
        pl.col("n_reps").fill_null(0),
        pl.col("volume_kg").fill_null(0.0),
        *[pl.col(f"{r}_sets").fill_null(0) for r in REGIONS],
        pl.col("__known").fill_null(0),
        pl.col("__legs").fill_null(0),
    )
    known, legs = pl.col("__known"), pl.col("__legs")
    enough = (legs >= policy.lower_body_share * known) & (legs >= policy.lower_body_min_sets)
    leg_names = pl.col("__leg_categories").list.join(", ")
    frame = frame.with_columns(
        pl.when(known == 0).then(None).otherwise(enough).alias("lower_body"),
        pl.when(known == 0)
        .then(pl.lit("no working sets with a known exercise"))
        .when(enough)
        .then(pl.format("{} of {} working sets load the legs ({})", legs, known, leg_names))
        .otherwise(pl.format("only {} of {} working sets load the legs", legs, known))
        .alias("lower_body_reason"),
        (pl.coalesce("timer_s", "elapsed_s") / 60.0).alias("minutes"),
        pl.col("kind_reason").alias("detection_reason"),
        pl.when(pl.col("__sources").list.len() > 1)
        .then(pl.lit("mixed"))
        .otherwise(pl.col("__sources").list.first())
        .alias("names_source"),
    )
    return frame.select([pl.col(c).cast(t) for c, t in LIFT_SESSIONS_SCHEMA.items()]).sort(
        "start_time_utc", "activity_id"
    )
