"""The coach's thresholds as a frozen dataclass, built from policy.toml with user overrides.

The numbers themselves live only in `rules/policy.toml` (with their rationale); this module
declares their names, types and sane bounds, merges a user's file over the defaults and
refuses unknown keys, wrong types and out-of-range values with a ConfigError naming the line.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, get_type_hints

from rules.config_reader import TableReader, load_toml
from rules.toml_lines import LineIndex
from rules.vocab import PHASES
from runlift_sync.errors import ConfigError


def _fraction() -> Any:
    return field(metadata={"min": 0.0, "max": 1.0})


def _ratio() -> Any:
    return field(metadata={"min": 1.0, "max": 3.0})


def _between(low: float, high: float) -> Any:
    return field(metadata={"min": low, "max": high})


@dataclass(frozen=True)
class EightyTwentyPolicy:
    """Rule 1: 80/20."""

    hard_share_max: float = _fraction()
    window_days: int = _between(7, 56)
    max_hard_days: int = _between(1, 7)
    short_week_days: int = _between(1, 7)
    short_week_max_hard_days: int = _between(1, 7)


@dataclass(frozen=True)
class LegsPolicy:
    """Rule 2: legs before key runs."""

    min_days_after_lift: int = _between(1, 4)
    same_day_gap_h: float = _between(1, 12)


@dataclass(frozen=True)
class MileageRampPolicy:
    """Rule 3: mileage ramp."""

    max_ratio: float = _ratio()
    reference_weeks: int = _between(1, 12)
    min_cap_km: float = _between(0.0, 100.0)
    max_run_ratio: float = _ratio()
    longest_run_window_days: int = _between(7, 90)
    long_run_share_max: float = _between(0.1, 1.0)


@dataclass(frozen=True)
class FatiguePolicy:
    """Rule 4: load and fatigue flags."""

    acwr_max: float = _between(0.5, 5.0)
    tsb_min: float = _between(-200.0, 0.0)
    hrv_sd_below: float = _between(0.0, 5.0)
    hrv_min_readings: int = _between(1, 7)
    rhr_above_bpm: float = _between(0.0, 40.0)
    sleep_min_h: float = _between(0.0, 14.0)
    monotony_max: float = _between(0.5, 10.0)
    min_evaluated: int = _between(0, 6)
    progress_pct: float = _fraction()
    cut_pct_min: float = _fraction()
    cut_pct_step: float = _fraction()
    cut_pct_max: float = _fraction()
    deload_pct: float = _fraction()
    deload_keep_hard: int = _between(0, 7)


@dataclass(frozen=True)
class ScheduledRecoveryPolicy:
    """Rule 5: scheduled recovery weeks."""

    every_weeks: int = _between(2, 12)
    volume_cut_pct: float = _fraction()
    keep_hard: int = _between(0, 7)


@dataclass(frozen=True)
class LiftingByPhasePolicy:
    """Rule 6: lifting by phase."""

    base_max_sessions: int = _between(0, 7)
    base_max_minutes: float = _between(10, 240)
    short_max_sessions: int = _between(0, 7)
    short_max_minutes: float = _between(10, 240)
    short_min_minutes: float = _between(0, 240)
    taper_days: int = _between(0, 42)
    taper_last_heavy_min_days: int = _between(1, 21)
    taper_last_heavy_max_days: int = _between(1, 21)
    taper_set_share: float = _fraction()
    max_days_without_lift: int = _between(2, 60)


@dataclass(frozen=True)
class HeavyLiftingPolicy:
    """Rule 7: heavy lifting progression and plyometrics."""

    sets: int = _between(1, 10)
    max_sets: int = _between(1, 10)
    reps_min: int = _between(1, 20)
    reps_max: int = _between(1, 20)
    pct_1rm_min: float = _fraction()
    pct_1rm_max: float = _fraction()
    start_pct_1rm: float = _fraction()
    rest_min_s: int = _between(0, 600)
    load_step_pct: float = _fraction()
    load_round_kg: float = _between(0.1, 10)
    missed_reps: int = _between(1, 20)
    missed_sets: int = _between(1, 10)
    e1rm_window_days: int = _between(7, 365)
    performance_window_days: int = _between(7, 90)
    deload_load_pct: float = _fraction()
    deload_set_pct: float = _fraction()
    default_rest_s: int = _between(0, 600)
    default_reps: int = _between(1, 20)
    default_lower: str = field()
    default_full: str = field()
    default_upper: str = field()
    plyometric_phases: tuple[str, ...] = field(metadata={"choices": PHASES})
    plyometric_name: str = field()
    plyometric_sets: int = _between(1, 10)
    plyometric_reps: int = _between(1, 50)
    plyometric_rest_s: int = _between(0, 600)


@dataclass(frozen=True)
class MissedSessionsPolicy:
    """Rule 8: missed sessions and restarts."""

    restart_after_days: int = _between(1, 60)
    restart_pct_short: float = _fraction()
    restart_mid_days: int = _between(2, 120)
    restart_pct_mid: float = _fraction()
    restart_long_days: int = _between(2, 365)
    restart_pct_long: float = _fraction()
    restart_load_pct: float = _fraction()


@dataclass(frozen=True)
class OneStressorPolicy:
    """Rule 9: one stressor at a time."""

    sharp_rise_pct: float = _fraction()
    min_lift_share: float = _fraction()


@dataclass(frozen=True)
class Policy:
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


def parse_policy(
    default_text: str,
    override_text: str | None = None,
    *,
    default_source: str | None = "rules/policy.toml",
    override_source: str | None = None,
) -> Policy:
    """Build the Policy: `override_text` (a user's file, partial) merged over `default_text`."""
    defaults, default_lines = load_toml(default_text, source=default_source)
    sections = _section_types()
    _check_complete(defaults, sections, default_source)
    values: dict[str, dict[str, Any]] = {name: dict(defaults[name]) for name in sections}
    origin: dict[tuple[str, str], tuple[LineIndex, str | None]] = {
        (s, k): (default_lines, default_source) for s in values for k in values[s]
    }
    if override_text is not None:
        overrides, override_lines = load_toml(override_text, source=override_source)
        top = TableReader(
            overrides, path=(), label="policy file", lines=override_lines, source=override_source
        )
        top.check_keys(sections)
        for name, raw in overrides.items():
            table = top.child(name, raw, (name,), f"[{name}]")
            table.check_keys(values[name])
            values[name].update(table.data)
            for key in table.data:
                origin[(name, key)] = (override_lines, override_source)
    built = {
        name: _build_section(name, cls, values[name], origin) for name, cls in sections.items()
    }
    policy = Policy(**built)
    _check_consistent(policy)
    return policy


def _section_types() -> dict[str, type]:
    hints = get_type_hints(Policy)
    return {f.name: hints[f.name] for f in dataclasses.fields(Policy)}


def _check_complete(
    defaults: dict[str, Any], sections: dict[str, type], source: str | None
) -> None:
    for name, cls in sections.items():
        table = defaults.get(name)
        if not isinstance(table, dict):
            raise ConfigError(f"the default policy has no [{name}] table", path=source)
        missing = [f.name for f in dataclasses.fields(cls) if f.name not in table]
        if missing:
            raise ConfigError(
                f"the default policy's [{name}] lacks {', '.join(missing)}", path=source
            )


def _build_section(
    name: str,
    cls: type,
    values: dict[str, Any],
    origin: dict[tuple[str, str], tuple[LineIndex, str | None]],
) -> Any:
    hints = get_type_hints(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        lines, source = origin[(name, f.name)]
        reader = TableReader(values, path=(name,), label=f"[{name}]", lines=lines, source=source)
        kind = hints[f.name]
        meta = f.metadata
        if kind is float:
            kwargs[f.name] = reader.number(
                f.name, required=True, at_least=meta.get("min"), at_most=meta.get("max")
            )
        elif kind is int:
            low, high = meta.get("min"), meta.get("max")
            kwargs[f.name] = reader.integer(
                f.name,
                required=True,
                at_least=None if low is None else int(low),
                at_most=None if high is None else int(high),
            )
        elif kind is str:
            kwargs[f.name] = reader.string(f.name, required=True)
        else:  # tuple[str, ...]
            raw = values[f.name]
            choices = meta.get("choices", ())
            if not isinstance(raw, list) or not all(v in choices for v in raw):
                reader.fail(f.name, f"must be a list of: {', '.join(choices)}")
            kwargs[f.name] = tuple(raw)
    return cls(**kwargs)


def _check_consistent(policy: Policy) -> None:
    """Pairs of thresholds that only make sense in one order."""
    pairs = [
        (
            "fatigue",
            "cut_pct_min",
            policy.fatigue.cut_pct_min,
            "cut_pct_max",
            policy.fatigue.cut_pct_max,
        ),
        (
            "fatigue",
            "cut_pct_max",
            policy.fatigue.cut_pct_max,
            "deload_pct",
            policy.fatigue.deload_pct,
        ),
        (
            "heavy_lifting",
            "sets",
            policy.heavy_lifting.sets,
            "max_sets",
            policy.heavy_lifting.max_sets,
        ),
        (
            "heavy_lifting",
            "reps_min",
            policy.heavy_lifting.reps_min,
            "reps_max",
            policy.heavy_lifting.reps_max,
        ),
        (
            "heavy_lifting",
            "pct_1rm_min",
            policy.heavy_lifting.pct_1rm_min,
            "pct_1rm_max",
            policy.heavy_lifting.pct_1rm_max,
        ),
        (
            "lifting_by_phase",
            "short_min_minutes",
            policy.lifting_by_phase.short_min_minutes,
            "short_max_minutes",
            policy.lifting_by_phase.short_max_minutes,
        ),
        (
            "lifting_by_phase",
            "taper_last_heavy_min_days",
            policy.lifting_by_phase.taper_last_heavy_min_days,
            "taper_last_heavy_max_days",
            policy.lifting_by_phase.taper_last_heavy_max_days,
        ),
        (
            "missed_sessions",
            "restart_mid_days",
            policy.missed_sessions.restart_mid_days,
            "restart_long_days",
            policy.missed_sessions.restart_long_days,
        ),
        (
            "missed_sessions",
            "restart_after_days",
            policy.missed_sessions.restart_after_days,
            "restart_mid_days",
            policy.missed_sessions.restart_mid_days,
        ),
    ]
    for section, low_name, low, high_name, high in pairs:
        if low > high:
            raise ConfigError(
                f"policy [{section}]: {low_name} = {low} must not exceed {high_name} = {high}"
            )
    restart = policy.missed_sessions
    if not restart.restart_pct_long <= restart.restart_pct_mid <= restart.restart_pct_short:
        raise ConfigError(
            "policy [missed_sessions]: restart_pct_long <= restart_pct_mid <= restart_pct_short "
            "must hold (longer breaks restart lower)"
        )
