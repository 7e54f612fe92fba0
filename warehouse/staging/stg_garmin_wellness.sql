-- stg_garmin_wellness: one row per athlete per athlete-local date for which Garmin Connect had
-- any wellness data: resting HR, overnight HRV, sleep, Body Battery, training readiness, stress.
-- Sleep and HRV are dated by the morning the night ended. Training readiness is the morning value
-- (AFTER_WAKEUP_RESET) when there is one, else the day's first.
CREATE OR REPLACE VIEW stg_garmin_wellness AS
WITH days AS (
    SELECT athlete, calendar_date FROM raw_garmin_daily_summary
    UNION
    SELECT athlete, calendar_date FROM raw_garmin_hrv
    UNION
    SELECT athlete, calendar_date FROM raw_garmin_sleep
    UNION
    SELECT athlete, calendar_date FROM raw_garmin_training_readiness
),
readiness AS (
    SELECT athlete, calendar_date, score, level
    FROM raw_garmin_training_readiness
    QUALIFY row_number() OVER (
        PARTITION BY athlete, calendar_date
        ORDER BY (input_context = 'AFTER_WAKEUP_RESET') DESC NULLS LAST,
                 timestamp_utc NULLS LAST, entry_index
    ) = 1
)
SELECT
    d.athlete,
    d.calendar_date AS date,
    coalesce(u.resting_hr, s.resting_hr) AS resting_hr,
    h.last_night_avg_ms AS hrv_last_night_avg_ms,
    h.weekly_avg_ms AS hrv_weekly_avg_ms,
    lower(h.status) AS hrv_status,
    s.sleep_s,
    s.deep_sleep_s,
    s.light_sleep_s,
    s.rem_sleep_s,
    s.awake_s,
    s.sleep_score,
    u.body_battery_high,
    u.body_battery_low,
    r.score AS training_readiness,
    u.stress_avg,
    u.resting_hr_7d_avg,
    h.baseline_balanced_low_ms AS hrv_baseline_low_ms,
    h.baseline_balanced_upper_ms AS hrv_baseline_high_ms,
    s.sleep_start_utc,
    s.sleep_end_utc,
    lower(r.level) AS training_readiness_level,
    u.steps
FROM days d
LEFT JOIN raw_garmin_daily_summary u USING (athlete, calendar_date)
LEFT JOIN raw_garmin_hrv h USING (athlete, calendar_date)
LEFT JOIN raw_garmin_sleep s USING (athlete, calendar_date)
LEFT JOIN readiness r USING (athlete, calendar_date);
COMMENT ON VIEW stg_garmin_wellness IS 'Daily wellness from Garmin Connect, one row per athlete-local date with data (feeds wellness_daily).';
COMMENT ON COLUMN stg_garmin_wellness.athlete IS 'Athlete.';
COMMENT ON COLUMN stg_garmin_wellness.date IS 'Athlete-local calendar date (Garmin''s calendarDate).';
COMMENT ON COLUMN stg_garmin_wellness.resting_hr IS 'Resting heart rate, bpm (daily summary; else the one reported with the night).';
COMMENT ON COLUMN stg_garmin_wellness.hrv_last_night_avg_ms IS 'Average overnight HRV (RMSSD) of the night ending that morning, ms.';
COMMENT ON COLUMN stg_garmin_wellness.hrv_weekly_avg_ms IS '7-day average of overnight HRV, ms.';
COMMENT ON COLUMN stg_garmin_wellness.hrv_status IS 'Garmin HRV status, lower case: balanced, unbalanced, low, poor, none.';
COMMENT ON COLUMN stg_garmin_wellness.sleep_s IS 'Time asleep, seconds (night ending that morning).';
COMMENT ON COLUMN stg_garmin_wellness.deep_sleep_s IS 'Deep sleep, seconds.';
COMMENT ON COLUMN stg_garmin_wellness.light_sleep_s IS 'Light sleep, seconds.';
COMMENT ON COLUMN stg_garmin_wellness.rem_sleep_s IS 'REM sleep, seconds.';
COMMENT ON COLUMN stg_garmin_wellness.awake_s IS 'Awake within the sleep window, seconds.';
COMMENT ON COLUMN stg_garmin_wellness.sleep_score IS 'Garmin sleep score (0–100).';
COMMENT ON COLUMN stg_garmin_wellness.body_battery_high IS 'Highest Body Battery of the day (0–100).';
COMMENT ON COLUMN stg_garmin_wellness.body_battery_low IS 'Lowest Body Battery of the day (0–100).';
COMMENT ON COLUMN stg_garmin_wellness.training_readiness IS 'Training readiness score (0–100), the morning value.';
COMMENT ON COLUMN stg_garmin_wellness.stress_avg IS 'Average stress level of the day (0–100).';
COMMENT ON COLUMN stg_garmin_wellness.resting_hr_7d_avg IS 'Resting heart rate, 7-day average, bpm.';
COMMENT ON COLUMN stg_garmin_wellness.hrv_baseline_low_ms IS 'Lower end of the balanced HRV baseline band, ms.';
COMMENT ON COLUMN stg_garmin_wellness.hrv_baseline_high_ms IS 'Upper end of the balanced HRV baseline band, ms.';
COMMENT ON COLUMN stg_garmin_wellness.sleep_start_utc IS 'Sleep start, UTC.';
COMMENT ON COLUMN stg_garmin_wellness.sleep_end_utc IS 'Sleep end, UTC.';
COMMENT ON COLUMN stg_garmin_wellness.training_readiness_level IS 'Garmin''s readiness level, lower case (low, moderate, high, prime).';
COMMENT ON COLUMN stg_garmin_wellness.steps IS 'Steps of the day.';
