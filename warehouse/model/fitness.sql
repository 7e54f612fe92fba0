-- fitness: one row per athlete per date of daily_load: fitness, fatigue, form, ACWR, monotony, strain.
CREATE TABLE fitness (
    athlete          VARCHAR,
    date             DATE,
    load             DOUBLE,
    ctl              DOUBLE,
    atl              DOUBLE,
    tsb              DOUBLE,
    acute_load_7d    DOUBLE,
    chronic_load_28d DOUBLE,
    acwr             DOUBLE,
    load_7d          DOUBLE,
    monotony_7d      DOUBLE,
    strain_7d        DOUBLE,
    days_of_history  INTEGER
);
COMMENT ON TABLE fitness IS 'Banister fitness (CTL), fatigue (ATL), form (TSB), ACWR 7:28, Foster monotony and strain, per day.';
COMMENT ON COLUMN fitness.athlete IS 'Athlete.';
COMMENT ON COLUMN fitness.date IS 'Local date.';
COMMENT ON COLUMN fitness.load IS 'The day''s total load (daily_load.total_load).';
COMMENT ON COLUMN fitness.ctl IS 'Chronic training load (fitness): EWMA of load, τ = 42 d, α = 1 − e^(−1/42), from 0 before the first day; includes today.';
COMMENT ON COLUMN fitness.atl IS 'Acute training load (fatigue): EWMA of load, τ = 7 d, α = 1 − e^(−1/7); includes today.';
COMMENT ON COLUMN fitness.tsb IS 'Training stress balance (form) = CTL − ATL as of the previous day: the form at the start of this day, before its training.';
COMMENT ON COLUMN fitness.acute_load_7d IS 'Mean daily load of the 7 days ending today.';
COMMENT ON COLUMN fitness.chronic_load_28d IS 'Mean daily load of the 28 days ending today (NULL before 28 days of history).';
COMMENT ON COLUMN fitness.acwr IS 'Acute:chronic workload ratio = acute_load_7d / chronic_load_28d (NULL before 28 days or when chronic is 0).';
COMMENT ON COLUMN fitness.load_7d IS 'Sum of the load of the 7 days ending today.';
COMMENT ON COLUMN fitness.monotony_7d IS 'Foster monotony: mean / sample SD of the 7 daily loads ending today (NULL when they are all equal).';
COMMENT ON COLUMN fitness.strain_7d IS 'Foster strain: load_7d × monotony_7d.';
COMMENT ON COLUMN fitness.days_of_history IS 'Days since the first activity, counting this one (rolling values need 7 / 28).';
