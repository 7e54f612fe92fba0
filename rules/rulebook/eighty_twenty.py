"""Rule 1, eighty-twenty, by days as the seed states it ("80/20 rule of easy to hard days").

A hard day holds a hard run or a lower-body lift (`rules.hard_days`). Looking ahead, the
planned week holds at most `max_hard_days` of them (2 for 5-7 training days, 1 for fewer);
looking back, hard days done over the limits of the last `debt_window_weeks` weeks are a debt,
paid back over at least `debt_weeks` weeks (at most ceil(debt / debt_weeks) hard days fewer
this week). Never by dropping every quality run: outside a deload, a restart or a taper (whose
rules decide themselves), a week keeps at least one.

Surplus hard days go, in this order, so that the least is lost:
1. a lower-body lift moves to the afternoon of a quality-run day (run am, lift pm, as the seed
   suggests), where the legs rule and the taper allow it, and not when emptying its day would
   leave the week so few training days that it may hold fewer hard days;
2. a quality run becomes easy (tempo before intervals, later in the week first; never the last
   one);
3. a lower-body lift on a day of its own becomes upper body, of the same sets and reps.

Time above VT1 stays the second measure: reported in the evidence (`hard_share`), not acted on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, timedelta

from rules.hard_days import (
    hard_days,
    max_hard_days,
    recorded_hard_days,
    recorded_training_days,
    training_days,
)
from rules.measures import hard_share
from rules.placement import placements
from rules.plan import Exercise
from rules.policy import Policy
from rules.rulebook.lifting_by_phase import lower_lift_allowed
from rules.session import Session
from rules.signals import Signals
from rules.volume import soften_order
from rules.week import Change, DraftWeek, RuleResult

RULE = "eighty-twenty"


@dataclass(frozen=True)
class WeekDays:
    """Hard and training days done in one past week, and its limit."""

    week_start: date
    hard_days: int
    training_days: int
    limit: int

    @property
    def over(self) -> int:
        return self.hard_days - self.limit


def recorded_weeks(signals: Signals, week_start: date, policy: Policy) -> list[WeekDays]:
    """The last `debt_window_weeks` weeks before `week_start`, oldest first (weeks before the
    first recorded activity left out)."""
    et = policy.eighty_twenty
    first = min(
        [r.local_date for r in signals.runs] + [x.local_date for x in signals.lifts],
        default=None,
    )
    weeks = []
    for back in range(et.debt_window_weeks, 0, -1):
        monday = week_start - timedelta(weeks=back)
        sunday = monday + timedelta(days=6)
        if first is None or sunday < first:
            continue
        runs = [r for r in signals.runs if monday <= r.local_date <= sunday]
        lifts = [x for x in signals.lifts if monday <= x.local_date <= sunday]
        trained = len(recorded_training_days(runs, lifts))
        weeks.append(
            WeekDays(
                monday,
                len(recorded_hard_days(runs, lifts)),
                trained,
                max_hard_days(trained, et),
            )
        )
    return weeks


def hard_day_debt(weeks: list[WeekDays]) -> int:
    """Hard days over the limits, net over the weeks (a lighter week pays back)."""
    return max(0, sum(w.over for w in weeks))


def eighty_twenty(signals: Signals, draft: DraftWeek, policy: Policy) -> RuleResult:
    """Keep the planned week within its hard days, less what pays back the debt."""
    et = policy.eighty_twenty
    planned = hard_days(draft.sessions)
    trained = len(training_days(draft.sessions))
    limit = max_hard_days(trained, et)
    weeks = recorded_weeks(signals, draft.week_start, policy)
    debt = hard_day_debt(weeks)
    pay = math.ceil(debt / et.debt_weeks)
    # the debt never takes the week's races (they stay) nor its last quality run
    races = len(set(draft.race_dates))
    keep = races + (1 if any(s.is_quality for s in draft.runs) and races < limit else 0)
    allowed = max(limit - pay, keep)
    if len(planned) <= allowed:
        return draft, []
    draft, actions = limit_hard_days(draft, allowed, policy)
    if not actions:
        return draft, []
    after = hard_days(draft.sessions)
    share = hard_share(signals, draft.week_start, policy)
    why = f"{len(planned)} hard days planned in {trained} training days (80/20 of days: max {limit}"
    if pay:
        done = ", ".join(f"{w.hard_days} of {w.training_days}" for w in weeks)
        why += (
            f"; {debt} hard day(s) over the limit in the last {len(weeks)} weeks ({done} days), "
            f"paid back {pay} a week"
        )
    why += ")"
    return draft, [
        Change(
            RULE,
            f"{why}: {'; '.join(actions)}; {len(after)} hard day(s) left",
            {
                "training_days": trained,
                "max_hard_days": limit,
                "hard_days_planned": len(planned),
                "hard_day_debt": debt,
                "debt_paid_this_week": pay,
                "allowed_hard_days": allowed,
                "hard_days_after": len(after),
                "recorded_weeks": [
                    {
                        "week_start": w.week_start.isoformat(),
                        "hard_days": w.hard_days,
                        "training_days": w.training_days,
                        "max_hard_days": w.limit,
                    }
                    for w in weeks
                ],
                "hard_share": None if share is None else round(share.share, 3),
                "hard_share_max": et.hard_share_max,
            },
        )
    ]


def limit_hard_days(
    draft: DraftWeek, allowed: int, policy: Policy, *, keep_quality: int = 1
) -> tuple[DraftWeek, list[str]]:
    """At most `allowed` hard days (races always stay): merge lifts onto quality-run days, then
    soften quality runs (keeping `keep_quality`), then take the legs out of lone leg lifts.
    Returns the draft and what was done, in words."""
    actions: list[str] = []
    for step in (_merge_lift, _soften_run, _upper_body_lift):
        while len(hard_days(draft.sessions)) > allowed:
            changed = step(draft, policy, keep_quality)
            if changed is None:
                break
            draft, action = changed
            actions.append(action)
    return draft, actions


def _lone_lower_lifts(draft: DraftWeek) -> list[Session]:
    """Lower-body lifts on a day without a hard run (they make a hard day of their own)."""
    hard_run_days = {s.date for s in draft.runs if s.is_hard}
    return [s for s in draft.lifts if s.lower_body and s.date not in hard_run_days]


def _merge_lift(
    draft: DraftWeek, policy: Policy, keep_quality: int
) -> tuple[DraftWeek, str] | None:
    del keep_quality
    min_days = policy.legs_before_key_run.min_days_after_lift
    limit = max_hard_days(len(training_days(draft.sessions)), policy.eighty_twenty)
    moves = [
        (abs((p.date - lift.date).days), i, lift, p)
        for i, lift in enumerate(_lone_lower_lifts(draft))
        for p in placements(
            draft,
            lift,
            min_days=min_days,
            allowed=lambda d, lift=lift: lower_lift_allowed(draft, lift, d, policy),
        )
        # a move that empties the lift's day must not leave too few training days for the
        # hard days the week keeps (5 -> 4 days: 2 -> 1 allowed)
        if p.after_hard_run
        and max_hard_days(len(training_days(p.sessions)), policy.eighty_twenty) >= limit
    ]
    if not moves:
        return None
    _, _, lift, best = min(moves, key=lambda m: (m[0], m[1]))  # the shortest move
    return draft.with_sessions(best.sessions), (
        f"{lift.label()} moved to {best.date:%a} pm, after the quality run (one hard day)"
    )


def _soften_run(
    draft: DraftWeek, policy: Policy, keep_quality: int
) -> tuple[DraftWeek, str] | None:
    del policy
    quality = [s for s in draft.runs if s.is_quality]
    if len(quality) <= keep_quality:
        return None
    lifted_days = {s.date for s in draft.lifts if s.lower_body}
    # a quality run on a leg day leaves the day hard: soften one on a day of its own first
    pool = [s for s in quality if s.date not in lifted_days] or quality
    run = min(pool, key=soften_order)
    sessions = [replace(s, type="easy") if s is run else s for s in draft.sessions]
    return draft.with_sessions(sessions), f"{run.label()} made easy"


def _upper_body_lift(
    draft: DraftWeek, policy: Policy, keep_quality: int
) -> tuple[DraftWeek, str] | None:
    """The last lone leg lift becomes an upper-body session of the same volume: each leg
    exercise gives way to an upper-body one of the same sets and reps (a main lift to
    `default_upper`, the others to `default_upper_accessory`)."""
    del keep_quality
    lone = _lone_lower_lifts(draft)
    if not lone:
        return None
    hl = policy.heavy_lifting
    lift = lone[-1]
    swaps = []
    exercises = []
    for e in lift.exercises:
        if not e.loads_legs:
            exercises.append(e)
            continue
        upper = Exercise(
            hl.default_upper if e.is_main else hl.default_upper_accessory,
            e.sets,
            e.reps,
            rest_s=e.rest_s,
            main=e.is_main,
            region="upper",
        )
        exercises.append(upper)
        swaps.append(f"{e.name} {e.sets}x{e.reps} -> {upper.name}")
    upper_lift = replace(lift, type="upper", exercises=tuple(exercises))
    sessions = [upper_lift if s is lift else s for s in draft.sessions]
    what = f" ({', '.join(swaps)})" if swaps else ""
    return draft.with_sessions(sessions), f"{lift.label()} made upper body{what}"
