"""`plan_next_week`: the coach end to end on a warehouse writer (the one entry point).

plan file → (its [athlete] section over the config) → refresh the marts → signals measured
before the week → `rules.adjust_week` → the week stored in `plans`, `planned_sessions`,
`plan_changes`. The CLI (`runlift plan next`) and the nightly flow both call this.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import asdict, dataclass
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
from runlift_sync.coach.change_trace import ChangeTracer, WeekTrace
from runlift_sync.coach.compliance_store import refresh_compliance
from runlift_sync.coach.measured_signals import signals_from_marts
from runlift_sync.coach.week_store import (
    Acceptance,
    load_acceptance,
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
    skip_rules: tuple[str, ...] = (),
) -> tuple[AdjustedWeek, WeekTrace]:
    """The week the rules make of the plan from the marts as they are (nothing refreshed,
    nothing stored), with the trace of which change touched which session."""
    marts = load_marts(con, athlete)
    signals = signals_from_marts(marts, start, previous_week=previous_sessions(con, athlete, start))
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
) -> PlannedWeek:
    """Adjust and store the week starting `week_start` (default: the coming Monday)."""
    path = resolve_plan_path(plan_path, settings)
    plan_text = read_text(path, what="plan file")
    plan = parse_plan(plan_text, source=str(path))
    texts = read_policy(policy_path or settings.policy_path)
    policy = texts.parse()
    overrides = {k: v for k, v in asdict(plan.athlete).items() if v is not None}
    report = refresh_marts(con, settings, athlete_overrides=overrides) if refresh else None
    start = week_start or default_week_start(plan, settings)
    week, trace = derive_week(con, settings.athlete, plan, policy, start)
    template = build_draft(plan, start, policy)
    save_week(
        con,
        athlete=settings.athlete,
        week=week,
        template=template.template,
        template_km=round(template.template_km, 1),
        plan_path=str(path.resolve()),
        plan_toml=plan_text,
        policy_text=texts.combined,
        policy_toml=texts.shipped,
        policy_override_toml=texts.override,
        trace=trace,
    )
    decided = load_acceptance(con, settings.athlete, start)
    refresh_compliance(con, settings.athlete, local_today(athlete_timezone(plan, settings)))
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
