"""Every threshold of the training model, in one documented object (`ModelPolicy`).

The transforms take a policy argument defaulting to `DEFAULT_POLICY`; nothing else in
`runlift_sync.model` hard-codes a number that changes a classification or a load.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Banister TRIMP constants (a, b) by sex: TRIMP = minutes × HRr × a × e^(b × HRr).
#: Men 0.64/1.92 (Banister 1991), women 0.86/1.67 (Morton, Fitz-Clarke & Banister 1990).
TRIMP_CONSTANTS: dict[str, tuple[float, float]] = {"male": (0.64, 1.92), "female": (0.86, 1.67)}


@dataclass(frozen=True)
class ModelPolicy:
    """Thresholds of the model. Times in seconds, shares as fractions of 1."""

    # --- landmarks --------------------------------------------------------------------------
    #: LTHR ≈ hr_rest + this × (hr_max − hr_rest) when no threshold is given (Karvonen, 88 %
    #: of heart-rate reserve: typical of lactate threshold in trained runners).
    threshold_hrr_fraction: float = 0.88
    #: Estimated hr_max uses the per-activity best 60-s average HR of this many days before the
    #: latest activity.
    hr_max_window_days: int = 730
    #: Estimated hr_rest: this percentile of daily resting HR values over `hr_rest_window_days`.
    hr_rest_percentile: float = 0.10
    hr_rest_window_days: int = 365
    #: Used (and labelled "default") when nothing is configured and no data exists.
    default_hr_max: int = 190
    default_hr_rest: int = 60
    default_sex: str = "male"

    # --- zones (Friel's run zones, fractions of LTHR; lower bounds) ---------------------------
    #: 5 zones: Z1 < 85 %, Z2 85–89 %, Z3 90–94 %, Z4 95–99 %, Z5 ≥ 100 % of LTHR.
    zone5_lower_fractions: tuple[float, float, float, float] = (0.85, 0.90, 0.95, 1.00)
    #: 3 zones: Z1 below VT1 (= 90 % LTHR, the top of Friel Z2), Z2 VT1 – LTHR, Z3 ≥ LTHR (VT2).
    vt1_fraction_of_lthr: float = 0.90

    # --- record stream ----------------------------------------------------------------------
    #: A sample's value holds until the next sample, for at most this long (longer = pause).
    max_sample_gap_s: int = 20
    #: Cardiac drift: skip this much warm-up, then need this much steady running.
    drift_skip_s: int = 600
    drift_min_s: int = 1200
    #: Surges: 30-s mean speed ≥ this × the run's median moving speed, for 40 s – 10 min.
    surge_speed_ratio: float = 1.15
    surge_min_s: int = 40
    surge_max_s: int = 600
    #: Lifting pattern: 15-s HR rises by ≥ this many bpm from a trough, then falls ≥ 2/3 of it.
    hr_swing_bpm: float = 12.0

    # --- run intensity ----------------------------------------------------------------------
    #: A run has heart rate when HR covers this share of its timer time.
    hr_coverage_min: float = 0.5
    #: Hard by time in zone: ≥ 5 min at or above LTHR …
    hard_above_threshold_s: int = 300
    #: … or ≥ 15 min and ≥ 25 % of HR time above VT1, or ≥ 30 min above VT1 whatever the share.
    hard_above_vt1_s: int = 900
    hard_above_vt1_share: float = 0.25
    hard_above_vt1_any_s: int = 1800
    #: Hard by structure: ≥ 2 work laps (workout with rest laps) or ≥ 3 alternating fast laps
    #: or ≥ 4 surges at ≥ 4 per moving hour (fewer are hills and traffic lights), with the
    #: work reaching VT1 (or faster than easy pace without HR).
    min_work_laps: int = 2
    min_alternating_laps: int = 3
    alternating_lap_ratio: float = 1.12
    min_surges: int = 4
    min_surges_per_hour: float = 4.0
    #: Hard by structure, continuous: a workout's work step(s) of ≥ 8 min whose time-weighted
    #: average HR is at or above VT1 (a tempo block).
    tempo_min_work_s: int = 480
    #: Without HR: hard when ≥ 12 % faster than easy pace for ≥ 15 min, or work laps ≥ 10 %
    #: faster; the easy pace is the median pace of the easy and long runs (by HR) in the
    #: 42 days before.
    pace_hard_ratio: float = 1.12
    pace_hard_min_s: int = 900
    pace_work_ratio: float = 1.10
    easy_pace_window_days: int = 42
    easy_pace_min_runs: int = 3

    # --- run type ---------------------------------------------------------------------------
    #: Long: ≥ 90 min, or ≥ 1.35 × the median distance of the runs in the 28 days before
    #: (at least 3 of them) and ≥ 45 min.
    long_min_s: int = 5400
    long_distance_ratio: float = 1.35
    long_ratio_min_s: int = 2700
    long_window_days: int = 28
    long_min_runs: int = 3
    #: Recovery: easy, not long, ≤ 50 min, avg HR below Friel Z2 (85 % LTHR) and/or ≥ 5 %
    #: slower than easy pace.
    recovery_max_s: int = 3000
    recovery_pace_ratio: float = 0.95

    # --- lifting ----------------------------------------------------------------------------
    #: Epley e1RM only for sets of 1–10 reps.
    epley_max_reps: int = 10
    #: A session is lower-body when ≥ 1/3 of its working sets (with a known region) load the
    #: legs (lower, plyometric or full-body) and at least 3 do.
    lower_body_share: float = 1.0 / 3.0
    lower_body_min_sets: int = 3
    #: Relative load compares a set's weight with the best e1RM of that exercise in this window.
    relative_load_window_days: int = 180
    #: Strength sport without sets: counted as lifting when HR swings ≥ 3 times and ≥ 1 per
    #: 10 min (set/rest pattern).
    min_hr_swings: int = 3
    hr_swings_per_10min: float = 1.0

    # --- load -------------------------------------------------------------------------------
    #: Session RPE (CR-10) of a lift from HR: 10 × HRr of the session's 90th-percentile HR,
    #: clamped to [3, 9]; without HR the default.
    lift_rpe_min: float = 3.0
    lift_rpe_max: float = 9.0
    default_lift_rpe: float = 6.0
    #: sRPE (RPE × minutes, AU) → TRIMP-equivalent: on the CR-10 ↔ %HRR correspondence
    #: (RPE 3 ≈ 60 %, 5 ≈ 75 %, 7 ≈ 90 %, 10 = 100 % HRR) Banister TRIMP per minute is
    #: 0.40–0.50 × the RPE for both sexes, so 1 AU counts as 0.45 TRIMP.
    srpe_to_trimp: float = 0.45
    #: RPE assumed for runs without HR, by run type, and for other training without HR.
    run_rpe_without_hr: dict[str, float] = field(
        default_factory=lambda: {
            "recovery": 2.0,
            "easy": 3.0,
            "long": 4.0,
            "tempo": 6.0,
            "intervals": 7.0,
        }
    )
    default_other_rpe: float = 4.0

    # --- fitness ----------------------------------------------------------------------------
    ctl_days: float = 42.0
    atl_days: float = 7.0
    acute_days: int = 7
    chronic_days: int = 28

    # --- wellness ---------------------------------------------------------------------------
    wellness_rolling_days: int = 7
    wellness_baseline_days: int = 60


DEFAULT_POLICY = ModelPolicy()
