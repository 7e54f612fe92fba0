-- 001: the file ledger. Every original the warehouse has seen, and every file it refused.

CREATE TABLE fit_files (
    athlete          VARCHAR   NOT NULL,
    sha256           VARCHAR   NOT NULL,
    source           VARCHAR   NOT NULL,
    original_path    VARCHAR,
    raw_path         VARCHAR   NOT NULL,
    size_bytes       BIGINT    NOT NULL,
    device_serial    BIGINT,
    manufacturer     VARCHAR,
    product_name     VARCHAR,
    time_created_utc TIMESTAMP,
    file_type        VARCHAR,
    identity_key     VARCHAR,
    status           VARCHAR   NOT NULL,
    status_reason    VARCHAR,
    duplicate_of     VARCHAR,
    reader           VARCHAR,
    n_messages       INTEGER,
    n_records        INTEGER,
    imported_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (athlete, sha256)
);
COMMENT ON TABLE fit_files IS 'One row per original FIT file imported, per athlete (content-addressed).';
COMMENT ON COLUMN fit_files.athlete IS 'Athlete the file belongs to.';
COMMENT ON COLUMN fit_files.sha256 IS 'SHA-256 of the file bytes: the key; re-importing the same bytes is a no-op.';
COMMENT ON COLUMN fit_files.source IS 'Where it came from: usb_watch, fit_folder, zip, garmin_connect.';
COMMENT ON COLUMN fit_files.original_path IS 'Path (or zip!member) it was imported from.';
COMMENT ON COLUMN fit_files.raw_path IS 'Copy in the raw store, relative to the warehouse directory.';
COMMENT ON COLUMN fit_files.size_bytes IS 'File size in bytes.';
COMMENT ON COLUMN fit_files.device_serial IS 'Serial number of the recording device (file_id).';
COMMENT ON COLUMN fit_files.manufacturer IS 'Device manufacturer (file_id).';
COMMENT ON COLUMN fit_files.product_name IS 'Device product, e.g. fr965 (file_id).';
COMMENT ON COLUMN fit_files.time_created_utc IS 'When the device created the file (file_id), UTC.';
COMMENT ON COLUMN fit_files.file_type IS 'FIT file type: activity, monitoring_b, workout, …';
COMMENT ON COLUMN fit_files.identity_key IS 'serial/time_created/type: the same recording arriving as different bytes shares it.';
COMMENT ON COLUMN fit_files.status IS 'loaded (whole), partial (kept what decoded before a break), duplicate (same identity as duplicate_of; not loaded again), superseded (replaced by a more complete copy).';
COMMENT ON COLUMN fit_files.status_reason IS 'Why partial, duplicate or superseded.';
COMMENT ON COLUMN fit_files.duplicate_of IS 'sha256 of the file holding this recording''s data.';
COMMENT ON COLUMN fit_files.reader IS 'Decoder that read it: fitparse, or garmin_fit_sdk when fitparse could not.';
COMMENT ON COLUMN fit_files.n_messages IS 'Data messages decoded.';
COMMENT ON COLUMN fit_files.n_records IS 'Record (sample) messages decoded.';
COMMENT ON COLUMN fit_files.imported_at IS 'When it was imported (UTC).';

CREATE TABLE quarantine (
    athlete        VARCHAR   NOT NULL,
    sha256         VARCHAR   NOT NULL,
    source         VARCHAR   NOT NULL,
    path           VARCHAR,
    raw_path       VARCHAR,
    error_class    VARCHAR   NOT NULL,
    message        VARCHAR   NOT NULL,
    byte_offset    BIGINT,
    decoder_version VARCHAR  NOT NULL,
    quarantined_at TIMESTAMP NOT NULL,
    PRIMARY KEY (athlete, sha256)
);
COMMENT ON TABLE quarantine IS 'Files that could not be loaded, with the reason; their bytes are kept in the raw store.';
COMMENT ON COLUMN quarantine.athlete IS 'Athlete the file was imported for.';
COMMENT ON COLUMN quarantine.sha256 IS 'SHA-256 of the file bytes.';
COMMENT ON COLUMN quarantine.source IS 'Where it came from.';
COMMENT ON COLUMN quarantine.path IS 'Path (or zip!member) it was imported from.';
COMMENT ON COLUMN quarantine.raw_path IS 'Copy in the raw store, relative to the warehouse directory.';
COMMENT ON COLUMN quarantine.error_class IS 'DecodeError, or another error class.';
COMMENT ON COLUMN quarantine.message IS 'What was wrong, for a person.';
COMMENT ON COLUMN quarantine.byte_offset IS 'Where decoding stopped, when known.';
COMMENT ON COLUMN quarantine.decoder_version IS 'Decoder version that refused it; a newer decoder retries it.';
COMMENT ON COLUMN quarantine.quarantined_at IS 'When (UTC).';

CREATE TABLE athletes (
    athlete    VARCHAR PRIMARY KEY,
    timezone   VARCHAR,
    updated_at TIMESTAMP
);
COMMENT ON TABLE athletes IS 'Athletes in this warehouse and the time zone their days and weeks are cut in.';
COMMENT ON COLUMN athletes.athlete IS 'Athlete name (the `athlete` column everywhere).';
COMMENT ON COLUMN athletes.timezone IS 'IANA time zone from the config, used when a file carries no local time.';
COMMENT ON COLUMN athletes.updated_at IS 'When the row was last written (UTC).';
