"""`write_review`: the review page of a stored week, written to one owner-only file (I/O)."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from rules import coming_monday
from runlift_sync.coach.compliance_store import refresh_compliance
from runlift_sync.coach.service import local_today, plan_next_week
from runlift_sync.coach.week_store import StoredWeek, load_week
from runlift_sync.config import Settings
from runlift_sync.errors import ConfigError
from runlift_sync.private_files import write_private
from runlift_sync.review.page import build_page
from runlift_sync.review.review_data import gather_review_data

REVIEW_SUFFIX = ".review.html"


@dataclass(frozen=True)
class ReviewFile:
    """A review page written to disk."""

    path: Path
    size_bytes: int
    seconds: float
    week: StoredWeek


PACKAGE = Path(__file__).resolve().parents[1]


def review_path_for(plan_path: Path | str | None, warehouse: Path, week_start: dt.date) -> Path:
    """Where the page goes by default: `<plan>.review.html` beside the plan file it was
    planned from; else (no plan file, or one shipped inside runlift such as the demo's)
    `runlift-<week>.review.html` beside the warehouse."""
    if plan_path:
        plan = Path(plan_path).expanduser()
        if not plan.resolve().is_relative_to(PACKAGE):
            return plan.with_name(f"{plan.stem}{REVIEW_SUFFIX}")
    return warehouse.parent / f"runlift-{week_start}{REVIEW_SUFFIX}"


def stored_plan_path(
    con: duckdb.DuckDBPyConnection, athlete: str, week_start: dt.date
) -> str | None:
    row = con.execute(
        "SELECT plan_path FROM plans WHERE athlete = ? AND week_start = ?", [athlete, week_start]
    ).fetchone()
    return None if row is None else row[0]


def write_page(path: Path, text: str) -> int:
    """Write the page owner-only (`private_files.write_private`: 0600, atomic); its size."""
    data = text.encode("utf-8")
    try:
        write_private(path, data)
    except OSError as exc:
        raise ConfigError(
            f"cannot write the review page ({exc.strerror}); choose another --out", path=path
        ) from exc
    return len(data)


def write_review(
    con: duckdb.DuckDBPyConnection,
    athlete: str,
    week: StoredWeek,
    out: Path,
    *,
    today: dt.date,
    policy_path: str | None = None,
) -> ReviewFile:
    """Bring `plan_compliance` up to date, gather the page's data, build it and write it."""
    started = time.perf_counter()
    refresh_compliance(con, athlete, today)
    data = gather_review_data(con, athlete, week, today=today, policy_path=policy_path)
    size = write_page(out, build_page(data))
    return ReviewFile(out, size, time.perf_counter() - started, week)


def review_week(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    plan_path: Path | str | None = None,
    *,
    week_start: dt.date | None = None,
    out: Path | None = None,
    proposed: bool = False,
    policy_path: Path | str | None = None,
) -> ReviewFile:
    """`runlift plan review`: the page of a stored week (default: the coming week), planning
    the week first when it is not stored and a plan file is known; else the latest stored."""
    version = "proposed" if proposed else "shown"
    chosen_plan = plan_path or settings.plan_path
    today = local_today(settings.timezone)
    start = week_start or coming_monday(today)
    stored = load_week(con, settings.athlete, start, version=version)
    if stored is None and chosen_plan is not None:
        plan_next_week(con, settings, chosen_plan, week_start=start, policy_path=policy_path)
        stored = load_week(con, settings.athlete, start, version=version)
    elif stored is None and week_start is None:
        stored = load_week(con, settings.athlete, None, version=version)
    if stored is None:
        raise ConfigError(
            f"no plan stored for {settings.athlete!r} for the week of {start}; pass --plan "
            "PLAN.toml (or set [coach] plan in the config) to plan it first"
        )
    target = out or review_path_for(
        stored_plan_path(con, settings.athlete, stored.week_start),
        settings.warehouse,
        stored.week_start,
    )
    policy = (
        str(policy_path or settings.policy_path) if (policy_path or settings.policy_path) else None
    )
    return write_review(con, settings.athlete, stored, target, today=today, policy_path=policy)
