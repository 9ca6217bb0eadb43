// Machine renderers (SPEC 5): CSV, TSV, JSON and NDJSON. Stable column names, full
// precision, no thousands separators, ISO 8601 UTC times, formula-injection guard.
#include <fmt/format.h>

#include "baton/table.h"
#include "report/cell_text.h"

namespace baton {
namespace {

// SPEC 5: a text cell starting with = + - @ is prefixed with ' so spreadsheets do
// not run it as a formula.
std::string Guard(const Cell& cell, std::string text, bool sanitize) {
  if (sanitize && cell.kind == CellKind::kText && !text.empty() &&
      (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@')) {
    text.insert(text.begin(), '\'');
  }
  return text;
}

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string TsvField(std::string text) {
  for (char& c : text) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

std::string Delimited(const Table& t, bool tsv, bool sanitize) {
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) out += tsv ? '\t' : ',';
      out += tsv ? TsvField(cells[i]) : CsvField(cells[i]);
    }
    out += '\n';
  };
  line(t.columns);
  std::vector<std::string> cells;
  for (const auto& row : t.rows) {
    cells.clear();
    for (const auto& cell : row) cells.push_back(Guard(cell, MachineText(cell), sanitize));
    line(cells);
  }
  return out;
}

std::string JsonRow(const Table& t, std::size_t r) {
  std::string out = "{";
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    const Cell& cell = t.rows[r][c];
    out += JsonString(t.columns[c]) + ":";
    if (IsNumeric(cell)) {
      out += MachineText(cell);
    } else if (cell.has_value && (cell.kind == CellKind::kText || cell.kind == CellKind::kTime)) {
      out += JsonString(MachineText(cell));
    } else {
      out += "null";
    }
    out += ",";
  }
  out += "\"total\":" + std::string(t.total[r] ? "true" : "false");
  return out + "}";
}

std::string JsonMeta(const Table& t) {
  std::string out = "{";
  for (std::size_t i = 0; i < t.meta.size(); ++i) {
    out += (i ? "," : "") + JsonString(t.meta[i].first) + ":" + JsonString(t.meta[i].second);
  }
  return out + "}";
}

std::string OrNull(const std::string& text) { return text.empty() ? "null" : JsonString(text); }

// One input as a JSON object (null for what a skipped file has not).
std::string JsonInput(const InputFact& in) {
  std::string reasons = "{";
  for (std::size_t i = 0; i < in.rejected_by_reason.size(); ++i) {
    reasons += (i ? "," : "") + JsonString(in.rejected_by_reason[i].first) + ":" +
               std::to_string(in.rejected_by_reason[i].second);
  }
  return fmt::format(
      "{{\"path\":{},\"system\":{},\"kind\":{},\"layout\":{},\"read\":{},\"skipped\":{},"
      "\"rows\":{},\"used\":{},\"ignored\":{},\"rejected\":{},\"rejected_by_reason\":{}}}}}",
      JsonString(in.path), OrNull(in.system), OrNull(in.kind), OrNull(in.layout),
      in.skipped.empty() ? "true" : "false", in.skipped.empty() ? "null" : JsonString(in.skipped),
      in.rows, in.used, in.ignored, in.rejected, reasons);
}

// {"auc":0.61,…} of the report's stats.
std::string JsonStats(const Table& t) {
  std::string out = "{";
  for (std::size_t i = 0; i < t.stats.size(); ++i) {
    out += (i ? "," : "") + JsonString(t.stats[i].first) + ":" +
           (t.stats[i].second ? MachineText(Cell::Number(t.stats[i].second)) : std::string("null"));
  }
  return out + "}";
}

// ,"inputs":[…] after the meta, when the report has them.
std::string JsonInputs(const Table& t) {
  if (t.inputs.empty()) return {};
  std::string out = ",\"inputs\":[";
  for (std::size_t i = 0; i < t.inputs.size(); ++i)
    out += (i ? ",\n" : "\n") + JsonInput(t.inputs[i]);
  return out + "\n]";
}

// "columns":[…],"rows":[…] of a table.
std::string JsonColumnsAndRows(const Table& t) {
  std::string out = "\"columns\":[";
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    out += (i ? "," : "") + JsonString(t.columns[i]);
  out += "],\"rows\":[";
  for (std::size_t r = 0; r < t.rows.size(); ++r) out += (r ? ",\n" : "\n") + JsonRow(t, r);
  return out + "\n]";
}

std::string Json(const Table& t) {
  return "{\"report\":" + JsonString(t.report) + ",\"meta\":" + JsonMeta(t) +
         (t.stats.empty() ? "" : ",\"stats\":" + JsonStats(t)) + JsonInputs(t) + "," +
         JsonColumnsAndRows(t) + "}\n";
}

}  // namespace

std::string RenderJsonSections(const std::vector<Section>& sections, const Table& facts) {
  auto strings = [](const std::vector<std::string>& list) {
    std::string out = "[";
    for (std::size_t i = 0; i < list.size(); ++i) out += (i ? "," : "") + JsonString(list[i]);
    return out + "]";
  };
  std::string out = "{\"report\":" + JsonString(facts.report) +
                    (facts.headline.empty() ? "" : ",\"headline\":" + JsonString(facts.headline)) +
                    ",\"meta\":" + JsonMeta(facts) + JsonInputs(facts) + ",\"sections\":[";
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const Section& s = sections[i];
    out += (i ? ",\n" : "\n") + std::string("{\"heading\":") + JsonString(s.heading) +
           ",\"text\":" + (s.text.empty() ? "null" : JsonString(s.text)) + "," +
           JsonColumnsAndRows(s.table) + ",\"notes\":" + strings(s.table.notes) + "}";
  }
  out += "\n],\"notes\":[";
  for (std::size_t i = 0; i < facts.notes.size(); ++i) {
    out += (i ? "," : "") + JsonString(facts.notes[i]);
  }
  return out + "]}\n";
}

std::string RenderData(const Table& table, Format format, const RenderOptions& options) {
  switch (format) {
    case Format::kCsv:
      return Delimited(table, false, options.sanitize);
    case Format::kTsv:
      return Delimited(table, true, options.sanitize);
    case Format::kJson:
      return Json(table);
    default: {
      std::string out;
      for (std::size_t r = 0; r < table.rows.size(); ++r) out += JsonRow(table, r) + "\n";
      // Then one line per input, under a key no row has: jq 'select(.input)'.
      for (const auto& in : table.inputs) out += "{\"input\":" + JsonInput(in) + "}\n";
      if (!table.stats.empty()) out += "{\"stats\":" + JsonStats(table) + "}\n";
      return out;
    }
  }
}

}  // namespace baton
