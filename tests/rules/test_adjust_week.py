"""The orchestrator: rules in order, hard constraints, JSON contract, renderers, templates."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from rich.console import Console
from rules_testkit import (
    MONDAY,
    easy_run,
    hard_run,
    lift,
    lifted,
    make_plan,
    policy,
    run,
    squat,
    squat_sets,
)

from rules import (
    AdjustedWeek,
    FatigueSnapshot,
    FitnessSignals,
    Signals,
    WellnessSignals,
    adjust_week,
    hard_constraint_violations,
    list_templates,
    parse_plan,
    render_template,
    sessions_from_json,
    signals_from_activities,
)
from rules.week import build_draft
from runlift_sync.coach.plan_render import render_md, render_table
from runlift_sync.errors import ConfigError

CALM = FitnessSignals(ctl=40.0, atl=42.0, tsb=-2.0, acwr=1.05, monotony=1.3, strain=1800.0)
RESTED = WellnessSignals(
    hrv_7d_mean_ms=62.0,
    hrv_7d_count=7,
    hrv_baseline_mean_ms=60.0,
    hrv_baseline_sd_ms=5.0,
    rhr_7d_mean_bpm=47.0,
    rhr_baseline_bpm=48.0,
    sleep_7d_mean_h=7.6,
)


def steady_history(km_per_run: float = 8.0, weeks: int = 5) -> tuple:
    """Four easy runs a week (Mon, Wed, Fri, Sat) of `km_per_run`, one 10-min tempo bit."""
    runs = []
    for w in range(weeks):
        for d in (7, 5, 3, 2):
            back = d + 7 * w
            runs.append(easy_run(back, km=km_per_run, minutes=km_per_run * 6, hard_minutes=2.0))
    return tuple(runs)


def rules_of(week: AdjustedWeek) -> list[str]:
    return [c.rule for c in week.changes]


# --------------------------------------------------------------------------------------------
# Scenarios from the issue


def test_legs_the_day_before_intervals() -> None:
    plan = make_plan(
        run("mon", "easy", 8),
        lift("mon", "lower", exercises=(squat(),)),
        run("tue", "intervals", 10),
        run("wed", "easy", 6),
        run("thu", "easy", 8),
        run("sat", "long", 10),
        phase="in_season",
    )  # 5 training days: 2 hard days allowed, so the 80/20 rule has nothing to do
    signals = signals_from_activities(MONDAY, steady_history(9.0), fitness=CALM, wellness=RESTED)
    week = adjust_week(plan, signals, policy(), MONDAY)
    (change,) = [c for c in week.changes if c.rule == "legs-before-key-run"]
    assert change.evidence["days_between"] == 1
    lifted_on = [(s.day, s.slot) for s in week.sessions if s.lower_body]
    assert lifted_on == [("tue", "pm")]
    assert hard_constraint_violations(signals, build_draft(plan, MONDAY, policy()), policy())
    assert json.loads(week.to_json())["changes"]  # evidence travels in the JSON


def test_a_40_percent_mileage_jump_is_capped_by_the_ramp() -> None:
    # Four weeks of 30 km; the plan asks 42 km.
    plan = make_plan(
        run("mon", "easy", 10),
        run("wed", "easy", 10),
        run("fri", "easy", 9.4),
        run("sat", "long", 12.6),
    )
    history = tuple(
        easy_run(d + 7 * w, km=km) for w in range(4) for d, km in ((7, 6), (5, 6), (3, 6), (2, 12))
    )
    signals = signals_from_activities(MONDAY, history, fitness=CALM, wellness=RESTED)
    assert signals.weekly_km == (30.0, 30.0, 30.0, 30.0)
    week = adjust_week(plan, signals, policy(), MONDAY)
    ramp = next(c for c in week.changes if c.rule == "mileage-ramp")
    assert ramp.evidence["planned_km"] == 42.0 and ramp.evidence["cap_km"] == 33.0
    assert week.planned_km == 33.0
    assert rules_of(week) == ["mileage-ramp"]


def test_three_hard_weeks_with_falling_hrv_deload() -> None:
    plan = make_plan(
        run("mon", "easy", 8),
        run("tue", "intervals", 10),
        run("thu", "tempo", 10),
        run("sat", "long", 12),
        lift("tue", "lower", slot="pm", exercises=(squat(sets=4),)),
    )
    runs = []
    for w in range(3):
        base = 7 * w
        runs += [
            hard_run(base + 6, 10, 50, 25),
            hard_run(base + 4, 10, 50, 25, "tempo"),
            easy_run(base + 3, 8),
            hard_run(base + 2, 14, 80, 30, "tempo"),
        ]
    tired = FitnessSignals(ctl=45, atl=70, tsb=-25.0, acwr=1.55, monotony=2.2, strain=4000)
    falling = WellnessSignals(
        hrv_7d_mean_ms=48.0,
        hrv_7d_count=6,
        hrv_baseline_mean_ms=60.0,
        hrv_baseline_sd_ms=6.0,
        rhr_7d_mean_bpm=54.0,
        rhr_baseline_bpm=48.0,
        sleep_7d_mean_h=7.2,
    )
    last_week = FatigueSnapshot(
        FitnessSignals(tsb=-20.0, acwr=1.5, monotony=2.1),
        WellnessSignals(
            hrv_7d_mean_ms=52.0, hrv_7d_count=7, hrv_baseline_mean_ms=60.0, hrv_baseline_sd_ms=6.0
        ),
    )
    lifts = (lifted(6, sets=squat_sets([6, 6, 6, 6])),)
    signals = signals_from_activities(
        MONDAY, tuple(runs), lifts, fitness=tired, wellness=falling, previous_fatigue=last_week
    )
    week = adjust_week(plan, signals, policy(), MONDAY)
    fatigue = next(c for c in week.changes if c.rule == "fatigue-flags")
    assert fatigue.evidence["decision"] == "deload"
    assert fatigue.evidence["flags"] == ["acwr", "hrv", "rhr", "monotony"]
    assert fatigue.evidence["previous_flag_count"] == 3  # acwr 1.5, monotony 2.1, hrv 52 < 57
    # level: weeks of 42 km -> min(40 planned, 42) × 0.6 = 24
    assert week.planned_km == pytest.approx(24.0)
    assert sum(1 for s in week.sessions if s.is_hard) <= 1
    deload = next(c for c in week.changes if "Deload" in c.message)
    assert deload.rule == "heavy-lifting-progression"
    assert week.signals["fatigue_decision"] == "deload"
    assert "eighty-twenty" in rules_of(week) or sum(s.is_hard for s in week.sessions) <= 1


# --------------------------------------------------------------------------------------------
# Contract


def _rich_signals(week_start: date) -> Signals:
    runs = []
    for w in range(6):
        b = 7 * w
        runs += [
            easy_run(b + 7, 8, week_start=week_start),
            hard_run(b + 6, 10, 50, 12, week_start=week_start),
            easy_run(b + 4, 8, week_start=week_start),
            easy_run(b + 2, 14, week_start=week_start),
        ]
    lifts = tuple(
        lifted(5 + 7 * w, sets=squat_sets([6, 6, 6], 80.0), week_start=week_start) for w in range(6)
    )
    return signals_from_activities(
        week_start,
        tuple(runs),
        lifts,
        fitness=CALM,
        wellness=RESTED,
        previous_fatigue=FatigueSnapshot(CALM, RESTED),
    )


def test_json_contract_shape() -> None:
    plan = parse_plan(render_template("base", start=MONDAY - timedelta(weeks=1)))
    week = adjust_week(plan, _rich_signals(MONDAY), policy(), MONDAY)
    data = json.loads(week.to_json())
    assert list(data) == ["week_start", "phase", "planned_km", "sessions", "changes", "signals"]
    assert data["week_start"] == "2026-11-30" and data["phase"] == "base"
    assert isinstance(data["planned_km"], float)
    for s in data["sessions"]:
        assert list(s) == ["date", "day", "kind", "type", "km", "minutes", "slot", "exercises"]
        for e in s["exercises"]:
            assert list(e) == ["name", "sets", "reps", "load_kg", "rest_s"]
    for c in data["changes"]:
        assert list(c) == ["rule", "message", "evidence"]
        assert c["rule"] in {
            "legs-before-key-run",
            "eighty-twenty",
            "mileage-ramp",
            "fatigue-flags",
            "scheduled-recovery",
            "lifting-by-phase",
            "heavy-lifting-progression",
            "missed-sessions",
            "one-stressor",
        }
    for key in ("acwr", "tsb", "hard_share", "weekly_km", "missing"):
        assert key in data["signals"]
    assert data["signals"]["acwr"] == 1.05 and data["signals"]["tsb"] == -2.0
    assert len(data["signals"]["weekly_km"]) == 6
    assert data["planned_km"] == round(
        sum(s["km"] or 0 for s in data["sessions"] if s["kind"] == "run"), 1
    )


def test_same_input_same_bytes() -> None:
    plan = parse_plan(render_template("heavy_block_12wk", start=MONDAY - timedelta(weeks=5)))
    signals = _rich_signals(MONDAY)
    first = adjust_week(plan, signals, policy(), MONDAY).to_json()
    second = adjust_week(plan, signals, policy(), MONDAY).to_json()
    assert first == second


def test_stored_week_reads_back_as_previous_week() -> None:
    plan = parse_plan(render_template("in_season", start=MONDAY))
    week = adjust_week(plan, Signals(), policy(), MONDAY)
    assert sessions_from_json(week.to_json())[0].date == MONDAY
    back = sessions_from_json(week.to_json())
    assert [(s.date, s.kind, s.type, s.km, s.slot) for s in back] == [
        (s.date, s.kind, s.type, s.km, s.slot) for s in week.sessions
    ]


def test_a_stored_week_keeps_the_plans_fit_exercise() -> None:
    from rules.output import session_from_dict, session_to_dict
    from rules.plan import Exercise
    from rules.session import Session

    mine = Exercise("my core thing", 3, 10, category="core", fit_name="russian_twist")
    named = Exercise("back squat", 3, 5, load_kg=80.0)
    data = session_to_dict(Session(MONDAY, "lift", "full", exercises=(mine, named)))
    assert [sorted(e) for e in data["exercises"]] == [
        ["category", "fit_name", "load_kg", "name", "reps", "rest_s", "sets"],
        ["load_kg", "name", "reps", "rest_s", "sets"],  # no keys the plan did not write
    ]
    back = session_from_dict(json.loads(json.dumps(data))).exercises
    assert [(e.category, e.fit_name) for e in back] == [("core", "russian_twist"), (None, None)]


def test_week_start_must_be_a_monday() -> None:
    plan = parse_plan(render_template("base"))
    with pytest.raises(ConfigError, match="2026-12-02 is a Wednesday; weeks start on a Monday"):
        adjust_week(plan, Signals(), policy(), date(2026, 12, 2))


def test_activities_on_or_after_the_week_start_are_ignored() -> None:
    plan = parse_plan(render_template("base"))
    future = easy_run(-2, km=30)  # two days into the planned week
    week = adjust_week(plan, Signals(runs=(future,)), policy(), MONDAY)
    assert "Ignored 1 activities dated on or after 2026-11-30." in week.signals["notes"]
    assert week.signals["hard_share"] is None


def test_missing_signals_are_listed_not_invented() -> None:
    plan = parse_plan(render_template("base"))
    week = adjust_week(plan, Signals(fitness=FitnessSignals(acwr=1.1)), policy(), MONDAY)
    missing = week.signals["missing"]
    assert "fatigue:acwr" not in missing
    assert {"fatigue:tsb", "fatigue:hrv", "weekly_km", "hard_share"} <= set(missing)
    assert week.signals["tsb"] is None and week.signals["fatigue_decision"] == "hold"


@pytest.mark.parametrize("name", list_templates())
@pytest.mark.parametrize("weeks_in", [0, 3, 5, 8, 11, 14])
def test_every_template_gives_a_valid_week(name: str, weeks_in: int) -> None:
    start = MONDAY - timedelta(weeks=weeks_in)
    plan = parse_plan(render_template(name, start=start, race_date=MONDAY + timedelta(days=12)))
    for signals in (Signals(), _rich_signals(MONDAY)):
        week = adjust_week(plan, signals, policy(), MONDAY)
        assert week.sessions
        draft = build_draft(plan, MONDAY, policy())
        final = draft.with_sessions(week.sessions)
        assert hard_constraint_violations(signals, final, policy()) == []


def test_race_close_makes_a_taper() -> None:
    plan = parse_plan(
        render_template(
            "in_season", start=MONDAY - timedelta(weeks=2), race_date=MONDAY + timedelta(days=6)
        )
    )
    week = adjust_week(plan, Signals(), policy(), MONDAY)
    assert week.phase == "taper"
    assert any("taper" in n for n in week.signals["notes"])
    lower = [s for s in week.sessions if s.lower_body]
    assert all((date(2026, 12, 6) - s.date).days >= 5 for s in lower)


def test_renderers() -> None:
    plan = parse_plan(render_template("base", start=MONDAY - timedelta(weeks=3)))
    week = adjust_week(plan, _rich_signals(MONDAY), policy(), MONDAY)
    md = render_md(week)
    assert md.startswith("# Week of 2026-11-30 (base, plan week 4)")
    assert "| 2026-11-30 | mon |" in md
    assert "**scheduled-recovery**" in md
    console = Console(record=True, width=140)
    console.print(render_table(week))
    text = console.export_text()
    assert "scheduled-recovery" in text and "back squat" in text
