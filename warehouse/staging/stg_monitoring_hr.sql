-- stg_monitoring_hr: one row per all-day heart-rate sample (monitoring message with a heart rate).
CREATE OR REPLACE VIEW stg_monitoring_hr AS
SELECT
    m.athlete,
    m.file_sha256,
    m.timestamp_utc,
    m.heart_rate
FROM raw_monitoring m
JOIN stg_files f USING (athlete, file_sha256)
WHERE m.heart_rate > 0 AND m.timestamp_utc IS NOT NULL;
COMMENT ON VIEW stg_monitoring_hr IS 'All-day heart-rate samples from monitoring files.';
COMMENT ON COLUMN stg_monitoring_hr.athlete IS 'Athlete.';
COMMENT ON COLUMN stg_monitoring_hr.file_sha256 IS 'Monitoring file.';
COMMENT ON COLUMN stg_monitoring_hr.timestamp_utc IS 'Sample time, UTC.';
COMMENT ON COLUMN stg_monitoring_hr.heart_rate IS 'Heart rate, bpm.';
