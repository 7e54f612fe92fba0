-- stg_sleep_scores: one row per sleep assessment (message 346) of a loaded file.
CREATE OR REPLACE VIEW stg_sleep_scores AS
SELECT
    s.athlete,
    s.file_sha256,
    s.overall_sleep_score,
    s.sleep_duration_score,
    s.sleep_quality_score,
    s.awakenings_count,
    s.average_stress_during_sleep
FROM raw_sleep_assessment s
JOIN stg_files f USING (athlete, file_sha256);
COMMENT ON VIEW stg_sleep_scores IS 'The watch''s scoring of a night (dated by its sleep file).';
COMMENT ON COLUMN stg_sleep_scores.athlete IS 'Athlete.';
COMMENT ON COLUMN stg_sleep_scores.file_sha256 IS 'Sleep file (one night).';
COMMENT ON COLUMN stg_sleep_scores.overall_sleep_score IS 'Sleep score, 0–100.';
COMMENT ON COLUMN stg_sleep_scores.sleep_duration_score IS 'Duration part of the score, 0–100.';
COMMENT ON COLUMN stg_sleep_scores.sleep_quality_score IS 'Quality part of the score, 0–100.';
COMMENT ON COLUMN stg_sleep_scores.awakenings_count IS 'Times awake during the night.';
COMMENT ON COLUMN stg_sleep_scores.average_stress_during_sleep IS 'Average stress level while asleep.';
