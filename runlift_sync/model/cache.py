"""The `activity_features` cache: record-stream features computed once per activity (I/O).

A refresh computes features only for activities that have none yet (new imports) or whose
row was made by another `FEATURES_VERSION`, and deletes rows of activities that are gone
(a partial file replaced by its complete copy). Activities without records get a row too
(no heart rate, no speed), so they are not looked for again.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

import duckdb
import polars as pl

from runlift_sync.db.frames import registered
from runlift_sync.db.transaction import transaction
from runlift_sync.model.features import FEATURE_SCHEMA, FEATURES_VERSION, activity_features
from runlift_sync.model.inputs import read_records
from runlift_sync.model.model_policy import DEFAULT_POLICY, ModelPolicy
from runlift_sync.model.schema import has_relation

log = logging.getLogger(__name__)

#: Activities whose records are read and processed at once (bounds memory: ~1 h of 1-Hz
#: samples each).
CHUNK_ACTIVITIES = 100


@dataclass(frozen=True)
class FeatureUpdate:
    """The athlete's features, and what it took to bring them up to date."""

    features: pl.DataFrame
    computed: int
    removed: int


def _cached(con: duckdb.DuckDBPyConnection, athlete: str) -> pl.DataFrame:
    if not has_relation(con, "activity_features"):
        return pl.DataFrame(schema={"activity_id": pl.String, "features_version": pl.Int32})
    return con.sql(
        "SELECT activity_id, features_version FROM activity_features WHERE athlete = ?",
        params=[athlete],
    ).pl()


def _compute(
    con: duckdb.DuckDBPyConnection,
    athlete: str,
    activities: pl.DataFrame,
    policy: ModelPolicy,
) -> pl.DataFrame:
    """Features of `activities` (activity_id, file_sha256, sport), one row each."""
    ids = activities["activity_id"].to_list()
    records = read_records(con, athlete, ids)
    swing_ids = set(activities.filter(pl.col("sport") != "running")["activity_id"].to_list())
    computed = activity_features(records, swing_ids=swing_ids, policy=policy)
    missing = activities.filter(~pl.col("activity_id").is_in(computed["activity_id"].implode()))
    placeholders = missing.select("activity_id").with_columns(
        pl.lit(FEATURES_VERSION, pl.Int32).alias("features_version"),
        pl.lit(0, pl.Int64).alias("n_records"),
        pl.lit(0.0).alias("record_s"),
        pl.lit(0.0).alias("hr_s"),
        pl.lit(0.0).alias("moving_s"),
        pl.lit(0, pl.Int32).alias("n_surges"),
        pl.lit(0.0).alias("surge_s"),
    )
    placeholders = placeholders.select(
        [
            (pl.col(c) if c in placeholders.columns else pl.lit(None)).cast(t).alias(c)
            for c, t in FEATURE_SCHEMA.items()
        ]
    )
    return pl.concat([computed, placeholders]).join(
        activities.select("activity_id", "file_sha256"), on="activity_id"
    )


def update_features(
    con: duckdb.DuckDBPyConnection,
    athlete: str,
    activities: pl.DataFrame,
    *,
    store: bool = True,
    policy: ModelPolicy = DEFAULT_POLICY,
    chunk: int = CHUNK_ACTIVITIES,
) -> FeatureUpdate:
    """Bring the athlete's features up to date (stored when `store`, else only in memory)."""
    cached = _cached(con, athlete)
    current = cached.filter(pl.col("features_version") == FEATURES_VERSION)["activity_id"]
    wanted = activities.select("activity_id", "file_sha256", "sport")
    todo = wanted.filter(~pl.col("activity_id").is_in(current.implode()))
    stale = cached.filter(
        ~pl.col("activity_id").is_in(wanted["activity_id"].implode())
        | (pl.col("features_version") != FEATURES_VERSION)
    )["activity_id"].to_list()
    fresh: list[pl.DataFrame] = []
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    if store and stale:
        con.execute(
            "DELETE FROM activity_features WHERE athlete = ? AND activity_id IN "
            "(SELECT unnest(?::VARCHAR[]))",
            [athlete, stale],
        )
    for start in range(0, todo.height, chunk):
        part = _compute(con, athlete, todo.slice(start, chunk), policy).with_columns(
            pl.lit(athlete).alias("athlete"), pl.lit(now).alias("computed_at")
        )
        if store:
            with transaction(con), registered(con, "__features", part):
                con.execute("INSERT INTO activity_features BY NAME SELECT * FROM __features")
        else:
            fresh.append(part)
        log.info("features: %d/%d activities", min(start + chunk, todo.height), todo.height)
    columns = ", ".join(FEATURE_SCHEMA)
    if store:
        features = con.sql(
            f"SELECT {columns} FROM activity_features WHERE athlete = ? ORDER BY activity_id",
            params=[athlete],
        ).pl()
    else:
        kept = pl.DataFrame(schema=FEATURE_SCHEMA)
        if has_relation(con, "activity_features"):
            kept = con.sql(
                f"SELECT {columns} FROM activity_features WHERE athlete = ? "
                "AND features_version = ?",
                params=[athlete, FEATURES_VERSION],
            ).pl()
        features = pl.concat(
            [kept.cast(FEATURE_SCHEMA)]  # type: ignore[arg-type]
            + [f.select(list(FEATURE_SCHEMA)).cast(FEATURE_SCHEMA) for f in fresh]  # type: ignore[arg-type]
        ).filter(pl.col("activity_id").is_in(wanted["activity_id"].implode()))
    features = features.cast(FEATURE_SCHEMA)  # type: ignore[arg-type]
    return FeatureUpdate(features, todo.height, len(stale) if store else 0)
