-- weekly_summary: one row per athlete per ISO week (Monday start, the athlete's local time), empty weeks included.
CREATE TABLE weekly_summary (
    athlete               VARCHAR,
    week_start            DATE,
    iso_year              INTEGER,
    iso_week              INTEGER,
    week_end              DATE,
    days_in_data          INTEGER,
    run_km                DOUBLE,
    run_s                 DOUBLE,
    n_runs                INTEGER,
    n_hard_runs           INTEGER,
    easy_s                DOUBLE,
    hard_s                DOUBLE,
    easy_share            DOUBLE,
    hard_share            DOUBLE,
    below_vt1_share       DOUBLE,
    training_days         INTEGER,
    hard_days             INTEGER,
    hard_time_s           DOUBLE,
    hard_time_share       DOUBLE,
    long_run_km           DOUBLE,
    longest_run_km        DOUBLE,
    n_lift_sessions       INTEGER,
    n_lower_body_sessions INTEGER,
    lift_sets             INTEGER,
    lift_volume_kg        DOUBLE,
    lift_minutes          DOUBLE,
    run_load              DOUBLE,
    lift_load             DOUBLE,
    other_load            DOUBLE,
    total_load            DOUBLE,
    km_change             DOUBLE,
    km_change_pct         DOUBLE,
    acwr                  DOUBLE,
    ctl                   DOUBLE,
    atl                   DOUBLE,
    tsb                   DOUBLE,
    monotony_7d           DOUBLE,
    strain_7d             DOUBLE
);
COMMENT ON TABLE weekly_summary IS 'The week at a glance: running volume and intensity split, long run, lifting, load, and fitness at week end.';
COMMENT ON COLUMN weekly_summary.athlete IS 'Athlete.';
COMMENT ON COLUMN weekly_summary.week_start IS 'Monday of the ISO week (local date).';
COMMENT ON COLUMN weekly_summary.iso_year IS 'ISO year.';
COMMENT ON COLUMN weekly_summary.iso_week IS 'ISO week number.';
COMMENT ON COLUMN weekly_summary.week_end IS 'Sunday of the week.';
COMMENT ON COLUMN weekly_summary.days_in_data IS 'Days of the week covered so far (7, fewer for the first and the current week).';
COMMENT ON COLUMN weekly_summary.run_km IS 'Kilometres run (Σ runs.distance_m / 1000).';
COMMENT ON COLUMN weekly_summary.run_s IS 'Running timer time, seconds.';
COMMENT ON COLUMN weekly_summary.n_runs IS 'Runs.';
COMMENT ON COLUMN weekly_summary.n_hard_runs IS 'Runs classified hard.';
COMMENT ON COLUMN weekly_summary.easy_s IS 'Timer time of the runs classified easy, seconds.';
COMMENT ON COLUMN weekly_summary.hard_s IS 'Timer time of the runs classified hard (moderate included), seconds.';
COMMENT ON COLUMN weekly_summary.easy_share IS 'easy_s / run_s (fraction of running time; NULL without running).';
COMMENT ON COLUMN weekly_summary.hard_share IS 'hard_s / run_s; easy_share + hard_share = 1.';
COMMENT ON COLUMN weekly_summary.below_vt1_share IS 'Time-in-zone view: share of running HR time below VT1.';
COMMENT ON COLUMN weekly_summary.training_days IS 'Days with at least one run or lifting session (local dates).';
COMMENT ON COLUMN weekly_summary.hard_days IS '80/20 by days: days with a run classified hard (runs.intensity) or a lower-body lifting session (lift_sessions.lower_body); a hard run and a leg session on one day make one hard day (rules/hard_days.py). The coach allows [eighty_twenty] max_hard_days (2) for 5-7 training days, short_week_max_hard_days (1) for 4 or fewer.';
COMMENT ON COLUMN weekly_summary.hard_time_s IS '80/20 by time, the second measure: Σ runs.hard_time_s, seconds (time above VT1; without heart rate, the work laps of a hard run).';
COMMENT ON COLUMN weekly_summary.hard_time_share IS 'hard_time_s / run_s (NULL without running); the coach''s time limit is [eighty_twenty] hard_share_max (0.20).';
COMMENT ON COLUMN weekly_summary.long_run_km IS 'Distance of the week''s longest run flagged is_long, km (NULL: no long run).';
COMMENT ON COLUMN weekly_summary.longest_run_km IS 'Distance of the week''s longest run, km.';
COMMENT ON COLUMN weekly_summary.n_lift_sessions IS 'Lifting sessions.';
COMMENT ON COLUMN weekly_summary.n_lower_body_sessions IS 'Lifting sessions with lower_body true.';
COMMENT ON COLUMN weekly_summary.lift_sets IS 'Working sets lifted.';
COMMENT ON COLUMN weekly_summary.lift_volume_kg IS 'Volume load lifted (Σ reps × weight), kg.';
COMMENT ON COLUMN weekly_summary.lift_minutes IS 'Lifting minutes.';
COMMENT ON COLUMN weekly_summary.run_load IS 'Σ daily run load.';
COMMENT ON COLUMN weekly_summary.lift_load IS 'Σ daily lift load.';
COMMENT ON COLUMN weekly_summary.other_load IS 'Σ daily other-training load.';
COMMENT ON COLUMN weekly_summary.total_load IS 'Σ daily total load.';
COMMENT ON COLUMN weekly_summary.km_change IS 'run_km minus the previous week''s, km.';
COMMENT ON COLUMN weekly_summary.km_change_pct IS 'Week-over-week change of run_km, % (NULL when the previous week had none).';
COMMENT ON COLUMN weekly_summary.acwr IS 'ACWR on the week''s last day in the data.';
COMMENT ON COLUMN weekly_summary.ctl IS 'CTL on the week''s last day in the data.';
COMMENT ON COLUMN weekly_summary.atl IS 'ATL on the week''s last day in the data.';
COMMENT ON COLUMN weekly_summary.tsb IS 'TSB on the week''s last day in the data (form that morning).';
COMMENT ON COLUMN weekly_summary.monotony_7d IS 'Foster monotony of the 7 days ending on the week''s last day.';
COMMENT ON COLUMN weekly_summary.strain_7d IS 'Foster strain of the 7 days ending on the week''s last day.';
