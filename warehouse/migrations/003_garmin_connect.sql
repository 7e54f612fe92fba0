-- 003: Garmin Connect. Every answer of the API is kept as JSON (raw_garmin_json) so the typed
-- tables below can be rebuilt from it; typed tables hold what runlift_sync/sources/garmin_connect
-- parsed out of those bodies. FIT originals downloaded from Garmin Connect go through the file
-- ledger (fit_files) like any other file; garmin_activity_files links them to Garmin's ids.

CREATE TABLE raw_garmin_json (
    athlete       VARCHAR   NOT NULL,
    endpoint      VARCHAR   NOT NULL,
    item_key      VARCHAR   NOT NULL,
    calendar_date DATE,
    activity_id   BIGINT,
    has_data      BOOLEAN   NOT NULL,
    body          JSON      NOT NULL,
    fetched_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (athlete, endpoint, item_key)
);
COMMENT ON TABLE raw_garmin_json IS 'One row per Garmin Connect item as last fetched: the JSON body exactly as received.';
COMMENT ON COLUMN raw_garmin_json.athlete IS 'Athlete the account belongs to.';
COMMENT ON COLUMN raw_garmin_json.endpoint IS 'What was asked: activity (an item of the activity list), exercise_sets, user_summary, hrv, sleep, training_readiness.';
COMMENT ON COLUMN raw_garmin_json.item_key IS 'The activity id or the ISO date the body is about.';
COMMENT ON COLUMN raw_garmin_json.calendar_date IS 'The athlete-local date asked for (wellness endpoints).';
COMMENT ON COLUMN raw_garmin_json.activity_id IS 'Garmin activity id (activity and exercise_sets).';
COMMENT ON COLUMN raw_garmin_json.has_data IS 'False when Garmin answered "no data" (HTTP 204, {} or []): recorded as no data, not as an error.';
COMMENT ON COLUMN raw_garmin_json.body IS 'The response body (for activity: the item of the activity list).';
COMMENT ON COLUMN raw_garmin_json.fetched_at IS 'When it was fetched (UTC); a day fetched before it was over is fetched again.';

CREATE TABLE garmin_quarantine (
    athlete        VARCHAR   NOT NULL,
    endpoint       VARCHAR   NOT NULL,
    item_key       VARCHAR   NOT NULL,
    calendar_date  DATE,
    activity_id    BIGINT,
    error_class    VARCHAR   NOT NULL,
    message        VARCHAR   NOT NULL,
    body           VARCHAR,
    quarantined_at TIMESTAMP NOT NULL,
    PRIMARY KEY (athlete, endpoint, item_key)
);
COMMENT ON TABLE garmin_quarantine IS 'Garmin Connect items that could not be used (malformed or unexpected JSON, refused request), with the raw body. Files go to quarantine instead.';
COMMENT ON COLUMN garmin_quarantine.athlete IS 'Athlete.';
COMMENT ON COLUMN garmin_quarantine.endpoint IS 'As in raw_garmin_json.endpoint, or activity_list (a page of the list), original (the download of the original file).';
COMMENT ON COLUMN garmin_quarantine.item_key IS 'Activity id or ISO date (or the position in the list when the item had no usable id).';
COMMENT ON COLUMN garmin_quarantine.calendar_date IS 'Date asked for (wellness).';
COMMENT ON COLUMN garmin_quarantine.activity_id IS 'Garmin activity id, when known.';
COMMENT ON COLUMN garmin_quarantine.error_class IS 'MalformedItem (not JSON, or not the expected shape) or the HTTP failure.';
COMMENT ON COLUMN garmin_quarantine.message IS 'What was wrong, for a person.';
COMMENT ON COLUMN garmin_quarantine.body IS 'The body as received (text; may not be valid JSON).';
COMMENT ON COLUMN garmin_quarantine.quarantined_at IS 'When (UTC). The item is tried again when a later pull covers it; success removes the row.';

CREATE TABLE raw_garmin_activity (
    athlete               VARCHAR   NOT NULL,
    activity_id           BIGINT    NOT NULL,
    activity_name         VARCHAR,
    type_key              VARCHAR,
    parent_type_id        INTEGER,
    event_type            VARCHAR,
    start_time_utc        TIMESTAMP NOT NULL,
    start_time_local      TIMESTAMP,
    duration_s            DOUBLE,
    elapsed_s             DOUBLE,
    moving_s              DOUBLE,
    distance_m            DOUBLE,
    calories              DOUBLE,
    avg_hr                DOUBLE,
    max_hr                DOUBLE,
    aerobic_training_effect   DOUBLE,
    anaerobic_training_effect DOUBLE,
    training_effect_label VARCHAR,
    training_load         DOUBLE,
    total_sets            INTEGER,
    total_reps            INTEGER,
    is_manual             BOOLEAN,
    original              VARCHAR   NOT NULL,
    fetched_at            TIMESTAMP NOT NULL,
    PRIMARY KEY (athlete, activity_id)
);
COMMENT ON TABLE raw_garmin_activity IS 'One row per Garmin Connect activity pulled (its summary from the activity list). A row here means the activity is done: original imported, exercise sets stored.';
COMMENT ON COLUMN raw_garmin_activity.athlete IS 'Athlete.';
COMMENT ON COLUMN raw_garmin_activity.activity_id IS 'Garmin Connect activity id.';
COMMENT ON COLUMN raw_garmin_activity.activity_name IS 'Title in Garmin Connect.';
COMMENT ON COLUMN raw_garmin_activity.type_key IS 'Garmin activity type: running, trail_running, strength_training, …';
COMMENT ON COLUMN raw_garmin_activity.parent_type_id IS 'Garmin parent activity type id.';
COMMENT ON COLUMN raw_garmin_activity.event_type IS 'Garmin event type (race, training, uncategorized, …).';
COMMENT ON COLUMN raw_garmin_activity.start_time_utc IS 'Start, UTC (startTimeGMT). The activity watermark is the newest of these.';
COMMENT ON COLUMN raw_garmin_activity.start_time_local IS 'Start on the athlete''s wall clock (startTimeLocal).';
COMMENT ON COLUMN raw_garmin_activity.duration_s IS 'Timer duration, seconds.';
COMMENT ON COLUMN raw_garmin_activity.elapsed_s IS 'Elapsed duration, seconds.';
COMMENT ON COLUMN raw_garmin_activity.moving_s IS 'Moving duration, seconds.';
COMMENT ON COLUMN raw_garmin_activity.distance_m IS 'Distance, metres.';
COMMENT ON COLUMN raw_garmin_activity.calories IS 'Energy, kcal.';
COMMENT ON COLUMN raw_garmin_activity.avg_hr IS 'Average heart rate, bpm.';
COMMENT ON COLUMN raw_garmin_activity.max_hr IS 'Maximum heart rate, bpm.';
COMMENT ON COLUMN raw_garmin_activity.aerobic_training_effect IS 'Garmin aerobic training effect (0–5).';
COMMENT ON COLUMN raw_garmin_activity.anaerobic_training_effect IS 'Garmin anaerobic training effect (0–5).';
COMMENT ON COLUMN raw_garmin_activity.training_effect_label IS 'Garmin''s label of the main benefit (AEROBIC_BASE, TEMPO, …).';
COMMENT ON COLUMN raw_garmin_activity.training_load IS 'Garmin''s training load of the activity (activityTrainingLoad, EPOC-based).';
COMMENT ON COLUMN raw_garmin_activity.total_sets IS 'Strength: number of sets (Garmin''s summary).';
COMMENT ON COLUMN raw_garmin_activity.total_reps IS 'Strength: number of repetitions (Garmin''s summary).';
COMMENT ON COLUMN raw_garmin_activity.is_manual IS 'Entered by hand in Garmin Connect (no original file).';
COMMENT ON COLUMN raw_garmin_activity.original IS 'What happened to the original download: imported, quarantined (see quarantine), none (manual activity or Garmin has no original).';
COMMENT ON COLUMN raw_garmin_activity.fetched_at IS 'When it was pulled (UTC).';

CREATE TABLE garmin_activity_files (
    athlete     VARCHAR   NOT NULL,
    activity_id BIGINT    NOT NULL,
    file_sha256 VARCHAR   NOT NULL,
    origin      VARCHAR   NOT NULL,
    outcome     VARCHAR   NOT NULL,
    linked_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (athlete, activity_id, file_sha256)
);
COMMENT ON TABLE garmin_activity_files IS 'Which original file(s) each Garmin Connect activity was downloaded as (the FIT members of its zip).';
COMMENT ON COLUMN garmin_activity_files.athlete IS 'Athlete.';
COMMENT ON COLUMN garmin_activity_files.activity_id IS 'Garmin Connect activity id.';
COMMENT ON COLUMN garmin_activity_files.file_sha256 IS 'SHA-256 of the downloaded FIT file (fit_files.sha256 or quarantine.sha256).';
COMMENT ON COLUMN garmin_activity_files.origin IS 'Where it came from, e.g. garmin_connect:activity/123.zip!123_ACTIVITY.fit.';
COMMENT ON COLUMN garmin_activity_files.outcome IS 'What the import did: loaded, partial, already_had, duplicate (same recording already imported, e.g. from the watch over USB), quarantined.';
COMMENT ON COLUMN garmin_activity_files.linked_at IS 'When (UTC).';

CREATE TABLE raw_garmin_exercise_set (
    athlete         VARCHAR NOT NULL,
    activity_id     BIGINT  NOT NULL,
    set_index       INTEGER NOT NULL,
    list_position   INTEGER NOT NULL,
    message_index   INTEGER,
    set_type        VARCHAR NOT NULL,
    start_time_utc  TIMESTAMP,
    duration_s      DOUBLE,
    category        VARCHAR,
    exercise_name   VARCHAR,
    probability     DOUBLE,
    n_candidates    INTEGER NOT NULL,
    repetitions     INTEGER,
    weight_g        DOUBLE,
    weight_kg       DOUBLE,
    wkt_step_index  INTEGER,
    PRIMARY KEY (athlete, activity_id, set_index)
);
COMMENT ON TABLE raw_garmin_exercise_set IS 'Strength sets as Garmin Connect holds them (the user''s corrections in the app applied), one row per set incl. rest sets.';
COMMENT ON COLUMN raw_garmin_exercise_set.athlete IS 'Athlete.';
COMMENT ON COLUMN raw_garmin_exercise_set.activity_id IS 'Garmin Connect activity id.';
COMMENT ON COLUMN raw_garmin_exercise_set.set_index IS '0-based position among the activity''s FIT set messages: Garmin''s messageIndex (= FIT set.message_index) when every set carries one, else the position in the list.';
COMMENT ON COLUMN raw_garmin_exercise_set.list_position IS '0-based position in Garmin''s exerciseSets list.';
COMMENT ON COLUMN raw_garmin_exercise_set.message_index IS 'Garmin''s messageIndex as received.';
COMMENT ON COLUMN raw_garmin_exercise_set.set_type IS 'active or rest (Garmin ACTIVE / REST, lower-cased like FIT).';
COMMENT ON COLUMN raw_garmin_exercise_set.start_time_utc IS 'Start of the set, UTC (startTime; Garmin gives no zone, it carries the FIT set start_time which is UTC).';
COMMENT ON COLUMN raw_garmin_exercise_set.duration_s IS 'Set duration, seconds.';
COMMENT ON COLUMN raw_garmin_exercise_set.category IS 'Exercise category of the most probable candidate, lower-cased FIT style (squat, bench_press, …).';
COMMENT ON COLUMN raw_garmin_exercise_set.exercise_name IS 'Exercise name of that candidate, lower-cased (barbell_back_squat); NULL when only the category is known.';
COMMENT ON COLUMN raw_garmin_exercise_set.probability IS 'Garmin''s probability (percent) of that candidate; 100 when the athlete picked it in the app.';
COMMENT ON COLUMN raw_garmin_exercise_set.n_candidates IS 'How many candidate exercises Garmin listed for the set (all kept in raw_garmin_json).';
COMMENT ON COLUMN raw_garmin_exercise_set.repetitions IS 'Repetitions.';
COMMENT ON COLUMN raw_garmin_exercise_set.weight_g IS 'Weight as Garmin sends it: grams.';
COMMENT ON COLUMN raw_garmin_exercise_set.weight_kg IS 'Weight, kg (= weight_g / 1000).';
COMMENT ON COLUMN raw_garmin_exercise_set.wkt_step_index IS 'Workout step the set belongs to, when done from a workout.';

CREATE TABLE raw_garmin_daily_summary (
    athlete                VARCHAR NOT NULL,
    calendar_date          DATE    NOT NULL,
    resting_hr             INTEGER,
    resting_hr_7d_avg      INTEGER,
    min_hr                 INTEGER,
    max_hr                 INTEGER,
    stress_avg             INTEGER,
    stress_max             INTEGER,
    body_battery_high      INTEGER,
    body_battery_low       INTEGER,
    body_battery_charged   INTEGER,
    body_battery_drained   INTEGER,
    body_battery_at_wake   INTEGER,
    steps                  INTEGER,
    total_kcal             DOUBLE,
    active_kcal            DOUBLE,
    moderate_intensity_min INTEGER,
    vigorous_intensity_min INTEGER,
    PRIMARY KEY (athlete, calendar_date)
);
COMMENT ON TABLE raw_garmin_daily_summary IS 'Garmin''s daily summary (usersummary-service), one row per athlete-local day with data.';
COMMENT ON COLUMN raw_garmin_daily_summary.athlete IS 'Athlete.';
COMMENT ON COLUMN raw_garmin_daily_summary.calendar_date IS 'Athlete-local calendar date.';
COMMENT ON COLUMN raw_garmin_daily_summary.resting_hr IS 'Resting heart rate, bpm.';
COMMENT ON COLUMN raw_garmin_daily_summary.resting_hr_7d_avg IS 'Resting heart rate, average of the last 7 days, bpm.';
COMMENT ON COLUMN raw_garmin_daily_summary.min_hr IS 'Lowest heart rate of the day, bpm.';
COMMENT ON COLUMN raw_garmin_daily_summary.max_hr IS 'Highest heart rate of the day, bpm.';
COMMENT ON COLUMN raw_garmin_daily_summary.stress_avg IS 'Average stress level (0–100); NULL when Garmin reports none (negative codes).';
COMMENT ON COLUMN raw_garmin_daily_summary.stress_max IS 'Highest stress level (0–100).';
COMMENT ON COLUMN raw_garmin_daily_summary.body_battery_high IS 'Highest Body Battery of the day (0–100).';
COMMENT ON COLUMN raw_garmin_daily_summary.body_battery_low IS 'Lowest Body Battery of the day (0–100).';
COMMENT ON COLUMN raw_garmin_daily_summary.body_battery_charged IS 'Body Battery charged during the day.';
COMMENT ON COLUMN raw_garmin_daily_summary.body_battery_drained IS 'Body Battery drained during the day.';
COMMENT ON COLUMN raw_garmin_daily_summary.body_battery_at_wake IS 'Body Battery at wake time.';
COMMENT ON COLUMN raw_garmin_daily_summary.steps IS 'Steps.';
COMMENT ON COLUMN raw_garmin_daily_summary.total_kcal IS 'Total energy, kcal.';
COMMENT ON COLUMN raw_garmin_daily_summary.active_kcal IS 'Active energy, kcal.';
COMMENT ON COLUMN raw_garmin_daily_summary.moderate_intensity_min IS 'Moderate intensity minutes.';
COMMENT ON COLUMN raw_garmin_daily_summary.vigorous_intensity_min IS 'Vigorous intensity minutes.';

CREATE TABLE raw_garmin_hrv (
    athlete                    VARCHAR NOT NULL,
    calendar_date              DATE    NOT NULL,
    last_night_avg_ms          DOUBLE,
    last_night_5min_high_ms    DOUBLE,
    weekly_avg_ms              DOUBLE,
    status                     VARCHAR,
    feedback_phrase            VARCHAR,
    baseline_low_upper_ms      DOUBLE,
    baseline_balanced_low_ms   DOUBLE,
    baseline_balanced_upper_ms DOUBLE,
    n_readings                 INTEGER NOT NULL,
    sleep_start_utc            TIMESTAMP,
    sleep_end_utc              TIMESTAMP,
    PRIMARY KEY (athlete, calendar_date)
);
COMMENT ON TABLE raw_garmin_hrv IS 'Overnight HRV summary (hrv-service), one row per athlete-local day with data.';
COMMENT ON COLUMN raw_garmin_hrv.athlete IS 'Athlete.';
COMMENT ON COLUMN raw_garmin_hrv.calendar_date IS 'Athlete-local date of the morning the night ended.';
COMMENT ON COLUMN raw_garmin_hrv.last_night_avg_ms IS 'Average overnight HRV (RMSSD), ms.';
COMMENT ON COLUMN raw_garmin_hrv.last_night_5min_high_ms IS 'Highest 5-minute HRV of the night, ms.';
COMMENT ON COLUMN raw_garmin_hrv.weekly_avg_ms IS '7-day average of overnight HRV, ms.';
COMMENT ON COLUMN raw_garmin_hrv.status IS 'Garmin''s HRV status as sent (BALANCED, UNBALANCED, LOW, POOR, NONE).';
COMMENT ON COLUMN raw_garmin_hrv.feedback_phrase IS 'Garmin''s feedback phrase key.';
COMMENT ON COLUMN raw_garmin_hrv.baseline_low_upper_ms IS 'Baseline: upper end of the low band, ms.';
COMMENT ON COLUMN raw_garmin_hrv.baseline_balanced_low_ms IS 'Baseline: lower end of the balanced band, ms.';
COMMENT ON COLUMN raw_garmin_hrv.baseline_balanced_upper_ms IS 'Baseline: upper end of the balanced band, ms.';
COMMENT ON COLUMN raw_garmin_hrv.n_readings IS 'Number of 5-minute readings in the body.';
COMMENT ON COLUMN raw_garmin_hrv.sleep_start_utc IS 'Sleep start, UTC.';
COMMENT ON COLUMN raw_garmin_hrv.sleep_end_utc IS 'Sleep end, UTC.';

CREATE TABLE raw_garmin_sleep (
    athlete                  VARCHAR NOT NULL,
    calendar_date            DATE    NOT NULL,
    sleep_s                  INTEGER,
    nap_s                    INTEGER,
    deep_sleep_s             INTEGER,
    light_sleep_s            INTEGER,
    rem_sleep_s              INTEGER,
    awake_s                  INTEGER,
    unmeasurable_s           INTEGER,
    sleep_score              INTEGER,
    sleep_score_qualifier    VARCHAR,
    sleep_start_utc          TIMESTAMP,
    sleep_end_utc            TIMESTAMP,
    avg_sleep_stress         DOUBLE,
    avg_respiration_brpm     DOUBLE,
    resting_hr               INTEGER,
    body_battery_change      INTEGER,
    PRIMARY KEY (athlete, calendar_date)
);
COMMENT ON TABLE raw_garmin_sleep IS 'Sleep summary (dailySleepData), one row per athlete-local day with data.';
COMMENT ON COLUMN raw_garmin_sleep.athlete IS 'Athlete.';
COMMENT ON COLUMN raw_garmin_sleep.calendar_date IS 'Athlete-local date of the morning the night ended.';
COMMENT ON COLUMN raw_garmin_sleep.sleep_s IS 'Time asleep, seconds.';
COMMENT ON COLUMN raw_garmin_sleep.nap_s IS 'Naps, seconds.';
COMMENT ON COLUMN raw_garmin_sleep.deep_sleep_s IS 'Deep sleep, seconds.';
COMMENT ON COLUMN raw_garmin_sleep.light_sleep_s IS 'Light sleep, seconds.';
COMMENT ON COLUMN raw_garmin_sleep.rem_sleep_s IS 'REM sleep, seconds.';
COMMENT ON COLUMN raw_garmin_sleep.awake_s IS 'Awake during the sleep window, seconds.';
COMMENT ON COLUMN raw_garmin_sleep.unmeasurable_s IS 'Unmeasurable, seconds.';
COMMENT ON COLUMN raw_garmin_sleep.sleep_score IS 'Garmin sleep score (0–100).';
COMMENT ON COLUMN raw_garmin_sleep.sleep_score_qualifier IS 'Garmin''s qualifier of the score (EXCELLENT, GOOD, FAIR, POOR).';
COMMENT ON COLUMN raw_garmin_sleep.sleep_start_utc IS 'Sleep start, UTC.';
COMMENT ON COLUMN raw_garmin_sleep.sleep_end_utc IS 'Sleep end, UTC.';
COMMENT ON COLUMN raw_garmin_sleep.avg_sleep_stress IS 'Average stress during sleep.';
COMMENT ON COLUMN raw_garmin_sleep.avg_respiration_brpm IS 'Average respiration during sleep, breaths per minute.';
COMMENT ON COLUMN raw_garmin_sleep.resting_hr IS 'Resting heart rate reported with the night, bpm.';
COMMENT ON COLUMN raw_garmin_sleep.body_battery_change IS 'Body Battery gained over the night.';

CREATE TABLE raw_garmin_training_readiness (
    athlete           VARCHAR NOT NULL,
    calendar_date     DATE    NOT NULL,
    entry_index       INTEGER NOT NULL,
    timestamp_utc     TIMESTAMP,
    timestamp_local   TIMESTAMP,
    score             INTEGER,
    level             VARCHAR,
    input_context     VARCHAR,
    sleep_score       INTEGER,
    hrv_weekly_avg_ms DOUBLE,
    recovery_time_min INTEGER,
    acute_load        DOUBLE,
    PRIMARY KEY (athlete, calendar_date, entry_index)
);
COMMENT ON TABLE raw_garmin_training_readiness IS 'Training readiness entries (metrics-service), several per day possible (one per recalculation).';
COMMENT ON COLUMN raw_garmin_training_readiness.athlete IS 'Athlete.';
COMMENT ON COLUMN raw_garmin_training_readiness.calendar_date IS 'Athlete-local calendar date.';
COMMENT ON COLUMN raw_garmin_training_readiness.entry_index IS '0-based position in Garmin''s list for the day.';
COMMENT ON COLUMN raw_garmin_training_readiness.timestamp_utc IS 'When Garmin computed it, UTC.';
COMMENT ON COLUMN raw_garmin_training_readiness.timestamp_local IS 'When Garmin computed it, athlete-local.';
COMMENT ON COLUMN raw_garmin_training_readiness.score IS 'Training readiness (0–100).';
COMMENT ON COLUMN raw_garmin_training_readiness.level IS 'Garmin''s level (LOW, MODERATE, HIGH, PRIME, …).';
COMMENT ON COLUMN raw_garmin_training_readiness.input_context IS 'Why it was computed; AFTER_WAKEUP_RESET is the morning value.';
COMMENT ON COLUMN raw_garmin_training_readiness.sleep_score IS 'Sleep score it used.';
COMMENT ON COLUMN raw_garmin_training_readiness.hrv_weekly_avg_ms IS 'HRV weekly average it used, ms.';
COMMENT ON COLUMN raw_garmin_training_readiness.recovery_time_min IS 'Recovery time, minutes.';
COMMENT ON COLUMN raw_garmin_training_readiness.acute_load IS 'Acute training load it used.';

CREATE TABLE garmin_sync_runs (
    athlete              VARCHAR   NOT NULL,
    started_at           TIMESTAMP NOT NULL,
    finished_at          TIMESTAMP NOT NULL,
    since                DATE,
    activities_from      DATE,
    wellness_from        DATE,
    through_date         DATE,
    activities_new       INTEGER   NOT NULL,
    wellness_items       INTEGER   NOT NULL,
    quarantined          INTEGER   NOT NULL,
    requests             INTEGER   NOT NULL,
    stopped              VARCHAR,
    message              VARCHAR,
    PRIMARY KEY (athlete, started_at)
);
COMMENT ON TABLE garmin_sync_runs IS 'One row per Garmin Connect pull: what it covered and how it ended (history only; what to pull next is taken from the data).';
COMMENT ON COLUMN garmin_sync_runs.athlete IS 'Athlete.';
COMMENT ON COLUMN garmin_sync_runs.started_at IS 'Start (UTC).';
COMMENT ON COLUMN garmin_sync_runs.finished_at IS 'End (UTC).';
COMMENT ON COLUMN garmin_sync_runs.since IS 'The --since date, for a backfill.';
COMMENT ON COLUMN garmin_sync_runs.activities_from IS 'First athlete-local date of the activity list asked for.';
COMMENT ON COLUMN garmin_sync_runs.wellness_from IS 'First athlete-local date of wellness asked for.';
COMMENT ON COLUMN garmin_sync_runs.through_date IS 'Last date asked for (the athlete''s today).';
COMMENT ON COLUMN garmin_sync_runs.activities_new IS 'Activities pulled.';
COMMENT ON COLUMN garmin_sync_runs.wellness_items IS 'Wellness answers stored (with data or no data).';
COMMENT ON COLUMN garmin_sync_runs.quarantined IS 'Items quarantined.';
COMMENT ON COLUMN garmin_sync_runs.requests IS 'HTTP requests made to Garmin Connect (after login).';
COMMENT ON COLUMN garmin_sync_runs.stopped IS 'NULL when the pull completed; rate_limited (HTTP 429) or unavailable (5xx / network) when it stopped early.';
COMMENT ON COLUMN garmin_sync_runs.message IS 'Why it stopped, for a person.';
