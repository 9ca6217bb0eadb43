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

TEST_CASE("summary funnel: previous count, absolute and relative change, n/a from few") {
  FunnelResult before = Funnel({8, 4});
  Table t = SummaryFunnelTable(Funnel({12, 9}), &before);
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0][2].count == 8);     // previous
  CHECK(t.rows[0][3].number == 4);    // 12 − 8
  CHECK(t.rows[0][4].number == 0.5);  // +50%
  CHECK(t.rows[1][3].number == 5);    // 9 − 4
  // From 4 (under kMinChangeBase) +125% is not shown, and people read why.
  CHECK(!t.rows[1][4].has_value);
  CHECK(Render(t, Format::kCsv, {}).find("mql,9,4,5,,") != std::string::npos);
  CHECK(Render(t, Format::kTable, {}).find("n/a: too few") != std::string::npos);
  Table alone = SummaryFunnelTable(Funnel({12, 3}), nullptr);
  CHECK(!alone.rows[0][3].has_value);  // no previous period
}

CostResult Cost(double spend, double assigned, double customers = 0, double won = 0) {
  CostResult r;
  r.steps = {"lead", "assigned", "customer"};
  CostRow row;
  row.key = {"Ads"};
  row.spend = spend;
  row.counts = {assigned, assigned, customers};
  row.cost_per = {spend / assigned, spend / assigned, std::nullopt};
  row.won = won;
  row.roi = (won - spend) / spend;
  r.rows.push_back(row);
  return r;
}

TEST_CASE("summary cost: spend change and the relative change of cost per assigned lead") {
  CostResult before = Cost(1000, 10);                                      // 100 per assigned lead
  Table t = SummaryCostTable(Cost(1200, 10), &before, "assigned", false);  // 120 per assigned lead
  REQUIRE(t.rows.size() == 1);
  CHECK(t.columns[3] == "assigned");
  CHECK(t.columns[5] == "cost_per_assigned_change_rate");
  CHECK(t.rows[0][1].number == 1200);
  CHECK(t.rows[0][2].number == 200);  // spend change, printed as money
  CHECK(t.rows[0][2].kind == CellKind::kChangeMoney);
  CHECK(t.rows[0][4].number == 120);                   // cost/assigned
  CHECK(t.rows[0][5].number == doctest::Approx(0.2));  // +20%
  CHECK(t.rows[0][8].number == doctest::Approx(-1));   // ROI -100%: not too early
  std::string text = Render(t, Format::kTable, {});
  CHECK(text.find("▲ +200.00") != std::string::npos);
  CHECK(text.find("▲ +20.0%") != std::string::npos);
  // Spend changes of thousands print with separators, as the spend does.
  CostResult small = Cost(400, 10);
  CHECK(Render(SummaryCostTable(Cost(1600, 10), &small, "assigned", false), Format::kTable, {})
            .find("▲ +1,200.00") != std::string::npos);
}

TEST_CASE("summary cost: too few people for a change, too early for a ROI, another step") {
  CostResult before = Cost(400, 4);
  Table t = SummaryCostTable(Cost(600, 6), &before, "assigned", true);
  CHECK(!t.rows[0][5].has_value);  // 4 assigned before: under kMinChangeBase
  CHECK(!t.rows[0][8].has_value);  // no customer, too early: no -100%
  std::string text = Render(t, Format::kTable, {});
  CHECK(text.find("n/a: too few") != std::string::npos);
  CHECK(text.find("n/a: too early") != std::string::npos);
  CHECK(text.find("-100.0%") == std::string::npos);
  // A customer in the row: its ROI is a fact, early or not.
  Table won = SummaryCostTable(Cost(600, 6, 1, 1200), &before, "assigned", true);
  CHECK(won.rows[0][8].number == doctest::Approx(1));
  // A free campaign before (cost 0 per person): no relative change, never inf.
  CostResult free = Cost(0, 6);
  Table from_free = SummaryCostTable(Cost(600, 6), &free, "assigned", false);
  CHECK(!from_free.rows[0][5].has_value);
  CHECK(Render(from_free, Format::kJson, {}).find("inf") == std::string::npos);
  // --cost-step customer: one customers column, not two.
  Table customers = SummaryCostTable(Cost(600, 6, 2, 1200), nullptr, "customer", false);
  CHECK(std::count(customers.columns.begin(), customers.columns.end(), "customer") == 1);
  CHECK(customers.columns.size() == customers.rows[0].size());
  // The headline step names the columns.
  Table lead = SummaryCostTable(Cost(600, 6), nullptr, "lead", false);
  CHECK(lead.columns[4] == "cost_per_lead");
  CHECK(lead.headings[4] == "cost/lead");
}

TEST_CASE("summary sla: the change of % met in points, not shown under the minimum") {
  SlaRule rule;
  rule.name = "r";
  auto result = [&](std::int64_t started, std::int64_t met, std::int64_t pending = 0) {
    SlaResult r;
    SlaGroup g;
    g.is_total = true;
    g.started = started;
    g.met = met;
    g.breached = started - met - pending;
    g.pending = pending;
    g.met_rate = static_cast<double>(met) / static_cast<double>(started - pending);
    r.groups.push_back(g);
    return SlaResults{{&rule, r}};
  };
  SlaResults before = result(10, 5);
  Table t = SummarySlaTable(result(10, 8), &before);
  CHECK(t.rows[0][8].kind == CellKind::kChangePoints);
  CHECK(t.rows[0][8].number == doctest::Approx(0.3));
  CHECK(Render(t, Format::kTable, {}).find("▲ +30.0 pp") != std::string::npos);
  SlaResults few = result(4, 1);
  CHECK(Render(SummarySlaTable(result(10, 8), &few), Format::kTable, {}).find("n/a: too few") !=
        std::string::npos);
  // % met is measured on the people due: 10 started but 6 pending leaves 4 due.
  SlaResults pending = result(10, 3, 6);
  CHECK(Render(SummarySlaTable(result(10, 8), &pending), Format::kTable, {}).find("n/a: too few") !=
        std::string::npos);
}

}  // namespace
}  // namespace baton
