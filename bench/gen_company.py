#!/usr/bin/env python3
"""Generates a large company in real export layouts for baton's benchmarks.

usage: bench/gen_company.py OUT_DIR PEOPLE [TASKS_PER_PERSON]

Writes, with a fixed seed (same arguments, same bytes; nothing is downloaded), a
company of PEOPLE people whose every date falls in 2024 (judge it --as-of
2025-01-01T00:00:00Z, with bench/company.toml):

  hubspot-contacts.csv   HubSpot UI export (labels, "YYYY-MM-DD HH:mm" times): the people with
                         p % 4 != 2 (75%); lifecycle Subscriber/Lead/MQL/SQL, "Became a ... Date"
                         columns, Lead Status, owner names and Owner Assigned Date, and the first
                         engagement (date, type) of the people HubSpot alone knows
  Lead.csv               Salesforce Data Loader (API names, all quoted, ISO UTC): the people with
                         p % 4 != 1 (75%), so half of everyone is in both, joined by email (upper
                         case in a quarter of the leads); owners are reps (005...) or a queue
                         (00G...); converted leads carry ConvertedDate, ConvertedContactId,
                         ConvertedOpportunityId; ~5% have a quoted multi-line Description
  Contact.csv            one contact per converted lead (same email, created at conversion)
  Opportunity.csv        one deal per converted lead that reached an opportunity (won, lost, open)
  OpportunityContactRole.csv  the deal's contact
  OpportunityHistory.csv every stage the deal went through (Prospecting ... Closed Won/Lost)
  Task.csv               calls, emails and to-dos of the Salesforce people (about TASKS_PER_PERSON,
                         default 5, per person of the company; WhoId = the lead, or its contact
                         after conversion; ~5% with a quoted multi-line Description)
  Campaign.csv           20 campaigns with ActualCost over their dates (some cross into 2025 or
                         start in 2023; one has no cost)
  CampaignMember.csv     responded memberships of the Salesforce people (first touch at lead
                         creation, some second touches later) and some non-responders
  google-ads-campaign-report-2024.csv   Google Ads UI download, a row per day and ad campaign
                         (title lines, Total rows); one campaign matches no CRM campaign
  linkedin-campaign-performance-2024-H1.csv   LinkedIn Campaign Manager, 15 Jan - 30 Jun 2024

Prints the row counts, the number of people, of HubSpot MQLs (recorded MQL times) and the
spend as JSON on stdout.
"""
import json
import os
import random
import sys
from datetime import date, timedelta

SF_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"


def sf_id(prefix, n):
    base = f"{prefix}{n:012d}"
    suffix = ""
    for chunk in range(3):
        bits = 0
        for j, c in enumerate(base[chunk * 5:chunk * 5 + 5]):
            if "A" <= c <= "Z":
                bits |= 1 << j
        suffix += SF_CHARS[bits]
    return base + suffix


REPS = 40
REP_IDS = [sf_id("005", k) for k in range(REPS)]  # company.toml's [owners] names them "Rep k"
QUEUE_ID = sf_id("00G", 1)                          # "Inbound Queue"
DAY0 = date(2024, 1, 1)
DAYS = [(DAY0 + timedelta(days=d)) for d in range(800)]
ISO_DAYS = [d.isoformat() for d in DAYS]
US_DAYS = [f"{d.month}/{d.day}/{d.year}" for d in DAYS]
END_2024 = 366 * 86400  # seconds from 2024-01-01T00:00Z to 2025-01-01T00:00Z (as-of)


def hs_time(s):  # HubSpot UI: local time (UTC here), minutes
    d, r = divmod(s, 86400)
    return f"{ISO_DAYS[d]} {r // 3600:02d}:{r % 3600 // 60:02d}"


def sf_time(s, z="+0000"):  # Data Loader: ISO UTC with milliseconds
    d, r = divmod(s, 86400)
    return f"{ISO_DAYS[d]}T{r // 3600:02d}:{r % 3600 // 60:02d}:{r % 60:02d}.000{z}"


def day_of(s):
    return ISO_DAYS[s // 86400]


# 20 CRM campaigns: (name, type, start, end, actual cost or "").
CAMPAIGNS = (
    [(f"Google Ads - {n}", "Advertisement", "2024-01-01", "2024-12-31", f"{90000 + 5000 * i}.0")
     for i, n in enumerate(["Brand 2024", "CMMS Search 2024", "Competitor Search",
                            "Maintenance Software", "Asset Tracking", "Work Orders"])]
    + [(f"LinkedIn - {n}", "Advertisement", "2024-01-01", "2024-12-31", f"{40000 + 2500 * i}.0")
       for i, n in enumerate(["Facility Managers H1", "Plant Engineers", "Maintenance Leads",
                              "Operations Directors"])]
    + [("Webinar - Preventive Maintenance 101", "Webinar", "2024-02-01", "2024-02-21", "5420.0"),
       ("Webinar - Reliability Basics", "Webinar", "2024-05-01", "2024-05-31", "6100.0"),
       ("Ebook - Maintenance KPI Guide", "Content", "2023-12-01", "2024-03-31", "6150.0"),
       ("MRO Expo Boston 2024", "Trade Show", "2024-04-10", "2024-04-12", "19750.0"),
       ("Plant Expo Chicago 2024", "Trade Show", "2024-09-17", "2024-09-19", "23800.0"),
       ("Customer Referral Program 2024", "Referral Program", "2024-01-01", "2024-12-31", "4500.0"),
       ("Newsletter 2024", "Email", "2024-01-01", "2024-12-31", ""),
       ("Partner Co-marketing Q4", "Partners", "2024-10-01", "2025-03-31", "12000.0"),
       ("Direct Mail - Winter", "Direct Mail", "2024-11-15", "2025-02-14", "8400.0"),
       ("Webinar - Work Order Automation", "Webinar", "2024-08-01", "2024-08-31", "4800.0")]
)
CAMPAIGN_IDS = [sf_id("701", c) for c in range(len(CAMPAIGNS))]
# Google Ads campaigns: (name in the ad platform, CRM campaign or None, Google id, first day).
# Two are matched by company.toml's [campaigns] table, four by normalised name, one by nothing.
GOOGLE = [("Search - Brand", 0, 20814473201, 0), ("CMMS Search 2024", 1, 20814473196, 0),
          ("google ads | competitor search", 2, 20814473203, 0),
          ("Google Ads: Maintenance Software", 3, 20814473204, 0),
          ("GOOGLE_ADS_ASSET_TRACKING", 4, 20814473205, 0),
          ("Google Ads - Work Orders", 5, 20814473206, 91),  # from 1 April: ActualCost fills Q1
          ("Display - Remarketing", None, 20814473207, 0)]
LINKEDIN = [(c, 291884735 + c) for c in range(6, 10)]  # named as in the CRM
OPEN_STAGES = ["Prospecting", "Qualification", "Needs Analysis", "Value Proposition",
               "Proposal/Price Quote", "Negotiation/Review"]
PROB = [10, 10, 20, 50, 75, 90]
DESCS = ['Asked for pricing.\r\nCall back Tuesday, ""after lunch"".',
         'Met at the expo, wants a demo for 3 sites.\nSays ""no budget until Q3"", then yes.',
         'Forwarded to IT.\r\n\r\nNotes: uses spreadsheets, ""SAP PM"" next year.']


def q(*fields):  # Data Loader row: every value quoted (values hold no quotes but DESCS' doubled ones)
    return '"' + '","'.join(fields) + '"\r\n'


def main():
    out, people = sys.argv[1], int(sys.argv[2])
    tasks_per_person = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    rng = random.Random(42)
    os.makedirs(out, exist_ok=True)
    n = dict(people=people, hubspot_rows=0, lead_rows=0, contact_rows=0, opportunity_rows=0,
             contact_role_rows=0, opportunity_history_rows=0, task_rows=0, member_rows=0,
             mql=0, multiline=0)
    files = {k: open(f"{out}/{k}.csv", "w", newline="") for k in (
        "hubspot-contacts", "Lead", "Contact", "Opportunity", "OpportunityContactRole",
        "OpportunityHistory", "Task", "CampaignMember")}
    hs, lead, contact, opp, ocr, oh, task, member = files.values()
    hs.write('"Record ID","First Name","Last Name","Email","Lifecycle Stage","Lead Status",'
             '"Contact owner","Owner Assigned Date","Create Date","Became a Lead Date",'
             '"Became a Marketing Qualified Lead Date","Became a Sales Qualified Lead Date",'
             '"Original Source","HubSpot Score","Date of first engagement",'
             '"Type of first engagement"\r\n')
    lead.write(q("Id", "OwnerId", "FirstName", "LastName", "Company", "Email", "Status",
                 "LeadSource", "CreatedDate", "IsConverted", "ConvertedDate", "ConvertedContactId",
                 "ConvertedOpportunityId", "Description"))
    contact.write(q("Id", "AccountId", "OwnerId", "FirstName", "LastName", "Email", "LeadSource",
                    "CreatedDate"))
    opp.write(q("Id", "AccountId", "OwnerId", "Name", "StageName", "Amount", "Probability",
                "CloseDate", "CreatedDate", "IsClosed", "IsWon", "LeadSource", "CampaignId"))
    ocr.write(q("Id", "OpportunityId", "ContactId", "Role", "IsPrimary", "CreatedDate"))
    oh.write(q("Id", "OpportunityId", "CreatedById", "CreatedDate", "StageName", "Amount",
               "Probability", "CloseDate", "ForecastCategory"))
    task.write(q("Id", "WhoId", "WhatId", "OwnerId", "Subject", "Type", "TaskSubtype", "Status",
                 "ActivityDate", "CreatedDate", "CompletedDateTime", "Description"))
    member.write(q("Id", "CampaignId", "LeadId", "ContactId", "Status", "HasResponded",
                   "FirstRespondedDate", "CreatedDate"))
    sources = ["Paid search", "Organic search", "Email marketing", "Paid social", "Referrals",
               "Direct traffic"]
    sf_sources = ["Web", "Paid Search", "Trade Show", "Webinar", "Partner Referral"]
    statuses_open = ["Open - Not Contacted", "Closed - Not Converted"]
    n_campaigns = len(CAMPAIGNS)
    for p in range(people):
        in_hs, in_sf = p % 4 != 2, p % 4 != 1
        email = f"person{p}@company{p % 9973}.example"
        first, last = f"First{p % 1000}", f"Last{p // 1000}"
        company = f"Company {p % 9973}"
        created = rng.randrange(3600, 365 * 86400 - 3600) // 60 * 60 + 30  # HH:MM:30
        rep = p % REPS
        # The journey.
        r = rng.random()
        mql_t = created + rng.randrange(60, 5 * 86400) if r < 0.45 else None
        if mql_t is not None and mql_t >= END_2024:
            mql_t = None
        base = mql_t if mql_t is not None else created
        sal = rng.random() < (0.6 if mql_t is not None else 0.1)
        conv_day = None
        if sal and rng.random() < 0.5:
            conv_day = base // 86400 + rng.randrange(1, 20)
            if conv_day >= 366:
                conv_day = None
        # HubSpot row.
        if in_hs:
            n["hubspot_rows"] += 1
            subscriber = mql_t is None and rng.random() < 0.08
            sql_hs = conv_day is not None and not in_sf  # HubSpot alone knows this SQL
            life = ("Subscriber" if subscriber else "Sales Qualified Lead" if sql_hs else
                    "Marketing Qualified Lead" if mql_t is not None else "Lead")
            lead_status = "In Progress" if sal and not sql_hs else ("Open Deal" if sql_hs else
                                                                    ("New" if not subscriber else ""))
            hs_created = created - 1200 if p % 3 == 0 else created + 600  # before or after Salesforce
            hs_owner = f"Rep {(rep + (p % 7 == 0)) % REPS}" if not subscriber else ""
            assigned = hs_time(hs_created + 300 + rng.randrange(0, 7200)) if hs_owner else ""
            eng_date = eng_type = ""
            if not in_sf and mql_t is not None and rng.random() < 0.85:
                delay = int(rng.expovariate(1 / (16 * 3600)))
                e = mql_t + delay if rng.random() < 0.9 else created + 60  # some engaged before the MQL
                if e < END_2024:
                    eng_date, eng_type = hs_time(e), rng.choice(["CALL", "EMAIL", "MEETING"])
            if mql_t is not None:
                n["mql"] += 1
            hs.write(f'"{10**10 + p}","{first}","{last}","{email}","{life}","{lead_status}",'
                     f'"{hs_owner}","{assigned}","{hs_time(hs_created)}",'
                     f'"{"" if subscriber else hs_time(hs_created + 60 * (p % 5))}",'
                     f'"{hs_time(mql_t) if mql_t is not None else ""}",'
                     f'"{(ISO_DAYS[conv_day] + " 10:00") if sql_hs else ""}",'
                     f'"{sources[p % 6]}","{p % 100}","{eng_date}","{eng_type}"\r\n')
        if not in_sf:
            continue
        # Salesforce lead.
        n["lead_rows"] += 1
        lid = sf_id("00Q", p)
        owner = QUEUE_ID if p % 10 == 3 else REP_IDS[rep]
        cid = oid = ""
        won = lost = False
        amount = 0
        if conv_day is not None:
            cid, oid = sf_id("003", p), (sf_id("006", p) if rng.random() < 0.9 else "")
        status = ("Closed - Converted" if conv_day is not None else "Working - Contacted" if sal
                  else statuses_open[p % 2])
        desc = ""
        if rng.random() < 0.05:
            desc = DESCS[p % 3]
            n["multiline"] += 1
        lead.write(q(lid, owner, first, last, company, email.upper() if p % 4 == 0 else email,
                     status, sf_sources[p % 5], sf_time(created),
                     "true" if cid else "false", ISO_DAYS[conv_day] if cid else "", cid, oid, desc))
        conv_t = None
        if cid:
            n["contact_rows"] += 1
            conv_t = conv_day * 86400 + 14 * 3600 + rng.randrange(0, 3 * 3600)
            acct = sf_id("001", p)
            contact.write(q(cid, acct, REP_IDS[rep], first, last, email, sf_sources[p % 5],
                            sf_time(conv_t)))
        if oid:
            n["opportunity_rows"] += 1
            n["contact_role_rows"] += 1
            amount = 500 * rng.randrange(10, 200)
            t = conv_t + 1
            ocr.write(q(sf_id("00K", p), oid, cid, ["Economic Buyer", "Evaluator", ""][p % 3],
                        "true", sf_time(t + 1)))
            fate = rng.random()
            stages = rng.randrange(1, 7)
            hist = []
            ht = t
            for s in range(stages):
                hist.append((ht, OPEN_STAGES[s], PROB[s]))
                ht += rng.randrange(2 * 86400, 15 * 86400)
                if ht >= END_2024:  # still at this stage on the last day
                    stages = s + 1
                    break
            final = OPEN_STAGES[stages - 1]
            close_day = ht // 86400 + 30
            if fate < 0.6 and ht < END_2024:
                won, lost = fate < 0.3, fate >= 0.3
                final = "Closed Won" if won else "Closed Lost"
                hist.append((ht, final, 100 if won else 0))
                close_day = ht // 86400
            for h, (ht2, st, pr) in enumerate(hist):
                n["opportunity_history_rows"] += 1
                oh.write(q(sf_id("008", p * 8 + h), oid, REP_IDS[rep], sf_time(ht2), st,
                           f"{amount}.0", f"{pr}.0", ISO_DAYS[close_day],
                           "Closed" if won and h == len(hist) - 1 else
                           "Omitted" if lost and h == len(hist) - 1 else "Pipeline"))
            opp.write(q(oid, sf_id("001", p), REP_IDS[rep], f"{company} - CMMS {amount // 1000} seats",
                        final, f"{amount}.0", f"{100 if won else 0 if lost else PROB[stages - 1]}.0",
                        ISO_DAYS[close_day], sf_time(t), "true" if won or lost else "false",
                        "true" if won else "false", sf_sources[p % 5], ""))
        # Campaign memberships: a touch at lead creation (80%), a later one (30%), non-responders.
        day = created // 86400
        touches = []
        if rng.random() < 0.8:
            touches.append((rng.randrange(n_campaigns), created + rng.randrange(1, 120), True))
            if rng.random() < 0.3:
                later = created + rng.randrange(2, 60) * 86400
                if later < END_2024:
                    touches.append((rng.randrange(n_campaigns), later, True))
        if rng.random() < 0.1 and day > 0:  # invited before, never responded: not a touch
            touches.append((rng.randrange(n_campaigns), created - 86400, False))
        for k, (c, mt, responded) in enumerate(touches):
            n["member_rows"] += 1
            member.write(q(sf_id("00v", p * 4 + k), CAMPAIGN_IDS[c], lid,
                           cid if conv_t is not None and mt >= conv_t else "",
                           "Responded" if responded else "Sent",
                           "true" if responded else "false", day_of(mt) if responded else "",
                           sf_time(mt)))
        # Tasks: about TASKS_PER_PERSON per person of the company (the Salesforce 75% carry them).
        count = (tasks_per_person * 4 + p % 3) // 3
        if count:
            before = rng.random() < 0.2  # a first call before the MQL
            t = created + 600 if before else base + int(rng.expovariate(1 / (20 * 3600)))
            for k in range(count):
                if t >= END_2024:
                    break
                kind = rng.random()
                sub, typ = (("Call", "Call") if kind < 0.5 else ("Email", "Email") if kind < 0.85
                            else ("Task", "Other"))
                who = cid if conv_t is not None and t >= conv_t else lid
                d = ""
                if rng.random() < 0.05:
                    d = DESCS[(p + k) % 3]
                    n["multiline"] += 1
                n["task_rows"] += 1
                task.write(q(sf_id("00T", p * 16 + k), who, oid if who == cid else "",
                             REP_IDS[rep], f"{sub}: follow-up {k + 1}", typ, sub, "Completed",
                             day_of(t), sf_time(t, "Z"), sf_time(t, "Z"), d))
                t += rng.randrange(3600, 6 * 86400)
    for f in files.values():
        f.close()
    n.update(write_campaigns(out))
    json.dump(n, sys.stdout)
    print()


def money_thousands(cents):
    s = f"{cents // 100:,}.{cents % 100:02d}"
    return f'"{s}"' if "," in s else s


def write_campaigns(out):
    rng = random.Random(7)
    with open(f"{out}/Campaign.csv", "w", newline="") as f:
        f.write(q("Id", "Name", "Type", "Status", "StartDate", "EndDate", "BudgetedCost", "ActualCost"))
        for c, (name, typ, start, end, cost) in enumerate(CAMPAIGNS):
            f.write(q(CAMPAIGN_IDS[c], name, typ, "Completed", start, end,
                      f"{int(float(cost or 0) * 1.2)}.0", cost))
    google_rows = google_total = 0
    with open(f"{out}/google-ads-campaign-report-2024.csv", "w", newline="") as f:
        f.write('Campaign report\n"January 1, 2024 - December 31, 2024"\n')
        f.write("Day,Campaign,Campaign ID,Currency code,Cost,Impr.,Clicks,Conversions\n")
        for d in range(366):
            for name, _, gid, first_day in GOOGLE:
                if d < first_day:
                    continue
                cents = rng.randrange(5000, 60000)
                google_total += cents
                google_rows += 1
                f.write(f"{ISO_DAYS[d]},{name},{gid},USD,{cents // 100}.{cents % 100:02d},"
                        f"{cents // 7},{cents // 300},{cents % 7 / 2:.2f}\n")
        total = money_thousands(google_total)
        for what in ("Account", "Campaigns"):
            f.write(f"Total: {what},,,USD,{total},,,\n")
    li_rows = li_total = 0
    with open(f"{out}/linkedin-campaign-performance-2024-H1.csv", "w", newline="") as f:
        f.write("Campaign Performance Report (in UTC)\n"
                "Report Start: 1/15/2024, Report End: 6/30/2024\n\n")
        f.write("Start Date (in UTC),Account Name,Campaign Group Name,Campaign Name,Campaign ID,"
                "Campaign Type,Currency,Total Spent,Impressions,Clicks,Clicks to Landing Page\n")
        for d in range(14, 182):  # 15 January to 30 June
            for c, lid in LINKEDIN:
                cents = rng.randrange(4000, 20000)
                li_total += cents
                li_rows += 1
                f.write(f"{US_DAYS[d]},Norvale Tools,{CAMPAIGNS[c][0][11:]},{CAMPAIGNS[c][0]},"
                        f"{lid},Sponsored Content,USD,{cents // 100}.{cents % 100:02d},"
                        f"{cents // 9},{cents // 1500},{cents // 1800}\n")
    return dict(campaigns=len(CAMPAIGNS), google_rows=google_rows, linkedin_rows=li_rows,
                google_spend=google_total / 100, linkedin_spend=li_total / 100)


if __name__ == "__main__":
    main()
