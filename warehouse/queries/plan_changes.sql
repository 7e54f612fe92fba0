-- What the coach changed in each planned week, and why.
SELECT p.week_start,
       p.phase,
       p.template_km,
       p.planned_km,
       c.rule,
       c.message
FROM plans AS p
JOIN plan_changes AS c USING (athlete, week_start)
ORDER BY p.week_start DESC, c.change_index;
