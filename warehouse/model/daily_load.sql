-- daily_load: one row per athlete per local date, from the first activity to the refresh day (rest days as zero).
CREATE TABLE daily_load (
    athlete      VARCHAR,
    date         DATE,
    run_load     DOUBLE,
    lift_load    DOUBLE,
    other_load   DOUBLE,
    total_load   DOUBLE,
    n_runs       INTEGER,
    run_km       DOUBLE,
    run_s        DOUBLE,
    n_lifts      INTEGER,
    lift_minutes DOUBLE,
    lift_srpe    DOUBLE,
    n_other      INTEGER,
    is_rest_day  BOOLEAN
);
COMMENT ON TABLE daily_load IS 'Training load per local day in TRIMP units: runs (Banister TRIMP), lifts (session RPE × minutes × 0.45), other training.';
COMMENT ON COLUMN daily_load.athlete IS 'Athlete.';
COMMENT ON COLUMN daily_load.date IS 'Local calendar date.';
COMMENT ON COLUMN daily_load.run_load IS 'Load of the day''s runs (TRIMP; sRPE × 0.45 for runs without HR).';
COMMENT ON COLUMN daily_load.lift_load IS 'Load of the day''s lifting (session RPE × minutes × 0.45).';
COMMENT ON COLUMN daily_load.other_load IS 'Load of other training (cycling, swimming, yoga, …).';
COMMENT ON COLUMN daily_load.total_load IS 'run_load + lift_load + other_load (feeds fitness).';
COMMENT ON COLUMN daily_load.n_runs IS 'Runs that day.';
COMMENT ON COLUMN daily_load.run_km IS 'Kilometres run.';
COMMENT ON COLUMN daily_load.run_s IS 'Running timer time, seconds.';
COMMENT ON COLUMN daily_load.n_lifts IS 'Lifting sessions.';
COMMENT ON COLUMN daily_load.lift_minutes IS 'Lifting minutes.';
COMMENT ON COLUMN daily_load.lift_srpe IS 'Lifting session RPE × minutes, arbitrary units (before the 0.45 conversion).';
COMMENT ON COLUMN daily_load.n_other IS 'Other training sessions.';
COMMENT ON COLUMN daily_load.is_rest_day IS 'No activity at all that day.';
