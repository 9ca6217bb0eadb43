// Renderers for people (SPEC 5): the aligned terminal table with a unicode bar per
// row (colour only when asked: a terminal without NO_COLOR) and GitHub markdown.
// Both print the report facts as a footer. Also the format dispatch.
#include <algorithm>
#include <cmath>

#include "baton/table.h"
#include "report/cell_text.h"
#include "report/renderers.h"

namespace baton {

namespace {

std::size_t DisplayWidth(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

bool RightAligned(const Table& t, std::size_t c) {
  for (const auto& row : t.rows) {
    if (row[c].kind != CellKind::kBlank) return row[c].kind != CellKind::kText;
  }
  return false;
}

// The cell texts people see, with repeated breakdown keys blanked.
std::vector<std::vector<std::string>> HumanCells(const Table& t, Zone tz) {
  std::vector<std::vector<std::string>> out;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    std::vector<std::string> cells;
    bool same_prefix = r > 0;
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      std::string text = HumanText(t.rows[r][c], tz);
      if (c < t.key_columns) {
        same_prefix = same_prefix && t.rows[r][c].text == t.rows[r - 1][c].text;
        if (same_prefix) text.clear();
      }
      cells.push_back(std::move(text));
    }
    out.push_back(std::move(cells));
  }
  return out;
}

std::string Bar(double fraction, int width) {
  static const char* kEighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
  int eighths = static_cast<int>(std::lround(fraction * width * 8));
  std::string out;
  for (int i = 0; i < eighths / 8; ++i) out += "█";
  return out + kEighths[eighths % 8];
}

std::string Footer(const Table& t) {
  std::string out;
  for (const auto& [key, value] : t.meta) out.append(key).append(": ").append(value) += '\n';
  for (const auto& note : t.notes) out += note + "\n";
  return out;
}

std::string Terminal(const Table& t, const RenderOptions& o, bool footer = true) {
  auto cells = HumanCells(t, o.tz);
  std::vector<std::size_t> width(t.columns.size());
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    width[c] = DisplayWidth(t.headings[c]);
    for (const auto& row : cells) width[c] = std::max(width[c], DisplayWidth(row[c]));
  }
  std::int64_t max_bar = 0;
  if (t.bar_column >= 0) {
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      max_bar = std::max(max_bar, t.rows[r][static_cast<std::size_t>(t.bar_column)].count);
    }
  }
  const char* bold = o.color ? "\x1b[1m" : "";
  const char* cyan = o.color ? "\x1b[36m" : "";
  const char* reset = o.color ? "\x1b[0m" : "";
  auto line = [&](const std::vector<std::string>& row, std::size_t r, bool heading) {
    std::string out;
    for (std::size_t c = 0; c < row.size(); ++c) {
      std::string pad(width[c] - DisplayWidth(row[c]), ' ');
      if (c) out += "  ";
      out += !heading && RightAligned(t, c) ? pad + row[c] : row[c] + pad;
    }
    if (!heading && t.bar_column >= 0 && max_bar > 0) {
      double f = static_cast<double>(t.rows[r][static_cast<std::size_t>(t.bar_column)].count) /
                 static_cast<double>(max_bar);
      out += std::string("  ") + cyan + Bar(f, 24) + reset;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = std::string(bold) + line(t.headings, 0, true);
  if (o.color) out.insert(out.size() - 1, reset);
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    std::string text = line(cells[r], r, false);
    if (t.total[r] && o.color) text = bold + text.substr(0, text.size() - 1) + reset + "\n";
    out += text;
  }
  return footer ? out + "\n" + Footer(t) : out;
}

std::string MdEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|' || c == '`') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

std::string Markdown(const Table& t, const RenderOptions& o, bool footer = true) {
  auto cells = HumanCells(t, o.tz);
  std::string out = "|";
  for (const auto& h : t.headings) out.append(" ").append(MdEscape(h)).append(" |");
  out += "\n|";
  for (std::size_t c = 0; c < t.columns.size(); ++c)
    out += RightAligned(t, c) ? " ---: |" : " --- |";
  out += "\n";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    out += "|";
    for (std::size_t c = 0; c < cells[r].size(); ++c) {
      std::string text = MdEscape(cells[r][c]);
      if (t.total[r] && !text.empty()) text.insert(0, "**").append("**");
      out.append(" ").append(text).append(" |");
    }
    out += "\n";
  }
  out += "\n";
  if (!footer) return out;
  for (const auto& [key, value] : t.meta) out += "- " + key + ": " + MdEscape(value) + "\n";
  for (const auto& note : t.notes) out += "- " + MdEscape(note) + "\n";
  return out;
}

}  // namespace

std::optional<std::string> SelectColumns(Table& t, const std::vector<std::string>& names) {
  std::vector<int> keep;  // old index per new column
  for (const auto& name : names) {
    auto it = std::find(t.columns.begin(), t.columns.end(), name);
    if (it == t.columns.end()) return name;
    const int c = static_cast<int>(it - t.columns.begin());
    if (std::find(keep.begin(), keep.end(), c) == keep.end()) keep.push_back(c);
  }
  auto moved = [&](int old) {
    auto it = std::find(keep.begin(), keep.end(), old);
    return it == keep.end() ? -1 : static_cast<int>(it - keep.begin());
  };
  std::vector<std::string> columns, headings;
  for (int c : keep) {
    columns.push_back(t.columns[static_cast<std::size_t>(c)]);
    headings.push_back(t.headings[static_cast<std::size_t>(c)]);
  }
  for (auto& row : t.rows) {
    std::vector<Cell> cells;
    cells.reserve(keep.size());
    for (int c : keep) cells.push_back(std::move(row[static_cast<std::size_t>(c)]));
    row = std::move(cells);
  }
  // Repeated keys are blanked only in a leading run of key columns.
  std::size_t keys = 0;
  while (keys < keep.size() && static_cast<std::size_t>(keep[keys]) < t.key_columns) ++keys;
  t.key_columns = keys;
  t.columns = std::move(columns);
  t.headings = std::move(headings);
  t.bar_column = t.bar_column < 0 ? -1 : moved(t.bar_column);
  std::vector<Chart> charts;
  for (Chart chart : t.charts) {
    chart.value_column = moved(chart.value_column);
    if (chart.value_column < 0) continue;
    std::vector<int> labels;
    for (int c : chart.label_columns) {
      if (moved(c) >= 0) labels.push_back(moved(c));
    }
    chart.label_columns = std::move(labels);
    chart.note_column = chart.note_column < 0 ? -1 : moved(chart.note_column);
    chart.compare_column = chart.compare_column < 0 ? -1 : moved(chart.compare_column);
    if (chart.match_column >= 0) {
      chart.match_column = moved(chart.match_column);
      if (chart.match_column < 0) continue;  // (no column to tell the rows by)
    }
    charts.push_back(std::move(chart));
  }
  t.charts = std::move(charts);
  return std::nullopt;
}

std::optional<Format> ParseFormat(std::string_view text) {
  if (text == "table") return Format::kTable;
  if (text == "csv") return Format::kCsv;
  if (text == "tsv") return Format::kTsv;
  if (text == "json") return Format::kJson;
  if (text == "ndjson") return Format::kNdjson;
  if (text == "md" || text == "markdown") return Format::kMd;
  if (text == "html") return Format::kHtml;
  return std::nullopt;
}

std::string RenderSections(const std::vector<Section>& sections, const Table& facts, Format format,
                           const RenderOptions& options) {
  std::string out;
  switch (format) {
    case Format::kTable:
      if (!facts.headline.empty()) out += facts.headline + "\n\n";
      for (const auto& s : sections) {
        out += s.heading + "\n" + std::string(DisplayWidth(s.heading), '=') + "\n";
        if (!s.text.empty()) out += s.text + "\n";
        if (!s.table.rows.empty())
          out += (s.text.empty() ? "" : "\n") + Terminal(s.table, options, false);
        for (const auto& note : s.table.notes) out += note + "\n";
        out += "\n";
      }
      return out + Footer(facts);
    case Format::kMd:
      out = "# baton " + MdEscape(facts.report) +
            (facts.title.empty() ? "" : ": " + MdEscape(facts.title)) + "\n\n";
      if (!facts.headline.empty()) out += "**" + MdEscape(facts.headline) + "**\n\n";
      for (const auto& s : sections) {
        out += "## " + MdEscape(s.heading) + "\n\n";
        if (!s.text.empty()) out += MdEscape(s.text) + "\n\n";
        if (!s.table.rows.empty()) out += Markdown(s.table, options, false);
        for (const auto& note : s.table.notes) out += "- " + MdEscape(note) + "\n";
        if (!s.table.notes.empty()) out += "\n";
      }
      for (const auto& [key, value] : facts.meta) out += "- " + key + ": " + MdEscape(value) + "\n";
      for (const auto& note : facts.notes) out += "- " + MdEscape(note) + "\n";
      return out;
    case Format::kHtml:
      return RenderHtmlSections(sections, facts, options);
    default:
      return RenderJsonSections(sections, facts);
  }
}

std::string Render(const Table& table, Format format, const RenderOptions& options) {
  switch (format) {
    case Format::kTable:
      return Terminal(table, options);
    case Format::kMd:
      return Markdown(table, options);
    case Format::kHtml:
      return RenderHtml(table, options);
    default:
      return RenderData(table, format, options);
  }
}

}  // namespace baton
