"""Every activity on the athlete's calendar, and what kind of training it was (pure).

Kinds, decided in this order (a lifting session needs two pieces of evidence):

1. ``run``: FIT sport running (any sub-sport: road, trail, treadmill, track).
2. ``cross_training``: sub-sports that are not lifting even when they carry set messages
   (yoga, pilates, flexibility, breathing, HIIT, cardio, warm-up, machines).
3. ``lift`` from **sets**: ≥ 2 active sets with reps, a weight or a strength exercise category,
   in a training / fitness-equipment / generic session.
4. ``lift`` from **sport and heart rate**: sub-sport strength_training without usable sets, whose
   heart rate rises and falls like sets and rests (≥ 3 swings of ≥ 12 bpm, ≥ 1 per 10 min);
   without any heart rate, the sport alone (``detected_from = 'sport'``). A strength session
   with a steady heart rate and no sets is kept as cross-training, not counted as lifting.
5. ``cross_training``: everything else (cycling, swimming, walking, climbing, …), its sport
   kept in ``kind_detail``.
"""

from __future__ import annotations

import polars as pl

from runlift_sync.model.athlete_profile import AthleteProfile
from runlift_sync.model.localtime import localize, week_columns
from runlift_sync.model.model_policy import DEFAULT_POLICY, ModelPolicy

NOT_LIFTING_SUB_SPORTS = (
    "yoga",
    "pilates",
    "flexibility_training",
    "breathing",
    "hiit",
    "cardio_training",
    "warm_up",
    "elliptical",
    "stair_climbing",
    "indoor_rowing",
    "indoor_climbing",
    "bouldering",
)
LIFT_SPORTS = ("training", "fitness_equipment", "generic")
NOT_STRENGTH_CATEGORIES = ("warm_up", "pose", "move", "cardio_sensors", "unknown")

ACTIVITY_KEY_SCHEMA: dict[str, pl.DataType] = {
    "athlete": pl.String(),
    "activity_id": pl.String(),
    "file_sha256": pl.String(),
    "start_time_utc": pl.Datetime("us"),
    "start_time_local": pl.Datetime("us"),
    "local_time_source": pl.String(),
    "local_date": pl.Date(),
    "iso_year": pl.Int32(),
    "iso_week": pl.Int32(),
    "week_start": pl.Date(),
    "sub_sport": pl.String(),
}
"""The leading columns of every per-activity mart (runs, lift_sessions): who, which file,
when in UTC and on the athlete's wall clock, and the sub-sport."""

KIND_SCHEMA: dict[str, pl.DataType] = {
    "activity_id": pl.String(),
    "kind": pl.String(),
    "kind_detail": pl.String(),
    "kind_reason": pl.String(),
    "detected_from": pl.String(),
}


def localize_activities(
    activities: pl.DataFrame, profile: AthleteProfile, reference: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Add start_time_local, local_time_source, local_date, iso_year, iso_week, week_start."""
    local = localize(
        activities,
        utc="start_time_utc",
        offset="utc_offset_s",
        out="start_time_local",
        timezone=profile.timezone.value,
        reference=reference,
        source="local_time_source",
    )
    return local.with_columns(
        pl.col("start_time_local").dt.date().alias("local_date")
    ).with_columns(week_columns("local_date"))


def assign_to_sessions(
    items: pl.DataFrame, activities: pl.DataFrame, *, at: str = "start_time_utc"
) -> pl.DataFrame:
    """Give each row (file_sha256, `at`) the activity_id of its session in that file.

    A row belongs to the session whose [start − 5 s, start + elapsed + 5 s] holds `at`; in a
    file with a single session, every row belongs to it. Rows that fit no session are dropped.
    """
    sessions = activities.select(
        "activity_id",
        "file_sha256",
        pl.col("start_time_utc").alias("__start"),
        (
            pl.col("start_time_utc")
            + pl.duration(seconds=pl.coalesce("elapsed_s", "timer_s").fill_null(0.0))
        ).alias("__end"),
        pl.len().over("file_sha256").alias("__n"),
    )
    joined = items.drop("activity_id", strict=False).join(sessions, on="file_sha256", how="inner")
    margin = pl.duration(seconds=5)
    inside = (pl.col(at) >= pl.col("__start") - margin) & (pl.col(at) <= pl.col("__end") + margin)
    keep = joined.filter((pl.col("__n") == 1) | inside.fill_null(False))
    # a row on the boundary of two sessions goes to the later one
    keep = keep.sort("__start", descending=True).unique(
        subset=[c for c in items.columns if c != "activity_id"], keep="first", maintain_order=True
    )
    return keep.drop("__start", "__end", "__n")


def set_summary(sets: pl.DataFrame) -> pl.DataFrame:
    """Per activity: active sets, strength sets (reps, weight or a strength category), categories.

    `sets`: activity_id, set_type, repetitions, weight_kg, exercise_category (resolved).
    """
    active = sets.filter(pl.col("set_type") == "active")
    category = pl.col("exercise_category")
    strength = (
        (pl.col("repetitions").fill_null(0) > 0)
        | (pl.col("weight_kg").fill_null(0) > 0)
        | (category.is_not_null() & ~category.is_in(list(NOT_STRENGTH_CATEGORIES)))
    )
    counts = active.group_by("activity_id").agg(
        pl.len().cast(pl.Int32).alias("n_active_sets"),
        strength.sum().cast(pl.Int32).alias("n_strength_sets"),
    )
    top = (
        active.filter(category.is_not_null() & ~category.is_in(list(NOT_STRENGTH_CATEGORIES)))
        .group_by("activity_id", "exercise_category")
        .agg(pl.len().alias("n"))
        .sort(["activity_id", "n", "exercise_category"], descending=[False, True, False])
        .group_by("activity_id", maintain_order=True)
        .agg(pl.col("exercise_category").head(3).alias("top_categories"))
    )
    return counts.join(top, on="activity_id", how="left")


def _kind_row(r: dict, policy: ModelPolicy) -> tuple[str, str, str, str | None]:
    sport, sub = r["sport"] or "unknown", r["sub_sport"]
    detail = sport if sub in (None, "generic") else f"{sport}/{sub}"
    n_sets, n_strength = r["n_active_sets"] or 0, r["n_strength_sets"] or 0
    if sport == "running":
        return "run", detail, "FIT sport running", None
    if sub in NOT_LIFTING_SUB_SPORTS:
        why = f"{sub} is not lifting"
        if n_sets:
            why += f" (its {n_sets} set messages are not lifting sets)"
        return "cross_training", detail, why, None
    if n_strength >= 2 and sport in LIFT_SPORTS:
        top = ", ".join(r["top_categories"] or []) or "exercises not named"
        return "lift", detail, f"{n_strength} strength sets ({top})", "sets"
    if sub == "strength_training":
        timer = r["timer_s"] or 0.0
        hr_s = r["hr_s"] or 0.0
        swings = r["hr_swings"] or 0
        has_hr = hr_s >= 60 and hr_s >= policy.hr_coverage_min * timer
        if not has_hr:
            return (
                "lift",
                detail,
                "strength-training sport; no sets or heart rate to confirm",
                "sport",
            )
        per_10 = swings / (hr_s / 600.0) if hr_s else 0.0
        if swings >= policy.min_hr_swings and per_10 >= policy.hr_swings_per_10min:
            why = (
                f"strength-training sport without sets; heart rate rose and fell {swings} times "
                f"({per_10:.1f} per 10 min): sets and rests"
            )
            return "lift", detail, why, "sport_and_hr"
        why = (
            f"strength-training sport but no sets and a steady heart rate ({swings} swings): "
            "not counted as lifting"
        )
        return "cross_training", detail, why, None
    return "cross_training", detail, f"{detail}: other training", None


def activity_kinds(
    activities: pl.DataFrame,
    sets: pl.DataFrame,
    features: pl.DataFrame,
    policy: ModelPolicy = DEFAULT_POLICY,
) -> pl.DataFrame:
    """One row per activity: kind (run, lift, cross_training), detail, reason, detected_from."""
    if activities.is_empty():
        return pl.DataFrame(schema=KIND_SCHEMA)
    frame = (
        activities.select("activity_id", "sport", "sub_sport", "timer_s")
        .join(set_summary(sets), on="activity_id", how="left")
        .join(features.select("activity_id", "hr_s", "hr_swings"), on="activity_id", how="left")
    )
    rows = [(r["activity_id"], *_kind_row(r, policy)) for r in frame.to_dicts()]
    return pl.DataFrame(rows, schema=KIND_SCHEMA, orient="row")
