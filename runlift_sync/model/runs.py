"""The `runs` mart: one row per running activity, classified easy/hard with the reason (pure).

Intensity (thresholds in `ModelPolicy`; VT1 = the easy ceiling, LTHR = threshold HR):

- with heart rate (HR covers ≥ 50 % of the timer time), a run is **hard** when
  (1) ≥ 5 min at or above LTHR, or (2) ≥ 15 min and ≥ 25 % of its HR time above VT1, or
  ≥ 30 min above VT1, or (3) it has interval structure — ≥ 2 work laps of a workout with rest
  laps, ≥ 3 alternating fast laps, or ≥ 4 surges in the record stream at ≥ 4 per hour — and
  the work reached VT1 (lap max HR; for surges ≥ 5 min above VT1). Moderate (between VT1 and LTHR) counts as hard.
- without heart rate, by pace against the athlete's **easy pace** (median pace of the runs
  of type easy or long classified by HR in the 42 days before; else of all runs in that
  window; else of the last 10 earlier runs; at least 3): hard when work laps are ≥ 10 % faster, or the whole run is
  ≥ 12 % faster for ≥ 15 min; the reason says "no heart rate". With no reference yet, an
  interval workout counts as hard and anything else as easy, and the reason says so.

Run type, in this order: **intervals** (hard with interval structure), **tempo** (any other
hard run), **long** (`is_long`), **recovery** (easy, ≤ 50 min, average HR below Friel Z2 =
85 % LTHR and ≥ 5 % slower than easy pace — either condition alone when the other cannot be
measured), **easy**. A hard long run is therefore `tempo` with `is_long` true.

`is_long`: ≥ 90 min, or ≥ 1.35 × the median distance of the athlete's runs in the 28 days
before it (at least 3 of them) and ≥ 45 min — long relative to what the athlete usually runs.

Cardiac drift (steady runs only — no work laps, no repeated surges, run type easy, long or
recovery, ≥ 20 min after a 10-min warm-up): ``decoupling_pct`` = Pa:HR decoupling, the drop of
speed/HR from the first to the second half, in %; ``hr_drift_pct`` = the rise of HR.
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import polars as pl

from runlift_sync.model.activities import ACTIVITY_KEY_SCHEMA
from runlift_sync.model.athlete_profile import AthleteProfile
from runlift_sync.model.hr import ZONE_COLUMNS, histogram_metrics
from runlift_sync.model.model_policy import DEFAULT_POLICY, ModelPolicy
from runlift_sync.model.structure import STRUCTURE_SCHEMA

RUNNING_SPORTS = ("running",)

RUNS_SCHEMA: dict[str, pl.DataType] = {
    **ACTIVITY_KEY_SCHEMA,
    "distance_m": pl.Float64(),
    "timer_s": pl.Float64(),
    "elapsed_s": pl.Float64(),
    "avg_speed_mps": pl.Float64(),
    "pace_s_per_km": pl.Float64(),
    "avg_hr": pl.Float64(),
    "max_hr": pl.Float64(),
    "has_hr": pl.Boolean(),
    "hr_s": pl.Float64(),
    **dict.fromkeys(ZONE_COLUMNS, pl.Float64()),
    "above_vt1_s": pl.Float64(),
    "hard_time_s": pl.Float64(),
    "structure": pl.String(),
    "n_work_laps": pl.Int32(),
    "n_rest_laps": pl.Int32(),
    "work_s": pl.Float64(),
    "n_surges": pl.Int32(),
    "intensity": pl.String(),
    "intensity_reason": pl.String(),
    "intensity_basis": pl.String(),
    "easy_pace_s_per_km": pl.Float64(),
    "run_type": pl.String(),
    "is_long": pl.Boolean(),
    "long_reason": pl.String(),
    "decoupling_pct": pl.Float64(),
    "hr_drift_pct": pl.Float64(),
    "trimp": pl.Float64(),
    "status": pl.String(),
}


def pace_text(speed_mps: float | None) -> str:
    """m/s as min:ss per km."""
    if not speed_mps or speed_mps <= 0:
        return "?"
    seconds = round(1000.0 / speed_mps)
    return f"{seconds // 60}:{seconds % 60:02d}/km"


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.0f} min"


@dataclass(frozen=True)
class _Prior:
    """Earlier runs, sorted by start: what a run is compared with."""

    starts: list[datetime]
    distances: list[float]
    speeds: list[float | None]
    hr_easy: list[bool]


def _window(prior: _Prior, start: datetime, days: int) -> range:
    lo = bisect.bisect_left(prior.starts, start - timedelta(days=days))
    hi = bisect.bisect_left(prior.starts, start)
    return range(lo, hi)


def easy_reference_speed(
    prior: _Prior, start: datetime, policy: ModelPolicy
) -> tuple[float | None, str]:
    """Median speed of earlier easy runs: easy/long by HR in the window, else all runs in it,
    else the last 10 earlier runs."""
    window = _window(prior, start, policy.easy_pace_window_days)
    easy = [prior.speeds[i] for i in window if prior.hr_easy[i] and prior.speeds[i]]
    if len(easy) >= policy.easy_pace_min_runs:
        return statistics.median(easy), "HR-easy runs"  # type: ignore[type-var]
    every = [prior.speeds[i] for i in window if prior.speeds[i]]
    if len(every) >= policy.easy_pace_min_runs:
        return statistics.median(every), "runs"  # type: ignore[type-var]
    earlier = [s for s in prior.speeds[: window.stop][-10:] if s]
    if len(earlier) >= policy.easy_pace_min_runs:
        return statistics.median(earlier), "earlier runs"  # type: ignore[type-var]
    return None, ""


def long_rule(
    prior: _Prior, start: datetime, distance_m: float, timer_s: float, policy: ModelPolicy
) -> tuple[bool, str | None]:
    """Whether a run is long, and why."""
    if timer_s >= policy.long_min_s:
        return True, f"{_minutes(timer_s)} ≥ {_minutes(policy.long_min_s)}"
    window = _window(prior, start, policy.long_window_days)
    distances = [prior.distances[i] for i in window if prior.distances[i] > 0]
    if len(distances) < policy.long_min_runs or timer_s < policy.long_ratio_min_s:
        return False, None
    median = statistics.median(distances)
    if median > 0 and distance_m >= policy.long_distance_ratio * median:
        return True, (
            f"{distance_m / 1000:.1f} km = {distance_m / median:.1f} × the median run of the "
            f"{policy.long_window_days} days before ({median / 1000:.1f} km)"
        )
    return False, None


def _surging(r: dict[str, Any], policy: ModelPolicy) -> bool:
    """Repeated surges: ≥ 4, at ≥ 4 per hour of moving time."""
    n = r["n_surges"] or 0
    hours = (r["moving_s"] or r["timer_s"] or 0.0) / 3600.0
    return n >= policy.min_surges and hours > 0 and n / hours >= policy.min_surges_per_hour


def _hr_intensity(
    r: dict[str, Any], profile: AthleteProfile, policy: ModelPolicy
) -> tuple[str, str, str, bool]:
    """(intensity, reason, basis, interval_structure) from heart rate and structure."""
    zones = profile.zones
    lthr, vt1 = zones.vt2, zones.vt1
    hr_s = r["hr_s"] or 0.0
    above_lthr = r["above_lthr_s"] or 0.0
    above_vt1 = r["above_vt1_s"] or 0.0
    share = above_vt1 / hr_s if hr_s else 0.0
    n_work = r["n_work_laps"] or 0
    structure = r["structure"]
    laps_intervals = structure in ("workout_intervals", "alternating_laps") and n_work >= (
        policy.min_work_laps if structure == "workout_intervals" else policy.min_alternating_laps
    )
    surges = _surging(r, policy)
    work_hr = r["work_max_hr"] if r["work_max_hr"] is not None else r["work_avg_hr"]
    in_laps = f" in {n_work} work laps" if laps_intervals else ""
    if above_lthr >= policy.hard_above_threshold_s:
        reason = f"{_minutes(above_lthr)} above threshold HR ({lthr} bpm){in_laps}"
        if not in_laps and surges:
            reason += f" over {r['n_surges']} surges"
        return "hard", reason, "heart_rate", laps_intervals or surges
    if (above_vt1 >= policy.hard_above_vt1_s and share >= policy.hard_above_vt1_share) or (
        above_vt1 >= policy.hard_above_vt1_any_s
    ):
        reason = f"{_minutes(above_vt1)} ({share:.0%}) above the easy ceiling (VT1 {vt1} bpm)"
        return "hard", reason + in_laps, "heart_rate", laps_intervals or surges
    if laps_intervals and work_hr is not None and work_hr >= vt1:
        reason = (
            f"{n_work} work laps ({_minutes(r['work_s'] or 0.0)}) reaching {work_hr:.0f} bpm, "
            f"above the easy ceiling (VT1 {vt1} bpm)"
        )
        return "hard", reason, "structure", True
    if (
        structure == "workout_continuous"
        and (r["work_s"] or 0.0) >= policy.tempo_min_work_s
        and r["work_avg_hr"] is not None
        and r["work_avg_hr"] >= vt1
    ):
        reason = (
            f"a {_minutes(r['work_s'])} tempo block (workout step) at {r['work_avg_hr']:.0f} bpm, "
            f"above the easy ceiling (VT1 {vt1} bpm)"
        )
        return "hard", reason, "structure", False
    if surges and above_vt1 >= policy.hard_above_threshold_s:
        reason = (
            f"{r['n_surges']} surges in the record stream with {_minutes(above_vt1)} above "
            f"the easy ceiling (VT1 {vt1} bpm)"
        )
        return "hard", reason, "structure", True
    below = 1.0 - share
    reason = f"{below:.0%} of the time below the easy ceiling (VT1 {vt1} bpm)"
    if above_vt1 >= 60:
        reason += f"; {_minutes(above_vt1)} above it"
    return "easy", reason, "heart_rate", False


def _pace_intensity(
    r: dict[str, Any], ref_speed: float | None, policy: ModelPolicy
) -> tuple[str, str, str, bool]:
    """(intensity, reason, basis, interval_structure) from pace, for runs without HR."""
    n_work = r["n_work_laps"] or 0
    structure = r["structure"]
    intervals = structure in ("workout_intervals", "alternating_laps") and n_work >= (
        policy.min_work_laps if structure == "workout_intervals" else policy.min_alternating_laps
    )
    work_speed = (
        r["work_distance_m"] / r["work_s"]
        if r["work_s"] and r["work_distance_m"] and n_work
        else None
    )
    speed = r["avg_speed_mps"]
    if ref_speed is None:
        if intervals:
            return (
                "hard",
                f"no heart rate: interval workout with {n_work} work laps "
                "(no easy-pace reference yet)",
                "structure",
                True,
            )
        return (
            "easy",
            "no heart rate and no easy-pace reference yet (fewer than 3 earlier runs): "
            "counted as easy",
            "none",
            False,
        )
    ref = pace_text(ref_speed)
    if work_speed and work_speed >= policy.pace_work_ratio * ref_speed and n_work >= 1:
        faster = work_speed / ref_speed - 1.0
        reason = (
            f"no heart rate: {n_work} work laps at {pace_text(work_speed)}, {faster:.0%} faster "
            f"than easy pace ({ref})"
        )
        return "hard", reason, "pace", intervals
    if (
        speed
        and speed >= policy.pace_hard_ratio * ref_speed
        and (r["timer_s"] or 0) >= policy.pace_hard_min_s
    ):
        faster = speed / ref_speed - 1.0
        reason = (
            f"no heart rate: {pace_text(speed)} over {_minutes(r['timer_s'])}, {faster:.0%} "
            f"faster than easy pace ({ref})"
        )
        return "hard", reason, "pace", intervals or _surging(r, policy)
    if not speed:
        return "easy", "no heart rate and no distance: counted as easy", "none", False
    reason = f"no heart rate: {pace_text(speed)}, close to easy pace ({ref})"
    return "easy", reason, "pace", False


def _run_type(
    r: dict[str, Any],
    intensity: str,
    intervals: bool,
    is_long: bool,
    ref_speed: float | None,
    profile: AthleteProfile,
    policy: ModelPolicy,
) -> str:
    if intensity == "hard":
        return "intervals" if intervals else "tempo"
    if is_long:
        return "long"
    if (r["timer_s"] or 0) > policy.recovery_max_s:
        return "easy"
    checks: list[bool] = []
    if r["has_hr"] and r["avg_hr"] is not None:
        checks.append(r["avg_hr"] < profile.zones.z5_from[0])
    if ref_speed is not None and r["avg_speed_mps"]:
        checks.append(r["avg_speed_mps"] <= policy.recovery_pace_ratio * ref_speed)
    return "recovery" if checks and all(checks) else "easy"


def _drift(r: dict[str, Any], run_type: str, policy: ModelPolicy) -> tuple[float | None, ...]:
    steady = (
        run_type in ("easy", "long", "recovery")
        and r["structure"] is None
        and not _surging(r, policy)
        and r["drift_s"] is not None
    )
    hr1, hr2 = r["first_half_hr"], r["second_half_hr"]
    s1, s2 = r["first_half_speed_mps"], r["second_half_speed_mps"]
    if not steady or not (hr1 and hr2 and s1 and s2):
        return None, None
    ef1, ef2 = s1 / hr1, s2 / hr2
    return (ef1 - ef2) / ef1 * 100.0, (hr2 - hr1) / hr1 * 100.0


def classify(
    rows: Sequence[dict[str, Any]], profile: AthleteProfile, policy: ModelPolicy
) -> list[dict[str, Any]]:
    """Classify runs in start order (each compared with the runs before it)."""
    prior = _Prior([], [], [], [])
    out: list[dict[str, Any]] = []
    for r in rows:
        start: datetime = r["start_time_utc"]
        ref_speed, _ = easy_reference_speed(prior, start, policy)
        if r["has_hr"]:
            intensity, reason, basis, intervals = _hr_intensity(r, profile, policy)
        else:
            intensity, reason, basis, intervals = _pace_intensity(r, ref_speed, policy)
        is_long, long_reason = long_rule(
            prior, start, r["distance_m"] or 0.0, r["timer_s"] or 0.0, policy
        )
        run_type = _run_type(r, intensity, intervals, is_long, ref_speed, profile, policy)
        decoupling, drift = _drift(r, run_type, policy)
        out.append(
            {
                "activity_id": r["activity_id"],
                "intensity": intensity,
                "intensity_reason": reason,
                "intensity_basis": basis,
                "easy_pace_s_per_km": 1000.0 / ref_speed if ref_speed else None,
                "run_type": run_type,
                "is_long": is_long,
                "long_reason": long_reason,
                "decoupling_pct": decoupling,
                "hr_drift_pct": drift,
            }
        )
        position = bisect.bisect_right(prior.starts, start)
        prior.starts.insert(position, start)
        prior.distances.insert(position, r["distance_m"] or 0.0)
        prior.speeds.insert(position, r["avg_speed_mps"])
        prior.hr_easy.insert(
            position, bool(r["has_hr"]) and intensity == "easy" and run_type in ("easy", "long")
        )
    return out


def runs(
    activities: pl.DataFrame,
    features: pl.DataFrame,
    structure: pl.DataFrame,
    profile: AthleteProfile,
    policy: ModelPolicy = DEFAULT_POLICY,
) -> pl.DataFrame:
    """The runs mart for one athlete.

    `activities`: localized activities (see `activities.localize_activities`); `features`:
    activity features; `structure`: `structure.lap_structure` of the laps.
    """
    base = activities.filter(pl.col("sport").is_in(list(RUNNING_SPORTS)))
    if base.is_empty():
        return pl.DataFrame(schema=RUNS_SCHEMA)
    metrics = histogram_metrics(features, profile)
    feats = features.select(
        "activity_id",
        "hr_s",
        "n_surges",
        "moving_s",
        "drift_s",
        "first_half_hr",
        "second_half_hr",
        "first_half_speed_mps",
        "second_half_speed_mps",
    )
    frame = (
        base.join(feats, on="activity_id", how="left")
        .join(metrics, on="activity_id", how="left")
        .join(structure.select(list(STRUCTURE_SCHEMA)), on="activity_id", how="left")
        .with_columns(
            pl.coalesce("timer_s", "elapsed_s").cast(pl.Float64).alias("timer_s"),
            pl.col("hr_s").fill_null(0.0),
            pl.col("n_surges").fill_null(0),
            pl.col("n_work_laps").fill_null(0),
            pl.col("n_rest_laps").fill_null(0),
            pl.col("work_s").fill_null(0.0),
        )
        .with_columns(
            pl.when(pl.col("timer_s") > 0)
            .then(pl.col("distance_m") / pl.col("timer_s"))
            .alias("avg_speed_mps"),
            (
                (pl.col("hr_s") >= 60)
                & (pl.col("hr_s") >= profile.policy.hr_coverage_min * pl.col("timer_s"))
            ).alias("has_hr"),
            (pl.col("vt1_to_lthr_s") + pl.col("above_lthr_s")).alias("above_vt1_s"),
            pl.col("avg_hr").cast(pl.Float64),
            pl.col("max_hr").cast(pl.Float64),
        )
        .with_columns(
            pl.when(pl.col("avg_speed_mps") > 0)
            .then(1000.0 / pl.col("avg_speed_mps"))
            .alias("pace_s_per_km")
        )
        .sort("start_time_utc", "activity_id")
    )
    classified = pl.DataFrame(
        classify(frame.to_dicts(), profile, policy),
        schema={
            "activity_id": pl.String,
            "intensity": pl.String,
            "intensity_reason": pl.String,
            "intensity_basis": pl.String,
            "easy_pace_s_per_km": pl.Float64,
            "run_type": pl.String,
            "is_long": pl.Boolean,
            "long_reason": pl.String,
            "decoupling_pct": pl.Float64,
            "hr_drift_pct": pl.Float64,
        },
    )
    result = frame.join(classified, on="activity_id", how="left").with_columns(
        hard_time_expr().alias("hard_time_s")
    )
    return result.select([pl.col(c).cast(t) for c, t in RUNS_SCHEMA.items()])


def hard_time_expr() -> pl.Expr:
    """Seconds of a run counted as hard time (80/20 by time): with heart rate, the time above
    VT1; without, the work laps of a hard run (the whole run when it has none: a continuous
    hard effort), and nothing of an easy run."""
    work = pl.col("work_s").fill_null(0.0)
    return (
        pl.when(pl.col("has_hr"))
        .then(pl.col("above_vt1_s").fill_null(0.0))
        .when(pl.col("intensity") != "hard")
        .then(0.0)
        .when((pl.col("n_work_laps").fill_null(0) > 0) & (work > 0))
        .then(work)
        .otherwise(pl.col("timer_s").fill_null(0.0))
    )
