-- activity_load: one row per activity (any sport): what kind of training it was and its load.
CREATE TABLE activity_load (
    athlete          VARCHAR,
    activity_id      VARCHAR,
    kind             VARCHAR,
    kind_detail      VARCHAR,
    kind_reason      VARCHAR,
    start_time_utc   TIMESTAMP,
    start_time_local TIMESTAMP,
    local_date       DATE,
    iso_year         INTEGER,
    iso_week         INTEGER,
    week_start       DATE,
    minutes          DOUBLE,
    distance_m       DOUBLE,
    avg_hr           DOUBLE,
    hr_s             DOUBLE,
    trimp            DOUBLE,
    rpe              DOUBLE,
    rpe_source       VARCHAR,
    srpe             DOUBLE,
    load             DOUBLE,
    load_method      VARCHAR
);
COMMENT ON TABLE activity_load IS 'Every activity with its kind (run, lift, cross_training) and training load in TRIMP units.';
COMMENT ON COLUMN activity_load.athlete IS 'Athlete.';
COMMENT ON COLUMN activity_load.activity_id IS 'Activity (activities.activity_id).';
COMMENT ON COLUMN activity_load.kind IS 'run, lift or cross_training.';
COMMENT ON COLUMN activity_load.kind_detail IS 'FIT sport (and sub-sport when not generic), e.g. cycling/indoor_cycling, training/yoga.';
COMMENT ON COLUMN activity_load.kind_reason IS 'Why this kind (e.g. "14 strength sets (squat, deadlift)"; "yoga is not lifting").';
COMMENT ON COLUMN activity_load.start_time_utc IS 'Start, UTC.';
COMMENT ON COLUMN activity_load.start_time_local IS 'Start on the athlete''s wall clock.';
COMMENT ON COLUMN activity_load.local_date IS 'Local date (the day the load counts for).';
COMMENT ON COLUMN activity_load.iso_year IS 'ISO year of local_date.';
COMMENT ON COLUMN activity_load.iso_week IS 'ISO week of local_date.';
COMMENT ON COLUMN activity_load.week_start IS 'Monday of the ISO week.';
COMMENT ON COLUMN activity_load.minutes IS 'Timer time, minutes.';
COMMENT ON COLUMN activity_load.distance_m IS 'Distance, metres.';
COMMENT ON COLUMN activity_load.avg_hr IS 'Average heart rate, bpm.';
COMMENT ON COLUMN activity_load.hr_s IS 'Seconds with a heart rate.';
COMMENT ON COLUMN activity_load.trimp IS 'Banister TRIMP from heart rate (NULL when HR covers < 50 % of the time).';
COMMENT ON COLUMN activity_load.rpe IS 'Session RPE (CR-10) used for sRPE: lifts (from HR or default 6), runs and other training without HR (defaults).';
COMMENT ON COLUMN activity_load.rpe_source IS 'heart_rate (10 × HR reserve of the 90th-percentile HR, clamped 3–9) or default.';
COMMENT ON COLUMN activity_load.srpe IS 'Session RPE × minutes (Foster), arbitrary units.';
COMMENT ON COLUMN activity_load.load IS 'Training load in TRIMP units: trimp, or srpe × 0.45.';
COMMENT ON COLUMN activity_load.load_method IS 'trimp, srpe_heart_rate (lift, RPE from HR), srpe_default (RPE assumed).';
