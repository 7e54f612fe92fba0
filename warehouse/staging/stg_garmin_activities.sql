-- stg_garmin_activities: one row per Garmin Connect activity pulled, with Garmin's own summary
-- (activity type, training effect, training load) and the FIT file holding its data.
CREATE OR REPLACE VIEW stg_garmin_activities AS
SELECT
    a.athlete,
    a.activity_id,
    f.file_sha256,
    a.activity_name,
    a.type_key AS activity_type,
    a.event_type,
    a.start_time_utc,
    a.start_time_local,
    a.duration_s,
    a.elapsed_s,
    a.distance_m,
    a.calories,
    a.avg_hr,
    a.max_hr,
    a.aerobic_training_effect,
    a.anaerobic_training_effect,
    lower(a.training_effect_label) AS training_effect_label,
    a.training_load,
    a.total_sets,
    a.total_reps,
    a.is_manual,
    a.original
FROM raw_garmin_activity a
LEFT JOIN stg_garmin_activity_files f USING (athlete, activity_id);
COMMENT ON VIEW stg_garmin_activities IS 'Garmin Connect''s summary of each activity pulled (its load and training effect), keyed to the FIT file.';
COMMENT ON COLUMN stg_garmin_activities.athlete IS 'Athlete.';
COMMENT ON COLUMN stg_garmin_activities.activity_id IS 'Garmin Connect activity id.';
COMMENT ON COLUMN stg_garmin_activities.file_sha256 IS 'File holding the activity''s FIT data (activities.file_sha256); NULL for manual activities or when the original could not be loaded.';
COMMENT ON COLUMN stg_garmin_activities.activity_name IS 'Title in Garmin Connect.';
COMMENT ON COLUMN stg_garmin_activities.activity_type IS 'Garmin activity type key (running, trail_running, strength_training, …).';
COMMENT ON COLUMN stg_garmin_activities.event_type IS 'Garmin event type (race, training, uncategorized, …).';
COMMENT ON COLUMN stg_garmin_activities.start_time_utc IS 'Start, UTC.';
COMMENT ON COLUMN stg_garmin_activities.start_time_local IS 'Start on the athlete''s wall clock.';
COMMENT ON COLUMN stg_garmin_activities.duration_s IS 'Timer duration, seconds.';
COMMENT ON COLUMN stg_garmin_activities.elapsed_s IS 'Elapsed duration, seconds.';
COMMENT ON COLUMN stg_garmin_activities.distance_m IS 'Distance, metres.';
COMMENT ON COLUMN stg_garmin_activities.calories IS 'Energy, kcal.';
COMMENT ON COLUMN stg_garmin_activities.avg_hr IS 'Average heart rate, bpm.';
COMMENT ON COLUMN stg_garmin_activities.max_hr IS 'Maximum heart rate, bpm.';
COMMENT ON COLUMN stg_garmin_activities.aerobic_training_effect IS 'Garmin aerobic training effect (0–5).';
COMMENT ON COLUMN stg_garmin_activities.anaerobic_training_effect IS 'Garmin anaerobic training effect (0–5).';
COMMENT ON COLUMN stg_garmin_activities.training_effect_label IS 'Main benefit, lower-cased (aerobic_base, tempo, …).';
COMMENT ON COLUMN stg_garmin_activities.training_load IS 'Garmin''s training load of the activity (EPOC-based).';
COMMENT ON COLUMN stg_garmin_activities.total_sets IS 'Strength: sets (Garmin''s summary).';
COMMENT ON COLUMN stg_garmin_activities.total_reps IS 'Strength: repetitions (Garmin''s summary).';
COMMENT ON COLUMN stg_garmin_activities.is_manual IS 'Entered by hand in Garmin Connect.';
COMMENT ON COLUMN stg_garmin_activities.original IS 'imported, quarantined, none, pending or missing (see raw_garmin_activity.original).';
