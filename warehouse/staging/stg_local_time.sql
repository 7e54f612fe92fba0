-- stg_local_time: one row per file, the offset from UTC to the athlete's wall clock.
-- From the file's own activity (or monitoring_info) local_timestamp when present (rounded to
-- 15 min, the granularity of real time zones); else from the athlete's configured time zone.
CREATE OR REPLACE VIEW stg_local_time AS
WITH from_file AS (
    SELECT athlete, file_sha256, arg_min(utc_offset_s, msg_index) AS utc_offset_s
    FROM (
        SELECT athlete, file_sha256, msg_index, utc_offset_s FROM raw_activity
        UNION ALL
        SELECT athlete, file_sha256, msg_index, utc_offset_s FROM raw_monitoring_info
    )
    WHERE utc_offset_s IS NOT NULL AND abs(utc_offset_s) <= 14 * 3600
    GROUP BY athlete, file_sha256
)
SELECT
    f.athlete,
    f.file_sha256,
    CAST(round(o.utc_offset_s / 900.0) * 900 AS INTEGER) AS utc_offset_s,
    a.timezone AS athlete_timezone,
    CASE
        WHEN o.utc_offset_s IS NOT NULL THEN 'file'
        WHEN a.timezone IS NOT NULL THEN 'athlete_timezone'
        ELSE 'utc'
    END AS local_time_source
FROM stg_files f
LEFT JOIN from_file o USING (athlete, file_sha256)
LEFT JOIN athletes a USING (athlete);
COMMENT ON VIEW stg_local_time IS 'How to turn each file''s UTC times into the athlete''s local time.';
COMMENT ON COLUMN stg_local_time.athlete IS 'Athlete.';
COMMENT ON COLUMN stg_local_time.file_sha256 IS 'File.';
COMMENT ON COLUMN stg_local_time.utc_offset_s IS 'Local minus UTC in seconds, from the file (NULL when it carries no local time).';
COMMENT ON COLUMN stg_local_time.athlete_timezone IS 'The athlete''s configured IANA time zone (fallback).';
COMMENT ON COLUMN stg_local_time.local_time_source IS 'file, athlete_timezone, or utc (nothing known: local = UTC).';
