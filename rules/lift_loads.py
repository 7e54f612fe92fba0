"""Lifting look-ups on the signals: estimated 1RM and last performance of an exercise (matched
by its FIT category and name, `rules.exercises`), and loads."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta

from rules.exercises import FitExercise
from rules.signals import LiftSet, Signals

_SEPARATORS = re.compile(r"[\s_\-]+")


def words(name: str) -> tuple[str, ...]:
    """An exercise name as lower-case words ("BARBELL_BACK_SQUAT" -> barbell, back, squat)."""
    return tuple(w for w in _SEPARATORS.split(name.lower()) if w)


def is_set_of(exercise: FitExercise | None, recorded: LiftSet) -> bool:
    """Whether a recorded set is of `exercise` (None: an exercise no FIT enum names, which
    no recorded set matches)."""
    return exercise is not None and exercise.matches(recorded.category, recorded.fit_name)


def best_e1rm(
    signals: Signals, exercise: FitExercise | None, week_start: date, window_days: int
) -> float | None:
    """The highest estimated 1RM of `exercise` over the window before `week_start`."""
    begin = week_start - timedelta(days=window_days)
    values = [
        s.est_1rm_kg
        for lift in signals.lifts
        if begin <= lift.local_date < week_start
        for s in lift.sets
        if s.is_working and s.est_1rm_kg is not None and is_set_of(exercise, s)
    ]
    return max(values) if values else None


@dataclass(frozen=True)
class Performance:
    """The working sets of one exercise in its most recent session."""

    local_date: date
    sets: tuple[LiftSet, ...]


def last_performance(
    signals: Signals, exercise: FitExercise | None, week_start: date, window_days: int
) -> Performance | None:
    """The most recent session (within the window) with working sets of `exercise`."""
    begin = week_start - timedelta(days=window_days)
    for lift in sorted(signals.lifts, key=lambda x: x.local_date, reverse=True):
        if not begin <= lift.local_date < week_start:
            continue
        sets = tuple(s for s in lift.sets if s.is_working and is_set_of(exercise, s))
        if sets:
            return Performance(lift.local_date, sets)
    return None


def round_load(kg: float, step: float, *, up: bool = False) -> float:
    """A load rounded down (or up) to a multiple of `step` kg."""
    ratio = kg / step
    units = math.ceil(ratio - 1e-9) if up else math.floor(ratio + 1e-9)
    return round(units * step, 2)
