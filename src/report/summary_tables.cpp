// The tables of `summary` (see reports.h): each compares the period with the
// previous period of the same length, absolute and relative.
#include <fmt/format.h>

#include <map>

#include "baton/reports.h"

namespace baton {
namespace {

Cell Delta(double now, std::optional<double> before) {
  return before ? Cell::Change(now - *before) : Cell::Change(std::nullopt);
}

Cell DeltaRate(double now, std::optional<double> before) {
  if (!before || *before == 0) return Cell::ChangeRate(std::nullopt);  // from 0: no ratio
  return Cell::ChangeRate((now - *before) / *before);
}

std::string Name(const Model& model, std::uint32_t id) {
  return id ? std::string(model.strings.Get(id)) : std::string("(none)");
}

}  // namespace

Table SummaryFunnelTable(const FunnelResult& now, const FunnelResult* before) {
  Table t;
  t.report = "summary-funnel";
  t.columns = {"stage",       "reached",   "previous",        "change",
               "change_rate", "step_rate", "cumulative_rate", "immature"};
  t.headings = {"stage",    "reached", "previous",   "change",
                "change %", "step",    "cumulative", "immature"};
  const FunnelGroup& g = now.groups.back();
  const FunnelGroup* b = before ? &before->groups.back() : nullptr;
  for (std::size_t i = 0; i < now.stages.size(); ++i) {
    const auto& f = g.stages[i];
    std::optional<double> prev;
    if (b) prev = static_cast<double>(b->stages[i].count);
    t.AddRow({Cell::Text(now.stages[i]), Cell::Count(f.count),
              b ? Cell::Count(b->stages[i].count) : Cell::Blank(),
              Delta(static_cast<double>(f.count), prev),
              DeltaRate(static_cast<double>(f.count), prev),
              i ? Cell::Rate(f.step_rate) : Cell::Blank(), Cell::Rate(f.cumulative),
              Cell::Flag(g.immature)});
  }
  Chart chart;
  chart.title = "The period's cohort: people reaching each stage, with the step rate";
  chart.value_column = 1;
  chart.label_columns = {0};
  chart.note_column = 5;
  t.charts.push_back(chart);
  return t;
}

Table SummaryCostTable(const CostResult& now, const CostResult* before) {
  Table t;
  t.report = "summary-cost";
  t.columns = {"campaign",
               "spend",
               "spend_change",
               "assigned",
               "cost_per_assigned",
               "cost_per_assigned_change_rate",
               "customer",
               "won_revenue",
               "roi"};
  t.headings = {"campaign",  "spend",         "spend change",
                "assigned",  "cost/assigned", "cost/assigned change %",
                "customers", "won",           "ROI"};
  t.key_columns = 1;
  auto step = [&](const std::string& name) {
    for (std::size_t s = 0; s < now.steps.size(); ++s) {
      if (now.steps[s] == name) return s;
    }
    return now.steps.size() - 1;
  };
  const std::size_t assigned = step("assigned"), customer = now.steps.size() - 1;
  std::map<std::vector<std::string>, const CostRow*> previous;
  if (before) {
    for (const auto& row : before->rows) previous[row.key] = &row;
  }
  for (const auto& row : now.rows) {
    const CostRow* b = nullptr;
    if (before) {
      auto it = previous.find(row.key);
      if (it != previous.end()) b = it->second;
    }
    const bool no_campaign = row.kind == CostRowKind::kNoCampaign;
    std::optional<double> prev_spend;
    if (before) prev_spend = b ? b->spend : 0.0;
    std::optional<double> prev_cost = b ? b->cost_per[assigned] : std::nullopt;
    t.AddRow({Cell::Text(row.key.empty() ? "(all)" : row.key[0]),
              no_campaign ? Cell::Money(std::nullopt) : Cell::Money(row.spend),
              no_campaign ? Cell::Change(std::nullopt) : Delta(row.spend, prev_spend),
              now.fractional ? Cell::Number(row.counts[assigned])
                             : Cell::Count(static_cast<std::int64_t>(row.counts[assigned])),
              Cell::Money(row.cost_per[assigned]),
              row.cost_per[assigned] ? DeltaRate(*row.cost_per[assigned], prev_cost)
                                     : Cell::ChangeRate(std::nullopt),
              now.fractional ? Cell::Number(row.counts[customer])
                             : Cell::Count(static_cast<std::int64_t>(row.counts[customer])),
              Cell::Money(row.won), Cell::Rate(row.roi)},
             row.kind == CostRowKind::kTotal);
  }
  Chart chart;
  chart.title = "Cost per assigned lead";
  chart.value_column = 4;
  chart.label_columns = {0};
  chart.skip_zero = true;
  t.charts.push_back(chart);
  return t;
}

Table SummarySlaTable(const std::vector<std::pair<const SlaRule*, SlaResult>>& now,
                      const std::vector<std::pair<const SlaRule*, SlaResult>>* before) {
  Table t;
  t.report = "summary-sla";
  t.columns = {"rule",           "owner", "started",  "met",
               "breached",       "open",  "met_rate", "previous_met_rate",
               "met_rate_change"};
  t.headings = {"rule", "owner", "started",  "met",        "breached",
                "open", "% met", "previous", "change (pp)"};
  t.key_columns = 2;
  for (std::size_t r = 0; r < now.size(); ++r) {
    std::map<std::vector<std::string>, const SlaGroup*> previous;
    if (before) {
      for (const auto& g : (*before)[r].second.groups) previous[g.key] = &g;
    }
    for (const auto& g : now[r].second.groups) {
      const SlaGroup* b = nullptr;
      if (auto it = previous.find(g.key); it != previous.end()) b = it->second;
      std::optional<double> prev_rate = b ? b->met_rate : std::nullopt;
      Cell change = g.met_rate && prev_rate ? Cell::ChangeRate(*g.met_rate - *prev_rate)
                                            : Cell::ChangeRate(std::nullopt);
      t.AddRow({Cell::Text(now[r].first->name),
                Cell::Text(g.is_total ? "(all)" : (g.key.empty() ? "" : g.key[0])),
                Cell::Count(g.started), Cell::Count(g.met), Cell::Count(g.breached),
                Cell::Count(g.open), Cell::Rate(g.met_rate), Cell::Rate(prev_rate), change},
               g.is_total);
    }
  }
  Chart chart;
  chart.title = "% met per owner";
  chart.value_column = 6;
  chart.label_columns = {0, 1};
  chart.full = 1;
  t.charts.push_back(chart);
  return t;
}

Table WinsTable(const std::vector<Win>& wins, const Model& model) {
  Table t;
  t.report = "summary-wins";
  t.columns = {"won_at", "person", "amount", "deals", "campaign", "source", "owner"};
  t.headings = {"won", "person", "amount", "deals", "campaign (first touch)", "source", "owner"};
  for (const auto& w : wins) {
    std::string person =
        w.person < 0 ? "(a deal linked to no person)"
                     : std::string(model.Label(model.people[static_cast<std::size_t>(w.person)]));
    t.AddRow({Cell::Time(w.won_at), Cell::Text(person), Cell::Money(w.amount), Cell::Count(w.deals),
              Cell::Text(w.person < 0 ? "" : Name(model, w.campaign)),
              Cell::Text(w.person < 0 ? "" : Name(model, w.source)),
              Cell::Text(Name(model, w.owner))});
  }
  return t;
}

Table SummaryQualityTable(const std::vector<Finding>& findings) {
  Table t;
  t.report = "summary-quality";
  t.columns = {"file", "check", "item", "count", "first_line"};
  t.headings = {"file", "check", "item", "count", "line"};
  t.key_columns = 1;
  for (const auto& f : findings) {
    if (!f.problem) continue;
    t.AddRow({Cell::Text(f.file.empty() ? "(all files)" : f.file), Cell::Text(f.check),
              Cell::Text(f.item), Cell::Count(f.count),
              f.first_line ? Cell::Count(f.first_line) : Cell::Blank()});
  }
  return t;
}

std::vector<Section> SummarySections(const SummaryFigures& f, const Model& model) {
  const std::string against =
      f.previous ? "changes against the previous period of the same length, " + f.previous->label
                 : "no previous period to compare with (the period is open at the start)";
  std::vector<Section> sections;
  Section funnel{"Funnel",
                 "The people who entered in the period, followed to as-of; " + against + ".",
                 SummaryFunnelTable(f.funnel, f.funnel_before ? &*f.funnel_before : nullptr)};
  if (f.funnel.groups.back().immature && f.slowest_median_days) {
    funnel.table.notes.push_back(fmt::format(
        "immature: the cohort entered less than {:.1f} days (the slowest median step of all "
        "time) before as-of; its later stages are still filling",
        *f.slowest_median_days));
  }
  sections.push_back(std::move(funnel));

  sections.push_back({"Cost ladder",
                      model.spend.empty()
                          ? "No spend was read: give ad-platform exports, Salesforce "
                            "Campaign ActualCost or a spend sheet."
                          : "Spend in the period, people entering each step in it (first "
                            "touch); " +
                                against + ".",
                      SummaryCostTable(f.cost, f.cost_before ? &*f.cost_before : nullptr)});

  if (f.sla.empty()) {
    sections.push_back({"Hand-off SLAs", "No [[sla]] rule is defined in the config.", Table{}});
  } else {
    sections.push_back({"Hand-off SLAs", "Per owner at the start of each rule; " + against + ".",
                        SummarySlaTable(f.sla, f.sla_before ? &*f.sla_before : nullptr)});
    SlaResults top = f.sla;
    for (auto& [rule, result] : top) {
      if (result.breaches.size() > f.top) result.breaches.resize(f.top);
    }
    Table breaches = SlaBreachTable(top, model);
    breaches.charts.clear();
    sections.push_back({fmt::format("Top breaches (at most {} per rule)", f.top),
                        breaches.rows.empty() ? "No breaches in the period." : "", breaches});
  }

  double won = 0;
  for (const auto& w : f.wins) won += w.amount;
  sections.push_back(
      {"Wins",
       f.wins.empty()
           ? "No customers won in the period."
           : fmt::format(
                 "{} won in the period, {}{} in all: the campaign each "
                 "came from and the owner who closed it.",
                 f.wins.size() == 1 ? "One customer" : fmt::format("{} customers", f.wins.size()),
                 MoneyText(won), model.currency.empty() ? "" : " " + model.currency),
       WinsTable(f.wins, model)});

  Table quality = SummaryQualityTable(f.findings);
  sections.push_back({"Data quality",
                      quality.rows.empty() ? "No problems found in the inputs."
                      : f.rejected > 0
                          ? fmt::format("{} row{} rejected; `baton check` explains each problem.",
                                        f.rejected, f.rejected == 1 ? "" : "s")
                          : "No rows rejected; `baton check` explains each problem below.",
                      quality});
  return sections;
}

}  // namespace baton
