// The report layer's neutral table: typed cells that every renderer formats its
// own way (SPEC 5): tables and markdown for people (thousands separators, rates as
// percentages with one decimal, days with one decimal, a unicode bar), CSV/TSV/
// JSON/NDJSON for machines (full precision, no separators, ISO 8601 UTC).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "baton/time.h"

namespace baton {

enum class CellKind {
  kBlank,
  kText,
  kCount,
  kRate,
  kDays,
  kNumber,
  kMoney,
  kTime,
  kFlag,
  kChange,        // a change against a previous period: "▲ +12" for people
  kChangeRate,    // a relative change: "▲ +12.5%" for people
  kChangePoints,  // a change of a rate, a difference of fractions: "▲ +12.5 pp"
  kChangeMoney,   // a change of an amount, as money prints: "▼ -1,199.14"
};

// One value. kBlank is structurally empty (no value belongs here); a rate or a
// number with `has_value == false` is n/a (SPEC 4: zero denominator), and a
// reason in `text` reads "n/a: too early" for people (machines get no value).
struct Cell {
  CellKind kind = CellKind::kBlank;
  std::string text;
  double number = 0;
  std::int64_t count = 0;
  bool has_value = false;

  static Cell Blank() { return {}; }
  static Cell Text(std::string text) { return {CellKind::kText, std::move(text), 0, 0, true}; }
  static Cell Count(std::int64_t n) { return {CellKind::kCount, {}, 0, n, true}; }
  static Cell Rate(std::optional<double> r) { return Of(CellKind::kRate, r); }
  static Cell Days(std::optional<double> d) { return Of(CellKind::kDays, d); }
  static Cell Number(std::optional<double> x) { return Of(CellKind::kNumber, x); }
  // Money: "12,345.67" for people, full precision for machines.
  static Cell Money(std::optional<double> x) { return Of(CellKind::kMoney, x); }
  static Cell Time(Instant t) { return {CellKind::kTime, {}, 0, t, t != kNoTime}; }
  // A yes/no fact: "yes" or blank for people, true/false for machines.
  static Cell Flag(bool on) { return {CellKind::kFlag, {}, 0, on ? 1 : 0, true}; }
  static Cell Change(std::optional<double> d) { return Of(CellKind::kChange, d); }
  static Cell ChangeRate(std::optional<double> r) { return Of(CellKind::kChangeRate, r); }
  static Cell ChangePoints(std::optional<double> d) { return Of(CellKind::kChangePoints, d); }
  static Cell ChangeMoney(std::optional<double> d) { return Of(CellKind::kChangeMoney, d); }
  // No value of `kind`, for a reason people read: "n/a: too few".
  static Cell NotShown(CellKind kind, std::string reason) {
    return {kind, std::move(reason), 0, 0, false};
  }

 private:
  static Cell Of(CellKind kind, std::optional<double> v) {
    return {kind, {}, v.value_or(0), 0, v.has_value()};
  }
};

// A bar chart of one column for the html format: one bar per row chosen by `rows`
// (rows without a value or with a negative one are left out).
enum class ChartRows { kDetail, kTotals };
struct Chart {
  std::string title;
  int value_column = -1;
  std::vector<int> label_columns;  // the bar's label: these cells joined with " · "
  int note_column = -1;            // shown after the value, e.g. a step rate
  ChartRows rows = ChartRows::kDetail;
  double full = 0;          // the value of a full-width bar (1 for rates); 0 = the largest value
  bool skip_zero = false;   // leave out rows whose value is 0 (a cost of nothing spent)
  int compare_column = -1;  // a second bar under each (plan's actual against required)
  int match_column = -1;    // only the rows whose cell there reads `match`
  std::string match;
};

// One input of the run (SPEC 5), for json and ndjson: data, not a sentence, so
// that a script can alert on rejects with jq. The inputs footer line sums them.
struct InputFact {
  std::string path;
  std::string system;   // "salesforce", "hubspot", "configured", …
  std::string kind;     // KindName: people, opportunities, …
  std::string layout;   // "Salesforce Lead (API names)"
  std::string skipped;  // why a file of a directory was not read; "" when read
  std::int64_t rows = 0, used = 0, ignored = 0, rejected = 0;
  std::vector<std::pair<std::string, std::int64_t>> rejected_by_reason;
};

struct Table {
  std::string report;                 // "funnel": JSON "report" field
  std::string title;                  // "stage conversion": the html page's heading
  std::vector<std::string> columns;   // machine names (snake_case)
  std::vector<std::string> headings;  // human headings (table/md); same size as columns
  std::vector<std::vector<Cell>> rows;
  std::vector<bool> total;      // per row: the total row of a breakdown
  std::size_t key_columns = 0;  // leading breakdown keys: repeats blanked in table/md
  int bar_column = -1;          // a count column drawn as a bar in the table format
  // Report facts (JSON "meta" and the footer of table/md): basis, period, as_of, …
  std::vector<std::pair<std::string, std::string>> meta;
  std::vector<std::string> notes;  // extra footer lines for people
  std::vector<Chart> charts;       // html only
  std::vector<InputFact> inputs;   // json and ndjson only
  // Summary numbers for machines (json "stats", an ndjson {"stats":…} line), null
  // when n/a; the facts above say them in words.
  std::vector<std::pair<std::string, std::optional<double>>> stats;
  // A report of sections (RenderSections): the sentence printed above them, and
  // JSON's "headline".
  std::string headline;

  void AddRow(std::vector<Cell> cells, bool is_total = false) {
    rows.push_back(std::move(cells));
    total.push_back(is_total);
  }
};

// --columns: keeps the columns named (machine names), in that order, with their
// headings, and the charts whose value column is kept. Returns the first name the
// table has no column of (the table is then unchanged), else nullopt.
std::optional<std::string> SelectColumns(Table& table, const std::vector<std::string>& names);

// An amount as tables print it for people: "12,345.67".
std::string MoneyText(double amount);

enum class Format { kTable, kCsv, kTsv, kJson, kNdjson, kMd, kHtml };

// "table", "csv", "tsv", "json", "ndjson", "md", "html" → Format.
std::optional<Format> ParseFormat(std::string_view text);

struct RenderOptions {
  bool color = false;    // ANSI colour (only on a terminal, never with NO_COLOR)
  bool sanitize = true;  // prefix CSV/TSV text cells starting with = + - @ (SPEC 5)
  Zone tz = nullptr;     // zone for times in table/md
};

// Renders the whole table in a format, ending with a newline.
std::string Render(const Table& table, Format format, const RenderOptions& options);

// One part of a report of several tables (`summary`): a heading, a line of text
// and a table (either may be empty).
struct Section {
  std::string heading;
  std::string text;
  Table table;
};

// Renders sections as one report: table and md print each under its heading,
// json is {"report", "meta", "sections": [{"heading", "text", "columns",
// "rows"}]}, html one page. `facts` gives the report name, meta and notes.
std::string RenderSections(const std::vector<Section>& sections, const Table& facts, Format format,
                           const RenderOptions& options);

}  // namespace baton
