-- Every hard run of the last 6 weeks and the reason the model gives.
SELECT local_date,
       run_type,
       round(distance_m / 1000, 1) AS km,
       round(above_vt1_s / 60)     AS min_above_vt1,
       intensity_reason
FROM runs
WHERE intensity = 'hard'
  AND local_date >= current_date - INTERVAL 42 DAY
ORDER BY local_date DESC;
