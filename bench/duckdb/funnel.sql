-- The all-time cohort funnel of a bench company (bench/gen_company.py), as
-- `baton funnel DIR --config bench/company.toml --as-of {{as_of}} --format json` reports it
-- (SPEC 4.1): the cohort is everyone whose lead time is known and not after as-of; for each
-- stage, reached = cohort members who reached it by as-of (known, inferred or unknown time);
-- step_rate = reached(k) / reached(k-1); cumulative_rate = reached(k) / reached(lead);
-- median_days and p90_days (nearest rank: the value at 1-based rank ceil(p*n/100)) of
-- t(k) - t(k-1) in days over cohort members with both times known (SPEC 4.1), where a time
-- the infer policy filled in is not a known one, at either end. One row per stage.
{{include people.sql}}
CREATE MACRO nearest_rank(xs, pct) AS
  CASE WHEN len(xs) = 0 THEN NULL ELSE list_sort(xs)[CAST(ceil(pct * len(xs) / 100.0) AS BIGINT)] END;
CREATE MACRO days(a, b) AS (epoch(b) - epoch(a)) / 86400.0;
WITH cohort AS (
  SELECT * FROM person WHERE t_lead IS NOT NULL AND t_lead <= TIMESTAMP '{{as_of}}'
), s AS (
  SELECT 1 AS k, 'lead' AS stage, count(*) FILTER (WHERE r_lead) AS reached, [] :: DOUBLE[] AS v FROM cohort
  UNION ALL SELECT 2, 'mql', count(*) FILTER (WHERE r_mql),
    list(days(t_lead, t_mql)) FILTER (WHERE r_mql AND rec_lead IS NOT NULL AND rec_mql IS NOT NULL) FROM cohort
  UNION ALL SELECT 3, 'sal', count(*) FILTER (WHERE r_sal),
    list(days(t_mql, t_sal)) FILTER (WHERE r_sal AND rec_mql IS NOT NULL AND rec_sal IS NOT NULL) FROM cohort
  UNION ALL SELECT 4, 'sql', count(*) FILTER (WHERE r_sql),
    list(days(t_sal, t_sql)) FILTER (WHERE r_sql AND rec_sal IS NOT NULL AND rec_sql IS NOT NULL) FROM cohort
  UNION ALL SELECT 5, 'opportunity', count(*) FILTER (WHERE r_opp),
    list(days(t_sql, t_opp)) FILTER (WHERE r_opp AND rec_sql IS NOT NULL AND rec_opp IS NOT NULL) FROM cohort
  UNION ALL SELECT 6, 'customer', count(*) FILTER (WHERE r_cust),
    list(days(t_opp, t_cust)) FILTER (WHERE r_cust AND rec_opp IS NOT NULL AND rec_cust IS NOT NULL) FROM cohort
)
SELECT stage, reached,
       CASE WHEN k = 1 THEN NULL ELSE reached / nullif(lag(reached) OVER (ORDER BY k), 0) END AS step_rate,
       reached / nullif(first_value(reached) OVER (ORDER BY k), 0) AS cumulative_rate,
       nearest_rank(coalesce(v, []), 50) AS median_days,
       nearest_rank(coalesce(v, []), 90) AS p90_days
FROM s ORDER BY k;
