-- 004: the coach's weeks: what the plan asked for, what the coach made of it, and why.

CREATE TABLE plans (
    athlete       VARCHAR   NOT NULL,
    week_start    DATE      NOT NULL,
    phase         VARCHAR   NOT NULL,
    plan_week     INTEGER,
    template_km   DOUBLE,
    planned_km    DOUBLE    NOT NULL,
    plan_path     VARCHAR,
    plan_sha256   VARCHAR   NOT NULL,
    plan_toml     VARCHAR   NOT NULL,
    policy_sha256 VARCHAR   NOT NULL,
    signals       JSON      NOT NULL,
    adjusted      JSON      NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (athlete, week_start)
);
COMMENT ON TABLE plans IS 'One row per athlete per planned week: the latest adjustment the coach made (runlift plan next).';
COMMENT ON COLUMN plans.athlete IS 'Athlete.';
COMMENT ON COLUMN plans.week_start IS 'Monday of the planned week (athlete''s time zone).';
COMMENT ON COLUMN plans.phase IS 'Training phase of that week: base, build, in_season, taper.';
COMMENT ON COLUMN plans.plan_week IS 'Week number within a multi-week plan (from [plan] start), else NULL.';
COMMENT ON COLUMN plans.template_km IS 'Running km the plan file asked for, before adjustment.';
COMMENT ON COLUMN plans.planned_km IS 'Running km after the coach''s adjustment.';
COMMENT ON COLUMN plans.plan_path IS 'Plan file the week was built from.';
COMMENT ON COLUMN plans.plan_sha256 IS 'SHA-256 of the plan file''s text at the time.';
COMMENT ON COLUMN plans.plan_toml IS 'The plan file''s text at the time (so the week can be re-derived).';
COMMENT ON COLUMN plans.policy_sha256 IS 'SHA-256 of the policy (thresholds) in force.';
COMMENT ON COLUMN plans.signals IS 'The measured signals the rules used (JSON; missing ones listed).';
COMMENT ON COLUMN plans.adjusted IS 'The whole adjusted week as the JSON contract of `runlift plan next --format json`.';
COMMENT ON COLUMN plans.created_at IS 'When the coach adjusted it (UTC).';

CREATE TABLE planned_sessions (
    athlete       VARCHAR NOT NULL,
    week_start    DATE    NOT NULL,
    version       VARCHAR NOT NULL,
    session_index INTEGER NOT NULL,
    date          DATE    NOT NULL,
    day           VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,
    type          VARCHAR,
    km            DOUBLE,
    minutes       DOUBLE,
    slot          VARCHAR,
    exercises     JSON,
    PRIMARY KEY (athlete, week_start, version, session_index)
);
COMMENT ON TABLE planned_sessions IS 'One row per session of a planned week, as the template had it and as the coach adjusted it.';
COMMENT ON COLUMN planned_sessions.athlete IS 'Athlete.';
COMMENT ON COLUMN planned_sessions.week_start IS 'Monday of the week (plans.week_start).';
COMMENT ON COLUMN planned_sessions.version IS 'template (the plan file''s week before any rule) or adjusted (after the coach).';
COMMENT ON COLUMN planned_sessions.session_index IS 'Order within the week (date, am before pm, run before lift).';
COMMENT ON COLUMN planned_sessions.date IS 'Date of the session.';
COMMENT ON COLUMN planned_sessions.day IS 'mon … sun.';
COMMENT ON COLUMN planned_sessions.kind IS 'run, lift or rest.';
COMMENT ON COLUMN planned_sessions.type IS 'Run: easy, recovery, long, tempo, intervals. Lift: lower, upper, full.';
COMMENT ON COLUMN planned_sessions.km IS 'Planned running distance, km (runs).';
COMMENT ON COLUMN planned_sessions.minutes IS 'Planned duration, minutes (lifts; runs optionally).';
COMMENT ON COLUMN planned_sessions.slot IS 'am or pm, when it matters (a lift after a run the same day).';
COMMENT ON COLUMN planned_sessions.exercises IS 'Lifts: [{name, sets, reps, load_kg, rest_s}] (JSON).';

CREATE TABLE plan_changes (
    athlete      VARCHAR NOT NULL,
    week_start   DATE    NOT NULL,
    change_index INTEGER NOT NULL,
    rule         VARCHAR NOT NULL,
    message      VARCHAR NOT NULL,
    evidence     JSON    NOT NULL,
    PRIMARY KEY (athlete, week_start, change_index)
);
COMMENT ON TABLE plan_changes IS 'One row per change the coach made to a week, with the rule and the measured evidence.';
COMMENT ON COLUMN plan_changes.athlete IS 'Athlete.';
COMMENT ON COLUMN plan_changes.week_start IS 'Monday of the week (plans.week_start).';
COMMENT ON COLUMN plan_changes.change_index IS 'Order in which the rules made the changes.';
COMMENT ON COLUMN plan_changes.rule IS 'Rule id: eighty-twenty, legs-before-key-run, mileage-ramp, fatigue-flags, scheduled-recovery, lifting-by-phase, heavy-lifting-progression, missed-sessions, one-stressor.';
COMMENT ON COLUMN plan_changes.message IS 'What changed and why, for a person.';
COMMENT ON COLUMN plan_changes.evidence IS 'The measured numbers that triggered the change (JSON).';
