#!/usr/bin/env python3
"""Generates a large company in real export layouts for baton's benchmarks.

usage: bench/gen_company.py OUT_DIR PEOPLE [TASKS_PER_LEAD]

Writes, with a fixed seed (same arguments, same bytes):
  hubspot-contacts.csv  every person (HubSpot labels, "YYYY-MM-DD HH:mm" local times)
  Lead.csv              half of them as Salesforce leads (Data Loader: quoted, ISO UTC,
                        the same email in upper case half the time, ~5% multi-line Description)
  Task.csv              TASKS_PER_LEAD (default 5) tasks per lead
Prints the row counts, the number of people and of HubSpot MQLs as JSON on stdout.
"""
import json
import os
import random
import sys

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


def main():
    out, people = sys.argv[1], int(sys.argv[2])
    tasks_per_lead = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    rng = random.Random(42)
    os.makedirs(out, exist_ok=True)
    sources = ["Paid search", "Organic search", "Email marketing", "Paid social", "Referrals"]
    statuses = ["Open - Not Contacted", "Working - Contacted", "Closed - Converted",
                "Closed - Not Converted"]
    mql = sal = leads = tasks = 0
    with open(f"{out}/hubspot-contacts.csv", "w", newline="") as hs, \
         open(f"{out}/Lead.csv", "w", newline="") as lead, \
         open(f"{out}/Task.csv", "w", newline="") as task:
        hs.write('"Record ID","Email","Lifecycle Stage","Contact owner","Create Date",'
                 '"Became a Lead Date","Became a Marketing Qualified Lead Date",'
                 '"Original Source","HubSpot Score"\r\n')
        lead.write('"Id","OwnerId","Email","Status","LeadSource","CreatedDate",'
                   '"IsConverted","ConvertedDate","Description"\r\n')
        task.write('"Id","WhoId","Subject","ActivityDate","CreatedDate","TaskSubtype"\r\n')
        for p in range(people):
            day = 1 + p % 28
            month = 1 + (p // 28) % 12
            hour = 8 + p % 10
            email = f"person{p}@company{p % 9973}.example"
            is_mql = rng.random() < 0.4
            created = f"2024-{month:02d}-{day:02d} {hour:02d}:{p % 60:02d}"
            mql_date = f"2024-{month:02d}-{day:02d} {hour + 1:02d}:00" if is_mql else ""
            hs.write(f'"{10**10 + p}","{email}","{"Marketing Qualified Lead" if is_mql else "Lead"}",'
                     f'"Rep {p % 40}","{created}","{created}","{mql_date}",'
                     f'"{sources[p % 5]}","{p % 100}"\r\n')
            mql += is_mql
            if p % 2 == 0:
                leads += 1
                status = statuses[p % 4]
                sal += status in ("Working - Contacted", "Closed - Converted")
                shown = email.upper() if p % 4 == 0 else email
                # RFC 4180: quotes inside a quoted field are doubled.
                desc = ('Asked for pricing.\r\nCall back Tuesday, ""after lunch"".'
                        if rng.random() < 0.05 else "")
                lid = sf_id("00Q", p)
                lead.write(f'"{lid}","005000000000001AAA","{shown}","{status}","Web",'
                           f'"2024-{month:02d}-{day:02d}T{hour:02d}:30:00.000+0000","false","",'
                           f'"{desc}"\r\n')
                for t in range(tasks_per_lead):
                    tasks += 1
                    task.write(f'"{sf_id("00T", p * 10 + t)}","{lid}","Call",'
                               f'"2024-{month:02d}-{day:02d}",'
                               f'"2024-{month:02d}-{day:02d}T{hour:02d}:4{t}:00.000Z","Call"\r\n')
    # Every lead row shares its email with a HubSpot row, so people == PEOPLE.
    json.dump({"people": people, "hubspot_rows": people, "lead_rows": leads, "task_rows": tasks,
               "mql": mql}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
