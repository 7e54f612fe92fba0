-- weekly_hard_days_match_sessions: hard_days and training_days of weekly_summary recount the days of runs and lift_sessions (a hard run or a lower-body lift makes a day hard; rules/hard_days.py), and hard_days <= training_days <= 7.
WITH days AS (
    SELECT athlete, week_start, local_date, intensity = 'hard' AS hard FROM runs
    UNION ALL
    SELECT athlete, week_start, local_date, coalesce(lower_body, false) AS hard FROM lift_sessions
),
counted AS (
    SELECT athlete, week_start,
           count(DISTINCT local_date) AS training_days,
           count(DISTINCT local_date) FILTER (WHERE hard) AS hard_days
    FROM days
    GROUP BY athlete, week_start
)
SELECT w.athlete, w.week_start, w.training_days, w.hard_days,
       c.training_days AS counted_training_days, c.hard_days AS counted_hard_days
FROM weekly_summary w
LEFT JOIN counted c USING (athlete, week_start)
WHERE w.training_days <> coalesce(c.training_days, 0)
   OR w.hard_days <> coalesce(c.hard_days, 0)
   OR w.hard_days > w.training_days
   OR w.training_days > 7;
