"""Rule 3, mileage-ramp: week km <= 110% of the recent level (the 4-week chronic level, which
last week may lift by at most 10%), no run > 110% of the longest run in the last 30 days, long
run <= ~30% of the week but never cut below the longest run of the last 30 days unless a
fatigue cut, a deload or a taper asks for less."""

from __future__ import annotations

from rules.fatigue import assess_fatigue
from rules.measures import km1, ramp_cap_km, recent_level, single_run_cap_km
from rules.policy import Policy
from rules.signals import Signals
from rules.volume import (
    LONG_SHARE_SLACK_KM,
    cap_long_share,
    cap_runs,
    cap_week_km,
    long_share_limit,
)
from rules.week import Change, DraftWeek, RuleResult, run_in_order

RULE = "mileage-ramp"


def mileage_ramp(signals: Signals, draft: DraftWeek, policy: Policy) -> RuleResult:
    """Apply the three ramp caps in order: the week, each run, the long run's share."""
    return run_in_order(signals, draft, policy, (_cap_week, _cap_single_runs, _cap_long_run_share))


def _cap_week(signals: Signals, draft: DraftWeek, policy: Policy) -> tuple[DraftWeek, list[Change]]:
    ramp = policy.mileage_ramp
    level = recent_level(signals, policy)
    cap = ramp_cap_km(signals, policy)
    if level is None or cap is None:
        return draft, []
    before = draft.run_km
    draft = cap_week_km(draft, cap)
    if draft.run_km >= before:
        return draft, []
    floor_note = f" (never below {ramp.min_cap_km:g} km)" if cap == ramp.min_cap_km else ""
    return draft, [
        Change(
            RULE,
            f"Planned {km1(before):g} km is more than {ramp.max_ratio:.0%} of the recent level "
            f"{km1(level.level_km):g} km ({level.weeks}-week mean {km1(level.mean_km):g}; last "
            f"week's {km1(level.last_week_km):g} km may lift it by "
            f"{ramp.acute_lift_max:.0%} at most): capped at {km1(cap):g}{floor_note}, "
            f"{km1(draft.run_km):g} km planned",
            {
                "planned_km": km1(before),
                "last_week_km": km1(level.last_week_km),
                "mean_km": km1(level.mean_km),
                "weeks": level.weeks,
                "level_km": km1(level.level_km),
                "acute_lift_max": ramp.acute_lift_max,
                "max_ratio": ramp.max_ratio,
                "cap_km": km1(cap),
                "km_after": km1(draft.run_km),
            },
        )
    ]


def _cap_single_runs(
    signals: Signals, draft: DraftWeek, policy: Policy
) -> tuple[DraftWeek, list[Change]]:
    ramp = policy.mileage_ramp
    cap = single_run_cap_km(signals, policy)
    if cap is None:
        return draft, []
    too_long = [s for s in draft.training_runs if (s.km or 0.0) > cap + 1e-6]
    if not too_long:
        return draft, []
    draft = cap_runs(draft, cap)
    names = ", ".join(f"{s.label()} {km1(s.km or 0.0):g} km" for s in too_long)
    return draft, [
        Change(
            RULE,
            f"{names}: longer than {ramp.max_run_ratio:.0%} of the longest run in the last "
            f"{ramp.longest_run_window_days} days ({km1(signals.longest_run_30d_km or 0.0):g} km); "
            f"capped at {km1(cap):g} km, the rest moved to easier runs where they had room",
            {
                "longest_run_30d_km": signals.longest_run_30d_km,
                "max_run_ratio": ramp.max_run_ratio,
                "cap_km": km1(cap),
                "runs_over": [km1(s.km or 0.0) for s in too_long],
            },
        )
    ]


def _cap_long_run_share(
    signals: Signals, draft: DraftWeek, policy: Policy
) -> tuple[DraftWeek, list[Change]]:
    ramp = policy.mileage_ramp
    runs = len(draft.training_runs)
    total = draft.run_km
    limit = long_share_limit(runs, ramp.long_run_share_max)
    longs = [
        s
        for s in draft.runs
        if s.type == "long" and (s.km or 0.0) > limit * total + LONG_SHARE_SLACK_KM + 1e-6
    ]
    floor = long_run_floor_km(signals, draft, policy)
    longs = [s for s in longs if floor is None or (s.km or 0.0) > floor + 1e-6]
    if runs < 2 or not longs:
        return draft, []
    draft = cap_long_share(
        draft, ramp.long_run_share_max, single_run_cap_km(signals, policy), floor
    )
    new_long = max((s.km or 0.0) for s in draft.runs if s.type == "long")
    share = longs[0].km / total if total else 0.0
    return draft, [
        Change(
            RULE,
            f"{longs[0].label()} {km1(longs[0].km or 0.0):g} km is {share:.0%} of the week's "
            f"{km1(total):g} km (max {limit:.0%}): {km1(new_long):g} km"
            + (
                f" (not below the longest run of the last 30 days, {km1(floor):g} km)"
                if floor is not None and abs(new_long - floor) < 0.05
                else ""
            )
            + f", the rest moved to the other runs; week {km1(draft.run_km):g} km",
            {
                "long_run_km": km1(longs[0].km or 0.0),
                "week_km": km1(total),
                "long_run_share": round(share, 3),
                "max_share": round(limit, 3),
                "runs": runs,
                "long_run_km_after": km1(new_long),
                "longest_run_30d_km": floor,
                "week_km_after": km1(draft.run_km),
            },
        )
    ]


def long_run_floor_km(signals: Signals, draft: DraftWeek, policy: Policy) -> float | None:
    """The long-run share cap never cuts below the longest run of the last 30 days (what the
    athlete already runs), unless a fatigue cut or deload, or a taper, asks for less."""
    if draft.taper is not None or assess_fatigue(signals, policy).decision in ("cut", "deload"):
        return None
    return signals.longest_run_30d_km
