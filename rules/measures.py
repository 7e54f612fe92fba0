"""Numbers the rules derive from the signals: hard share, recent level, restarts, lift volume."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from rules.policy import Policy
from rules.signals import Signals
from rules.week import DraftWeek


@dataclass(frozen=True)
class HardShare:
    """Share of running time above the easy ceiling over a window."""

    hard_minutes: float
    total_minutes: float
    hard_runs: int
    runs: int
    runs_without_hr: int

    @property
    def share(self) -> float:
        return self.hard_minutes / self.total_minutes if self.total_minutes > 0 else 0.0


def hard_share(signals: Signals, week_start: date, policy: Policy) -> HardShare | None:
    """Hard share of the runs in the window before `week_start`; None when nothing was run.

    A run's hard time is its `hard_minutes` (time above the easy ceiling, so moderate counts
    as hard); a run without HR counts entirely as hard when classified hard, else as easy.
    """
    begin = week_start - timedelta(days=policy.eighty_twenty.window_days)
    window = [r for r in signals.runs if begin <= r.local_date < week_start]
    total = sum(r.minutes for r in window)
    if not window or total <= 0:
        return None
    hard_each = [
        r.hard_minutes
        if r.hard_minutes is not None
        else (r.minutes if r.intensity == "hard" else 0.0)
        for r in window
    ]
    return HardShare(
        hard_minutes=sum(hard_each),
        total_minutes=total,
        hard_runs=sum(1 for h in hard_each if h > 0),
        runs=len(window),
        runs_without_hr=sum(1 for r in window if r.hard_minutes is None),
    )


@dataclass(frozen=True)
class RecentLevel:
    """The running level the ramp, the fatigue rule and the taper measure from."""

    last_week_km: float
    mean_km: float
    """The chronic level: mean km of the last `weeks` weeks."""
    weeks: int
    acute_lift_max: float

    @property
    def level_km(self) -> float:
        """The chronic level, which last week may lift by at most `acute_lift_max`: a spike
        is not a new level (max(chronic, min(last week, chronic x (1 + lift))))."""
        if self.last_week_km <= self.mean_km:
            return self.mean_km
        return min(self.last_week_km, self.mean_km * (1 + self.acute_lift_max))


def recent_level(signals: Signals, policy: Policy) -> RecentLevel | None:
    """The recent running level, or None without any completed week of history."""
    if not signals.weekly_km:
        return None
    ramp = policy.mileage_ramp
    weeks = signals.weekly_km[-ramp.reference_weeks :]
    return RecentLevel(
        last_week_km=signals.weekly_km[-1],
        mean_km=sum(weeks) / len(weeks),
        weeks=len(weeks),
        acute_lift_max=ramp.acute_lift_max,
    )


def ramp_cap_km(signals: Signals, policy: Policy) -> float | None:
    """Week km cap of the mileage ramp: max(min_cap_km, max_ratio × level); None: no history."""
    level = recent_level(signals, policy)
    if level is None:
        return None
    ramp = policy.mileage_ramp
    return max(ramp.min_cap_km, ramp.max_ratio * level.level_km)


def single_run_cap_km(signals: Signals, policy: Policy) -> float | None:
    """No run longer than max_run_ratio × the longest run of the last 30 days (None: no run)."""
    if signals.longest_run_30d_km is None or signals.longest_run_30d_km <= 0:
        return None
    return policy.mileage_ramp.max_run_ratio * signals.longest_run_30d_km


def restart_pct(days_since: int | None, policy: Policy) -> float | None:
    """Share of the planned volume to restart at after a break; None when no break."""
    missed = policy.missed_sessions
    if days_since is None or days_since <= missed.restart_after_days:
        return None
    if days_since >= missed.restart_long_days:
        return missed.restart_pct_long
    if days_since >= missed.restart_mid_days:
        return missed.restart_pct_mid
    return missed.restart_pct_short


def comeback_week(
    signals: Signals, week_start: date, policy: Policy
) -> tuple[int, int, str] | None:
    """(week back, easy weeks, why) when the week is among the easy weeks after a break:
    the first week after > `restart_after_days` without running, the first
    `easy_weeks_after_long_break` weeks after `long_break_days` or more (or after weeks of
    data without any run, e.g. only lifting); None otherwise."""
    missed = policy.missed_sessions
    since = signals.days_since_last_run
    history = signals.fitness.history_days
    long_weeks = missed.easy_weeks_after_long_break
    if since is None:
        if history is not None and history >= missed.long_break_days and long_weeks:
            return 1, long_weeks, f"no run in {history} days of training data"
        return None
    if since > missed.long_break_days and long_weeks:
        return 1, long_weeks, f"{since} days since the last run (4+ weeks)"
    for brk in reversed(signals.run_breaks):
        # the week the first run came in was week 1 back; each week since adds one
        week = math.ceil((week_start - brk.first_run).days / 7) + 1
        if brk.days >= missed.long_break_days and week <= long_weeks:
            before = f"{brk.days} days without running" + (
                "" if brk.last_run is not None else " (no run before)"
            )
            return week, long_weeks, f"running again since {brk.first_run} after {before}"
    if since > missed.restart_after_days:
        return 1, 1, f"{since} days since the last run (> {missed.restart_after_days})"
    return None


def is_recovery_week(draft: DraftWeek, policy: Policy) -> bool:
    """Every `every_weeks`-th plan week counted from [plan] start is a recovery week."""
    every = policy.scheduled_recovery.every_weeks
    return draft.plan_week is not None and draft.plan_week >= 1 and draft.plan_week % every == 0


def last_week_lift_sets(signals: Signals, week_start: date) -> int | None:
    """Working sets lifted in the 7 days before the week; None when unknown or no lifting.

    Unknown when a session of that week was recorded without sets (volume not measured).
    """
    begin = week_start - timedelta(days=7)
    week = [lift for lift in signals.lifts if begin <= lift.local_date < week_start]
    if not week or any(not lift.sets for lift in week):
        return None
    total = sum(1 for lift in week for s in lift.sets if s.is_working)
    return total or None


def last_week_km(signals: Signals) -> float | None:
    """Run km of the week just before, or None without history."""
    return signals.weekly_km[-1] if signals.weekly_km else None


def round_half_up(value: float) -> int:
    """Round to the nearest whole number, halves up (deterministic, unlike banker's rounding)."""
    return math.floor(value + 0.5)


def km1(value: float) -> float:
    """A distance rounded to 0.1 km for display and evidence."""
    return round(value + 0.0, 1)
