-- runs_match_activities: every running activity has exactly one row in runs, and nothing else does.
SELECT a.athlete, a.activity_id, 'running activity missing from runs' AS problem
FROM activities a
WHERE a.sport = 'running' AND a.start_time_utc IS NOT NULL
  AND a.athlete IN (SELECT athlete FROM athlete_profile)
  AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.athlete = a.athlete AND r.activity_id = a.activity_id)
UNION ALL
SELECT r.athlete, r.activity_id, 'run that is not a running activity'
FROM runs r
WHERE NOT EXISTS (
    SELECT 1 FROM activities a
    WHERE a.athlete = r.athlete AND a.activity_id = r.activity_id AND a.sport = 'running'
);
