"""What the review page shows, read from the warehouse (the I/O edge of the page).

`gather_review_data` runs plain SELECTs on the marts and the stored weeks and returns
`ReviewData`: plain, typed values that the pure page builder turns into HTML. Windows: the
120 days and 12 weeks before the reviewed week, its 3 weeks before for the legs calendar,
the last 4 planned weeks for compliance.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from rules import Policy, Session
from runlift_sync.coach.service import PolicyTexts, read_policy
from runlift_sync.coach.week_store import StoredWeek, load_week
from runlift_sync.model.schema import has_relation

FITNESS_DAYS = 120
VOLUME_WEEKS = 12
CALENDAR_WEEKS = 3
COMPLIANCE_WEEKS = 4
LOAD_RATE_DAYS = 42


@dataclass(frozen=True)
class FitnessDay:
    """One day of the `fitness` mart."""

    date: dt.date
    load: float
    ctl: float
    atl: float
    tsb: float


@dataclass(frozen=True)
class LoadSample:
    """One recorded activity's training load (`activity_load`), for estimating planned load."""

    kind: str
    """run or lift."""
    hard: bool
    """A run classified hard."""
    km: float | None
    minutes: float | None
    load: float


@dataclass(frozen=True)
class WeekVolume:
    """One week of `weekly_summary` (with the runs' km split by intensity)."""

    week_start: dt.date
    easy_km: float
    hard_km: float
    lift_sessions: int
    lower_body_sessions: int
    hard_days: int = 0
    """Days with a hard run or a heavy lower-body lift (weekly_summary.hard_days)."""
    training_days: int = 0
    """Days with a run or a lift (weekly_summary.training_days)."""
    hard_minutes: float = 0.0
    """Running minutes above VT1 (weekly_summary.hard_time_s / 60)."""
    hard_time_share: float | None = None
    """Their share of the running time (weekly_summary.hard_time_share; None without runs)."""


@dataclass(frozen=True)
class LiftPoint:
    """The best set of one exercise in one session (`lift_sets`)."""

    date: dt.date
    exercise: str
    e1rm_kg: float
    top_kg: float
    top_reps: int


@dataclass(frozen=True)
class WellnessDay:
    """One day of `wellness_daily`."""

    date: dt.date
    hrv_ms: float | None
    hrv_7d: float | None
    hrv_baseline: float | None
    hrv_baseline_sd: float | None
    resting_hr: float | None
    resting_hr_7d: float | None
    resting_hr_baseline: float | None
    sleep_h: float | None
    sleep_7d_h: float | None


@dataclass(frozen=True)
class ComplianceRow:
    """One row of `plan_compliance`."""

    week_start: dt.date
    plan_version: str
    planned_date: dt.date | None
    planned_kind: str | None
    planned_type: str | None
    planned_km: float | None
    planned_minutes: float | None
    actual_date: dt.date | None
    actual_kind: str | None
    actual_type: str | None
    actual_km: float | None
    actual_minutes: float | None
    status: str
    deviations: tuple[str, ...]
    detail: str


@dataclass(frozen=True)
class ReviewData:
    """Everything the review page shows, for one athlete and one stored week."""

    athlete: str
    today: dt.date
    generated_at: dt.datetime
    week: StoredWeek
    policy: Policy
    fitness: tuple[FitnessDay, ...]
    lead_in: tuple[Session, ...]
    """Planned sessions between the last day of `fitness` and the week (the week before,
    as followed): the projection runs through them."""
    load_samples: tuple[LoadSample, ...]
    volumes: tuple[WeekVolume, ...]
    recorded: tuple[Session, ...]
    """Runs and lifts of the calendar weeks before the week, as sessions (type: the run's
    type, long when it was long; lower/upper for lifts; am/pm from the start time)."""
    lifts: tuple[LiftPoint, ...]
    wellness: tuple[WellnessDay, ...]
    compliance: tuple[ComplianceRow, ...]


def gather_review_data(
    con: duckdb.DuckDBPyConnection,
    athlete: str,
    week: StoredWeek,
    *,
    today: dt.date,
    policy_path: str | None = None,
    now: dt.datetime | None = None,
) -> ReviewData:
    """Read everything the page needs for `week` (a stored week, in the version shown)."""
    start = week.week_start
    first = start - dt.timedelta(days=FITNESS_DAYS)
    fitness = _fitness(con, athlete, first, start)
    last_known = fitness[-1].date if fitness else start - dt.timedelta(days=1)
    return ReviewData(
        athlete=athlete,
        today=today,
        generated_at=(now or dt.datetime.now(dt.UTC)).replace(microsecond=0),
        week=week,
        policy=_policy(con, athlete, start, policy_path),
        fitness=fitness,
        lead_in=_lead_in(con, athlete, last_known, start),
        load_samples=_load_samples(con, athlete, start - dt.timedelta(days=LOAD_RATE_DAYS), start),
        volumes=_volumes(con, athlete, start - dt.timedelta(weeks=VOLUME_WEEKS), start),
        recorded=_recorded(con, athlete, start - dt.timedelta(weeks=CALENDAR_WEEKS), start),
        lifts=_lifts(con, athlete, start),
        wellness=_wellness(con, athlete, first, start),
        compliance=_compliance(con, athlete, start),
    )


def _policy(
    con: duckdb.DuckDBPyConnection, athlete: str, start: dt.date, policy_path: str | None
) -> Policy:
    """The policy the week was planned with (stored with it), else the one in force."""
    row = con.execute(
        "SELECT policy_toml, policy_override_toml FROM plans WHERE athlete = ? AND week_start = ?",
        [athlete, start],
    ).fetchone()
    if row is not None and row[0] is not None:
        return PolicyTexts(row[0], row[1], "the stored policy").parse()
    return read_policy(policy_path).parse()


def _fitness(
    con: duckdb.DuckDBPyConnection, athlete: str, first: dt.date, start: dt.date
) -> tuple[FitnessDay, ...]:
    if not has_relation(con, "fitness"):
        return ()
    rows = con.execute(
        "SELECT date, load, ctl, atl, tsb FROM fitness WHERE athlete = ? AND date >= ? "
        "AND date < ? ORDER BY date",
        [athlete, first, start],
    ).fetchall()
    return tuple(FitnessDay(*row) for row in rows)


def _lead_in(
    con: duckdb.DuckDBPyConnection, athlete: str, last_known: dt.date, start: dt.date
) -> tuple[Session, ...]:
    if last_known >= start - dt.timedelta(days=1):
        return ()
    before = load_week(con, athlete, start - dt.timedelta(days=7), version="shown")
    if before is None:
        return ()
    return tuple(s for s in before.sessions if last_known < s.date < start)


def _load_samples(
    con: duckdb.DuckDBPyConnection, athlete: str, first: dt.date, start: dt.date
) -> tuple[LoadSample, ...]:
    if not (has_relation(con, "activity_load") and has_relation(con, "runs")):
        return ()
    rows = con.execute(
        "SELECT a.kind, coalesce(r.intensity = 'hard', false), a.distance_m / 1000, a.minutes, "
        "a.load FROM activity_load a LEFT JOIN runs r USING (athlete, activity_id) "
        "WHERE a.athlete = ? AND a.local_date >= ? AND a.local_date < ? "
        "AND a.kind IN ('run', 'lift') AND a.load IS NOT NULL ORDER BY a.start_time_utc",
        [athlete, first, start],
    ).fetchall()
    return tuple(LoadSample(*row) for row in rows)


def _volumes(
    con: duckdb.DuckDBPyConnection, athlete: str, first: dt.date, start: dt.date
) -> tuple[WeekVolume, ...]:
    if not (has_relation(con, "weekly_summary") and has_relation(con, "runs")):
        return ()
    rows = con.execute(
        """
        SELECT w.week_start,
               coalesce(sum(r.distance_m) FILTER (WHERE r.intensity <> 'hard'), 0) / 1000,
               coalesce(sum(r.distance_m) FILTER (WHERE r.intensity = 'hard'), 0) / 1000,
               any_value(w.n_lift_sessions), any_value(w.n_lower_body_sessions),
               any_value(w.hard_days), any_value(w.training_days),
               any_value(w.hard_time_s) / 60, any_value(w.hard_time_share)
        FROM weekly_summary w
        LEFT JOIN runs r ON r.athlete = w.athlete AND r.week_start = w.week_start
        WHERE w.athlete = ? AND w.week_start >= ? AND w.week_start < ?
        GROUP BY w.week_start ORDER BY w.week_start
        """,
        [athlete, first, start],
    ).fetchall()
    return tuple(
        WeekVolume(
            week, easy, hard, lifts or 0, lower or 0, days or 0, trained or 0, minutes or 0.0, share
        )
        for week, easy, hard, lifts, lower, days, trained, minutes, share in rows
    )


def _recorded(
    con: duckdb.DuckDBPyConnection, athlete: str, first: dt.date, start: dt.date
) -> tuple[Session, ...]:
    sessions: list[Session] = []
    if has_relation(con, "runs"):
        for day, hour, run_type, is_long, km, minutes in con.execute(
            "SELECT local_date, hour(start_time_local), run_type, is_long, distance_m / 1000, "
            "timer_s / 60 FROM runs WHERE athlete = ? AND local_date >= ? AND local_date < ? "
            "ORDER BY start_time_utc",
            [athlete, first, start],
        ).fetchall():
            kind_type = run_type if run_type in ("intervals", "tempo") or not is_long else "long"
            sessions.append(
                Session(
                    day, "run", kind_type, round(km or 0.0, 1), round(minutes or 0), _slot(hour)
                )
            )
    if has_relation(con, "lift_sessions"):
        for day, hour, lower, minutes in con.execute(
            "SELECT local_date, hour(start_time_local), lower_body, minutes FROM lift_sessions "
            "WHERE athlete = ? AND local_date >= ? AND local_date < ? ORDER BY start_time_utc",
            [athlete, first, start],
        ).fetchall():
            lift_type = "lower" if lower else "upper"
            sessions.append(Session(day, "lift", lift_type, None, round(minutes or 0), _slot(hour)))
    return tuple(sorted(sessions, key=lambda s: (s.date, s.slot == "pm")))


def _slot(hour: int | None) -> str | None:
    if hour is None:
        return None
    return "am" if hour < 12 else "pm"


def _lifts(con: duckdb.DuckDBPyConnection, athlete: str, start: dt.date) -> tuple[LiftPoint, ...]:
    if not has_relation(con, "lift_sets"):
        return ()
    rows = con.execute(
        """
        SELECT local_date, exercise_name, max(e1rm_kg),
               arg_max(weight_kg, weight_kg), arg_max(reps, weight_kg)
        FROM lift_sets
        WHERE athlete = ? AND local_date < ? AND is_working AND e1rm_kg IS NOT NULL
          AND exercise_name IS NOT NULL
        GROUP BY local_date, exercise_name ORDER BY local_date, exercise_name
        """,
        [athlete, start],
    ).fetchall()
    return tuple(LiftPoint(*row) for row in rows)


def _wellness(
    con: duckdb.DuckDBPyConnection, athlete: str, first: dt.date, start: dt.date
) -> tuple[WellnessDay, ...]:
    if not has_relation(con, "wellness_daily"):
        return ()
    rows = con.execute(
        """
        SELECT date, hrv_ms, hrv_7d, hrv_baseline_mean, hrv_baseline_sd,
               resting_hr, resting_hr_7d, resting_hr_baseline_mean,
               sleep_s / 3600, sleep_7d / 3600
        FROM wellness_daily WHERE athlete = ? AND date >= ? AND date < ? ORDER BY date
        """,
        [athlete, first, start],
    ).fetchall()
    return tuple(WellnessDay(*row) for row in rows)


def _compliance(
    con: duckdb.DuckDBPyConnection, athlete: str, start: dt.date
) -> tuple[ComplianceRow, ...]:
    weeks = [
        row[0]
        for row in con.execute(
            "SELECT DISTINCT week_start FROM plan_compliance WHERE athlete = ? AND week_start < ? "
            "ORDER BY week_start DESC LIMIT ?",
            [athlete, start, COMPLIANCE_WEEKS],
        ).fetchall()
    ]
    if not weeks:
        return ()
    rows = con.execute(
        """
        SELECT week_start, plan_version, planned_date, planned_kind, planned_type, planned_km,
               planned_minutes, actual_date, actual_kind, actual_type, actual_km, actual_minutes,
               status, deviations, detail
        FROM plan_compliance WHERE athlete = ? AND week_start >= ? AND week_start < ?
        ORDER BY week_start, coalesce(planned_date, actual_date), session_index NULLS LAST
        """,
        [athlete, min(weeks), start],
    ).fetchall()
    return tuple(ComplianceRow(*row[:13], tuple(row[13] or ()), row[14]) for row in rows)
