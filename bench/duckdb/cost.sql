-- The cost ladder of a bench company under first-touch attribution, period basis, as
-- `baton cost DIR --config bench/company.toml --as-of {{as_of}} --since {{since}} --until {{until}}
-- --format json` reports it (SPEC 4.2, 4.3):
--  * spend: each spend row is spread evenly over the calendar days it covers; a day counts when
--    its midnight is in [since, until) and not after as-of. Ad rows (Google Ads, LinkedIn) are one
--    day each. A Salesforce Campaign's ActualCost covers StartDate..EndDate; on the days detailed
--    spend of the same campaign covers it is left out (never counted twice).
--  * ad rows are matched to CRM campaigns by id, then by company.toml's [campaigns] table, then by
--    normalised name (lower case, every run of non-alphanumerics one space, trimmed); the rest is
--    "(unattributed spend)".
--  * a person belongs to the campaign of their earliest touch: a responded CampaignMember
--    (HasResponded not false) at the earlier of CreatedDate and FirstRespondedDate; no touch:
--    "(no campaign)".
--  * per campaign and step (lead, assigned, mql, sal, sql, opportunity, customer): the people whose
--    known time at the step (inferred counts, unknown does not) is in the period; cost per step =
--    spend / count; pipeline = amounts of deals created in the period, won_revenue = of won deals
--    closed in the period, both credited to the linked person's campaign; roi = (won - spend) / spend.
--  * "(no campaign)" has no spend (null, and so are its costs and roi); "(unattributed spend)" has no
--    roi; "(all)" sums every row and takes its costs and roi from the sums.
{{include people.sql}}
CREATE MACRO in_period(t) AS t >= TIMESTAMP '{{since}}' AND t < TIMESTAMP '{{until}}' AND t <= TIMESTAMP '{{as_of}}';
CREATE MACRO norm(x) AS trim(regexp_replace(lower(x), '[^a-z0-9]+', ' ', 'g'));
CREATE TEMP TABLE crm AS
SELECT "Id" AS id, "Name" AS name, CAST(nullif("StartDate", '') AS DATE) AS start_d,
       CAST(nullif("EndDate", '') AS DATE) AS end_d, CAST(nullif("ActualCost", '') AS DOUBLE) AS cost
FROM read_csv('{{dir}}/Campaign.csv', header = true, all_varchar = true);
-- company.toml [campaigns]
CREATE TEMP TABLE name_map AS
SELECT * FROM (VALUES ('Search - Brand', 'Google Ads - Brand 2024'),
                      ('CMMS Search 2024', 'Google Ads - CMMS Search 2024')) t(ad_name, crm_name);
CREATE TEMP TABLE ad AS
SELECT CAST("Day" AS DATE) AS day, "Campaign" AS name, "Campaign ID" AS ad_id,
       CAST(replace("Cost", ',', '') AS DOUBLE) AS amount
FROM read_csv('{{dir}}/google-ads-campaign-report-2024.csv', skip = 2, header = true, all_varchar = true)
WHERE "Day" NOT LIKE 'Total%' AND nullif("Cost", '') IS NOT NULL
UNION ALL
SELECT CAST(strptime("Start Date (in UTC)", '%m/%d/%Y') AS DATE), "Campaign Name", "Campaign ID",
       CAST(replace("Total Spent", ',', '') AS DOUBLE)
FROM read_csv('{{dir}}/linkedin-campaign-performance-2024-H1.csv', skip = 3, header = true, all_varchar = true)
WHERE nullif("Total Spent", '') IS NOT NULL;
CREATE TEMP TABLE ad_matched AS
SELECT a.*, coalesce(
         (SELECT name FROM crm WHERE crm.id = a.ad_id),
         (SELECT crm_name FROM name_map WHERE ad_name = a.name),
         (SELECT crm_name FROM name_map WHERE ad_name = a.ad_id),
         (SELECT min(name) FROM crm WHERE norm(crm.name) = norm(a.name))) AS campaign
FROM ad a;
CREATE TEMP TABLE spend AS
SELECT coalesce(campaign, '(unattributed spend)') AS campaign, sum(amount) AS spend
FROM ad_matched WHERE in_period(CAST(day AS TIMESTAMP)) GROUP BY 1
UNION ALL
SELECT c.name, sum(c.cost / (date_diff('day', c.start_d, c.end_d) + 1))
FROM crm c, LATERAL (SELECT CAST(unnest(generate_series(c.start_d, c.end_d, INTERVAL 1 DAY)) AS DATE) AS day) d
WHERE c.cost IS NOT NULL AND in_period(CAST(d.day AS TIMESTAMP))
  AND NOT EXISTS (SELECT 1 FROM ad_matched m WHERE m.campaign = c.name AND m.day = d.day)
GROUP BY 1;

CREATE TEMP TABLE touch AS
SELECT s.email, coalesce(c.name, m."CampaignId") AS campaign,
       coalesce(least(sf_time(m."CreatedDate"), CAST(nullif(m."FirstRespondedDate", '') AS TIMESTAMP)),
                p.created_at) AS t
FROM read_csv('{{dir}}/CampaignMember.csv', header = true, all_varchar = true) m
JOIN sfid s ON s.id = coalesce(nullif(m."ContactId", ''), m."LeadId")
JOIN person p ON p.email = s.email
LEFT JOIN crm c ON c.id = m."CampaignId"
WHERE lower(trim(m."HasResponded")) NOT IN ('false', '0', 'no', 'n', 'off', 'f');
CREATE TEMP TABLE first_touch AS
SELECT email, arg_min(campaign, (t, campaign)) AS campaign FROM touch
WHERE t <= TIMESTAMP '{{as_of}}' GROUP BY email;

CREATE TEMP TABLE people_rows AS
SELECT coalesce(f.campaign, '(no campaign)') AS campaign,
       count(*) FILTER (WHERE in_period(t_lead)) AS lead,
       count(*) FILTER (WHERE in_period(assigned_at)) AS assigned,
       count(*) FILTER (WHERE in_period(t_mql)) AS mql,
       count(*) FILTER (WHERE in_period(t_sal)) AS sal,
       count(*) FILTER (WHERE in_period(t_sql)) AS sql,
       count(*) FILTER (WHERE in_period(t_opp)) AS opportunity,
       count(*) FILTER (WHERE in_period(t_cust)) AS customer
FROM person p LEFT JOIN first_touch f USING (email) GROUP BY 1;
-- A deal linked to several people is credited once (the bench links each deal to one person).
CREATE TEMP TABLE money AS
SELECT coalesce(f.campaign, '(no campaign)') AS campaign,
       sum(amount) FILTER (WHERE in_period(created)) AS pipeline,
       sum(amount) FILTER (WHERE won AND in_period(close_date)) AS won_revenue
FROM (SELECT id, any_value(amount) AS amount, any_value(created) AS created, any_value(close_date) AS close_date,
             bool_or(won) AS won, min(email) AS email FROM deal GROUP BY id) d
LEFT JOIN first_touch f USING (email) GROUP BY 1;

CREATE TEMP TABLE rows AS
SELECT campaign,
       CASE WHEN campaign = '(no campaign)' THEN NULL ELSE coalesce(s.spend, 0) END AS spend,
       coalesce(lead, 0) AS lead, coalesce(assigned, 0) AS assigned, coalesce(mql, 0) AS mql,
       coalesce(sal, 0) AS sal, coalesce(sql, 0) AS sql, coalesce(opportunity, 0) AS opportunity,
       coalesce(customer, 0) AS customer, coalesce(pipeline, 0) AS pipeline,
       coalesce(won_revenue, 0) AS won_revenue
FROM (SELECT campaign, sum(spend) AS spend FROM spend GROUP BY 1) s
FULL JOIN people_rows USING (campaign) FULL JOIN money USING (campaign);
CREATE MACRO per(spend, n) AS CASE WHEN n = 0 THEN NULL ELSE spend / n END;
WITH r AS (
  SELECT *, 0 AS o FROM rows
  WHERE campaign NOT IN ('(no campaign)', '(unattributed spend)')
    AND (spend > 0 OR lead + assigned + mql + sal + sql + opportunity + customer > 0 OR pipeline > 0 OR won_revenue > 0)
  UNION ALL SELECT *, 1 FROM rows WHERE campaign = '(no campaign)'
  UNION ALL SELECT *, 2 FROM rows WHERE campaign = '(unattributed spend)'
  UNION ALL
  SELECT '(all)', sum(spend), sum(lead), sum(assigned), sum(mql), sum(sal), sum(sql), sum(opportunity),
         sum(customer), sum(pipeline), sum(won_revenue), 3 FROM rows
)
SELECT campaign, spend,
       lead, per(spend, lead) AS cost_per_lead, assigned, per(spend, assigned) AS cost_per_assigned,
       mql, per(spend, mql) AS cost_per_mql, sal, per(spend, sal) AS cost_per_sal,
       sql, per(spend, sql) AS cost_per_sql, opportunity, per(spend, opportunity) AS cost_per_opportunity,
       customer, per(spend, customer) AS cost_per_customer, pipeline, won_revenue,
       CASE WHEN spend > 0 AND campaign <> '(unattributed spend)' THEN (won_revenue - spend) / spend END AS roi
FROM r ORDER BY o, campaign;
