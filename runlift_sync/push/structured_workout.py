"""A planned session as a structured workout: steps, repeats, targets, sets (pure).

One model feeds every target (a FIT workout file for the watch, a Garmin Connect workout, a
calendar event), so the watch, Connect and the calendar always say the same thing.

```
StructuredWorkout  name "Tue 24 intervals 5×3'", sport running | training (strength)
└── items: Step | Repeat
    Step    kind warmup | work | recovery | cooldown | rest | steady | note
            end: time (s) | distance (m) | reps | open (lap button)
            targets: heart rate (bpm range) and/or pace (s/km range), one of them primary
            exercise (lifts): FIT category/name, reps, weight in kg from the prescribed % e1RM
    Repeat  times × (Step, Step, …)   e.g. 5 × (3' hard, 2' jog), 3 × (6 squats, 150 s rest)
```

Runs take their targets from the athlete's landmarks (`RunLandmarks`: LTHR and VT1 from
`athlete_profile`, easy pace and recent efforts from `runs`/laps): easy, long and recovery
runs are one step of their distance with a heart-rate ceiling (VT1, or Z2's floor for a
recovery run); tempo and interval runs get a warm-up, the work (intervals as a repeat) and a
cool-down. Lifts are one repeat group per exercise (the exercise with its reps and weight,
then the rest). Every number the builder uses is in `WorkoutPolicy`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Literal

from rules import Session
from rules.exercises import is_recorded_as
from rules.lift_loads import round_load
from rules.plan import Exercise
from runlift_sync.push.exercise_catalog import WatchExercise, watch_exercise

StepKind = Literal["warmup", "work", "recovery", "cooldown", "rest", "steady", "note"]
EndKind = Literal["time", "distance", "reps", "open"]
Primary = Literal["hr", "pace"]
Sport = Literal["running", "training"]

MAX_STEPS = 50
"""FIT workouts (and watches) take at most this many workout_step messages."""


@dataclass(frozen=True)
class WorkoutPolicy:
    """Every number the builder uses to turn a session into steps (one place, documented)."""

    #: Intervals: warm-up and cool-down minutes, each rep's work and jog, and how many reps.
    interval_warmup_s: int = 15 * 60
    interval_cooldown_s: int = 10 * 60
    interval_work_s: int = 3 * 60
    interval_jog_s: int = 2 * 60
    interval_reps_min: int = 3
    interval_reps_max: int = 8
    #: Tempo: warm-up and cool-down minutes around one continuous block (at least this long).
    tempo_warmup_s: int = 15 * 60
    tempo_cooldown_s: int = 10 * 60
    tempo_block_min_m: float = 2000.0
    #: Heart-rate floors as shares of LTHR (a loose floor: the watch should not nag on easy
    #: days; the ceiling is what matters): easy/long and recovery.
    easy_floor_of_lthr: float = 0.75
    recovery_floor_of_lthr: float = 0.70
    #: Pace bands: easy runs from 4 % faster to 8 % slower than the easy pace, recovery runs
    #: from 2 % to 15 % slower, work steps ±3 % around the pace of recent efforts.
    easy_fast: float = 0.96
    easy_slow: float = 1.08
    recovery_fast: float = 1.02
    recovery_slow: float = 1.15
    work_band: float = 0.03
    #: Without any recorded easy pace, this pace (s/km) only sizes the structure (how many
    #: reps fit the planned km); no pace target is set from it.
    assumed_easy_pace_s_per_km: float = 360.0
    #: Without recorded efforts: interval and tempo speed as a multiple of the easy speed,
    #: also only to size the structure.
    assumed_interval_speedup: float = 1.22
    assumed_tempo_speedup: float = 1.12
    #: Rest between sets when the plan gives none, seconds.
    default_rest_s: int = 90


POLICY = WorkoutPolicy()


@dataclass(frozen=True)
class HeartRateRange:
    """A heart-rate band in bpm (low may be a loose floor; high is the ceiling)."""

    low_bpm: int
    high_bpm: int

    def text(self) -> str:
        return f"HR {self.low_bpm}–{self.high_bpm}"


@dataclass(frozen=True)
class PaceRange:
    """A pace band in seconds per km: `slow_s_per_km` ≥ `fast_s_per_km`."""

    slow_s_per_km: float
    fast_s_per_km: float

    @property
    def slow_mps(self) -> float:
        return 1000.0 / self.slow_s_per_km

    @property
    def fast_mps(self) -> float:
        return 1000.0 / self.fast_s_per_km

    def text(self) -> str:
        return f"{pace_text(self.fast_s_per_km)}–{pace_text(self.slow_s_per_km)}/km"


@dataclass(frozen=True)
class LiftTarget:
    """The exercise of a strength step: FIT enums, reps, and the load."""

    exercise: str
    fit: WatchExercise | None
    reps: int
    weight_kg: float | None
    load_note: str


@dataclass(frozen=True)
class Step:
    """One executable step of a workout."""

    kind: StepKind
    name: str
    end: EndKind
    value: float | None = None
    hr: HeartRateRange | None = None
    pace: PaceRange | None = None
    primary: Primary | None = None
    lift: LiftTarget | None = None
    notes: str = ""

    def describe(self) -> str:
        """One line for a person: "Warm up 15 min, HR 128–154"."""
        parts = [self.name]
        if self.lift is not None:
            load = f" @ {self.lift.weight_kg:g} kg" if self.lift.weight_kg is not None else ""
            parts = [f"{self.lift.exercise} × {self.lift.reps}{load}"]
        elif self.end == "time" and self.value is not None:
            parts.append(duration_text(self.value))
        elif self.end == "distance" and self.value is not None:
            parts.append(f"{self.value / 1000:.1f} km")
        elif self.end == "open":
            parts.append("(lap button)")
        targets = [t.text() for t in self._targets()]
        line = " ".join(parts)
        return line + (", " + ", ".join(targets) if targets else "")

    def _targets(self) -> list[HeartRateRange | PaceRange]:
        ordered: list[HeartRateRange | PaceRange] = []
        first, second = (self.pace, self.hr) if self.primary == "pace" else (self.hr, self.pace)
        ordered.extend(t for t in (first, second) if t is not None)
        return ordered


@dataclass(frozen=True)
class Repeat:
    """`times` × its steps, in order."""

    times: int
    steps: tuple[Step, ...]

    def describe(self) -> str:
        return f"{self.times} × (" + "; ".join(s.describe() for s in self.steps) + ")"


Item = Step | Repeat


@dataclass(frozen=True)
class StructuredWorkout:
    """A session ready to push: name, sport, the steps, and what a person should know."""

    date: date
    slot: str | None
    kind: str
    session_type: str | None
    name: str
    sport: Sport
    items: tuple[Item, ...]
    notes: tuple[str, ...] = ()
    minutes: float | None = None
    km: float | None = None

    @property
    def sub_sport(self) -> str:
        return "strength_training" if self.sport == "training" else "generic"

    @property
    def step_count(self) -> int:
        """workout_step messages in FIT: each step, plus one per repeat."""
        return sum(len(i.steps) + 1 if isinstance(i, Repeat) else 1 for i in self.items)

    def lines(self) -> list[str]:
        """The steps, one line each, for a person (calendar, dry-run)."""
        return [item.describe() for item in self.items]

    def estimated_s(self, easy_pace_s_per_km: float = POLICY.assumed_easy_pace_s_per_km) -> int:
        """Rough duration, seconds (Garmin Connect shows it in its calendar)."""
        if self.minutes:
            return int(self.minutes * 60)
        total = 0.0
        for item in self.items:
            steps, times = (item.steps, item.times) if isinstance(item, Repeat) else ((item,), 1)
            for step in steps:
                if step.end == "time" and step.value:
                    total += step.value * times
                elif step.end == "distance" and step.value:
                    total += step.value / 1000 * easy_pace_s_per_km * times
                elif step.end == "reps" and step.value:
                    total += step.value * 4 * times
        return int(total)

    def content_hash(self) -> str:
        """SHA-256 of everything but the date: the same content moved keeps its hash."""
        data = asdict(self)
        data.pop("date")
        text = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class RunLandmarks:
    """What run targets are made from; None: not known (that target is left out)."""

    lthr_bpm: int | None = None
    vt1_bpm: int | None = None
    hr_max_bpm: int | None = None
    zone2_from_bpm: int | None = None
    zone4_from_bpm: int | None = None
    easy_pace_s_per_km: float | None = None
    tempo_pace_s_per_km: float | None = None
    interval_pace_s_per_km: float | None = None
    sources: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class LiftLandmarks:
    """Estimated 1RMs (exercise name as recorded → kg) and the plan's % 1RM by plan name."""

    e1rm_kg: dict[str, float] = field(default_factory=dict)
    pct_1rm: dict[str, float] = field(default_factory=dict)
    load_round_kg: float = 2.5

    def e1rm_for(self, exercise: Exercise) -> float | None:
        """The best e1RM recorded for the plan exercise's FIT category and name (matched as
        the coach matches them, `rules.exercises`; the keys are FIT exercise names, or the
        category for a set recorded without a name)."""
        found = [v for key, v in self.e1rm_kg.items() if is_recorded_as(exercise, key)]
        return max(found) if found else None


class SessionNotPushable(ValueError):
    """A session that becomes no workout (a rest day); the message says why."""


def pace_text(s_per_km: float) -> str:
    whole = round(s_per_km)
    return f"{whole // 60}:{whole % 60:02d}"


def duration_text(seconds: float) -> str:
    minutes = seconds / 60
    return f"{minutes:g} min" if minutes == int(minutes) else f"{int(seconds)} s"


def workout_name(session: Session, detail: str) -> str:
    """ "Tue 24 intervals 5×3'": the day and date, the session, its shape."""
    what = session.type or session.kind
    if session.kind == "lift":
        what = f"{what} lift"
    head = f"{session.date:%a} {session.date.day} {what}"
    return f"{head} {detail}".strip()


def build_workout(
    session: Session,
    runs: RunLandmarks,
    lifts: LiftLandmarks,
    policy: WorkoutPolicy = POLICY,
) -> StructuredWorkout:
    """The structured workout for one planned session (`SessionNotPushable` for rest days)."""
    if session.kind == "rest":
        raise SessionNotPushable(f"{session.label()}: a rest day, nothing to push")
    if session.kind == "lift":
        return _lift_workout(session, lifts, policy)
    if session.type == "race":
        return _race_workout(session)
    if session.type == "intervals":
        return _interval_workout(session, runs, policy)
    if session.type == "tempo":
        return _tempo_workout(session, runs, policy)
    return _steady_workout(session, runs, policy)


# --- runs ---------------------------------------------------------------------------------


def _ceiling(runs: RunLandmarks, floor_share: float, ceiling: int | None) -> HeartRateRange | None:
    if ceiling is None:
        return None
    floor = round(floor_share * runs.lthr_bpm) if runs.lthr_bpm else ceiling - 25
    return HeartRateRange(min(floor, ceiling - 5), ceiling)


def _band(pace: float | None, fast: float, slow: float) -> PaceRange | None:
    if pace is None:
        return None
    return PaceRange(slow_s_per_km=pace * slow, fast_s_per_km=pace * fast)


def _landmark_notes(runs: RunLandmarks, *, needs_efforts: bool) -> tuple[str, ...]:
    notes = []
    if runs.lthr_bpm is None:
        notes.append("no heart-rate landmarks yet: steps without heart-rate targets")
    if runs.easy_pace_s_per_km is None:
        notes.append("no easy pace measured yet (too few easy runs): no pace targets")
    if needs_efforts and runs.easy_pace_s_per_km is not None:
        if runs.interval_pace_s_per_km is None and runs.tempo_pace_s_per_km is None:
            notes.append("no recent hard efforts: work steps by heart rate only")
    return tuple(notes)


def _steady_workout(
    session: Session, runs: RunLandmarks, policy: WorkoutPolicy
) -> StructuredWorkout:
    recovery = session.type == "recovery"
    if recovery:
        top = runs.zone2_from_bpm - 1 if runs.zone2_from_bpm else None
        hr = _ceiling(runs, policy.recovery_floor_of_lthr, top)
        pace = _band(runs.easy_pace_s_per_km, policy.recovery_fast, policy.recovery_slow)
    else:
        hr = _ceiling(runs, policy.easy_floor_of_lthr, runs.vt1_bpm)
        pace = _band(runs.easy_pace_s_per_km, policy.easy_fast, policy.easy_slow)
    label = {"long": "Long run", "recovery": "Recovery run"}.get(session.type or "", "Easy run")
    if session.km:
        step = Step(
            "steady", label, "distance", session.km * 1000, hr, pace, "hr" if hr else "pace"
        )
        detail = f"{session.km:g} km"
    elif session.minutes:
        step = Step("steady", label, "time", session.minutes * 60, hr, pace, "hr" if hr else "pace")
        detail = f"{session.minutes:g}'"
    else:
        step = Step("steady", label, "open", None, hr, pace, "hr" if hr else "pace")
        detail = ""
    if step.hr is None and step.pace is None:
        step = Step(step.kind, step.name, step.end, step.value)
    why = "keep it easy: heart rate at or under VT1" if not recovery else "very easy: under Z2"
    return _workout(
        session,
        detail,
        "running",
        items=(step,),
        notes=(why, *_landmark_notes(runs, needs_efforts=False)),
    )


def _easy_hr(runs: RunLandmarks, policy: WorkoutPolicy) -> HeartRateRange | None:
    return _ceiling(runs, policy.easy_floor_of_lthr, runs.vt1_bpm)


def _work_targets(
    runs: RunLandmarks, pace: float | None, hr: HeartRateRange | None, policy: WorkoutPolicy
) -> tuple[PaceRange | None, HeartRateRange | None, Primary | None]:
    band = _band(pace, 1 - policy.work_band, 1 + policy.work_band)
    if band is not None:
        return band, hr, "pace"
    return None, hr, "hr" if hr else None


def _interval_workout(
    session: Session, runs: RunLandmarks, policy: WorkoutPolicy
) -> StructuredWorkout:
    easy = runs.easy_pace_s_per_km or policy.assumed_easy_pace_s_per_km
    fast = runs.interval_pace_s_per_km or easy / policy.assumed_interval_speedup
    warm_cool_m = (policy.interval_warmup_s + policy.interval_cooldown_s) / easy * 1000
    per_rep_m = policy.interval_work_s / fast * 1000 + policy.interval_jog_s / (easy * 1.1) * 1000
    total_m = (session.km or 0) * 1000
    reps = round((total_m - warm_cool_m) / per_rep_m) if total_m else policy.interval_reps_min
    reps = max(policy.interval_reps_min, min(policy.interval_reps_max, reps))
    hr_work = (
        HeartRateRange(runs.zone4_from_bpm, runs.hr_max_bpm)
        if runs.zone4_from_bpm and runs.hr_max_bpm
        else None
    )
    pace, hr, primary = _work_targets(runs, runs.interval_pace_s_per_km, hr_work, policy)
    work_min = policy.interval_work_s / 60
    easy_hr = _easy_hr(runs, policy)
    items: tuple[Item, ...] = (
        Step("warmup", "Warm up", "time", policy.interval_warmup_s, easy_hr, None, "hr"),
        Repeat(
            reps,
            (
                Step("work", "Hard", "time", policy.interval_work_s, hr, pace, primary),
                Step("recovery", "Jog", "time", policy.interval_jog_s),
            ),
        ),
        Step("cooldown", "Cool down", "time", policy.interval_cooldown_s, easy_hr, None, "hr"),
    )
    return _workout(
        session,
        f"{reps}×{work_min:g}'",
        "running",
        items=_drop_empty_targets(items),
        notes=(
            f"{reps} × {work_min:g} min hard with {policy.interval_jog_s // 60} min jogs "
            f"fill the planned {session.km or 0:g} km",
            *_landmark_notes(runs, needs_efforts=True),
        ),
    )


def _tempo_workout(
    session: Session, runs: RunLandmarks, policy: WorkoutPolicy
) -> StructuredWorkout:
    easy = runs.easy_pace_s_per_km or policy.assumed_easy_pace_s_per_km
    warm_cool_m = (policy.tempo_warmup_s + policy.tempo_cooldown_s) / easy * 1000
    total_m = (session.km or 0) * 1000
    block_m = max(policy.tempo_block_min_m, total_m - warm_cool_m)
    block_m = round(block_m / 500) * 500  # whole half-kilometres on the watch
    hr_tempo = (
        HeartRateRange(runs.vt1_bpm, runs.lthr_bpm) if runs.vt1_bpm and runs.lthr_bpm else None
    )
    pace, hr, primary = _work_targets(runs, runs.tempo_pace_s_per_km, hr_tempo, policy)
    easy_hr = _easy_hr(runs, policy)
    items: tuple[Item, ...] = (
        Step("warmup", "Warm up", "time", policy.tempo_warmup_s, easy_hr, None, "hr"),
        Step("work", "Tempo", "distance", block_m, hr, pace, primary),
        Step("cooldown", "Cool down", "time", policy.tempo_cooldown_s, easy_hr, None, "hr"),
    )
    return _workout(
        session,
        f"{block_m / 1000:g} km",
        "running",
        items=_drop_empty_targets(items),
        notes=(
            "tempo: comfortably hard, between VT1 and threshold",
            *_landmark_notes(runs, needs_efforts=True),
        ),
    )


def _race_workout(session: Session) -> StructuredWorkout:
    distance = f"{session.km:g} km" if session.km else ""
    note = "Race day: no targets from runlift; run your race plan"
    step = (
        Step("note", "Race", "distance", session.km * 1000, notes=note)
        if session.km
        else Step("note", "Race", "open", None, notes=note)
    )
    return _workout(
        session,
        distance,
        "running",
        items=(step,),
        notes=("a note-only workout: runlift sets no pace or heart-rate targets on race day",),
    )


def _workout(
    session: Session,
    detail: str,
    sport: Sport,
    *,
    items: tuple[Item, ...],
    notes: tuple[str, ...],
) -> StructuredWorkout:
    """The workout of a planned session: its day, slot, kind and size, named with `detail`."""
    return StructuredWorkout(
        date=session.date,
        slot=session.slot,
        kind=session.kind,
        session_type=session.type,
        name=workout_name(session, detail),
        sport=sport,
        items=items,
        notes=notes,
        km=session.km,
        minutes=session.minutes,
    )


def _drop_empty_targets(items: tuple[Item, ...]) -> tuple[Item, ...]:
    def clean(step: Step) -> Step:
        if step.hr is None and step.pace is None and step.primary is not None:
            return Step(
                step.kind, step.name, step.end, step.value, lift=step.lift, notes=step.notes
            )
        if step.primary == "hr" and step.hr is None:
            return Step(step.kind, step.name, step.end, step.value, None, step.pace, "pace")
        return step

    return tuple(
        Repeat(i.times, tuple(clean(s) for s in i.steps)) if isinstance(i, Repeat) else clean(i)
        for i in items
    )


# --- lifts --------------------------------------------------------------------------------


def lift_load(exercise: Exercise, lifts: LiftLandmarks) -> tuple[float | None, str]:
    """The prescribed load (kg) and how it was found."""
    if exercise.load_kg is not None:
        return exercise.load_kg, f"{exercise.load_kg:g} kg as prescribed"
    pct = exercise.pct_1rm or lifts.pct_1rm.get(exercise.name)
    if pct is None:
        return None, "no load prescribed"
    e1rm = lifts.e1rm_for(exercise)
    if e1rm is None:
        return None, (
            f"{pct:.0%} of estimated 1RM, but none is measured yet: pick a load you could "
            f"lift {exercise.reps + 2} times"
        )
    kg = round_load(pct * e1rm, lifts.load_round_kg)
    return kg, f"{pct:.0%} of estimated 1RM {e1rm:.1f} kg"


def _exercise_items(exercise: Exercise, lifts: LiftLandmarks, policy: WorkoutPolicy) -> list[Item]:
    """One exercise: sets × (the exercise, its rest) as a repeat; a single set without one."""
    weight, how = lift_load(exercise, lifts)
    fit = watch_exercise(exercise)
    target = LiftTarget(exercise.name, fit, exercise.reps, weight, how)
    rest = exercise.rest_s if exercise.rest_s is not None else policy.default_rest_s
    work = Step("work", exercise.name, "reps", exercise.reps, lift=target, notes=how)
    group = (work, Step("rest", "Rest", "time", rest)) if rest > 0 else (work,)
    if exercise.sets > 1:
        return [Repeat(exercise.sets, group)]
    return list(group)


def _messages(items: list[Item]) -> int:
    return sum(len(i.steps) + 1 if isinstance(i, Repeat) else 1 for i in items)


def _lift_workout(
    session: Session, lifts: LiftLandmarks, policy: WorkoutPolicy
) -> StructuredWorkout:
    items: list[Item] = []
    notes: list[str] = []
    exercises = list(session.exercises)
    for index, exercise in enumerate(exercises):
        more = _exercise_items(exercise, lifts, policy)
        last = index == len(exercises) - 1
        room = MAX_STEPS - _messages(items) - (0 if last else 1)  # keep one for a note
        if _messages(more) > room:
            left = ", ".join(e.name for e in exercises[index:])
            items.append(Step("note", "More exercises", "open", None, notes=left))
            notes.append(f"more than {MAX_STEPS} steps: the last exercises are one note ({left})")
            break
        items.extend(more)
        if watch_exercise(exercise) is None:
            notes.append(f"{exercise.name}: no FIT exercise matches; the watch shows the name")
    if items and isinstance(items[-1], Step) and items[-1].kind == "rest":
        items.pop()  # no rest after the last set of the session
    if not items:
        minutes = session.minutes or 30
        items.append(Step("steady", "Strength", "time", minutes * 60))
        notes.append("no exercises prescribed: one timed strength step")
    detail = f"{session.minutes:g}'" if session.minutes else ""
    return _workout(
        session,
        detail,
        "training",
        items=tuple(items),
        notes=tuple(notes),
    )
