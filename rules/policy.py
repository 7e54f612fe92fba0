"""The coach's thresholds as pydantic models, built from policy.toml with user overrides.

The numbers themselves live only in `rules/policy.toml` (with their rationale); this module
declares their names, types and sane bounds, merges a user's file over the defaults and
refuses unknown keys, wrong types and out-of-range values with a ConfigError naming the file
and line where the value was written.
"""

from __future__ import annotations

import tomllib
from typing import Any, Self

from pydantic import Field, ValidationError, model_validator

from rules.errors import ConfigError
from rules.toml_lines import (
    LineIndex,
    NonEmpty,
    Number,
    TomlModel,
    TomlProblem,
    Whole,
    first_problem,
    key_error,
    parse_toml,
    table_label,
    toml_problems,
)
from rules.vocab import Phase


def _fraction() -> Any:
    return Field(ge=0.0, le=1.0)


def _ratio() -> Any:
    return Field(ge=1.0, le=3.0)


def _between(low: float, high: float) -> Any:
    return Field(ge=low, le=high)


def _in_order(model: TomlModel, *pairs: tuple[str, str]) -> None:
    """Pairs of thresholds that only make sense in one order (low <= high)."""
    for low, high in pairs:
        a, b = getattr(model, low), getattr(model, high)
        if a > b:
            raise key_error(low, f"= {a:g} must not exceed {high} = {b:g}")


class EightyTwentyPolicy(TomlModel):
    """Rule 1: 80/20."""

    hard_share_max: Number = _fraction()
    window_days: Whole = _between(7, 56)
    max_hard_days: Whole = _between(1, 7)
    short_week_days: Whole = _between(1, 7)
    short_week_max_hard_days: Whole = _between(1, 7)
    debt_window_weeks: Whole = _between(1, 8)
    debt_weeks: Whole = _between(1, 8)


class LegsPolicy(TomlModel):
    """Rule 2: legs before key runs."""

    min_days_after_lift: Whole = _between(1, 4)
    same_day_gap_h: Number = _between(1, 12)


class MileageRampPolicy(TomlModel):
    """Rule 3: mileage ramp."""

    max_ratio: Number = _ratio()
    reference_weeks: Whole = _between(1, 12)
    acute_lift_max: Number = _fraction()
    min_cap_km: Number = _between(0.0, 100.0)
    max_run_ratio: Number = _ratio()
    longest_run_window_days: Whole = _between(7, 90)
    long_run_share_max: Number = _between(0.1, 1.0)


class FatiguePolicy(TomlModel):
    """Rule 4: load and fatigue flags."""

    acwr_max: Number = _between(0.5, 5.0)
    tsb_min: Number = _between(-200.0, 0.0)
    hrv_sd_below: Number = _between(0.0, 5.0)
    hrv_min_readings: Whole = _between(1, 7)
    rhr_above_bpm: Number = _between(0.0, 40.0)
    sleep_min_h: Number = _between(0.0, 14.0)
    monotony_max: Number = _between(0.5, 10.0)
    min_evaluated: Whole = _between(0, 6)
    tsb_min_history_days: Whole = _between(0, 120)
    acwr_min_history_days: Whole = _between(0, 120)
    monotony_min_history_days: Whole = _between(0, 60)
    progress_pct: Number = _fraction()
    cut_pct_min: Number = _fraction()
    cut_pct_step: Number = _fraction()
    cut_pct_max: Number = _fraction()
    deload_pct: Number = _fraction()
    deload_keep_hard: Whole = _between(0, 7)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        _in_order(self, ("cut_pct_min", "cut_pct_max"), ("cut_pct_max", "deload_pct"))
        return self


class ScheduledRecoveryPolicy(TomlModel):
    """Rule 5: scheduled recovery weeks."""

    every_weeks: Whole = _between(2, 12)
    volume_cut_pct: Number = _fraction()
    keep_hard: Whole = _between(0, 7)


class LiftingByPhasePolicy(TomlModel):
    """Rule 6: lifting by phase."""

    base_max_sessions: Whole = _between(0, 7)
    base_max_minutes: Number = _between(10, 240)
    short_max_sessions: Whole = _between(0, 7)
    short_max_minutes: Number = _between(10, 240)
    short_min_minutes: Number = _between(0, 240)
    taper_last_heavy_min_days: Whole = _between(1, 21)
    taper_last_heavy_max_days: Whole = _between(1, 21)
    taper_set_share: Number = _fraction()
    max_days_without_lift: Whole = _between(2, 60)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        _in_order(
            self,
            ("short_min_minutes", "short_max_minutes"),
            ("taper_last_heavy_min_days", "taper_last_heavy_max_days"),
        )
        return self


class HeavyLiftingPolicy(TomlModel):
    """Rule 7: heavy lifting progression and plyometrics."""

    sets: Whole = _between(1, 10)
    max_sets: Whole = _between(1, 10)
    reps_min: Whole = _between(1, 20)
    reps_max: Whole = _between(1, 20)
    pct_1rm_min: Number = _fraction()
    pct_1rm_max: Number = _fraction()
    start_pct_1rm: Number = _fraction()
    rest_min_s: Whole = _between(0, 600)
    load_step_pct: Number = _fraction()
    load_round_kg: Number = _between(0.1, 10)
    missed_reps: Whole = _between(1, 20)
    missed_sets: Whole = _between(1, 10)
    e1rm_window_days: Whole = _between(7, 365)
    performance_window_days: Whole = _between(7, 90)
    deload_load_pct: Number = _fraction()
    deload_set_pct: Number = _fraction()
    default_rest_s: Whole = _between(0, 600)
    default_reps: Whole = _between(1, 20)
    default_lower: NonEmpty
    default_full: NonEmpty
    default_upper: NonEmpty
    default_upper_accessory: NonEmpty
    plyometric_phases: tuple[Phase, ...]
    plyometric_name: NonEmpty
    plyometric_sets: Whole = _between(1, 10)
    plyometric_reps: Whole = _between(1, 50)
    plyometric_rest_s: Whole = _between(0, 600)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        _in_order(
            self, ("sets", "max_sets"), ("reps_min", "reps_max"), ("pct_1rm_min", "pct_1rm_max")
        )
        return self


class MissedSessionsPolicy(TomlModel):
    """Rule 8: missed sessions and restarts."""

    restart_after_days: Whole = _between(1, 60)
    restart_pct_short: Number = _fraction()
    restart_mid_days: Whole = _between(2, 120)
    restart_pct_mid: Number = _fraction()
    restart_long_days: Whole = _between(2, 365)
    restart_pct_long: Number = _fraction()
    restart_load_pct: Number = _fraction()
    long_break_days: Whole = _between(14, 365)
    easy_weeks_after_long_break: Whole = _between(0, 12)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        _in_order(
            self,
            ("restart_after_days", "restart_mid_days"),
            ("restart_mid_days", "restart_long_days"),
        )
        if not self.restart_pct_long <= self.restart_pct_mid <= self.restart_pct_short:
            raise key_error(
                "restart_pct_long",
                "<= restart_pct_mid <= restart_pct_short must hold (longer breaks restart lower)",
            )
        return self


class OneStressorPolicy(TomlModel):
    """Rule 9: one stressor at a time."""

    sharp_rise_pct: Number = _fraction()
    min_lift_share: Number = _fraction()


class TaperPolicy(TomlModel):
    """Taper before A and B races."""

    long_race_km: Number = _between(1.0, 100.0)
    long_days: Whole = _between(0, 28)
    short_days: Whole = _between(0, 28)
    unknown_distance_days: Whole = _between(0, 28)
    early_week_cut_pct: Number = _fraction()
    race_week_cut_pct: Number = _fraction()
    quality_min_days_before: Whole = _between(1, 7)
    no_long_run_days: Whole = _between(0, 7)
    b_days: Whole = _between(0, 14)
    b_cut_pct: Number = _fraction()

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        _in_order(self, ("short_days", "long_days"), ("early_week_cut_pct", "race_week_cut_pct"))
        return self


class RaceRecoveryPolicy(TomlModel):
    """Easy running after a race."""

    km_per_easy_day: Number = _between(0.5, 20.0)
    min_days: Whole = _between(0, 30)
    unknown_distance_days: Whole = _between(0, 30)


class Policy(TomlModel):
    """Every threshold of the coach; one attribute per [section] of policy.toml."""

    eighty_twenty: EightyTwentyPolicy
    legs_before_key_run: LegsPolicy
    mileage_ramp: MileageRampPolicy
    fatigue: FatiguePolicy
    scheduled_recovery: ScheduledRecoveryPolicy
    lifting_by_phase: LiftingByPhasePolicy
    heavy_lifting: HeavyLiftingPolicy
    missed_sessions: MissedSessionsPolicy
    one_stressor: OneStressorPolicy
    taper: TaperPolicy
    race_recovery: RaceRecoveryPolicy


def parse_policy(
    default_text: str,
    override_text: str | None = None,
    *,
    default_source: str | None = "rules/policy.toml",
    override_source: str | None = None,
) -> Policy:
    """Build the Policy: `override_text` (a user's file, partial) merged over `default_text`.

    An error names the file the offending value came from: the user's for what it overrides
    (and for unknown sections or keys), the default policy for the rest.
    """
    defaults, default_lines = _read(default_text, default_source)
    merged: dict[str, Any] = {k: dict(v) if isinstance(v, dict) else v for k, v in defaults.items()}
    mine: set[tuple[str, str | None]] = set()
    override_lines: LineIndex | None = None
    if override_text is not None:
        overrides, override_lines = _read(override_text, override_source)
        for name, table in overrides.items():
            if isinstance(table, dict) and isinstance(merged.get(name), dict):
                merged[name].update(table)
                mine |= {(name, key) for key in table}
            else:
                merged[name] = table
                mine.add((name, None))
    try:
        return Policy.model_validate(merged)
    except ValidationError as exc:
        problems = toml_problems(exc, Policy)

        def theirs(p: TomlProblem) -> bool:
            section = str(p.table[0]) if p.table else p.key
            return override_lines is not None and (
                (section, p.key) in mine or (section, None) in mine or section not in defaults
            )

        users = [p for p in problems if theirs(p)]
        if users:
            problem = first_problem(users, override_lines)
            lines, source = override_lines, override_source
        else:
            problem = first_problem(problems, default_lines)
            lines, source = default_lines, default_source
        label = table_label(problem.table, root="policy file")
        raise ConfigError(problem.text(lines, label), path=source) from None


def _read(text: str, source: str | None) -> tuple[dict[str, Any], LineIndex]:
    try:
        return parse_toml(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"not valid TOML ({exc}); fix the syntax at that line", path=source
        ) from None
