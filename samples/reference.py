#!/usr/bin/env python3
"""Reference numbers for the Norvale samples: an independent check of baton.

Reads the CSV files next to this script (never the generator's state) and
applies SPEC section 2 with baton's built-in default mapping, the skipped-stage
policy "infer", report time zone America/New_York and as-of
2024-07-01T00:00:00Z. Prints the all-time cohort funnel (first stage lead),
the funnel of the 2024-Q1 lead cohort, the all-time funnel per first-touch
source, and a few data-quality counts. Deliberately small; stdlib only.

Usage: python3 samples/reference.py
"""

import csv
import os
from collections import defaultdict
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

HERE = os.path.dirname(os.path.abspath(__file__))
NY = ZoneInfo("America/New_York")
AS_OF = datetime(2024, 7, 1, tzinfo=timezone.utc)
Q1 = (datetime(2024, 1, 1, tzinfo=NY), datetime(2024, 4, 1, tzinfo=NY))
STAGES = ["lead", "mql", "sal", "sql", "opportunity", "customer"]
UNKNOWN = "unknown"  # SPEC 2.2 rule 5: reached, but at an unknown time
HUBSPOT = "hubspot-crm-exports-all-contacts-2024-07-01.csv"

# The built-in default mapping. "" = a known value that is not a stage.
SF_LEAD_STATUS = {"open - not contacted": "lead", "working - contacted": "sal",
                  "closed - converted": "sql", "closed - not converted": ""}
HS_LIFECYCLE = {"subscriber": "", "lead": "lead", "marketing qualified lead": "mql",
                "sales qualified lead": "sql", "opportunity": "opportunity",
                "customer": "customer", "evangelist": "customer", "other": ""}
HS_LEAD_STATUS = {"new": "", "open": "", "in progress": "sal", "attempted to contact": "sal",
                  "connected": "sal", "open deal": "sql", "unqualified": "", "bad timing": ""}
HS_DATE_COLUMNS = {"Became a Lead Date": "lead",
                   "Became a Marketing Qualified Lead Date": "mql",
                   "Became a Sales Qualified Lead Date": "sql",
                   "Became an Opportunity Date": "opportunity",
                   "Became a Customer Date": "customer"}
unmapped = defaultdict(int)


def lookup(table, name, value):
    """The stage a status value maps to; "" for none; unmapped values are counted."""
    value = value.strip()
    if not value:
        return ""
    if value.lower() not in table:
        unmapped[(name, value)] += 1
        return ""
    return table[value.lower()]


def opp_stage(name):
    name = name.strip().lower()
    if not name or name == "closed lost":
        return ""
    return "customer" if name == "closed won" else "opportunity"


def read(name):
    with open(os.path.join(HERE, name), encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def parse_time(text):
    """An instant, or None when missing. Times after as-of do not exist (SPEC 3)."""
    text = text.strip()
    if text in ("", "null", "NULL"):
        return None
    if "T" in text:  # Salesforce API: ...T20:36:47.000+0000 or ...Z
        t = datetime.strptime(text.replace("Z", "+0000"), "%Y-%m-%dT%H:%M:%S.%f%z")
    elif len(text) == 10:  # a date: midnight in the file's zone (New York)
        t = datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=NY)
    else:  # HubSpot: local New York time, no offset
        t = datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=NY)
    return t if t <= AS_OF else None


def sfid(text):
    """A Salesforce id in one comparable form: 18 characters, lower case."""
    text = text.strip()
    if len(text) == 15:
        for i in range(3):
            bits = sum(1 << j for j, c in enumerate(text[5 * i:5 * i + 5]) if "A" <= c <= "Z")
            text += "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"[bits]
    return text.lower()


parent = {}


def find(x):
    parent.setdefault(x, x)
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def union(a, b):
    parent[find(a)] = find(b)


def load():
    """People records (node, created, source, stage dates, status stages), opportunities,
    and opportunity -> node links. Unions records by email and conversion ids."""
    records, opps, links = [], {}, []

    def add(node, email, created, source, dates, statuses, name):
        if email.strip():
            union(node, "email:" + email.strip().lower())
        records.append({"node": node, "created": parse_time(created), "source": source.strip(),
                        "dates": dates, "statuses": statuses, "name": name})

    for r in read(HUBSPOT):
        add("hs:" + r["Record ID"], r["Email"], r["Create Date"], r["Original Source"],
            [(stage, parse_time(r[col])) for col, stage in HS_DATE_COLUMNS.items()],
            [lookup(HS_LIFECYCLE, "Lifecycle Stage", r["Lifecycle Stage"]),
             lookup(HS_LEAD_STATUS, "HubSpot Lead Status", r["Lead Status"])],
            r["First Name"] + " " + r["Last Name"])
    for r in read("Lead.csv"):
        node = "sf:" + sfid(r["Id"])
        if r["ConvertedContactId"].strip():
            union(node, "sf:" + sfid(r["ConvertedContactId"]))
        if r["ConvertedOpportunityId"].strip():
            links.append((sfid(r["ConvertedOpportunityId"]), node))
        add(node, r["Email"], r["CreatedDate"], r["LeadSource"],
            [("sql", parse_time(r["ConvertedDate"]))],
            [lookup(SF_LEAD_STATUS, "Lead Status", r["Status"])],
            r["FirstName"] + " " + r["LastName"])
    for r in read("Contact.csv"):
        add("sf:" + sfid(r["Id"]), r["Email"], r["CreatedDate"], r["LeadSource"], [], [],
            r["FirstName"] + " " + r["LastName"])
    for r in read("Opportunity.csv"):
        opps[sfid(r["Id"])] = {"created": parse_time(r["CreatedDate"]), "stage": r["StageName"],
                               "won": r["IsWon"] == "true", "close": parse_time(r["CloseDate"]),
                               "history": []}
    for r in read("OpportunityHistory.csv"):
        opps[sfid(r["OpportunityId"])]["history"].append(
            (parse_time(r["CreatedDate"]), opp_stage(r["StageName"])))
    for r in read("OpportunityContactRole.csv"):
        links.append((sfid(r["OpportunityId"]), "sf:" + sfid(r["ContactId"])))
    return records, opps, links


def stage_times(recs, linked):
    """SPEC 2.2: first matching rule wins; within a rule the earliest time wins."""
    times = {}
    for rec in recs:  # 1. stage-date columns
        for stage, t in rec["dates"]:
            if t:
                times[stage] = min(times.get(stage, t), t)
    history = {}  # 2. opportunity stage history
    for o in linked:
        for t, stage in o["history"]:
            if stage and t:
                history[stage] = min(history.get(stage, t), t)
    for stage, t in history.items():
        times.setdefault(stage, t)
    created = [o["created"] for o in linked if o["created"]]  # 3. opportunity / won
    if created:
        times.setdefault("opportunity", min(created))
    closed = [o["close"] for o in linked if o["won"] and o["close"]]
    if closed:
        times.setdefault("customer", min(closed))
    times.setdefault("lead", min(r["created"] for r in recs if r["created"]))  # 4.
    for stage in [s for r in recs for s in r["statuses"]] + [opp_stage(o["stage"]) for o in linked]:
        if stage:  # 5. current status, no time
            times.setdefault(stage, UNKNOWN)
    recorded = dict(times)
    for i, stage in enumerate(STAGES):  # skipped = "infer"
        if stage not in times:
            later = [times[s] for s in STAGES[i + 1:] if s in times]
            known = [t for t in later if t is not UNKNOWN]
            if later:
                times[stage] = min(known) if known else UNKNOWN
    return times, recorded


def build_people():
    records, opps, links = load()
    people = defaultdict(lambda: {"recs": [], "opps": {}})
    for rec in records:
        people[find(rec["node"])]["recs"].append(rec)
    linked = set()
    for opp_id, node in links:
        root = find(node)
        if opp_id in opps and root in people:  # a link, not a merge: opps join people
            people[root]["opps"][opp_id] = opps[opp_id]
            linked.add(opp_id)
    out = []
    for p in people.values():
        p["times"], p["recorded"] = stage_times(p["recs"], list(p["opps"].values()))
        first = min((r for r in p["recs"] if r["source"]), key=lambda r: r["created"], default=None)
        p["source"] = first["source"] if first else "(none)"
        p["name"] = p["recs"][0]["name"]
        out.append(p)
    return out, len(opps) - len(linked)


def pct(a, b):
    return f"{100 * a / b:5.1f}%" if b else "   n/a"


def print_funnel(title, cohort):
    print(f"\n{title}: {len(cohort)} people")
    print(f"  {'stage':<12} {'reached':>7} {'step':>7} {'cumul':>7}")
    counts = [sum(1 for p in cohort if s in p["times"]) for s in STAGES]
    for i, s in enumerate(STAGES):
        step = pct(counts[i], counts[i - 1]) if i else ""
        print(f"  {s:<12} {counts[i]:>7} {step:>7} {pct(counts[i], counts[0]) if i else '':>7}")


def out_of_order(times):
    known = [times[s] for s in STAGES if s in times and times[s] is not UNKNOWN]
    return any(b < a for a, b in zip(known, known[1:]))


def main():
    people, orphan_opps = build_people()
    print("baton reference numbers: policy infer, tz America/New_York, as-of 2024-07-01T00:00:00Z")
    print_funnel("All-time cohort (first stage lead)", people)
    q1 = [p for p in people if p["times"]["lead"] is not UNKNOWN and Q1[0] <= p["times"]["lead"] < Q1[1]]
    print_funnel("2024-Q1 lead cohort [2024-01-01, 2024-04-01) New York", q1)
    print("\nAll time by source (first touch: earliest record with a LeadSource / Original Source)")
    print(f"  {'source':<18}" + "".join(f"{s:>12}" for s in STAGES))
    by_source = defaultdict(list)
    for p in people:
        by_source[p["source"]].append(p)
    for source in sorted(by_source):
        row = [sum(1 for p in by_source[source] if s in p["times"]) for s in STAGES]
        print(f"  {source:<18}" + "".join(f"{n:>12}" for n in row))
    print("\nData quality")
    print("  people:", len(people), " records:", sum(len(p["recs"]) for p in people))
    for s in STAGES:
        n = sum(1 for p in people if p["times"].get(s) is UNKNOWN)
        if n:
            print(f"  reached {s} at an unknown time: {n}")
    for s in STAGES[1:]:
        n = sum(1 for p in people if s in p["times"] and s not in p["recorded"])
        print(f"  {s} inferred (skipped): {n}")
    bad = [p["name"] for p in people if out_of_order(p["recorded"])]
    print(f"  stage times out of order: {len(bad)} {bad}")
    for (col, value), n in sorted(unmapped.items()):
        print(f"  unmapped {col} {value!r}: {n} rows")
    ids = {sfid(r["Id"]) for f in ("Lead.csv", "Contact.csv") for r in read(f)}
    orphans = [r["Id"] for r in read("Task.csv") if r["WhoId"] and sfid(r["WhoId"]) not in ids]
    print(f"  tasks whose WhoId matches no lead/contact: {len(orphans)} {orphans}")
    print(f"  opportunities linked to no person: {orphan_opps}")


if __name__ == "__main__":
    main()
