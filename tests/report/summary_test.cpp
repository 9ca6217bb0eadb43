// summary's tables: changes against the previous period, worked by hand.
#include <doctest/doctest.h>

#include "baton/reports.h"

namespace baton {
namespace {

FunnelResult Funnel(std::vector<std::int64_t> counts) {
  FunnelResult r;
  r.stages = {"lead", "mql"};
  FunnelGroup g;
  g.is_total = true;
  for (auto n : counts) {
    StageFigures f;
    f.count = n;
    g.stages.push_back(f);
  }
  r.groups.push_back(g);
  return r;
}

TEST_CASE("summary funnel: previous count, absolute and relative change, n/a from zero") {
  FunnelResult before = Funnel({8, 0});
  Table t = SummaryFunnelTable(Funnel({12, 3}), &before);
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0][2].count == 8);     // previous
  CHECK(t.rows[0][3].number == 4);    // 12 − 8
  CHECK(t.rows[0][4].number == 0.5);  // +50%
  CHECK(t.rows[1][3].number == 3);    // 3 − 0
  CHECK(!t.rows[1][4].has_value);     // from 0: no ratio
  Table alone = SummaryFunnelTable(Funnel({12, 3}), nullptr);
  CHECK(!alone.rows[0][3].has_value);  // no previous period
}

TEST_CASE("summary cost: spend change and the relative change of cost per assigned lead") {
  auto result = [](double spend, double assigned) {
    CostResult r;
    r.steps = {"lead", "assigned", "customer"};
    CostRow row;
    row.key = {"Ads"};
    row.spend = spend;
    row.counts = {assigned, assigned, 0};
    row.cost_per = {spend / assigned, spend / assigned, std::nullopt};
    r.rows.push_back(row);
    return r;
  };
  CostResult before = result(400, 4);                   // 100 per assigned lead
  Table t = SummaryCostTable(result(600, 5), &before);  // 120 per assigned lead
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0][1].number == 600);
  CHECK(t.rows[0][2].number == 200);                   // spend change
  CHECK(t.rows[0][4].number == 120);                   // cost/assigned
  CHECK(t.rows[0][5].number == doctest::Approx(0.2));  // +20%
}

}  // namespace
}  // namespace baton
