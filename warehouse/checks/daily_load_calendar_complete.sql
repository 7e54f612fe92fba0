-- daily_load_calendar_complete: one row per athlete per date, no gaps, no negative loads.
WITH spans AS (
    SELECT athlete, min(date) AS first_day, max(date) AS last_day, count(*) AS n,
           count(DISTINCT date) AS n_dates, min(total_load) AS min_load
    FROM daily_load GROUP BY athlete
)
SELECT *
FROM spans
WHERE n <> n_dates OR n <> date_diff('day', first_day, last_day) + 1 OR min_load < 0;
