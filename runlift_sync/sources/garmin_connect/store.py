"""Garmin Connect data in the warehouse: raw JSON, typed rows, links, quarantine, and what a
pull must remember (pending originals, the backfill, the turns of its units).

Each item is written in one transaction together with its raw body, so after a crash the
warehouse holds an item fully or not at all. An activity's row in ``raw_garmin_activity`` is
written last, in the transaction that also links its original file (or marks it pending) and
stores its sets: it is the mark that the activity was pulled, and the newest of those rows is
the activity watermark.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import duckdb

from runlift_sync.db.transaction import writing
from runlift_sync.sources.garmin_connect.constants import (
    EXERCISE_SETS_FINAL_AFTER,
    WELLNESS_ENDPOINTS,
)
from runlift_sync.sources.garmin_connect.failures import GarminPrivacyProtected, MalformedItem
from runlift_sync.sources.garmin_connect.items import (
    DownloadFailed,
    Quarantined,
    WellnessAnswer,
)
from runlift_sync.sources.garmin_connect.parse import (
    WELLNESS_TABLES,
    ActivityRow,
    ExerciseSetRow,
    parse_activity,
    parse_exercise_sets,
    parse_wellness,
)
from runlift_sync.sources.garmin_connect.pull_plan import Backfill, StoredAnswer


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@dataclasses.dataclass(frozen=True)
class FileLink:
    """A FIT file the original download of an activity turned out to hold."""

    file_sha256: str
    origin: str
    outcome: str


def transaction(
    con: duckdb.DuckDBPyConnection, what: str
) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
    """Write `what` in one warehouse transaction (`db.transaction.writing`)."""
    return writing(con, what, then="sync again")


_COLUMNS: dict[str, frozenset[str]] = {}


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> frozenset[str]:
    """The table's columns (cached: the schema is fixed by the migrations applied at open)."""
    if table not in _COLUMNS:
        rows = con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = ?", [table]
        ).fetchall()
        _COLUMNS[table] = frozenset(r[0] for r in rows)
    return _COLUMNS[table]


def _insert_rows(
    con: duckdb.DuckDBPyConnection, table: str, prefix: dict[str, Any], rows: Sequence[Any]
) -> None:
    """Insert dataclass rows (one statement); the table's columns pick the fields stored."""
    if not rows:
        return
    wanted = _columns(con, table)
    names = [n for n in prefix if n in wanted]
    names += [f.name for f in dataclasses.fields(rows[0]) if f.name in wanted]
    values = [prefix[n] if n in prefix else getattr(row, n) for row in rows for n in names]
    marks = ", ".join(["(" + ", ".join("?" for _ in names) + ")"] * len(rows))
    con.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES {marks}", values)


JSON_COLUMNS = (
    "athlete, endpoint, item_key, calendar_date, activity_id, has_data, body, fetched_at, "
    "device_synced_at"
)
JSON_MARKS = "?, ?, ?, ?, ?, ?, ?::JSON, ?, ?"


def _json_text(body: Any) -> str:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def _delete_json(con: duckdb.DuckDBPyConnection, athlete: str, endpoint: str, key: str) -> None:
    con.execute(
        "DELETE FROM raw_garmin_json WHERE athlete = ? AND endpoint = ? AND item_key = ?",
        [athlete, endpoint, key],
    )


def _upsert_json(
    con: duckdb.DuckDBPyConnection,
    athlete: str,
    endpoint: str,
    item_key: str,
    body: Any,
    *,
    has_data: bool,
    fetched_at: dt.datetime,
    calendar_date: dt.date | None = None,
    activity_id: int | None = None,
) -> None:
    # DELETE + INSERT: DuckDB's INSERT OR REPLACE costs several times more per row
    _delete_json(con, athlete, endpoint, item_key)
    con.execute(
        f"INSERT INTO raw_garmin_json ({JSON_COLUMNS}) VALUES ({JSON_MARKS})",
        [
            athlete,
            endpoint,
            item_key,
            calendar_date,
            activity_id,
            has_data,
            _json_text(body),
            fetched_at,
            None,
        ],
    )


def _clear_quarantine(
    con: duckdb.DuckDBPyConnection, athlete: str, endpoint: str, key: str
) -> None:
    con.execute(
        "DELETE FROM garmin_quarantine WHERE athlete = ? AND endpoint = ? AND item_key = ?",
        [athlete, endpoint, key],
    )


def _quarantine_row(con: duckdb.DuckDBPyConnection, athlete: str, item: Quarantined) -> None:
    con.execute(
        "INSERT OR REPLACE INTO garmin_quarantine VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            athlete,
            item.endpoint,
            item.item_key,
            item.calendar_date,
            item.activity_id,
            item.error_class,
            item.message,
            item.body,
            utc_now(),
        ],
    )


def quarantine(con: duckdb.DuckDBPyConnection, athlete: str, item: Quarantined) -> None:
    """Set one item aside with its body (its own transaction)."""
    with transaction(con, f"quarantined {item.endpoint} {item.item_key}"):
        _quarantine_row(con, athlete, item)


# --- what is there already ------------------------------------------------------------------


def newest_activity_start(con: duckdb.DuckDBPyConnection, athlete: str) -> dt.datetime | None:
    """Local start (UTC when unknown) of the newest activity pulled: the activity watermark."""
    row = con.execute(
        "SELECT max(coalesce(start_time_local, start_time_utc)) FROM raw_garmin_activity "
        "WHERE athlete = ?",
        [athlete],
    ).fetchone()
    return row[0] if row else None


def wellness_span(con: duckdb.DuckDBPyConnection, athlete: str) -> tuple[dt.date, dt.date] | None:
    """The oldest and the newest day any wellness answer is stored for (None: none is)."""
    endpoints = list(WELLNESS_ENDPOINTS)
    row = con.execute(
        "SELECT min(calendar_date), max(calendar_date) FROM raw_garmin_json WHERE athlete = ? "
        f"AND endpoint IN ({_marks(endpoints)})",
        [athlete, *endpoints],
    ).fetchone()
    return (row[0], row[1]) if row and row[0] is not None else None


def known_activity_ids(con: duckdb.DuckDBPyConnection, athlete: str) -> set[int]:
    return {
        r[0]
        for r in con.execute(
            "SELECT activity_id FROM raw_garmin_activity WHERE athlete = ?", [athlete]
        ).fetchall()
    }


def stored_answers(
    con: duckdb.DuckDBPyConnection, athlete: str, start: dt.date
) -> list[StoredAnswer]:
    """The wellness answers stored for days from `start` on (to decide which are final)."""
    endpoints = list(WELLNESS_ENDPOINTS)
    rows = con.execute(
        "SELECT endpoint, calendar_date, fetched_at, device_synced_at FROM raw_garmin_json "
        f"WHERE athlete = ? AND calendar_date >= ? AND endpoint IN ({_marks(endpoints)})",
        [athlete, start, *endpoints],
    ).fetchall()
    return [StoredAnswer(*r) for r in rows]


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


def sets_to_read_again(con: duckdb.DuckDBPyConnection, athlete: str, now: dt.datetime) -> list[int]:
    """Strength activities whose sets were read too soon to hold the athlete's corrections,
    or were set aside (malformed) and are still recent enough to try again."""
    rows = con.execute(
        "SELECT a.activity_id FROM raw_garmin_activity a LEFT JOIN raw_garmin_json j "
        "ON j.athlete = a.athlete AND j.endpoint = 'exercise_sets' "
        "AND j.item_key = CAST(a.activity_id AS VARCHAR) "
        "WHERE a.athlete = ? AND (j.fetched_at < a.start_time_utc + ? OR (j.fetched_at IS NULL "
        "AND ? < a.start_time_utc + ? AND EXISTS (SELECT 1 FROM garmin_quarantine q "
        "WHERE q.athlete = a.athlete AND q.endpoint = 'exercise_sets' "
        "AND q.item_key = CAST(a.activity_id AS VARCHAR)))) "
        "ORDER BY a.start_time_utc, a.activity_id",
        [athlete, EXERCISE_SETS_FINAL_AFTER, now, EXERCISE_SETS_FINAL_AFTER],
    ).fetchall()
    return [r[0] for r in rows]


# --- writing items ----------------------------------------------------------------------------


def quarantined_keys(con: duckdb.DuckDBPyConnection, athlete: str) -> set[tuple[str, str]]:
    """(endpoint, item_key) of the items set aside so far (cleared when one succeeds)."""
    return {
        (r[0], r[1])
        for r in con.execute(
            "SELECT endpoint, item_key FROM garmin_quarantine WHERE athlete = ?", [athlete]
        ).fetchall()
    }


def _clear_if_set_aside(
    con: duckdb.DuckDBPyConnection,
    athlete: str,
    endpoint: str,
    key: str,
    set_aside: set[tuple[str, str]],
) -> None:
    if (endpoint, key) in set_aside:
        _clear_quarantine(con, athlete, endpoint, key)
        set_aside.discard((endpoint, key))


def _link_files(
    con: duckdb.DuckDBPyConnection,
    athlete: str,
    activity_id: int,
    links: Sequence[FileLink],
    linked_at: dt.datetime,
) -> None:
    """The activity's original is (now) these files."""
    con.execute(
        "DELETE FROM garmin_activity_files WHERE athlete = ? AND activity_id = ?",
        [athlete, activity_id],
    )
    for link in links:
        con.execute(
            "INSERT INTO garmin_activity_files VALUES (?, ?, ?, ?, ?, ?)",
            [athlete, activity_id, link.file_sha256, link.origin, link.outcome, linked_at],
        )


def record_activity(
    con: duckdb.DuckDBPyConnection,
    athlete: str,
    row: ActivityRow,
    item: Any,
    *,
    original: str,
    links: Sequence[FileLink],
    sets_body: Any | None,
    sets: Sequence[ExerciseSetRow] | None,
    quarantined: Sequence[Quarantined],
    fetched_at: dt.datetime,
    set_aside: set[tuple[str, str]],
    download_failed: DownloadFailed | None = None,
) -> None:
    """Everything about one pulled activity, in one transaction; its summary row goes last.
    A failed download is recorded as pending (original = pending) in the same transaction."""
    key = str(row.activity_id)
    with transaction(con, f"Garmin activity {key}"):
        if download_failed is not None:
            _pend_original(con, athlete, row.activity_id, download_failed, fetched_at)
        _upsert_json(
            con,
            athlete,
            "activity",
            key,
            item,
            has_data=True,
            fetched_at=fetched_at,
            activity_id=row.activity_id,
        )
        for endpoint in ("activity", "exercise_sets", "original"):
            _clear_if_set_aside(con, athlete, endpoint, key, set_aside)
        _link_files(con, athlete, row.activity_id, links, fetched_at)
        if sets is not None:
            _upsert_json(
                con,
                athlete,
                "exercise_sets",
                key,
                sets_body if sets_body is not None else {},
                has_data=bool(sets),
                fetched_at=fetched_at,
                activity_id=row.activity_id,
            )
            con.execute(
                "DELETE FROM raw_garmin_exercise_set WHERE athlete = ? AND activity_id = ?",
                [athlete, row.activity_id],
            )
            _insert_rows(
                con,
                ExerciseSetRow.TABLE,
                {"athlete": athlete, "activity_id": row.activity_id},
                sets,
            )
        for item_q in quarantined:
            _quarantine_row(con, athlete, item_q)
            set_aside.add((item_q.endpoint, item_q.item_key))
        con.execute(
            "DELETE FROM raw_garmin_activity WHERE athlete = ? AND activity_id = ?",
            [athlete, row.activity_id],
        )
        _insert_rows(
            con,
            ActivityRow.TABLE,
            {"athlete": athlete, "original": original, "fetched_at": fetched_at},
            [row],
        )


def record_exercise_sets(
    con: duckdb.DuckDBPyConnection,
    athlete: str,
    activity_id: int,
    body: Any,
    sets: Sequence[ExerciseSetRow],
    *,
    fetched_at: dt.datetime,
    set_aside: set[tuple[str, str]],
) -> None:
    """The sets of an activity pulled before, read again (the athlete may have edited them)."""
    key = str(activity_id)
    with transaction(con, f"the sets of Garmin activity {key}"):
        _upsert_json(
            con,
            athlete,
            "exercise_sets",
            key,
            body,
            has_data=bool(sets),
            fetched_at=fetched_at,
            activity_id=activity_id,
        )
        _clear_if_set_aside(con, athlete, "exercise_sets", key, set_aside)
        con.execute(
            "DELETE FROM raw_garmin_exercise_set WHERE athlete = ? AND activity_id = ?",
            [athlete, activity_id],
        )
        _insert_rows(
            con, ExerciseSetRow.TABLE, {"athlete": athlete, "activity_id": activity_id}, sets
        )


def record_wellness_day(
    con: duckdb.DuckDBPyConnection,
    athlete: str,
    day: dt.date,
    answers: Sequence[WellnessAnswer],
    *,
    fetched_at: dt.datetime,
    device_synced_at: dt.datetime | None,
    set_aside: set[tuple[str, str]],
) -> list[WellnessAnswer]:
    """Store a day's answers in one transaction, with when the watch had last synced as
    Garmin said tonight (which decides when they are final); returns those stored.

    A "no data" answer never replaces data already stored for that day and endpoint (a day
    answered before can come back empty): the stored answer is left as it is.
    """
    key = day.isoformat()
    stored: list[WellnessAnswer] = []
    with transaction(con, f"Garmin wellness of {key}"):
        endpoints = list(WELLNESS_ENDPOINTS)
        existing: dict[str, bool] = dict(
            con.execute(
                "SELECT endpoint, has_data FROM raw_garmin_json WHERE athlete = ? "
                f"AND calendar_date = ? AND endpoint IN ({', '.join('?' for _ in endpoints)})",
                [athlete, day, *endpoints],
            ).fetchall()
        )
        for answer in answers:
            had = existing.get(answer.endpoint)
            if not answer.rows and had:
                continue
            if had is not None:
                _delete_json(con, athlete, answer.endpoint, key)
            if had:
                con.execute(
                    f"DELETE FROM {WELLNESS_TABLES[answer.endpoint]} "
                    "WHERE athlete = ? AND calendar_date = ?",
                    [athlete, day],
                )
            _clear_if_set_aside(con, athlete, answer.endpoint, key, set_aside)
            _insert_rows(con, WELLNESS_TABLES[answer.endpoint], {"athlete": athlete}, answer.rows)
            stored.append(answer)
        if stored:
            marks = ", ".join([f"({JSON_MARKS})"] * len(stored))
            values: list[Any] = []
            for answer in stored:
                values += [
                    athlete,
                    answer.endpoint,
                    key,
                    day,
                    None,
                    bool(answer.rows),
                    _json_text(answer.body),
                    fetched_at,
                    device_synced_at,
                ]
            con.execute(f"INSERT INTO raw_garmin_json ({JSON_COLUMNS}) VALUES {marks}", values)
    return stored


# --- originals whose download failed ----------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class PendingOriginal:
    """An activity whose original has not been downloaded yet."""

    activity_id: int
    first_failed_at: dt.datetime
    attempts: int


def pending_originals(con: duckdb.DuckDBPyConnection, athlete: str) -> list[PendingOriginal]:
    rows = con.execute(
        "SELECT activity_id, first_failed_at, attempts FROM garmin_pending_originals "
        "WHERE athlete = ? ORDER BY first_failed_at, activity_id",
        [athlete],
    ).fetchall()
    return [PendingOriginal(*r) for r in rows]


def _pend_original(
    con: duckdb.DuckDBPyConnection,
    athlete: str,
    activity_id: int,
    failure: DownloadFailed,
    now: dt.datetime,
) -> None:
    con.execute(
        "INSERT INTO garmin_pending_originals VALUES (?, ?, ?, ?, 1, ?, ?) "
        "ON CONFLICT (athlete, activity_id) DO UPDATE SET last_tried_at = excluded.last_tried_at, "
        "attempts = garmin_pending_originals.attempts + 1, error_class = excluded.error_class, "
        "message = excluded.message",
        [athlete, activity_id, now, now, failure.error_class, failure.message],
    )


def _set_original(
    con: duckdb.DuckDBPyConnection, athlete: str, activity_id: int, original: str
) -> None:
    con.execute(
        "UPDATE raw_garmin_activity SET original = ? WHERE athlete = ? AND activity_id = ?",
        [original, athlete, activity_id],
    )


def record_original(
    con: duckdb.DuckDBPyConnection,
    athlete: str,
    activity_id: int,
    *,
    original: str,
    links: Sequence[FileLink],
    fetched_at: dt.datetime,
    set_aside: set[tuple[str, str]],
) -> None:
    """The original of an activity pulled before, downloaded at last (one transaction)."""
    key = str(activity_id)
    with transaction(con, f"the original of Garmin activity {key}"):
        con.execute(
            "DELETE FROM garmin_pending_originals WHERE athlete = ? AND activity_id = ?",
            [athlete, activity_id],
        )
        _clear_if_set_aside(con, athlete, "original", key, set_aside)
        _link_files(con, athlete, activity_id, links, fetched_at)
        _set_original(con, athlete, activity_id, original)


def original_failed_again(
    con: duckdb.DuckDBPyConnection,
    athlete: str,
    activity_id: int,
    failure: DownloadFailed,
    *,
    now: dt.datetime,
    give_up: Quarantined | None,
    set_aside: set[tuple[str, str]],
) -> None:
    """Another failed try; with `give_up`, the original is missing for good and the item is
    set aside (garmin_quarantine) for the athlete to look at."""
    with transaction(con, f"the original of Garmin activity {activity_id}"):
        if give_up is None:
            _pend_original(con, athlete, activity_id, failure, now)
            return
        con.execute(
            "DELETE FROM garmin_pending_originals WHERE athlete = ? AND activity_id = ?",
            [athlete, activity_id],
        )
        _quarantine_row(con, athlete, give_up)
        set_aside.add((give_up.endpoint, give_up.item_key))
        _set_original(con, athlete, activity_id, "missing")


# --- the backfill and the turns ---------------------------------------------------------------


def open_backfill(con: duckdb.DuckDBPyConnection, athlete: str) -> Backfill | None:
    """The unfinished backfill of `athlete`, if any."""
    row = con.execute(
        "SELECT started_at, since, through_date, activities_next, wellness_next, spacing_s "
        "FROM garmin_backfills WHERE athlete = ? AND finished_at IS NULL "
        "ORDER BY started_at DESC LIMIT 1",
        [athlete],
    ).fetchone()
    return Backfill(*row) if row else None


def save_backfill(
    con: duckdb.DuckDBPyConnection, athlete: str, backfill: Backfill, now: dt.datetime
) -> None:
    with transaction(con, "the Garmin backfill's progress"):
        con.execute(
            "INSERT OR REPLACE INTO garmin_backfills VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                athlete,
                backfill.started_at,
                backfill.since,
                backfill.through,
                backfill.activities_next,
                backfill.wellness_next,
                backfill.spacing_s,
                now,
                now if backfill.done else None,
            ],
        )


def turns(con: duckdb.DuckDBPyConnection, athlete: str) -> dict[str, int]:
    """When each unit of the pull last had its turn (a sequence number)."""
    return dict(
        con.execute(
            "SELECT unit, last_turn FROM garmin_pull_turns WHERE athlete = ?", [athlete]
        ).fetchall()
    )


def take_turn(con: duckdb.DuckDBPyConnection, athlete: str, unit: str) -> None:
    with transaction(con, "the Garmin pull's turns"):
        con.execute(
            "INSERT OR REPLACE INTO garmin_pull_turns SELECT ?, ?, coalesce(max(last_turn), 0) + 1 "
            "FROM garmin_pull_turns WHERE athlete = ?",
            [athlete, unit, athlete],
        )


def record_run(con: duckdb.DuckDBPyConnection, values: dict[str, Any]) -> None:
    """One row of garmin_sync_runs (history only)."""
    names = list(values)
    with transaction(con, "the Garmin sync log"):
        con.execute(
            f"INSERT OR REPLACE INTO garmin_sync_runs ({', '.join(names)}) "
            f"VALUES ({', '.join('?' for _ in names)})",
            list(values.values()),
        )


# --- rebuilding typed tables from the raw JSON ------------------------------------------------


TYPED_TABLES = (
    ActivityRow.TABLE,
    ExerciseSetRow.TABLE,
    *WELLNESS_TABLES.values(),
)


def rebuild_typed(con: duckdb.DuckDBPyConnection, athlete: str) -> int:
    """Re-parse every stored body of `athlete` into the typed tables; returns bodies parsed.

    For after a parser change. Activity rows keep what the pull recorded about the original
    (``original``, ``fetched_at``), which is not in the body. A body the parser now refuses is
    quarantined (its typed rows removed); the rest is rebuilt.
    """
    originals = {
        r[0]: (r[1], r[2])
        for r in con.execute(
            "SELECT activity_id, original, fetched_at FROM raw_garmin_activity WHERE athlete = ?",
            [athlete],
        ).fetchall()
    }
    bodies = con.execute(
        "SELECT endpoint, item_key, calendar_date, activity_id, body, fetched_at "
        "FROM raw_garmin_json WHERE athlete = ? ORDER BY endpoint, item_key",
        [athlete],
    ).fetchall()
    parsed = 0
    with transaction(con, f"rebuilt Garmin tables of {athlete}"):
        for table in TYPED_TABLES:
            con.execute(f"DELETE FROM {table} WHERE athlete = ?", [athlete])
        for endpoint, key, day, activity_id, text, fetched_at in bodies:
            body = json.loads(text)
            try:
                if endpoint == "activity":
                    original, pulled_at = originals.get(activity_id, ("none", fetched_at))
                    _insert_rows(
                        con,
                        ActivityRow.TABLE,
                        {"athlete": athlete, "original": original, "fetched_at": pulled_at},
                        [parse_activity(body)],
                    )
                elif endpoint == "exercise_sets":
                    _insert_rows(
                        con,
                        ExerciseSetRow.TABLE,
                        {"athlete": athlete, "activity_id": activity_id},
                        parse_exercise_sets(activity_id, body),
                    )
                elif endpoint in WELLNESS_TABLES:
                    _insert_rows(
                        con,
                        WELLNESS_TABLES[endpoint],
                        {"athlete": athlete},
                        parse_wellness(endpoint, day, body),
                    )
                else:
                    continue
            except (MalformedItem, GarminPrivacyProtected) as exc:
                # a body stored before the parser refused it: set aside, never counted as data
                _quarantine_row(
                    con,
                    athlete,
                    Quarantined(
                        endpoint, key, type(exc).__name__, str(exc), text, day, activity_id
                    ),
                )
                continue
            parsed += 1
    return parsed


#: What a rebuilt warehouse needs from the old one to have its Garmin Connect data back: the
#: bodies (everything typed is re-parsed from them) and what the pulls recorded beside them.
CARRIED_TABLES = (
    "raw_garmin_json",
    "garmin_activity_files",
    "garmin_quarantine",
    "garmin_sync_runs",
    "raw_garmin_activity",
    "garmin_pending_originals",
    "garmin_backfills",
    "garmin_pull_turns",
)


def carry_over(con: duckdb.DuckDBPyConnection, old_warehouse: Path) -> int:
    """Copy the Garmin Connect data of `old_warehouse` into `con` (a warehouse just rebuilt
    from the raw store, which holds only the FIT originals) and re-parse the typed tables.

    The FIT files the links point to are the same bytes in both (content-addressed), so the
    links stay valid. Returns the number of bodies carried over.
    """
    path = str(old_warehouse).replace("'", "''")
    con.execute(f"ATTACH '{path}' AS old_warehouse (READ_ONLY)")
    try:
        present = {
            r[0]
            for r in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = 'old_warehouse'"
            ).fetchall()
        }
        with transaction(con, "the Garmin Connect data of the old warehouse"):
            for table in CARRIED_TABLES:
                if table in present:
                    con.execute(f"DELETE FROM {table}")
                    con.execute(
                        f"INSERT INTO {table} BY NAME SELECT * FROM old_warehouse.main.{table}"
                    )
    finally:
        con.execute("DETACH old_warehouse")
    athletes = [
        r[0] for r in con.execute("SELECT DISTINCT athlete FROM raw_garmin_json").fetchall()
    ]
    return sum(rebuild_typed(con, athlete) for athlete in athletes)
