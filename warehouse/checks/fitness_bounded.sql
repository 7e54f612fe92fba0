-- fitness_bounded: CTL and ATL stay within [0, the highest daily load so far].
SELECT f.athlete, f.date, f.ctl, f.atl, m.max_load
FROM fitness f
JOIN (SELECT athlete, max(load) AS max_load FROM fitness GROUP BY athlete) m USING (athlete)
WHERE f.ctl < -1e-9 OR f.atl < -1e-9 OR f.ctl > m.max_load + 1e-9 OR f.atl > m.max_load + 1e-9;
