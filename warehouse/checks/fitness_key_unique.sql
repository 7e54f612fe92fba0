-- fitness_key_unique: one row per athlete per daily_load date.
SELECT f.athlete, f.date, count(*) AS n
FROM fitness f
GROUP BY f.athlete, f.date
HAVING f.date IS NULL OR count(*) > 1
    OR NOT EXISTS (SELECT 1 FROM daily_load d WHERE d.athlete = f.athlete AND d.date = f.date);
