-- runs: one row per running activity (any running sub-sport), classified easy or hard.
CREATE TABLE runs (
    athlete            VARCHAR,
    activity_id        VARCHAR,
    file_sha256        VARCHAR,
    start_time_utc     TIMESTAMP,
    start_time_local   TIMESTAMP,
    local_time_source  VARCHAR,
    local_date         DATE,
    iso_year           INTEGER,
    iso_week           INTEGER,
    week_start         DATE,
    sub_sport          VARCHAR,
    distance_m         DOUBLE,
    timer_s            DOUBLE,
    elapsed_s          DOUBLE,
    avg_speed_mps      DOUBLE,
    pace_s_per_km      DOUBLE,
    avg_hr             DOUBLE,
    max_hr             DOUBLE,
    has_hr             BOOLEAN,
    hr_s               DOUBLE,
    below_vt1_s        DOUBLE,
    vt1_to_lthr_s      DOUBLE,
    above_lthr_s       DOUBLE,
    hr_zone1_s         DOUBLE,
    hr_zone2_s         DOUBLE,
    hr_zone3_s         DOUBLE,
    hr_zone4_s         DOUBLE,
    hr_zone5_s         DOUBLE,
    above_vt1_s        DOUBLE,
    hard_time_s        DOUBLE,
    structure          VARCHAR,
    n_work_laps        INTEGER,
    n_rest_laps        INTEGER,
    work_s             DOUBLE,
    n_surges           INTEGER,
    intensity          VARCHAR,
    intensity_reason   VARCHAR,
    intensity_basis    VARCHAR,
    easy_pace_s_per_km DOUBLE,
    run_type           VARCHAR,
    is_long            BOOLEAN,
    long_reason        VARCHAR,
    decoupling_pct     DOUBLE,
    hr_drift_pct       DOUBLE,
    trimp              DOUBLE,
    status             VARCHAR
);
COMMENT ON TABLE runs IS 'One row per running activity: distance, pace, time in zones, easy/hard with the reason, run type, drift.';
COMMENT ON COLUMN runs.athlete IS 'Athlete.';
COMMENT ON COLUMN runs.activity_id IS 'Activity (activities.activity_id).';
COMMENT ON COLUMN runs.file_sha256 IS 'The original file.';
COMMENT ON COLUMN runs.start_time_utc IS 'Start, UTC.';
COMMENT ON COLUMN runs.start_time_local IS 'Start on the athlete''s wall clock.';
COMMENT ON COLUMN runs.local_time_source IS 'file (the watch''s own offset), timezone (plan/config), nearest_file (another file''s offset) or utc.';
COMMENT ON COLUMN runs.local_date IS 'Local calendar date of the start.';
COMMENT ON COLUMN runs.iso_year IS 'ISO year of local_date.';
COMMENT ON COLUMN runs.iso_week IS 'ISO week of local_date (weeks start on Monday).';
COMMENT ON COLUMN runs.week_start IS 'Monday of the ISO week (local).';
COMMENT ON COLUMN runs.sub_sport IS 'FIT sub-sport: generic, trail, treadmill, track, …';
COMMENT ON COLUMN runs.distance_m IS 'Distance, metres.';
COMMENT ON COLUMN runs.timer_s IS 'Moving (timer) time, seconds.';
COMMENT ON COLUMN runs.elapsed_s IS 'Wall-clock duration, seconds.';
COMMENT ON COLUMN runs.avg_speed_mps IS 'distance_m / timer_s, m/s.';
COMMENT ON COLUMN runs.pace_s_per_km IS 'Average pace, seconds per km.';
COMMENT ON COLUMN runs.avg_hr IS 'Average heart rate (the watch''s session summary), bpm.';
COMMENT ON COLUMN runs.max_hr IS 'Maximum heart rate, bpm.';
COMMENT ON COLUMN runs.has_hr IS 'Heart rate covers ≥ 50 % of the timer time (else intensity falls back to pace).';
COMMENT ON COLUMN runs.hr_s IS 'Seconds with a heart rate.';
COMMENT ON COLUMN runs.below_vt1_s IS '3-zone Z1: seconds below VT1 (the easy ceiling, 90 % LTHR).';
COMMENT ON COLUMN runs.vt1_to_lthr_s IS '3-zone Z2: seconds from VT1 to just below LTHR (moderate; counts as hard).';
COMMENT ON COLUMN runs.above_lthr_s IS '3-zone Z3: seconds at or above LTHR (≈ VT2).';
COMMENT ON COLUMN runs.hr_zone1_s IS '5-zone (Friel) Z1: seconds below 85 % LTHR (recovery).';
COMMENT ON COLUMN runs.hr_zone2_s IS '5-zone Z2: seconds at 85–89 % LTHR (aerobic).';
COMMENT ON COLUMN runs.hr_zone3_s IS '5-zone Z3: seconds at 90–94 % LTHR (tempo).';
COMMENT ON COLUMN runs.hr_zone4_s IS '5-zone Z4: seconds at 95–99 % LTHR (sub-threshold).';
COMMENT ON COLUMN runs.hr_zone5_s IS '5-zone Z5: seconds at or above LTHR.';
COMMENT ON COLUMN runs.above_vt1_s IS 'Seconds at or above VT1 (vt1_to_lthr_s + above_lthr_s).';
COMMENT ON COLUMN runs.hard_time_s IS 'Seconds counted as hard for 80/20 by time: above_vt1_s with heart rate; without it, the work laps (work_s) of a hard run, the whole timer time of a hard run without work laps, 0 for an easy run.';
COMMENT ON COLUMN runs.structure IS 'workout_intervals (workout with rest laps), workout_continuous (workout without), alternating_laps (fast/slow manual laps) or NULL.';
COMMENT ON COLUMN runs.n_work_laps IS 'Work laps (workout active steps, or the fast alternating laps).';
COMMENT ON COLUMN runs.n_rest_laps IS 'Rest/recovery laps of a workout.';
COMMENT ON COLUMN runs.work_s IS 'Timer seconds in work laps.';
COMMENT ON COLUMN runs.n_surges IS 'Surges found in the record stream (40 s – 10 min at ≥ 1.15 × median speed).';
COMMENT ON COLUMN runs.intensity IS 'easy or hard (moderate counts as hard).';
COMMENT ON COLUMN runs.intensity_reason IS 'Why, in words (e.g. "22 min above threshold HR (171 bpm) in 6 work laps"; "no heart rate: …").';
COMMENT ON COLUMN runs.intensity_basis IS 'heart_rate, structure (laps or surges), pace (no heart rate) or none (no HR, no pace reference).';
COMMENT ON COLUMN runs.easy_pace_s_per_km IS 'The athlete''s easy pace the run was compared with (median of the easy and long runs of the 42 days before), s/km.';
COMMENT ON COLUMN runs.run_type IS 'intervals, tempo, long, recovery or easy (in that order of precedence).';
COMMENT ON COLUMN runs.is_long IS 'Long: ≥ 90 min, or ≥ 1.35 × the median distance of the runs in the 28 days before (≥ 3 runs) and ≥ 45 min.';
COMMENT ON COLUMN runs.long_reason IS 'Why the run is long (NULL when it is not).';
COMMENT ON COLUMN runs.decoupling_pct IS 'Pa:HR decoupling of a steady run: drop of speed/HR from the first to the second half after a 10-min warm-up, %.';
COMMENT ON COLUMN runs.hr_drift_pct IS 'Cardiac drift of a steady run: rise of mean HR from the first to the second half, %.';
COMMENT ON COLUMN runs.trimp IS 'Banister TRIMP summed second by second (NULL without heart rate samples).';
COMMENT ON COLUMN runs.status IS 'loaded, or partial (the file was cut off).';
