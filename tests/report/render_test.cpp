// Renderers: machine formats keep full precision and a stable shape; people's
// formats round; n/a is empty in CSV and null in JSON; formulas are neutralised.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "baton/table.h"
#include "test_util.h"

namespace baton {
namespace {

Table Sample() {
  Table t;
  t.report = "funnel";
  t.columns = {"source", "stage", "reached", "step_rate"};
  t.headings = {"source", "stage", "reached", "step"};
  t.key_columns = 2;
  t.bar_column = 2;
  t.AddRow(
      {Cell::Text("=HYPERLINK(\"x\")"), Cell::Text("lead"), Cell::Count(12345), Cell::Blank()});
  t.AddRow(
      {Cell::Text("=HYPERLINK(\"x\")"), Cell::Text("mql"), Cell::Count(2), Cell::Rate(2.0 / 3)});
  t.AddRow({Cell::Text("Web, paid"), Cell::Text("mql"), Cell::Count(0), Cell::Rate(std::nullopt)},
           true);
  t.meta = {{"as_of", "2024-07-01T00:00:00Z"}};
  return t;
}

TEST_CASE("CSV quotes, keeps full precision, leaves n/a empty and neutralises formulas") {
  std::string csv = Render(Sample(), Format::kCsv, RenderOptions{});
  CHECK(csv ==
        "source,stage,reached,step_rate\n"
        "\"'=HYPERLINK(\"\"x\"\")\",lead,12345,\n"
        "\"'=HYPERLINK(\"\"x\"\")\",mql,2,0.6666666666666666\n"
        "\"Web, paid\",mql,0,\n");
  RenderOptions raw;
  raw.sanitize = false;
  CHECK(Render(Sample(), Format::kCsv, raw).find("\"=HYPERLINK") != std::string::npos);
}

TEST_CASE("TSV has no quoting: tabs and line breaks inside cells become spaces") {
  Table t;
  t.columns = t.headings = {"a"};
  t.AddRow({Cell::Text("x\ty\nz")});
  CHECK(Render(t, Format::kTsv, RenderOptions{}) == "a\nx y z\n");
}

TEST_CASE("JSON carries meta, columns and typed rows with null for n/a") {
  std::string json = Render(Sample(), Format::kJson, RenderOptions{});
  CHECK(json.find("{\"report\":\"funnel\",\"meta\":{\"as_of\":\"2024-07-01T00:00:00Z\"},"
                  "\"columns\":[\"source\",\"stage\",\"reached\",\"step_rate\"],\"rows\":[") == 0);
  CHECK(json.find("{\"source\":\"=HYPERLINK(\\\"x\\\")\",\"stage\":\"lead\",\"reached\":12345,"
                  "\"step_rate\":null,\"total\":false}") != std::string::npos);
  CHECK(json.find("\"reached\":0,\"step_rate\":null,\"total\":true}") != std::string::npos);
  std::string ndjson = Render(Sample(), Format::kNdjson, RenderOptions{});
  CHECK(std::count(ndjson.begin(), ndjson.end(), '\n') == 3);
  CHECK(ndjson.find("\"step_rate\":0.6666666666666666") != std::string::npos);
}

TEST_CASE("the table rounds for people, blanks repeated keys and draws bars") {
  std::string text = Render(Sample(), Format::kTable, RenderOptions{});
  CHECK(text.find("12,345") != std::string::npos);
  CHECK(text.find("66.7%") != std::string::npos);
  CHECK(text.find("n/a") != std::string::npos);
  CHECK(text.find("████████████████████████") != std::string::npos);  // the largest count
  // The second row repeats the first row's source: blanked.
  auto second = text.find('\n', text.find('\n') + 1) + 1;
  CHECK(text[second] == ' ');
  CHECK(text.find("\x1b[") == std::string::npos);  // no colour unless asked
  CHECK(text.find("as_of: 2024-07-01T00:00:00Z") != std::string::npos);
}

TEST_CASE("markdown escapes pipes and right-aligns numbers") {
  Table t;
  t.columns = t.headings = {"name", "n"};
  t.AddRow({Cell::Text("a|b"), Cell::Count(1000)});
  CHECK(Render(t, Format::kMd, RenderOptions{}) ==
        "| name | n |\n| --- | ---: |\n| a\\|b | 1,000 |\n\n");
}

// What a mail client renders (issue 16): Gmail and desktop Outlook drop <style>,
// SVG and scripts, and a mail must make no requests. Returns what is wrong, or "".
std::string MailUnsafe(std::string_view page) {
  for (std::string_view bad : {"<style", "<svg", "<script", "<link", "<img",
                               "class=", "http:", "https:", "url(", "@media"}) {
    if (page.find(bad) != std::string_view::npos) return std::string(bad);
  }
  // Every cell is styled inline.
  for (std::string_view tag : {"<td", "<th", "<p", "<h1", "<h2"}) {
    for (auto at = page.find(tag); at != std::string_view::npos; at = page.find(tag, at + 1)) {
      const char next = page[at + tag.size()];
      if (next != ' ' && next != '>') continue;  // <table, <thead, <tr
      auto end = page.find('>', at);
      if (page.substr(at, end - at).find("style=\"") == std::string_view::npos) {
        return std::string(tag) + " without style at " + std::to_string(at);
      }
    }
  }
  return "";
}

// A strict well-formedness check of XML (the html format is XHTML-compatible): every tag closes in
// order, attributes are quoted, every & starts an entity. Returns "" when well-formed, else what is
// wrong.
std::string WellFormed(std::string_view doc) {
  std::vector<std::string> open;
  std::size_t i = 0;
  if (doc.substr(0, 15) == "<!DOCTYPE html>") i = 15;
  auto entity_ok = [&](std::size_t at) {
    auto end = doc.find(';', at);
    if (end == std::string_view::npos || end - at > 8) return false;
    std::string_view name = doc.substr(at + 1, end - at - 1);
    return name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "#39" ||
           name == "#160";
  };
  while (i < doc.size()) {
    char c = doc[i];
    if (c == '&') {
      if (!entity_ok(i)) return "bad entity at " + std::to_string(i);
      ++i;
      continue;
    }
    if (c == '>') return "stray > at " + std::to_string(i);
    if (c != '<') {
      ++i;
      continue;
    }
    auto end = doc.find('>', i);
    if (end == std::string_view::npos) return "unclosed tag at " + std::to_string(i);
    std::string_view tag = doc.substr(i + 1, end - i - 1);
    i = end + 1;
    if (tag.empty()) return "empty tag";
    if (tag[0] == '/') {
      std::string name(tag.substr(1));
      if (open.empty() || open.back() != name) return "</" + name + "> closes nothing open";
      open.pop_back();
      continue;
    }
    bool self_closing = tag.back() == '/';
    std::string_view body = self_closing ? tag.substr(0, tag.size() - 1) : tag;
    std::string name(body.substr(0, body.find_first_of(" \n")));
    // Attributes: name="value" pairs; no raw < or & inside values but entities.
    std::string_view attrs = body.substr(name.size());
    std::size_t quotes = static_cast<std::size_t>(std::count(attrs.begin(), attrs.end(), '"'));
    if (quotes % 2 != 0) return "unbalanced quotes in <" + name + ">";
    if (attrs.find('<') != std::string_view::npos) return "< inside <" + name + ">";
    if (!self_closing) open.push_back(name);
  }
  if (!open.empty()) return "<" + open.back() + "> never closed";
  return "";
}

TEST_CASE("html: a standalone, well-formed page with escaped text, a chart and the facts") {
  Table t = Sample();
  t.title = "stage <conversion> & more";
  Chart chart;
  chart.title = "People \"reaching\" each stage";
  chart.value_column = 2;
  chart.label_columns = {0, 1};
  chart.note_column = 3;
  t.charts.push_back(chart);
  t.notes = {"a note with <b>tags</b> & ampersands"};
  std::string page = Render(t, Format::kHtml, RenderOptions{});
  CHECK(WellFormed(page) == "");
  CHECK(MailUnsafe(page) == "");
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(page.find("stage &lt;conversion&gt; &amp; more") != std::string::npos);
  CHECK(page.find("&lt;b&gt;tags&lt;/b&gt;") != std::string::npos);
  CHECK(page.find("=HYPERLINK(&quot;x&quot;)") != std::string::npos);
  // Two detail rows are bars, table cells with percentage widths (the total row is
  // left out); the first is the longest, the other a share of it on a track.
  CHECK(std::count(page.begin(), page.end(), '\n') > 10);
  std::size_t bars = 0;
  for (auto at = page.find("bgcolor=\"#3b6fd8\""); at != std::string::npos;
       at = page.find("bgcolor=\"#3b6fd8\"", at + 1)) {
    ++bars;
  }
  CHECK(bars == 2);
  CHECK(page.find("<td width=\"100%\" height=\"10\" bgcolor=\"#3b6fd8\"") != std::string::npos);
  CHECK(page.find("12,345") != std::string::npos);
  CHECK(page.find("font-weight:bold;border-top:2px solid") != std::string::npos);  // the total
  CHECK(page.find(">as_of</td><td style=\"padding:1px 0\">2024-07-01T00:00:00Z</td>") !=
        std::string::npos);
  CHECK(page.find("overflow-x:auto") != std::string::npos);  // a wide table scrolls in its box
  // The checker itself rejects what it should.
  CHECK(WellFormed("<p>a & b</p>") != "");
  CHECK(WellFormed("<p><b>x</p></b>") != "");
  CHECK(WellFormed("<p>") != "");
  CHECK(MailUnsafe("<p style=\"x\">a</p><svg/>") == "<svg");
  CHECK(MailUnsafe("<p>a</p>") != "");
}

TEST_CASE("sections: headings and tables in every format, changes read with arrows") {
  Table facts;
  facts.report = "summary";
  facts.title = "week";
  facts.meta = {{"period", "2024-W10"}};
  Table changes;
  changes.columns = {"stage", "count", "change", "change_rate"};
  changes.headings = {"stage", "count", "Δ", "Δ%"};
  changes.AddRow({Cell::Text("lead"), Cell::Count(12), Cell::Change(3), Cell::ChangeRate(0.25)});
  changes.AddRow({Cell::Text("mql"), Cell::Count(4), Cell::Change(-2), Cell::ChangeRate(-1.0 / 3)});
  changes.AddRow(
      {Cell::Text("sql"), Cell::Count(1), Cell::Change(0), Cell::ChangeRate(std::nullopt)});
  std::vector<Section> sections = {{"Funnel", "", changes}, {"Wins", "No customers won.", Table{}}};
  std::string text = RenderSections(sections, facts, Format::kTable, RenderOptions{});
  CHECK(text.find("Funnel\n======\n") != std::string::npos);
  CHECK(text.find("▲ +3") != std::string::npos);
  CHECK(text.find("▼ -33.3%") != std::string::npos);
  CHECK(text.find("= 0") != std::string::npos);
  CHECK(text.find("No customers won.") != std::string::npos);
  CHECK(text.find("period: 2024-W10") != std::string::npos);
  std::string md = RenderSections(sections, facts, Format::kMd, RenderOptions{});
  CHECK(md.find("## Funnel") != std::string::npos);
  std::string json = RenderSections(sections, facts, Format::kJson, RenderOptions{});
  CHECK(json.find("\"sections\":[") != std::string::npos);
  CHECK(json.find("\"change\":-2") != std::string::npos);
  CHECK(json.find("\"change_rate\":null") != std::string::npos);
  facts.headline = "2024-W10 against 2024-W09: 12 people entered at lead (▲ +25.0%).";
  std::string html = RenderSections(sections, facts, Format::kHtml, RenderOptions{});
  CHECK(WellFormed(html) == "");
  CHECK(MailUnsafe(html) == "");
  CHECK(html.find(">Wins</h2>") != std::string::npos);
  CHECK(html.find(">▼ -33.3%</td>") != std::string::npos);
  CHECK(html.find(">2024-W10 against 2024-W09: 12 people entered at lead (▲ +25.0%).</td>") !=
        std::string::npos);
  CHECK(RenderSections(sections, facts, Format::kMd, RenderOptions{})
            .find("**2024-W10 against 2024-W09") != std::string::npos);
  CHECK(RenderSections(sections, facts, Format::kJson, RenderOptions{})
            .find("\"headline\":\"2024-W10 against") != std::string::npos);
  CHECK(RenderSections(sections, facts, Format::kTable, RenderOptions{})
            .rfind("2024-W10 against 2024-W09", 0) == 0);
}

// The golden cases whose command asks (--format or -f) for one of `formats`: (case path, command,
// stdout).
struct GoldenPage {
  std::string path, args, page;
};
std::vector<GoldenPage> GoldenPages(std::initializer_list<std::string_view> formats) {
  auto slurp = [](const std::filesystem::path& file) {
    std::ifstream in(file);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  std::vector<GoldenPage> pages;
  for (const auto& group : std::filesystem::directory_iterator(BATON_SOURCE_DIR "/tests/golden")) {
    if (!group.is_directory()) continue;
    for (const auto& golden : std::filesystem::directory_iterator(group.path())) {
      std::string args = slurp(golden.path() / "cmd");
      bool wanted = false;
      for (auto format : formats) {
        for (const char* flag : {"--format ", "-f "}) {
          wanted = wanted || args.find(flag + std::string(format)) != std::string::npos;
        }
      }
      if (wanted) pages.push_back({golden.path().string(), args, slurp(golden.path() / "out")});
    }
  }
  return pages;
}

TEST_CASE("html: every golden html page is well-formed and mail-safe, with a chart but for check") {
  auto pages = GoldenPages({"html"});
  for (const auto& [path, args, page] : pages) {
    CAPTURE(path);
    CHECK(WellFormed(page) == "");
    CHECK(MailUnsafe(page) == "");
    if (args.rfind("check", 0) != 0) CHECK(page.find("bgcolor=\"#3b6fd8\"") != std::string::npos);
  }
  CHECK(pages.size() >= 6);
}

TEST_CASE("md and html goldens show no markdown syntax literally: no backticks") {
  auto pages = GoldenPages({"md", "html"});
  for (const auto& golden : pages) {
    CAPTURE(golden.path);
    CHECK(golden.page.find('`') == std::string::npos);
  }
  CHECK(pages.size() >= 8);
  // A backtick in the data is escaped in md, so that it does not start code.
  Table t;
  t.columns = t.headings = {"campaign"};
  t.AddRow({Cell::Text("Q1 `promo`")});
  CHECK(Render(t, Format::kMd, RenderOptions{}).find("Q1 \\`promo\\`") != std::string::npos);
}

TEST_CASE("json and ndjson carry the inputs as data") {
  Table t = Sample();
  InputFact lead;
  lead.path = "exports/Lead.csv";
  lead.system = "salesforce";
  lead.kind = "people";
  lead.layout = "Salesforce Lead (API names)";
  lead.rows = 10;
  lead.used = 7;
  lead.ignored = 1;
  lead.rejected = 2;
  lead.rejected_by_reason = {{"bad date", 2}};
  InputFact skipped;
  skipped.path = "exports/notes.csv";
  skipped.skipped = "not a layout baton knows";
  t.inputs = {lead, skipped};
  std::string json = Render(t, Format::kJson, RenderOptions{});
  CHECK(json.find(",\"inputs\":[\n{\"path\":\"exports/Lead.csv\",\"system\":\"salesforce\","
                  "\"kind\":\"people\",\"layout\":\"Salesforce Lead (API names)\",\"read\":true,"
                  "\"skipped\":null,\"rows\":10,\"used\":7,\"ignored\":1,\"rejected\":2,"
                  "\"rejected_by_reason\":{\"bad date\":2}},\n") != std::string::npos);
  CHECK(json.find("\"read\":false,\"skipped\":\"not a layout baton knows\"") != std::string::npos);
  std::string ndjson = Render(t, Format::kNdjson, RenderOptions{});
  // The rows first, then one line per input under its own key.
  const auto first_input = ndjson.find("{\"input\":{\"path\":\"exports/Lead.csv\"");
  REQUIRE(first_input != std::string::npos);
  CHECK(ndjson.find("\"stage\"", first_input) == std::string::npos);
  CHECK(std::count(ndjson.begin(), ndjson.end(), '\n') == static_cast<long>(t.rows.size()) + 2);
  // csv and the formats for people do not carry them.
  CHECK(Render(t, Format::kCsv, RenderOptions{}).find("Lead.csv") == std::string::npos);
}

TEST_CASE("--columns keeps the columns named, in order, with their headings and charts") {
  Table t = Sample();  // source, stage, reached, step_rate
  Chart chart;
  chart.value_column = 2;
  chart.label_columns = {0, 1};
  chart.note_column = 3;
  t.charts.push_back(chart);
  t.key_columns = 1;
  Table picked = t;
  CHECK(!SelectColumns(picked, {"reached", "source"}));
  CHECK(picked.columns == std::vector<std::string>{"reached", "source"});
  CHECK(picked.bar_column == 0);
  CHECK(picked.headings[1] == t.headings[0]);
  CHECK(picked.rows[0][0].count == t.rows[0][2].count);
  CHECK(picked.rows[0][1].text == t.rows[0][0].text);
  CHECK(picked.key_columns == 0);  // the key is no longer leading: nothing is blanked
  REQUIRE(picked.charts.size() == 1);
  CHECK(picked.charts[0].value_column == 0);
  CHECK(picked.charts[0].label_columns == std::vector<int>{1});
  CHECK(picked.charts[0].note_column == -1);
  // Without the chart's value column the chart goes; a repeated name counts once.
  Table no_chart = t;
  CHECK(!SelectColumns(no_chart, {"source", "stage", "source"}));
  CHECK(no_chart.columns.size() == 2);
  CHECK(no_chart.key_columns == 1);
  CHECK(no_chart.charts.empty());
  // An unknown name is returned and the table left as it was.
  Table unknown = t;
  CHECK(SelectColumns(unknown, {"source", "reachd"}) == std::optional<std::string>("reachd"));
  CHECK(unknown.columns == t.columns);
}

}  // namespace
}  // namespace baton
