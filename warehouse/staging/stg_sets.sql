-- stg_sets: one row per strength-training set message (active and rest) of a loaded file.
-- set_index is the FIT message_index when the watch wrote one, else the message order: it is
-- what Garmin Connect's exercise sets are matched on.
CREATE OR REPLACE VIEW stg_sets AS
SELECT
    s.athlete,
    s.file_sha256,
    CAST(coalesce(
        s.message_index,
        row_number() OVER (PARTITION BY s.athlete, s.file_sha256 ORDER BY s.msg_index) - 1
    ) AS INTEGER) AS set_index,
    s.start_time_utc,
    s.timestamp_utc AS end_time_utc,
    s.duration_s,
    s.set_type,
    s.repetitions,
    s.weight_kg,
    s.categories,
    s.category_subtypes,
    s.exercise_names,
    s.wkt_step_index
FROM raw_set s
JOIN stg_files f USING (athlete, file_sha256);
COMMENT ON VIEW stg_sets IS 'Strength sets as the watch recorded them (its guesses of the exercise included).';
COMMENT ON COLUMN stg_sets.athlete IS 'Athlete.';
COMMENT ON COLUMN stg_sets.file_sha256 IS 'File the set is in.';
COMMENT ON COLUMN stg_sets.set_index IS '0-based index among the file''s sets incl. rest sets (FIT message_index, else message order).';
COMMENT ON COLUMN stg_sets.start_time_utc IS 'Set start, UTC (FIT start_time; reliable where timestamp is not).';
COMMENT ON COLUMN stg_sets.end_time_utc IS 'FIT timestamp of the set message, UTC (the same for every set on some watches).';
COMMENT ON COLUMN stg_sets.duration_s IS 'Set duration, seconds.';
COMMENT ON COLUMN stg_sets.set_type IS 'active or rest.';
COMMENT ON COLUMN stg_sets.repetitions IS 'Repetitions counted (or entered).';
COMMENT ON COLUMN stg_sets.weight_kg IS 'Weight, kg.';
COMMENT ON COLUMN stg_sets.categories IS 'The watch''s guessed FIT exercise categories, best first (''unknown'' = 65534).';
COMMENT ON COLUMN stg_sets.category_subtypes IS 'FIT exercise name numbers within each guessed category.';
COMMENT ON COLUMN stg_sets.exercise_names IS 'Exercise names of each guess (from Garmin''s profile), NULL where unknown.';
COMMENT ON COLUMN stg_sets.wkt_step_index IS 'Workout step, when done from a workout.';
