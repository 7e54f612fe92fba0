-- 005: what `runlift plan push` put where, so pushing again only changes what changed.

CREATE TABLE pushed_workouts (
    athlete        VARCHAR   NOT NULL,
    session_key    VARCHAR   NOT NULL,
    target         VARCHAR   NOT NULL,
    week_start     DATE      NOT NULL,
    workout_id     VARCHAR,
    schedule_id    VARCHAR,
    scheduled_date DATE,
    content_hash   VARCHAR   NOT NULL,
    sequence       INTEGER   NOT NULL,
    name           VARCHAR,
    pushed_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (athlete, target, session_key)
);
COMMENT ON TABLE pushed_workouts IS 'One row per planned session per target it was pushed to (garmin, ics, fit, watch): the last version pushed.';
COMMENT ON COLUMN pushed_workouts.athlete IS 'Athlete.';
COMMENT ON COLUMN pushed_workouts.session_key IS 'Stable key of the session within its week: the template session it came from (e.g. 2026-11-23/tue-am-run-intervals), so a moved or changed session keeps it.';
COMMENT ON COLUMN pushed_workouts.target IS 'garmin (Garmin Connect workout + calendar), ics (calendar file), fit (a folder), watch (GARMIN/NewFiles of a watch).';
COMMENT ON COLUMN pushed_workouts.week_start IS 'Monday of the planned week (plans.week_start).';
COMMENT ON COLUMN pushed_workouts.workout_id IS 'garmin: the Connect workout id; ics: the event UID; fit/watch: the file written.';
COMMENT ON COLUMN pushed_workouts.schedule_id IS 'garmin: the Connect calendar entry (workoutScheduleId); NULL elsewhere or when not scheduled yet.';
COMMENT ON COLUMN pushed_workouts.scheduled_date IS 'Date the session was pushed for (a later push on another date is a move).';
COMMENT ON COLUMN pushed_workouts.content_hash IS 'SHA-256 of the structured workout (everything but its date): equal means unchanged; "cancelled" for a calendar event of a removed session.';
COMMENT ON COLUMN pushed_workouts.sequence IS 'ics: the event SEQUENCE (raised at every change); elsewhere the number of times the content changed.';
COMMENT ON COLUMN pushed_workouts.name IS 'Workout name as pushed (e.g. Tue 24 intervals 5×3'').';
COMMENT ON COLUMN pushed_workouts.pushed_at IS 'When this version was pushed, UTC.';
