-- activities: one row per activity session (one per sport in a multisport file), any sport.
CREATE OR REPLACE VIEW activities AS
SELECT
    substr(s.file_sha256, 1, 16) || '-' || s.session_index AS activity_id,
    s.athlete,
    s.sport,
    s.sub_sport,
    s.start_time_utc,
    CASE lt.local_time_source
        WHEN 'file' THEN s.start_time_utc + to_seconds(lt.utc_offset_s)
        WHEN 'athlete_timezone' THEN timezone(lt.athlete_timezone, CAST(s.start_time_utc AS TIMESTAMPTZ))
        ELSE s.start_time_utc
    END AS start_time_local,
    lt.local_time_source,
    s.elapsed_s,
    s.timer_s,
    s.distance_m,
    s.avg_hr,
    s.max_hr,
    s.calories,
    s.ascent_m,
    f.device,
    s.file_sha256,
    f.source,
    s.session_index,
    f.status,
    f.status_reason,
    s.summary_from
FROM stg_sessions s
JOIN stg_files f USING (athlete, file_sha256)
JOIN stg_local_time lt USING (athlete, file_sha256);
COMMENT ON VIEW activities IS 'One row per activity session, any sport: the table to start from.';
COMMENT ON COLUMN activities.activity_id IS 'First 16 hex digits of the file''s SHA-256, dash, session index: stable across re-imports.';
COMMENT ON COLUMN activities.athlete IS 'Athlete.';
COMMENT ON COLUMN activities.sport IS 'FIT sport: running, training (strength, cardio…), cycling, swimming, …';
COMMENT ON COLUMN activities.sub_sport IS 'FIT sub-sport: strength_training, trail, treadmill, generic, …';
COMMENT ON COLUMN activities.start_time_utc IS 'Start, UTC.';
COMMENT ON COLUMN activities.start_time_local IS 'Start on the athlete''s wall clock (see local_time_source).';
COMMENT ON COLUMN activities.local_time_source IS 'file (the watch''s own local time), athlete_timezone (from config), utc (unknown).';
COMMENT ON COLUMN activities.elapsed_s IS 'Wall-clock duration, seconds.';
COMMENT ON COLUMN activities.timer_s IS 'Timer duration (pauses excluded), seconds.';
COMMENT ON COLUMN activities.distance_m IS 'Distance, metres.';
COMMENT ON COLUMN activities.avg_hr IS 'Average heart rate, bpm.';
COMMENT ON COLUMN activities.max_hr IS 'Maximum heart rate, bpm.';
COMMENT ON COLUMN activities.calories IS 'Energy, kcal.';
COMMENT ON COLUMN activities.ascent_m IS 'Total ascent, metres.';
COMMENT ON COLUMN activities.device IS 'Recording device (product name, e.g. fr965).';
COMMENT ON COLUMN activities.file_sha256 IS 'The original file (fit_files.sha256; bytes in the raw store).';
COMMENT ON COLUMN activities.source IS 'How it arrived: usb_watch, fit_folder, zip, garmin_connect, file.';
COMMENT ON COLUMN activities.session_index IS '0-based session position within the file.';
COMMENT ON COLUMN activities.status IS 'loaded, or partial (the file was cut off; see status_reason).';
COMMENT ON COLUMN activities.status_reason IS 'Why partial.';
COMMENT ON COLUMN activities.summary_from IS 'session (the watch''s summary) or records (derived from the samples).';
