-- Best estimated 1RM (Epley, sets of <= 10 reps) per exercise and month.
SELECT exercise_name,
       date_trunc('month', local_date)::DATE AS month,
       round(max(e1rm_kg), 1)                AS best_e1rm_kg,
       count(*)                              AS working_sets
FROM lift_sets
WHERE is_working AND e1rm_kg IS NOT NULL
GROUP BY ALL
ORDER BY exercise_name, month;
