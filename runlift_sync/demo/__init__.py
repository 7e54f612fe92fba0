"""The demo athlete: a season of a runner who lifts, written as real FIT files on a simulated watch.

Usage::

    from runlift_sync.demo import generate_season
    summary = generate_season(Path("/tmp/watch"), seed=7, weeks=16)   # ~5 s, ~87k records
    summary.weeks      # ground truth per week: planned/actual km, phase, fatigue, CTL/ATL/TSB
    summary.plan_path  # the demo plan (coach TOML) for summary.next_week_start

or ``python -m runlift_sync.demo --out DIR [--seed N] [--weeks N] [--start YYYY-MM-DD]``.

The mount looks like a Forerunner 965 plugged in over USB::

    GARMIN/GarminDevice.xml              the watch's manifest (model, serial, FIT folders)
    GARMIN/Activity/2026-05-06-06-29-48.fit   runs and strength sessions (file type activity)
    GARMIN/Monitor/2026-05-06.FIT        one per day (monitoring_b): HR every 30 min, steps,
                                         resting HR in monitoring_hr_data (message 211)
    GARMIN/Sleep/<wake time>.fit         one per night (file type 49): sleep_level changes (275)
    GARMIN/HRVStatus/<wake time>.fit     one per night (file type 68): hrv_value every 5 min
                                         (371) and hrv_status_summary (370)

The story (the last 16 weeks; longer seasons put sensible 16-week cycles before it):
weeks 1–9 base (~32 → 40 km, a recovery week every 4th, lower-body lift Monday, key runs two
days later); weeks 10–12 a build that ramps too fast (+12 %, +21 %) with a lower-body lift the
evening before intervals — resting HR climbs ~6–8 bpm, HRV drops by a third, sleep shortens;
week 13 a recovery week; weeks 14–16 three hard runs a week and +33 %, +22 %, +13 % to 70 km,
legs the day before intervals again, fatigue at its worst (TSB ≈ −40, HRV 7-day mean below
the 60-day baseline, < 7 h sleep). ``plan.toml`` asks for 80 km next week with the same
mistakes, so the coach has to step in for several reasons at once.

The model (``physiology``), deterministic from the seed (``random.Random``, no global state):
daily Banister TRIMP feeds fitness (CTL, τ 42 d) and fatigue (ATL, τ 7 d); threshold speed
rises ~0.3 % per CTL point, so the same HR buys a faster pace over the weeks; strain
(ATL above CTL, plus a slowly fading carry-over of past overreaching) raises resting HR and
HR at a given pace and lowers HRV and sleep. During a run HR follows a first-order response
(τ ≈ 22 s up, 40 s down) to a target set by grade-adjusted speed relative to threshold, with
cardiac drift of ~3.5 %/h (more when strained); speed follows the workout with lag and noise.
Lifting follows a heavy block (3 → 6 sets of 4–8 reps at ~80 % 1RM, ≥ 2 min rests, +5 %
load after 6 full sets); reps are missed when strained, and the true 1RM grows with training.

Modules: ``physiology`` (the body), ``lifting`` (the strength program), ``routes`` (GPS
loops), ``season`` (story, schedule, day-by-day simulation → specs), ``render`` (specs →
samples, laps, sets), ``fit_writer`` (→ FIT bytes with Garmin's encoder), ``device`` (the
watch's identity and layout), ``generate`` (files on disk, process pool, summary).
"""

from runlift_sync.demo.generate import (
    DEMO_PLAN,
    FileResult,
    SeasonSummary,
    default_start,
    generate_season,
)
from runlift_sync.demo.physiology import Athlete
from runlift_sync.demo.season import WeekTruth

__all__ = [
    "DEMO_PLAN",
    "Athlete",
    "FileResult",
    "SeasonSummary",
    "WeekTruth",
    "default_start",
    "generate_season",
]
