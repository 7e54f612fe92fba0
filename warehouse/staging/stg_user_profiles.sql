-- stg_user_profiles: one row per FIT user_profile message: what the watch knows of its wearer.
CREATE OR REPLACE VIEW stg_user_profiles AS
SELECT
    m.athlete,
    m.file_sha256,
    f.time_created_utc,
    m.extra ->> 'gender' AS gender,
    TRY_CAST(m.extra ->> 'weight' AS DOUBLE) AS weight_kg,
    TRY_CAST(m.extra ->> 'resting_heart_rate' AS INTEGER) AS resting_hr_setting
FROM raw_message m
JOIN stg_files f USING (athlete, file_sha256)
WHERE m.message = 'user_profile';
COMMENT ON VIEW stg_user_profiles IS 'The watch''s user profile as written into each file (settings, not measurements).';
COMMENT ON COLUMN stg_user_profiles.athlete IS 'Athlete.';
COMMENT ON COLUMN stg_user_profiles.file_sha256 IS 'File carrying the profile.';
COMMENT ON COLUMN stg_user_profiles.time_created_utc IS 'When that file was created, UTC (newest wins).';
COMMENT ON COLUMN stg_user_profiles.gender IS 'female or male, as set on the watch.';
COMMENT ON COLUMN stg_user_profiles.weight_kg IS 'Body weight set on the watch, kg.';
COMMENT ON COLUMN stg_user_profiles.resting_hr_setting IS 'Resting HR set on the watch, bpm (a setting, often a default).';
