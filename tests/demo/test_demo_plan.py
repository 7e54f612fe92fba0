"""The demo plan follows the coach's TOML contract and asks for what the story punishes."""

from __future__ import annotations

import tomllib
from datetime import date

from runlift_sync.demo import DEMO_PLAN
from runlift_sync.demo.physiology import Athlete
from runlift_sync.demo.season import simulate_season

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def load() -> dict:
    with DEMO_PLAN.open("rb") as f:
        return tomllib.load(f)


def test_plan_uses_the_contract_names_and_values() -> None:
    plan = load()
    assert set(plan) == {"athlete", "plan", "session"}
    assert plan["athlete"] == {
        "sex": "female",
        "hr_max": 188,
        "hr_rest": 48,
        "timezone": "Europe/Berlin",
    }
    assert plan["plan"]["phase"] in {"base", "build", "in_season", "taper"}
    for s in plan["session"]:
        assert s["day"] in DAYS and s["kind"] in {"run", "lift", "rest"}
        assert s.get("slot", "am") in {"am", "pm"}
        if s["kind"] == "run":
            assert s["type"] in {"easy", "recovery", "long", "tempo", "intervals"} and s["km"] > 0
        else:
            assert s["type"] in {"lower", "upper", "full"} and s["minutes"] > 0
    run_km = sum(s["km"] for s in plan["session"] if s["kind"] == "run")
    assert run_km == plan["plan"]["weekly_km"]


def test_plan_repeats_the_seasons_mistakes() -> None:
    plan = load()
    sessions = plan["session"]
    lower = {DAYS.index(s["day"]) for s in sessions if s["kind"] == "lift" and s["type"] == "lower"}
    key = {
        DAYS.index(s["day"]) for s in sessions if s.get("type") in {"intervals", "tempo", "long"}
    }
    assert any(d + 1 in key for d in lower), "a lower-body lift the day before a key run"
    hard = [s for s in sessions if s.get("type") in {"intervals", "tempo"}]
    assert len(hard) >= 3
    story = simulate_season(Athlete(), date(2026, 3, 2), 16, seed=7).weeks
    recent = max(story[-1].planned_km, sum(w.planned_km for w in story[-4:]) / 4)
    assert plan["plan"]["weekly_km"] > 1.10 * recent
    assert plan["plan"]["long_run_km"] > 0.30 * plan["plan"]["weekly_km"]
    assert story[-1].tsb < -30 and story[-1].fatigue == "overreached"
