-- stg_laps: one row per lap message of a loaded file, in file order (laps of every session).
CREATE OR REPLACE VIEW stg_laps AS
SELECT
    l.athlete,
    l.file_sha256,
    CAST(row_number() OVER (PARTITION BY l.athlete, l.file_sha256 ORDER BY l.msg_index) - 1 AS INTEGER)
        AS lap_index,
    l.start_time_utc,
    l.timestamp_utc AS end_time_utc,
    l.total_elapsed_s AS elapsed_s,
    l.total_timer_s AS timer_s,
    l.total_distance_m AS distance_m,
    l.avg_speed_mps,
    l.max_speed_mps,
    l.avg_hr,
    l.max_hr,
    l.intensity,
    l.lap_trigger,
    l.wkt_step_index,
    l.sport,
    l.sub_sport
FROM raw_lap l
JOIN stg_files f USING (athlete, file_sha256);
COMMENT ON VIEW stg_laps IS 'Laps of loaded files; intensity (active/rest/warmup/cooldown/…) marks workout steps.';
COMMENT ON COLUMN stg_laps.athlete IS 'Athlete.';
COMMENT ON COLUMN stg_laps.file_sha256 IS 'File the lap is in.';
COMMENT ON COLUMN stg_laps.lap_index IS '0-based position of the lap in its file.';
COMMENT ON COLUMN stg_laps.start_time_utc IS 'Lap start, UTC.';
COMMENT ON COLUMN stg_laps.end_time_utc IS 'Lap end (the lap message timestamp), UTC.';
COMMENT ON COLUMN stg_laps.elapsed_s IS 'Wall-clock duration, seconds.';
COMMENT ON COLUMN stg_laps.timer_s IS 'Timer duration, seconds.';
COMMENT ON COLUMN stg_laps.distance_m IS 'Distance, metres.';
COMMENT ON COLUMN stg_laps.avg_speed_mps IS 'Average speed, m/s.';
COMMENT ON COLUMN stg_laps.max_speed_mps IS 'Maximum speed, m/s.';
COMMENT ON COLUMN stg_laps.avg_hr IS 'Average heart rate, bpm.';
COMMENT ON COLUMN stg_laps.max_hr IS 'Maximum heart rate, bpm.';
COMMENT ON COLUMN stg_laps.intensity IS 'FIT lap intensity: active, rest, warmup, cooldown, recovery, interval (NULL on many watches).';
COMMENT ON COLUMN stg_laps.lap_trigger IS 'What closed the lap: manual, time, distance, position, session_end, …';
COMMENT ON COLUMN stg_laps.wkt_step_index IS 'Workout step the lap belongs to (structured workouts).';
COMMENT ON COLUMN stg_laps.sport IS 'FIT sport of the lap.';
COMMENT ON COLUMN stg_laps.sub_sport IS 'FIT sub-sport of the lap.';
