"""Rule 7, heavy-lifting-progression: main lifts 3×4-8 at 80-88% e1RM, progressed or held from
what was done; deload when the week is a deload; plyometrics alongside in base and build."""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from rules.exercises import fit_exercise
from rules.fatigue import assess_fatigue
from rules.lift_loads import best_e1rm, last_performance, round_load, words
from rules.measures import is_recovery_week, restart_pct
from rules.plan import Exercise
from rules.policy import HeavyLiftingPolicy, Policy
from rules.session import Session
from rules.signals import Signals
from rules.volume import scale_minutes, scale_sets
from rules.week import Change, DraftWeek, RuleResult

RULE = "heavy-lifting-progression"

LiftState = Literal["progress", "hold", "deload"]


def lifting_state(signals: Signals, draft: DraftWeek, policy: Policy) -> tuple[LiftState, str]:
    """Whether main lifts may progress this week, must hold, or deload; and why."""
    fatigue = assess_fatigue(signals, policy)
    if fatigue.decision == "deload":
        return "deload", fatigue.reason
    if is_recovery_week(draft, policy):
        return "deload", f"plan week {draft.plan_week} is a scheduled recovery week"
    if fatigue.decision in ("hold", "cut"):
        return "hold", fatigue.reason
    if restart_pct(signals.days_since_last_lift, policy) is not None:
        return "hold", f"{signals.days_since_last_lift} days since the last lift"
    if draft.phase == "taper":
        return "hold", "taper week"
    return "progress", fatigue.reason


def heavy_lifting_progression(signals: Signals, draft: DraftWeek, policy: Policy) -> RuleResult:
    """Prescribe every main lift; deload the week's lifting when needed; add plyometrics."""
    if not draft.lifts:
        return draft, []
    hl = policy.heavy_lifting
    changes: list[Change] = []
    draft, plyo = _add_plyometrics(draft, hl)
    if plyo is not None:
        changes.append(plyo)
    state, why = lifting_state(signals, draft, policy)
    previous = _previous_prescriptions(signals)
    sessions: list[Session] = []
    for session in draft.sessions:
        if not session.is_lift:
            sessions.append(session)
            continue
        exercises = []
        for exercise in session.exercises:
            if exercise.is_main:
                exercise, change = _prescribe(
                    exercise, previous.get(_key(exercise.name)), signals, draft, hl, state, why
                )
                if change is not None:
                    changes.append(change)
            exercises.append(exercise)
        sessions.append(replace(session, exercises=tuple(exercises)))
    draft = draft.with_sessions(sessions)
    if not draft.template_sets:  # the plan lists no exercises: cuts count from the coach's
        draft = replace(draft, prescribed_sets=draft.lift_sets)
    if state == "deload":
        draft, change = _deload(draft, policy, why)
        changes.append(change)
    return draft, changes


def _key(name: str) -> str:
    return " ".join(words(name))


def _previous_prescriptions(signals: Signals) -> dict[str, Exercise]:
    """Main lifts as prescribed in the stored previous week (first occurrence of each name)."""
    found: dict[str, Exercise] = {}
    for session in signals.previous_week or ():
        for exercise in session.exercises:
            found.setdefault(_key(exercise.name), exercise)
    return found


def _prescribe(
    template: Exercise,
    previous: Exercise | None,
    signals: Signals,
    draft: DraftWeek,
    hl: HeavyLiftingPolicy,
    state: LiftState,
    why: str,
) -> tuple[Exercise, Change | None]:
    """One main lift: base prescription (last week's, else the plan's) → progress or hold →
    band (reps 4-8, load 80-88% e1RM, rest >= 120 s)."""
    base = previous or template
    sets = min(max(base.sets, template.sets, hl.sets), hl.max_sets)
    reps = min(max(base.reps, hl.reps_min), hl.reps_max)
    # The heavier of last week's and the plan's load: after a deload week the plan's load
    # comes back; a load progressed past the plan's stays.
    known = [x for x in (base.load_kg, template.load_kg) if x is not None]
    load = max(known) if known else None
    rest = max(base.rest_s or template.rest_s or hl.default_rest_s, hl.rest_min_s)
    fit = fit_exercise(template)
    e1rm = best_e1rm(signals, fit, draft.week_start, hl.e1rm_window_days)
    evidence: dict[str, object] = {
        "exercise": template.name,
        "state": state,
        "asked": _describe(base.sets, base.reps, base.load_kg),
        "e1rm_kg": None if e1rm is None else round(e1rm, 1),
    }
    said: list[str] = []
    if not hl.sets <= template.sets <= hl.max_sets:
        said.append(f"{template.sets} -> {sets} sets (main lifts: {hl.sets} to {hl.max_sets} sets)")
    elif sets != base.sets:
        said.append(f"{sets} sets as planned (last week {base.sets})")
    if reps != base.reps:
        said.append(f"{base.reps} -> {reps} reps (main lifts: {hl.reps_min}-{hl.reps_max})")
    if load is None and e1rm is not None:
        pct = template.pct_1rm or hl.start_pct_1rm
        load = round_load(pct * e1rm, hl.load_round_kg)
        said.append(f"load {load:g} kg = {pct:.0%} of estimated 1RM {e1rm:.1f} kg")

    perf = last_performance(signals, fit, draft.week_start, hl.performance_window_days)
    all_done = False
    missed = 0
    if perf is None:
        evidence["done_reps"] = None
        if previous is not None:
            said.append(f"no record of it in the last {hl.performance_window_days} days: hold")
    else:
        counted = [
            s
            for s in perf.sets
            if load is None or s.weight_kg is None or s.weight_kg >= load - hl.load_round_kg - 1e-9
        ]
        done = [s.reps or 0 for s in counted][: base.sets]
        done += [0] * (base.sets - len(done))
        all_done = all(r >= base.reps for r in done)
        missed = sum(1 for r in done if r <= base.reps - hl.missed_reps)
        evidence["done_on"] = perf.local_date.isoformat()
        evidence["done_reps"] = done
        evidence["done_load_kg"] = max(
            (s.weight_kg for s in counted if s.weight_kg is not None), default=None
        )
        evidence["missed_sets"] = missed
        if not counted:
            lighter = max((x.weight_kg or 0.0) for x in perf.sets)
            said.append(f"sets on {perf.local_date} were lighter ({lighter:g} kg): hold")
        elif all_done and state == "progress":
            sets, load, step = _progress(sets, load, e1rm, hl)
            said.append(f"all {base.sets}×{base.reps} done on {perf.local_date}: {step}")
        elif all_done:
            said.append(f"all reps done, but {why}: hold")
        elif missed >= hl.missed_sets:
            said.append(f"{missed} sets short by {hl.missed_reps}+ reps on {perf.local_date}: hold")
        else:
            said.append(f"not every rep done on {perf.local_date} ({done}): hold")

    if e1rm is not None and load is not None:
        top = round_load(hl.pct_1rm_max * e1rm, hl.load_round_kg)
        bottom = round_load(hl.pct_1rm_min * e1rm, hl.load_round_kg, up=True)
        if load > top:
            load = top
            said.append(f"capped at {hl.pct_1rm_max:.0%} of estimated 1RM ({top:g} kg)")
        elif load < bottom and (perf is None or all_done):
            load = bottom
            said.append(f"raised to {hl.pct_1rm_min:.0%} of estimated 1RM ({bottom:g} kg)")
    if base.rest_s is not None and base.rest_s < hl.rest_min_s:
        said.append(f"rest {base.rest_s} s -> {rest} s (heavy sets need >= {hl.rest_min_s} s)")
    if load is None:
        said.append(f"no load: no estimated 1RM yet; pick a load you could lift {reps + 2} times")

    new = template.model_copy(update={"sets": sets, "reps": reps, "load_kg": load, "rest_s": rest})
    if new == template and not said:
        return new, None
    evidence.update(sets=sets, reps=reps, load_kg=load, rest_s=rest)
    message = f"{template.name.capitalize()} {_describe(sets, reps, load)}: " + "; ".join(said)
    return new, Change(RULE, message, evidence)


def _progress(
    sets: int, load: float | None, e1rm: float | None, hl: HeavyLiftingPolicy
) -> tuple[int, float | None, str]:
    """All reps done: add load (+2.5%, rounded up) while it stays <= 88% e1RM, else a set."""
    if load is not None and load > 0:
        heavier = round_load(load * (1 + hl.load_step_pct), hl.load_round_kg, up=True)
        if e1rm is None or heavier <= hl.pct_1rm_max * e1rm + 1e-9:
            return sets, heavier, f"load {load:g} -> {heavier:g} kg (+{heavier / load - 1:.1%})"
    if sets < hl.max_sets:
        return sets + 1, load, f"add a set ({sets} -> {sets + 1})"
    return sets, load, f"at the top ({hl.max_sets} sets at {hl.pct_1rm_max:.0%} e1RM): hold"


def _describe(sets: int, reps: int, load: float | None) -> str:
    return f"{sets}x{reps}" + (f" @ {load:g} kg" if load is not None else "")


def _add_plyometrics(draft: DraftWeek, hl: HeavyLiftingPolicy) -> tuple[DraftWeek, Change | None]:
    """Base and build: a plyometric exercise in the first lower-body lift when the week has
    none (a week without leg work gets none)."""
    if draft.phase not in hl.plyometric_phases:
        return draft, None
    if any(e.is_plyometric for s in draft.lifts for e in s.exercises):
        return draft, None
    # jumps load the legs: they go with leg work, never onto an upper-body day
    target = next((s for s in draft.lifts if s.lower_body), None)
    if target is None:
        return draft, None
    plyo = Exercise(
        name=hl.plyometric_name,
        sets=hl.plyometric_sets,
        reps=hl.plyometric_reps,
        rest_s=hl.plyometric_rest_s,
        main=False,
        region="plyometric",
        category="plyo",
    )
    sessions = [
        replace(s, exercises=(*s.exercises, plyo)) if s is target else s for s in draft.sessions
    ]
    change = Change(
        RULE,
        f"Added {hl.plyometric_name} {hl.plyometric_sets}x{hl.plyometric_reps} to "
        f"{target.label()}: plyometrics alongside heavy lifting in the {draft.phase} phase",
        {
            "phase": draft.phase,
            "session_date": target.date.isoformat(),
            "plyometric_exercises_planned": 0,
        },
    )
    return draft.with_sessions(sessions), change


def _deload(draft: DraftWeek, policy: Policy, why: str) -> tuple[DraftWeek, Change]:
    """Deload: every exercise's sets -40% (at least 1), main-lift loads -10%."""
    hl = policy.heavy_lifting
    before = draft.lift_sets
    sessions = []
    for s in draft.sessions:
        if s.is_lift and s.exercises:
            exercises = tuple(
                _deload_load(scale_sets(e, 1 - hl.deload_set_pct), hl) for e in s.exercises
            )
            s = scale_minutes(
                replace(s, exercises=exercises),
                s.total_sets,
                policy.lifting_by_phase.short_min_minutes,
            )
        sessions.append(s)
    draft = draft.with_sessions(sessions)
    change = Change(
        RULE,
        f"Deload ({why}): lifting sets {before} -> {draft.lift_sets} "
        f"(-{hl.deload_set_pct:.0%}), main-lift loads -{hl.deload_load_pct:.0%}",
        {
            "reason": why,
            "sets_before": before,
            "sets_after": draft.lift_sets,
            "set_cut_pct": hl.deload_set_pct,
            "load_cut_pct": hl.deload_load_pct,
        },
    )
    return draft, change


def _deload_load(exercise: Exercise, hl: HeavyLiftingPolicy) -> Exercise:
    if not exercise.is_main or exercise.load_kg is None:
        return exercise
    load = round_load(exercise.load_kg * (1 - hl.deload_load_pct), hl.load_round_kg)
    return exercise.model_copy(update={"load_kg": load})
