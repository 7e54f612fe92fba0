-- 009: which reader decoded each file, and warnings kept with whole files (issue 14).
COMMENT ON COLUMN fit_files.reader IS 'Decoder that read it: runlift (the fast reader), or fitparse / garmin_fit_sdk (the reference path, for files runlift''s reader leaves to them: damaged ones).';
COMMENT ON COLUMN fit_files.status_reason IS 'Why partial, duplicate or superseded; for a whole (loaded) file, a warning kept with it (a CRC mismatch).';
