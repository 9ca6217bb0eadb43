-- The all-time cohort funnel of a bench company (bench/gen_company.py), as an
-- analyst would write it in DuckDB over the same exports baton reads: people
-- merged by lower-cased email across the HubSpot contacts and the Salesforce
-- leads; lead = "Became a Lead Date"; mql = "Became a Marketing Qualified Lead
-- Date", or any later stage; a Salesforce status counts as reaching its stage
-- (Working - Contacted = sal, Closed - Converted = sql), and an earlier stage
-- skipped on the way counts as reached (baton's skipped = "infer").
WITH hs AS (
  SELECT lower(trim("Email")) AS e,
         strptime("Became a Lead Date", '%Y-%m-%d %H:%M') AS lead_t,
         strptime(nullif("Became a Marketing Qualified Lead Date", ''), '%Y-%m-%d %H:%M') AS mql_t
  FROM read_csv('{{dir}}/hubspot-contacts.csv', header = true, all_varchar = true)
), sf AS (
  SELECT lower(trim("Email")) AS e, "Status" AS status
  FROM read_csv('{{dir}}/Lead.csv', header = true, all_varchar = true)
), people AS (
  SELECT coalesce(h.e, s.e) AS e,
         min(h.lead_t) AS lead_t,
         min(h.mql_t) AS mql_t,
         bool_or(s.status = 'Working - Contacted') AS sal_status,
         bool_or(s.status = 'Closed - Converted') AS sql_status
  FROM hs h FULL OUTER JOIN sf s ON h.e = s.e
  GROUP BY 1
)
SELECT count(*) FILTER (WHERE lead_t IS NOT NULL) AS lead,
       count(*) FILTER (WHERE lead_t IS NOT NULL AND (mql_t IS NOT NULL OR sal_status OR sql_status)) AS mql,
       count(*) FILTER (WHERE lead_t IS NOT NULL AND (sal_status OR sql_status)) AS sal,
       count(*) FILTER (WHERE lead_t IS NOT NULL AND sql_status) AS sql
FROM people;
