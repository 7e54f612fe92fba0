-- athlete_profile_consistent: one row per athlete, hr_rest < VT1 < hr_threshold < hr_max, known sources.
SELECT athlete, hr_rest, vt1_hr, hr_threshold, hr_max
FROM athlete_profile
WHERE NOT (hr_rest < vt1_hr AND vt1_hr < hr_threshold AND hr_threshold < hr_max)
   OR hr_max_source NOT IN ('plan', 'config', 'estimated', 'default')
   OR hr_rest_source NOT IN ('plan', 'config', 'estimated', 'default')
   OR hr_threshold_source NOT IN ('plan', 'config', 'estimated', 'default')
   OR sex NOT IN ('female', 'male')
   OR athlete IN (SELECT athlete FROM athlete_profile GROUP BY athlete HAVING count(*) > 1);
