"""The planned week's load and where it takes fitness, fatigue and form (pure).

A planned session's load is estimated from the athlete's own recent sessions (the 42 days
before the week): the median load per km of easy runs and of hard runs, the median load per
minute of lifting (or per session when no minutes are planned). CTL and ATL then continue
from the last measured day with the model's own EWMA (`model.fitness.ewma`, τ 42 and 7 d) and
TSB is the form of the morning (CTL − ATL of the day before), as in the `fitness` mart.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from rules import Session
from runlift_sync.model.fitness import ewma
from runlift_sync.model.model_policy import DEFAULT_POLICY, ModelPolicy
from runlift_sync.review.review_data import FitnessDay, LoadSample


@dataclass(frozen=True)
class LoadRates:
    """Typical load of the athlete's sessions (None: no sample to go by)."""

    easy_per_km: float | None
    hard_per_km: float | None
    lift_per_minute: float | None
    lift_per_session: float | None


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def load_rates(samples: Sequence[LoadSample]) -> LoadRates:
    """Median loads of recent runs (per km, easy and hard apart) and lifts."""
    runs = [s for s in samples if s.kind == "run" and s.km and s.km > 0.5]
    lifts = [s for s in samples if s.kind == "lift"]
    easy = _median([s.load / s.km for s in runs if not s.hard and s.km])
    hard = _median([s.load / s.km for s in runs if s.hard and s.km])
    return LoadRates(
        easy_per_km=easy if easy is not None else hard,
        hard_per_km=hard if hard is not None else easy,
        lift_per_minute=_median([s.load / s.minutes for s in lifts if s.minutes]),
        lift_per_session=_median([s.load for s in lifts]),
    )


def planned_load(session: Session, rates: LoadRates) -> float | None:
    """The load a planned session should bring (None when nothing says how much)."""
    if session.is_run:
        rate = rates.hard_per_km if session.is_hard else rates.easy_per_km
        return None if rate is None or session.km is None else rate * session.km
    if session.is_lift:
        if session.minutes is not None and rates.lift_per_minute is not None:
            return rates.lift_per_minute * session.minutes
        return rates.lift_per_session
    return 0.0


@dataclass(frozen=True)
class Projection:
    """Fitness, fatigue and form day by day through the planned week."""

    days: tuple[FitnessDay, ...]
    """From the last measured day (the anchor, as measured) to the week's Sunday."""
    unknown: tuple[Session, ...]
    """Planned sessions whose load could not be estimated (counted as 0)."""


def project_fitness(
    history: Sequence[FitnessDay],
    sessions: Sequence[Session],
    rates: LoadRates,
    last_day: dt.date,
    policy: ModelPolicy = DEFAULT_POLICY,
) -> Projection | None:
    """CTL/ATL/TSB from the last measured day through `last_day` with the planned loads."""
    if not history:
        return None
    anchor = history[-1]
    days = [anchor.date + dt.timedelta(days=k) for k in range(1, (last_day - anchor.date).days + 1)]
    if not days:
        return None
    loads: dict[dt.date, float] = {}
    unknown: list[Session] = []
    for session in sessions:
        load = planned_load(session, rates)
        if load is None:
            unknown.append(session)
            load = 0.0
        loads[session.date] = loads.get(session.date, 0.0) + load
    daily = [loads.get(day, 0.0) for day in days]
    ctl = ewma(daily, policy.ctl_days, anchor.ctl)
    atl = ewma(daily, policy.atl_days, anchor.atl)
    previous = [(anchor.ctl, anchor.atl), *zip(ctl, atl, strict=True)]
    projected = [
        FitnessDay(day, load, c, a, pc - pa)
        for day, load, c, a, (pc, pa) in zip(days, daily, ctl, atl, previous, strict=False)
    ]
    return Projection((anchor, *projected), tuple(unknown))
