-- 006: file names that are not valid UTF-8 are kept exactly (issue 15).
-- original_path / path show such a name with \xNN escapes; the columns below hold its bytes.

ALTER TABLE fit_files ADD COLUMN original_path_bytes BLOB;
COMMENT ON COLUMN fit_files.original_path_bytes IS 'The exact bytes of the path when they are not valid UTF-8 (original_path then shows them as \xNN escapes); NULL otherwise.';

ALTER TABLE quarantine ADD COLUMN path_bytes BLOB;
COMMENT ON COLUMN quarantine.path_bytes IS 'The exact bytes of the path when they are not valid UTF-8 (path then shows them as \xNN escapes); NULL otherwise.';
