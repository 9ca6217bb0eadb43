#!/usr/bin/env bash
# Real exports, read as published, against independent counts (issue 14). The
# data is public but never part of the project, so each part runs only where its
# files are (exit 77, skipped, when none is):
#   Olist     ../shared/data/real/olist-marketing-funnel/ next to the repository
#             (Kaggle olistbr/marketing-funnel-olist), and a copy re-saved as a
#             spreadsheet in another locale writes it (';', BOM, CRLF, 2018.02.01
#             dates, decimal commas), made here in a scratch directory;
#   Zoho      $BATON_REAL_DATA/zoho/ (rahulanilnair/Analysis-of-ZOHO-CRM-Analytics-
#             using-SQL @ 1b9bcd4: Leads, Potentials, Campaigns, Calls, Events .csv);
#   Maven     $BATON_REAL_DATA/maven/sales_pipeline.csv (kisaraF/CRM-Sales_Analysis
#             @ b3502af, the zip under Other/);
#   X Education $BATON_REAL_DATA/xeducation/Leads.csv (PrasunPK/lead-scoring-case-study
#             @ ede0faa): scores against counts and an AUC computed apart (Python,
#             pairs with ties half): 5,022 scored, 1,908 converted, AUC 0.6247.
# usage: tests/real_data_test.sh BATON_BINARY
set -uo pipefail
baton=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ran=0 fail=0
# expect NAME WANT COMMAND…: a line of the command's stdout must start with WANT.
expect() {
  local name=$1 want=$2
  shift 2
  local got
  got=$("$baton" "$@" 2>"$work/err")
  if ! awk -v want="$want" 'index($0, want) == 1 { found = 1 } END { exit !found }' <<<"$got"; then
    echo "FAIL $name: no line '$want' in:"
    echo "$got" | head -20
    cat "$work/err"
    fail=1
  fi
}

olist=$root/../shared/data/real/olist-marketing-funnel
if [ -d "$olist" ]; then
  ran=1
  # python3 -c 'import csv;print(sum(1 for _ in csv.DictReader(open("olist_marketing_qualified_leads_dataset.csv"))))'  → 8000
  # python3 -c 'import csv;print(len({r["mql_id"] for r in csv.DictReader(open("olist_closed_deals_dataset.csv"))}))'  → 842
  expect olist mql,8000,,1, funnel -c samples/olist.toml "$olist" --as-of 2019-01-01 -f csv
  expect olist customer,842,0.10525,0.10525,14.6 \
    funnel -c samples/olist.toml "$olist" --as-of 2019-01-01 -f csv
  mkdir -p "$work/olist-resaved"
  python3 - "$olist" "$work/olist-resaved" <<'PY'
import csv, re, sys
src, dst = sys.argv[1], sys.argv[2]
def resave(v):  # as Excel in hu-HU saves it: 2018.02.13 10:00, 1234,5
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)( (\d\d):(\d\d)(:\d\d)?)?", v)
    if m:
        return f"{m[1]}.{m[2]}.{m[3]}" + (f" {m[5]}:{m[6]}" if m[4] else "")
    return v.replace(".", ",") if re.fullmatch(r"\d+\.\d+", v) else v
for name in ("olist_closed_deals_dataset.csv", "olist_marketing_qualified_leads_dataset.csv"):
    rows = list(csv.reader(open(f"{src}/{name}", newline="", encoding="utf-8")))
    with open(f"{dst}/{name}", "w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(rows[0])
        w.writerows([resave(v) for v in r] for r in rows[1:])
PY
  # Same counts; the velocity differs by the seconds the re-save drops.
  expect olist-resaved mql,8000,,1, \
    funnel -c samples/olist.toml "$work/olist-resaved" --as-of 2019-01-01 -f csv
  expect olist-resaved customer,842,0.10525,0.10525,14.6 \
    funnel -c samples/olist.toml "$work/olist-resaved" --as-of 2019-01-01 -f csv
fi

zoho=${BATON_REAL_DATA:-/nonexistent}/zoho
if [ -f "$zoho/Leads.csv" ]; then
  ran=1
  z=(-c samples/real/zoho.toml --as-of 2021-06-01 -f csv)
  # python3 -c 'import csv;print(sum(1 for _ in csv.DictReader(open("Leads.csv"))))'  → 3900
  # python3 -c 'import csv;print(sum(1 for _ in csv.DictReader(open("Potentials.csv"))))'  → 3632
  # python3 -c 'import csv;print(sum(r["Stage"]=="Closed Won" for r in csv.DictReader(open("Potentials.csv"))))'  → 1425
  expect zoho-funnel lead,3900,,1, funnel "${z[@]}" "$zoho/Leads.csv" "$zoho/Potentials.csv"
  expect zoho-funnel opportunity,3632,0.98642 \
    funnel "${z[@]}" "$zoho/Leads.csv" "$zoho/Potentials.csv"
  expect zoho-funnel customer,1425,0.39234 \
    funnel "${z[@]}" "$zoho/Leads.csv" "$zoho/Potentials.csv"
  # Spend: python3 -c 'import csv;print(sum(round(float(r["Actual Cost"].strip("$K").replace(",",""))*1000) for r in csv.DictReader(open("Campaigns.csv"))))'  → 44209580
  # Won: python3 -c 'import csv;print(sum(float(r["Amount"].strip("$").replace(",","")) for r in csv.DictReader(open("Potentials.csv")) if r["Stage"]=="Closed Won"))'  → 89066200
  cost=$("$baton" cost "${z[@]}" "$zoho/Leads.csv" "$zoho/Potentials.csv" "$zoho/Campaigns.csv")
  if ! grep -q '^(all),44209580,3900,.*,89066200,' <<<"$cost"; then
    echo "FAIL zoho-cost: spend 44209580 and won 89066200 expected in the total row:"
    tail -2 <<<"$cost"
    fail=1
  fi
  # Leads with a call or an event: python3 -c 'import csv;print(len({r["LEADID"] for f in ("Calls.csv","Events.csv") for r in csv.DictReader(open(f)) if r["LEADID"]}))'  → 1069
  sla=$("$baton" sla "${z[@]}" "$zoho/Leads.csv" "$zoho/Calls.csv" "$zoho/Events.csv")
  if ! grep -q '^lead-to-first-touch,(all),3900,7,1062,2831,' <<<"$sla"; then
    echo "FAIL zoho-sla: 3900 started, 7 + 1062 = 1069 touched expected:"
    tail -2 <<<"$sla"
    fail=1
  fi
fi

maven=${BATON_REAL_DATA:-/nonexistent}/maven
if [ -f "$maven/sales_pipeline.csv" ]; then
  ran=1
  m=(-c samples/real/maven.toml --as-of 2018-01-01 -f csv "$maven/sales_pipeline.csv")
  # python3 -c 'import csv,collections;print(collections.Counter(r["deal_stage"] for r in csv.DictReader(open("sales_pipeline.csv"))))'
  #   → Won 4238, Lost 2473, Engaging 1589, Prospecting 500 (8800 deals, 8300 with engage_date)
  expect maven prospecting,8800,,1, funnel "${m[@]}"
  expect maven engaging,8300,0.94318 funnel "${m[@]}"
  expect maven won,4238,0.51060 funnel "${m[@]}"
  if ! "$baton" check --strict "${m[@]}" >/dev/null; then
    echo "FAIL maven: an id-keyed data set must pass check --strict"
    fail=1
  fi
fi

xedu=${BATON_REAL_DATA:-/nonexistent}/xeducation
if [ -f "$xedu/Leads.csv" ]; then
  ran=1
  x=(-c samples/real/xeducation.toml --as-of 2024-01-01 "$xedu/Leads.csv")
  # The top band: score 17–18, 354 people, 17 converted.
  expect xeducation 17–18,17,18,354, scores "${x[@]}" -f csv
  expect xeducation '(all),7,18,5022,1,1908,' scores "${x[@]}" -f csv
  auc=$("$baton" scores "${x[@]}" -f json 2>/dev/null | grep -o '"auc":"0\.[0-9]*' || true)
  if [ "$auc" != '"auc":"0.625' ]; then
    echo "FAIL xeducation: AUC 0.625 expected, got ${auc:-nothing}"
    fail=1
  fi
fi

[ "$ran" = 1 ] || { echo "no real data here: skipped"; exit 77; }
[ "$fail" = 0 ] && echo "real data: all counts agree"
exit "$fail"
