"""Volume operations on a draft week that only ever remove volume (running km, lifting sets).

Distances are handled in whole tenths of a km and scaled with floor rounding, so a capped week
is never above its cap by rounding. Every operation is deterministic.
"""

from __future__ import annotations

import math
from dataclasses import replace

from rules.measures import round_half_up
from rules.plan import Exercise
from rules.session import Session
from rules.week import DraftWeek

EPS = 1e-6


def tenths(km: float | None) -> int:
    """A distance in whole tenths of a km."""
    return round((km or 0.0) * 10)


def _with_km(session: Session, new_tenths: int) -> Session:
    """A run with a new distance; its minutes (if any) follow in proportion."""
    new_km = new_tenths / 10
    minutes = session.minutes
    if minutes is not None and session.km:
        minutes = float(round_half_up(minutes * new_km / session.km))
    return replace(session, km=new_km, minutes=minutes)


def cap_week_km(draft: DraftWeek, cap_km: float) -> DraftWeek:
    """Scale every run down in proportion so the week's running km is <= `cap_km`."""
    total = sum(tenths(s.km) for s in draft.training_runs)
    cap = max(cap_km, 0.0) * 10
    if total <= cap + EPS:
        return draft
    factor = cap / total
    exact = {i: tenths(s.km) * factor for i, s in enumerate(draft.sessions) if s.is_training_run}
    amounts = {i: math.floor(v + EPS) for i, v in exact.items()}
    short = math.floor(cap + EPS) - sum(amounts.values())
    # Largest remainder: the week lands on the cap (to 0.1 km) without exceeding it.
    for i in sorted(exact, key=lambda i: (-(exact[i] - amounts[i]), i))[: max(short, 0)]:
        if exact[i] - amounts[i] > EPS:
            amounts[i] += 1
    return _apply(draft, amounts)


def cap_runs(draft: DraftWeek, cap_km: float) -> DraftWeek:
    """No run longer than `cap_km`; the km taken off go to the other runs below the cap."""
    cap = math.floor(cap_km * 10 + EPS)
    amounts = {i: tenths(s.km) for i, s in enumerate(draft.sessions) if s.is_training_run}
    surplus = sum(max(a - cap, 0) for a in amounts.values())
    if surplus == 0:
        return draft
    capped = {i: min(a, cap) for i, a in amounts.items()}
    _spread(draft, capped, exclude=None, ceiling=cap, surplus=surplus)
    return _apply(draft, capped)


LONG_SHARE_SLACK_KM = 0.1
"""Distances are whole tenths: a long run may exceed its share of the week by this rounding."""


def long_share_limit(runs: int, share_max: float) -> float:
    """Largest share of the week a long run may take: share_max, or an equal split when the
    week has so few runs that an equal split is larger (3 runs: 1/3)."""
    return max(share_max, 1.0 / runs) if runs else 1.0


def cap_long_share(
    draft: DraftWeek,
    share_max: float,
    run_cap_km: float | None,
    floor_km: float | None = None,
) -> DraftWeek:
    """Each long run <= its allowed share of the week's training km, but never below
    `floor_km` (the longest run of the last 30 days: what the athlete already runs); the km
    taken off go to the other runs (each kept <= the long run and <= `run_cap_km`); what
    cannot be placed is dropped."""
    out = draft
    floor = tenths(floor_km) if floor_km is not None else 0
    for _ in range(len(draft.runs) + 1):
        amounts = {i: tenths(s.km) for i, s in enumerate(out.sessions) if s.is_training_run}
        longs = [i for i in amounts if out.sessions[i].type == "long"]
        if not longs or len(amounts) < 2:
            return out
        limit_share = long_share_limit(len(amounts), share_max)
        total = sum(amounts.values())
        over = [
            i
            for i in longs
            if amounts[i] > limit_share * total + LONG_SHARE_SLACK_KM * 10 + EPS
            and amounts[i] > floor
        ]
        if not over:
            return out
        i = over[0]
        target = max(math.floor(limit_share * total + EPS), floor)
        surplus = amounts[i] - target
        amounts[i] = target
        ceiling = target if run_cap_km is None else min(target, math.floor(run_cap_km * 10 + EPS))
        left = _spread(out, amounts, exclude=i, ceiling=ceiling, surplus=surplus)
        if left > 0:
            # The others cannot take it all: shrink the long run to its share of what remains.
            others = sum(a for j, a in amounts.items() if j != i)
            amounts[i] = min(
                amounts[i],
                max(
                    math.floor(limit_share / (1 - limit_share) * others + EPS)
                    if limit_share < 1
                    else amounts[i],
                    floor,
                ),
            )
        out = _apply(out, amounts)
    return out


def _spread(
    draft: DraftWeek, amounts: dict[int, int], *, exclude: int | None, ceiling: int, surplus: int
) -> int:
    """Add `surplus` tenths to the runs in `amounts` (in place): easy and recovery runs first,
    then the other non-long runs, each up to `ceiling`. Returns what could not be placed."""
    for types in (("easy", "recovery"), ("tempo", "intervals")):
        if surplus <= 0:
            break
        receivers = {
            j: a
            for j, a in amounts.items()
            if j != exclude and draft.sessions[j].type in types and a < ceiling
        }
        filled, surplus = _fill(receivers, dict.fromkeys(receivers, ceiling), surplus)
        amounts.update(filled)
    return surplus


def _fill(
    amounts: dict[int, int], caps: dict[int, int], surplus: int
) -> tuple[dict[int, int], int]:
    """Give `surplus` tenths to `amounts` in proportion to their size, never above `caps`."""
    amounts = dict(amounts)
    while surplus > 0:
        open_ = sorted(i for i in amounts if amounts[i] < caps[i])
        if not open_:
            break
        weight = sum(amounts[i] for i in open_)
        given = 0
        for i in open_:
            share = surplus * amounts[i] // weight if weight else surplus // len(open_)
            add = min(share, caps[i] - amounts[i])
            amounts[i] += add
            given += add
        surplus -= given
        if given == 0:
            for i in open_:
                if surplus == 0:
                    break
                amounts[i] += 1
                surplus -= 1
    return amounts, surplus


def _apply(draft: DraftWeek, amounts: dict[int, int]) -> DraftWeek:
    sessions = [
        _with_km(s, amounts[i]) if i in amounts and amounts[i] != tenths(s.km) else s
        for i, s in enumerate(draft.sessions)
    ]
    return draft.with_sessions(sessions)


# ---------------------------------------------------------------------------------------------
# Lifting


def scale_minutes(session: Session, sets_before: int, min_minutes: float) -> Session:
    """A lift's minutes following its sets (never below `min_minutes`, never above before)."""
    if session.minutes is None or sets_before <= 0 or session.total_sets == sets_before:
        return session
    minutes = session.minutes * session.total_sets / sets_before
    minutes = min(session.minutes, max(min_minutes, float(round_half_up(minutes))))
    return replace(session, minutes=minutes)


def reduce_sets(draft: DraftWeek, max_sets: int, min_minutes: float) -> DraftWeek:
    """Remove lifting sets until the week has <= `max_sets`: accessories before main lifts,
    the exercise with most sets first, later sessions first; never below 1 set an exercise."""
    lifts = {i: list(s.exercises) for i, s in enumerate(draft.sessions) if s.is_lift}
    total = sum(e.sets for exercises in lifts.values() for e in exercises)
    if total <= max_sets:
        return draft
    while total > max_sets:
        candidates = [
            (e.is_main, -e.sets, -i, -j)
            for i, exercises in lifts.items()
            for j, e in enumerate(exercises)
            if e.sets > 1
        ]
        if not candidates:
            break
        _, _, neg_i, neg_j = min(candidates)
        exercise = lifts[-neg_i][-neg_j]
        lifts[-neg_i][-neg_j] = exercise.model_copy(update={"sets": exercise.sets - 1})
        total -= 1
    sessions = []
    for i, s in enumerate(draft.sessions):
        if i in lifts and tuple(lifts[i]) != s.exercises:
            before = s.total_sets
            s = scale_minutes(replace(s, exercises=tuple(lifts[i])), before, min_minutes)
        sessions.append(s)
    return draft.with_sessions(sessions)


def scale_sets(exercise: Exercise, factor: float) -> Exercise:
    """An exercise with its sets × factor (rounded half up, at least 1)."""
    return exercise.model_copy(update={"sets": max(1, round_half_up(exercise.sets * factor))})


def scale_minutes_only(draft: DraftWeek, factor: float, min_minutes: float) -> DraftWeek:
    """Lift sessions written without exercises: minutes × factor (not below `min_minutes`)."""
    sessions = []
    for s in draft.sessions:
        if s.is_lift and not s.exercises and s.minutes is not None:
            minutes = min(s.minutes, max(min_minutes, float(round_half_up(s.minutes * factor))))
            s = replace(s, minutes=minutes)
        sessions.append(s)
    return draft.with_sessions(sessions)


# ---------------------------------------------------------------------------------------------
# Intensity

_SOFTEN_FIRST = {"tempo": 0, "intervals": 1}


def soften_order(run: Session) -> tuple[int, int]:
    """Which quality run is made easier first: tempo before intervals, later in the week first
    (the week's first key session is the one kept)."""
    return _SOFTEN_FIRST.get(run.type or "", 2), -run.date.toordinal()


def soften_hard_runs(
    draft: DraftWeek, count: int, new_type: str
) -> tuple[DraftWeek, list[Session]]:
    """Turn `count` hard runs into `new_type` runs (same distance): tempo runs before interval
    sessions, later in the week first, so the week's first key session is the one kept.
    Returns the new draft and the sessions as they were before."""
    hard = sorted(
        (i for i, s in enumerate(draft.sessions) if s.is_quality),
        key=lambda i: soften_order(draft.sessions[i]),
    )
    chosen = set(hard[: max(count, 0)])
    if not chosen:
        return draft, []
    before = [draft.sessions[i] for i in sorted(chosen)]
    sessions = [
        replace(s, type=new_type) if i in chosen else s for i, s in enumerate(draft.sessions)
    ]
    return draft.with_sessions(sessions), before
