-- daily_load_matches_activities: a day's total load equals the sum of its activities' loads.
WITH per_day AS (
    SELECT athlete, local_date AS date, sum(load) AS load FROM activity_load GROUP BY ALL
)
SELECT d.athlete, d.date, d.total_load, coalesce(p.load, 0) AS activity_load
FROM daily_load d
LEFT JOIN per_day p USING (athlete, date)
WHERE abs(d.total_load - coalesce(p.load, 0)) > 1e-6
UNION ALL
SELECT p.athlete, p.date, NULL, p.load
FROM per_day p
WHERE NOT EXISTS (SELECT 1 FROM daily_load d WHERE d.athlete = p.athlete AND d.date = p.date);
