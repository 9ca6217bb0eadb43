#!/usr/bin/env python3
"""Generate the Norvale Tools demo exports next to this script.

Norvale Tools sells a maintenance-management app (CMMS) to plants, hospitals,
schools and property managers on the US east coast. Marketing runs HubSpot:
every marketing lead is a HubSpot contact, and a contact is synced to
Salesforce as a Lead when it becomes a marketing qualified lead (MQL). Four
sales reps work those leads and the ones they find themselves, log calls and
emails as Tasks, and convert the good ones into a Contact and an Opportunity.

The files cover 2024-01-01 .. 2024-06-30 and were "exported" on 2024-07-01.
The script is deterministic (fixed seed, no clock, no environment): two runs
write byte-identical files. python3 standard library only.

Usage: python3 samples/generate.py
"""

import csv
import json
import math
import os
import random
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

SEED = 20240701
HERE = os.path.dirname(os.path.abspath(__file__))
NY = ZoneInfo("America/New_York")
UTC = timezone.utc
AS_OF = datetime(2024, 7, 1, tzinfo=UTC)  # the export moment: nothing after it
FIRST_DAY, LAST_DAY = date(2024, 1, 1), date(2024, 6, 30)
ONE_DAY = timedelta(days=1)
HOLIDAYS = {date(2024, 1, 1), date(2024, 1, 15), date(2024, 2, 19),
            date(2024, 5, 27), date(2024, 6, 19)}
DAY_START, DAY_END = time(9, 0), time(17, 30)  # the sales team's working hours

rng = random.Random(SEED)


# --------------------------------------------------------------------------
# Time helpers. Every instant is an aware UTC datetime; NY is for display and
# for the working calendar.

def at(d, tm):
    return datetime.combine(d, tm, tzinfo=NY).astimezone(UTC)


def ny(y, m, d, h=0, mi=0, s=0):
    return datetime(y, m, d, h, mi, s, tzinfo=NY).astimezone(UTC)


def nyday(t):
    return t.astimezone(NY).date()


def is_workday(d, rep=None):
    if d.weekday() >= 5 or d in HOLIDAYS:
        return False
    return rep is None or d not in rep["off"]


def next_work(t, rep=None):
    """The first working moment at or after t."""
    lt = t.astimezone(NY)
    d = lt.date()
    if is_workday(d, rep):
        if lt.time() < DAY_START:
            return at(d, DAY_START)
        if lt.time() < DAY_END:
            return t
    d += ONE_DAY
    while not is_workday(d, rep):
        d += ONE_DAY
    return at(d, DAY_START)


def business_add(t, minutes, rep=None):
    """t plus `minutes` working minutes."""
    t = next_work(t, rep)
    while True:
        end = at(nyday(t), DAY_END)
        left = (end - t).total_seconds() / 60
        if minutes <= left:
            return t + timedelta(minutes=minutes)
        minutes -= left
        t = next_work(end, rep)


def jitter(t, lo=1, hi=45):
    return t + timedelta(minutes=rng.uniform(lo, hi), seconds=rng.randrange(60))


def later_touch(t, rep):
    """The next attempt: a few days later, in working hours."""
    gap = timedelta(days=rng.choice([1, 1, 1, 2, 2, 3, 4, 6]), hours=rng.uniform(-3, 3))
    return jitter(next_work(t + gap, rep), 5, 120)


def day_weights(first, last, weekend=0.3, holiday=0.6, growth=0.35):
    days, weights = [], []
    n = max((last - first).days, 1)
    d = first
    while d <= last:
        w = 1 + growth * (d - FIRST_DAY).days / 182
        if d.weekday() >= 5:
            w *= weekend
        elif d in HOLIDAYS:
            w *= holiday
        days.append(d)
        weights.append(w)
        d += ONE_DAY
    return days, weights


def inbound_time(first, last):
    """A form fill: weekday office hours mostly, some evenings and weekends."""
    days, weights = day_weights(first, last)
    while True:
        d = rng.choices(days, weights)[0]
        if d.weekday() >= 5:
            h = rng.randrange(8, 23)
        else:
            h = rng.choices(range(6, 23), [1, 2, 4, 7, 9, 9, 8, 8, 9, 8, 6, 4, 3, 3, 2, 2, 1])[0]
        t = ny(d.year, d.month, d.day, h, rng.randrange(60), rng.randrange(60))
        if t < AS_OF - timedelta(hours=1):
            return t


def fmt_sf(t, zulu=False):
    s = t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000")
    return s + ("Z" if zulu else "+0000")


def fmt_hs(t):
    return t.astimezone(NY).strftime("%Y-%m-%d %H:%M") if t else ""


def fmt_money(x):
    """Data Loader writes numbers the way Java prints a double."""
    return f"{x:.1f}" if float(x).is_integer() else repr(float(x))


# --------------------------------------------------------------------------
# Salesforce ids: 3-char key prefix, 2-char pod, reserved 0, 9-char counter,
# then the 3-char case-safe suffix.

B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"


def to18(id15):
    out = id15
    for i in range(3):
        bits = sum(1 << j for j, c in enumerate(id15[5 * i:5 * i + 5]) if "A" <= c <= "Z")
        out += SUFFIX[bits]
    return out


assert to18("70130000001tcyI") == "70130000001tcyIAAQ"
assert to18("003G000001SUbc4") == "003G000001SUbc4IAD"


class IdGen:
    def __init__(self, prefix, r=None):
        self.prefix = prefix
        self.rng = r or rng  # a file with its own random stream passes it here
        self.n = self.rng.randrange(62 ** 5, 62 ** 6)

    def next(self):
        self.n += self.rng.randint(1, 6)  # other users' records interleave
        n, digits = self.n, ""
        for _ in range(9):
            n, r = divmod(n, 62)
            digits = B62[r] + digits
        return to18(self.prefix + "Kb0" + digits)


# --------------------------------------------------------------------------
# Names and companies (all invented; .example domains).

FIRST = """Aaron Abigail Adrian Aisha Alan Alexis Allison Amir Ana Andre Angela Anita
Ben Bianca Brad Brenda Brian Caleb Carla Carmen Carol Chen Chris Claire Colin Connor
Craig Dan Daniel Darnell Deb Denise Devin Diane Diego Dmitri Doug Elena Elijah Ellen
Emeka Emily Eric Erin Ethan Evan Faith Farah Felix Fiona Frank Gabe Gail Gina Grace
Graham Greg Hana Hannah Heather Hiro Ian Imani Irene Isaac Ivan Jack Jade Jamal James
Jana Jason Javier Jeff Jen Jerome Jill Joan Joel Jorge Josh Joy Juan Julia Julian
Karen Kareem Kate Keith Kelly Ken Kevin Kim Kyle Lamar Laura Leah Lee Leon Linda Lisa
Logan Lori Luis Maggie Malik Marco Maria Mark Martin Maya Megan Mei Mike Miguel Molly
Monica Nadia Nate Neil Nick Nina Noah Olivia Owen Pat Paul Paula Pedro Peter Quinn
Rachel Raj Ramon Rebecca Renee Rick Rita Rob Robin Rosa Ruth Ryan Sam Sandra Sara Scott
Sean Seth Sonia Stacy Steve Sunil Tanya Terrence Tim Tina Todd Tony Tracy Trevor Troy
Uma Valerie Vic Vince Wade Wanda Wes Will Xavier Yara Yusuf Zach Zoe""".split()

LAST = """Abbott Acosta Adeyemi Alvarez Ambrose Anand Archer Arnaud Baird Banerjee
Barlow Becker Bell Benoit Bishop Blake Boateng Bouchard Boyle Brennan Brooks Burke
Caldwell Callahan Cardenas Carver Castillo Chandler Chao Cho Cleary Coleman Conley
Costa Crane Cruz Cullen Dalton Darby Delgado Devlin Diaz Dixon Doherty Donovan Drake
Duarte Dunn Eaton Ellison Espinoza Farrell Fenwick Ferreira Finch Fitzgerald Fleming
Flores Foley Forsyth Gallagher Garza Gates Gibbs Goldberg Gomez Gorman Grady Greer
Guerrero Gupta Hale Halvorsen Hammond Harlow Hayes Healy Hendricks Herrera Hogan
Holt Hughes Ibarra Iqbal Jansen Jenkins Joshi Kaplan Kaur Keane Kearney Kendrick
Khan Kimura Kirby Kovac Lambert Landry Larkin Leclair Lennox Lim Lowry Lucero Lynch
MacLeod Madden Maguire Malone Marsh Mathis Mbeki McAllister McBride McCann McGowan
Medina Mercer Meyers Molina Monroe Morrow Mulligan Nakamura Navarro Nguyen Novak Nunez
Obi OConnell Okoro Olsen Ortega Osei Pacheco Palmer Park Patel Pearce Perrault
Pham Pierce Porter Prescott Quinlan Quintero Rahman Ramsey Reyes Riordan Rivera
Roche Rojas Rourke Russo Salazar Sandoval Santos Sato Schaefer Shah Sheehan
Silva Sloane Soto Stanton Stein Sullivan Suzuki Tanaka Thornton Torres Tran
Trujillo Tucker Vance Vargas Vasquez Vogel Wagner Walsh Ward Webb Whelan Wiley
Wu Yamamoto Yates Yoon Zamora Zimmerman""".split()

PLACE = """Allegheny Atlantic Bayside Beacon Berkshire Blackstone Blue Ridge Brandywine
Cape Fear Capitol Catskill Chesapeake Coastal Commonwealth Delmarva Empire Fairhaven
Finger Lakes Garden State Granite Green Mountain Harbor Point Harborline Housatonic
Hudson Valley Keystone Lackawanna Lehigh Liberty Long Island Merrimack Mohawk Monmouth
Narragansett Neponset Old Dominion Palmetto Passaic Patriot Piedmont Pine Barrens
Potomac Quaker Ridge Raritan Roanoke Salem Savannah Seacoast Seneca Shenandoah
Susquehanna Taconic Tidewater Valley Forge Wachusett Westchester""".split()
PLACE2 = {"Blue": "Ridge", "Cape": "Fear", "Finger": "Lakes", "Garden": "State",
          "Green": "Mountain", "Harbor": "Point", "Hudson": "Valley", "Long": "Island",
          "Old": "Dominion", "Pine": "Barrens", "Valley": "Forge"}
INDUSTRY = """Foods|Packaging|Plastics|Medical Center|Property Management|Cold Storage|
Machining|Water Authority|Public Schools|Logistics|Bottling|Textiles|Precision Parts|
Brewing Co.|Regional Hospital|Facilities Group|Printing|Metal Works|Paper Mill|
Senior Living|Community College|Distribution|Dairy Co-op|Fabrication|Hotels|
Transit Authority|Biologics|Components|Millwork|Seafood""".replace("\n", "").split("|")


def places():
    out, words = [], PLACE
    i = 0
    while i < len(words):
        w = words[i]
        if w in PLACE2 and i + 1 < len(words) and words[i + 1] == PLACE2[w]:
            out.append(w + " " + words[i + 1])
            i += 2
        else:
            out.append(w)
            i += 1
    return out


PLACES = places()
used_names, used_companies, used_emails = set(), set(), set()


def new_company(name=None):
    while name is None:
        cand = rng.choice(PLACES) + " " + rng.choice(INDUSTRY)
        if cand not in used_companies:
            name = cand
    used_companies.add(name)
    slug = "".join(c for c in name.lower().replace("co.", "").replace("co-op", "coop") if c.isalnum())
    style = rng.choices(["first.last", "flast", "first", "firstl"], [6, 4, 1, 1])[0]
    return {"name": name, "domain": slug + ".example", "style": style, "account": None}


def new_name():
    while True:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if (first, last) not in used_names:
            used_names.add((first, last))
            return first, last


def make_email(first, last, company):
    f, l = first.lower(), last.lower()
    local = {"first.last": f"{f}.{l}", "flast": f"{f[0]}{l}", "first": f,
             "firstl": f"{f}{l[0]}"}[company["style"]]
    email = f"{local}@{company['domain']}"
    n = 2
    while email.lower() in used_emails:
        email = f"{local}{n}@{company['domain']}"
        n += 1
    used_emails.add(email.lower())
    return email


def new_person(first=None, last=None, company=None, email=None):
    if first is None:
        first, last = new_name()
    else:
        used_names.add((first, last))
    company = company or new_company()
    if email is None:
        email = make_email(first, last, company)
    else:
        used_emails.add(email.lower())
    return {"first": first, "last": last, "company": company, "email": email}


# --------------------------------------------------------------------------
# The world's records. Each is a dict; ids are given at the end, in creation
# order, the way Salesforce hands them out.

REPS = [
    {"first": "Alicia", "last": "Moreno", "median": 35, "slow": 0.05, "off": set()},
    {"first": "Derek", "last": "Chung", "median": 80, "slow": 0.07,
     "off": {date(2024, 5, d) for d in range(20, 25)}},  # vacation, leads pile up
    {"first": "Shannon", "last": "Pike", "median": 200, "slow": 0.15, "off": set()},
    {"first": "Omar", "last": "Haddad", "median": 55, "slow": 0.08,
     "off": {date(2024, 3, 28), date(2024, 3, 29)}},
]
for r in REPS:
    r["name"] = f"{r['first']} {r['last']}"
ALICIA, DEREK, SHANNON, OMAR = REPS

CAMPAIGNS = {  # key: name, type, status, start, end, budget, actual, member status
    "gads": ("Google Ads - CMMS Search 2024", "Advertisement", "In Progress",
             date(2024, 1, 1), date(2024, 12, 31), 60000, 29480, "Responded"),
    "li": ("LinkedIn - Facility Managers H1", "Advertisement", "Completed",
           date(2024, 1, 15), date(2024, 6, 30), 24000, 22315, "Responded"),
    "webinar": ("Webinar - Preventive Maintenance 101", "Webinar", "Completed",
                date(2024, 2, 1), date(2024, 2, 21), 6000, 5420, "Attended"),
    "ebook": ("Ebook - Maintenance KPI Guide", "Other", "In Progress",
              date(2024, 3, 1), date(2024, 8, 31), 8000, 6150, "Downloaded"),
    "expo": ("MRO Expo Boston 2024", "Trade Show", "Completed",
             date(2024, 4, 16), date(2024, 4, 18), 18000, 19750, "Visited Booth"),
    "referral": ("Customer Referral Program 2024", "Referral Program", "In Progress",
                 date(2024, 1, 1), date(2024, 12, 31), 10000, 4500, "Responded"),
}

# channel: HubSpot Original Source, Salesforce LeadSource, campaign, MQL rate,
# how often sales converts such an MQL
CHANNELS = {
    "gads": ("Paid search", "Paid Search", "gads", 0.50, 0.42),
    "li": ("Paid social", "Paid Social", "li", 0.35, 0.30),
    "webinar": ("Email marketing", "Webinar", "webinar", 0.50, 0.35),
    "ebook": ("Organic search", "Content", "ebook", 0.30, 0.30),
    "expo": ("Offline sources", "Trade Show", "expo", 0.55, 0.38),
    "organic": ("Organic search", "Web", None, 0.40, 0.40),
    "direct": ("Direct traffic", "Web", None, 0.45, 0.45),
    "social": ("Organic social", "Web", None, 0.25, 0.30),
    "referral": ("Referrals", "Customer Referral", "referral", 0.85, 0.70),
}
CHANNEL_COUNTS = {"gads": 66, "li": 34, "webinar": 28, "ebook": 36, "expo": 24,
                  "organic": 34, "direct": 18, "social": 10, "referral": 7}
SALES_SOURCES = {"Outbound": (17, 0.30), "Customer Referral": (6, 0.65),
                 "Phone Inquiry": (6, 0.5), "Partner Referral": (4, 0.55)}

hs_contacts, leads, contacts, opps, tasks, members, planted = [], [], [], [], [], [], []
accounts = []
rr = [0]  # round-robin pointer for MQL assignment


def next_rep():
    rep = REPS[rr[0] % len(REPS)]
    rr[0] += 1
    return rep


def add_task(who, t, kind, rep, what=None, desc="", subject=None):
    typ, subtype, subj = {
        "call": ("Call", "Call", rng.choice(["Call", "Intro call", "Call", "Follow-up call"])),
        "vm": ("Call", "Call", rng.choice(["Left voicemail", "Call - no answer"])),
        "email": ("Email", "Email", rng.choice(["Email: Norvale CMMS intro",
                                                 "Email: Following up",
                                                 "Email: Re: your demo request",
                                                 "Email: PM checklist + pricing"])),
        "meeting": ("Meeting", "Task", "Discovery call"),
    }[kind]
    task = {"created": t, "who": who, "what": what, "owner": rep, "subject": subject or subj,
            "type": typ, "subtype": subtype, "status": "Completed",
            "activity": nyday(t), "completed": t, "desc": desc}
    tasks.append(task)
    return task


TASK_NOTES = ["Using spreadsheets + paper work orders today.",
              "Wants pricing for ~{n} techs.",
              "Asked about the mobile app and offline mode.",
              "On a competitor contract until September.",
              "Gatekeeper; try the maintenance manager directly.",
              "Interested, needs IT sign-off.",
              "Asked for a SOC 2 report."]


def work_lead(lead, outcome, not_before):
    """Simulate sales working a lead: touches, then the outcome if time allows.

    not_before: the NY date after which a conversion may happen (conversions
    are on a later day than the lead's MQL, so date-only ConvertedDate values
    never fall before an earlier stage).
    """
    rep = lead["owner"]
    if outcome == "open":
        lead["status"] = "Open - Not Contacted"
        return
    if lead["source"] == "Outbound":
        t = lead["created"] + timedelta(minutes=rng.uniform(1, 12))
    elif rng.random() < rep["slow"]:
        t = business_add(lead["created"], rng.uniform(480, 2000), rep)
    else:
        t = business_add(lead["created"], min(rng.lognormvariate(math.log(rep["median"]), 0.8), 900), rep)
    t += timedelta(seconds=rng.randrange(60))
    n = {"working": rng.randint(1, 3), "disq": rng.randint(2, 4), "nurture": rng.randint(2, 3),
         "convert": rng.randint(2, 4)}[outcome]
    touches = []
    for i in range(n):
        if t >= AS_OF:
            break
        if i == 0:
            kind = rng.choices(["call", "vm", "email"], [4, 2, 4])[0]
        elif outcome == "convert" and i == n - 1:
            kind = "meeting"
        else:
            kind = rng.choices(["call", "vm", "email"], [4, 3, 4])[0]
        desc = rng.choice(TASK_NOTES).format(n=rng.choice([8, 12, 20, 35])) if rng.random() < 0.15 else ""
        add_task(lead, t, kind, rep, desc=desc)
        touches.append(t)
        t = later_touch(t, rep)
    lead["touches"] = touches
    if not touches:
        outcome = "open"
    elif len(touches) < n:
        outcome = "working"
    if outcome == "convert":
        conv = jitter(next_work(touches[-1] + timedelta(hours=rng.uniform(2, 60)), rep))
        while nyday(conv) <= not_before:
            conv = jitter(next_work(at(nyday(conv) + ONE_DAY, DAY_START), rep))
        if conv >= AS_OF:
            outcome = "working"
        else:
            convert(lead, conv)
    if outcome == "working" and rng.random() < 0.3 and touches:
        follow = touches[-1] + timedelta(minutes=2)
        task = add_task(lead, follow, "call", rep, subject="Follow up")
        task.update(status="Not Started", completed=None,
                    activity=next_work(touches[-1] + timedelta(days=rng.randint(5, 14))).astimezone(NY).date())
    lead["status"] = {"open": "Open - Not Contacted", "working": "Working - Contacted",
                      "disq": "Closed - Not Converted", "nurture": "Nurture",
                      "convert": "Closed - Converted"}[outcome]
    lead["outcome"] = outcome


def account_for(company, t):
    if company["account"] is None:
        company["account"] = {"created": t}
        accounts.append(company["account"])
    return company["account"]


def convert(lead, conv, with_opp=True, fate=None):
    lead["conv"] = conv
    person = lead["person"]
    contact = {"created": conv + timedelta(seconds=1), "lead": lead, "owner": lead["owner"],
               "account": account_for(person["company"], conv), "email": lead["email"],
               "first": person["first"], "last": person["last"], "source": lead["source"]}
    contacts.append(contact)
    lead["contact"] = contact
    if with_opp:
        lead["opp"] = new_opp(contact, conv + timedelta(seconds=2), lead["owner"], lead, fate)
        add_role(lead["opp"], contact, conv + timedelta(seconds=3), True)


STAGES = {"Prospecting": (10, "Pipeline"), "Qualification": (10, "Pipeline"),
          "Needs Analysis": (20, "Pipeline"), "Value Proposition": (50, "Pipeline"),
          "Id. Decision Makers": (60, "Pipeline"), "Perception Analysis": (70, "Pipeline"),
          "Proposal/Price Quote": (75, "BestCase"), "Negotiation/Review": (90, "Forecast"),
          "Closed Won": (100, "Closed"), "Closed Lost": (0, "Omitted")}
STAGE_TASKS = {"Needs Analysis": ("call", "Discovery call"),
               "Value Proposition": ("meeting", "Demo - Norvale CMMS"),
               "Id. Decision Makers": ("meeting", "Call with plant manager + CFO"),
               "Proposal/Price Quote": ("email", "Email: Proposal + pricing"),
               "Negotiation/Review": ("call", "Call: contract terms"),
               "Closed Won": ("email", "Email: Signed order form"),
               "Closed Lost": ("call", "Call: loss review")}


def end_of_month(d):
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - ONE_DAY


def new_opp(contact, created, rep, lead, fate=None):
    company = lead["person"]["company"]
    seats = rng.choices([5, 8, 10, 12, 15, 20, 25, 30, 40, 60], [3, 4, 6, 6, 5, 5, 3, 3, 2, 1])[0]
    impl = rng.choice([0, 2500, 2500, 4500, 7500])
    amount = seats * 1140 + impl
    opp = {"created": created, "owner": rep, "company": company, "account": contact["account"],
           "name": f"{company['name']} - CMMS {seats} seats", "source": lead["source"],
           "campaign": lead.get("campaign"), "history": [], "roles": [], "contact": contact}
    opps.append(opp)
    path = [rng.choice(["Prospecting", "Qualification"])]
    if path[0] == "Prospecting" and rng.random() < 0.6:
        path.append("Qualification")
    path += ["Needs Analysis", "Value Proposition"]
    if rng.random() < 0.5:
        path.append("Id. Decision Makers")
    if rng.random() < 0.3:
        path.append("Perception Analysis")
    path += ["Proposal/Price Quote", "Negotiation/Review"]
    fate = fate or rng.choices(["won", "lost", "stall"], [0.45, 0.4, 0.15])[0]
    if fate == "won":
        path.append("Closed Won")
    elif fate == "lost":
        path = path[:rng.randint(2, len(path))] + ["Closed Lost"]
    else:
        path = path[:rng.randint(2, len(path))]
    close = end_of_month(nyday(created) + timedelta(days=rng.randint(40, 75)))
    t = created
    for i, stage in enumerate(path):
        if i > 0:
            t = jitter(next_work(t + timedelta(days=rng.uniform(2, 12)), rep), 10, 300)
            if t >= AS_OF:
                break
            if stage in STAGE_TASKS and rng.random() < 0.6:
                kind, subject = STAGE_TASKS[stage]
                before = max(t - timedelta(minutes=rng.uniform(20, 240)), opp["history"][-1]["t"] + timedelta(minutes=5))
                add_task(contact, before, kind, rep, what=opp, subject=subject)
        if stage == "Proposal/Price Quote" and rng.random() < 0.3:
            seats2 = max(5, seats + rng.choice([-5, -3, 2, 5, 10]))
            amount += (seats2 - seats) * 1140
            seats = seats2
        if nyday(t) > close or (stage == "Proposal/Price Quote" and rng.random() < 0.2):
            close = end_of_month(max(close, nyday(t)) + timedelta(days=20))
        if stage.startswith("Closed"):
            close = nyday(t)
        opp["history"].append({"t": t, "stage": stage, "amount": amount, "close": close})
        if stage == "Negotiation/Review" and rng.random() < 0.6:
            t2 = jitter(next_work(t + timedelta(days=rng.uniform(1, 3)), rep), 10, 200)
            if t2 < AS_OF:
                amount = round(amount * (1 - rng.choice([0.05, 0.08, 0.1, 0.12])) / 10) * 10
                opp["history"].append({"t": t2, "stage": stage, "amount": amount, "close": close})
                t = t2
    last = opp["history"][-1]
    opp.update(stage=last["stage"], amount=last["amount"], close=last["close"])
    if opp["stage"] == "Closed Won":
        opp["won_at"] = last["t"]
    return opp


def add_role(opp, contact, t, primary, role=None):
    if role is None:
        role = rng.choice(["", "", "Decision Maker", "Economic Buyer", "Evaluator"])
    r = {"created": t, "opp": opp, "contact": contact, "role": role, "primary": primary, "id15": False}
    opp["roles"].append(r)
    return r


def new_lead(person, created, owner, source, campaign=None, email=None):
    lead = {"person": person, "created": created, "owner": owner, "source": source,
            "campaign": campaign, "email": person["email"] if email is None else email,
            "status": "Open - Not Contacted", "conv": None, "contact": None, "opp": None,
            "desc": "", "converted_raw": None, "hs": None}
    leads.append(lead)
    return lead


def draw_outcome(age_days, convert_rate=0.42):
    if age_days < 3:
        w = {"open": 5, "working": 5}
    elif age_days < 14:
        w = {"open": 1, "working": 6, "convert": 2, "disq": 1.5}
    elif age_days < 40:
        w = {"open": 0.3, "working": 2.5, "convert": convert_rate * 9, "disq": 3, "nurture": 0.4}
    else:
        w = {"open": 0.2, "working": 0.6, "convert": convert_rate * 10, "disq": 4.2, "nurture": 0.6}
    out = rng.choices(list(w), list(w.values()))[0]
    if out == "nurture":
        if nurture_left[0] == 0:
            return "disq"
        nurture_left[0] -= 1
    return out


nurture_left = [3]


# --------------------------------------------------------------------------
# Inbound (HubSpot) people.

def hs_contact(person, create, channel):
    c = {"person": person, "email": person["email"], "create": create, "lead_date": create,
         "mql": None, "sql": None, "opp": None, "cust": None, "lifecycle": "Lead",
         "status": rng.choices(["", "New", "Open"], [14, 5, 1])[0], "owner": None,
         "assigned": None, "score": rng.randint(5, 55), "source": CHANNELS[channel][0],
         "deals": "", "lead": None}
    hs_contacts.append(c)
    return c


def create_time(channel):
    if channel == "webinar":
        return inbound_time(date(2024, 1, 29), date(2024, 2, 21))
    if channel == "expo":  # badge scans imported the morning after the show
        return ny(2024, 4, 19, 10, 12, rng.randrange(60))
    if channel == "ebook":
        return inbound_time(date(2024, 3, 1), LAST_DAY)
    if channel == "li":
        return inbound_time(date(2024, 1, 15), LAST_DAY)
    return inbound_time(FIRST_DAY, LAST_DAY)


def mql_time(channel, create):
    if channel == "webinar":  # attendee list scored the morning after the webinar
        return max(create, ny(2024, 2, 22, 10, 5 + rng.randrange(15), rng.randrange(60)))
    if channel == "expo":
        return create + timedelta(minutes=rng.uniform(1, 6))
    if channel in ("gads", "direct", "referral") and rng.random() < 0.6:
        return create + timedelta(seconds=rng.randint(5, 90))  # demo request form
    return create + timedelta(days=rng.uniform(1, 25), hours=rng.uniform(-4, 4))


def sync_to_salesforce(c, channel, rep=None):
    """HubSpot creates a Salesforce lead a few minutes after the MQL."""
    person = c["person"]
    created = c["mql"] + timedelta(minutes=rng.uniform(2, 9))
    rep = rep or next_rep()
    lead = new_lead(person, created, rep, CHANNELS[channel][1], CHANNELS[channel][2])
    lead["hs"] = c
    c["lead"] = lead
    c["owner"] = rep
    c["assigned"] = created + timedelta(seconds=rng.randint(20, 100))
    return lead


def hs_after_sales(c):
    """Copy the Salesforce outcome back onto the HubSpot contact."""
    lead = c["lead"]
    out = lead.get("outcome", "open")
    if out == "open":
        c["status"] = "New"
    elif out == "working":
        c["status"] = rng.choice(["Attempted to Contact", "Connected", "In Progress"])
    elif out == "disq":
        c["status"] = rng.choices(["Unqualified", "Bad Timing"], [7, 3])[0]
        if rng.random() < 0.2:
            c["lifecycle"] = "Other"
    elif out == "nurture":
        c["status"] = "Bad Timing"
    if lead["opp"]:
        lag = timedelta(minutes=rng.uniform(2, 15))
        c["sql"] = lead["conv"] + lag
        c["opp"] = c["sql"] + timedelta(seconds=rng.randint(5, 50))
        c["lifecycle"], c["status"] = "Opportunity", "Open Deal"
        if lead["opp"].get("won_at"):
            c["cust"] = lead["opp"]["won_at"] + timedelta(minutes=rng.uniform(3, 20))
            c["lifecycle"] = "Customer"
            c["score"] = max(c["score"], rng.randint(70, 99))


def build_inbound():
    plan = [ch for ch, n in CHANNEL_COUNTS.items() for _ in range(n)]
    rng.shuffle(plan)
    subscribers = 0
    for channel in plan:
        person = new_person()
        create = create_time(channel)
        c = hs_contact(person, create, channel)
        person["channel"] = channel
        if channel in ("organic", "direct", "social", "ebook") and subscribers < 16 and rng.random() < 0.3:
            subscribers += 1
            c.update(lifecycle="Subscriber", lead_date=None, status="", score=rng.randint(0, 12))
            if subscribers % 4 == 0:  # later filled a gated form: became a lead
                c["lead_date"] = create + timedelta(days=rng.uniform(8, 40))
                c["lifecycle"], c["score"] = "Lead", rng.randint(15, 40)
                if c["lead_date"] >= AS_OF:
                    c.update(lifecycle="Subscriber", lead_date=None)
            continue
        if rng.random() < CHANNELS[channel][3]:
            m = mql_time(channel, create)
            if m < AS_OF - timedelta(hours=1):
                c["mql"], c["lifecycle"] = m, "Marketing Qualified Lead"
                c["score"] = rng.randint(60, 95)
                c["status"] = ""
        elif rng.random() < 0.04:
            c.update(lifecycle="Other", status="Unqualified")


def work_inbound():
    mqls = sorted((c for c in hs_contacts if c["mql"] and c["lead"] is None), key=lambda c: c["mql"])
    for c in mqls:
        lead = sync_to_salesforce(c, c["person"]["channel"])
        age = (AS_OF - lead["created"]).days
        work_lead(lead, draw_outcome(age, CHANNELS[c["person"]["channel"]][4]), nyday(c["mql"]))
        hs_after_sales(c)


def build_outbound():
    plan = [(src, rate) for src, (n, rate) in SALES_SOURCES.items() for _ in range(n)]
    rng.shuffle(plan)
    for src, rate in plan:
        person = new_person()
        rep = rng.choice(REPS)
        if src == "Outbound":  # a rep prospecting: working hours, on the phone
            d = rng.choices(*day_weights(FIRST_DAY, date(2024, 6, 28), weekend=0, holiday=0))[0]
            created = jitter(at(d, DAY_START), 5, 480)
        else:
            created = inbound_time(FIRST_DAY, LAST_DAY)
        campaign = "referral" if src == "Customer Referral" else None
        lead = new_lead(person, created, rep, src, campaign)
        lead["rate"] = rate
    for lead in sorted((l for l in leads if l["hs"] is None and "rate" in l), key=lambda l: l["created"]):
        age = (AS_OF - lead["created"]).days
        work_lead(lead, draw_outcome(age, lead["rate"]), nyday(lead["created"]))


# --------------------------------------------------------------------------
# The planted cases (see README.md).

def plant_dana():
    """Same person in both systems, email case differs; HubSpot never learned of the deal."""
    company = new_company("Norvale Marine")
    person = new_person("Dana", "Whitcombe", company, "dana.whitcombe@norvale.example")
    c = hs_contact(person, ny(2024, 2, 6, 13, 47, 12), "organic")
    c.update(email="Dana.Whitcombe@Norvale.example", status="", score=22)
    lead = new_lead(person, ny(2024, 2, 8, 10, 5, 41), DEREK, "Phone Inquiry")
    lead["desc"] = "Inbound call: two boatyards, PM scheduling for lifts and forklifts."
    add_task(lead, ny(2024, 2, 8, 10, 9, 3), "call", DEREK, subject="Inbound call")
    add_task(lead, ny(2024, 2, 12, 11, 30, 27), "email", DEREK)
    add_task(lead, ny(2024, 2, 16, 14, 0, 9), "meeting", DEREK)
    convert(lead, ny(2024, 2, 20, 14, 30, 18), fate="won")
    lead["status"] = "Closed - Converted"
    planted.append(("dana", c, lead))


def plant_out_of_order():
    """HubSpot SQL date before the MQL date (a scoring workflow re-run backfilled MQL)."""
    person = new_person("Teresa", "Lindqvist", new_company("Brandywine Packaging"))
    person["channel"] = "direct"
    c = hs_contact(person, ny(2024, 3, 11, 10, 2, 31), "direct")
    c.update(lifecycle="Sales Qualified Lead", status="Connected", score=81,
             mql=ny(2024, 3, 15, 9, 0, 0), sql=ny(2024, 3, 13, 15, 20, 44))
    lead = new_lead(person, ny(2024, 3, 11, 10, 9, 5), SHANNON, "Web")
    lead["hs"], c["lead"], c["owner"] = c, lead, SHANNON
    c["assigned"] = ny(2024, 3, 11, 10, 9, 50)
    lead["desc"] = "Demo request form."
    add_task(lead, ny(2024, 3, 11, 13, 31, 10), "call", SHANNON)
    add_task(lead, ny(2024, 3, 13, 15, 2, 55), "meeting", SHANNON)
    lead["status"] = "Working - Contacted"
    planted.append(("ooo", c, lead))


def plant_skip():
    """A customer referral converted the next morning: no MQL, no SAL, no tasks before."""
    person = new_person("Hector", "Ruiz", new_company("Tidewater Cold Storage"))
    lead = new_lead(person, ny(2024, 3, 4, 16, 40, 7), OMAR, "Customer Referral", "referral")
    lead["desc"] = "Referred by Jill Halvorsen (customer). Wants to start in April."
    convert(lead, ny(2024, 3, 5, 9, 20, 36), fate="won")
    lead["status"] = "Closed - Converted"
    planted.append(("skip", lead))


def plant_id15():
    """Converted without an opportunity; the deal came later and links only through a
    contact role whose ContactId is written in 15-character form."""
    person = new_person("Lena", "Marsh", new_company("Granite State Plastics"))
    lead = new_lead(person, ny(2024, 1, 24, 11, 15, 2), ALICIA, "Partner Referral")
    add_task(lead, ny(2024, 1, 24, 11, 40, 19), "call", ALICIA)
    add_task(lead, ny(2024, 1, 26, 9, 55, 40), "email", ALICIA)
    convert(lead, ny(2024, 1, 30, 15, 10, 12), with_opp=False)
    lead["status"] = "Closed - Converted"
    opp = new_opp(lead["contact"], ny(2024, 2, 5, 10, 40, 33), ALICIA, lead, fate="won")
    role = add_role(opp, lead["contact"], ny(2024, 2, 5, 10, 41, 2), True, "Decision Maker")
    role["id15"] = True
    planted.append(("id15", lead, opp, role))


def plant_second_contacts():
    """Two opportunities get a second contact role (a colleague converted into the same
    account without an opportunity): the two people stay two people."""
    candidates = [l for l in sorted(leads, key=lambda l: l["created"])
                  if l["opp"] and l["hs"] and l["opp"]["created"] > ny(2024, 2, 1)
                  and len(l["opp"]["history"]) >= 4]
    won = next(l for l in candidates if l["opp"]["stage"] == "Closed Won")
    other = next(l for l in candidates if l["opp"]["stage"] != "Closed Won")
    for lead in (won, other):
        opp = lead["opp"]
        conv = opp["created"]
        person = new_person(company=lead["person"]["company"])
        back = rng.choice([3, 4, 5])
        created = jitter(next_work(conv - timedelta(days=back), lead["owner"]), 10, 200)
        while nyday(created) >= nyday(conv):
            back += 1
            created = jitter(next_work(conv - timedelta(days=back), lead["owner"]), 10, 200)
        colleague = new_lead(person, created, lead["owner"], "Outbound")
        colleague["desc"] = f"Maintenance manager, works with {lead['person']['first']} {lead['person']['last']}."
        add_task(colleague, created + timedelta(minutes=6), "call", lead["owner"])
        convert(colleague, conv + timedelta(minutes=11), with_opp=False)
        colleague["status"] = "Closed - Converted"
        add_role(opp, colleague["contact"], conv + timedelta(minutes=13), False, "Technical Buyer")
        planted.append(("second", colleague, opp))


def plant_misc():
    # a lead deleted as a duplicate; one of its tasks was kept (orphan WhoId)
    ghost = {"created": ny(2024, 5, 13, 9, 12, 40), "deleted": True}
    t = add_task(ghost, ny(2024, 5, 14, 10, 3, 11), "call", OMAR)
    planted.append(("orphan", t, ghost))
    # `null` in a date column, on an unconverted lead
    target = next(l for l in sorted(leads, key=lambda l: l["created"])
                  if l["hs"] is None and l["status"] == "Closed - Not Converted")
    target["converted_raw"] = "null"
    planted.append(("null", target))
    # a cold-called lead with no email yet
    target = next(l for l in sorted(leads, key=lambda l: l["created"])
                  if l["source"] == "Outbound" and l["status"] == "Working - Contacted")
    target["email"] = ""
    planted.append(("noemail", target))
    # the multi-line lead Description (CRLF inside quotes) on the first trade-show lead
    target = next(l for l in sorted(leads, key=lambda l: l["created"]) if l["campaign"] == "expo")
    target["desc"] = ("Met at MRO Expo booth 214.\r\nRuns 3 sites on spreadsheets; wants PM "
                      "scheduling + mobile work orders.\r\nCall after April 29 (budget cycle).")
    planted.append(("lead_multiline", target))
    # embedded comma and doubled quotes
    target = next(l for l in sorted(leads, key=lambda l: l["created"])
                  if l["campaign"] == "gads" and l["created"] > ny(2024, 3, 1))
    target["desc"] = 'Form comment: "Do you integrate with SAP PM, or only Excel imports?"'
    planted.append(("lead_quotes", target))
    # the multi-line task note (CRLF inside quotes in an LF file), comma and quotes too
    target = next(t for t in sorted(tasks, key=lambda t: t["created"])
                  if t["subject"] == "Discovery call" and t["created"] > ny(2024, 4, 1))
    target["desc"] = ("Discovery call.\r\nPain points: 40% reactive work orders, "
                      '"no idea what parts we have".\r\nNext: demo w/ plant manager, Tue 10am.')
    planted.append(("task_multiline", target))
    for kind, lead in (("nurture", l) for l in leads if l["status"] == "Nurture"):
        planted.append((kind, lead))
    # trade-show visitors who were already contacts (ContactId only)
    for ct in [c for c in contacts if c["created"] < ny(2024, 4, 1)][:3]:
        members.append({"created": ny(2024, 4, 19, 10, 31, rng.randrange(60)), "campaign": "expo",
                        "lead": None, "contact": ct, "status": "Visited Booth",
                        "responded": date(2024, 4, rng.choice([16, 17, 18]))})
    # the first customer became an evangelist (refers others)
    won = sorted((c for c in hs_contacts if c["cust"]), key=lambda c: c["cust"])
    won[0]["lifecycle"] = "Evangelist"


def build_members():
    for lead in leads:
        key = lead.get("campaign")
        if not key:
            continue
        status = CAMPAIGNS[key][7]
        c = lead["hs"]
        responded = nyday(c["create"]) if c else nyday(lead["created"])
        if key == "webinar":
            responded = date(2024, 2, 21)
        if key == "expo":
            responded = date(2024, 4, rng.choice([16, 17, 18]))
        members.append({"created": lead["created"] + timedelta(seconds=rng.randint(20, 90)),
                        "campaign": key, "lead": lead, "contact": lead["contact"],
                        "status": status, "responded": responded})


# --------------------------------------------------------------------------
# Ids and output.

def assign_ids():
    users = IdGen("005")
    for rep in REPS:
        rep["id"] = users.next()
    camp = IdGen("701")
    for key in CAMPAIGNS:
        CAMPAIGNS[key] = CAMPAIGNS[key] + (camp.next(),)
    ghosts = [p[2] for p in planted if p[0] == "orphan"]
    for prefix, records in (("00Q", leads + ghosts), ("003", contacts), ("001", accounts),
                            ("006", opps), ("00K", [r for o in opps for r in o["roles"]]),
                            ("008", [dict(h, opp=o) for o in opps for h in o["history"]]),
                            ("00T", tasks), ("00v", members)):
        gen = IdGen(prefix)
        for rec in sorted(records, key=lambda r: r["created"] if "created" in r else r["t"]):
            rec["id"] = gen.next()
        if prefix == "008":
            history_rows[:] = sorted(records, key=lambda r: r["t"])
    hs_id = 51038000000 + rng.randrange(10 ** 6)
    for c in sorted(hs_contacts, key=lambda c: c["create"]):
        hs_id += rng.randint(150, 9000)
        c["id"] = str(hs_id)
    deal = 18904000000 + rng.randrange(10 ** 6)
    for c in sorted((c for c in hs_contacts if c["opp"]), key=lambda c: c["opp"]):
        deal += rng.randint(3000, 60000)
        c["deals"] = str(deal)


history_rows = []


def write(name, header, rows, bom=True, eol="\r\n"):
    path = os.path.join(HERE, name)
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator=eol)
        w.writerow(header)
        w.writerows(rows)
    return name, len(rows)


def who_id(rec):
    if rec.get("deleted"):
        return rec["id"]
    if rec.get("contact") is not None and "person" in rec:  # a converted lead
        return rec["contact"]["id"]
    return rec["id"]


def priority(c):
    """HubSpot's AI Contact priority, drawn from the score without the generator's
    random stream (so no other value moves): a level per score range, one level
    up for every other customer (the model sees today's data), none for every
    seventh contact."""
    levels = ["Low", "Medium", "High", "Very high"]
    n = int(c["id"])
    if n % 7 == 0:
        return ""
    level = 3 if c["score"] >= 85 else 2 if c["score"] >= 70 else 1 if c["score"] >= 50 else 0
    if c["cust"] and n % 2 == 0:
        level = min(3, level + 1)
    return levels[level]


def write_all():
    out = []
    b = lambda x: "true" if x else "false"
    out.append(write("hubspot-crm-exports-all-contacts-2024-07-01.csv",
        ["Record ID", "First Name", "Last Name", "Email", "Lifecycle Stage", "Lead Status",
         "Contact owner", "Owner Assigned Date", "Create Date", "Became a Lead Date",
         "Became a Marketing Qualified Lead Date", "Became a Sales Qualified Lead Date",
         "Became an Opportunity Date", "Became a Customer Date", "Original Source",
         "HubSpot Score", "Contact priority", "Associated Deal IDs"],
        [[c["id"], c["person"]["first"], c["person"]["last"], c["email"], c["lifecycle"],
          c["status"], c["owner"]["name"] if c["owner"] else "", fmt_hs(c["assigned"]),
          fmt_hs(c["create"]), fmt_hs(c["lead_date"]), fmt_hs(c["mql"]), fmt_hs(c["sql"]),
          fmt_hs(c["opp"]), fmt_hs(c["cust"]), c["source"], str(c["score"]), priority(c),
          c["deals"]]
         for c in sorted(hs_contacts, key=lambda c: c["create"], reverse=True)], bom=False))
    out.append(write("Lead.csv",
        ["Id", "OwnerId", "FirstName", "LastName", "Company", "Email", "Status", "LeadSource",
         "CreatedDate", "IsConverted", "ConvertedDate", "ConvertedContactId",
         "ConvertedOpportunityId", "Description"],
        [[l["id"], l["owner"]["id"], l["person"]["first"], l["person"]["last"],
          l["person"]["company"]["name"], l["email"], l["status"], l["source"], fmt_sf(l["created"]),
          b(l["conv"]), l["converted_raw"] or (nyday(l["conv"]).isoformat() if l["conv"] else ""),
          l["contact"]["id"] if l["contact"] else "", l["opp"]["id"] if l["opp"] else "", l["desc"]]
         for l in sorted(leads, key=lambda l: l["id"])]))
    out.append(write("Contact.csv",
        ["Id", "AccountId", "OwnerId", "FirstName", "LastName", "Email", "LeadSource", "CreatedDate"],
        [[c["id"], c["account"]["id"], c["owner"]["id"], c["first"], c["last"], c["email"],
          c["source"], fmt_sf(c["created"])] for c in sorted(contacts, key=lambda c: c["id"])]))
    out.append(write("Opportunity.csv",
        ["Id", "AccountId", "OwnerId", "Name", "StageName", "Amount", "Probability", "CloseDate",
         "CreatedDate", "IsClosed", "IsWon", "LeadSource", "CampaignId"],
        [[o["id"], o["account"]["id"], o["owner"]["id"], o["name"], o["stage"],
          fmt_money(o["amount"]), fmt_money(STAGES[o["stage"]][0]), o["close"].isoformat(),
          fmt_sf(o["created"]), b(o["stage"].startswith("Closed")), b(o["stage"] == "Closed Won"),
          o["source"], CAMPAIGNS[o["campaign"]][8] if o["campaign"] else ""]
         for o in sorted(opps, key=lambda o: o["id"])]))
    roles = sorted((r for o in opps for r in o["roles"]), key=lambda r: r["id"])
    out.append(write("OpportunityContactRole.csv",
        ["Id", "OpportunityId", "ContactId", "Role", "IsPrimary", "CreatedDate"],
        [[r["id"], r["opp"]["id"], r["contact"]["id"][:15] if r["id15"] else r["contact"]["id"],
          r["role"], b(r["primary"]), fmt_sf(r["created"])] for r in roles], bom=False))
    out.append(write("OpportunityHistory.csv",
        ["Id", "OpportunityId", "CreatedById", "CreatedDate", "StageName", "Amount", "Probability",
         "CloseDate", "ForecastCategory"],
        [[h["id"], h["opp"]["id"], h["opp"]["owner"]["id"], fmt_sf(h["t"]), h["stage"],
          fmt_money(h["amount"]), fmt_money(STAGES[h["stage"]][0]), h["close"].isoformat(),
          STAGES[h["stage"]][1]] for h in history_rows]))
    out.append(write("Task.csv",
        ["Id", "WhoId", "WhatId", "OwnerId", "Subject", "Type", "TaskSubtype", "Status",
         "ActivityDate", "CreatedDate", "CompletedDateTime", "Description"],
        [[t["id"], who_id(t["who"]), t["what"]["id"] if t["what"] else "", t["owner"]["id"],
          t["subject"], t["type"], t["subtype"], t["status"], t["activity"].isoformat(),
          fmt_sf(t["created"], True), fmt_sf(t["completed"], True) if t["completed"] else "",
          t["desc"]] for t in sorted(tasks, key=lambda t: t["id"])], bom=False, eol="\n"))
    out.append(write("Campaign.csv",
        ["Id", "Name", "Type", "Status", "StartDate", "EndDate", "BudgetedCost", "ActualCost"],
        [[v[8], v[0], v[1], v[2], v[3].isoformat(), v[4].isoformat(), fmt_money(v[5]),
          fmt_money(v[6])] for v in CAMPAIGNS.values()]))
    out.append(write("CampaignMember.csv",
        ["Id", "CampaignId", "LeadId", "ContactId", "Status", "HasResponded",
         "FirstRespondedDate", "CreatedDate"],
        [[m["id"], CAMPAIGNS[m["campaign"]][8], m["lead"]["id"] if m["lead"] else "",
          m["contact"]["id"] if m["contact"] else "", m["status"], "true",
          m["responded"].isoformat(), fmt_sf(m["created"])]
         for m in sorted(members, key=lambda m: m["id"])]))
    return out


# --------------------------------------------------------------------------
# Ad spend: a Google Ads UI download, a LinkedIn Campaign Manager export and a
# hand-kept sheet. They draw from their own random stream, so the CRM files
# above stay byte-identical whatever happens here.

SPEND_SEED = 20240630


def cents_str(c, sep=False):
    """Integer cents as text: 120455 -> '1204.55', or '1,204.55' with sep."""
    return f"{c // 100:,}.{c % 100:02d}" if sep else f"{c // 100}.{c % 100:02d}"


def spend_days(first, last):
    d, out = first, []
    while d <= last:
        out.append(d)
        d += ONE_DAY
    return out


def paced_cents(srng, days, target, weekend):
    """Daily spend in cents summing to about `target`: weekdays higher, some noise."""
    w = [(weekend if d.weekday() >= 5 else 1.0) * srng.uniform(0.75, 1.25) for d in days]
    scale = target * 100 / sum(w)
    return [round(x * scale) for x in w]


def write_spend():
    srng = random.Random(SPEND_SEED)
    out = []

    # Google Ads UI "Download > CSV": title, date range, header, rows, totals.
    days = spend_days(FIRST_DAY, LAST_DAY)
    cmms = paced_cents(srng, days, 14900, 0.45)
    rows, tot = [], {"cost": 0, "impr": 0, "clicks": 0, "conv": 0.0}
    for d, c_cmms in zip(days, cmms):
        wknd = d.weekday() >= 5
        c_brand = srng.randint(1000, 2200) if wknd else srng.randint(1800, 4000)
        for name, cid, cost, cpc, ipc, cvr in (
                ("Brand - Exact", "20814473205", c_brand, (0.9, 1.6), (6, 10), (0.04, 0.12)),
                ("CMMS Search 2024", "20814473196", c_cmms, (3.2, 4.8), (18, 30), (0.03, 0.08))):
            clicks = max(1, round(cost / 100 / srng.uniform(*cpc)))
            impr = round(clicks * srng.uniform(*ipc))
            conv = round(clicks * srng.uniform(*cvr) * 2) / 2
            tot["cost"] += cost
            tot["impr"] += impr
            tot["clicks"] += clicks
            tot["conv"] += conv
            rows.append([d.isoformat(), name, cid, "USD", cents_str(cost, True), f"{impr:,}",
                         f"{clicks:,}", f"{conv:.2f}"])
    total = [cents_str(tot["cost"], True), f"{tot['impr']:,}", f"{tot['clicks']:,}",
             f"{tot['conv']:,.2f}"]
    name = "google-ads-campaign-report-2024-H1.csv"
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        f.write("Campaign report\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["January 1, 2024 - June 30, 2024"])
        w.writerow(["Day", "Campaign", "Campaign ID", "Currency code", "Cost", "Impr.", "Clicks",
                    "Conversions"])
        w.writerows(rows)
        w.writerow(["Total: Account", "", "", "USD"] + total)
        w.writerow(["Total: Campaigns", "", "", "USD"] + total)
    out.append((name, len(rows)))

    # LinkedIn Campaign Manager "Export" (campaign performance, daily).
    days = spend_days(date(2024, 1, 15), LAST_DAY)
    li = paced_cents(srng, days, 19300, 0.35)
    rows = []
    for d, cost in zip(days, li):
        impr = round(cost / 100 / srng.uniform(55, 85) * 1000)
        clicks = round(impr * srng.uniform(0.004, 0.007))
        lp = round(clicks * srng.uniform(0.8, 0.95))
        rows.append([f"{d.month}/{d.day}/{d.year}", "Norvale Tools", "Facility Managers",
                     "LinkedIn - Facility Managers H1", "291884735", "Sponsored Content", "USD",
                     cents_str(cost), str(impr), str(clicks), str(lp)])
    name = "linkedin-campaign-performance-2024-H1.csv"
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        f.write("Campaign Performance Report (in UTC)\n"
                "Report Start: 1/15/2024, Report End: 6/30/2024\n\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["Start Date (in UTC)", "Account Name", "Campaign Group Name", "Campaign Name",
                    "Campaign ID", "Campaign Type", "Currency", "Total Spent", "Impressions",
                    "Clicks", "Clicks to Landing Page"])
        w.writerows(rows)
    out.append((name, len(rows)))

    # A hand-kept sheet of costs that no ad platform reports.
    rows = [["2024-03-16", "2024-04-15", "LinkedIn - Facility Managers H1", "Paid Social",
             "3000.00", "USD"],  # agency retainer across the Q1 end
            ["2024-05-01", "2024-05-31", "Capterra listing", "Review Sites", "1250.00", "USD"]]
    name = "marketing-spend.csv"
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["start", "end", "campaign", "channel", "amount", "currency"])
        w.writerows(rows)
    out.append((name, len(rows)))
    return out


# --------------------------------------------------------------------------
# LeadHistory: owner changes of a few leads. Like the spend files it draws from
# its own random stream, so every file above stays byte-identical.
#
# Salesforce logs one owner change as two rows with the same CreatedDate: one
# with 15-character ids (DataType EntityId) and one with names (DataType Text).

HISTORY_SEED = 20240629
# Not reps: the connector that creates web-form and call-tracking leads, and a queue.
INTEGRATION_USER = ("005Kb0000PsaWqL", "Integration User")
INBOUND_QUEUE = ("00GKb00000Bq7Zm", "Inbound Queue")

# Sales-sourced leads (not in HubSpot) that an integration created into Inbound
# Queue. The lead's current owner (Lead.csv OwnerId) took it from the queue at
# the NY time given, before their first call or email.
QUEUE_PICKUPS = [
    # Friday-afternoon call-back request; it waited in the queue over the weekend
    # and Derek took it Monday afternoon. First touch Tuesday 13:57.
    ("Tim", "Sullivan", (2024, 1, 29, 15, 12)),
    ("Carol", "Benoit", (2024, 3, 27, 12, 34)),
    ("Paul", "Banerjee", (2024, 4, 3, 10, 16)),  # arrived 17:34, after hours
    ("Linda", "Diaz", (2024, 4, 24, 9, 41)),     # arrived 16:46
    # Taken the next morning and still first touched on Friday: a breach either way.
    ("Alan", "Monroe", (2024, 4, 30, 10, 5)),
    ("Jorge", "Gupta", (2024, 6, 5, 11, 2)),
    # Shannon's first touch came 8.5 working hours after creation, but only 7.2
    # after she took the lead from the queue.
    ("Amir", "Olsen", (2024, 6, 20, 14, 23)),
    ("Alan", "Donovan", (2024, 6, 21, 10, 58)),  # arrived 21:41 the evening before
]

# HubSpot leads that round-robin gave to another rep first; that rep passed each
# to the rep in Lead.csv (and HubSpot) after the MQL and before any call or email.
# Only the hand-over is logged: the sync created the lead with its first owner.
REASSIGNMENTS = [
    # Paid search, MQL Friday 02-09 09:09; Shannon did nothing, and on Tuesday
    # morning she passed the lead to Omar, who emailed at 11:07.
    ("Owen", "Lambert", SHANNON, (2024, 2, 13, 9, 47)),
    # Referral MQL on Thursday 03-28, while Omar was out (03-28/29); on Monday
    # he passed it to Derek, who called at 17:18.
    ("Tanya", "Okoro", OMAR, (2024, 4, 1, 10, 31)),
    # Expo badge scan, MQL 04-19; Shannon sat on it until she passed it to Alicia
    # on Wednesday 04-24, who called Thursday 09:30.
    ("Rachel", "Baird", SHANNON, (2024, 4, 24, 15, 52)),
]


def lead_named(first, last):
    found = [l for l in leads if (l["person"]["first"], l["person"]["last"]) == (first, last)]
    assert len(found) == 1, (first, last)
    return found[0]


def first_touch(lead):
    """The lead's first call or email (on the lead, or on its contact after conversion)."""
    who = {id(lead), id(lead["contact"])} if lead["contact"] else {id(lead)}
    times = [t["created"] for t in tasks if id(t["who"]) in who
             and t["type"] in ("Call", "Email") and t["status"] == "Completed"]
    return min(times) if times else None


def write_lead_history():
    hrng = random.Random(HISTORY_SEED)
    user = lambda rep: (rep["id"][:15], rep["name"])
    changes = []  # (time, lead, changed by (18-char id), old (id15, name), new (id15, name))
    for first, last, when in QUEUE_PICKUPS:
        lead = lead_named(first, last)
        assert lead["hs"] is None  # a HubSpot Owner Assigned Date would hide the queue wait
        into = lead["created"] + timedelta(seconds=hrng.randint(1, 4))
        taken = ny(*when, hrng.randrange(60))
        assert lead["created"] < taken < first_touch(lead), (first, last)
        changes.append((into, lead, to18(INTEGRATION_USER[0]), INTEGRATION_USER, INBOUND_QUEUE))
        changes.append((taken, lead, lead["owner"]["id"], INBOUND_QUEUE, user(lead["owner"])))
        planted.append(("owner_queue", lead, taken))
    for first, last, before, when in REASSIGNMENTS:
        lead = lead_named(first, last)
        moved = ny(*when, hrng.randrange(60))
        assert before is not lead["owner"]
        assert lead["hs"]["mql"] < lead["created"] < moved < first_touch(lead), (first, last)
        changes.append((moved, lead, before["id"], user(before), user(lead["owner"])))
        planted.append(("owner_reassign", lead, moved, before))
    gen = IdGen("017", hrng)
    rows = []
    for t, lead, by, old, new in sorted(changes, key=lambda c: c[0]):
        for kind, i in (("EntityId", 0), ("Text", 1)):
            rows.append([gen.next(), lead["id"], by, fmt_sf(t), "Owner", kind, old[i], new[i]])
    return write("LeadHistory.csv",
                 ["Id", "LeadId", "CreatedById", "CreatedDate", "Field", "DataType", "OldValue",
                  "NewValue"], rows)


def report_planted():
    for p in planted:
        kind = p[0]
        if kind in ("dana", "ooo"):
            print(f"  {kind}: hubspot {p[1]['id']} {p[1]['email']} / lead {p[2]['id']}")
        elif kind == "id15":
            print(f"  id15: lead {p[1]['id']} contact {p[1]['contact']['id']} opp {p[2]['id']} "
                  f"role {p[3]['id']} ContactId written {p[1]['contact']['id'][:15]}")
        elif kind == "second":
            print(f"  second: {p[1]['person']['first']} {p[1]['person']['last']} lead {p[1]['id']} "
                  f"contact {p[1]['contact']['id']} on opp {p[2]['id']} ({p[2]['name']})")
        elif kind == "orphan":
            print(f"  orphan: task {p[1]['id']} WhoId {p[2]['id']}")
        elif kind == "task_multiline":
            print(f"  task_multiline: task {p[1]['id']}")
        elif kind in ("owner_queue", "owner_reassign"):
            l = p[1]
            move = (f"Inbound Queue -> {l['owner']['name']}" if kind == "owner_queue"
                    else f"{p[3]['name']} -> {l['owner']['name']}")
            print(f"  {kind}: lead {l['id']} {l['person']['first']} {l['person']['last']} "
                  f"{move} {fmt_hs(p[2])}")
        else:
            l = p[1]
            print(f"  {kind}: lead {l['id']} {l['person']['first']} {l['person']['last']} "
                  f"({l['person']['company']['name']}) {l['status']}")


def write_marketo():
    """The events team ran the MRO Expo booth from Marketo. Its bulk extracts of the
    static list "MRO Expo 2024 - synced to SFDC" are the leads Salesforce also has
    (the badge scans that became MQLs, and three customers' contacts who came by)
    and their activity log from the show to the export. They repeat what the CRM
    already says (same people, same booth days, MQL at the same minute), so they add
    no number: they show one person merged across HubSpot, Salesforce and Marketo.
    A separate random stream keeps every other file byte-identical."""
    mrng = random.Random(SEED + 1)
    fmt = lambda t: t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    expo = [m for m in sorted(members, key=lambda m: m["id"]) if m["campaign"] == "expo"]
    lead_rows, log = [], []
    next_id = 7731000
    program = CAMPAIGNS["expo"][0]
    for m in expo:
        lead, contact = m["lead"], m["contact"]
        c = lead["hs"] if lead else None
        next_id += mrng.randint(1, 40)
        if lead:
            person, created = lead["person"], (c["create"] if c else lead["created"])
            email, sfdc_lead, sfdc_contact = lead["email"], lead["id"], ""
        else:
            person, created = {"first": contact["first"], "last": contact["last"]}, \
                ny(2024, 4, 19, 10, 12, 30)
            email, sfdc_lead, sfdc_contact = contact["email"], "", contact["id"]
        score = mrng.randint(20, 70)
        # A customer's contact who came by scores 40 more for the visit: a score that
        # rose after conversion, so today's value flatters the score (baton scores).
        current = score if lead else score + 40
        lead_rows.append([str(next_id), person["first"], person["last"], email, fmt(created),
                          "Trade Show", str(current), sfdc_lead, sfdc_contact])
        booth = at(m["responded"], time(mrng.randint(9, 16), mrng.randrange(60),
                                        mrng.randrange(60)))
        log.append((booth, next_id, 104, "2291", "5012", program,
                    {"Program Member ID": 4400000 + next_id % 10000, "Acquired By": True,
                     "Old Status": "Not in Program", "New Status ID": 12, "Success": True,
                     "New Status": "Visited Booth", "Old Status ID": 1}))
        if not lead:
            log.append((booth + timedelta(minutes=7), next_id, 22, "null", "0", "Lead Score",
                        {"Change Value": "+40", "New Value": current, "Old Value": score,
                         "Reason": "Customer visited booth"}))
        if c and c.get("mql"):
            log.append((c["mql"], next_id, 101, "null", "3", "Norvale Revenue Model",
                        {"Reason": "Changed by Smart Campaign MRO Expo.Score Scans",
                         "New Stage ID": 4, "Old Stage ID": 2, "New Stage": "MQL",
                         "Old Stage": "Engaged", "Model ID": 3}))
        sent = at(date(2024, 4, 22), time(8, 0, mrng.randrange(60)))
        log.append((sent, next_id, 6, "2297", "1580", program + ".Thank You Email",
                    {"Campaign Run ID": 911, "Choice Number": 0, "Step ID": 2}))
        if mrng.random() < 0.5:
            log.append((sent + timedelta(hours=mrng.uniform(1, 30)), next_id, 10, "2297", "1580",
                        program + ".Thank You Email", {"Device": "Desktop", "Platform": "Windows"}))
        if mrng.random() < 0.3:
            log.append((booth + timedelta(minutes=5), next_id, 22, "null", "0", "Lead Score",
                        {"Change Value": "+15", "New Value": 60, "Old Value": 45,
                         "Reason": "Visited booth"}))
    guid = 912004000
    rows = []
    for when, lead_id, type_id, campaign, value_id, value, attrs in sorted(log, key=lambda r: r[:3]):
        guid += 1 + mrng.randrange(7)
        rows.append([str(guid), str(lead_id), fmt(when), str(type_id), campaign, value_id, value,
                     json.dumps(attrs, separators=(",", ":"))])
    return [write("marketo-leads-mro-expo-2024.csv",
                  ["id", "firstName", "lastName", "email", "createdAt", "leadSource", "leadScore",
                   "sfdcLeadId", "sfdcContactId"], lead_rows, bom=False, eol="\n"),
            write("marketo-activities-mro-expo-2024.csv",
                  ["marketoGUID", "leadId", "activityDate", "activityTypeId", "campaignId",
                   "primaryAttributeValueId", "primaryAttributeValue", "attributes"],
                  rows, bom=False, eol="\n")]


def main():
    build_inbound()
    plant_dana()
    plant_out_of_order()
    plant_skip()
    plant_id15()
    work_inbound()
    build_outbound()
    plant_second_contacts()
    build_members()
    plant_misc()
    assign_ids()
    for name, n in write_all() + write_spend() + [write_lead_history()] + write_marketo():
        print(f"{name}: {n} rows")
    print("planted:")
    report_planted()


if __name__ == "__main__":
    main()
