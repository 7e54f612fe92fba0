"""Small builders for coach tests: plans, drafts and signals written in a few words."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from rules.io import load_policy
from rules.plan import Exercise, Plan, PlanSession, PlanSettings
from rules.policy import Policy
from rules.signals import LiftDone, LiftSet, RunDone
from rules.vocab import DAYS
from rules.week import DraftWeek, build_draft

MONDAY = date(2026, 11, 30)
"""The planned week in most tests starts on Monday 30 November 2026."""


@cache
def policy() -> Policy:
    return load_policy()


def day(name: str, week_start: date = MONDAY) -> date:
    """The date of weekday `name` in the week starting `week_start`."""
    return week_start + timedelta(days=DAYS.index(name))


def before(days: int, week_start: date = MONDAY) -> date:
    """The date `days` days before the week start (1 = the Sunday before)."""
    return week_start - timedelta(days=days)


def run(d: str, t: str, km: float, slot: str | None = None, **kw: object) -> PlanSession:
    return PlanSession(day=d, kind="run", type=t, km=km, slot=slot, **kw)  # type: ignore[arg-type]


def lift(
    d: str,
    t: str,
    minutes: float | None = 40,
    slot: str | None = None,
    exercises: tuple[Exercise, ...] = (),
    **kw: object,
) -> PlanSession:
    return PlanSession(
        day=d,
        kind="lift",
        type=t,
        minutes=minutes,
        slot=slot,  # type: ignore[arg-type]
        exercises=exercises,
        **kw,
    )


def rest(d: str) -> PlanSession:
    return PlanSession(day=d, kind="rest")  # type: ignore[arg-type]


def squat(
    sets: int = 3, reps: int = 6, load_kg: float | None = 80.0, rest_s: int = 150
) -> Exercise:
    return Exercise(
        "back squat", sets, reps, load_kg=load_kg, rest_s=rest_s, main=True, region="lower"
    )


def make_plan(
    *sessions: PlanSession,
    phase: str = "base",
    weekly_km: float | None = None,
    long_run_km: float | None = None,
    start: date | None = None,
    race_date: date | None = None,
) -> Plan:
    return Plan(
        settings=PlanSettings(
            phase=phase,
            weekly_km=weekly_km,
            long_run_km=long_run_km,  # type: ignore[arg-type]
            start=start,
            race_date=race_date,
        ),
        sessions=tuple(sessions),
    )


def draft_of(*sessions: PlanSession, week_start: date = MONDAY, **plan_kw: object) -> DraftWeek:
    return build_draft(make_plan(*sessions, **plan_kw), week_start, policy())  # type: ignore[arg-type]


def easy_run(
    days_before: int,
    km: float = 8.0,
    minutes: float | None = None,
    hard_minutes: float | None = 0.0,
    week_start: date = MONDAY,
) -> RunDone:
    return RunDone(
        before(days_before, week_start),
        km,
        minutes if minutes is not None else km * 6,
        "easy",
        "easy",
        False,
        hard_minutes,
    )


def hard_run(
    days_before: int,
    km: float = 10.0,
    minutes: float = 50.0,
    hard_minutes: float | None = 20.0,
    run_type: str = "intervals",
    week_start: date = MONDAY,
) -> RunDone:
    return RunDone(
        before(days_before, week_start),
        km,
        minutes,
        "hard",
        run_type,  # type: ignore[arg-type]
        False,
        hard_minutes,
    )


def lifted(
    days_before: int,
    lower_body: bool = True,
    sets: tuple[LiftSet, ...] = (),
    minutes: float = 45.0,
    week_start: date = MONDAY,
) -> LiftDone:
    return LiftDone(before(days_before, week_start), minutes, lower_body, sets)


def squat_sets(
    reps: list[int],
    weight_kg: float = 80.0,
    category: str = "squat",
    fit_name: str | None = "barbell_back_squat",
) -> tuple[LiftSet, ...]:
    """Recorded working sets, named as the watch does: FIT category and exercise name."""
    return tuple(
        LiftSet(
            fit_name or category,
            "lower",
            r,
            weight_kg,
            "active",
            round(weight_kg * (1 + r / 30), 1),
            category=category,
            fit_name=fit_name,
        )
        for r in reps
    )
