-- athlete_profile: one row per athlete: the landmarks and zones the marts were computed with.
CREATE TABLE athlete_profile (
    athlete             VARCHAR,
    hr_max              INTEGER,
    hr_max_source       VARCHAR,
    hr_max_detail       VARCHAR,
    hr_rest             INTEGER,
    hr_rest_source      VARCHAR,
    hr_rest_detail      VARCHAR,
    hr_threshold        INTEGER,
    hr_threshold_source VARCHAR,
    hr_threshold_detail VARCHAR,
    sex                 VARCHAR,
    sex_source          VARCHAR,
    sex_detail          VARCHAR,
    timezone            VARCHAR,
    timezone_source     VARCHAR,
    timezone_detail     VARCHAR,
    vt1_hr              INTEGER,
    zone2_from_hr       INTEGER,
    zone3_from_hr       INTEGER,
    zone4_from_hr       INTEGER,
    zone5_from_hr       INTEGER,
    trimp_a             DOUBLE,
    trimp_b             DOUBLE,
    refreshed_at        TIMESTAMP
);
COMMENT ON TABLE athlete_profile IS 'Heart-rate landmarks in use per athlete, each with its source (plan, config, estimated, default).';
COMMENT ON COLUMN athlete_profile.athlete IS 'Athlete.';
COMMENT ON COLUMN athlete_profile.hr_max IS 'Maximum heart rate in use, bpm.';
COMMENT ON COLUMN athlete_profile.hr_max_source IS 'plan, config, estimated or default.';
COMMENT ON COLUMN athlete_profile.hr_max_detail IS 'How it was obtained (for an estimate: from what data).';
COMMENT ON COLUMN athlete_profile.hr_rest IS 'Resting heart rate in use, bpm.';
COMMENT ON COLUMN athlete_profile.hr_rest_source IS 'plan, config, estimated or default.';
COMMENT ON COLUMN athlete_profile.hr_rest_detail IS 'How it was obtained.';
COMMENT ON COLUMN athlete_profile.hr_threshold IS 'Lactate-threshold heart rate (LTHR ≈ VT2) in use, bpm.';
COMMENT ON COLUMN athlete_profile.hr_threshold_source IS 'plan, config or estimated (hr_rest + 0.88 × (hr_max − hr_rest)).';
COMMENT ON COLUMN athlete_profile.hr_threshold_detail IS 'How it was obtained.';
COMMENT ON COLUMN athlete_profile.sex IS 'female or male (selects the TRIMP constants).';
COMMENT ON COLUMN athlete_profile.sex_source IS 'plan, config, estimated (the watch''s user profile) or default.';
COMMENT ON COLUMN athlete_profile.sex_detail IS 'How it was obtained.';
COMMENT ON COLUMN athlete_profile.timezone IS 'IANA time zone used for times without a file offset; NULL: the nearest file''s offset.';
COMMENT ON COLUMN athlete_profile.timezone_source IS 'plan, config or estimated.';
COMMENT ON COLUMN athlete_profile.timezone_detail IS 'How local times are obtained.';
COMMENT ON COLUMN athlete_profile.vt1_hr IS 'VT1, the easy ceiling: 90 % of LTHR rounded up; 3-zone Z2 starts here, bpm.';
COMMENT ON COLUMN athlete_profile.zone2_from_hr IS '5-zone (Friel) Z2 lower bound: 85 % of LTHR, bpm.';
COMMENT ON COLUMN athlete_profile.zone3_from_hr IS '5-zone Z3 lower bound: 90 % of LTHR, bpm.';
COMMENT ON COLUMN athlete_profile.zone4_from_hr IS '5-zone Z4 lower bound: 95 % of LTHR, bpm.';
COMMENT ON COLUMN athlete_profile.zone5_from_hr IS '5-zone Z5 lower bound: LTHR, bpm (also 3-zone Z3).';
COMMENT ON COLUMN athlete_profile.trimp_a IS 'Banister TRIMP constant a (0.64 male, 0.86 female).';
COMMENT ON COLUMN athlete_profile.trimp_b IS 'Banister TRIMP constant b (1.92 male, 1.67 female).';
COMMENT ON COLUMN athlete_profile.refreshed_at IS 'When the marts were last refreshed, UTC.';
