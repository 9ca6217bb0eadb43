// The data-quality check (SPEC 4.5): facts always, problems when present, and
// --strict judged on problems only.
#include "baton/check.h"

#include <doctest/doctest.h>

#include <algorithm>

namespace baton {
namespace {

const Finding* Find(const std::vector<Finding>& all, const std::string& check,
                    const std::string& item = "") {
  auto it = std::find_if(all.begin(), all.end(), [&](const Finding& f) {
    return f.check == check && (item.empty() || f.item == item);
  });
  return it == all.end() ? nullptr : &*it;
}

TEST_CASE("the check lists each file's rows and every problem with where to look") {
  FileStats lead;
  lead.name = "Lead.csv";
  lead.system = "salesforce";
  lead.layout = "Salesforce Lead (API names)";
  lead.rows = 10;
  lead.used = 7;
  lead.rejected["bad date"] = SeenValue{2, 4};
  lead.ignored["spend rows (read by the cost report)"] = 1;
  lead.unmapped["status"]["Nurture"] = SeenValue{3, 9};
  lead.duplicate_id_rows = 1;
  lead.duplicate_ids["salesforce:00Q000000000001AAA"] = SeenValue{2, 2};
  Model m;
  m.stages = {"lead", "mql"};
  m.people.resize(5);
  m.quality.orphan_activities = 2;
  m.quality.out_of_order_people = 1;
  m.quality.unknown_time = {0, 4};

  auto all = CheckData(m, {lead});
  REQUIRE(Find(all, "rows read"));
  CHECK(Find(all, "rows read")->count == 10);
  CHECK_FALSE(Find(all, "rows read")->problem);
  CHECK(Find(all, "rows used")->count == 7);
  const Finding* bad = Find(all, "rejected", "bad date");
  REQUIRE(bad);
  CHECK(bad->count == 2);
  CHECK(bad->first_line == 4);
  CHECK(bad->problem);
  const Finding* nurture = Find(all, "unmapped value", "status: Nurture");
  REQUIRE(nurture);
  CHECK(nurture->count == 3);
  CHECK(nurture->first_line == 9);
  CHECK(nurture->note.find("[map.salesforce.status]") != std::string::npos);
  const Finding* dup = Find(all, "duplicate id", "00Q000000000001AAA");
  REQUIRE(dup);
  CHECK(dup->first_line == 2);
  CHECK(Find(all, "people")->count == 5);
  CHECK(Find(all, "orphan activities")->count == 2);
  CHECK(Find(all, "stage times out of order")->note.find("infer") != std::string::npos);
  CHECK(Find(all, "stage time unknown", "mql")->count == 4);
  CHECK_FALSE(Find(all, "stage time unknown", "mql")->problem);
  CHECK_FALSE(Find(all, "orphan opportunities"));  // none: not listed
  CHECK(HasProblems(all));
}

TEST_CASE("clean data has facts but no problems") {
  FileStats f;
  f.name = "contacts.csv";
  f.rows = f.used = 3;
  Model m;
  m.stages = {"lead"};
  m.people.resize(3);
  m.quality.unknown_time = {0};
  auto all = CheckData(m, {f});
  CHECK(all.size() == 3);  // rows read, rows used, people
  CHECK_FALSE(HasProblems(all));
}

}  // namespace
}  // namespace baton
