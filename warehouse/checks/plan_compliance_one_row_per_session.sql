-- plan_compliance_one_row_per_session: each planned session has one row per week, and each recorded activity is used at most once (matched or unplanned).
SELECT athlete, week_start, 'session ' || session_index AS what, count(*) AS n
FROM plan_compliance
WHERE session_index IS NOT NULL
GROUP BY athlete, week_start, session_index
HAVING count(*) > 1
UNION ALL
SELECT athlete, week_start, 'activity ' || activity_id AS what, count(*) AS n
FROM plan_compliance
WHERE activity_id IS NOT NULL
GROUP BY athlete, week_start, activity_id
HAVING count(*) > 1;
