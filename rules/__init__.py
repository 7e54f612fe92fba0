"""The coach: adjusts next week's plan from measured signals and explains every change (pure).

`adjust_week(plan, signals, policy, week_start)` builds the plan's week (dates, phase, km per
run), runs the rules below in this order, then enforces the hard constraints on the result.
Each rule is a pure function `(signals, draft, policy) -> (draft, [Change])`; every threshold
comes from `policy.toml`. Nothing here reads a database, a file (except `rules.io`) or the
network.

Order, and why
--------------
1. lifting-by-phase (structure): sessions per phase (base <= 3 of <= 45 min; build, in season,
   taper <= 2 of 20-40 min); a lower- or full-body session written without exercises gets a
   heavy main lift (3 x 5 at 80% e1RM, 150 s rest); at least one heavy session in build / in
   season; the first lift moved earlier if it would come > 10 days after the last one. First,
   because it decides which lifting sessions exist.
2. heavy-lifting-progression: main lifts 3x4-8 at 80-88% e1RM, rest >= 120 s; last week's
   prescription plus what was done (recorded sets matched by FIT category and exercise name,
   `rules.exercises`) -> +2.5% load (or +1 set up to 6) when every rep was done, hold
   otherwise; deload (sets -40%, load -10%) in a fatigue-deload or scheduled-recovery week;
   plyometrics added to the leg work in base and build. It is the only rule that may *add*
   lifting volume, so it runs before every rule that removes volume.
3. lifting-by-phase (taper): before an A race, the last heavy lower-body session 5-7 days out
   with half the sets; later lower-body lifts move into that window or go. After 2.
4. missed-sessions: last week's misses are reported, never stacked; after > 7 days without
   running (lifting), running km (sets) restart at 75/65/50% of the plan and that first week
   back is easy running only; after >= 28 days without running (or weeks of data with none),
   no quality run for the first 3 weeks back.
5. race-recovery: after a race, easy running only for a day per 3 km raced (10 km: 3 days,
   half: 7, marathon: 14).
6. scheduled-recovery: every 4th plan week (from [plan] start) running -30% of the plan, one
   hard session kept (the rest easy).
7. taper: an A race's 7- or 14-day taper (week before -30%, race week -50% of the pre-taper
   level, never more than the week before; one short quality session >= 3 days out; no long
   run in the 2 days before); a B race's 4-day mini-taper (-20%, no quality in those days).
8. mileage-ramp: week <= 110% of the recent level (the 4-week chronic mean, which last week
   may lift by 10% at most; never capped below 10 km); no run > 110% of the longest run in 30
   days; long run <= 30% of the week (or an equal split when the week has < 4 runs), never
   cut below the longest run of 30 days unless a fatigue cut/deload or a taper asks. Km taken
   off one run go to the easy runs that have room.
9. one-stressor: running (as planned so far) and lifting both rising > 10% over last week ->
   lifting held to +10% (never below half the plan's sets). Before the fatigue rule so that its
   decision cannot depend on fatigue.
10. fatigue-flags: 0 flags -> up to +10% over the recent level; 1 flag (or too few measured
   signals) -> hold at the recent level (lifting: no progression); >= 2 -> cut 20-30% from
   min(plan, recent level), one hard session -> recovery run, lifting sets cut by the same %;
   >= 2 this week and last week -> deload (-40%, one hard session kept). TSB, ACWR and
   monotony raise no flag while the history is shorter than they need (42, 28, 7 days): they
   are "building", said in the notes, and do not hold a new athlete back.
11. eighty-twenty, by days: at most 2 hard days (a hard run or a lower-body lift) in 5-7
   training days, 1 in fewer, less a debt of hard days over the last 3 weeks paid over >= 2
   weeks; a lift moves onto a quality day's afternoon first, then a quality run becomes easy
   (never the last one), then a lone leg lift becomes upper body. Time above VT1 reported.
12. legs-before-key-run: no interval/tempo/long run or race within 2 days after a lower-body
   lift; the lift moves to the afternoon of a hard-run day (run am, lift pm) or to a day >= 2
   days before the key run; failing that the key run becomes an easy run (km kept). Last,
   because rules before it change run types and move or add lifts.

Interactions
------------
- A race is a run of type "race" (from [[race]] or race_date): never shortened, never made
  easier, and not training volume: every week cap counts the other runs.
- Volume rules only ever lower running km, each to a cap computed from the plan and the
  signals (restart, recovery, taper, ramp, fatigue): the week ends at the *lowest* cap, so
  causes do not compound; a taper therefore beats every "progress" decision.
- Rules that change run types (recovery after a race, comeback weeks, 80/20, recovery weeks,
  taper, fatigue, legs) only make runs easier and never touch km; only the legs rule's last
  resort converts a long run (to easy).
- The legs rule moves sessions but never removes volume, so scheduling never makes the
  volume depend on fatigue the wrong way (fewer hard runs never means more lifting).
- Km are whole tenths, scaled by largest remainder: a capped week lands on its cap to 0.1 km
  and is never over it; the long-run share holds to the nearest 0.1 km.
- Lifting is cut relative to the plan's sets, never to last week's recorded sets (set
  detection from FIT files is noisy); only one-stressor looks at last week's sets, and then
  never below half the plan.
- More fatigue never gives more volume: every cap and lifting state is monotone in the flags
  (progress >= hold >= cut >= deload, for running km and lifting sets).
- Missing signals are never invented: a flag whose signal is missing is neither raised nor
  clean; with fewer than 3 measured (or still building) signals and no flag the week holds
  instead of progressing; missing inputs are listed in the output's `signals.missing`.
- Afterwards `enforce_hard_constraints` re-applies the hard constraints (week caps of ramp,
  fatigue and taper, single-run and long-run caps, legs, hard days) in an order where no fix
  undoes another, and `hard_constraint_violations` must then be empty, else `ConstraintError`
  (a bug).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names for type checkers and editors
    from rules.adjust import (
        HARD_CONSTRAINTS,
        RULE_IDS,
        StepObserver,
        adjust_week,
        enforce_hard_constraints,
        hard_constraint_violations,
        summarize_signals,
    )
    from rules.errors import (
        ConfigError,
        ConstraintError,
        RunliftError,
    )
    from rules.fatigue import (
        FatigueAssessment,
        assess_fatigue,
    )
    from rules.io import (
        default_policy_text,
        list_templates,
        load_plan,
        load_policy,
        render_template,
        template_text,
    )
    from rules.output import (
        AdjustedWeek,
        change_to_dict,
        session_from_dict,
        session_to_dict,
        sessions_from_json,
    )
    from rules.plan import (
        Athlete,
        Block,
        Exercise,
        Plan,
        PlanSession,
        PlanSettings,
        Race,
        parse_plan,
        plan_to_toml,
    )
    from rules.policy import (
        Policy,
        parse_policy,
    )
    from rules.session import (
        Session,
    )
    from rules.signals import (
        FatigueSnapshot,
        FitnessSignals,
        LiftDone,
        LiftSet,
        RunDone,
        Signals,
        WellnessSignals,
        signals_from_activities,
    )
    from rules.week import (
        Change,
        DraftWeek,
        build_draft,
        coming_monday,
    )

_EXPORTS: dict[str, str] = {
    "HARD_CONSTRAINTS": "rules.adjust",
    "RULE_IDS": "rules.adjust",
    "StepObserver": "rules.adjust",
    "adjust_week": "rules.adjust",
    "enforce_hard_constraints": "rules.adjust",
    "hard_constraint_violations": "rules.adjust",
    "summarize_signals": "rules.adjust",
    "ConfigError": "rules.errors",
    "ConstraintError": "rules.errors",
    "RunliftError": "rules.errors",
    "FatigueAssessment": "rules.fatigue",
    "assess_fatigue": "rules.fatigue",
    "default_policy_text": "rules.io",
    "list_templates": "rules.io",
    "load_plan": "rules.io",
    "load_policy": "rules.io",
    "render_template": "rules.io",
    "template_text": "rules.io",
    "AdjustedWeek": "rules.output",
    "change_to_dict": "rules.output",
    "session_from_dict": "rules.output",
    "session_to_dict": "rules.output",
    "sessions_from_json": "rules.output",
    "Athlete": "rules.plan",
    "Block": "rules.plan",
    "Exercise": "rules.plan",
    "Plan": "rules.plan",
    "PlanSession": "rules.plan",
    "PlanSettings": "rules.plan",
    "Race": "rules.plan",
    "parse_plan": "rules.plan",
    "plan_to_toml": "rules.plan",
    "Policy": "rules.policy",
    "parse_policy": "rules.policy",
    "Session": "rules.session",
    "FatigueSnapshot": "rules.signals",
    "FitnessSignals": "rules.signals",
    "LiftDone": "rules.signals",
    "LiftSet": "rules.signals",
    "RunDone": "rules.signals",
    "Signals": "rules.signals",
    "WellnessSignals": "rules.signals",
    "signals_from_activities": "rules.signals",
    "Change": "rules.week",
    "DraftWeek": "rules.week",
    "build_draft": "rules.week",
    "coming_monday": "rules.week",
}
"""Public names → the module that defines them, imported on first use (importing
`rules.errors` alone, as `runlift_sync.errors` does, stays cheap)."""

__all__ = [
    "HARD_CONSTRAINTS",
    "RULE_IDS",
    "AdjustedWeek",
    "Athlete",
    "Block",
    "Change",
    "ConfigError",
    "ConstraintError",
    "DraftWeek",
    "Exercise",
    "FatigueAssessment",
    "FatigueSnapshot",
    "FitnessSignals",
    "LiftDone",
    "LiftSet",
    "Plan",
    "PlanSession",
    "PlanSettings",
    "Policy",
    "Race",
    "RunDone",
    "RunliftError",
    "Session",
    "Signals",
    "StepObserver",
    "WellnessSignals",
    "adjust_week",
    "assess_fatigue",
    "build_draft",
    "change_to_dict",
    "coming_monday",
    "default_policy_text",
    "enforce_hard_constraints",
    "hard_constraint_violations",
    "list_templates",
    "load_plan",
    "load_policy",
    "parse_plan",
    "parse_policy",
    "plan_to_toml",
    "render_template",
    "session_from_dict",
    "session_to_dict",
    "sessions_from_json",
    "signals_from_activities",
    "summarize_signals",
    "template_text",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'rules' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
