-- lift_sets_key_unique: one row per set, belonging to a lifting session.
SELECT s.athlete, s.activity_id, s.set_index, count(*) AS n
FROM lift_sets s
GROUP BY s.athlete, s.activity_id, s.set_index
HAVING s.activity_id IS NULL OR s.set_index IS NULL OR count(*) > 1
    OR NOT EXISTS (
        SELECT 1 FROM lift_sessions l WHERE l.athlete = s.athlete AND l.activity_id = s.activity_id
    );
