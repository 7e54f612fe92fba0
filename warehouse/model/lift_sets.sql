-- lift_sets: one row per active set of a lifting session (rest sets become rest_after_s).
CREATE TABLE lift_sets (
    athlete                 VARCHAR,
    activity_id             VARCHAR,
    file_sha256             VARCHAR,
    set_index               INTEGER,
    set_number              INTEGER,
    start_time_utc          TIMESTAMP,
    local_date              DATE,
    exercise_category       VARCHAR,
    exercise_name           VARCHAR,
    body_region             VARCHAR,
    is_working              BOOLEAN,
    reps                    INTEGER,
    weight_kg               DOUBLE,
    duration_s              DOUBLE,
    rest_after_s            DOUBLE,
    e1rm_kg                 DOUBLE,
    volume_kg               DOUBLE,
    relative_load           DOUBLE,
    names_source            VARCHAR,
    watch_exercise_category VARCHAR,
    watch_exercise_name     VARCHAR,
    watch_reps              INTEGER,
    watch_weight_kg         DOUBLE
);
COMMENT ON TABLE lift_sets IS 'Sets of lifting sessions: exercise, reps, weight, rest, body region, e1RM, volume load.';
COMMENT ON COLUMN lift_sets.athlete IS 'Athlete.';
COMMENT ON COLUMN lift_sets.activity_id IS 'Lifting session (lift_sessions.activity_id).';
COMMENT ON COLUMN lift_sets.file_sha256 IS 'File the set is in.';
COMMENT ON COLUMN lift_sets.set_index IS '0-based index among the file''s set messages incl. rest sets (matches Garmin Connect).';
COMMENT ON COLUMN lift_sets.set_number IS '1-based number among the session''s working sets (NULL for warm-up sets).';
COMMENT ON COLUMN lift_sets.start_time_utc IS 'Set start, UTC.';
COMMENT ON COLUMN lift_sets.local_date IS 'Local date of the session.';
COMMENT ON COLUMN lift_sets.exercise_category IS 'FIT exercise category (Garmin Connect''s correction when present, else the watch''s first known guess).';
COMMENT ON COLUMN lift_sets.exercise_name IS 'FIT exercise name (e.g. barbell_back_squat), NULL when only the category is known.';
COMMENT ON COLUMN lift_sets.body_region IS 'lower, upper, core, full or plyometric (mapping of FIT categories, see the model docs); NULL when unknown.';
COMMENT ON COLUMN lift_sets.is_working IS 'A working set (not a warm_up exercise).';
COMMENT ON COLUMN lift_sets.reps IS 'Repetitions (Garmin Connect''s when present).';
COMMENT ON COLUMN lift_sets.weight_kg IS 'Weight, kg (0 or NULL for bodyweight).';
COMMENT ON COLUMN lift_sets.duration_s IS 'Set duration, seconds.';
COMMENT ON COLUMN lift_sets.rest_after_s IS 'Rest before the next set: from this set''s end to the next set''s start, seconds (NULL for the last).';
COMMENT ON COLUMN lift_sets.e1rm_kg IS 'Estimated one-rep max, Epley weight × (1 + reps/30) for 2–10 reps, the weight for a single; NULL above 10 reps or without weight.';
COMMENT ON COLUMN lift_sets.volume_kg IS 'Volume load: reps × weight, kg (0 for bodyweight sets).';
COMMENT ON COLUMN lift_sets.relative_load IS 'Weight / the best e1RM of the same exercise in the 180 days up to this session (≈ %1RM as a fraction).';
COMMENT ON COLUMN lift_sets.names_source IS 'garmin_connect (the athlete''s corrections) or watch.';
COMMENT ON COLUMN lift_sets.watch_exercise_category IS 'The watch''s own first known category guess.';
COMMENT ON COLUMN lift_sets.watch_exercise_name IS 'The watch''s exercise name for that guess.';
COMMENT ON COLUMN lift_sets.watch_reps IS 'Repetitions the watch counted.';
COMMENT ON COLUMN lift_sets.watch_weight_kg IS 'Weight the watch recorded, kg.';
