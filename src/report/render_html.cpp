// The html format (issue 7): one standalone page per report, for a browser or a
// mail client: inline CSS, no scripts, no external requests, an inline SVG bar
// chart per Table::charts, then the table and the report facts. The page is
// well-formed XML (every tag closed, text and attributes escaped), so it reads the
// same in strict parsers.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/cell_text.h"
#include "report/renderers.h"

namespace baton {
namespace {

constexpr std::string_view kStyle = R"(
body{margin:0;padding:24px;background:#f6f7f9;color:#1d2330;font:14px/1.45 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{max-width:1500px;margin:0 auto;background:#fff;border:1px solid #e1e4ea;border-radius:6px;padding:20px 24px}
div.wide{overflow-x:auto}
h1{font-size:20px;margin:0 0 4px}
h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid #e1e4ea;padding-bottom:4px}
p.facts{color:#5b6475;margin:0 0 16px}
figure{margin:12px 0 20px}
figcaption{font-weight:600;margin-bottom:6px}
table{border-collapse:collapse;margin:8px 0 12px;font-size:13px;font-variant-numeric:tabular-nums}
th,td{padding:4px 8px;border-bottom:1px solid #eceef2;text-align:left;white-space:nowrap}
th{background:#f0f2f5;font-weight:600}
td.num,th.num{text-align:right}
tr.total td{font-weight:700;border-top:2px solid #c9ced8}
footer{color:#5b6475;font-size:12px;margin-top:16px}
footer dt{float:left;clear:left;font-weight:600;margin-right:6px}
footer dd{margin:0 0 2px}
footer ul{padding-left:18px}
)";

bool Numeric(const Table& t, std::size_t c) {
  for (const auto& row : t.rows) {
    if (row[c].kind != CellKind::kBlank) return row[c].kind != CellKind::kText;
  }
  return false;
}

// A bar chart of one numeric column; rows without a value are left out.
std::string Svg(const Table& t, const Chart& chart, Zone tz) {
  struct Bar {
    std::string label, value, note;
    double x;
  };
  std::vector<Bar> bars;
  double max = 0;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    if (chart.rows == ChartRows::kTotals && !t.total[r]) continue;
    if (chart.rows == ChartRows::kDetail && t.total[r]) continue;
    const Cell& v = t.rows[r][static_cast<std::size_t>(chart.value_column)];
    if (!v.has_value) continue;
    double x = v.kind == CellKind::kCount ? static_cast<double>(v.count) : v.number;
    if (!(x >= 0) || !std::isfinite(x) || (chart.skip_zero && x == 0)) continue;
    Bar bar;
    for (int c : chart.label_columns) {
      std::string text = HumanText(t.rows[r][static_cast<std::size_t>(c)], tz);
      if (text.empty()) continue;
      bar.label += (bar.label.empty() ? "" : " · ") + text;
    }
    bar.value = HumanText(v, tz);
    if (chart.note_column >= 0) {
      const Cell& n = t.rows[r][static_cast<std::size_t>(chart.note_column)];
      if (n.has_value) bar.note = HumanText(n, tz);
    }
    bar.x = x;
    max = std::max(max, x);
    bars.push_back(std::move(bar));
  }
  if (bars.empty()) return {};
  if (chart.full > 0) max = std::max(max, chart.full);
  constexpr int kLabel = 260, kPlot = 520, kRow = 22, kBar = 16, kWidth = kLabel + kPlot + 150;
  const int height = static_cast<int>(bars.size()) * kRow + 8;
  std::string out = fmt::format(
      "<figure><figcaption>{}</figcaption>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" "
      "role=\"img\" aria-label=\"{}\" font-family=\"Helvetica,Arial,sans-serif\" "
      "font-size=\"12\">\n",
      HtmlEscape(chart.title), kWidth, height, kWidth, height, HtmlEscape(chart.title));
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const int y = static_cast<int>(i) * kRow + 4;
    const double w = max > 0 ? b.x / max * kPlot : 0;
    std::string label = b.label.size() > 40 ? b.label.substr(0, 39) + "…" : b.label;
    out += fmt::format(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#1d2330\">{}</text>"
        "<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" rx=\"2\" fill=\"#3b6fd8\"/>"
        "<text x=\"{:.1f}\" y=\"{}\" fill=\"#1d2330\">{}{}</text>\n",
        kLabel - 8, y + 12, HtmlEscape(label), kLabel, y, w, kBar, kLabel + w + 6, y + 12,
        HtmlEscape(b.value), b.note.empty() ? "" : HtmlEscape("  (" + b.note + ")"));
  }
  return out + "</svg></figure>\n";
}

std::string TableHtml(const Table& t, Zone tz) {
  std::string out = "<div class=\"wide\"><table>\n<thead><tr>";
  std::vector<bool> numeric(t.columns.size());
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    numeric[c] = Numeric(t, c);
    out +=
        fmt::format("<th{}>{}</th>", numeric[c] ? " class=\"num\"" : "", HtmlEscape(t.headings[c]));
  }
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    out += t.total[r] ? "<tr class=\"total\">" : "<tr>";
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      const Cell& cell = t.rows[r][c];
      std::string text = HumanText(cell, tz);
      std::string cls = numeric[c] ? "num" : "";
      if (cell.kind == CellKind::kChange && cell.has_value && cell.number != 0) {
        cls += cell.number > 0 ? " up" : " down";
      }
      out += fmt::format("<td{}>{}</td>", cls.empty() ? "" : " class=\"" + cls + "\"",
                         HtmlEscape(text));
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table></div>\n";
}

std::string Facts(const Table& t) {
  std::string out = "<footer>\n<dl>\n";
  for (const auto& [key, value] : t.meta) {
    out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", HtmlEscape(key), HtmlEscape(value));
  }
  out += "</dl>\n";
  if (!t.notes.empty()) {
    out += "<ul>\n";
    for (const auto& note : t.notes) out += "<li>" + HtmlEscape(note) + "</li>\n";
    out += "</ul>\n";
  }
  return out + "</footer>\n";
}

// "period: 2024-Q1 · as_of: 2024-07-01T00:00:00Z" under the heading: the meta
// values of `keys`.
std::string Subtitle(const std::vector<std::pair<std::string, std::string>>& meta,
                     std::initializer_list<std::string_view> keys) {
  std::string out;
  for (const auto& [key, value] : meta) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) continue;
    out.append(out.empty() ? "" : " · ").append(key).append(": ").append(value);
  }
  return out.empty() ? std::string() : "<p class=\"facts\">" + HtmlEscape(out) + "</p>\n";
}

std::string Page(const std::string& title, const std::string& body) {
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
         "<title>" +
         HtmlEscape(title) + "</title>\n<style>" + std::string(kStyle) +
         "</style>\n</head>\n<body>\n<main>\n" + body + "</main>\n</body>\n</html>\n";
}

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        // Control characters other than tab and newline are not allowed in XML.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

namespace {

std::string HtmlBody(const Table& t, const RenderOptions& o, bool with_facts) {
  std::string out;
  for (const auto& chart : t.charts) out += Svg(t, chart, o.tz);
  out += TableHtml(t, o.tz);
  if (with_facts) out += Facts(t);
  return out;
}

}  // namespace

std::string RenderHtml(const Table& t, const RenderOptions& o) {
  std::string title = "baton " + t.report + (t.title.empty() ? "" : ": " + t.title);
  return Page(title, "<h1>" + HtmlEscape(title) + "</h1>\n" +
                         Subtitle(t.meta, {"period", "as_of"}) + HtmlBody(t, o, true));
}

std::string RenderHtmlSections(const std::vector<Section>& sections, const Table& facts,
                               const RenderOptions& o) {
  std::string title = "baton " + facts.report + (facts.title.empty() ? "" : ": " + facts.title);
  // The period is in the title already.
  std::string body =
      "<h1>" + HtmlEscape(title) + "</h1>\n" + Subtitle(facts.meta, {"as_of", "previous"});
  for (const auto& s : sections) {
    body += "<h2>" + HtmlEscape(s.heading) + "</h2>\n";
    if (!s.text.empty()) body += "<p>" + HtmlEscape(s.text) + "</p>\n";
    if (!s.table.rows.empty()) body += HtmlBody(s.table, o, false);
    for (const auto& note : s.table.notes)
      body += "<p class=\"facts\">" + HtmlEscape(note) + "</p>\n";
  }
  body += Facts(facts);
  return Page(title, body);
}

}  // namespace baton
