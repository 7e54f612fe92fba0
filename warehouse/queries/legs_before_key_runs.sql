-- Lower-body lifts followed within 2 days by intervals, tempo or a long run (what the coach avoids).
SELECT l.local_date           AS lift_date,
       l.lower_body_reason,
       r.local_date           AS key_run_date,
       r.run_type,
       r.local_date - l.local_date AS days_between
FROM lift_sessions AS l
JOIN runs AS r
  ON r.athlete = l.athlete
 AND r.local_date > l.local_date
 AND r.local_date - l.local_date < 2
 AND (r.run_type IN ('intervals', 'tempo') OR r.is_long)
WHERE l.lower_body
ORDER BY l.local_date DESC;
