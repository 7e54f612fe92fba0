-- lift_sessions: one row per lifting session (activity_load.kind = 'lift').
CREATE TABLE lift_sessions (
    athlete                VARCHAR,
    activity_id            VARCHAR,
    file_sha256            VARCHAR,
    start_time_utc         TIMESTAMP,
    start_time_local       TIMESTAMP,
    local_time_source      VARCHAR,
    local_date             DATE,
    iso_year               INTEGER,
    iso_week               INTEGER,
    week_start             DATE,
    sub_sport              VARCHAR,
    detected_from          VARCHAR,
    detection_reason       VARCHAR,
    minutes                DOUBLE,
    n_sets                 INTEGER,
    n_reps                 INTEGER,
    volume_kg              DOUBLE,
    lower_sets             INTEGER,
    upper_sets             INTEGER,
    core_sets              INTEGER,
    full_sets              INTEGER,
    plyometric_sets        INTEGER,
    lower_body             BOOLEAN,
    lower_body_reason      VARCHAR,
    heaviest_relative_load DOUBLE,
    top_e1rm_kg            DOUBLE,
    avg_rest_s             DOUBLE,
    avg_hr                 DOUBLE,
    max_hr                 DOUBLE,
    names_source           VARCHAR
);
COMMENT ON TABLE lift_sessions IS 'Lifting sessions: how they were spotted, sets, reps, volume, body regions, lower-body flag, rest.';
COMMENT ON COLUMN lift_sessions.athlete IS 'Athlete.';
COMMENT ON COLUMN lift_sessions.activity_id IS 'Activity (activities.activity_id).';
COMMENT ON COLUMN lift_sessions.file_sha256 IS 'The original file.';
COMMENT ON COLUMN lift_sessions.start_time_utc IS 'Start, UTC.';
COMMENT ON COLUMN lift_sessions.start_time_local IS 'Start on the athlete''s wall clock.';
COMMENT ON COLUMN lift_sessions.local_time_source IS 'file, timezone, nearest_file or utc.';
COMMENT ON COLUMN lift_sessions.local_date IS 'Local date.';
COMMENT ON COLUMN lift_sessions.iso_year IS 'ISO year of local_date.';
COMMENT ON COLUMN lift_sessions.iso_week IS 'ISO week of local_date.';
COMMENT ON COLUMN lift_sessions.week_start IS 'Monday of the ISO week.';
COMMENT ON COLUMN lift_sessions.sub_sport IS 'FIT sub-sport (strength_training, generic, …).';
COMMENT ON COLUMN lift_sessions.detected_from IS 'sets (strength sets in the file), sport_and_hr (strength sport + set/rest HR pattern) or sport (strength sport, nothing else to go on).';
COMMENT ON COLUMN lift_sessions.detection_reason IS 'Why it counts as lifting, in words.';
COMMENT ON COLUMN lift_sessions.minutes IS 'Timer time, minutes.';
COMMENT ON COLUMN lift_sessions.n_sets IS 'Working sets.';
COMMENT ON COLUMN lift_sessions.n_reps IS 'Repetitions of the working sets.';
COMMENT ON COLUMN lift_sessions.volume_kg IS 'Volume load (Σ reps × weight), kg.';
COMMENT ON COLUMN lift_sessions.lower_sets IS 'Working sets with body_region lower.';
COMMENT ON COLUMN lift_sessions.upper_sets IS 'Working sets with body_region upper.';
COMMENT ON COLUMN lift_sessions.core_sets IS 'Working sets with body_region core.';
COMMENT ON COLUMN lift_sessions.full_sets IS 'Working sets with body_region full.';
COMMENT ON COLUMN lift_sessions.plyometric_sets IS 'Working sets with body_region plyometric.';
COMMENT ON COLUMN lift_sessions.lower_body IS 'Legs were loaded: ≥ 1/3 of the working sets with a known region are lower, plyometric or full, and ≥ 3 are; NULL when no set has a known region.';
COMMENT ON COLUMN lift_sessions.lower_body_reason IS 'The count behind lower_body, in words.';
COMMENT ON COLUMN lift_sessions.heaviest_relative_load IS 'Highest relative_load of the session''s sets (weight / best e1RM of that exercise, 180 days).';
COMMENT ON COLUMN lift_sessions.top_e1rm_kg IS 'Highest e1RM of the session''s sets, kg.';
COMMENT ON COLUMN lift_sessions.avg_rest_s IS 'Mean rest between working sets, seconds.';
COMMENT ON COLUMN lift_sessions.avg_hr IS 'Average heart rate, bpm.';
COMMENT ON COLUMN lift_sessions.max_hr IS 'Maximum heart rate, bpm.';
COMMENT ON COLUMN lift_sessions.names_source IS 'garmin_connect, watch or mixed: where the exercise names and reps came from.';
