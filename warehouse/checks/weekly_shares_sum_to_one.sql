-- weekly_shares_sum_to_one: easy and hard shares add up to 100 % in every week with running, and are NULL without.
SELECT athlete, week_start, run_s, easy_share, hard_share
FROM weekly_summary
WHERE (run_s > 0 AND (easy_share IS NULL OR hard_share IS NULL
                      OR abs(easy_share + hard_share - 1.0) > 1e-9
                      OR easy_share < 0 OR hard_share < 0))
   OR (coalesce(run_s, 0) = 0 AND (easy_share IS NOT NULL OR hard_share IS NOT NULL));
