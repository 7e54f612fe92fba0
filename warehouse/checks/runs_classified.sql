-- runs_classified: every run has an intensity, a reason, a run type and a local date.
SELECT athlete, activity_id, intensity, intensity_reason, run_type, local_date
FROM runs
WHERE intensity NOT IN ('easy', 'hard') OR intensity IS NULL
   OR intensity_reason IS NULL OR intensity_reason = ''
   OR run_type NOT IN ('easy', 'recovery', 'long', 'tempo', 'intervals') OR run_type IS NULL
   OR local_date IS NULL;
