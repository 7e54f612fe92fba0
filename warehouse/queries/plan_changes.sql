-- What the coach changed in each planned week, and why (the version the athlete follows:
-- the accepted one when the week was accepted, else the proposal).
SELECT p.week_start,
       p.phase,
       p.template_km,
       coalesce(a.planned_km, p.planned_km) AS planned_km,
       c.version,
       c.rule,
       c.message
FROM plans AS p
LEFT JOIN accepted_plans AS a USING (athlete, week_start)
JOIN plan_changes AS c USING (athlete, week_start)
WHERE c.version = CASE WHEN a.week_start IS NULL THEN 'adjusted' ELSE 'accepted' END
ORDER BY p.week_start DESC, c.change_index;
