// The html format (issues 7, 16): one standalone page per report, for a browser
// and for a mail client. Mail clients are the strict reader: Gmail and desktop
// Outlook render no SVG and drop much of <style>, so everything here is what they
// render: inline styles on every element (and the old bgcolor/width/align
// attributes Outlook's Word engine reads), bar charts as table cells whose
// widths are percentages, no scripts, no external requests, no classes. Tables
// wider than a phone scroll inside their own box; the text around them wraps.
// The page is well-formed XML (every tag closed, text and attributes escaped).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/cell_text.h"
#include "report/renderers.h"

namespace baton {
namespace {

constexpr std::string_view kInk = "#1d2330", kMuted = "#5b6475", kBar = "#3b6fd8",
                           kTrack = "#e8ecf3", kRule = "#e1e4ea", kCompare = "#e0913a";
constexpr std::string_view kFont = "font-family:Helvetica,Arial,sans-serif";
// A presentation table: no spacing of its own, read as layout by screen readers.
constexpr std::string_view kLayout =
    "role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"";

bool Numeric(const Table& t, std::size_t c) {
  for (const auto& row : t.rows) {
    if (row[c].kind != CellKind::kBlank) return row[c].kind != CellKind::kText;
  }
  return false;
}

// A bar chart of one numeric column, bars as table cells: per row its label and
// value on one line, the bar under them (a phone has no room for both side by
// side). Rows without a value are left out.
std::string BarChart(const Table& t, const Chart& chart, Zone tz) {
  struct Bar {
    std::string label, value;
    double x;
    double y = -1;  // the compare column's value; < 0: none
  };
  std::vector<Bar> bars;
  double max = 0;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    if (chart.rows == ChartRows::kTotals && !t.total[r]) continue;
    if (chart.rows == ChartRows::kDetail && t.total[r]) continue;
    const Cell& v = t.rows[r][static_cast<std::size_t>(chart.value_column)];
    if (!v.has_value) continue;
    if (chart.match_column >= 0 &&
        HumanText(t.rows[r][static_cast<std::size_t>(chart.match_column)], tz) != chart.match) {
      continue;
    }
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
      if (n.has_value) bar.value += " (" + HumanText(n, tz) + ")";
    }
    bar.x = x;
    max = std::max(max, x);
    if (chart.compare_column >= 0) {
      const Cell& c = t.rows[r][static_cast<std::size_t>(chart.compare_column)];
      const double y = c.kind == CellKind::kCount ? static_cast<double>(c.count) : c.number;
      if (c.has_value && y >= 0 && std::isfinite(y)) {
        bar.y = y;
        bar.value += " · " + HumanText(c, tz);
        max = std::max(max, y);
      }
    }
    bars.push_back(std::move(bar));
  }
  if (bars.empty()) return {};
  if (chart.full > 0) max = std::max(max, chart.full);
  std::string out = fmt::format(
      "<table {} width=\"100%\" style=\"max-width:640px;margin:12px 0 20px;font-size:13px;"
      "color:{};{}\">\n<tr><td colspan=\"2\" style=\"font-weight:bold;padding:0 0 6px\">{}</td>"
      "</tr>\n",
      kLayout, kInk, kFont, HtmlEscape(chart.title));
  // One bar: whole percents (Outlook reads no fractions); a bar with a value shows.
  auto bar = [&](double x, std::string_view colour) {
    long width = max > 0 ? std::lround(x / max * 100) : 0;
    if (x > 0) width = std::max(width, 1L);
    std::string cells;
    if (width > 0) {
      cells += fmt::format(
          "<td width=\"{}%\" height=\"10\" bgcolor=\"{}\" style=\"width:{}%;height:10px;"
          "background-color:{};font-size:1px;line-height:1px\">&#160;</td>",
          width, colour, width, colour);
    }
    if (width < 100) {
      cells += fmt::format(
          "<td width=\"{}%\" height=\"10\" bgcolor=\"{}\" style=\"width:{}%;height:10px;"
          "background-color:{};font-size:1px;line-height:1px\">&#160;</td>",
          100 - width, kTrack, 100 - width, kTrack);
    }
    return fmt::format(
        "<tr><td colspan=\"2\" style=\"padding:0 0 4px\"><table {} width=\"100%\"><tr>{}</tr>"
        "</table></td></tr>\n",
        kLayout, cells);
  };
  for (const Bar& b : bars) {
    out += fmt::format(
        "<tr><td style=\"padding:4px 8px 2px 0\">{}</td><td align=\"right\" "
        "style=\"padding:4px 0 2px;text-align:right;white-space:nowrap\">{}</td></tr>\n",
        HtmlEscape(b.label), HtmlEscape(b.value));
    out += bar(b.x, kBar);
    if (b.y >= 0) out += bar(b.y, kCompare);
  }
  return out + "</table>\n";
}

std::string TableHtml(const Table& t, Zone tz) {
  // The box scrolls sideways where the table is wider than the screen.
  std::string out = fmt::format(
      "<div style=\"overflow-x:auto;max-width:100%;margin:8px 0 12px\">\n<table cellpadding=\"0\" "
      "cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;font-size:13px;color:{};"
      "{}\">\n<tr>",
      kInk, kFont);
  std::vector<bool> numeric(t.columns.size());
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    numeric[c] = Numeric(t, c);
    const char* align = numeric[c] ? "right" : "left";
    out += fmt::format(
        "<th align=\"{}\" bgcolor=\"#f0f2f5\" style=\"padding:4px 8px;text-align:{};"
        "background-color:#f0f2f5;border-bottom:1px solid {};font-weight:bold;"
        "white-space:nowrap\">{}</th>",
        align, align, kRule, HtmlEscape(t.headings[c]));
  }
  out += "</tr>\n";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const std::string total =
        t.total[r] ? ";font-weight:bold;border-top:2px solid #c9ced8" : std::string();
    out += "<tr>";
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      const char* align = numeric[c] ? "right" : "left";
      out += fmt::format(
          "<td align=\"{}\" style=\"padding:4px 8px;text-align:{};border-bottom:1px solid "
          "#eceef2;white-space:nowrap{}\">{}</td>",
          align, align, total, HtmlEscape(HumanText(t.rows[r][c], tz)));
    }
    out += "</tr>\n";
  }
  return out + "</table>\n</div>\n";
}

std::string Para(std::string_view text, std::string_view style = "margin:0 0 12px") {
  return fmt::format("<p style=\"{}\">{}</p>\n", style, HtmlEscape(text));
}

constexpr std::string_view kSmall = "margin:4px 0;font-size:12px;color:#5b6475";

std::string Facts(const Table& t) {
  std::string out = fmt::format("<table {} style=\"margin-top:16px;font-size:12px;color:{};{}\">\n",
                                kLayout, kMuted, kFont);
  for (const auto& [key, value] : t.meta) {
    out += fmt::format(
        "<tr><td valign=\"top\" style=\"padding:1px 8px 1px 0;font-weight:bold;"
        "white-space:nowrap;vertical-align:top\">{}</td><td style=\"padding:1px 0\">{}</td></tr>\n",
        HtmlEscape(key), HtmlEscape(value));
  }
  out += "</table>\n";
  for (const auto& note : t.notes) out += Para(note, kSmall);
  return out;
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
  return out.empty() ? std::string() : Para(out, "margin:0 0 16px;color:#5b6475");
}

std::string Heading(std::string_view tag, std::string_view text) {
  const std::string_view style =
      tag == "h1" ? "font-size:20px;line-height:1.3;margin:0 0 4px"
                  : "font-size:16px;line-height:1.3;margin:28px 0 8px;padding-bottom:4px;"
                    "border-bottom:1px solid #e1e4ea";
  return fmt::format("<{} style=\"{}\">{}</{}>\n", tag, style, HtmlEscape(text), tag);
}

// The page: a background, and on it a white box at most 1100 px wide. Divs, not
// a layout table: a table cell grows to fit a wide table inside it, and the page
// with it, where a div keeps the screen's width and lets that table scroll.
std::string Page(const std::string& title, const std::string& body) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
      "<title>{}</title>\n</head>\n<body bgcolor=\"#f6f7f9\" style=\"margin:0;padding:0;"
      "background-color:#f6f7f9\">\n<div style=\"background-color:#f6f7f9;padding:12px 8px\">\n"
      "<div style=\"max-width:1100px;margin:0 auto;background-color:#ffffff;border:1px solid {};"
      "padding:16px;color:{};{};font-size:14px;line-height:1.45\">\n{}</div>\n</div>\n</body>\n"
      "</html>\n",
      HtmlEscape(title), kRule, kInk, kFont, body);
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
  for (const auto& chart : t.charts) out += BarChart(t, chart, o.tz);
  out += TableHtml(t, o.tz);
  if (with_facts) out += Facts(t);
  return out;
}

}  // namespace

std::string RenderHtml(const Table& t, const RenderOptions& o) {
  std::string title = "baton " + t.report + (t.title.empty() ? "" : ": " + t.title);
  return Page(title,
              Heading("h1", title) + Subtitle(t.meta, {"period", "as_of"}) + HtmlBody(t, o, true));
}

std::string RenderHtmlSections(const std::vector<Section>& sections, const Table& facts,
                               const RenderOptions& o) {
  std::string title = "baton " + facts.report + (facts.title.empty() ? "" : ": " + facts.title);
  // The period is in the title already.
  std::string body = Heading("h1", title) + Subtitle(facts.meta, {"as_of", "previous"});
  if (!facts.headline.empty()) {
    body += fmt::format(
        "<table {} width=\"100%\" style=\"margin:8px 0 16px\"><tr><td bgcolor=\"#eef3fc\" style=\""
        "padding:10px 12px;font-size:16px;line-height:1.45;font-weight:bold;"
        "background-color:#eef3fc;border-left:4px solid {}\">{}</td></tr></table>\n",
        kLayout, kBar, HtmlEscape(facts.headline));
  }
  for (const auto& s : sections) {
    body += Heading("h2", s.heading);
    if (!s.text.empty()) body += Para(s.text);
    if (!s.table.rows.empty()) body += HtmlBody(s.table, o, false);
    for (const auto& note : s.table.notes) body += Para(note, kSmall);
  }
  body += Facts(facts);
  return Page(title, body);
}

}  // namespace baton
