-- wellness_daily: one row per athlete per local date from the first to the last date with any wellness value.
CREATE TABLE wellness_daily (
    athlete                VARCHAR,
    date                   DATE,
    resting_hr             DOUBLE,
    resting_hr_source      VARCHAR,
    hrv_ms                 DOUBLE,
    hrv_weekly_avg_ms      DOUBLE,
    hrv_status             VARCHAR,
    hrv_source             VARCHAR,
    sleep_s                DOUBLE,
    deep_sleep_s           DOUBLE,
    light_sleep_s          DOUBLE,
    rem_sleep_s            DOUBLE,
    awake_s                DOUBLE,
    sleep_score            DOUBLE,
    sleep_source           VARCHAR,
    body_battery_high      DOUBLE,
    body_battery_low       DOUBLE,
    training_readiness     DOUBLE,
    stress_avg             DOUBLE,
    resting_hr_7d          DOUBLE,
    resting_hr_7d_n        INTEGER,
    resting_hr_baseline_mean DOUBLE,
    resting_hr_baseline_sd DOUBLE,
    resting_hr_baseline_n  INTEGER,
    hrv_7d                 DOUBLE,
    hrv_7d_n               INTEGER,
    hrv_baseline_mean      DOUBLE,
    hrv_baseline_sd        DOUBLE,
    hrv_baseline_n         INTEGER,
    sleep_7d               DOUBLE,
    sleep_7d_n             INTEGER,
    sleep_baseline_mean    DOUBLE,
    sleep_baseline_sd      DOUBLE,
    sleep_baseline_n       INTEGER
);
COMMENT ON TABLE wellness_daily IS 'Resting HR, overnight HRV and sleep per local day, with 7-day values and 60-day baselines (Garmin Connect over FIT).';
COMMENT ON COLUMN wellness_daily.athlete IS 'Athlete.';
COMMENT ON COLUMN wellness_daily.date IS 'Local date (sleep and HRV: the morning the night ended).';
COMMENT ON COLUMN wellness_daily.resting_hr IS 'Resting heart rate, bpm.';
COMMENT ON COLUMN wellness_daily.resting_hr_source IS 'garmin_connect or fit (monitoring files).';
COMMENT ON COLUMN wellness_daily.hrv_ms IS 'Overnight HRV: average RMSSD of the night, ms.';
COMMENT ON COLUMN wellness_daily.hrv_weekly_avg_ms IS 'The watch''s / Garmin''s 7-night average RMSSD, ms.';
COMMENT ON COLUMN wellness_daily.hrv_status IS 'Garmin HRV status (balanced, unbalanced, low, poor).';
COMMENT ON COLUMN wellness_daily.hrv_source IS 'garmin_connect or fit (HRV-status files).';
COMMENT ON COLUMN wellness_daily.sleep_s IS 'Time asleep (light + deep + REM), seconds.';
COMMENT ON COLUMN wellness_daily.deep_sleep_s IS 'Deep sleep, seconds.';
COMMENT ON COLUMN wellness_daily.light_sleep_s IS 'Light sleep, seconds.';
COMMENT ON COLUMN wellness_daily.rem_sleep_s IS 'REM sleep, seconds.';
COMMENT ON COLUMN wellness_daily.awake_s IS 'Awake within the sleep window, seconds.';
COMMENT ON COLUMN wellness_daily.sleep_score IS 'Sleep score, 0–100.';
COMMENT ON COLUMN wellness_daily.sleep_source IS 'garmin_connect or fit (sleep files).';
COMMENT ON COLUMN wellness_daily.body_battery_high IS 'Highest Body Battery of the day (Garmin Connect only).';
COMMENT ON COLUMN wellness_daily.body_battery_low IS 'Lowest Body Battery of the day (Garmin Connect only).';
COMMENT ON COLUMN wellness_daily.training_readiness IS 'Morning training readiness, 0–100 (Garmin Connect only).';
COMMENT ON COLUMN wellness_daily.stress_avg IS 'Average stress of the day, 0–100 (Garmin Connect only).';
COMMENT ON COLUMN wellness_daily.resting_hr_7d IS 'Mean resting HR of the readings in the 7 days ending this date, bpm.';
COMMENT ON COLUMN wellness_daily.resting_hr_7d_n IS 'Resting HR readings in those 7 days.';
COMMENT ON COLUMN wellness_daily.resting_hr_baseline_mean IS 'Mean resting HR of the readings in the 60 days ending this date (baseline), bpm.';
COMMENT ON COLUMN wellness_daily.resting_hr_baseline_sd IS 'Sample SD of those readings (NULL with fewer than 2), bpm.';
COMMENT ON COLUMN wellness_daily.resting_hr_baseline_n IS 'Resting HR readings in those 60 days.';
COMMENT ON COLUMN wellness_daily.hrv_7d IS 'Mean overnight HRV of the readings in the 7 days ending this date, ms.';
COMMENT ON COLUMN wellness_daily.hrv_7d_n IS 'HRV readings in those 7 days.';
COMMENT ON COLUMN wellness_daily.hrv_baseline_mean IS 'Mean overnight HRV of the readings in the 60 days ending this date, ms.';
COMMENT ON COLUMN wellness_daily.hrv_baseline_sd IS 'Sample SD of those readings (NULL with fewer than 2), ms.';
COMMENT ON COLUMN wellness_daily.hrv_baseline_n IS 'HRV readings in those 60 days.';
COMMENT ON COLUMN wellness_daily.sleep_7d IS 'Mean sleep of the nights in the 7 days ending this date, seconds.';
COMMENT ON COLUMN wellness_daily.sleep_7d_n IS 'Nights with sleep data in those 7 days.';
COMMENT ON COLUMN wellness_daily.sleep_baseline_mean IS 'Mean sleep of the nights in the 60 days ending this date, seconds.';
COMMENT ON COLUMN wellness_daily.sleep_baseline_sd IS 'Sample SD of those nights (NULL with fewer than 2), seconds.';
COMMENT ON COLUMN wellness_daily.sleep_baseline_n IS 'Nights with sleep data in those 60 days.';
