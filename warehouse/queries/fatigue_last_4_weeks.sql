-- Fitness, fatigue and form with the wellness signals the coach counts as flags.
SELECT f.date,
       round(f.ctl, 1)          AS ctl,
       round(f.atl, 1)          AS atl,
       round(f.tsb, 1)          AS tsb,
       round(f.acwr, 2)         AS acwr,
       round(f.monotony_7d, 2)  AS monotony,
       round(w.hrv_7d, 1)       AS hrv_7d_ms,
       round(w.hrv_baseline_mean - 0.5 * w.hrv_baseline_sd, 1) AS hrv_flag_below_ms,
       round(w.resting_hr_7d, 1) AS resting_hr_7d,
       round(w.sleep_7d / 3600, 1) AS sleep_7d_h
FROM fitness AS f
LEFT JOIN wellness_daily AS w USING (athlete, date)
WHERE f.date >= current_date - INTERVAL 28 DAY
ORDER BY f.date DESC;
