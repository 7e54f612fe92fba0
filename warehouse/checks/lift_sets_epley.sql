-- lift_sets_epley: e1RM only for 1–10 reps with a weight, and equal to Epley's formula.
SELECT athlete, activity_id, set_index, reps, weight_kg, e1rm_kg
FROM lift_sets
WHERE (e1rm_kg IS NOT NULL AND (reps NOT BETWEEN 1 AND 10 OR coalesce(weight_kg, 0) <= 0))
   OR (e1rm_kg IS NOT NULL AND reps = 1 AND abs(e1rm_kg - weight_kg) > 1e-9)
   OR (e1rm_kg IS NOT NULL AND reps > 1 AND abs(e1rm_kg - weight_kg * (1 + reps / 30.0)) > 1e-9)
   OR (e1rm_kg IS NULL AND reps BETWEEN 1 AND 10 AND weight_kg > 0);
