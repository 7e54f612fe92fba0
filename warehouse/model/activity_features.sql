-- activity_features: one row per activity with records (the refresh's cache of the record stream).
CREATE TABLE activity_features (
    athlete               VARCHAR,
    activity_id           VARCHAR,
    file_sha256           VARCHAR,
    features_version      INTEGER,
    n_records             BIGINT,
    record_s              DOUBLE,
    hr_s                  DOUBLE,
    hr_bpm                INTEGER[],
    hr_seconds            DOUBLE[],
    best_hr_60s           DOUBLE,
    hr_p90                DOUBLE,
    moving_s              DOUBLE,
    median_speed_mps      DOUBLE,
    drift_s               DOUBLE,
    first_half_hr         DOUBLE,
    second_half_hr        DOUBLE,
    first_half_speed_mps  DOUBLE,
    second_half_speed_mps DOUBLE,
    n_surges              INTEGER,
    surge_s               DOUBLE,
    hr_swings             INTEGER,
    computed_at           TIMESTAMP
);
COMMENT ON TABLE activity_features IS 'Per-activity features of the record stream that do not depend on the athlete''s landmarks (computed once per file).';
COMMENT ON COLUMN activity_features.athlete IS 'Athlete.';
COMMENT ON COLUMN activity_features.activity_id IS 'Activity (activities.activity_id).';
COMMENT ON COLUMN activity_features.file_sha256 IS 'File the records come from.';
COMMENT ON COLUMN activity_features.features_version IS 'Version of the feature code; rows of another version are recomputed.';
COMMENT ON COLUMN activity_features.n_records IS 'Record messages in the session.';
COMMENT ON COLUMN activity_features.record_s IS 'Seconds covered by records (each sample holds until the next, at most 20 s; the last marks the end).';
COMMENT ON COLUMN activity_features.hr_s IS 'Seconds with a heart rate.';
COMMENT ON COLUMN activity_features.hr_bpm IS 'Heart rates seen (whole bpm), ascending; pairs with hr_seconds.';
COMMENT ON COLUMN activity_features.hr_seconds IS 'Seconds spent at each bpm of hr_bpm (the HR histogram).';
COMMENT ON COLUMN activity_features.best_hr_60s IS 'Best 60-s average heart rate, bpm (for estimating hr_max).';
COMMENT ON COLUMN activity_features.hr_p90 IS '90th percentile of heart rate over time, bpm (session RPE of lifts).';
COMMENT ON COLUMN activity_features.moving_s IS 'Seconds moving (speed > 0.5 m/s).';
COMMENT ON COLUMN activity_features.median_speed_mps IS 'Median moving speed, m/s.';
COMMENT ON COLUMN activity_features.drift_s IS 'Moving seconds with HR after a 10-min warm-up, when ≥ 20 min (else NULL): the span of the drift halves.';
COMMENT ON COLUMN activity_features.first_half_hr IS 'Mean HR over the first half of drift_s, bpm.';
COMMENT ON COLUMN activity_features.second_half_hr IS 'Mean HR over the second half of drift_s, bpm.';
COMMENT ON COLUMN activity_features.first_half_speed_mps IS 'Mean speed over the first half of drift_s, m/s.';
COMMENT ON COLUMN activity_features.second_half_speed_mps IS 'Mean speed over the second half of drift_s, m/s.';
COMMENT ON COLUMN activity_features.n_surges IS 'Stretches of 40 s – 10 min with the 30-s mean speed ≥ 1.15 × the median moving speed.';
COMMENT ON COLUMN activity_features.surge_s IS 'Seconds in those surges.';
COMMENT ON COLUMN activity_features.hr_swings IS 'Rises of ≥ 12 bpm of the 15-s mean HR that fell back (set/rest pattern); only for activities that are not runs.';
COMMENT ON COLUMN activity_features.computed_at IS 'When computed, UTC.';
