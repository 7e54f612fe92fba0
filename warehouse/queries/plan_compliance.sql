-- How each planned week went: sessions done as planned, done differently, missed, and the
-- activities nobody planned (plan_compliance, rebuilt by plan next / review / accept).
WITH weeks AS (
    SELECT athlete,
           week_start,
           any_value(plan_version) AS plan_version,
           count(*) FILTER (WHERE status = 'done') AS done,
           count(*) FILTER (WHERE status = 'changed') AS changed,
           count(*) FILTER (WHERE status = 'missed') AS missed,
           count(*) FILTER (WHERE status = 'upcoming') AS upcoming,
           count(*) FILTER (WHERE status = 'unplanned') AS unplanned,
           round(sum(planned_km), 1) AS planned_km,
           round(sum(actual_km) FILTER (WHERE actual_kind = 'run'), 1) AS run_km
    FROM plan_compliance
    GROUP BY athlete, week_start
),
deviations AS (
    SELECT athlete, week_start, list(DISTINCT deviation ORDER BY deviation) AS deviations
    FROM (SELECT athlete, week_start, unnest(deviations) AS deviation FROM plan_compliance)
    GROUP BY athlete, week_start
)
SELECT weeks.*, deviations.deviations
FROM weeks
LEFT JOIN deviations USING (athlete, week_start)
ORDER BY athlete, week_start DESC;
