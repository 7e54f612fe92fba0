-- Weekly running km, the easy/hard split by time and the ramp, last 12 weeks.
SELECT week_start,
       round(run_km, 1)               AS run_km,
       n_runs,
       n_hard_runs,
       round(100 * hard_share, 0)     AS hard_pct,
       round(100 * km_change_pct, 0)  AS km_change_pct,
       n_lift_sessions,
       n_lower_body_sessions
FROM weekly_summary
ORDER BY week_start DESC
LIMIT 12;
