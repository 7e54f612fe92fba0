-- stg_garmin_exercise_sets: one row per set (rest sets included) of a strength activity, as held
-- by Garmin Connect: the exercise names, reps and weights the athlete corrected in the app. The
-- watch's own guess stays in raw_set; join on (athlete, file_sha256, set_index = message_index)
-- to put the two side by side.
CREATE OR REPLACE VIEW stg_garmin_exercise_sets AS
SELECT
    s.athlete,
    f.file_sha256,
    s.activity_id,
    s.set_index,
    s.set_type,
    s.start_time_utc,
    s.duration_s,
    s.category AS exercise_category,
    s.exercise_name,
    s.repetitions,
    s.weight_kg,
    s.probability AS exercise_probability,
    s.n_candidates AS exercise_candidates,
    s.wkt_step_index,
    s.list_position
FROM raw_garmin_exercise_set s
LEFT JOIN stg_garmin_activity_files f USING (athlete, activity_id);
COMMENT ON VIEW stg_garmin_exercise_sets IS 'Strength sets as corrected in Garmin Connect, keyed to the FIT file and its set order.';
COMMENT ON COLUMN stg_garmin_exercise_sets.athlete IS 'Athlete.';
COMMENT ON COLUMN stg_garmin_exercise_sets.file_sha256 IS 'File holding the activity''s FIT data (the original downloaded, or the copy of the same recording already loaded); NULL when none is loaded.';
COMMENT ON COLUMN stg_garmin_exercise_sets.activity_id IS 'Garmin Connect activity id.';
COMMENT ON COLUMN stg_garmin_exercise_sets.set_index IS '0-based order among the activity''s sets incl. rest sets, matching the FIT set messages (raw_set.message_index).';
COMMENT ON COLUMN stg_garmin_exercise_sets.set_type IS 'active or rest.';
COMMENT ON COLUMN stg_garmin_exercise_sets.start_time_utc IS 'Start of the set, UTC.';
COMMENT ON COLUMN stg_garmin_exercise_sets.duration_s IS 'Duration of the set, seconds.';
COMMENT ON COLUMN stg_garmin_exercise_sets.exercise_category IS 'FIT-style exercise category, lower case (squat, bench_press, …); NULL for rest sets.';
COMMENT ON COLUMN stg_garmin_exercise_sets.exercise_name IS 'FIT-style exercise name, lower case (barbell_back_squat); NULL when only the category is known.';
COMMENT ON COLUMN stg_garmin_exercise_sets.repetitions IS 'Repetitions.';
COMMENT ON COLUMN stg_garmin_exercise_sets.weight_kg IS 'Weight, kg: Garmin sends grams, divided by 1000.';
COMMENT ON COLUMN stg_garmin_exercise_sets.exercise_probability IS 'Garmin''s confidence in the exercise, percent (100 once picked by the athlete).';
COMMENT ON COLUMN stg_garmin_exercise_sets.exercise_candidates IS 'Candidate exercises Garmin listed (the rest are in raw_garmin_json).';
COMMENT ON COLUMN stg_garmin_exercise_sets.wkt_step_index IS 'Workout step, when done from a workout.';
COMMENT ON COLUMN stg_garmin_exercise_sets.list_position IS 'Position in Garmin''s list (differs from set_index after a set was deleted in the app).';
