-- stg_sleep_levels: one row per sleep-stage change (message 275) of a loaded file.
CREATE OR REPLACE VIEW stg_sleep_levels AS
SELECT
    s.athlete,
    s.file_sha256,
    s.timestamp_utc,
    s.sleep_level
FROM raw_sleep_level s
JOIN stg_files f USING (athlete, file_sha256)
WHERE s.timestamp_utc IS NOT NULL;
COMMENT ON VIEW stg_sleep_levels IS 'Sleep stages as they change through the night (each lasts until the next row).';
COMMENT ON COLUMN stg_sleep_levels.athlete IS 'Athlete.';
COMMENT ON COLUMN stg_sleep_levels.file_sha256 IS 'Sleep file (one night).';
COMMENT ON COLUMN stg_sleep_levels.timestamp_utc IS 'When the stage began, UTC.';
COMMENT ON COLUMN stg_sleep_levels.sleep_level IS 'unmeasurable, awake, light, deep or rem.';
