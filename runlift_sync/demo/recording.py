"""Turn a session spec into what the watch records: samples, laps, sets and totals (pure).

The body is simulated only at the instants the watch records ("smart recording": irregular gaps
of 1–6 s while running, 1–2 s right after a change of step, 1–4 s in a set, 3–9 s in a rest).
Heart rate and speed follow first-order responses whose exact solution over a gap is used, so
nothing depends on a hidden 1 Hz grid, and every total (lap, session) is the time-weighted
aggregate of the recorded samples: a file's summaries agree with its records by construction.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from runlift_sync.demo import physiology as phys
from runlift_sync.demo.physiology import Athlete
from runlift_sync.demo.routes import ROUTES
from runlift_sync.demo.specs import LapIntensity, LiftSpec, RunSpec

AUTO_LAP_M = 1000.0
_INTENSITY: dict[str, LapIntensity] = {
    "steady": "active",
    "warmup": "warmup",
    "work": "active",
    "rest": "rest",
    "cooldown": "cooldown",
}
_GAPS = (1, 2, 3, 4, 5, 6)
_GAP_WEIGHTS = (1, 2, 4, 5, 4, 3)


@dataclass(frozen=True)
class Sample:
    """One record message: seconds since start and what the sensors read."""

    t: int
    distance_m: float
    speed_mps: float
    heart_rate: int
    cadence: int
    altitude_m: float
    lat: int
    lon: int


@dataclass(frozen=True)
class Totals:
    """Time-weighted aggregates of the samples in (start_t, end_t] — a lap or a session."""

    start_t: int
    end_t: int
    distance_m: float
    avg_hr: int
    max_hr: int
    avg_speed_mps: float
    max_speed_mps: float
    avg_cadence: int
    max_cadence: int
    ascent_m: int
    descent_m: int
    strides: int
    kcal: int
    start_index: int
    end_index: int

    @property
    def timer_s(self) -> int:
        """Seconds the lap/session lasted (no pauses: timer time = elapsed time)."""
        return self.end_t - self.start_t


@dataclass(frozen=True)
class Lap:
    """A lap as the watch closes it: totals plus intensity, trigger and workout step."""

    totals: Totals
    intensity: LapIntensity
    trigger: str
    wkt_step_index: int | None


@dataclass(frozen=True)
class RenderedRun:
    """A run ready for encoding."""

    spec: RunSpec
    samples: tuple[Sample, ...]
    laps: tuple[Lap, ...]
    session: Totals

    @property
    def end_utc(self) -> datetime:
        """When the timer stopped."""
        return self.spec.start_utc + timedelta(seconds=self.session.end_t)


@dataclass(frozen=True)
class RenderedSet:
    """A set (active) or the rest after it, with absolute times."""

    start_t: int
    duration_s: int
    set_type: str
    exercise_index: int
    reps: int | None
    weight_kg: float


@dataclass(frozen=True)
class RenderedLift:
    """A strength session ready for encoding: HR samples, sets and totals."""

    spec: LiftSpec
    samples: tuple[tuple[int, int], ...]
    sets: tuple[RenderedSet, ...]
    duration_s: int
    avg_hr: int
    max_hr: int
    kcal: int

    @property
    def end_utc(self) -> datetime:
        """When the timer stopped."""
        return self.spec.start_utc + timedelta(seconds=self.duration_s)


def _gap(rng: random.Random, since_change: int) -> int:
    if since_change < 20:
        return rng.choice((1, 2))
    return rng.choices(_GAPS, _GAP_WEIGHTS)[0]


def render_run(athlete: Athlete, spec: RunSpec) -> RenderedRun:
    """Simulate a run at its recording instants and close its laps."""
    rng = random.Random(spec.seed)
    route = ROUTES[spec.route]
    structured = spec.workout_name is not None
    hr = spec.hr_rest + 0.18 * (athlete.hr_max - spec.hr_rest)
    hr_noise = 0.0
    pace_noise = 0.0
    speed = 0.0
    dist = 0.0
    t = 0
    lat, lon = route.position(spec.route_offset_m)
    samples = [Sample(0, 0.0, 0.0, round(hr), 0, route.altitude(spec.route_offset_m), lat, lon)]
    boundaries: list[tuple[int, LapIntensity, str, int | None]] = []
    next_auto = AUTO_LAP_M
    for step_no, step in enumerate(spec.steps):
        step_start_t, step_start_d = t, dist
        last_change = t
        while True:
            gap = _gap(rng, t - last_change)
            lap_closed = False
            if step.duration_s is not None:
                remaining_s = step_start_t + step.duration_s - t
                gap = min(gap, remaining_s)
                step_done = gap == remaining_s
                cap_m = math.inf
            else:
                cap_m = step_start_d + (step.distance_m or 0.0)
                step_done = False
            if not structured:
                cap_m = min(cap_m, next_auto)
            grade = route.grade(spec.route_offset_m + dist)
            decay = math.exp(-gap / 60.0)
            pace_noise = pace_noise * decay + rng.gauss(0.0, 0.012) * math.sqrt(1 - decay * decay)
            target = step.speed_mps * (1.0 + pace_noise) * (1.0 - 2.0 * grade)
            new_speed = speed + (target - speed) * (1.0 - math.exp(-gap / 4.0))
            moved = (speed + new_speed) / 2.0 * gap
            if dist + moved >= cap_m - 1e-6 and moved > 0:
                # land exactly on the lap/step boundary: shorten the gap to reach it
                need = cap_m - dist
                per_s = max(0.5, (speed + new_speed) / 2.0)
                gap = max(1, math.ceil(need / per_s - 1e-9))
                moved = need
                new_speed = speed + (target - speed) * (1.0 - math.exp(-gap / 4.0))
                if (
                    step.distance_m is not None
                    and abs(cap_m - (step_start_d + step.distance_m)) < 1e-6
                ):
                    step_done = True
                if not structured and abs(cap_m - next_auto) < 1e-6:
                    lap_closed = True
            speed = new_speed
            dist = dist + moved
            t += gap
            effort = phys.effort_fraction(speed, grade, spec.threshold_mps)
            # cardiac drift builds over continuous running: the whole run, or the work step
            continuous = (
                t if step.kind == "steady" else (t - step_start_t if step.kind == "work" else 0)
            )
            target_hr = phys.target_heart_rate(
                athlete,
                effort,
                hr_rest_today=spec.hr_rest,
                strain_level=spec.strain,
                elapsed_s=continuous,
                drift_per_hour=spec.drift_per_hour,
            )
            hr = phys.heart_rate_step(hr, target_hr, gap)
            decay_hr = math.exp(-gap / 8.0)
            hr_noise = hr_noise * decay_hr + rng.gauss(0.0, 1.2) * math.sqrt(1 - decay_hr**2)
            hr_obs = phys.clamp_heart_rate(hr + hr_noise, spec.hr_rest, athlete.hr_max)
            cadence = phys.running_cadence(speed) + rng.uniform(-1.0, 1.0)
            if step.kind == "rest":
                cadence -= 4.0
            position = spec.route_offset_m + dist
            lat, lon = route.position(position)
            samples.append(
                Sample(
                    t,
                    round(dist, 2),
                    round(speed, 3),
                    round(hr_obs),
                    round(cadence),
                    round(route.altitude(position), 1),
                    lat,
                    lon,
                )
            )
            if lap_closed:
                boundaries.append((t, "active", "distance", None))
                next_auto += AUTO_LAP_M
            if step_done:
                break
        if structured:
            last = step_no == len(spec.steps) - 1
            trigger = (
                "session_end" if last else ("time" if step.duration_s is not None else "distance")
            )
            boundaries.append((t, _INTENSITY[step.kind], trigger, step.wkt_step_index))
    if not structured and (not boundaries or boundaries[-1][0] != t):
        boundaries.append((t, "active", "session_end", None))
    laps = []
    start_t = 0
    for end_t, intensity, trigger, step_index in boundaries:
        laps.append(
            Lap(_totals(samples, start_t, end_t, athlete.mass_kg), intensity, trigger, step_index)
        )
        start_t = end_t
    return RenderedRun(spec, tuple(samples), tuple(laps), _totals(samples, 0, t, athlete.mass_kg))


def _totals(samples: list[Sample], start_t: int, end_t: int, mass_kg: float) -> Totals:
    """Time-weighted aggregates of samples with start_t < t <= end_t."""
    indices = [i for i, s in enumerate(samples) if start_t < s.t <= end_t]
    first, last = indices[0], indices[-1]
    seconds = end_t - start_t
    hr_sum = speed_max = 0.0
    cad_sum = 0.0
    hr_max = cad_max = 0
    ascent = descent = 0.0
    for i in indices:
        s, prev = samples[i], samples[i - 1]
        dt = s.t - prev.t
        hr_sum += s.heart_rate * dt
        cad_sum += s.cadence * dt
        hr_max = max(hr_max, s.heart_rate)
        cad_max = max(cad_max, s.cadence)
        speed_max = max(speed_max, s.speed_mps)
        climb = s.altitude_m - prev.altitude_m
        if climb > 0:
            ascent += climb
        else:
            descent -= climb
    distance = samples[last].distance_m - samples[first - 1].distance_m
    return Totals(
        start_t=start_t,
        end_t=end_t,
        distance_m=round(distance, 2),
        avg_hr=round(hr_sum / seconds),
        max_hr=hr_max,
        avg_speed_mps=round(distance / seconds, 3),
        max_speed_mps=round(speed_max, 3),
        avg_cadence=round(cad_sum / seconds),
        max_cadence=cad_max,
        ascent_m=round(ascent),
        descent_m=round(descent),
        strides=round(cad_sum / 60.0),
        kcal=round(phys.running_kcal(distance, mass_kg)),
        start_index=first - 1,
        end_index=last,
    )


def render_lift(athlete: Athlete, spec: LiftSpec) -> RenderedLift:
    """Simulate a strength session: HR rises in each set and recovers in the rests."""
    rng = random.Random(spec.seed)
    sets: list[RenderedSet] = []
    t = 0
    for index, exercise in enumerate(spec.exercises):
        for s in exercise.sets:
            sets.append(RenderedSet(t, s.duration_s, "active", index, s.reps, s.weight_kg))
            t += s.duration_s
            if s.rest_after_s > 0:
                sets.append(RenderedSet(t, s.rest_after_s, "rest", index, None, 0.0))
                t += s.rest_after_s
    duration = t
    hr = spec.hr_rest + 0.22 * (athlete.hr_max - spec.hr_rest)
    samples: list[tuple[int, int]] = [(0, round(hr))]
    hr_sum = 0.0
    hr_max = round(hr)
    t = 0
    for rendered in sets:
        exercise = spec.exercises[rendered.exercise_index]
        effort = exercise.effort if rendered.set_type == "active" else 0.22
        if rendered.set_type == "active" and rendered.weight_kg > 0:
            effort += 0.0005 * rendered.weight_kg
        target = phys.target_heart_rate(
            athlete,
            effort,
            hr_rest_today=spec.hr_rest,
            strain_level=spec.strain,
            elapsed_s=0.0,
            drift_per_hour=0.0,
        )
        end = rendered.start_t + rendered.duration_s
        while t < end:
            gap = min(
                end - t, rng.randint(3, 9) if rendered.set_type == "rest" else rng.randint(1, 4)
            )
            hr = phys.heart_rate_step(hr, target, gap, tau_up_s=15.0, tau_down_s=45.0)
            t += gap
            observed = round(
                phys.clamp_heart_rate(hr + rng.gauss(0.0, 1.0), spec.hr_rest, athlete.hr_max)
            )
            samples.append((t, observed))
            hr_sum += observed * gap
            hr_max = max(hr_max, observed)
    avg_hr = round(hr_sum / duration)
    kcal = round(duration / 60.0 * (3.0 + 0.05 * (avg_hr - spec.hr_rest)))
    return RenderedLift(spec, tuple(samples), tuple(sets), duration, avg_hr, hr_max, kcal)
