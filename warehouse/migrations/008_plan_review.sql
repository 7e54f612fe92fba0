-- 008: reviewing a week: which change touched which session, the version the athlete
-- accepted, and how the planned weeks were followed (runlift plan review / accept).

ALTER TABLE plans ADD COLUMN policy_toml VARCHAR;
ALTER TABLE plans ADD COLUMN policy_override_toml VARCHAR;
COMMENT ON TABLE plans IS 'One row per athlete per planned week: the latest adjustment the coach proposed (runlift plan next; the version the athlete accepted is in accepted_plans).';
COMMENT ON COLUMN plans.policy_toml IS 'The shipped policy (rules/policy.toml) in force, so the week can be derived again (plan accept --reject); NULL for a week planned before runlift kept it.';
COMMENT ON COLUMN plans.policy_override_toml IS 'The user''s policy file merged over it (--policy, [coach] policy), NULL when none.';

ALTER TABLE planned_sessions ADD COLUMN template_index INTEGER;
COMMENT ON COLUMN planned_sessions.version IS 'template (the plan file''s week before any rule), adjusted (the coach''s proposal) or accepted (the version the athlete accepted: accepted_plans).';
COMMENT ON COLUMN planned_sessions.template_index IS 'The template session (its session_index) this session came from: itself for template rows; NULL for a session a rule added, or a week planned before runlift kept it.';

-- plan_changes gains the version it belongs to; its key changes, so it is rebuilt.
CREATE TABLE plan_changes_rebuilt (
    athlete          VARCHAR   NOT NULL,
    week_start       DATE      NOT NULL,
    version          VARCHAR   NOT NULL,
    change_index     INTEGER   NOT NULL,
    rule             VARCHAR   NOT NULL,
    message          VARCHAR   NOT NULL,
    evidence         JSON      NOT NULL,
    session_indexes  INTEGER[],
    template_indexes INTEGER[],
    PRIMARY KEY (athlete, week_start, version, change_index)
);
INSERT INTO plan_changes_rebuilt
SELECT athlete, week_start, 'adjusted', change_index, rule, message, evidence, NULL, NULL
FROM plan_changes;
DROP TABLE plan_changes;
ALTER TABLE plan_changes_rebuilt RENAME TO plan_changes;
COMMENT ON TABLE plan_changes IS 'One row per change the coach made to a week (per version: adjusted, accepted), with the rule, the measured evidence and the sessions it touched.';
COMMENT ON COLUMN plan_changes.athlete IS 'Athlete.';
COMMENT ON COLUMN plan_changes.week_start IS 'Monday of the week (plans.week_start).';
COMMENT ON COLUMN plan_changes.version IS 'adjusted (the coach''s proposal) or accepted (the version the athlete accepted), as in planned_sessions.version.';
COMMENT ON COLUMN plan_changes.change_index IS 'Order in which the rules made the changes.';
COMMENT ON COLUMN plan_changes.rule IS 'Rule id: eighty-twenty, legs-before-key-run, mileage-ramp, fatigue-flags, scheduled-recovery, lifting-by-phase, heavy-lifting-progression, missed-sessions, one-stressor.';
COMMENT ON COLUMN plan_changes.message IS 'What changed and why, for a person.';
COMMENT ON COLUMN plan_changes.evidence IS 'The measured numbers that triggered the change (JSON).';
COMMENT ON COLUMN plan_changes.session_indexes IS 'Sessions of this version the change touched (planned_sessions.session_index); empty for a decision that changed no session; NULL when not traced (a week planned before runlift kept it).';
COMMENT ON COLUMN plan_changes.template_indexes IS 'Template sessions the change altered, moved or removed (session_index of the template rows); NULL when not traced.';

CREATE TABLE accepted_plans (
    athlete             VARCHAR   NOT NULL,
    week_start          DATE      NOT NULL,
    accepted_at         TIMESTAMP NOT NULL,
    proposal_created_at TIMESTAMP NOT NULL,
    proposal_sha256     VARCHAR   NOT NULL,
    rejected_rules      JSON      NOT NULL,
    kept_by_constraints JSON      NOT NULL,
    planned_km          DOUBLE    NOT NULL,
    adjusted            JSON      NOT NULL,
    PRIMARY KEY (athlete, week_start)
);
COMMENT ON TABLE accepted_plans IS 'One row per athlete per week the athlete accepted (runlift plan accept): the version to follow (and to push to a watch). Its sessions and changes are the rows of version accepted.';
COMMENT ON COLUMN accepted_plans.athlete IS 'Athlete.';
COMMENT ON COLUMN accepted_plans.week_start IS 'Monday of the week (plans.week_start).';
COMMENT ON COLUMN accepted_plans.accepted_at IS 'When the athlete accepted it (UTC).';
COMMENT ON COLUMN accepted_plans.proposal_created_at IS 'When the proposal it was decided on was made (plans.created_at at the time).';
COMMENT ON COLUMN accepted_plans.proposal_sha256 IS 'SHA-256 of that proposal (plans.adjusted): when plans.adjusted no longer hashes to it, the coach has proposed something else since.';
COMMENT ON COLUMN accepted_plans.rejected_rules IS 'Rule ids whose changes the athlete rejected (JSON list; empty: accepted as proposed).';
COMMENT ON COLUMN accepted_plans.kept_by_constraints IS 'Changes made again although their rule was rejected, because they keep a hard constraint (legs before key runs, mileage caps, fatigue cap): [{rule, message, evidence}] (JSON).';
COMMENT ON COLUMN accepted_plans.planned_km IS 'Running km of the accepted week.';
COMMENT ON COLUMN accepted_plans.adjusted IS 'The accepted week as the JSON contract of `runlift plan next --format json`.';

CREATE TABLE plan_compliance (
    athlete          VARCHAR   NOT NULL,
    week_start       DATE      NOT NULL,
    plan_version     VARCHAR   NOT NULL,
    session_index    INTEGER,
    planned_date     DATE,
    planned_kind     VARCHAR,
    planned_type     VARCHAR,
    planned_km       DOUBLE,
    planned_minutes  DOUBLE,
    planned_sets     INTEGER,
    activity_id      VARCHAR,
    actual_date      DATE,
    actual_kind      VARCHAR,
    actual_type      VARCHAR,
    actual_km        DOUBLE,
    actual_minutes   DOUBLE,
    actual_sets      INTEGER,
    actual_intensity VARCHAR,
    status           VARCHAR   NOT NULL,
    deviations       VARCHAR[] NOT NULL,
    days_moved       INTEGER,
    detail           VARCHAR   NOT NULL,
    as_of            DATE      NOT NULL
);
COMMENT ON TABLE plan_compliance IS 'One row per planned run or lift of every planned week that has begun, matched to the activity recorded for it, plus one row per run or lift recorded in those weeks that no session was matched to. Rebuilt by plan next / review / accept and the nightly flow.';
COMMENT ON COLUMN plan_compliance.athlete IS 'Athlete.';
COMMENT ON COLUMN plan_compliance.week_start IS 'Monday of the planned week.';
COMMENT ON COLUMN plan_compliance.plan_version IS 'The version followed: accepted when the athlete accepted the week, else adjusted (the proposal).';
COMMENT ON COLUMN plan_compliance.session_index IS 'planned_sessions.session_index in that version; NULL for an unplanned activity.';
COMMENT ON COLUMN plan_compliance.planned_date IS 'Date the session was planned for (NULL: unplanned activity).';
COMMENT ON COLUMN plan_compliance.planned_kind IS 'run or lift.';
COMMENT ON COLUMN plan_compliance.planned_type IS 'Run: easy, recovery, long, tempo, intervals, race. Lift: lower, upper, full.';
COMMENT ON COLUMN plan_compliance.planned_km IS 'Planned running distance, km.';
COMMENT ON COLUMN plan_compliance.planned_minutes IS 'Planned duration, minutes.';
COMMENT ON COLUMN plan_compliance.planned_sets IS 'Planned working sets (lifts with exercises), else NULL.';
COMMENT ON COLUMN plan_compliance.activity_id IS 'The recorded activity matched to the session (runs.activity_id or lift_sessions.activity_id); NULL when missed or upcoming.';
COMMENT ON COLUMN plan_compliance.actual_date IS 'Local date of that activity.';
COMMENT ON COLUMN plan_compliance.actual_kind IS 'run or lift.';
COMMENT ON COLUMN plan_compliance.actual_type IS 'runs.run_type, or lower / upper for a lift (lift_sessions.lower_body).';
COMMENT ON COLUMN plan_compliance.actual_km IS 'Distance run, km.';
COMMENT ON COLUMN plan_compliance.actual_minutes IS 'Duration (timer), minutes.';
COMMENT ON COLUMN plan_compliance.actual_sets IS 'Working sets lifted (lift_sessions.n_sets).';
COMMENT ON COLUMN plan_compliance.actual_intensity IS 'runs.intensity (easy or hard); NULL for lifts.';
COMMENT ON COLUMN plan_compliance.status IS 'done (as planned, within tolerance), changed (done differently: see deviations), missed (nothing recorded for it), upcoming (its day has not ended), unplanned (an activity no session was matched to).';
COMMENT ON COLUMN plan_compliance.deviations IS 'How a changed session differed: shorter, longer (km beyond ±15 %, lift minutes beyond ±25 %), fewer_sets (< 75 % of the sets), easier (hard planned, easy run; legs planned, no legs), harder (easy planned, hard run; no legs planned, legs lifted), moved (another day of the week, at most 2 days away).';
COMMENT ON COLUMN plan_compliance.days_moved IS 'actual_date − planned_date, days (0: the planned day).';
COMMENT ON COLUMN plan_compliance.detail IS 'The comparison for a person, e.g. "9.1 of 12.0 km, easy (intervals planned), a day later".';
COMMENT ON COLUMN plan_compliance.as_of IS 'The athlete''s local date when the matching was made: sessions of that day or later are upcoming.';
