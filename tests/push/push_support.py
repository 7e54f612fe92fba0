"""Stored weeks for the push tests: a template week, re-planned as the coach would."""

from __future__ import annotations

import dataclasses
import datetime as dt
from importlib import resources

from rules import AdjustedWeek, Change, Session
from rules.plan import Exercise
from runlift_sync.coach.acceptance import accept_week
from runlift_sync.coach.week_store import save_week
from runlift_sync.config import Settings
from runlift_sync.db import open_writer
from runlift_sync.push.structured_workout import RunLandmarks

MONDAY = dt.date(2025, 7, 7)
#: A runner's landmarks for workout tests: LTHR 170 → VT1 153 (90 % rounded up), Z2 from 145,
#: Z4 from 162; easy pace 6:00/km, tempo 5:00/km, intervals 4:30/km.
RUNS = RunLandmarks(
    lthr_bpm=170,
    vt1_bpm=153,
    hr_max_bpm=190,
    zone2_from_bpm=145,
    zone4_from_bpm=162,
    easy_pace_s_per_km=360.0,
    tempo_pace_s_per_km=300.0,
    interval_pace_s_per_km=270.0,
)
PLAN_TOML = """
[plan]
phase = "base"
weekly_km = 40

[[session]]
day = "mon"
kind = "lift"
type = "lower"
minutes = 40

  [[session.exercise]]
  name = "back squat"
  sets = 3
  reps = 6
  pct_1rm = 0.80
"""


def day(n: int) -> dt.date:
    return MONDAY + dt.timedelta(days=n)


SQUAT = Exercise("back squat", 3, 6, load_kg=80.0, rest_s=150, main=True, region="lower")
RDL = Exercise("romanian deadlift", 3, 8, rest_s=90, region="lower")
BOX_JUMP = Exercise("box jump", 3, 5, rest_s=60, region="plyometric")

TEMPLATE: tuple[Session, ...] = (
    Session(day(0), "lift", "lower", minutes=40, slot="pm", exercises=(SQUAT, RDL, BOX_JUMP)),
    Session(day(1), "run", "intervals", km=10, slot="am"),
    Session(day(2), "run", "easy", km=8),
    Session(day(3), "run", "tempo", km=9, slot="am"),
    Session(day(4), "rest"),
    Session(day(5), "run", "long", km=16, slot="am"),
)


def replace_session(
    week: tuple[Session, ...], index: int, **changes: object
) -> tuple[Session, ...]:
    """The week with session `index` changed (another km, another date…)."""
    out = list(week)
    out[index] = dataclasses.replace(out[index], **changes)  # type: ignore[arg-type]
    return tuple(out)


def store_week(
    settings: Settings,
    sessions: tuple[Session, ...] = TEMPLATE,
    *,
    template: tuple[Session, ...] = TEMPLATE,
    changes: tuple[Change, ...] = (),
    week_start: dt.date = MONDAY,
    accepted: bool = True,
) -> None:
    """Store `sessions` as the coach's week (replacing any stored one), as `plan next` does,
    and (`accepted`) accept it as the athlete would: `plan push` pushes the accepted week."""
    week = AdjustedWeek(week_start, "base", sessions, changes, {})
    with open_writer(settings.warehouse, timeout_s=5) as con:
        save_week(
            con,
            athlete=settings.athlete,
            week=week,
            template=template,
            template_km=43.0,
            plan_path=None,
            plan_toml=PLAN_TOML,
            policy_text="",
        )
        if accepted:
            accept_week(con, settings.athlete, week_start)


def add_profile(settings: Settings, *, lthr: int = 170, hr_max: int = 190) -> None:
    """An athlete_profile row as the model refresh writes it (LTHR, VT1 = 90 %, zones)."""
    ddl = (resources.files("warehouse") / "model" / "athlete_profile.sql").read_text()
    with open_writer(settings.warehouse, timeout_s=5) as con:
        con.execute(ddl.split("COMMENT ON")[0])
        con.execute(
            "INSERT INTO athlete_profile (athlete, hr_max, hr_max_source, hr_rest, "
            "hr_threshold, hr_threshold_source, timezone, vt1_hr, zone2_from_hr, "
            "zone3_from_hr, zone4_from_hr, zone5_from_hr) "
            "VALUES (?, ?, 'config', 50, ?, 'config', 'Europe/Berlin', ?, ?, ?, ?, ?)",
            [
                settings.athlete,
                hr_max,
                lthr,
                -(-lthr * 9 // 10),
                round(lthr * 0.85),
                -(-lthr * 9 // 10),
                round(lthr * 0.95),
                lthr,
            ],
        )
