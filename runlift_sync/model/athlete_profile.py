"""The athlete profile: heart-rate landmarks, sex and time zone — given, or estimated from data.

Precedence for every landmark: the plan's ``[athlete]`` section (``athlete_overrides``) > the
config file's ``[athletes.<name>]`` > estimated from data > a labelled default.

Estimates (pure functions of frames, documented in the README section of the model):

- ``hr_max``: the second-highest per-activity best 60-s average heart rate of the last two
  years (any sport; the single highest is skipped as a guard against an optical-sensor
  artefact; with fewer than three activities, the highest). A 60-s average sits a few bpm
  below a true maximum, so this is a floor: set it in the config when you know better.
- ``hr_rest``: the 10th percentile of daily resting heart rates (watch monitoring files,
  Garmin Connect) of the last year; the lowest value when fewer than 7 days exist.
- ``hr_threshold`` (LTHR): ``hr_rest + 0.88 × (hr_max − hr_rest)`` (Karvonen, 88 % of the
  heart-rate reserve), used whenever the threshold is not given.
- ``sex``: the ``gender`` of the watch's user profile (FIT ``user_profile``) in the newest file.
- ``timezone``: no estimate of a zone name; files carrying their own UTC offset use it, the
  others take the offset of the nearest file that has one (see ``localtime``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

import polars as pl
from pydantic import ValidationError

from runlift_sync.config import AthleteConfig, check_timezone
from runlift_sync.errors import ConfigError
from runlift_sync.model.model_policy import DEFAULT_POLICY, TRIMP_CONSTANTS, ModelPolicy

Source = Literal["plan", "config", "estimated", "default"]
Sex = Literal["female", "male"]


@dataclass(frozen=True)
class Landmark:
    """A value in use, where it came from, and how it was obtained."""

    value: Any
    source: Source
    detail: str = ""


@dataclass(frozen=True)
class Estimates:
    """What the data says (each None when the data cannot say)."""

    hr_max: int | None = None
    hr_max_detail: str = ""
    hr_rest: int | None = None
    hr_rest_detail: str = ""
    sex: Sex | None = None
    sex_detail: str = ""


@dataclass(frozen=True)
class Zones:
    """Heart-rate zone lower bounds in bpm, derived from LTHR (see `zones_from_threshold`)."""

    #: 5-zone lower bounds of Z2..Z5 (Z1 is everything below z5_from[0]).
    z5_from: tuple[int, int, int, int]
    #: VT1: lower bound of 3-zone Z2 — the easy ceiling.
    vt1: int
    #: VT2 = LTHR: lower bound of 3-zone Z3.
    vt2: int


@dataclass(frozen=True)
class AthleteProfile:
    """Landmarks in use for one athlete, each with its source."""

    athlete: str
    hr_max: Landmark
    hr_rest: Landmark
    hr_threshold: Landmark
    sex: Landmark
    timezone: Landmark
    policy: ModelPolicy = DEFAULT_POLICY

    @property
    def zones(self) -> Zones:
        return zones_from_threshold(int(self.hr_threshold.value), self.policy)

    @property
    def trimp_constants(self) -> tuple[float, float]:
        return TRIMP_CONSTANTS[str(self.sex.value)]

    def landmarks(self) -> dict[str, Landmark]:
        return {
            "hr_max": self.hr_max,
            "hr_rest": self.hr_rest,
            "hr_threshold": self.hr_threshold,
            "sex": self.sex,
            "timezone": self.timezone,
        }


def zones_from_threshold(lthr: int, policy: ModelPolicy = DEFAULT_POLICY) -> Zones:
    """Friel's five running zones (% of LTHR) and the three-zone model nested in them.

    5 zones: Z1 < 85 %, Z2 85–89 %, Z3 90–94 %, Z4 95–99 %, Z5 ≥ 100 % of LTHR.
    3 zones (Seiler): Z1 below VT1, Z2 from VT1 to LTHR, Z3 at or above LTHR (≈ VT2), with
    VT1 = 90 % of LTHR — the top of Friel's Z2, so 3-zone Z1 = Friel Z1 + Z2, Z2 = Z3 + Z4,
    Z3 = Z5. Bounds are whole bpm, rounded up (a bound is the first bpm inside the zone).
    """
    bounds = tuple(math.ceil(lthr * f - 1e-9) for f in policy.zone5_lower_fractions)
    vt1 = math.ceil(lthr * policy.vt1_fraction_of_lthr - 1e-9)
    return Zones(z5_from=bounds, vt1=vt1, vt2=lthr)  # type: ignore[arg-type]


def threshold_from_max_rest(hr_max: int, hr_rest: int, policy: ModelPolicy = DEFAULT_POLICY) -> int:
    """LTHR from max and resting HR: ``hr_rest + 0.88 × (hr_max − hr_rest)``, rounded."""
    return round(hr_rest + policy.threshold_hrr_fraction * (hr_max - hr_rest))


# ---- estimates from data ----------------------------------------------------------------


def estimate_hr_max(
    best_hr: pl.DataFrame, policy: ModelPolicy = DEFAULT_POLICY
) -> tuple[int | None, str]:
    """Estimated hr_max from per-activity best 60-s HR (columns local_date, best_hr_60s)."""
    frame = best_hr.filter(pl.col("best_hr_60s").is_not_null() & (pl.col("best_hr_60s") <= 235))
    if frame.is_empty():
        return None, ""
    latest = frame["local_date"].max()
    recent = frame.filter(
        pl.col("local_date") > pl.lit(latest) - pl.duration(days=policy.hr_max_window_days)
    )
    values = sorted(recent["best_hr_60s"].to_list(), reverse=True)
    if len(values) >= 3:
        value, how = values[1], "second-highest"
    else:
        value, how = values[0], "highest"
    detail = (
        f"{how} best 60-s average HR of {len(values)} activities in the "
        f"{policy.hr_max_window_days} days to {latest}"
    )
    return round(value), detail


def estimate_hr_rest(
    daily_resting_hr: pl.DataFrame, policy: ModelPolicy = DEFAULT_POLICY
) -> tuple[int | None, str]:
    """Estimated hr_rest from daily resting HR (columns date, resting_hr)."""
    frame = daily_resting_hr.filter(
        pl.col("resting_hr").is_not_null() & pl.col("resting_hr").is_between(25, 110)
    )
    if frame.is_empty():
        return None, ""
    latest = frame["date"].max()
    recent = frame.filter(
        pl.col("date") > pl.lit(latest) - pl.duration(days=policy.hr_rest_window_days)
    )
    values = recent["resting_hr"].cast(pl.Float64)
    if values.len() >= 7:
        value = values.quantile(policy.hr_rest_percentile, interpolation="nearest")
        how = f"{round(policy.hr_rest_percentile * 100)}th percentile"
    else:
        value = values.min()
        how = "lowest"
    detail = f"{how} of {values.len()} daily resting HR values to {latest}"
    return round(float(value)), detail  # type: ignore[arg-type]


def estimate_sex(user_profiles: pl.DataFrame) -> tuple[Sex | None, str]:
    """Sex from the newest watch user profile (columns time_created_utc, gender)."""
    frame = user_profiles.filter(pl.col("gender").is_in(["female", "male"])).sort(
        "time_created_utc", nulls_last=False
    )
    if frame.is_empty():
        return None, ""
    gender = frame["gender"][-1]
    return gender, "the watch's user profile (FIT user_profile.gender)"


def estimate(
    best_hr: pl.DataFrame,
    daily_resting_hr: pl.DataFrame,
    user_profiles: pl.DataFrame,
    policy: ModelPolicy = DEFAULT_POLICY,
) -> Estimates:
    """All estimates from data."""
    hr_max, hr_max_detail = estimate_hr_max(best_hr, policy)
    hr_rest, hr_rest_detail = estimate_hr_rest(daily_resting_hr, policy)
    sex, sex_detail = estimate_sex(user_profiles)
    return Estimates(hr_max, hr_max_detail, hr_rest, hr_rest_detail, sex, sex_detail)


# ---- putting it together ----------------------------------------------------------------


def parse_overrides(overrides: AthleteConfig | Mapping[str, Any] | None) -> AthleteConfig:
    """A plan's ``[athlete]`` section (or an AthleteConfig) validated like the config file."""
    if overrides is None:
        return AthleteConfig()
    if isinstance(overrides, AthleteConfig):
        return overrides
    try:
        parsed = AthleteConfig.model_validate(dict(overrides))
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(f"invalid [athlete] section: {problems}") from exc
    if parsed.timezone is not None:
        check_timezone(parsed.timezone, where="[athlete].timezone")
    return parsed


def _given(
    name: str, plan: AthleteConfig, config: AthleteConfig
) -> tuple[Any, Source] | tuple[None, None]:
    for layer, source in ((plan, "plan"), (config, "config")):
        value = getattr(layer, name)
        if value is not None:
            return value, source  # type: ignore[return-value]
    return None, None


def build_profile(
    athlete: str,
    config: AthleteConfig | None,
    estimates: Estimates,
    *,
    overrides: AthleteConfig | Mapping[str, Any] | None = None,
    policy: ModelPolicy = DEFAULT_POLICY,
) -> AthleteProfile:
    """The landmarks in use: plan overrides > config > estimates > defaults.

    Raises ConfigError when the landmarks in use contradict each other
    (they must satisfy hr_rest < hr_threshold < hr_max).
    """
    plan = parse_overrides(overrides)
    conf = config or AthleteConfig()

    def pick(name: str, estimated: Any, estimated_detail: str, default: Any) -> Landmark:
        value, source = _given(name, plan, conf)
        if source is not None:
            where = "the plan's [athlete] section" if source == "plan" else "the config file"
            return Landmark(value, source, f"from {where}")
        if estimated is not None:
            return Landmark(estimated, "estimated", estimated_detail)
        return Landmark(default, "default", "no data and not configured: set it in the config")

    hr_max = pick("hr_max", estimates.hr_max, estimates.hr_max_detail, policy.default_hr_max)
    hr_rest = pick("hr_rest", estimates.hr_rest, estimates.hr_rest_detail, policy.default_hr_rest)
    sex = pick("sex", estimates.sex, estimates.sex_detail, policy.default_sex)
    if sex.source == "default":
        sex = replace(sex, detail="unknown: Banister's original (male) TRIMP constants; set it")
    value, source = _given("timezone", plan, conf)
    if source is not None:
        where = "the plan's [athlete] section" if source == "plan" else "the config file"
        timezone = Landmark(value, source, f"from {where}")
    else:
        timezone = Landmark(
            None, "estimated", "each file's own UTC offset, else the nearest file's offset"
        )
    given_threshold, threshold_source = _given("hr_threshold", plan, conf)
    if threshold_source is not None:
        where = "the plan's [athlete] section" if threshold_source == "plan" else "the config file"
        threshold = Landmark(given_threshold, threshold_source, f"from {where}")
    else:
        lthr = threshold_from_max_rest(int(hr_max.value), int(hr_rest.value), policy)
        threshold = Landmark(
            lthr,
            "estimated",
            f"hr_rest + {policy.threshold_hrr_fraction:.2f} × (hr_max − hr_rest) "
            f"= {hr_rest.value} + {policy.threshold_hrr_fraction:.2f} × "
            f"({hr_max.value} − {hr_rest.value})",
        )
    if hr_max.source in ("estimated", "default") and int(hr_max.value) <= int(threshold.value):
        # an estimate below a given threshold: the athlete never went near max; LTHR ≈ 90 %
        raised = math.ceil(int(threshold.value) / 0.90)
        hr_max = Landmark(
            raised, "estimated", f"raised to LTHR / 0.90 (the data's {hr_max.value} bpm is lower)"
        )
    profile = AthleteProfile(athlete, hr_max, hr_rest, threshold, sex, timezone, policy)
    rest, lthr, top = int(hr_rest.value), int(threshold.value), int(hr_max.value)
    if not rest < lthr < top:
        raise ConfigError(
            f"athlete {athlete!r}: landmarks must satisfy hr_rest < hr_threshold < hr_max, "
            f"got {rest} ({hr_rest.source}) / {lthr} ({threshold.source}) / {top} "
            f"({hr_max.source}); fix the [athletes.{athlete}] config or the plan's [athlete]"
        )
    return profile
