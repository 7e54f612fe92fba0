-- 006: what a Garmin Connect pull must remember from one night to the next, beyond the data:
-- when the watch had synced (which decides when a day's wellness is final), originals whose
-- download failed (tried again for a bounded time), a backfill's range, what is left of it and
-- its pace (kept until done), and which kind of work had its turn last (so none starves).

ALTER TABLE raw_garmin_json ADD COLUMN device_synced_at TIMESTAMP;
COMMENT ON COLUMN raw_garmin_json.device_synced_at IS 'Wellness: when the watch had last synced to Garmin Connect, as Garmin said when this was fetched (user summary lastSyncTimestampGMT, UTC). The answer is final once this is at least 3 hours after the day ended; NULL (Garmin did not say) keeps the day open for the lookback (21 days).';
COMMENT ON COLUMN raw_garmin_json.fetched_at IS 'When it was fetched (UTC).';
COMMENT ON COLUMN raw_garmin_activity.original IS 'What happened to the original download: imported, quarantined (see quarantine), none (entered by hand: no original), pending (the download failed; tried again each night, see garmin_pending_originals), missing (given up after a week of failures; see garmin_quarantine).';
COMMENT ON TABLE raw_garmin_activity IS 'One row per Garmin Connect activity pulled (its summary from the activity list), written with its exercise sets and, when the download worked, the link to its original file. Its original may still be pending (see original).';

CREATE TABLE garmin_pending_originals (
    athlete          VARCHAR   NOT NULL,
    activity_id      BIGINT    NOT NULL,
    first_failed_at  TIMESTAMP NOT NULL,
    last_tried_at    TIMESTAMP NOT NULL,
    attempts         INTEGER   NOT NULL,
    error_class      VARCHAR   NOT NULL,
    message          VARCHAR   NOT NULL,
    PRIMARY KEY (athlete, activity_id)
);
COMMENT ON TABLE garmin_pending_originals IS 'Activities whose original could not be downloaded (404, another 4xx, a page that is not a zip): tried again each night for 7 days after the first failure, then given up (original = missing). A row leaves when the download works.';
COMMENT ON COLUMN garmin_pending_originals.athlete IS 'Athlete.';
COMMENT ON COLUMN garmin_pending_originals.activity_id IS 'Garmin Connect activity id (raw_garmin_activity).';
COMMENT ON COLUMN garmin_pending_originals.first_failed_at IS 'First failed download (UTC); the retries end 7 days after it.';
COMMENT ON COLUMN garmin_pending_originals.last_tried_at IS 'Last try (UTC).';
COMMENT ON COLUMN garmin_pending_originals.attempts IS 'Downloads tried so far.';
COMMENT ON COLUMN garmin_pending_originals.error_class IS 'How the last try failed: ItemNotFound (404), ItemRefused (another 4xx), NotAZip (a page instead of the zip), EmptyDownload.';
COMMENT ON COLUMN garmin_pending_originals.message IS 'What Garmin answered, for a person.';

CREATE TABLE garmin_backfills (
    athlete          VARCHAR   NOT NULL,
    started_at       TIMESTAMP NOT NULL,
    since            DATE      NOT NULL,
    through_date     DATE      NOT NULL,
    activities_next  DATE,
    wellness_next    DATE,
    spacing_s        DOUBLE    NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    finished_at      TIMESTAMP,
    PRIMARY KEY (athlete, started_at)
);
COMMENT ON TABLE garmin_backfills IS 'Backfills asked for with runlift sync --garmin --since: their range, what is left and their pace, kept until done so that later syncs (nightly ones included) finish them at that pace, whatever stopped them. At most one unfinished per athlete; a new --since widens it.';
COMMENT ON COLUMN garmin_backfills.athlete IS 'Athlete.';
COMMENT ON COLUMN garmin_backfills.started_at IS 'When the backfill was asked for (UTC).';
COMMENT ON COLUMN garmin_backfills.since IS 'First athlete-local date of the range (--since).';
COMMENT ON COLUMN garmin_backfills.through_date IS 'Last date of the range (the day it was asked for).';
COMMENT ON COLUMN garmin_backfills.activities_next IS 'First date whose activities are not listed yet; NULL when all are.';
COMMENT ON COLUMN garmin_backfills.wellness_next IS 'First day whose wellness is not fetched yet; NULL when all is.';
COMMENT ON COLUMN garmin_backfills.spacing_s IS 'Seconds between two requests of the backfill (its pace).';
COMMENT ON COLUMN garmin_backfills.updated_at IS 'Last progress (UTC).';
COMMENT ON COLUMN garmin_backfills.finished_at IS 'When the last of it was done (UTC); NULL while some is left.';

CREATE TABLE garmin_pull_turns (
    athlete    VARCHAR NOT NULL,
    unit       VARCHAR NOT NULL,
    last_turn  BIGINT  NOT NULL,
    PRIMARY KEY (athlete, unit)
);
COMMENT ON TABLE garmin_pull_turns IS 'When each kind of work of a Garmin Connect pull last had its turn, so the next pull starts with the one that waited longest and a kind that keeps failing never starves the others.';
COMMENT ON COLUMN garmin_pull_turns.athlete IS 'Athlete.';
COMMENT ON COLUMN garmin_pull_turns.unit IS 'activities, pending_originals, exercise_sets, wellness, backfill_activities or backfill_wellness.';
COMMENT ON COLUMN garmin_pull_turns.last_turn IS 'Sequence number of its last turn (larger is later).';

ALTER TABLE garmin_sync_runs ADD COLUMN outcome VARCHAR;
ALTER TABLE garmin_sync_runs ADD COLUMN originals_pending INTEGER;
COMMENT ON COLUMN garmin_sync_runs.outcome IS 'ok: ran to the end with nothing set aside and no original pending; partial: anything else (stopped, quarantined items, originals pending).';
COMMENT ON COLUMN garmin_sync_runs.originals_pending IS 'Activities whose original was still pending after the pull.';
COMMENT ON COLUMN garmin_sync_runs.stopped IS 'NULL when the pull ran to the end; else why it stopped: rate_limited (HTTP 429), blocked (HTTP 403), unavailable (5xx, network, or the token server down), login (the login must be renewed), privacy_protected (Garmin withholds the data).';
