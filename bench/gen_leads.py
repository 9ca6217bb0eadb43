#!/usr/bin/env python3
"""Writes a Salesforce Lead export in Data Loader style for bench/scan_bench.

What it is for: a large, realistic input for timing the CSV reader — API field
names, every value quoted, a UTF-8 BOM, LF row ends, some non-ASCII names, and
about 5% of rows with a multi-line Description (CRLF or LF inside the quotes,
sometimes with "" escapes). The output depends only on the seed and the size.
What it must not do: download anything, or use randomness other than its seed.

usage: gen_leads.py OUT.csv SIZE   (SIZE in bytes, or with a K/M/G suffix)
prints: rows=<data rows> bytes=<file size>
"""

import random
import sys
import unicodedata

HEADER = [
    "Id", "OwnerId", "FirstName", "LastName", "Company", "Email", "Status", "LeadSource",
    "Rating", "CreatedDate", "LastActivityDate", "IsConverted", "ConvertedDate",
    "ConvertedAccountId", "ConvertedContactId", "ConvertedOpportunityId", "Description",
    "IsDeleted",
]
FIRST = ["Dana", "Ola", "Priya", "Sam", "Jürgen", "Chloé", "Wei", "Amara", "Lars", "Mateo",
         "Aiko", "Noah", "Fatima", "Liam", "Zoë", "Omar", "Ines", "Kwame", "Sofia", "Eitan"]
LAST = ["Whitcombe", "Brekke", "Raman", "Okafor", "Müller", "Dubois", "Zhang", "Nwosu",
        "Lindqvist", "García", "Tanaka", "Smith", "Haddad", "Murphy", "O'Connor", "Kowalski"]
COMPANY = ["Norvale Tools", "Fjordlys AS", "Acme Corp", "Globex", "Initech", "Umbrella Ltd",
           "Stark Industries", "Wayne Enterprises", "Hooli", "Vandelay Import/Export",
           "Kessler, Barr & Co", "Soylent Foods", "Tyrell Systems", "Cyberdyne", "Wonka GmbH"]
STATUS = ["Open - Not Contacted", "Working - Contacted", "Closed - Converted",
          "Closed - Not Converted"]
SOURCE = ["Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Trade Show", "Other"]
RATING = ["Hot", "Warm", "Cold", ""]
NOTES = ["Asked for pricing.", "Call back Tue.", 'Said "not before Q3".',
         "Met at the Berlin booth; wants a demo for 12 seats.", "Budget approved, needs SSO.",
         "Forwarded to partner team.", "Left voicemail twice.", "Prefers email, not calls."]
BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def sf_id(prefix, n):
    """An 18-character id, unique per (prefix, n)."""
    digits = []
    for _ in range(10):
        n, r = divmod(n, 62)
        digits.append(BASE62[r])
    return prefix + "5g" + "".join(reversed(digits)) + "AAV"


def ascii_fold(name):
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return plain.lower().replace("'", "")


def quote(value):
    return '"' + value.replace('"', '""') + '"'


def parse_size(text):
    scale = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(text[-1:].upper(), 1)
    return int(float(text[:-1] if scale > 1 else text) * scale)


def row(rng, i, owners):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    company = rng.choice(COMPANY)
    day = 1 + i % 28
    created = "2023-%02d-%02dT%02d:%02d:%02d.000Z" % (1 + i % 12, day, rng.randrange(24),
                                                       rng.randrange(60), rng.randrange(60))
    converted = rng.random() < 0.1
    description = ""
    if rng.random() < 0.05:
        eol = "\r\n" if rng.random() < 0.5 else "\n"
        description = eol.join(rng.choice(NOTES) for _ in range(rng.randrange(2, 6)))
    email = "%s.%s%d@example.com" % (ascii_fold(first), ascii_fold(last), i)
    return ",".join(quote(v) for v in [
        sf_id("00Q", i), rng.choice(owners), first, last, company, email,
        "Closed - Converted" if converted else rng.choice(STATUS), rng.choice(SOURCE),
        rng.choice(RATING), created, "2023-%02d-%02d" % (1 + i % 12, day),
        "true" if converted else "false", "2023-%02d-%02d" % (1 + i % 12, day) if converted else "",
        sf_id("001", i) if converted else "", sf_id("003", i) if converted else "",
        sf_id("006", i) if converted else "", description, "false",
    ]) + "\n"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    out, target = sys.argv[1], parse_size(sys.argv[2])
    rng = random.Random(20240305)
    owners = [sf_id("005", n) for n in range(40)]
    rows = 0
    with open(out, "wb") as f:
        size = f.write(("\ufeff" + ",".join(quote(h) for h in HEADER) + "\n").encode("utf-8"))
        while size < target:
            chunk = "".join(row(rng, rows + k, owners) for k in range(1000)).encode("utf-8")
            f.write(chunk)
            size += len(chunk)
            rows += 1000
    print("rows=%d bytes=%d" % (rows, size))


if __name__ == "__main__":
    main()
