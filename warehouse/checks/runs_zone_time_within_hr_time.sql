-- runs_zone_time_within_hr_time: the 3 zones and the 5 zones each add up to the run's HR time.
SELECT athlete, activity_id, hr_s,
       below_vt1_s + vt1_to_lthr_s + above_lthr_s AS three_zones_s,
       hr_zone1_s + hr_zone2_s + hr_zone3_s + hr_zone4_s + hr_zone5_s AS five_zones_s
FROM runs
WHERE hr_s > 0
  AND (abs(below_vt1_s + vt1_to_lthr_s + above_lthr_s - hr_s) > 0.001
       OR abs(hr_zone1_s + hr_zone2_s + hr_zone3_s + hr_zone4_s + hr_zone5_s - hr_s) > 0.001);
