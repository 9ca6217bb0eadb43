// The plan report (issue 18): the people needed per entry period and stage, with
// each target's arithmetic and the plan's assumptions (rates, deal size, history,
// simulation) in the facts.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "baton/reports.h"
#include "report/cell_text.h"

namespace baton {
namespace {

std::string Amount(double x) { return HumanText(Cell::Number(x), nullptr); }

// "lead → mql 39.5% of 296; …": a plan's step rates with their counts.
std::string Rates(const PlanResult& r, const std::vector<std::string>& stages) {
  std::string rates;
  for (const auto& step : r.steps) {
    rates += fmt::format("{}{} → {} {} of {}{}", rates.empty() ? "" : "; ",
                         stages[static_cast<std::size_t>(step.stage)],
                         stages[static_cast<std::size_t>(step.stage) + 1],
                         HumanText(Cell::Rate(step.rate), nullptr),
                         HumanText(Cell::Count(step.entered), nullptr),
                         step.borrowed ? " (everyone's: none taken)" : "");
  }
  return rates;
}

}  // namespace

Table PlanReport(const PlanResult& r, const PlanReportOptions& o, const PlanBy* by) {
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
  if (by) {
    t.columns.insert(t.columns.begin(), by->key);
    t.headings.insert(t.headings.begin(), by->key);
    t.key_columns = 2;
  }
  auto add = [&](const std::string* group, const PlanRow& row) {
    std::vector<Cell> cells;
    if (group) cells.push_back(Cell::Text(*group));
    for (Cell cell :
         {Cell::Text(row.bucket), Cell::Text(o.stages[static_cast<std::size_t>(row.stage)]),
          Cell::Number(row.needed), Cell::Number(row.p50), Cell::Number(row.p80),
          Cell::Number(row.p90), Cell::Number(row.expected)}) {
      cells.push_back(std::move(cell));
    }
    if (o.costs) {
      cells.push_back(row.stage == r.steps.front().stage ? Cell::Money(row.budget) : Cell::Blank());
    }
    t.AddRow(std::move(cells), row.bucket == "(all)" || (group && *group == "(all)"));
  };
  if (by) {
    for (const auto& group : by->groups) {
      for (const auto& row : group.plan.rows) add(&group.name, row);
    }
    const std::string all = "(all)";
    for (const auto& row : by->total) add(&all, row);
  } else {
    for (const auto& row : r.rows) add(nullptr, row);
  }
  const int keys = by ? 1 : 0;
  Chart chart;
  chart.title = fmt::format("People needed ({}) per entry period and stage", needed);
  chart.value_column = keys + 2;
  chart.label_columns = {keys + 0, keys + 1};
  if (by) chart.label_columns.insert(chart.label_columns.begin(), 0);
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
  t.meta.emplace_back("rates", Rates(r, o.stages));
  t.notes = o.notes;
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
  if (!by) return t;
  // Per group: its part of each target's gap and the rates it is planned with.
  t.meta.emplace_back(
      "by", fmt::format("{}: the gap shared by each {}'s part of the history's target events "
                        "(revenue: won amount); each planned with its own rates, delays, deal "
                        "size and spend; (all) sums the {}s' columns (a sum of P{:g}s is more "
                        "than the P{:g} of the sum)",
                        by->key, by->key, by->key, o.confidence, o.confidence));
  for (const auto& group : by->groups) {
    std::string shares;
    for (std::size_t i = 0; i < group.share.size() && i < r.targets.size(); ++i) {
      double sum = 0;  // the whole history's events, every group's
      for (const auto& g : by->groups) sum += g.basis[i];
      const PlanTargetResult& target = r.targets[i];
      shares += fmt::format("{}{} of the gap of {} ({} of {} {})", shares.empty() ? "" : ", ",
                            HumanText(Cell::Rate(group.share[i]), nullptr), target.text,
                            target.revenue ? MoneyText(group.basis[i]) : Amount(group.basis[i]),
                            target.revenue ? MoneyText(sum) : Amount(sum),
                            target.revenue
                                ? std::string("won")
                                : "reaching " + o.stages[static_cast<std::size_t>(target.stage)]);
    }
    const PlanResult& plan = group.plan;
    std::string line = fmt::format("{}: {}; rates {}", group.name, shares, Rates(plan, o.stages));
    if (plan.deal_mean) {
      line += fmt::format("; mean deal {} ({})", MoneyText(*plan.deal_mean),
                          Plural(plan.deals, "deal", "deals"));
    }
    if (plan.cost_per) {
      line += fmt::format("; {} per {}", MoneyText(*plan.cost_per),
                          o.stages[static_cast<std::size_t>(r.steps.front().stage)]);
    }
    if (plan.delays_borrowed) line += "; no delay recorded of its own: everyone's";
    const bool thin = std::any_of(plan.steps.begin(), plan.steps.end(),
                                  [](const PlanStep& s) { return !s.borrowed && s.advanced < 30; });
    if (thin || (plan.deal_mean && plan.deals < 30)) {
      line += "; rough: a rate or the mean deal rests on fewer than 30";
    }
    t.notes.push_back(line);
  }
  if (!by->idle.empty()) {
    t.notes.push_back(fmt::format("not planned, no share of any target in the history: {}",
                                  fmt::join(by->idle, ", ")));
  }
  if (by->unlinked_deals > 0) {
    t.notes.push_back(fmt::format("{} won in the history linked to nobody: not in the mix",
                                  Plural(by->unlinked_deals, "deal", "deals")));
  }
  return t;
}

Table PaceReport(const std::vector<PlanPace>& paces, const PlanResult& plan,
                 const PlanReportOptions& o, bool to_date) {
  Table t;
  t.report = "plan";
  t.title = "pacing: the target to date against the actual";
  t.columns = {"target", "period", "stage",         "required", "actual",
               "pace",   "status", "period_target", "projected"};
  t.headings = {"target", "period", "stage",         "required", "actual",
                "pace",   "status", "period target", "projected"};
  t.key_columns = 2;
  const std::string currency = o.currency.empty() ? "" : " " + o.currency;
  int n = 0;  // the pace_N facts
  for (const auto& pace : paces) {
    for (const auto& row : pace.rows) {
      const bool total = row.bucket == "(to date)";
      if (to_date && !total) continue;
      const bool money = row.stage < 0;
      auto value = [&](std::optional<double> x) {
        return money ? Cell::Money(x) : x ? Cell::Number(*x) : Cell::Blank();
      };
      std::optional<double> rate;
      if (row.required && *row.required > 0) rate = row.actual / *row.required;
      std::string status;
      if (rate) status = *rate >= 1.05 ? "ahead" : *rate <= 0.95 ? "behind" : "on pace";
      t.AddRow(
          {Cell::Text(pace.target), Cell::Text(row.bucket),
           Cell::Text(money ? "revenue" + currency : o.stages[static_cast<std::size_t>(row.stage)]),
           value(row.required), value(row.actual), Cell::Rate(rate), Cell::Text(status),
           total ? value(row.whole) : Cell::Blank(), total ? value(row.projected) : Cell::Blank()},
          total && !to_date);
    }
    t.meta.emplace_back(fmt::format("pace_{}", ++n),
                        fmt::format("{}: {} of the period gone by as-of", pace.target,
                                    HumanText(Cell::Rate(pace.elapsed), nullptr)));
  }
  if (!to_date) {
    Chart chart;
    chart.title = fmt::format("{} per period: required (blue) and reached (orange)",
                              o.stages[static_cast<std::size_t>(plan.steps.front().stage)]);
    chart.value_column = 3;
    chart.compare_column = 4;
    chart.label_columns = {0, 1};
    chart.match_column = 2;
    chart.match = o.stages[static_cast<std::size_t>(plan.steps.front().stage)];
    t.charts.push_back(chart);
  }
  t.meta.emplace_back("rates", Rates(plan, o.stages));
  t.notes = o.notes;
  t.notes.push_back(
      "required: the period's target at each stage (the target's events ÷ the history's rates "
      "from that stage on) × the share of the period's time; actual: people who reached the "
      "stage in it (revenue: the amount won)");
  return t;
}

Section PaceSection(const std::vector<PlanPace>& paces, const PlanResult& plan,
                    const PlanReportOptions& o) {
  Section section;
  section.heading = "Pacing";
  section.table = PaceReport(paces, plan, o, /*to_date=*/true);
  section.table.report = "summary-pacing";
  for (const auto& pace : paces) {
    // The target's own row: the won amount, else the target stage.
    const PaceRow& row = pace.rows.back();
    const std::string what =
        row.stage < 0 ? "revenue" : o.stages[static_cast<std::size_t>(row.stage)];
    const std::string currency = row.stage < 0 && !o.currency.empty() ? " " + o.currency : "";
    auto amount = [&](double x) { return row.stage < 0 ? MoneyText(x) : Amount(x); };
    std::string line;
    if (row.required && *row.required > 0) {
      const double rate = row.actual / *row.required;
      line = fmt::format("{}: {} {}{} of {} due by as-of ({}, {}), {} of the period gone",
                         pace.target, what, amount(row.actual), currency, amount(*row.required),
                         HumanText(Cell::Rate(rate), nullptr),
                         rate >= 1.05   ? "ahead"
                         : rate <= 0.95 ? "behind"
                                        : "on pace",
                         HumanText(Cell::Rate(pace.elapsed), nullptr));
    } else {
      line =
          fmt::format("{}: {} {}{} so far, {} of the period gone", pace.target, what,
                      amount(row.actual), currency, HumanText(Cell::Rate(pace.elapsed), nullptr));
    }
    section.text += (section.text.empty() ? "" : "; ") + line;
  }
  section.text += ".";
  return section;
}

}  // namespace baton
