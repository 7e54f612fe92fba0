"""The athlete's landmarks for workout targets, read from the marts before the week.

Heart rate comes from `athlete_profile` (LTHR, VT1, max, the zone floors, each with its
source). Paces come from what the athlete ran in the `EFFORT_WINDOW_DAYS` before the week:
the easy pace is the median pace of the easy runs (the model's own definition); the recent
efforts are laps of hard runs — interval pace from the fast laps of 1–10 minutes, tempo pace
from the laps of 5 minutes or more between VT1 and threshold heart rate. Too few of either:
no pace target of that kind (the watch then works by heart rate). e1RMs come from
`lift_sets` over the coach's own window; the % 1RM a plan asks for from the plan file the
week was built from.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

import duckdb

from rules import load_policy, parse_plan
from runlift_sync.errors import ConfigError
from runlift_sync.push.structured_workout import LiftLandmarks, RunLandmarks

EFFORT_WINDOW_DAYS = 42
MIN_RUNS = 3
"""At least this many easy runs, or efforts of a kind, to set a pace from them."""
INTERVAL_LAP_S = (60.0, 600.0)
TEMPO_LAP_MIN_S = 300.0
FAST_LAP_SPEEDUP = 1.08
"""A lap counts as an interval effort when at least this much faster than the easy pace."""
TEMPO_LAP_SPEEDUP = 1.03


@dataclass(frozen=True)
class EffortLap:
    """One lap of a recent hard run: its type, duration, speed and heart rate."""

    run_type: str | None
    timer_s: float
    speed_mps: float
    avg_hr: float | None


def _median_pace(speeds: list[float]) -> float | None:
    if len(speeds) < MIN_RUNS:
        return None
    return 1000.0 / statistics.median(speeds)


def effort_paces(
    laps: list[EffortLap],
    easy_pace_s_per_km: float | None,
    vt1_bpm: int | None,
    lthr_bpm: int | None,
) -> tuple[float | None, float | None]:
    """(tempo pace, interval pace) in s/km from the laps of recent hard runs."""
    if easy_pace_s_per_km is None:
        return None, None
    easy_speed = 1000.0 / easy_pace_s_per_km
    fast = [
        lap.speed_mps
        for lap in laps
        if INTERVAL_LAP_S[0] <= lap.timer_s <= INTERVAL_LAP_S[1]
        and lap.speed_mps >= easy_speed * FAST_LAP_SPEEDUP
        and lap.run_type == "intervals"
    ]

    def tempo_hr(lap: EffortLap) -> bool:
        if lap.avg_hr is None or vt1_bpm is None or lthr_bpm is None:
            return lap.run_type == "tempo"
        return vt1_bpm <= lap.avg_hr <= lthr_bpm

    steady = [
        lap.speed_mps
        for lap in laps
        if lap.timer_s >= TEMPO_LAP_MIN_S
        and lap.speed_mps >= easy_speed * TEMPO_LAP_SPEEDUP
        and tempo_hr(lap)
    ]
    return _median_pace(steady), _median_pace(fast)


def _profile(con: duckdb.DuckDBPyConnection, athlete: str) -> dict[str, object]:
    try:
        cursor = con.execute(
            "SELECT hr_threshold, vt1_hr, hr_max, zone2_from_hr, zone4_from_hr, "
            "hr_threshold_source, hr_max_source FROM athlete_profile WHERE athlete = ?",
            [athlete],
        )
    except duckdb.CatalogException:  # the model was never built
        return {}
    row = cursor.fetchone()
    if row is None:
        return {}
    names = [d[0] for d in cursor.description or []]
    return dict(zip(names, row, strict=True))


def run_landmarks(
    con: duckdb.DuckDBPyConnection, athlete: str, week_start: dt.date
) -> RunLandmarks:
    """Heart-rate landmarks and paces in force for the week starting `week_start`."""
    profile = _profile(con, athlete)
    begin = week_start - dt.timedelta(days=EFFORT_WINDOW_DAYS)
    try:
        easy = [
            r[0]
            for r in con.execute(
                "SELECT avg_speed_mps FROM runs WHERE athlete = ? AND local_date >= ? "
                "AND local_date < ? AND intensity = 'easy' AND avg_speed_mps > 0",
                [athlete, begin, week_start],
            ).fetchall()
        ]
        laps = [
            EffortLap(*row)
            for row in con.execute(
                "SELECT r.run_type, l.timer_s, l.avg_speed_mps, l.avg_hr "
                "FROM runs r JOIN stg_laps l USING (athlete, file_sha256) "
                "WHERE r.athlete = ? AND r.local_date >= ? AND r.local_date < ? "
                "AND r.intensity = 'hard' AND l.avg_speed_mps > 0 AND l.timer_s > 0 "
                "AND coalesce(l.intensity, 'active') NOT IN "
                "('rest', 'recovery', 'warmup', 'cooldown')",
                [athlete, begin, week_start],
            ).fetchall()
        ]
    except duckdb.CatalogException:
        easy, laps = [], []
    easy_pace = _median_pace(easy)

    def bpm(name: str) -> int | None:
        value = profile.get(name)
        return int(value) if isinstance(value, int | float) else None

    tempo, interval = effort_paces(laps, easy_pace, bpm("vt1_hr"), bpm("hr_threshold"))
    sources = {
        "lthr": str(profile.get("hr_threshold_source") or "unknown"),
        "hr_max": str(profile.get("hr_max_source") or "unknown"),
        "paces": f"runs of the {EFFORT_WINDOW_DAYS} days before {week_start}",
    }
    return RunLandmarks(
        lthr_bpm=bpm("hr_threshold"),
        vt1_bpm=bpm("vt1_hr"),
        hr_max_bpm=bpm("hr_max"),
        zone2_from_bpm=bpm("zone2_from_hr"),
        zone4_from_bpm=bpm("zone4_from_hr"),
        easy_pace_s_per_km=easy_pace,
        tempo_pace_s_per_km=tempo,
        interval_pace_s_per_km=interval,
        sources=sources,
    )


def lift_landmarks(
    con: duckdb.DuckDBPyConnection, athlete: str, week_start: dt.date, plan_toml: str | None
) -> LiftLandmarks:
    """Best e1RM per recorded exercise over the coach's window, and the plan's % 1RM."""
    lifting = load_policy().heavy_lifting
    begin = week_start - dt.timedelta(days=lifting.e1rm_window_days)
    try:
        rows = con.execute(
            "SELECT coalesce(exercise_name, exercise_category), max(e1rm_kg) FROM lift_sets "
            "WHERE athlete = ? AND local_date >= ? AND local_date < ? AND is_working "
            "AND e1rm_kg IS NOT NULL GROUP BY 1",
            [athlete, begin, week_start],
        ).fetchall()
    except duckdb.CatalogException:
        rows = []
    pct: dict[str, float] = {}
    if plan_toml:
        try:
            plan = parse_plan(plan_toml)
        except ConfigError:  # the stored text no longer parses with this runlift: no % 1RM
            plan = None
        for session in plan.sessions if plan else ():
            for exercise in session.exercises:
                if exercise.pct_1rm is not None:
                    pct.setdefault(exercise.name, exercise.pct_1rm)
    return LiftLandmarks(
        e1rm_kg={str(name): float(kg) for name, kg in rows if name is not None},
        pct_1rm=pct,
        load_round_kg=lifting.load_round_kg,
    )


def stored_plan_toml(con: duckdb.DuckDBPyConnection, athlete: str, week_start: dt.date) -> str:
    """The plan file's text the week was built from (kept with the week)."""
    row = con.execute(
        "SELECT plan_toml FROM plans WHERE athlete = ? AND week_start = ?", [athlete, week_start]
    ).fetchone()
    return str(row[0]) if row and row[0] else ""
