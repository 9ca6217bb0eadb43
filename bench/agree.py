#!/usr/bin/env python3
"""Checks that baton's JSON report and DuckDB's rows agree (bench/compare).

usage: bench/agree.py REPORT BATON_JSON DUCKDB_JSON

REPORT is funnel, cost or sla. BATON_JSON is `baton REPORT ... --format json`, DUCKDB_JSON the
rows of bench/duckdb/REPORT.sql (bench/duckdb/query.mjs). Every row of one must be a row of the
other, in the same order, keyed by stage / campaign / rule and owner; every column DuckDB names
must agree: counts exactly, rates, days, hours and money to rounding (|a - b| <= 0.01, or relative
1e-6), and a null (n/a) only with a null. Prints one line per disagreement and exits 1 if any;
else prints a one-line summary and exits 0.
"""
import json
import sys

KEYS = {"funnel": ["stage"], "cost": ["campaign"], "sla": ["rule", "owner"]}
COUNTS = {"reached", "lead", "assigned", "mql", "sal", "sql", "opportunity", "customer",
          "started", "met", "breached", "open", "pending"}


def same(col, a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) or isinstance(b, str):
        try:
            a, b = float(a), float(b)
        except ValueError:
            return a == b
    if col in COUNTS:
        return float(a) == float(b)
    return abs(a - b) <= 0.01 or abs(a - b) <= 1e-6 * max(abs(a), abs(b))


def main():
    report, baton_file, duck_file = sys.argv[1:4]
    keys = KEYS[report]
    with open(baton_file) as f:
        ours = json.load(f)["rows"]
    with open(duck_file) as f:
        theirs = json.load(f)
    key = lambda r: tuple(str(r[k]) for k in keys)
    problems = []
    if [key(r) for r in ours] != [key(r) for r in theirs]:
        problems.append(f"rows differ: baton {[key(r) for r in ours]}\n  DuckDB {[key(r) for r in theirs]}")
    by_key = {key(r): r for r in ours}
    cells = 0
    for t in theirs:
        o = by_key.get(key(t))
        if o is None:
            continue
        for col, v in t.items():
            if col in keys:
                continue
            cells += 1
            if col not in o:
                problems.append(f"{'/'.join(key(t))}: baton has no column {col}")
            elif not same(col, o[col], v):
                problems.append(f"{'/'.join(key(t))} {col}: baton {o[col]}, DuckDB {v}")
    if problems:
        print(f"{report}: baton and DuckDB disagree ({len(problems)} differences):", file=sys.stderr)
        for p in problems[:40]:
            print("  " + p, file=sys.stderr)
        sys.exit(1)
    print(f"{report}: agree on {len(theirs)} rows, {cells} cells")


if __name__ == "__main__":
    main()
