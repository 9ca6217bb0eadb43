#!/usr/bin/env python3
"""Adds campaigns, campaign members and ad spend to a bench company (gen_company.py).

usage: bench/gen_spend.py OUT_DIR PEOPLE

Writes, with a fixed seed, next to the company's files:
  Campaign.csv        20 Salesforce campaigns (Data Loader layout, ActualCost over 2024)
  CampaignMember.csv  every Salesforce lead of the company (even person numbers) responded
                      to one or two campaigns (HasResponded, FirstRespondedDate, CreatedDate)
  google-ads.csv      a Google Ads UI download: one row per day of 2024 and ad campaign,
                      title lines and Total rows, for the 10 ad campaigns; they cover
                      every day, so they replace their campaigns' ActualCost entirely
Prints the row counts and the total spend as JSON on stdout.
"""
import json
import random
import sys
from datetime import date, timedelta

from gen_company import sf_id

CAMPAIGNS = 20


def main():
    out, people = sys.argv[1], int(sys.argv[2])
    rng = random.Random(7)
    names = [f"Campaign {c:02d}" for c in range(CAMPAIGNS)]
    ids = [sf_id("701", c) for c in range(CAMPAIGNS)]
    with open(f"{out}/Campaign.csv", "w", newline="") as f:
        f.write('"Id","Name","Type","Status","StartDate","EndDate","BudgetedCost","ActualCost"\r\n')
        for c in range(CAMPAIGNS):
            f.write(f'"{ids[c]}","{names[c]}","{"Advertisement" if c < 10 else "Event"}",'
                    f'"Completed","2024-01-01","2024-12-31","100000.0","{50000 + 1000 * c}.0"\r\n')
    members = 0
    with open(f"{out}/CampaignMember.csv", "w", newline="") as f:
        f.write('"Id","CampaignId","LeadId","ContactId","Status","HasResponded",'
                '"FirstRespondedDate","CreatedDate"\r\n')
        for p in range(0, people, 2):
            day = 1 + p % 28
            month = 1 + (p // 28) % 12
            for k in range(1 + (rng.random() < 0.3)):
                c = rng.randrange(CAMPAIGNS)
                members += 1
                f.write(f'"{sf_id("00v", members)}","{ids[c]}","{sf_id("00Q", p)}","",'
                        f'"Responded","true","2024-{month:02d}-{day:02d}",'
                        f'"2024-{month:02d}-{day:02d}T0{k}:00:00.000Z"\r\n')
    rows = 0
    total = 0
    with open(f"{out}/google-ads.csv", "w", newline="") as f:
        f.write('Campaign report\n"January 1, 2024 - December 31, 2024"\n')
        f.write("Day,Campaign,Campaign ID,Currency code,Cost,Impr.,Clicks\n")
        for d in range(366):  # every day of 2024, so the ads cover the whole year
            day = date(2024, 1, 1) + timedelta(days=d)
            for c in range(10):
                cents = rng.randrange(5000, 30000)
                total += cents
                rows += 1
                f.write(f"{day.isoformat()},{names[c]},{900 + c},USD,"
                        f"{cents // 100}.{cents % 100:02d},{cents // 7},{cents // 300}\n")
        f.write(f"Total: Account,,,USD,{total // 100}.{total % 100:02d},,\n")
    json.dump({"campaigns": CAMPAIGNS, "members": members, "spend_rows": rows,
               "ad_spend": total / 100}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
