// Cost ladder results → a Table (see reports.h): one row per campaign (or --by
// group) with spend, the people entering each step and the cost per step,
// pipeline, won revenue and ROI.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "baton/reports.h"

namespace baton {

Table CostTable(const CostResult& result, const CostOptions& options) {
  Table t;
  t.report = "cost";
  t.title = "the cost ladder";
  for (const auto& k : options.by) {
    t.columns.push_back(k.name);
    t.headings.push_back(k.name);
  }
  t.key_columns = options.by.size();
  t.columns.push_back("spend");
  t.headings.push_back("spend");
  for (const auto& step : result.steps) {
    t.columns.push_back(step);
    t.headings.push_back(step);
    t.columns.push_back("cost_per_" + step);
    t.headings.push_back("cost/" + step);
  }
  t.columns.insert(t.columns.end(), {"pipeline", "won_revenue", "roi"});
  t.headings.insert(t.headings.end(), {"pipeline", "won", "ROI"});
  // html: cost per assigned lead (the headline number) and per customer.
  const int keys = static_cast<int>(options.by.size());
  auto step_column = [&](const std::string& step) {
    for (std::size_t s = 0; s < result.steps.size(); ++s) {
      if (result.steps[s] == step) return keys + 2 + 2 * static_cast<int>(s);
    }
    return -1;
  };
  for (const char* step : {"assigned", "customer"}) {
    Chart chart;
    chart.title =
        std::string("Cost per ") + (std::string(step) == "assigned" ? "assigned lead" : step);
    chart.value_column = step_column(step);
    for (int k = 0; k < keys; ++k) chart.label_columns.push_back(k);
    chart.skip_zero = true;  // a campaign with no spend in the period has no cost to show
    if (chart.value_column >= 0 && keys > 0) t.charts.push_back(chart);
  }
  for (const auto& row : result.rows) {
    std::vector<Cell> cells;
    for (const auto& k : row.key) cells.push_back(Cell::Text(k));
    cells.push_back(row.kind == CostRowKind::kNoCampaign ? Cell::Money(std::nullopt)
                                                         : Cell::Money(row.spend));
    for (std::size_t s = 0; s < result.steps.size(); ++s) {
      // Whole people under first/last touch; credits with two decimals otherwise.
      cells.push_back(result.fractional
                          ? Cell::Number(row.counts[s])
                          : Cell::Count(static_cast<std::int64_t>(std::llround(row.counts[s]))));
      cells.push_back(Cell::Money(row.cost_per[s]));
    }
    cells.push_back(Cell::Money(row.pipeline));
    cells.push_back(Cell::Money(row.won));
    cells.push_back(Cell::Rate(row.roi));
    t.AddRow(std::move(cells), row.kind == CostRowKind::kTotal && !options.by.empty());
  }
  return t;
}

// "u-shaped: first touch 40%, lead creation 40%, the rest 20%".
std::string DescribeModel(AttributionModel model, const AttributionWeights& w) {
  switch (model) {
    case AttributionModel::kFirst:
      return "first touch: each person to the campaign of their earliest touch";
    case AttributionModel::kLast:
      return "last touch: each step to the latest campaign touched by then";
    case AttributionModel::kLinear:
      return "linear: equal shares over the touches up to each step";
    default:
      break;
  }
  std::string text = std::string(AttributionModelName(model)) + ":";
  const std::pair<const char*, double> parts[] = {{"first touch", w.first},
                                                  {"lead creation", w.lead},
                                                  {"opportunity creation", w.opportunity},
                                                  {"closed won", w.customer},
                                                  {"the other touches", w.rest}};
  const char* sep = " ";
  for (auto [name, weight] : parts) {
    if (weight == 0 && model != AttributionModel::kCustom) continue;
    text += fmt::format("{}{} {:g}%", sep, name, weight * 100);
    sep = ", ";
  }
  return text;
}

Table CostReport(const CostResult& result, const CostOptions& options, const Model& model) {
  Table table = CostTable(result, options);
  table.meta.emplace_back("basis", options.basis == Basis::kPeriod
                                       ? "period: people entering each step in the period"
                                       : "cohort: people created in the period, followed to as-of");
  table.meta.emplace_back("attribution", DescribeModel(options.model, options.weights));
  table.meta.emplace_back("currency", model.currency.empty() ? "(none named)" : model.currency);
  if (result.fractional) {
    table.notes.push_back("counts are attribution credits: one person splits over campaigns");
  }
  for (const auto& u : result.match.unmatched) {
    table.notes.push_back(fmt::format(
        "unattributed spend: '{}' ({} row{}, {} in all) matches no CRM campaign; map it in "
        "[campaigns] of baton.toml",
        u.name, u.rows, u.rows == 1 ? "" : "s", MoneyText(u.amount)));
  }
  if (result.match.replaced_totals > 0) {
    table.notes.push_back(fmt::format(
        "{} campaign cost total{} (Salesforce ActualCost) left out on the days detailed spend "
        "of the same campaign covers",
        result.match.replaced_totals, result.match.replaced_totals == 1 ? "" : "s"));
  }
  const CostRow& total = result.rows.back();
  if (options.period.Dated(model.as_of) && total.spend == 0 &&
      std::all_of(total.counts.begin(), total.counts.end(), [](double n) { return n == 0; })) {
    // SPEC 5: an empty period says what the data spans (people's first step).
    const auto stage = std::find(model.stages.begin(), model.stages.end(), result.steps.front());
    const auto index = static_cast<std::size_t>(stage - model.stages.begin());
    table.notes.push_back(EmptyPeriodNote(
        model,
        [&](std::size_t p) {
          return stage == model.stages.end() ? model.people[p].assigned_at
                                             : model.StageTime(p, index);
        },
        "no spend and no person entered " + result.steps.front(), result.steps.front() + " times",
        options.period, options.tz));
  }
  if (model.spend.empty()) {
    table.notes.push_back(
        "no spend was read: give ad-platform exports, a Salesforce Campaign export with "
        "ActualCost, or a spend sheet (date,campaign,amount)");
  }
  return table;
}

}  // namespace baton
