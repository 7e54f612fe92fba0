"""Rule 11, race-recovery: after a race, easy running only for a time that grows with the
distance (a day per 3 km raced: 10 km 3 days, half marathon 7, marathon 14), then the plan
resumes. Quality and long runs in those days become easy runs (their km kept)."""

from __future__ import annotations

from dataclasses import replace

from rules.policy import Policy
from rules.races import in_recovery, recoveries
from rules.signals import Signals
from rules.week import Change, DraftWeek, RuleResult

RULE = "race-recovery"


def race_recovery(signals: Signals, draft: DraftWeek, policy: Policy) -> RuleResult:
    """Make every quality and long run in a recovery window easy."""
    del signals
    windows = recoveries(draft.races, draft.week_start, policy)
    changes: list[Change] = []
    for window in windows:
        runs = [
            s
            for s in draft.runs
            if (s.is_quality or s.type == "long") and in_recovery(s.date, windows) is window
        ]
        race = window.race
        why = (
            f"{race.distance_km:g} km raced: a day per {policy.race_recovery.km_per_easy_day:g} km"
            if race.distance_km is not None
            else "distance unknown"
        )
        evidence = {
            "race_date": race.date.isoformat(),
            "race": race.name,
            "distance_km": race.distance_km,
            "priority": race.priority,
            "recovery_days": window.days,
            "easy_until": window.last_day.isoformat(),
            "made_easy": [f"{s.date.isoformat()} {s.type}" for s in runs],
        }
        if not runs:
            draft = draft.with_note(
                f"After {race.label()}: easy running only until {window.last_day} ({why})."
            )
            continue
        draft = draft.with_sessions(
            [replace(s, type="easy") if s in runs else s for s in draft.sessions]
        )
        names = ", ".join(s.label() for s in runs)
        changes.append(
            Change(
                RULE,
                f"After {race.label()}: easy running only until {window.last_day} "
                f"({window.days} days; {why}): {names} made easy",
                evidence,
            )
        )
    return draft, changes
