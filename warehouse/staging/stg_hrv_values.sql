-- stg_hrv_values: one row per overnight 5-min RMSSD value (message 371) of a loaded file.
CREATE OR REPLACE VIEW stg_hrv_values AS
SELECT
    v.athlete,
    v.file_sha256,
    v.timestamp_utc,
    v.value_ms AS rmssd_ms
FROM raw_hrv_value v
JOIN stg_files f USING (athlete, file_sha256)
WHERE v.timestamp_utc IS NOT NULL;
COMMENT ON VIEW stg_hrv_values IS 'Overnight HRV samples (5-min RMSSD).';
COMMENT ON COLUMN stg_hrv_values.athlete IS 'Athlete.';
COMMENT ON COLUMN stg_hrv_values.file_sha256 IS 'HRV-status file (one night).';
COMMENT ON COLUMN stg_hrv_values.timestamp_utc IS 'End of the 5-min window, UTC.';
COMMENT ON COLUMN stg_hrv_values.rmssd_ms IS 'RMSSD, ms.';
