-- runs_key_unique: runs.activity_id is not null and appears once per athlete.
SELECT athlete, activity_id, count(*) AS n
FROM runs
GROUP BY athlete, activity_id
HAVING activity_id IS NULL OR count(*) > 1;
