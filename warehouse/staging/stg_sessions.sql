-- stg_sessions: one row per session message of a loaded file, plus one row derived from the
-- records for a partial file whose session message never arrived (the watch died mid-run).
CREATE OR REPLACE VIEW stg_sessions AS
WITH from_messages AS (
    SELECT
        s.athlete,
        s.file_sha256,
        CAST(row_number() OVER (PARTITION BY s.athlete, s.file_sha256 ORDER BY s.msg_index) - 1 AS INTEGER)
            AS session_index,
        s.sport,
        s.sub_sport,
        s.start_time_utc,
        s.total_elapsed_s AS elapsed_s,
        s.total_timer_s AS timer_s,
        s.total_distance_m AS distance_m,
        s.avg_hr,
        s.max_hr,
        s.total_calories_kcal AS calories,
        s.total_ascent_m AS ascent_m,
        s.avg_speed_mps,
        'session' AS summary_from
    FROM raw_session s
    JOIN stg_files f USING (athlete, file_sha256)
),
record_gaps AS (
    SELECT
        r.athlete,
        r.file_sha256,
        r.timestamp_utc,
        r.distance_m,
        r.heart_rate,
        r.altitude_m,
        r.timestamp_utc - lag(r.timestamp_utc) OVER (PARTITION BY r.athlete, r.file_sha256 ORDER BY r.msg_index)
            AS gap
    FROM raw_record r
    JOIN stg_files f USING (athlete, file_sha256)
    WHERE f.status = 'partial'
      AND NOT EXISTS (
          SELECT 1 FROM raw_session s WHERE s.athlete = r.athlete AND s.file_sha256 = r.file_sha256
      )
),
from_records AS (
    SELECT
        g.athlete,
        g.file_sha256,
        0 AS session_index,
        coalesce(
            (SELECT arg_min(l.sport, l.msg_index) FROM raw_lap l
             WHERE l.athlete = g.athlete AND l.file_sha256 = g.file_sha256),
            (SELECT arg_min(p.sport, p.msg_index) FROM raw_sport p
             WHERE p.athlete = g.athlete AND p.file_sha256 = g.file_sha256)
        ) AS sport,
        coalesce(
            (SELECT arg_min(l.sub_sport, l.msg_index) FROM raw_lap l
             WHERE l.athlete = g.athlete AND l.file_sha256 = g.file_sha256),
            (SELECT arg_min(p.sub_sport, p.msg_index) FROM raw_sport p
             WHERE p.athlete = g.athlete AND p.file_sha256 = g.file_sha256)
        ) AS sub_sport,
        min(g.timestamp_utc) AS start_time_utc,
        epoch(max(g.timestamp_utc) - min(g.timestamp_utc)) AS elapsed_s,
        -- timer time: gaps of up to 60 s count as moving, longer ones as the watch paused
        coalesce(sum(CASE WHEN epoch(g.gap) <= 60 THEN epoch(g.gap) END), 0) AS timer_s,
        max(g.distance_m) AS distance_m,
        CAST(round(avg(g.heart_rate)) AS INTEGER) AS avg_hr,
        max(g.heart_rate) AS max_hr,
        CAST(NULL AS DOUBLE) AS calories,
        CAST(NULL AS DOUBLE) AS ascent_m,
        CAST(NULL AS DOUBLE) AS avg_speed_mps,
        'records' AS summary_from
    FROM record_gaps g
    WHERE g.timestamp_utc IS NOT NULL
    GROUP BY g.athlete, g.file_sha256
)
SELECT * FROM from_messages
UNION ALL BY NAME
SELECT * FROM from_records;
COMMENT ON VIEW stg_sessions IS 'Sessions as recorded, or derived from records for a truncated file.';
COMMENT ON COLUMN stg_sessions.athlete IS 'Athlete.';
COMMENT ON COLUMN stg_sessions.file_sha256 IS 'File the session is in.';
COMMENT ON COLUMN stg_sessions.session_index IS '0-based position of the session in its file (multisport files have several).';
COMMENT ON COLUMN stg_sessions.sport IS 'FIT sport (running, training, cycling, …).';
COMMENT ON COLUMN stg_sessions.sub_sport IS 'FIT sub-sport (strength_training, trail, treadmill, …).';
COMMENT ON COLUMN stg_sessions.start_time_utc IS 'Start, UTC.';
COMMENT ON COLUMN stg_sessions.elapsed_s IS 'Wall-clock duration, seconds.';
COMMENT ON COLUMN stg_sessions.timer_s IS 'Timer (moving/recording) duration, seconds.';
COMMENT ON COLUMN stg_sessions.distance_m IS 'Distance, metres.';
COMMENT ON COLUMN stg_sessions.avg_hr IS 'Average heart rate, bpm.';
COMMENT ON COLUMN stg_sessions.max_hr IS 'Maximum heart rate, bpm.';
COMMENT ON COLUMN stg_sessions.calories IS 'Energy, kcal.';
COMMENT ON COLUMN stg_sessions.ascent_m IS 'Total ascent, metres.';
COMMENT ON COLUMN stg_sessions.avg_speed_mps IS 'Average speed, m/s.';
COMMENT ON COLUMN stg_sessions.summary_from IS 'session (the watch''s own summary) or records (derived: the file was cut off).';
