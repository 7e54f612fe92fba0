"""Races in the planned week: the race as a session, the taper before it, the recovery after.

- A race is a run of type "race" on its date, its `km` the race distance (None when the plan
  gives none, e.g. the old `race_date`). No volume cap ever shortens it, and the week's caps
  count the other runs (a race is not training volume).
- Taper (`[taper]` of the policy): an A race tapers over `long_days` (half marathon and
  longer, or unknown distance) or `short_days`; the race week is cut by `race_week_cut_pct`,
  the week before by `early_week_cut_pct` when the taper covers at least 4 of its days. A B
  race gets a `b_days` mini-taper (its week cut by `b_cut_pct`, no quality run in those days);
  a C race none: it is trained through.
- Recovery (`[race_recovery]`): easy running only for about a day per `km_per_easy_day` km
  raced (10 km: 3 days, half: 7, marathon: 14), then the plan resumes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from rules.plan import Race
from rules.policy import Policy
from rules.session import Session
from rules.vocab import RACE

TaperWeek = Literal["race_week", "early", "mini"]

_EARLY_WEEK_MIN_DAYS = 4
"""The week before the race week tapers when the taper covers at least this many of its days."""


@dataclass(frozen=True)
class Taper:
    """The taper a week is part of: the race it leads to, and how this week is cut."""

    race: Race
    days: int
    """Length of the whole taper (days before the race)."""
    week: TaperWeek
    cut_pct: float
    """Running volume cut of this week (the race excluded), from the pre-taper level."""

    @property
    def first_day(self) -> date:
        return self.race.date - timedelta(days=self.days)

    def evidence(self) -> dict[str, object]:
        return {
            "race_date": self.race.date.isoformat(),
            "race": self.race.name,
            "distance_km": self.race.distance_km,
            "priority": self.race.priority,
            "taper_days": self.days,
            "taper_week": self.week,
            "cut_pct": self.cut_pct,
        }


@dataclass(frozen=True)
class Recovery:
    """Easy running only from the day after `race` to `last_day` (inclusive)."""

    race: Race
    days: int
    last_day: date


def race_sessions(races: tuple[Race, ...], week_start: date) -> list[Session]:
    """The races of the week as run sessions of type "race"."""
    week_end = week_start + timedelta(days=6)
    return [
        Session(date=r.date, kind="run", type=RACE, km=r.distance_km)
        for r in races
        if week_start <= r.date <= week_end
    ]


def taper_days(race: Race, policy: Policy) -> int:
    """How long the race's taper is (0: none)."""
    tp = policy.taper
    if race.priority == "C":
        return 0
    if race.priority == "B":
        return tp.b_days
    if race.distance_km is None:
        return tp.unknown_distance_days
    return tp.long_days if race.distance_km >= tp.long_race_km else tp.short_days


def taper_for(races: tuple[Race, ...], week_start: date, policy: Policy) -> Taper | None:
    """The taper this week belongs to (the nearest A or B race ahead), or None."""
    week_end = week_start + timedelta(days=6)
    tp = policy.taper
    for race in sorted(races, key=lambda r: (r.date, r.priority)):
        days = taper_days(race, policy)
        if days == 0 or race.date < week_start:
            continue
        if race.priority == "B":
            if race.date - timedelta(days=days) <= week_end:  # the mini-taper reaches the week
                cut = tp.b_cut_pct if race.date <= week_end else 0.0
                return Taper(race, days, "mini", cut)
            continue
        if race.date <= week_end:
            return Taper(race, days, "race_week", tp.race_week_cut_pct)
        race_monday = race.date - timedelta(days=race.date.weekday())
        if race_monday - timedelta(days=7) == week_start:
            first = race.date - timedelta(days=days)
            covered = (week_end - max(first, week_start)).days + 1
            if covered >= _EARLY_WEEK_MIN_DAYS:
                return Taper(race, days, "early", tp.early_week_cut_pct)
    return None


def recovery_days(race: Race, policy: Policy) -> int:
    """Days of easy running after a race: a day per `km_per_easy_day` km raced (at least
    `min_days`), or `unknown_distance_days` for a race without distance."""
    rr = policy.race_recovery
    if race.distance_km is None:
        return rr.unknown_distance_days
    return max(rr.min_days, int(race.distance_km / rr.km_per_easy_day + 1e-9))


def recoveries(races: tuple[Race, ...], week_start: date, policy: Policy) -> list[Recovery]:
    """The recoveries that reach into the week starting `week_start`."""
    found = []
    for race in races:
        days = recovery_days(race, policy)
        last = race.date + timedelta(days=days)
        if race.date < week_start + timedelta(days=7) and last >= week_start:
            found.append(Recovery(race, days, last))
    return found


def in_recovery(day: date, recoveries_: list[Recovery]) -> Recovery | None:
    """The recovery `day` falls in (after the race, up to its last day), if any."""
    return next((r for r in recoveries_ if r.race.date < day <= r.last_day), None)
