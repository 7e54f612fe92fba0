"""The draft week the rules pass along, the Change they report, and the draft built from a plan."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from rules.errors import ConfigError
from rules.exercises import body_region, fit_exercise
from rules.plan import Exercise, Plan, Race
from rules.policy import Policy
from rules.races import Taper, race_sessions, taper_for
from rules.session import Session, ordered
from rules.vocab import DAYS, Phase

Evidence = dict[str, Any]


@dataclass(frozen=True)
class Change:
    """One adjustment (or decision) of one rule, with the measured numbers behind it."""

    rule: str
    """Kebab-case rule id, e.g. "legs-before-key-run"."""
    message: str
    """A human sentence with the numbers."""
    evidence: Evidence = field(default_factory=dict)
    """The measured numbers that triggered it (JSON-ready: numbers, strings, lists, None)."""


@dataclass(frozen=True)
class DraftWeek:
    """The week being adjusted: sessions plus the context every rule reads."""

    week_start: date
    phase: Phase
    sessions: tuple[Session, ...]
    template: tuple[Session, ...]
    """The sessions as the plan wrote them for this week, before any rule."""
    plan_week: int | None = None
    """Week number counted from [plan] start (1 = the start week); None without a start."""
    block_name: str | None = None
    races: tuple[Race, ...] = ()
    """Every race of the plan (past ones too: the recovery after them)."""
    taper: Taper | None = None
    """The taper this week is part of (A or B race ahead), if any."""
    plan_lifts: bool = False
    """Whether the plan lifts at all (then the never-10-days-without-lifting rule applies)."""
    prescribed_sets: int = 0
    """Lifting sets as prescribed before any cut (set by heavy-lifting-progression): the
    reference for fatigue cuts when the plan itself lists no exercises."""
    notes: tuple[str, ...] = ()

    @property
    def week_end(self) -> date:
        """The Sunday of the week."""
        return self.week_start + timedelta(days=6)

    @property
    def runs(self) -> tuple[Session, ...]:
        return tuple(s for s in self.sessions if s.is_run)

    @property
    def lifts(self) -> tuple[Session, ...]:
        return tuple(s for s in self.sessions if s.is_lift)

    @property
    def training_runs(self) -> tuple[Session, ...]:
        """The runs that are training: every run but races (what the volume caps limit)."""
        return tuple(s for s in self.sessions if s.is_run and not s.is_race)

    @property
    def run_km(self) -> float:
        """Planned running km of the draft, races excluded (a race is not training volume:
        no cap shortens it, and the caps count the other runs)."""
        return sum(s.km or 0.0 for s in self.training_runs)

    @property
    def template_km(self) -> float:
        """Running km the plan asked for this week, races excluded."""
        return sum(s.km or 0.0 for s in self.template if s.is_run and not s.is_race)

    @property
    def race_dates(self) -> tuple[date, ...]:
        """Dates of the races in this week."""
        return tuple(s.date for s in self.sessions if s.is_race)

    @property
    def template_sets(self) -> int:
        """Lifting sets the plan asked for this week."""
        return sum(s.total_sets for s in self.template if s.is_lift)

    @property
    def reference_sets(self) -> int:
        """The sets fatigue cuts are measured from: the plan's, else the coach's prescription."""
        return self.template_sets or self.prescribed_sets

    @property
    def lift_sets(self) -> int:
        return sum(s.total_sets for s in self.lifts)

    def with_sessions(self, sessions: list[Session] | tuple[Session, ...]) -> DraftWeek:
        """The same week with other sessions (kept in canonical order)."""
        return replace(self, sessions=ordered(sessions))

    def with_note(self, note: str) -> DraftWeek:
        return replace(self, notes=(*self.notes, note))


def check_week_start(week_start: date) -> None:
    """Weeks start on Monday (ISO weeks, as in `weekly_summary`)."""
    if week_start.weekday() != 0:
        monday = week_start - timedelta(days=week_start.weekday())
        raise ConfigError(
            f"week start {week_start} is a {week_start:%A}; weeks start on a Monday "
            f"(use {monday} or {monday + timedelta(days=7)})"
        )


def coming_monday(today: date) -> date:
    """The Monday after `today` (today itself is never the coming Monday): the default week
    start of `runlift plan next`, with `today` taken in the athlete's time zone."""
    return today + timedelta(days=7 - today.weekday())


def build_draft(plan: Plan, week_start: date, policy: Policy) -> DraftWeek:
    """The plan's week starting `week_start`, before any rule: dates, phase, km per run."""
    check_week_start(week_start)
    notes: list[str] = []
    settings = plan.settings
    plan_week: int | None = None
    template_week: int | None = None
    if settings.start is not None:
        plan_week = (week_start - settings.start).days // 7 + 1
        template_week = plan_week
        last = plan.last_week
        if plan_week < 1:
            template_week = 1
            notes.append(f"The plan starts on {settings.start}; this week uses its week 1.")
        elif last is not None and plan_week > last:
            template_week = last
            notes.append(
                f"The plan's {last} weeks ended; this week repeats its week {last}. "
                "Write the next block or run `runlift plan init` again."
            )
    block = plan.block_for(template_week)
    phase: Phase = block.phase if block else settings.phase
    weekly_km = (block.weekly_km if block else None) or settings.weekly_km
    long_km = (block.long_run_km if block else None) or settings.long_run_km
    races = plan.all_races
    taper = taper_for(races, week_start, policy)
    if taper is not None:
        notes.append(_taper_note(taper))
        if taper.week in ("race_week", "early") and phase != "taper":
            phase = "taper"
    raced = race_sessions(races, week_start)
    race_days = {r.date for r in raced}
    sessions = [
        Session(
            date=week_start + timedelta(days=DAYS.index(s.day)),
            kind=s.kind,
            type=s.type,
            km=s.km,
            minutes=s.minutes,
            slot=s.slot,
            exercises=tuple(_resolved(e) for e in s.exercises),
        )
        for s in plan.sessions
        if s.in_week(template_week)
    ]
    replaced = [s for s in sessions if s.is_run and s.date in race_days]
    if replaced:
        names = ", ".join(s.label() for s in replaced)
        notes.append(f"The race replaces the planned {names}.")
    sessions = [s for s in sessions if s not in replaced]
    sessions = _distribute_km(sessions, weekly_km, long_km) + raced
    built = ordered(sessions)
    return DraftWeek(
        week_start=week_start,
        phase=phase,
        sessions=built,
        template=built,
        plan_week=plan_week,
        block_name=block.name if block else None,
        races=races,
        taper=taper,
        plan_lifts=plan.has_lifting,
        notes=tuple(notes),
    )


def _resolved(exercise: Exercise) -> Exercise:
    """A plan exercise with what the rules read filled in: whether it is a main lift, and its
    body region from its FIT category when the plan gives none."""
    update: dict[str, object] = {"main": exercise.is_main}
    if exercise.region is None:
        fit = fit_exercise(exercise)
        region = body_region(fit.category) if fit is not None else None
        if region is not None:
            update["region"] = region
            update["main"] = exercise.model_copy(update={"region": region}).is_main
    return exercise.model_copy(update=update)


def _taper_note(taper: Taper) -> str:
    race = taper.race.label()
    if taper.week == "mini":
        return f"{race}: a {taper.days}-day mini-taper reaches this week."
    which = "its race week" if taper.week == "race_week" else "its first week"
    return f"{race}: this week is {which} of a {taper.days}-day taper."


def _distribute_km(
    sessions: list[Session], weekly_km: float | None, long_km: float | None
) -> list[Session]:
    """Long runs take long_run_km; the other runs share the rest of weekly_km by their km."""
    runs = [s for s in sessions if s.is_run]
    fixed: dict[int, float] = {}
    for i, s in enumerate(sessions):
        if s.is_run and s.type == "long" and (long_km is not None or s.km is not None):
            fixed[i] = long_km if long_km is not None else float(s.km or 0.0)
    flexible = [i for i, s in enumerate(sessions) if s.is_run and i not in fixed]
    km: dict[int, float] = dict(fixed)
    if weekly_km is None or not runs:
        for i in flexible:
            km[i] = float(sessions[i].km or 0.0)
    elif flexible:
        known = [sessions[i].km for i in flexible if sessions[i].km is not None]
        default_weight = sum(known) / len(known) if known else 1.0
        weights = {
            i: sessions[i].km if sessions[i].km is not None else default_weight for i in flexible
        }
        room = max(weekly_km - sum(fixed.values()), 0.0)
        total_weight = sum(weights.values())
        for i in flexible:
            km[i] = room * weights[i] / total_weight
    tenths = _whole_tenths(km)
    out = []
    for i, s in enumerate(sessions):
        if i not in tenths:
            out.append(s)
            continue
        new_km = tenths[i] / 10
        minutes = s.minutes
        if minutes is not None and s.km:
            minutes = float(round(minutes * new_km / s.km))
        out.append(replace(s, km=new_km, minutes=minutes))
    return out


RuleResult = tuple[DraftWeek, list[Change]]
"""What every rule returns: the new draft and the changes it made, with evidence."""


def run_in_order(
    signals: Any, draft: DraftWeek, policy: Policy, steps: Sequence[Callable[..., RuleResult]]
) -> RuleResult:
    """Apply `(signals, draft, policy) -> (draft, changes)` steps one after the other (a rule
    made of steps, and the rulebook itself), collecting their changes in order."""
    changes: list[Change] = []
    for step in steps:
        draft, made = step(signals, draft, policy)
        changes += made
    return draft, changes


def _whole_tenths(km: dict[int, float]) -> dict[int, int]:
    """Distances in whole tenths of a km that add up to the rounded total (largest remainder)."""
    total = round(sum(km.values()) * 10)
    floors = {i: int(v * 10 + 1e-9) for i, v in km.items()}
    short = total - sum(floors.values())
    by_remainder = sorted(km, key=lambda i: (-(km[i] * 10 - floors[i]), i))
    for i in by_remainder[: max(short, 0)]:
        floors[i] += 1
    return floors
