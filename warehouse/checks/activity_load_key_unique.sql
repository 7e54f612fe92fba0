-- activity_load_key_unique: one row per activity, with a known kind and a load.
SELECT athlete, activity_id, count(*) AS n, any_value(kind) AS kind, any_value(load) AS load
FROM activity_load
GROUP BY athlete, activity_id
HAVING activity_id IS NULL OR count(*) > 1
    OR any_value(kind) NOT IN ('run', 'lift', 'cross_training') OR any_value(load) IS NULL
    OR any_value(load) < 0;
