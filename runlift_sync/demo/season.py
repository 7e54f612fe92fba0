"""The demo season's story and schedule, simulated day by day into per-file specs (pure).

The last 16 weeks are always the story the coach must react to (see the package docstring);
longer seasons put sensible 16-week cycles in front of it. The simulation walks the days in
order with one ``random.Random(seed)``: every morning the athlete's fitness (CTL), fatigue (ATL)
and strain set resting HR, HRV and sleep; every session is turned into a spec (with its own seed,
so rendering can run in any order or process) and its estimated TRIMP feeds the next morning.
"""

from __future__ import annotations

import random
import statistics
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal, cast
from zoneinfo import ZoneInfo

from runlift_sync.demo import physiology as phys
from runlift_sync.demo.physiology import Athlete, FatigueState
from runlift_sync.demo.routes import ROUTES, RouteName
from runlift_sync.demo.specs import (
    DaySpec,
    LiftSpec,
    LiftType,
    NightSpec,
    Phase,
    RunSpec,
    RunStep,
    RunType,
)
from runlift_sync.demo.strength_program import StrengthProgram

STORY_LEVEL_KM = 32.0
PREROLL_WEEKS = 8
HARD_RUNS: frozenset[str] = frozenset({"tempo", "intervals"})
KEY_RUNS: frozenset[str] = frozenset({"tempo", "intervals", "long"})


@dataclass(frozen=True)
class Slot:
    """One session of a template week; ``share`` is the run's part of the weekly km."""

    weekday: int
    kind: Literal["run", "lift"]
    type: str
    share: float = 0.0
    slot: Literal["am", "pm"] = "am"


def _run(day: int, run_type: RunType, share: float) -> Slot:
    return Slot(day, "run", run_type, share, "am")


def _lift(day: int, lift_type: LiftType) -> Slot:
    return Slot(day, "lift", lift_type, 0.0, "pm")


# fmt: off
TEMPLATES: dict[str, tuple[Slot, ...]] = {
    # sensible: lower-body lift Monday, key runs Wednesday (2 days later) and Saturday
    "base": (
        _lift(0, "lower"),
        _run(1, "easy", 0.18),
        _run(2, "tempo", 0.18),
        _lift(2, "upper"),
        _run(3, "easy", 0.17),
        _run(5, "long", 0.30),
        _run(6, "recovery", 0.17),
    ),
    "recovery": (
        _run(1, "easy", 0.27),
        _lift(2, "lower"),
        _run(3, "easy", 0.23),
        _lift(4, "upper"),
        _run(5, "long", 0.32),
        _run(6, "recovery", 0.18),
    ),
    # sensible build: hard day hard (intervals am, legs pm), easy days easy
    "build_ok": (
        _run(0, "recovery", 0.08),
        _run(1, "intervals", 0.18),
        _lift(1, "lower"),
        _run(2, "recovery", 0.12),
        _run(3, "easy", 0.16),
        _lift(3, "upper"),
        _run(5, "long", 0.30),
        _run(6, "easy", 0.16),
    ),
    # the story's build: lower-body lift the evening before intervals, tempo + long at weekend
    "build_legs": (
        _run(1, "easy", 0.16),
        _lift(1, "lower"),
        _run(2, "intervals", 0.18),
        _run(3, "easy", 0.14),
        _lift(3, "upper"),
        _run(4, "recovery", 0.10),
        _run(5, "tempo", 0.16),
        _run(6, "long", 0.26),
    ),
    # the story's last weeks: three hard runs a week, legs the day before intervals again
    "overreach": (
        _lift(0, "lower"),
        _run(1, "intervals", 0.17),
        _run(2, "easy", 0.15),
        _run(3, "tempo", 0.17),
        _lift(3, "upper"),
        _run(4, "recovery", 0.08),
        _run(5, "intervals", 0.13),
        _run(6, "long", 0.30),
    ),
    "taper": (
        _run(1, "intervals", 0.22),
        _run(2, "easy", 0.20),
        _lift(2, "upper"),
        _run(4, "recovery", 0.13),
        _run(6, "tempo", 0.45),
    ),
    "off": (_run(2, "easy", 0.5), _run(5, "easy", 0.5)),
}

# fmt: on


@dataclass(frozen=True)
class WeekShape:
    """A week of the season: its phase, volume relative to the cycle's level, and template."""

    phase: Phase
    factor: float
    template: str


def _w(phase: Phase, factor: float, template: str | None = None) -> WeekShape:
    return WeekShape(phase, factor, template or phase)


# fmt: off
STORY_CYCLE: tuple[WeekShape, ...] = (
    _w("base", 1.00), _w("base", 1.07), _w("base", 1.14), _w("recovery", 0.86),
    _w("base", 1.12), _w("base", 1.19), _w("base", 1.26), _w("recovery", 0.95),
    _w("base", 1.25),
    # too fast: +12 %, +21 %, then holding at the new level; legs the evening before intervals
    _w("build", 1.40, "build_legs"), _w("build", 1.70, "build_legs"),
    _w("build", 1.70, "build_legs"),
    _w("recovery", 1.20),
    # three hard runs a week, +33 %, +22 %, +13 %: the coach has to step in for week 17
    _w("overreach", 1.60), _w("overreach", 1.95), _w("overreach", 2.20),
)
HISTORY_CYCLE: tuple[WeekShape, ...] = (
    _w("off", 0.45),
    _w("base", 0.95),
    _w("base", 1.02),
    _w("recovery", 0.82),
    _w("base", 1.06),
    _w("base", 1.12),
    _w("base", 1.18),
    _w("recovery", 0.92),
    _w("build", 1.25, "build_ok"),
    _w("build", 1.34, "build_ok"),
    _w("build", 1.42, "build_ok"),
    _w("recovery", 1.05),
    _w("peak", 1.45, "build_ok"),
    _w("peak", 1.50, "build_ok"),
    _w("taper", 1.05),
    _w("base", 0.95),
)
# fmt: on
RESIDUAL_GAIN = 0.15


@dataclass(frozen=True)
class WeekTruth:
    """One season week's ground truth: the plan, what the body did, and (after rendering) the
    km actually in the files. ``lower_lift_before_key_run``: a lower-body lift the day before
    intervals, tempo or the long run. Loads are the simulation's TRIMP-based CTL/ATL/TSB at
    the end of the week; resting HR, HRV and sleep are weekly means of the daily values."""

    index: int
    monday: date
    phase: Phase
    planned_km: float
    actual_km: float
    runs: int
    hard_runs: int
    lifts: int
    lower_lift_before_key_run: bool
    resting_hr: float
    hrv_ms: float
    sleep_h: float
    ctl: float
    atl: float
    tsb: float
    strain: float
    fatigue: FatigueState


@dataclass(frozen=True)
class SeasonPlan:
    """The whole simulated season: per-file specs plus the weekly ground truth."""

    athlete: Athlete
    start: date
    weeks: tuple[WeekTruth, ...]
    activities: tuple[RunSpec | LiftSpec, ...]
    nights: tuple[NightSpec, ...]
    days: tuple[DaySpec, ...]


def season_shapes(weeks: int, rng: random.Random) -> list[tuple[WeekShape, float]]:
    """Each week's shape and the level (km) its factor applies to; the story always ends it."""
    story = [(shape, STORY_LEVEL_KM) for shape in STORY_CYCLE]
    history_weeks = max(0, weeks - len(story))
    cycles = -(-history_weeks // len(HISTORY_CYCLE))
    history: list[tuple[WeekShape, float]] = []
    for c in range(cycles):
        level = STORY_LEVEL_KM * (0.78 + 0.2 * (c + 1) / (cycles + 1)) * rng.uniform(0.95, 1.05)
        for planned in HISTORY_CYCLE:
            missed = planned.phase in ("base", "build") and rng.random() < 0.04
            history.append((_w("off", 0.3) if missed else planned, level))  # ill or travelling
    return (history[len(history) - history_weeks :] + story)[-weeks:]


@dataclass
class _Body:
    """Mutable simulation state: loads and the wellness history for rolling values."""

    ctl: float
    atl: float
    residual: float = 0.0
    resting_hr: list[int] = field(default_factory=list)
    hrv: list[float] = field(default_factory=list)


def simulate_season(athlete: Athlete, start: date, weeks: int, seed: int) -> SeasonPlan:
    """Simulate ``weeks`` weeks from Monday ``start``; a pure function of its arguments."""
    rng = random.Random(seed)
    tz = ZoneInfo(athlete.timezone)
    # a season shorter than the story is the story's tail: simulate it all, keep the last weeks
    simulated = max(weeks, len(STORY_CYCLE))
    shapes = season_shapes(simulated, rng)
    hidden = PREROLL_WEEKS + simulated - weeks
    first_shape, first_level = shapes[0]
    preroll = [
        (_w("base", first_shape.factor if first_shape.phase != "off" else 1.0, "base"), first_level)
    ] * PREROLL_WEEKS
    steady_load = first_level * 15.0 / 7.0
    body = _Body(ctl=steady_load, atl=steady_load)
    program = StrengthProgram.start(athlete.mass_kg)
    activities: list[RunSpec | LiftSpec] = []
    nights: dict[date, NightSpec] = {}
    day_inputs: list[tuple[date, int, int, list[tuple[datetime, int, float]], int]] = []
    planned_weeks: list[WeekTruth] = []

    for w, (shape, level) in enumerate(preroll + shapes):
        week_index = w - hidden
        monday = start + timedelta(weeks=week_index)
        keep = week_index >= 0
        if w >= PREROLL_WEEKS and (simulated - (w - PREROLL_WEEKS)) % len(STORY_CYCLE) == 0:
            program.new_block()  # each 16-week cycle starts a heavy block at 3 sets
        weekly_km = round(level * shape.factor, 1)
        slots = TEMPLATES[shape.template]
        share_total = sum(s.share for s in slots if s.kind == "run")
        lifted = False
        week_rhr: list[int] = []
        week_hrv: list[float] = []
        week_sleep: list[float] = []
        week_strain: list[float] = []
        for weekday in range(7):
            day = monday + timedelta(days=weekday)
            s = phys.strain(body.ctl, body.atl) + body.residual
            week_strain.append(s)
            rhr = round(phys.resting_heart_rate(athlete, body.ctl, s, rng.gauss(0.0, 1.0)))
            hrv = round(phys.hrv_rmssd(athlete, body.ctl, s, rng.gauss(0.0, 3.5)))
            sleep_h = phys.sleep_hours(athlete, s, weekend=weekday >= 5, noise=rng.gauss(0, 0.3))
            body.resting_hr.append(rhr)
            body.hrv.append(hrv)
            week_rhr.append(rhr)
            week_hrv.append(hrv)
            week_sleep.append(sleep_h)
            night = _night(athlete, tz, day, sleep_h, hrv, body.hrv, s, rng)
            busy: list[tuple[datetime, int, float]] = []
            load = 0.0
            for slot in (x for x in slots if x.weekday == weekday):
                start_utc = _start_time(tz, day, slot, rng)
                spec: RunSpec | LiftSpec
                if slot.kind == "run":
                    km = round(weekly_km * slot.share / share_total, 1)
                    run_type = cast(RunType, slot.type)
                    spec = _run_spec(athlete, body, rhr, s, day, start_utc, run_type, km, rng)
                    duration_s, avg_hr = _estimate_run(athlete, spec)
                else:
                    lifted = True
                    lift_type = cast(LiftType, slot.type)
                    deload = shape.phase in ("recovery", "taper", "off")
                    exercises = program.session(lift_type, strain=s, deload=deload, rng=rng)
                    spec = LiftSpec(
                        start_utc, day, lift_type, exercises, float(rhr), s, rng.getrandbits(63)
                    )
                    duration_s, avg_hr = _estimate_lift(athlete, spec)
                load += phys.trimp(duration_s, avg_hr, rhr, athlete.hr_max, athlete.sex)
                busy.append((start_utc, duration_s, avg_hr))
                if keep:
                    activities.append(spec)
            body.ctl, body.atl = phys.update_fitness(body.ctl, body.atl, load)
            body.residual = phys.carry_over(
                body.residual, phys.strain(body.ctl, body.atl), gain=RESIDUAL_GAIN
            )
            day_seed = rng.getrandbits(63)  # drawn even when not kept: a short season is a tail
            if keep:
                nights[day] = night
                rhr_7d = round(statistics.fmean(body.resting_hr[-7:]))
                day_inputs.append((day, rhr, rhr_7d, busy, day_seed))
        if not lifted:
            program.detrain()
        if keep:
            planned_weeks.append(
                _planned_week(
                    week_index,
                    monday,
                    shape,
                    weekly_km,
                    slots,
                    body,
                    week_rhr,
                    week_hrv,
                    week_sleep,
                    week_strain,
                )
            )
    days = tuple(
        _day_spec(tz, d, rhr, rhr7, busy, nights, seed_d)
        for d, rhr, rhr7, busy, seed_d in day_inputs
    )
    return SeasonPlan(
        athlete,
        start,
        tuple(planned_weeks),
        tuple(activities),
        tuple(nights[d] for d in sorted(nights)),
        days,
    )


def _planned_week(
    week_index: int,
    monday: date,
    shape: WeekShape,
    weekly_km: float,
    slots: tuple[Slot, ...],
    body: _Body,
    rhr: list[int],
    hrv: list[float],
    sleep: list[float],
    strains: list[float],
) -> WeekTruth:
    runs = [s for s in slots if s.kind == "run"]
    lower_days = {s.weekday for s in slots if s.kind == "lift" and s.type == "lower"}
    key_days = {s.weekday for s in runs if s.type in KEY_RUNS}
    before_key = any(d + 1 in key_days for d in lower_days)
    strain_mean = statistics.fmean(strains)
    return WeekTruth(
        index=week_index + 1,
        monday=monday,
        phase=shape.phase,
        planned_km=weekly_km,
        actual_km=0.0,
        runs=len(runs),
        hard_runs=sum(s.type in HARD_RUNS for s in runs),
        lifts=sum(s.kind == "lift" for s in slots),
        lower_lift_before_key_run=before_key,
        resting_hr=round(statistics.fmean(rhr), 1),
        hrv_ms=round(statistics.fmean(hrv), 1),
        sleep_h=round(statistics.fmean(sleep), 2),
        ctl=round(body.ctl, 1),
        atl=round(body.atl, 1),
        tsb=round(body.ctl - body.atl, 1),
        strain=round(strain_mean, 3),
        fatigue=phys.fatigue_state(strain_mean),
    )


def local_to_utc(tz: ZoneInfo, day: date, clock: time) -> datetime:
    """A wall-clock time on a local date, as an aware UTC datetime (DST-correct)."""
    return datetime.combine(day, clock, tzinfo=tz).astimezone(UTC)


def _start_time(tz: ZoneInfo, day: date, slot: Slot, rng: random.Random) -> datetime:
    weekend = day.weekday() >= 5
    if slot.slot == "pm":
        minutes = rng.randint(18 * 60, 19 * 60)
    elif weekend:
        minutes = rng.randint(8 * 60 + 30, 9 * 60 + 45)
    else:
        minutes = rng.randint(6 * 60 + 10, 7 * 60 + 10)
    clock = time(minutes // 60, minutes % 60, rng.randint(0, 59))
    return local_to_utc(tz, day, clock)


def _run_spec(
    athlete: Athlete,
    body: _Body,
    rhr: int,
    s: float,
    day: date,
    start_utc: datetime,
    run_type: RunType,
    km: float,
    rng: random.Random,
) -> RunSpec:
    v_lt = phys.threshold_speed(athlete, body.ctl)
    metres = km * 1000.0
    route: RouteName
    workout: str | None = None
    repeats = 0
    if run_type == "easy":
        route = rng.choice(("tiergarten", "tempelhof"))
        steps: tuple[RunStep, ...] = (RunStep("steady", v_lt * rng.uniform(0.70, 0.74), metres),)
    elif run_type == "recovery":
        route = "tiergarten"
        steps = (RunStep("steady", v_lt * rng.uniform(0.64, 0.67), metres),)
    elif run_type == "long":
        route = "grunewald"
        v = v_lt * rng.uniform(0.69, 0.72)
        steps = (
            RunStep("steady", v, round(metres * 0.85)),
            RunStep("steady", v * 1.04, metres - round(metres * 0.85)),
        )
    elif run_type == "tempo":
        route = "tempelhof"
        v_tempo = v_lt * rng.uniform(0.95, 0.98)
        warmup_m = 2000.0
        tempo_s = int(min(30 * 60, max(12 * 60, (metres - warmup_m - 1500.0) / v_tempo)))
        tempo_s -= tempo_s % 60
        cooldown_m = max(1000.0, metres - warmup_m - tempo_s * v_tempo)
        cooldown_m = round(cooldown_m, -1)
        workout = f"Tempo {tempo_s // 60} min"
        steps = (
            RunStep("warmup", v_lt * 0.70, warmup_m, wkt_step_index=0),
            RunStep("work", v_tempo, None, tempo_s, wkt_step_index=1),
            RunStep("cooldown", v_lt * 0.68, cooldown_m, wkt_step_index=2),
        )
    elif run_type == "intervals":
        route = "track"
        rep_m, pace, rest_s = rng.choice(((800, 1.10, 120), (1000, 1.07, 120), (1200, 1.05, 150)))
        if km < 7.5:
            rep_m, pace, rest_s = 400, 1.13, 90
        warmup_s = 15 * 60
        v_warm, v_rest, v_work = v_lt * 0.70, v_lt * 0.45, v_lt * pace
        block_m = rep_m + rest_s * v_rest
        repeats = max(3, min(12, int((metres - warmup_s * v_warm - 1500.0) // block_m)))
        cooldown_m = max(1000.0, round(metres - warmup_s * v_warm - repeats * block_m, -1))
        workout = f"{repeats}x{rep_m}m"
        reps: list[RunStep] = []
        for _ in range(repeats):
            reps.append(RunStep("work", v_work, float(rep_m), wkt_step_index=1))
            reps.append(RunStep("rest", v_rest, None, rest_s, wkt_step_index=2))
        steps = (
            RunStep("warmup", v_warm, None, warmup_s, wkt_step_index=0),
            *reps,
            RunStep("cooldown", v_lt * 0.68, cooldown_m, wkt_step_index=4),
        )
    else:
        raise ValueError(f"unknown run type {run_type!r}")
    return RunSpec(
        start_utc=start_utc,
        local_date=day,
        run_type=run_type,
        route=route,
        route_offset_m=rng.uniform(0.0, ROUTES[route].perimeter_m),
        steps=steps,
        threshold_mps=v_lt,
        hr_rest=float(rhr),
        strain=s,
        drift_per_hour=0.035 + 0.05 * s,
        seed=rng.getrandbits(63),
        workout_name=workout,
        repeats=repeats,
    )


def _estimate_run(athlete: Athlete, spec: RunSpec) -> tuple[int, float]:
    """Duration and average HR of a run from its steps (steady state, drift at mid-step)."""
    elapsed = 0.0
    weighted = 0.0
    for step in spec.steps:
        seconds = (
            step.duration_s
            if step.duration_s is not None
            else ((step.distance_m or 0.0) / step.speed_mps)
        )
        effort = phys.effort_fraction(step.speed_mps, 0.0, spec.threshold_mps)
        hr = phys.target_heart_rate(
            athlete,
            effort,
            hr_rest_today=spec.hr_rest,
            strain_level=spec.strain,
            elapsed_s=elapsed + seconds / 2,
            drift_per_hour=spec.drift_per_hour,
        )
        weighted += hr * seconds
        elapsed += seconds
    return round(elapsed), weighted / max(elapsed, 1.0)


def _estimate_lift(athlete: Athlete, spec: LiftSpec) -> tuple[int, float]:
    """Duration and average HR of a lifting session (work at the exercise's effort, rest ~0.22)."""
    seconds = 0.0
    weighted = 0.0
    for exercise in spec.exercises:
        for s in exercise.sets:
            for effort, duration in ((exercise.effort, s.duration_s), (0.22, s.rest_after_s)):
                hr = phys.target_heart_rate(
                    athlete,
                    effort * 0.85,
                    hr_rest_today=spec.hr_rest,
                    strain_level=spec.strain,
                    elapsed_s=0.0,
                    drift_per_hour=0.0,
                )
                weighted += hr * duration
                seconds += duration
    return round(seconds), weighted / max(seconds, 1.0)


def _night(
    athlete: Athlete,
    tz: ZoneInfo,
    wake_day: date,
    sleep_h: float,
    hrv: float,
    history: list[float],
    s: float,
    rng: random.Random,
) -> NightSpec:
    weekend_night = wake_day.weekday() in (5, 6)
    bed_minutes = round(22 * 60 + 40 + (30 if weekend_night else 0) + rng.gauss(0.0, 20.0))
    bed_day = wake_day - timedelta(days=1)
    bed = local_to_utc(tz, bed_day, time(0, 0)) + timedelta(minutes=bed_minutes)
    weekly = statistics.fmean(history[-7:])
    window = history[-21:]
    mean = statistics.fmean(window)
    sd = max(2.5, statistics.pstdev(window)) if len(window) > 1 else 2.5
    return NightSpec(
        wake_date=wake_day,
        sleep_start_utc=bed,
        sleep_s=round(sleep_h * 3600),
        hrv_ms=hrv,
        hrv_weekly_ms=round(weekly),
        hrv_baseline_low_ms=round(mean - 0.75 * sd),
        hrv_baseline_high_ms=round(mean + 0.75 * sd),
        strain=s,
        seed=rng.getrandbits(63),
    )


def _day_spec(
    tz: ZoneInfo,
    day: date,
    rhr: int,
    rhr_7d: int,
    busy: list[tuple[datetime, int, float]],
    nights: dict[date, NightSpec],
    seed: int,
) -> DaySpec:
    midnight = local_to_utc(tz, day, time(0, 0))
    next_midnight = local_to_utc(tz, day + timedelta(days=1), time(0, 0))
    asleep = []
    for night in (nights.get(day), nights.get(day + timedelta(days=1))):
        if night is not None:
            asleep.append(
                (night.sleep_start_utc, night.sleep_start_utc + timedelta(seconds=night.sleep_s))
            )
    steps = 6500 + seed % 5000
    return DaySpec(
        day, midnight, next_midnight, rhr, rhr_7d, tuple(asleep), tuple(busy), steps, seed
    )
