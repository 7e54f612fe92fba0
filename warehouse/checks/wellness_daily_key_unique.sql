-- wellness_daily_key_unique: one row per athlete per date.
SELECT athlete, date, count(*) AS n
FROM wellness_daily
GROUP BY athlete, date
HAVING date IS NULL OR count(*) > 1;
