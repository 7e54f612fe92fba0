-- weekly_summary_key_unique: one row per athlete per week; week_start is a Monday.
SELECT athlete, week_start, count(*) AS n
FROM weekly_summary
GROUP BY athlete, week_start
HAVING week_start IS NULL OR count(*) > 1 OR isodow(week_start) <> 1;
