-- lift_sessions_key_unique: one row per lifting session, and each is a lift in activity_load.
SELECT s.athlete, s.activity_id, count(*) AS n
FROM lift_sessions s
GROUP BY s.athlete, s.activity_id
HAVING s.activity_id IS NULL OR count(*) > 1
    OR NOT EXISTS (
        SELECT 1 FROM activity_load l
        WHERE l.athlete = s.athlete AND l.activity_id = s.activity_id AND l.kind = 'lift'
    );
