-- stg_resting_hr: one row per resting-heart-rate message (monitoring_hr_data) of a loaded file.
CREATE OR REPLACE VIEW stg_resting_hr AS
SELECT
    h.athlete,
    h.file_sha256,
    h.timestamp_utc,
    h.current_day_resting_heart_rate AS resting_hr,
    h.resting_heart_rate AS resting_hr_7d
FROM raw_monitoring_hr_data h
JOIN stg_files f USING (athlete, file_sha256)
WHERE h.timestamp_utc IS NOT NULL;
COMMENT ON VIEW stg_resting_hr IS 'The watch''s daily resting heart rate (monitoring files).';
COMMENT ON COLUMN stg_resting_hr.athlete IS 'Athlete.';
COMMENT ON COLUMN stg_resting_hr.file_sha256 IS 'Monitoring file.';
COMMENT ON COLUMN stg_resting_hr.timestamp_utc IS 'When the watch wrote it, UTC (at local midnight it describes the day that ended).';
COMMENT ON COLUMN stg_resting_hr.resting_hr IS 'That day''s resting heart rate, bpm (FIT current_day_resting_heart_rate).';
COMMENT ON COLUMN stg_resting_hr.resting_hr_7d IS 'The watch''s 7-day resting heart rate, bpm (FIT resting_heart_rate).';
