"""Rule 10, taper: before an A race, running volume (the race excluded) falls 40-60% over the
last 7-14 days with intensity kept; a B race gets a mini-taper; a C race none.

- Volume: the week's training km <= the pre-taper level (the recent level of the ramp, else
  the plan's km) less `early_week_cut_pct` (the week before the race week of a 14-day taper)
  or `race_week_cut_pct` (the race week) or `b_cut_pct` (a B race's week), and never more than
  the week before: a taper week is never longer than the week before it.
- Intensity kept: in an A race week, one short quality session at least
  `quality_min_days_before` days before the race (the first one, moved earlier when it is too
  close); the other quality runs become easy. A B race: no quality run in its `b_days`.
- No long run in the `no_long_run_days` days before the race (it becomes an easy run).
- Lifting: `lifting-by-phase` places the last heavy legs 5-7 days out; the legs rule keeps
  lower-body lifts off the 2 days before any race.
Taper beats every "progress" decision: its cap is one of the week caps, and the lowest wins.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from rules.measures import km1, last_week_km, recent_level
from rules.policy import Policy
from rules.races import Taper
from rules.session import Session
from rules.signals import Signals
from rules.volume import cap_week_km
from rules.week import Change, DraftWeek, RuleResult, run_in_order

RULE = "taper"


def taper_cap_km(signals: Signals, draft: DraftWeek, policy: Policy) -> float | None:
    """The week's training-km cap of the taper (None: no taper cut this week)."""
    taper = draft.taper
    if taper is None or taper.cut_pct <= 0:
        return None
    level = recent_level(signals, policy)
    reference = level.level_km if level is not None else draft.template_km
    cap = reference * (1 - taper.cut_pct)
    last = last_week_km(signals)
    return cap if last is None else min(cap, last)


def taper(signals: Signals, draft: DraftWeek, policy: Policy) -> RuleResult:
    """Cut the volume, keep one early quality session, no long run just before the race."""
    if draft.taper is None:
        return draft, []
    return run_in_order(signals, draft, policy, (_cut_volume, _quality, _no_long_run))


def _cut_volume(
    signals: Signals, draft: DraftWeek, policy: Policy
) -> tuple[DraftWeek, list[Change]]:
    t = _taper(draft)
    cap = taper_cap_km(signals, draft, policy)
    if cap is None:
        return draft, []
    before = draft.run_km
    draft = cap_week_km(draft, cap)
    level = recent_level(signals, policy)
    last = last_week_km(signals)
    reference = level.level_km if level is not None else draft.template_km
    which = {
        "race_week": "race week",
        "early": "first taper week",
        "mini": "mini-taper week",
    }[t.week]
    message = (
        f"{t.race.label()}: {which} of a {t.days}-day taper, running -{t.cut_pct:.0%} of the "
        f"pre-taper level {km1(reference):g} km"
        + (f" and no more than last week's {km1(last):g} km" if last is not None else "")
        + f": {km1(before):g} -> {km1(draft.run_km):g} km (the race not counted)"
    )
    evidence = t.evidence()
    evidence.update(
        reference_km=km1(reference),
        reference="recent level" if level is not None else "plan",
        last_week_km=None if last is None else km1(last),
        cap_km=km1(cap),
        km_before=km1(before),
        km_after=km1(draft.run_km),
    )
    return draft, [Change(RULE, message, evidence)]


def _quality(signals: Signals, draft: DraftWeek, policy: Policy) -> tuple[DraftWeek, list[Change]]:
    """A race week keeps one quality session early; a mini-taper none in its days."""
    del signals
    t = _taper(draft)
    tp = policy.taper
    race = t.race.date
    quality = sorted((s for s in draft.runs if s.is_quality), key=lambda s: s.date)
    if t.week == "mini":
        first = race - timedelta(days=t.days)
        late = [s for s in quality if first <= s.date < race]
        return _made_easy(
            draft,
            late,
            f"{t.race.label()}: no quality run in the {t.days} days before a B race (mini-taper)",
            t,
        )
    if t.week != "race_week" or not quality:
        return draft, []
    latest = race - timedelta(days=tp.quality_min_days_before)
    kept = quality[0]
    moved = ""
    if kept.date > latest:
        swap = _earlier_easy_run(draft, kept, latest)
        if swap is None:
            return _made_easy(
                draft,
                quality,
                f"{t.race.label()}: no day of the race week is {tp.quality_min_days_before}+ "
                "days before the race for a quality session",
                t,
            )
        easy_run, day = swap
        sessions = [
            replace(s, date=day)
            if s is kept
            else replace(s, date=kept.date)
            if s is easy_run
            else s
            for s in draft.sessions
        ]
        draft = draft.with_sessions(sessions)
        moved = f"{kept.label()} moved to {day:%a} ({(race - day).days} days before the race); "
        kept = replace(kept, date=day)
    others = [s for s in draft.runs if s.is_quality and s.date != kept.date]
    if not others and not moved:
        return draft, []
    draft, changes = _made_easy(
        draft,
        others,
        f"{t.race.label()}: race week keeps one short quality session early ({moved}"
        f"{kept.type} on {kept.date:%a})",
        t,
    )
    if not changes and moved:
        changes = [Change(RULE, f"{t.race.label()}: {moved.rstrip('; ')}", t.evidence())]
    return draft, changes


def _taper(draft: DraftWeek) -> Taper:
    assert draft.taper is not None  # the rule runs its steps only in a taper
    return draft.taper


def _earlier_easy_run(draft: DraftWeek, run: Session, latest: date) -> tuple[Session, date] | None:
    """An easy or recovery run on a day from the week start to `latest` to swap with `run`."""
    for s in sorted(draft.runs, key=lambda s: s.date, reverse=True):
        if s.type in ("easy", "recovery") and draft.week_start <= s.date <= latest:
            return s, s.date
    return None


def _no_long_run(
    signals: Signals, draft: DraftWeek, policy: Policy
) -> tuple[DraftWeek, list[Change]]:
    del signals
    t = _taper(draft)
    race = t.race.date
    close = [
        s
        for s in draft.runs
        if s.type == "long" and 0 < (race - s.date).days <= policy.taper.no_long_run_days
    ]
    return _made_easy(
        draft,
        close,
        f"{t.race.label()}: no long run in the {policy.taper.no_long_run_days} days before "
        "the race",
        t,
    )


def _made_easy(
    draft: DraftWeek, runs: list[Session], why: str, t: Taper
) -> tuple[DraftWeek, list[Change]]:
    if not runs:
        return draft, []
    sessions = [replace(s, type="easy") if s in runs else s for s in draft.sessions]
    names = ", ".join(s.label() for s in runs)
    evidence = t.evidence()
    evidence["made_easy"] = [f"{s.date.isoformat()} {s.type}" for s in runs]
    return draft.with_sessions(sessions), [Change(RULE, f"{why}: {names} made easy", evidence)]
