-- weekly_km_matches_runs: a week's run_km equals the sum of its runs' distances (and its run count).
WITH from_runs AS (
    SELECT athlete, week_start, sum(coalesce(distance_m, 0)) / 1000.0 AS km, count(*) AS n
    FROM runs GROUP BY athlete, week_start
)
SELECT w.athlete, w.week_start, w.run_km, coalesce(r.km, 0) AS runs_km, w.n_runs, coalesce(r.n, 0) AS runs_n
FROM weekly_summary w
FULL JOIN from_runs r USING (athlete, week_start)
WHERE w.week_start IS NULL
   OR abs(coalesce(w.run_km, 0) - coalesce(r.km, 0)) > 1e-6
   OR coalesce(w.n_runs, 0) <> coalesce(r.n, 0);
