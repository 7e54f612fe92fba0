"""The policy: one documented TOML, a frozen pydantic model, user overrides merged over it."""

from __future__ import annotations

import re
import tomllib

import pytest
from pydantic import ValidationError

from rules.io import default_policy_text, load_policy
from rules.policy import Policy, parse_policy
from runlift_sync.errors import ConfigError


def test_default_policy_has_the_issues_numbers() -> None:
    p = load_policy()
    assert p.eighty_twenty.hard_share_max == 0.20 and p.eighty_twenty.window_days == 14
    assert p.legs_before_key_run.min_days_after_lift == 2
    assert p.legs_before_key_run.same_day_gap_h == 6
    assert (p.mileage_ramp.max_ratio, p.mileage_ramp.reference_weeks) == (1.10, 4)
    assert (p.mileage_ramp.max_run_ratio, p.mileage_ramp.long_run_share_max) == (1.10, 0.30)
    f = p.fatigue
    assert (f.acwr_max, f.tsb_min, f.hrv_sd_below, f.hrv_min_readings) == (1.5, -30.0, 0.5, 3)
    assert (f.rhr_above_bpm, f.sleep_min_h, f.monotony_max) == (5.0, 7.0, 2.0)
    assert 0.05 <= f.progress_pct <= 0.10
    assert 0.20 <= f.cut_pct_min <= f.cut_pct_max <= 0.30
    assert p.scheduled_recovery.every_weeks == 4
    assert 0.20 <= p.scheduled_recovery.volume_cut_pct <= 0.40
    lp = p.lifting_by_phase
    assert (lp.base_max_sessions, lp.base_max_minutes, lp.short_max_sessions) == (3, 45, 2)
    assert lp.short_min_minutes == 20 and lp.max_days_without_lift == 10
    assert (lp.taper_last_heavy_min_days, lp.taper_last_heavy_max_days) == (5, 7)
    h = p.heavy_lifting
    assert (h.sets, h.max_sets, h.reps_min, h.reps_max) == (3, 6, 4, 8)
    assert (h.pct_1rm_min, h.pct_1rm_max, h.rest_min_s) == (0.80, 0.88, 120)
    assert 0.025 <= h.load_step_pct <= 0.05 and (h.missed_reps, h.missed_sets) == (2, 2)
    assert h.deload_load_pct == 0.10 and 0.30 <= h.deload_set_pct <= 0.50
    assert h.plyometric_phases == ("base", "build")
    m = p.missed_sessions
    assert m.restart_after_days == 7
    assert 0.50 <= m.restart_pct_long <= m.restart_pct_mid <= m.restart_pct_short <= 0.75
    assert p.one_stressor.sharp_rise_pct == 0.10


def test_toml_keys_and_model_fields_match_exactly() -> None:
    raw = tomllib.loads(default_policy_text())
    assert set(raw) == set(Policy.model_fields)
    policy = load_policy()
    for name in Policy.model_fields:
        assert set(raw[name]) == set(type(getattr(policy, name)).model_fields), name


def test_every_threshold_is_commented() -> None:
    """Every key line of policy.toml carries its explanation."""
    for number, line in enumerate(default_policy_text().splitlines(), 1):
        if re.match(r"^[a-z_0-9]+\s*=", line):
            assert "#" in line, f"policy.toml line {number} has no comment: {line}"


def test_policy_is_frozen() -> None:
    policy = load_policy()
    with pytest.raises(ValidationError, match="frozen"):
        policy.fatigue.acwr_max = 2.0  # type: ignore[misc]


def test_user_file_overrides_only_its_keys(tmp_path) -> None:
    user = tmp_path / "policy.toml"
    user.write_text("[fatigue]\nacwr_max = 1.3\n\n[mileage_ramp]\nmax_ratio = 1.05\n")
    policy = load_policy(user)
    default = load_policy()
    assert policy.fatigue.acwr_max == 1.3
    assert policy.mileage_ramp.max_ratio == 1.05
    assert policy.fatigue.tsb_min == default.fatigue.tsb_min
    assert policy.eighty_twenty == default.eighty_twenty
    assert (
        policy.model_copy(update={"fatigue": default.fatigue, "mileage_ramp": default.mileage_ramp})
        == default
    )


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        ("[fatigue]\nacwr = 1.3\n", "line 2: [fatigue]: acwr is not a known key here"),
        ("[fatige]\nacwr_max = 1.3\n", "fatige is not a known key here; use one of: eighty_twenty"),
        ('[fatigue]\nacwr_max = "high"\n', 'line 2: [fatigue]: acwr_max = "high" must be a number'),
        (
            "\n[eighty_twenty]\nhard_share_max = 1.5\n",
            "line 3: [eighty_twenty]: hard_share_max = 1.5 must be at most 1.0",
        ),
        ("[mileage_ramp]\nreference_weeks = 2.5\n", "reference_weeks = 2.5 must be a whole number"),
        (
            '[heavy_lifting]\nplyometric_phases = ["winter"]\n',
            'plyometric_phases item 1 = "winter" is not allowed; use one of: base, build, '
            "in_season, taper",
        ),
        ("[fatigue]\ncut_pct_min = 0.35\n", "cut_pct_min = 0.35 must not exceed cut_pct_max = 0.3"),
        ("[heavy_lifting]\nreps_min = 9\n", "reps_min = 9 must not exceed reps_max = 8"),
        ("[missed_sessions]\nrestart_pct_long = 0.9\n", "longer breaks restart lower"),
        ("fatigue = 3\n", "fatigue must be a table"),
    ],
)
def test_bad_overrides_are_refused_with_the_key(override: str, expected: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_policy(default_policy_text(), override, override_source="mine.toml")
    assert expected in str(info.value)


def test_missing_policy_file_says_so(tmp_path) -> None:
    with pytest.raises(ConfigError, match="policy file not found"):
        load_policy(tmp_path / "nope.toml")


def test_incomplete_default_policy_is_refused() -> None:
    broken = default_policy_text().replace("window_days = 14", "")
    with pytest.raises(ConfigError) as info:
        parse_policy(broken)
    assert "rules/policy.toml: line " in str(info.value)
    assert "[eighty_twenty]: window_days is missing; add window_days = a whole number" in str(
        info.value
    )
