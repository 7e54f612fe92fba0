-- stg_records: one row per record (sample) message of a loaded file.
CREATE OR REPLACE VIEW stg_records AS
SELECT
    r.athlete,
    r.file_sha256,
    r.timestamp_utc,
    r.heart_rate,
    r.speed_mps,
    r.distance_m,
    r.altitude_m,
    r.cadence,
    r.power_w
FROM raw_record r
JOIN stg_files f USING (athlete, file_sha256);
COMMENT ON VIEW stg_records IS 'The sample streams of loaded files (heart rate, speed, distance, …).';
COMMENT ON COLUMN stg_records.athlete IS 'Athlete.';
COMMENT ON COLUMN stg_records.file_sha256 IS 'File the sample is in.';
COMMENT ON COLUMN stg_records.timestamp_utc IS 'Sample time, UTC.';
COMMENT ON COLUMN stg_records.heart_rate IS 'Heart rate, bpm.';
COMMENT ON COLUMN stg_records.speed_mps IS 'Speed, m/s (enhanced speed when present).';
COMMENT ON COLUMN stg_records.distance_m IS 'Cumulative distance, metres.';
COMMENT ON COLUMN stg_records.altitude_m IS 'Altitude, metres.';
COMMENT ON COLUMN stg_records.cadence IS 'Cadence (rpm, or strides per minute when running).';
COMMENT ON COLUMN stg_records.power_w IS 'Power, watts.';
