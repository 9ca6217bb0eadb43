-- The people of a bench company (bench/gen_company.py) and their stage times, as an analyst
-- would write them in DuckDB from baton's SPEC (sections 1.3, 2.1-2.3, 3), not from its code.
-- Included by funnel.sql, cost.sql and sla.sql (an include line, see query.mjs); as_of is the
-- moment the data is judged at ('2025-01-01 00:00:00'). Every time in the company is UTC:
-- Salesforce writes +0000/Z, HubSpot local times of a UTC account, dates are midnight UTC.
-- Tables made here:
--   rec       one row per people record (HubSpot contact, Salesforce lead or contact) with the
--             person key: the lower-cased email (SPEC 1.3), a contact taking its lead's person
--             through ConvertedContactId (SPEC 2.1)
--   sfid      Salesforce lead/contact id -> person
--   deal      the opportunities that exist at as-of, with the person each is linked to
--             (Lead.ConvertedOpportunityId, OpportunityContactRole; SPEC 2.3)
--   person    per person: created_at, owner, assigned_at, and for each stage s of
--             lead, mql, sal, sql, opportunity, customer: t_s (time, recorded or inferred),
--             r_s (reached at all, by as-of), rec_s (time recorded, not inferred)
SET TimeZone = 'UTC';
CREATE TEMP TABLE hs AS
SELECT "Record ID" AS id, lower(trim("Email")) AS email, "Lifecycle Stage" AS lifecycle,
       "Lead Status" AS lead_status, nullif("Contact owner", '') AS owner,
       strptime(nullif("Owner Assigned Date", ''), '%Y-%m-%d %H:%M') AS assigned,
       strptime(nullif("Create Date", ''), '%Y-%m-%d %H:%M') AS created,
       strptime(nullif("Became a Lead Date", ''), '%Y-%m-%d %H:%M') AS lead_d,
       strptime(nullif("Became a Marketing Qualified Lead Date", ''), '%Y-%m-%d %H:%M') AS mql_d,
       strptime(nullif("Became a Sales Qualified Lead Date", ''), '%Y-%m-%d %H:%M') AS sql_d,
       strptime(nullif("Date of first engagement", ''), '%Y-%m-%d %H:%M') AS engaged,
       "Type of first engagement" AS engaged_type
FROM read_csv('{{dir}}/hubspot-contacts.csv', header = true, all_varchar = true, quote = '"', escape = '"');

-- Salesforce Data Loader times: '2024-03-05T14:03:22.000+0000' (UTC).
CREATE MACRO sf_time(x) AS strptime(substr(nullif(x, ''), 1, 19), '%Y-%m-%dT%H:%M:%S');
-- SPEC 1.3: 15- and 18-character forms of one id are one record; the bench writes 18.
CREATE TEMP TABLE lead AS
SELECT "Id" AS id, lower(trim("Email")) AS email, "Status" AS status, "OwnerId" AS owner_id,
       sf_time("CreatedDate") AS created, CAST(nullif("ConvertedDate", '') AS TIMESTAMP) AS converted,
       nullif("ConvertedContactId", '') AS contact_id, nullif("ConvertedOpportunityId", '') AS opp_id
FROM read_csv('{{dir}}/Lead.csv', header = true, all_varchar = true, quote = '"', escape = '"');
CREATE TEMP TABLE contact AS
SELECT c."Id" AS id, coalesce(l.email, lower(trim(c."Email"))) AS email, c."OwnerId" AS owner_id,
       sf_time(c."CreatedDate") AS created
FROM read_csv('{{dir}}/Contact.csv', header = true, all_varchar = true, quote = '"', escape = '"') c
LEFT JOIN lead l ON l.contact_id = c."Id";

-- Owner names: company.toml's [owners] names rep 005...k "Rep k" and the 00G queue "Inbound Queue".
CREATE MACRO owner_name(x) AS CASE
  WHEN x LIKE '005%' THEN 'Rep ' || CAST(CAST(substr(x, 4, 12) AS BIGINT) AS VARCHAR)
  WHEN x LIKE '00G%' THEN 'Inbound Queue' ELSE nullif(x, '') END;

-- Records created after as-of do not exist (SPEC 3).
CREATE TEMP TABLE rec AS
SELECT * FROM (
  SELECT 'hubspot' AS sys, id, email, created, owner, assigned, lifecycle, lead_status,
         NULL::VARCHAR AS sf_status, lead_d, mql_d, sql_d FROM hs
  UNION ALL
  SELECT 'lead', id, email, created, owner_name(owner_id),
         CASE WHEN owner_id LIKE '005%' THEN created END, NULL, NULL, status, NULL, NULL, converted FROM lead
  UNION ALL
  SELECT 'contact', id, email, created, owner_name(owner_id),
         CASE WHEN owner_id LIKE '005%' THEN created END, NULL, NULL, NULL, NULL, NULL, NULL FROM contact
) WHERE created IS NULL OR created <= TIMESTAMP '{{as_of}}';

CREATE TEMP TABLE sfid AS SELECT id, email FROM rec WHERE sys <> 'hubspot';

-- Deals (SPEC 2.3): linked through the lead's ConvertedOpportunityId or a contact role.
CREATE TEMP TABLE opp AS
SELECT "Id" AS id, sf_time("CreatedDate") AS created, CAST("CloseDate" AS TIMESTAMP) AS close_date,
       CAST(nullif("Amount", '') AS DOUBLE) AS amount, lower("IsWon") = 'true' AS is_won
FROM read_csv('{{dir}}/Opportunity.csv', header = true, all_varchar = true, quote = '"', escape = '"')
WHERE sf_time("CreatedDate") <= TIMESTAMP '{{as_of}}';
CREATE TEMP TABLE deal AS
SELECT o.*, k.email,
       o.is_won AND o.close_date <= TIMESTAMP '{{as_of}}' AS won  -- won only when closed by as-of
FROM opp o JOIN (
  SELECT l.opp_id AS oid, r.email FROM rec r JOIN lead l ON l.id = r.id WHERE r.sys = 'lead' AND l.opp_id IS NOT NULL
  UNION
  SELECT r."OpportunityId", s.email
  FROM read_csv('{{dir}}/OpportunityContactRole.csv', header = true, all_varchar = true) r
  JOIN sfid s ON s.id = r."ContactId"
) k ON k.oid = o.id;
CREATE TEMP TABLE deal_stage AS
SELECT d.email,
       min(sf_time(h."CreatedDate")) FILTER (WHERE h."StageName" IN ('Prospecting', 'Qualification',
         'Needs Analysis', 'Value Proposition', 'Id. Decision Makers', 'Perception Analysis',
         'Proposal/Price Quote', 'Negotiation/Review')) AS opp_h,
       min(sf_time(h."CreatedDate")) FILTER (WHERE h."StageName" = 'Closed Won') AS won_h
FROM read_csv('{{dir}}/OpportunityHistory.csv', header = true, all_varchar = true) h
JOIN deal d ON d.id = h."OpportunityId"
WHERE sf_time(h."CreatedDate") <= TIMESTAMP '{{as_of}}'
GROUP BY 1;

-- Per person, the stage rules of SPEC 2.2 in order (first rule with a time wins, earliest time
-- within a rule); k_* = the recorded time, u_* = reached per a current value (unknown time).
CREATE TEMP TABLE p0 AS
WITH a AS (
  SELECT email,
         min(created) AS created_at,
         arg_max(owner, created) FILTER (WHERE owner IS NOT NULL) AS owner,
         min(assigned) FILTER (WHERE assigned <= TIMESTAMP '{{as_of}}') AS assigned_at,
         min(lead_d) FILTER (WHERE lead_d <= TIMESTAMP '{{as_of}}') AS lead_1,
         min(mql_d) FILTER (WHERE mql_d <= TIMESTAMP '{{as_of}}') AS mql_1,
         min(sql_d) FILTER (WHERE sql_d <= TIMESTAMP '{{as_of}}') AS sql_1,
         -- dictionary of current values (baton's built-in defaults)
         bool_or(lifecycle = 'Lead' OR sf_status = 'Open - Not Contacted') AS u_lead,
         bool_or(lifecycle = 'Marketing Qualified Lead') AS u_mql,
         bool_or(sf_status = 'Working - Contacted'
                 OR lead_status IN ('In Progress', 'Attempted to Contact', 'Connected')) AS u_sal,
         bool_or(sf_status = 'Closed - Converted' OR lifecycle = 'Sales Qualified Lead'
                 OR lead_status = 'Open Deal') AS u_sql,
         bool_or(lifecycle = 'Opportunity') AS u_opp,
         bool_or(lifecycle IN ('Customer', 'Evangelist')) AS u_cust,
         -- a stage dated after as-of is not brought back by a current value
         bool_or(mql_d > TIMESTAMP '{{as_of}}') AS late_mql,
         bool_or(sql_d > TIMESTAMP '{{as_of}}') AS late_sql
  FROM rec GROUP BY email
), d AS (
  SELECT email, min(created) AS opp_3, min(close_date) FILTER (WHERE won) AS won_3
  FROM deal GROUP BY email
)
SELECT a.*, coalesce(a.lead_1, a.created_at) AS k_lead, a.mql_1 AS k_mql, NULL::TIMESTAMP AS k_sal,
       a.sql_1 AS k_sql, coalesce(s.opp_h, d.opp_3) AS k_opp, coalesce(s.won_h, d.won_3) AS k_cust
FROM a LEFT JOIN d USING (email) LEFT JOIN deal_stage s USING (email);

-- Skipped stages, "infer" (SPEC 2.2): a missing stage takes the earliest known time of the
-- later stages; when every later stage reached has an unknown time, it is reached unknown.
CREATE TEMP TABLE person AS
WITH b AS (
  SELECT *,
    k_cust IS NOT NULL OR (u_cust AND k_cust IS NULL) AS x_cust,
    k_opp IS NOT NULL OR (u_opp AND k_opp IS NULL) AS x_opp,
    k_sql IS NOT NULL OR (u_sql AND NOT coalesce(late_sql, false)) AS x_sql,
    k_sal IS NOT NULL OR u_sal AS x_sal,
    k_mql IS NOT NULL OR (u_mql AND NOT coalesce(late_mql, false)) AS x_mql,
    k_lead IS NOT NULL OR u_lead AS x_lead
  FROM p0
)
SELECT email, created_at, owner, assigned_at,
  k_lead AS rec_lead, k_mql AS rec_mql, k_sal AS rec_sal, k_sql AS rec_sql, k_opp AS rec_opp,
  k_cust AS rec_cust,
  CASE WHEN x_lead THEN k_lead ELSE least(k_mql, k_sal, k_sql, k_opp, k_cust) END AS t_lead,
  CASE WHEN x_mql THEN k_mql ELSE least(k_sal, k_sql, k_opp, k_cust) END AS t_mql,
  CASE WHEN x_sal THEN k_sal ELSE least(k_sql, k_opp, k_cust) END AS t_sal,
  CASE WHEN x_sql THEN k_sql ELSE least(k_opp, k_cust) END AS t_sql,
  CASE WHEN x_opp THEN k_opp ELSE k_cust END AS t_opp,
  k_cust AS t_cust,
  x_lead OR x_mql OR x_sal OR x_sql OR x_opp OR x_cust AS r_lead,
  x_mql OR x_sal OR x_sql OR x_opp OR x_cust AS r_mql,
  x_sal OR x_sql OR x_opp OR x_cust AS r_sal,
  x_sql OR x_opp OR x_cust AS r_sql,
  x_opp OR x_cust AS r_opp,
  x_cust AS r_cust
FROM b;
