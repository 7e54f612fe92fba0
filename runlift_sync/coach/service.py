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
    Policy,
    Session,
    adjust_week,
    build_draft,
    coming_monday,
    default_policy_text,
    parse_plan,
    parse_policy,
)
from rules.io import read_text
from rules.week import check_week_start
from runlift_sync.coach.change_trace import ChangeTracer, WeekTrace
from runlift_sync.coach.compliance_store import refresh_compliance
from runlift_sync.coach.measured_signals import signals_from_marts
from runlift_sync.coach.week_store import (
    Acceptance,
    load_acceptance,
    load_week,
    previous_sessions,
    save_week,
)
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
    trace: WeekTrace | None = None
    """Which change touched which session."""
    accepted: Acceptance | None = None
    """The athlete had already accepted a version of this week: it is kept, not replaced."""


@dataclass(frozen=True)
class PolicyTexts:
    """The policy in force as text: the shipped file and the user's overrides (or None)."""

    shipped: str
    override: str | None
    override_source: str | None = None

    def parse(self) -> Policy:
        return parse_policy(self.shipped, self.override, override_source=self.override_source)

    @property
    def combined(self) -> str:
        """What `plans.policy_sha256` hashes."""
        return self.shipped + ("\n" + self.override if self.override is not None else "")


def read_policy(policy_path: Path | str | None) -> PolicyTexts:
    """The shipped policy with the user's file (if any) over it."""
    override = read_text(policy_path, what="policy file") if policy_path else None
    return PolicyTexts(default_policy_text(), override, str(policy_path) if policy_path else None)


def derive_week(
    con: duckdb.DuckDBPyConnection,
    athlete: str,
    plan: Plan,
    policy: Policy,
    start: dt.date,
    *,
    today: dt.date,
    skip_rules: tuple[str, ...] = (),
) -> tuple[AdjustedWeek, WeekTrace]:
    """The week the rules make of the plan from the marts as they are (nothing refreshed,
    nothing stored), with the trace of which change touched which session. `today` (the
    athlete's, the day it is planned on) decides which days have happened: a week derived
    again on another day gives the same result with the same `today` (`signals.planned_on`)."""
    context = week_context(con, athlete, start, today)
    signals = signals_from_marts(
        load_marts(con, athlete),
        start,
        previous_week=previous_sessions(con, athlete, start),
        projected=context.projected,
        notes=context.notes,
        planned_on=today,
    )
    tracer = ChangeTracer()
    week = adjust_week(plan, signals, policy, start, skip_rules=skip_rules, on_step=tracer)
    return week, tracer.trace(week)


def athlete_timezone(plan: Plan, settings: Settings) -> str | None:
    """The plan's [athlete] timezone, else the config's."""
    return plan.athlete.timezone or settings.timezone


def local_today(zone: str | None, *, now: dt.datetime | None = None) -> dt.date:
    """Today on the athlete's wall clock (UTC when no time zone is known)."""
    now = now or dt.datetime.now(dt.UTC)
    return now.astimezone(ZoneInfo(zone)).date() if zone else now.date()


def default_week_start(
    plan: Plan, settings: Settings, *, now: dt.datetime | None = None
) -> dt.date:
    """The coming Monday in the athlete's time zone (UTC when none is known)."""
    return coming_monday(local_today(athlete_timezone(plan, settings), now=now))


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
    # the version the athlete follows: the accepted one when there is one, else the proposal
    stored = {w: load_week(con, athlete, w, version="shown") for w in weeks}
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


def plan_athlete_overrides(settings: Settings) -> dict[str, object]:
    """The `[athlete]` section of the configured plan file (what `plan_next_week` lays over
    the config), so a refresh before planning models the same athlete; empty without a plan
    file. A plan file that cannot be read raises ConfigError (the plan step reports it)."""
    if settings.plan_path is None:
        return {}
    plan = parse_plan(
        read_text(settings.plan_path, what="plan file"), source=str(settings.plan_path)
    )
    return plan.athlete.model_dump(exclude_none=True)


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
    texts = read_policy(policy_path or settings.policy_path)
    policy = texts.parse()
    overrides = plan.athlete.model_dump(exclude_none=True)
    report = refresh_marts(con, settings, athlete_overrides=overrides) if refresh else None
    today = local_today(athlete_timezone(plan, settings), now=now)
    start = week_start or coming_monday(today)
    check_week_start(start)
    week, trace = derive_week(con, settings.athlete, plan, policy, start, today=today)
    template = build_draft(plan, start, policy)
    save_week(
        con,
        athlete=settings.athlete,
        week=week,
        template=template.template,
        template_km=round(sum(s.km or 0.0 for s in template.template if s.is_run), 1),
        plan_path=str(path.resolve()),
        plan_toml=plan_text,
        policy_text=texts.combined,
        policy_toml=texts.shipped,
        policy_override_toml=texts.override,
        trace=trace,
    )
    decided = load_acceptance(con, settings.athlete, start)
    refresh_compliance(con, settings.athlete, today)
    log.info(
        "planned %s for %s: %.1f km, %d change(s)",
        start,
        settings.athlete,
        week.planned_km,
        len(week.changes),
    )
    return PlannedWeek(
        settings.athlete,
        week,
        template.template,
        template.template_km,
        path,
        report,
        trace,
        decided[0] if decided is not None else None,
    )
