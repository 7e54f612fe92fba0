"""Reading what the model needs from the warehouse, one athlete at a time (I/O only).

Everything comes from the staging views and the `activities` mart; Garmin Connect's views
(`stg_garmin_wellness`, `stg_garmin_exercise_sets`) are read when the warehouse has them.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import polars as pl

from runlift_sync.db.frames import registered
from runlift_sync.model.schema import has_relation

GARMIN_WELLNESS = "stg_garmin_wellness"
GARMIN_SETS = "stg_garmin_exercise_sets"


def _frame(
    con: duckdb.DuckDBPyConnection, query: str, params: list[object] | None = None
) -> pl.DataFrame:
    return con.sql(query, params=params or []).pl()


def read_activities(con: duckdb.DuckDBPyConnection, athlete: str) -> pl.DataFrame:
    """Every activity session of the athlete, with its file's own UTC offset (NULL if none)."""
    return _frame(
        con,
        """
        SELECT a.athlete, a.activity_id, a.file_sha256, a.session_index, a.sport, a.sub_sport,
               a.start_time_utc, a.elapsed_s, a.timer_s, a.distance_m, a.avg_hr, a.max_hr,
               a.status, lt.utc_offset_s
        FROM activities a
        JOIN stg_local_time lt USING (athlete, file_sha256)
        WHERE a.athlete = ? AND a.start_time_utc IS NOT NULL
        ORDER BY a.start_time_utc, a.activity_id
        """,
        [athlete],
    )


def read_offsets(con: duckdb.DuckDBPyConnection, athlete: str) -> pl.DataFrame:
    """(timestamp_utc, utc_offset_s) of the athlete's files that carry their own offset."""
    return _frame(
        con,
        """
        SELECT f.time_created_utc AS timestamp_utc, lt.utc_offset_s
        FROM stg_local_time lt JOIN stg_files f USING (athlete, file_sha256)
        WHERE lt.athlete = ? AND lt.utc_offset_s IS NOT NULL AND f.time_created_utc IS NOT NULL
        ORDER BY 1
        """,
        [athlete],
    )


def read_records(
    con: duckdb.DuckDBPyConnection, athlete: str, activity_ids: Iterable[str]
) -> pl.DataFrame:
    """Records of the given activities (activity_id, timestamp_utc, heart_rate, speed_mps).

    Each record goes to the session whose time window holds it (all records of a file with a
    single session).
    """
    wanted = pl.DataFrame({"activity_id": list(activity_ids)}, schema={"activity_id": pl.String})
    with registered(con, "__wanted_activities", wanted):
        return _frame(
            con,
            """
            WITH s AS (
                SELECT a.activity_id, a.file_sha256, a.start_time_utc,
                       a.start_time_utc + to_microseconds(
                           CAST(coalesce(a.elapsed_s, a.timer_s, 0) * 1e6 AS BIGINT)
                       ) AS end_time_utc,
                       count(*) OVER (PARTITION BY a.file_sha256) AS n_sessions
                FROM activities a
                WHERE a.athlete = ?
            )
            SELECT s.activity_id, r.timestamp_utc, r.heart_rate, r.speed_mps
            FROM s
            JOIN __wanted_activities w USING (activity_id)
            JOIN stg_records r ON r.athlete = ? AND r.file_sha256 = s.file_sha256
            WHERE s.n_sessions = 1
               OR (r.timestamp_utc >= s.start_time_utc - INTERVAL 5 SECOND
                   AND r.timestamp_utc <= s.end_time_utc + INTERVAL 5 SECOND)
            """,
            [athlete, athlete],
        )


def read_laps(con: duckdb.DuckDBPyConnection, athlete: str) -> pl.DataFrame:
    """Laps of the athlete's files with a running session."""
    return _frame(
        con,
        """
        SELECT l.file_sha256, l.lap_index, l.start_time_utc, l.timer_s, l.elapsed_s,
               l.distance_m, l.avg_speed_mps, l.avg_hr, l.max_hr, l.intensity, l.lap_trigger
        FROM stg_laps l
        WHERE l.athlete = ?
          AND l.file_sha256 IN (
              SELECT file_sha256 FROM activities WHERE athlete = ? AND sport = 'running'
          )
        ORDER BY l.file_sha256, l.lap_index
        """,
        [athlete, athlete],
    )


def read_sets(con: duckdb.DuckDBPyConnection, athlete: str) -> pl.DataFrame:
    """The watch's sets (stg_sets) of the athlete."""
    return _frame(
        con,
        """
        SELECT file_sha256, set_index, start_time_utc, end_time_utc AS timestamp_utc,
               duration_s, set_type, repetitions, weight_kg, categories, exercise_names
        FROM stg_sets WHERE athlete = ?
        ORDER BY file_sha256, set_index
        """,
        [athlete],
    )


def read_garmin_sets(con: duckdb.DuckDBPyConnection, athlete: str) -> pl.DataFrame | None:
    """Garmin Connect's corrected sets, or None when the warehouse has no such view."""
    if not has_relation(con, GARMIN_SETS):
        return None
    return _frame(
        con,
        f"""
        SELECT file_sha256, set_index, set_type, start_time_utc, duration_s,
               exercise_category, exercise_name, repetitions, weight_kg
        FROM {GARMIN_SETS} WHERE athlete = ? AND file_sha256 IS NOT NULL
        """,
        [athlete],
    )


def read_garmin_wellness(con: duckdb.DuckDBPyConnection, athlete: str) -> pl.DataFrame | None:
    """Garmin Connect's daily wellness, or None when the warehouse has no such view."""
    if not has_relation(con, GARMIN_WELLNESS):
        return None
    return _frame(con, f"SELECT * FROM {GARMIN_WELLNESS} WHERE athlete = ?", [athlete])


def _with_offset(view: str, columns: str, where: str = "") -> str:
    return f"""
        SELECT v.file_sha256, {columns}, lt.utc_offset_s
        FROM {view} v JOIN stg_local_time lt USING (athlete, file_sha256)
        WHERE v.athlete = ? {where}
    """


def read_wellness(con: duckdb.DuckDBPyConnection, athlete: str) -> dict[str, pl.DataFrame]:
    """The FIT wellness inputs: resting HR, all-day HR (only of files without a resting HR
    message), HRV summaries and values, sleep levels and scores, each with its file offset."""
    p = [athlete]
    return {
        "resting": _frame(con, _with_offset("stg_resting_hr", "v.timestamp_utc, v.resting_hr"), p),
        "monitoring_hr": _frame(
            con,
            _with_offset(
                "stg_monitoring_hr",
                "v.timestamp_utc, v.heart_rate",
                "AND v.file_sha256 NOT IN (SELECT file_sha256 FROM stg_resting_hr "
                "WHERE athlete = v.athlete)",
            ),
            p,
        ),
        "hrv_status": _frame(
            con,
            _with_offset(
                "stg_hrv_status",
                "v.timestamp_utc, v.last_night_avg_ms, v.weekly_avg_ms, v.status",
            ),
            p,
        ),
        "hrv_values": _frame(
            con,
            _with_offset(
                "stg_hrv_values",
                "v.timestamp_utc, v.rmssd_ms",
                "AND v.file_sha256 NOT IN (SELECT file_sha256 FROM stg_hrv_status "
                "WHERE athlete = v.athlete)",
            ),
            p,
        ),
        "sleep_levels": _frame(
            con, _with_offset("stg_sleep_levels", "v.timestamp_utc, v.sleep_level"), p
        ),
        "sleep_scores": _frame(
            con,
            "SELECT file_sha256, overall_sleep_score FROM stg_sleep_scores WHERE athlete = ?",
            p,
        ),
    }


def read_user_profiles(con: duckdb.DuckDBPyConnection, athlete: str) -> pl.DataFrame:
    return _frame(
        con,
        "SELECT time_created_utc, gender FROM stg_user_profiles WHERE athlete = ?",
        [athlete],
    )


def athletes_in(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every athlete with files in the warehouse."""
    return [
        r[0] for r in con.execute("SELECT DISTINCT athlete FROM stg_files ORDER BY 1").fetchall()
    ]
