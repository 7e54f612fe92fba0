"""A week with every kind of change, as review data: all nine rules, sessions kept, changed,
moved, added and removed, a race, decisions without a session, nested evidence; and 120 days of
history, 12 weeks of volume, lifts, wellness and 4 weeks of compliance with every status."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from rules import AdjustedWeek, Change, Exercise, Session, load_policy
from runlift_sync.coach.change_trace import ChangeLinks
from runlift_sync.coach.week_store import Acceptance, StoredWeek
from runlift_sync.review.review_data import (
    ComplianceRow,
    FitnessDay,
    LiftPoint,
    LoadSample,
    ReviewData,
    WeekVolume,
    WellnessDay,
)

WEEK = dt.date(2027, 3, 29)  # a Monday; race on Sunday 4 April


def day(n: int) -> dt.date:
    return WEEK + dt.timedelta(days=n)


SQUAT = Exercise("back squat", 3, 5, load_kg=80.0, rest_s=150)
RDL = Exercise("romanian deadlift", 3, 6, load_kg=70.0, rest_s=120)

TEMPLATE = (
    Session(day(0), "lift", "lower", minutes=45, slot="pm", exercises=(SQUAT, RDL)),
    Session(day(1), "run", "intervals", km=10, slot="am"),
    Session(day(2), "run", "easy", km=8),
    Session(day(3), "run", "tempo", km=10, slot="am"),
    Session(day(3), "lift", "upper", minutes=40, slot="pm"),
    Session(day(4), "run", "recovery", km=5),
    Session(day(5), "lift", "full", minutes=30),
    Session(day(6), "run", "race", km=21.1, slot="am"),
)
SESSIONS = (
    Session(day(1), "run", "easy", km=8, slot="am"),
    Session(
        day(1),
        "lift",
        "lower",
        minutes=30,
        slot="pm",
        exercises=(
            Exercise("back squat", 2, 5, load_kg=82.5, rest_s=150),
            Exercise("pogo jumps", 2, 10, rest_s=60),
        ),
    ),
    Session(day(2), "run", "easy", km=7),
    Session(day(2), "lift", "upper", minutes=20, slot="pm"),
    Session(day(3), "run", "tempo", km=10, slot="am"),
    Session(day(3), "lift", "upper", minutes=40, slot="pm"),
    Session(day(4), "run", "recovery", km=5),
    Session(day(6), "run", "race", km=21.1, slot="am"),
)
TEMPLATE_INDEX = (1, 0, 2, None, 3, 4, 5, 7)
CHANGES: tuple[tuple[Change, tuple[int, ...], tuple[int, ...]], ...] = (
    (
        Change(
            "lifting-by-phase",
            "Sat full lift removed: taper, no leg session within 5 days of the race",
            {"phase": "taper", "race_date": "2027-04-04", "days_to_race": 1},
        ),
        (),
        (6,),
    ),
    (
        Change(
            "heavy-lifting-progression",
            "Back squat 3x5 @ 82.5 kg (+2.5 kg): every rep done on 2027-03-22",
            {"exercise": "back squat", "load_kg": 82.5, "done_reps": [5, 5, 5], "e1rm_kg": 96.0},
        ),
        (1,),
        (0,),
    ),
    (
        Change(
            "lifting-by-phase",
            "Added Wed pm upper lift (20 min): otherwise 11 days without lifting",
            {"days_without_lift": 11, "max_days": 10},
        ),
        (3,),
        (),
    ),
    (
        Change(
            "missed-sessions",
            "Last week's Thu am tempo run was missed: not made up",
            {"missed": ["2027-03-25 tempo run"], "restart_pct": None},
        ),
        (),
        (),
    ),
    (
        Change(
            "scheduled-recovery",
            "Plan week 8 is not a recovery week (every 4th): no change",
            {"plan_week": 8, "every_weeks": 4},
        ),
        (),
        (),
    ),
    (
        Change(
            "mileage-ramp",
            "Planned 52 km is more than 110% of the recent level 43 km: capped at 47.3 km",
            {"planned_km": 52.0, "cap_km": 47.3, "level_km": 43.0, "max_ratio": 1.1},
        ),
        (0, 2),
        (1, 2),
    ),
    (
        Change(
            "one-stressor",
            "Running and lifting both rising > 10%: lifting held to +10%",
            {"running_rise_pct": 0.14, "lifting_rise_pct": 0.3},
        ),
        (1,),
        (0,),
    ),
    (
        Change(
            "fatigue-flags",
            "1 fatigue flag (sleep 6.6 h < 7 h): hold at the recent level",
            {
                "flag_count": 1,
                "flags": ["sleep"],
                "values": {"sleep": 6.6, "tsb": -12.0, "hrv": None},
                "decision": "hold",
            },
        ),
        (),
        (),
    ),
    (
        Change(
            "eighty-twenty",
            "24% of running time in the last 14 days was hard (max 20%): Tue am intervals run made easy",
            {"hard_share": 0.24, "hard_share_max": 0.2, "converted": 1},
        ),
        (0,),
        (1,),
    ),
    (
        Change(
            "legs-before-key-run",
            "Mon pm lower lift is 1 day before the Tue am intervals run: moved to Tue pm, after the run",
            {
                "lift_date": "2027-03-29",
                "key_run_date": "2027-03-30",
                "days_between": 1,
                "moved_to": "2027-03-30",
            },
        ),
        (1,),
        (0,),
    ),
)


def adjusted_week() -> AdjustedWeek:
    signals: dict[str, Any] = {
        "acwr": 1.12,
        "tsb": -12.0,
        "hard_share": 0.24,
        "ramp_cap_km": 47.3,
        "fatigue_flags": ["sleep"],
        "plan_week": 8,
        "missing": ["fatigue:hrv", "previous_fatigue"],
        "notes": ["Race on 2027-04-04 (6 days away): this week is a taper."],
    }
    return AdjustedWeek(WEEK, "taper", SESSIONS, tuple(c for c, _, _ in CHANGES), signals, 8)


def stored_week(*, accepted: bool = False) -> StoredWeek:
    week = adjusted_week()
    contract = week.to_dict()
    acceptance = None
    if accepted:
        acceptance = Acceptance(
            dt.datetime(2027, 3, 27, 9, 30),
            dt.datetime(2027, 3, 27, 3, 30),
            "abc",
            ("eighty-twenty", "legs-before-key-run"),
            (contract["changes"][9],),
        )
    return StoredWeek(
        week_start=WEEK,
        phase="taper",
        planned_km=week.planned_km,
        template_km=54.1,
        adjusted=contract,
        template=TEMPLATE,
        sessions=SESSIONS,
        created_at=dt.datetime(2027, 3, 27, 3, 30),
        version="accepted" if accepted else "adjusted",
        template_index=TEMPLATE_INDEX,
        change_links=tuple(ChangeLinks(s, t) for _, s, t in CHANGES),
        acceptance=acceptance,
        proposal_sha256="abc" if accepted else "",
    )


def review_data(*, accepted: bool = False) -> ReviewData:
    first = WEEK - dt.timedelta(days=120)
    fitness = []
    ctl = atl = 30.0
    for k in range(120):
        date = first + dt.timedelta(days=k)
        load = 0.0 if k % 7 == 4 else 60 + 40 * math.sin(k / 5) + k * 0.3
        tsb = ctl - atl
        ctl += (1 - math.exp(-1 / 42)) * (load - ctl)
        atl += (1 - math.exp(-1 / 7)) * (load - atl)
        fitness.append(FitnessDay(date, load, ctl, atl, tsb))
    volumes = tuple(
        WeekVolume(
            WEEK - dt.timedelta(weeks=12 - w),
            30 + 1.5 * w,
            6 + (w % 3) * 3,
            2,
            1 + (w % 2),
            hard_days=w % 4,
            training_days=4 if w == 5 else 6,  # a short week: its limit is 1
            hard_minutes=40.0 + 5 * w,
            hard_time_share=None if w == 0 else 0.12 + 0.01 * w,
        )
        for w in range(12)
    )
    lifts = tuple(
        LiftPoint(WEEK - dt.timedelta(days=7 * (10 - w) + 1), name, e1rm + w, top + w, 5)
        for w in range(10)
        for name, e1rm, top in (
            ("barbell_back_squat", 90.0, 77.5),
            ("romanian_deadlift", 100.0, 85.0),
        )
    )
    wellness = tuple(
        WellnessDay(
            first + dt.timedelta(days=k),
            None if k % 9 == 0 else 60 + 6 * math.sin(k / 6),
            60 + 3 * math.sin(k / 8),
            61.0,
            4.0,
            48 + (k % 5),
            49.5,
            48.5,
            None,
            None,
        )
        for k in range(120)
    )
    statuses = [
        ("done", ()),
        ("changed", ("shorter", "moved")),
        ("missed", ()),
        ("unplanned", ()),
        ("upcoming", ()),
        ("changed", ("harder",)),
    ]
    compliance = []
    for w in range(4):
        monday = WEEK - dt.timedelta(weeks=4 - w)
        for k, (status, deviations) in enumerate(statuses):
            if status == "upcoming" and w < 3:
                status = "done"
            planned = status != "unplanned"
            done = status not in ("missed", "upcoming")
            compliance.append(
                ComplianceRow(
                    monday,
                    "accepted" if w == 3 else "adjusted",
                    monday + dt.timedelta(days=k) if planned else None,
                    "run" if planned else None,
                    "easy" if planned else None,
                    8.0 if planned else None,
                    None,
                    monday + dt.timedelta(days=k + ("moved" in deviations)) if done else None,
                    "run" if done else None,
                    "easy" if done else None,
                    6.1 if done else None,
                    38.0 if done else None,
                    status,
                    deviations,
                    "6.1 of 8 km, a day later (Wed)" if deviations else "",
                )
            )
    samples = (
        *(LoadSample("run", k % 3 == 0, 8.0 + k % 4, 48.0, 70.0 + k) for k in range(12)),
        LoadSample("lift", False, None, 45.0, 40.0),
    )
    return ReviewData(
        athlete="tester",
        today=WEEK - dt.timedelta(days=2),
        generated_at=dt.datetime(2027, 3, 27, 9, 31),
        week=stored_week(accepted=accepted),
        policy=load_policy(),
        fitness=tuple(fitness),
        lead_in=(),
        load_samples=samples,
        volumes=volumes,
        recorded=(
            Session(WEEK - dt.timedelta(days=7), "lift", "lower", minutes=45, slot="pm"),
            Session(WEEK - dt.timedelta(days=6), "run", "intervals", km=9.6, slot="am"),
            Session(WEEK - dt.timedelta(days=4), "run", "long", km=18.0, slot="am"),
            Session(WEEK - dt.timedelta(days=13), "run", "easy", km=8.0, slot="am"),
        ),
        lifts=lifts,
        wellness=wellness,
        compliance=tuple(compliance),
    )
