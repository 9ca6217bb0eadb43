// Renderers: machine formats keep full precision and a stable shape; people's
// formats round; n/a is empty in CSV and null in JSON; formulas are neutralised.
#include <doctest/doctest.h>

#include <algorithm>

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

}  // namespace
}  // namespace baton
