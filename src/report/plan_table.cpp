// The plan report (issue 18): the people needed per entry period and stage, with
// each target's arithmetic and the plan's assumptions (rates, deal size, history,
// simulation) in the facts.
#include <fmt/format.h>

#include <algorithm>

#include "baton/reports.h"
#include "report/cell_text.h"

namespace baton {
namespace {

std::string Amount(double x) { return HumanText(Cell::Number(x), nullptr); }

}  // namespace

Table PlanReport(const PlanResult& r, const PlanReportOptions& o) {
  Table t;
  t.report = "plan";
  t.title = "people needed per entry period";
  const std::string needed = fmt::format("P{:g}", o.confidence);
  t.columns = {"period", "stage", "needed", "p50", "p80", "p90", "expected", "budget"};
  t.headings = {"entry",
                "stage",
                "needed " + needed,
                "P50",
                "P80",
                "P90",
                "expected",
                "budget" + (o.currency.empty() ? std::string() : " " + o.currency)};
  t.key_columns = 1;
  if (!o.costs) {  // no spend read: no budget to show
    t.columns.pop_back();
    t.headings.pop_back();
  }
  for (const auto& row : r.rows) {
    std::vector<Cell> cells = {
        Cell::Text(row.bucket),    Cell::Text(o.stages[static_cast<std::size_t>(row.stage)]),
        Cell::Number(row.needed),  Cell::Number(row.p50),
        Cell::Number(row.p80),     Cell::Number(row.p90),
        Cell::Number(row.expected)};
    if (o.costs) {
      cells.push_back(row.stage == r.steps.front().stage ? Cell::Money(row.budget) : Cell::Blank());
    }
    t.AddRow(std::move(cells), row.bucket == "(all)");
  }
  Chart chart;
  chart.title = fmt::format("People needed ({}) per entry period and stage", needed);
  chart.value_column = 2;
  chart.label_columns = {0, 1};
  t.charts.push_back(chart);

  for (std::size_t i = 0; i < r.targets.size(); ++i) {
    const PlanTargetResult& target = r.targets[i];
    std::string what = fmt::format(
        "{:.1f} {}", target.events,
        target.revenue ? std::string("won deals")
                       : "people reaching " + o.stages[static_cast<std::size_t>(target.stage)]);
    if (target.revenue && r.deal_mean) {
      what += fmt::format(" at the mean deal of {} ({})", MoneyText(*r.deal_mean),
                          Plural(r.deals, "deal", "deals"));
    }
    t.meta.emplace_back(
        i ? fmt::format("target_{}", i + 1) : "target",
        fmt::format(
            "{}: {}; {} already in the period; {} expected from {} in flight who could land in it; "
            "gap {}{}",
            target.text, what, Amount(target.done), Amount(target.in_flight),
            Plural(target.in_flight_people, "person", "people"), Amount(target.gap),
            target.unreachable ? " (unreachable: no entry after as-of lands "
                                 "in the period by the delays seen)"
                               : ""));
  }
  std::string rates;
  for (const auto& step : r.steps) {
    rates += fmt::format("{}{} → {} {} of {}", rates.empty() ? "" : "; ",
                         o.stages[static_cast<std::size_t>(step.stage)],
                         o.stages[static_cast<std::size_t>(step.stage) + 1],
                         HumanText(Cell::Rate(step.rate), nullptr),
                         HumanText(Cell::Count(step.entered), nullptr));
  }
  t.meta.emplace_back("rates", rates);
  if (!r.steps.empty()) {
    t.meta.emplace_back("delays",
                        fmt::format("{} conversions from {} on, times recorded",
                                    HumanText(Cell::Count(r.steps.front().delays), nullptr),
                                    o.stages[static_cast<std::size_t>(r.steps.front().stage)]));
  }
  t.meta.emplace_back(
      "simulation",
      fmt::format("{} draws, seed {}: every rate from its Beta posterior (the history's counts, "
                  "a uniform prior), the deal mean from resampled deals; in flight at the "
                  "observed rates; needed reads {}",
                  o.draws, o.seed, needed));
  for (const auto& step : r.steps) {
    if (step.advanced < 30) {
      t.notes.push_back(fmt::format(
          "warning: the rate {} → {} rests on {} (fewer than 30): the plan is rough; widen "
          "--history",
          o.stages[static_cast<std::size_t>(step.stage)],
          o.stages[static_cast<std::size_t>(step.stage) + 1],
          Plural(step.advanced, "conversion", "conversions")));
    }
  }
  for (const auto& step : r.steps) {
    if (step.delays_from >= 0) {
      t.notes.push_back(fmt::format(
          "{}: no conversion with recorded times from it in the history, so it is planned with "
          "the delays of {}: entered as {} as that stage",
          o.stages[static_cast<std::size_t>(step.stage)],
          o.stages[static_cast<std::size_t>(step.delays_from)],
          step.delays_from > step.stage ? "late" : "early"));
    }
  }
  const bool revenue = std::any_of(r.targets.begin(), r.targets.end(),
                                   [](const PlanTargetResult& x) { return x.revenue; });
  if (revenue && r.deals < 30) {
    t.notes.push_back(
        fmt::format("warning: the mean deal rests on {} (fewer than 30): the revenue plan is rough",
                    Plural(r.deals, "deal", "deals")));
  }
  if (revenue && r.deals_without_amount > 0) {
    t.notes.push_back(fmt::format("{} won in the history without an amount: left out of the mean",
                                  Plural(r.deals_without_amount, "deal", "deals")));
  }
  for (const auto& target : r.targets) {
    if (target.unreachable) {
      t.notes.push_back("warning: " + target.text +
                        " cannot be reached by people entering after as-of: no delay the "
                        "history saw is short enough; its gap is left out of the rows");
    }
  }
  return t;
}

}  // namespace baton
