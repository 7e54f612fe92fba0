-- stg_garmin_activity_files: one row per Garmin Connect activity whose original holds usable FIT
-- data: the file downloaded, and the file whose messages are in the raw tables. They differ when
-- the same recording had already arrived another way (e.g. from the watch over USB: the download
-- is then a duplicate of that file), or arrived later complete (a partial download superseded).
CREATE OR REPLACE VIEW stg_garmin_activity_files AS
WITH RECURSIVE resolved(athlete, activity_id, downloaded_sha256, sha256, status, file_type, hops) AS (
    SELECT l.athlete, l.activity_id, l.file_sha256, f.sha256, f.status, f.file_type, 0
    FROM garmin_activity_files l
    JOIN fit_files f ON f.athlete = l.athlete AND f.sha256 = l.file_sha256
    UNION ALL
    SELECT r.athlete, r.activity_id, r.downloaded_sha256, f.sha256, f.status, f.file_type, r.hops + 1
    FROM resolved r
    JOIN fit_files prev ON prev.athlete = r.athlete AND prev.sha256 = r.sha256
    JOIN fit_files f ON f.athlete = prev.athlete AND f.sha256 = prev.duplicate_of
    WHERE r.status IN ('duplicate', 'superseded') AND r.hops < 8
)
SELECT
    athlete,
    activity_id,
    sha256 AS file_sha256,
    downloaded_sha256,
    hops > 0 AS loaded_from_other_copy,
    file_type
FROM resolved
WHERE status IN ('loaded', 'partial')
QUALIFY row_number() OVER (
    PARTITION BY athlete, activity_id
    ORDER BY (file_type = 'activity') DESC NULLS LAST, downloaded_sha256
) = 1;
COMMENT ON VIEW stg_garmin_activity_files IS 'One row per Garmin Connect activity with FIT data loaded: which file holds it.';
COMMENT ON COLUMN stg_garmin_activity_files.athlete IS 'Athlete.';
COMMENT ON COLUMN stg_garmin_activity_files.activity_id IS 'Garmin Connect activity id.';
COMMENT ON COLUMN stg_garmin_activity_files.file_sha256 IS 'The file whose messages are in the raw tables for this activity (join key to activities, raw_set, …).';
COMMENT ON COLUMN stg_garmin_activity_files.downloaded_sha256 IS 'The FIT file downloaded from Garmin Connect (its bytes are in the raw store either way).';
COMMENT ON COLUMN stg_garmin_activity_files.loaded_from_other_copy IS 'True when the data is loaded from another copy of the same recording (USB import, a more complete copy).';
COMMENT ON COLUMN stg_garmin_activity_files.file_type IS 'FIT file type of that file (activity).';
