-- stg_files: one row per file whose messages are in the raw tables (loaded or partial).
CREATE OR REPLACE VIEW stg_files AS
SELECT
    athlete,
    sha256 AS file_sha256,
    source,
    original_path,
    file_type,
    manufacturer,
    product_name,
    coalesce(product_name, manufacturer) AS device,
    device_serial,
    time_created_utc,
    status,
    status_reason,
    reader,
    imported_at
FROM fit_files
WHERE status IN ('loaded', 'partial');
COMMENT ON VIEW stg_files IS 'Files whose data is in the raw tables (not duplicates or superseded copies).';
COMMENT ON COLUMN stg_files.athlete IS 'Athlete the file belongs to.';
COMMENT ON COLUMN stg_files.file_sha256 IS 'SHA-256 of the original (fit_files.sha256).';
COMMENT ON COLUMN stg_files.source IS 'usb_watch, fit_folder, zip, garmin_connect or file.';
COMMENT ON COLUMN stg_files.original_path IS 'Where it was imported from.';
COMMENT ON COLUMN stg_files.file_type IS 'FIT file type (activity, monitoring_b, …).';
COMMENT ON COLUMN stg_files.manufacturer IS 'Device manufacturer.';
COMMENT ON COLUMN stg_files.product_name IS 'Device product (e.g. fr965).';
COMMENT ON COLUMN stg_files.device IS 'Product, or manufacturer when the product is unknown.';
COMMENT ON COLUMN stg_files.device_serial IS 'Device serial number.';
COMMENT ON COLUMN stg_files.time_created_utc IS 'When the device created the file, UTC.';
COMMENT ON COLUMN stg_files.status IS 'loaded or partial.';
COMMENT ON COLUMN stg_files.status_reason IS 'Why partial (where decoding stopped and why).';
COMMENT ON COLUMN stg_files.reader IS 'Decoder used: fitparse or garmin_fit_sdk.';
COMMENT ON COLUMN stg_files.imported_at IS 'When imported, UTC.';
