-- stg_hrv_status: one row per nightly HRV-status summary (message 370) of a loaded file.
CREATE OR REPLACE VIEW stg_hrv_status AS
SELECT
    h.athlete,
    h.file_sha256,
    h.timestamp_utc,
    h.last_night_average_ms AS last_night_avg_ms,
    h.last_night_5_min_high_ms,
    h.weekly_average_ms AS weekly_avg_ms,
    h.baseline_balanced_lower_ms,
    h.baseline_balanced_upper_ms,
    lower(h.status) AS status
FROM raw_hrv_status_summary h
JOIN stg_files f USING (athlete, file_sha256)
WHERE h.timestamp_utc IS NOT NULL;
COMMENT ON VIEW stg_hrv_status IS 'The watch''s morning HRV status: last night''s average RMSSD and the weekly average.';
COMMENT ON COLUMN stg_hrv_status.athlete IS 'Athlete.';
COMMENT ON COLUMN stg_hrv_status.file_sha256 IS 'HRV-status file.';
COMMENT ON COLUMN stg_hrv_status.timestamp_utc IS 'When written (the morning the night ended), UTC.';
COMMENT ON COLUMN stg_hrv_status.last_night_avg_ms IS 'Average overnight RMSSD, ms.';
COMMENT ON COLUMN stg_hrv_status.last_night_5_min_high_ms IS 'Highest 5-min RMSSD of the night, ms.';
COMMENT ON COLUMN stg_hrv_status.weekly_avg_ms IS '7-night average RMSSD, ms.';
COMMENT ON COLUMN stg_hrv_status.baseline_balanced_lower_ms IS 'Lower bound of the watch''s balanced baseline, ms.';
COMMENT ON COLUMN stg_hrv_status.baseline_balanced_upper_ms IS 'Upper bound of the watch''s balanced baseline, ms.';
COMMENT ON COLUMN stg_hrv_status.status IS 'balanced, unbalanced, low, poor or none (lower case).';
