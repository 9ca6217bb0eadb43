-- The SLA summary of a bench company for company.toml's rule mql-to-first-touch-24h (start mql,
-- end first_touch, limit 24h, calendar clock, activity types Call and Email), all time, as
-- `baton sla DIR --config bench/company.toml --as-of {{as_of}} --format json` reports it (SPEC 4.4):
--  * a start is a person's recorded MQL time not after as-of (an unknown time, or one the
--    infer policy filled in, starts nothing);
--  * first_touch = the earliest activity of the person at or after the start whose type is
--    Call or Email (case-insensitive): Salesforce Task rows (WhoId -> lead or contact, at
--    CreatedDate, type TaskSubtype) and HubSpot's "Date of first engagement" (its "Type of first
--    engagement"); activities after as-of do not exist;
--  * with an end: met when end - start <= 24 h, else breached; no end: open when as-of is past
--    start + 24 h, else pending;
--  * per owner (the person's owner: from the most recently created record naming one, through
--    [owners]; no owner history in the bench, so the current owner) and (all): started, met,
--    breached, open, pending, met_rate = met / (met + breached + open), median_hours and
--    p90_hours of end - start over the people with an end (nearest rank).
{{include people.sql}}
CREATE MACRO nearest_rank(xs, pct) AS
  CASE WHEN len(xs) = 0 THEN NULL ELSE list_sort(xs)[CAST(ceil(pct * len(xs) / 100.0) AS BIGINT)] END;
CREATE TEMP TABLE touch AS
SELECT s.email, sf_time(t."CreatedDate") AS t
FROM read_csv('{{dir}}/Task.csv', header = true, all_varchar = true, quote = '"', escape = '"') t
JOIN sfid s ON s.id = t."WhoId"
WHERE lower(coalesce(nullif(t."TaskSubtype", ''), t."Type")) IN ('call', 'email')
UNION ALL
SELECT email, engaged FROM hs WHERE lower(engaged_type) IN ('call', 'email');
WITH starts AS (
  SELECT email, coalesce(owner, '(none)') AS owner, rec_mql AS t0 FROM person
  WHERE rec_mql IS NOT NULL AND rec_mql <= TIMESTAMP '{{as_of}}'
), ended AS (
  SELECT s.*, (SELECT min(t) FROM touch x WHERE x.email = s.email AND x.t >= s.t0
               AND x.t <= TIMESTAMP '{{as_of}}') AS t1
  FROM starts s
), judged AS (
  SELECT owner, (epoch(t1) - epoch(t0)) / 3600.0 AS hours,
         CASE WHEN t1 IS NOT NULL THEN (CASE WHEN epoch(t1) - epoch(t0) <= 24 * 3600 THEN 'met' ELSE 'breached' END)
              WHEN TIMESTAMP '{{as_of}}' > t0 + INTERVAL 24 HOUR THEN 'open' ELSE 'pending' END AS status
  FROM ended
), g AS (
  SELECT owner, 0 AS o, * EXCLUDE (owner) FROM (
    SELECT owner, count(*) AS started, count(*) FILTER (WHERE status = 'met') AS met,
           count(*) FILTER (WHERE status = 'breached') AS breached,
           count(*) FILTER (WHERE status = 'open') AS open, count(*) FILTER (WHERE status = 'pending') AS pending,
           list(hours) FILTER (WHERE hours IS NOT NULL) AS h
    FROM judged GROUP BY owner)
  UNION ALL
  SELECT '(all)', 1, count(*), count(*) FILTER (WHERE status = 'met'),
         count(*) FILTER (WHERE status = 'breached'), count(*) FILTER (WHERE status = 'open'),
         count(*) FILTER (WHERE status = 'pending'), list(hours) FILTER (WHERE hours IS NOT NULL)
  FROM judged
)
SELECT 'mql-to-first-touch-24h' AS rule, owner, started, met, breached, open, pending,
       CASE WHEN met + breached + open = 0 THEN NULL ELSE met / (met + breached + open) END AS met_rate,
       nearest_rank(coalesce(h, []), 50) AS median_hours, nearest_rank(coalesce(h, []), 90) AS p90_hours
FROM g ORDER BY o, owner;
