"""`plan_next_week`: the coach end to end on a warehouse writer (the one entry point).

plan file → (its [athlete] section over the config) → refresh the marts → signals measured
before the week → `rules.adjust_week` → the week stored in `plans`, `planned_sessions`,
`plan_changes`. The CLI (`runlift plan next`) and the nightly flow both call this.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb

from rules import (
    AdjustedWeek,
    Plan,
    Session,
    adjust_week,
    build_draft,
    coming_monday,
    default_policy_text,
    load_policy,
    parse_plan,
)
from rules.io import read_text
from rules.week import check_week_start
from runlift_sync.coach.measured_signals import signals_from_marts
from runlift_sync.coach.week_store import load_week, previous_sessions, save_week
from runlift_sync.config import Settings
from runlift_sync.errors import ConfigError
from runlift_sync.model import RefreshReport, load_marts, refresh_marts

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PlannedWeek:
    """What the coach made of a week, and what it was made from."""

    athlete: str
    week: AdjustedWeek
    template: tuple[Session, ...]
    template_km: float
    plan_path: Path
    refresh: RefreshReport | None


def athlete_timezone(plan: Plan, settings: Settings) -> str | None:
    """The plan's [athlete] timezone, else the config's."""
    return plan.athlete.timezone or settings.timezone


def athlete_today(plan: Plan, settings: Settings, *, now: dt.datetime | None = None) -> dt.date:
    """Today in the athlete's time zone (UTC when none is known)."""
    now = now or dt.datetime.now(dt.UTC)
    zone = athlete_timezone(plan, settings)
    return now.astimezone(ZoneInfo(zone)).date() if zone else now.date()


def default_week_start(
    plan: Plan, settings: Settings, *, now: dt.datetime | None = None
) -> dt.date:
    """The coming Monday in the athlete's time zone (UTC when none is known)."""
    return coming_monday(athlete_today(plan, settings, now=now))


@dataclass(frozen=True)
class WeekContext:
    """How a week relates to today: the planned sessions counted as done for the days that
    have not happened yet, and the notes that say so."""

    projected: tuple[Session, ...]
    notes: tuple[str, ...]


def week_context(
    con: duckdb.DuckDBPyConnection, athlete: str, week_start: dt.date, today: dt.date
) -> WeekContext:
    """A week in the past is planned as of its eve. A week in the future is planned from the
    stored plans of the days before it that have not happened (today's own sessions are
    taken as recorded); every whole week in between must have been planned first."""
    notes: list[str] = []
    current_monday = today - dt.timedelta(days=today.weekday())
    if week_start <= today:
        state = "begun" if week_start == current_monday else "passed"
        notes.append(
            f"The week of {week_start} has {state}: it is planned as of its eve "
            f"({week_start - dt.timedelta(days=1)}), from what was recorded before it."
        )
        return WeekContext((), tuple(notes))
    weeks = [
        current_monday + dt.timedelta(weeks=i)
        for i in range((week_start - current_monday).days // 7)
    ]
    stored = {w: load_week(con, athlete, w) for w in weeks}
    missing = [w for w in weeks[1:] if stored[w] is None]
    if missing:
        listed = ", ".join(str(w) for w in missing)
        raise ConfigError(
            f"cannot plan the week of {week_start} yet: the week(s) of {listed} have not "
            "happened and have no stored plan to count instead. Plan them first, in order: "
            + "; ".join(f"`runlift plan next --week-start {w}`" for w in missing)
        )
    projected = tuple(
        s
        for w in weeks
        if stored[w] is not None
        for s in stored[w].sessions  # type: ignore[union-attr]
        if today < s.date < week_start
    )
    if projected:
        days = sorted({s.date for s in projected})
        span = f"{days[0]}" if len(days) == 1 else f"{days[0]} to {days[-1]}"
        notes.append(
            f"Not lived yet ({span}): the stored plans of those days count as done "
            f"({len(projected)} session(s))."
        )
    if stored[current_monday] is None and week_start > current_monday + dt.timedelta(days=7):
        notes.append(
            f"The rest of the current week (after {today}) has no stored plan: counted as rest."
        )
    return WeekContext(projected, tuple(notes))


def resolve_plan_path(plan_path: Path | str | None, settings: Settings) -> Path:
    """`--plan`, else `[coach] plan` of the config file; a clear error when neither."""
    chosen = Path(plan_path).expanduser() if plan_path else settings.plan_path
    if chosen is None:
        raise ConfigError(
            "no plan file: pass --plan PATH, or set [coach] plan in the config file "
            "(`runlift plan init --template base --out plan.toml` writes one)"
        )
    return chosen


def plan_next_week(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    plan_path: Path | str | None = None,
    *,
    week_start: dt.date | None = None,
    policy_path: Path | str | None = None,
    refresh: bool = True,
    now: dt.datetime | None = None,
) -> PlannedWeek:
    """Adjust and store the week starting `week_start` (default: the coming Monday)."""
    path = resolve_plan_path(plan_path, settings)
    plan_text = read_text(path, what="plan file")
    plan = parse_plan(plan_text, source=str(path))
    chosen_policy = policy_path or settings.policy_path
    policy = load_policy(chosen_policy)
    policy_text = default_policy_text() + (
        "\n" + read_text(chosen_policy, what="policy file") if chosen_policy else ""
    )
    overrides = plan.athlete.model_dump(exclude_none=True)
    report = refresh_marts(con, settings, athlete_overrides=overrides) if refresh else None
    today = athlete_today(plan, settings, now=now)
    start = week_start or coming_monday(today)
    check_week_start(start)
    context = week_context(con, settings.athlete, start, today)
    marts = load_marts(con, settings.athlete)
    signals = signals_from_marts(
        marts,
        start,
        previous_week=previous_sessions(con, settings.athlete, start),
        projected=context.projected,
        notes=context.notes,
    )
    week = adjust_week(plan, signals, policy, start)
    template = build_draft(plan, start, policy)
    save_week(
        con,
        athlete=settings.athlete,
        week=week,
        template=template.template,
        template_km=round(sum(s.km or 0.0 for s in template.template if s.is_run), 1),
        plan_path=str(path.resolve()),
        plan_toml=plan_text,
        policy_text=policy_text,
    )
    log.info(
        "planned %s for %s: %.1f km, %d change(s)",
        start,
        settings.athlete,
        week.planned_km,
        len(week.changes),
    )
    return PlannedWeek(
        settings.athlete, week, template.template, template.template_km, path, report
    )
