// The tables of `summary` (see reports.h): each compares the period with the
// previous one (PreviousPeriod), absolute and relative, and the headline above them.
#include <fmt/format.h>

#include <map>

#include "baton/reports.h"
#include "report/cell_text.h"

namespace baton {
namespace {

Cell Delta(double now, std::optional<double> before) {
  return before ? Cell::Change(now - *before) : Cell::Change(std::nullopt);
}

// The relative change of a count: not shown when the count before is under
// kMinChangeBase ("n/a: too few"), for +200% from 2 to 6 people is noise.
Cell DeltaRate(double now, std::optional<double> before) {
  if (!before) return Cell::ChangeRate(std::nullopt);
  if (*before < kMinChangeBase) return Cell::NotShown(CellKind::kChangeRate, "too few");
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

Table SummaryCostTable(const CostResult& now, const CostResult* before, const std::string& step,
                       bool too_early) {
  Table t;
  t.report = "summary-cost";
  t.columns = {"campaign",
               "spend",
               "spend_change",
               step,
               "cost_per_" + step,
               "cost_per_" + step + "_change_rate",
               "customer",
               "won_revenue",
               "roi"};
  t.headings = {"campaign",  "spend",        "spend change",
                step,        "cost/" + step, "cost/" + step + " change %",
                "customers", "won",          "ROI"};
  t.key_columns = 1;
  std::size_t at = now.steps.size() - 1;
  for (std::size_t s = 0; s < now.steps.size(); ++s) {
    if (now.steps[s] == step) at = s;
  }
  const std::size_t customer = now.steps.size() - 1;
  std::map<std::vector<std::string>, const CostRow*> previous;
  if (before) {
    for (const auto& row : before->rows) previous[row.key] = &row;
  }
  auto count = [&](double n) {
    return now.fractional ? Cell::Number(n) : Cell::Count(static_cast<std::int64_t>(n));
  };
  for (const auto& row : now.rows) {
    const CostRow* b = nullptr;
    if (before) {
      auto it = previous.find(row.key);
      if (it != previous.end()) b = it->second;
    }
    const bool no_campaign = row.kind == CostRowKind::kNoCampaign;
    Cell spend_change = Cell::ChangeMoney(std::nullopt);
    if (before && !no_campaign) spend_change = Cell::ChangeMoney(row.spend - (b ? b->spend : 0.0));
    // A cost per person changes with both counts: shown when each is at least the minimum.
    Cell cost_change = Cell::ChangeRate(std::nullopt);
    if (row.cost_per[at] && b && b->cost_per[at] && *b->cost_per[at] > 0) {
      cost_change =
          std::min(row.counts[at], b->counts[at]) < kMinChangeBase
              ? Cell::NotShown(CellKind::kChangeRate, "too few")
              : Cell::ChangeRate((*row.cost_per[at] - *b->cost_per[at]) / *b->cost_per[at]);
    }
    // -100% in a period shorter than the time it takes to win a customer says
    // only that nothing could close yet.
    Cell roi = too_early && row.roi && row.kind != CostRowKind::kUnattributed &&
                       row.counts[customer] == 0 && row.won == 0
                   ? Cell::NotShown(CellKind::kRate, "too early")
                   : Cell::Rate(row.roi);
    t.AddRow({Cell::Text(row.key.empty() ? "(all)" : row.key[0]),
              no_campaign ? Cell::Money(std::nullopt) : Cell::Money(row.spend), spend_change,
              count(row.counts[at]), Cell::Money(row.cost_per[at]), cost_change,
              count(row.counts[customer]), Cell::Money(row.won), roi},
             row.kind == CostRowKind::kTotal);
  }
  if (at == customer) {  // --cost-step customer: the step is the customers column already
    t.columns.erase(t.columns.begin() + 6);
    t.headings.erase(t.headings.begin() + 6);
    for (auto& row : t.rows) row.erase(row.begin() + 6);
  }
  Chart chart;
  chart.title = step == "assigned" ? "Cost per assigned lead" : "Cost per " + step;
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
  t.headings = {"rule", "owner", "started",  "met",   "breached",
                "open", "% met", "previous", "change"};
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
      Cell change = Cell::ChangePoints(std::nullopt);
      if (g.met_rate && prev_rate) {
        // % met is measured on the people due (met, breached or open).
        const auto due = [](const SlaGroup& x) { return x.met + x.breached + x.open; };
        change = static_cast<double>(std::min(due(g), due(*b))) < kMinChangeBase
                     ? Cell::NotShown(CellKind::kChangePoints, "too few")
                     : Cell::ChangePoints(*g.met_rate - *prev_rate);
      }
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
  t.columns = {"won_at",  "person",   "amount", "deals", "how",
               "entered", "campaign", "source", "owner"};
  t.headings = {"won",    "person", "amount", "deals", "how", "entered", "campaign (first touch)",
                "source", "owner"};
  for (const auto& w : wins) {
    const bool nobody = w.person < 0;
    std::string person =
        nobody ? "(a deal linked to no person)"
               : std::string(model.Label(model.people[static_cast<std::size_t>(w.person)]));
    t.AddRow({Cell::Time(w.won_at), Cell::Text(person), Cell::Money(w.amount), Cell::Count(w.deals),
              Cell::Text(std::string(WinHowText(w.how))),
              Cell::Time(w.entered == kUnknownTime ? kNoTime : w.entered),
              Cell::Text(nobody ? "" : Name(model, w.campaign)),
              Cell::Text(nobody ? "" : Name(model, w.source)), Cell::Text(Name(model, w.owner))});
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

namespace {

// The Wins section's sentence: how many became customers, and why the funnel's
// customer row may count others (it follows the period's cohort to as-of).
std::string WinsText(const SummaryFigures& f, const Model& model, const Period& period) {
  std::int64_t customers = 0, entered_in = 0, no_deal = 0, repeat = 0, other_time = 0, nobody = 0;
  double won = 0;
  std::int64_t deals = 0;
  for (const auto& w : f.wins) {
    won += w.amount;
    deals += w.deals;
    switch (w.how) {
      case WinHow::kNoOwnDeal:
        ++no_deal;
        [[fallthrough]];
      case WinHow::kWonDeal:
        ++customers;
        entered_in += period.Contains(w.entered) && w.entered != kUnknownTime;
        break;
      case WinHow::kRepeat:
        ++repeat;
        break;
      case WinHow::kOtherTime:
        ++other_time;
        break;
      case WinHow::kNoPerson:
        ++nobody;
        break;
    }
  }
  if (f.wins.empty()) return "No customers won in the period.";
  const std::string currency = model.currency.empty() ? "" : " " + model.currency;
  std::string out =
      fmt::format("{} {} in the period; {}{} won in {}.", Plural(customers, "person", "people"),
                  customers == 1 ? "became a customer" : "became customers", MoneyText(won),
                  currency, Plural(deals, "deal", "deals"));
  if (no_deal) {
    out += fmt::format(
        " {} of them {} with no won deal of their own in the period: a date column or stage "
        "history says so, or the deal counts for another contact (how: no deal of their own).",
        no_deal, no_deal == 1 ? "became a customer" : "became customers");
  }
  if (repeat) {
    out += fmt::format(" {} won by people who were customers before the period.",
                       Plural(repeat, "row lists deals", "rows list deals"));
  }
  if (other_time) {
    out += fmt::format(
        " {} won by people whose customer time is unknown or after the period (how: customer "
        "at another time).",
        Plural(other_time, "row lists deals", "rows list deals"));
  }
  if (nobody) {
    out += fmt::format(" {} linked to no person.", Plural(nobody, "won deal is", "won deals are"));
  }
  // The funnel counts the people who entered in the period and became customers
  // by as-of; here, the people who became customers in the period.
  const auto& stages = f.funnel.groups.back().stages;
  const std::int64_t funnel = stages.empty() ? 0 : stages.back().count;
  if (funnel == customers && entered_in == customers) {
    out += " The funnel above counts the same customers.";
  } else {
    out += fmt::format(
        " The funnel above counts {}: it follows the people who entered in the period to "
        "as-of, and {} of the {} here entered in the period",
        Plural(funnel, "customer", "customers"),
        entered_in == 0 ? std::string("none") : std::to_string(entered_in), customers);
    if (funnel > entered_in) {
      out += fmt::format(
          "; {} of the funnel's became customers after the period or at an unknown time",
          funnel - entered_in);
    }
    out += ".";
  }
  return out;
}

// "the previous month, 2024-05: 2024-05-01 to 2024-05-31".
std::string Against(const SummaryFigures& f) {
  return f.previous ? "changes against " + f.previous_what + ", " + f.previous->label
                    : "no previous period to compare with (the period is open at the start)";
}

// The text of a change cell inside a sentence: "▲ +12.5%", or nothing when not shown.
std::string InSentence(const Cell& change) {
  return change.has_value ? " (" + HumanText(change, nullptr) + ")" : "";
}

}  // namespace

std::string SummaryHeadline(const SummaryFigures& f, const Model& model,
                            const std::vector<Section>& sections) {
  std::vector<std::string> parts;
  // The funnel's entries and the cost section's headline step, read back from the
  // tables below so that the headline never says what they do not.
  for (const auto& s : sections) {
    const Table& t = s.table;
    if (t.report == "summary-funnel" && !t.rows.empty()) {
      parts.push_back(fmt::format("{} entered at {}{}",
                                  Plural(t.rows[0][1].count, "person", "people"), t.rows[0][0].text,
                                  InSentence(t.rows[0][4])));
    }
  }
  // The Wins section's new customers, and every deal won in the period.
  std::int64_t customers = 0, deals = 0;
  double won = 0;
  for (const auto& w : f.wins) {
    customers += w.how == WinHow::kWonDeal || w.how == WinHow::kNoOwnDeal;
    deals += w.deals;
    won += w.amount;
  }
  const std::string currency = model.currency.empty() ? "" : " " + model.currency;
  std::string wins = Plural(customers, "new customer", "new customers");
  if (deals > 0) {
    wins +=
        fmt::format(" ({}{} won in {})", MoneyText(won), currency, Plural(deals, "deal", "deals"));
  }
  parts.push_back(wins);
  for (const auto& s : sections) {
    const Table& t = s.table;
    if (t.report != "summary-cost" || t.rows.empty() || !t.total.back()) continue;
    const auto& total = t.rows.back();
    const std::string step = t.columns[3] == "assigned" ? "assigned lead" : t.columns[3];
    if (total[4].has_value) {
      parts.push_back(fmt::format("cost per {} {}{}{}", step, HumanText(total[4], nullptr),
                                  currency, InSentence(total[5])));
    } else if (total[1].has_value && total[1].number > 0) {
      parts.push_back(fmt::format("{}{} spent and nobody reached {}", HumanText(total[1], nullptr),
                                  currency, t.columns[3]));
    }
  }
  std::string out =
      (f.previous ? f.period_name + " against " + f.previous_name + ": " : f.period_name + ": ") +
      fmt::format("{}", fmt::join(parts, ", "));
  if (out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');  // All time
  if (!f.sla.empty()) {
    std::int64_t breached = 0, open = 0;
    for (const auto& [rule, result] : f.sla) {
      for (const auto& g : result.groups) {
        if (!g.is_total) continue;
        breached += g.breached;
        open += g.open;
      }
    }
    // Missed = breached (answered late) + open (still unanswered past the due time).
    const std::int64_t missed = breached + open;
    std::string still = open == 0        ? ""
                        : open == missed ? (missed == 1 ? " (still open)" : " (all still open)")
                                         : fmt::format(" ({} of them still open)", open);
    out += missed == 0 ? "; no SLA deadline missed"
                       : fmt::format("; {} missed{}",
                                     Plural(missed, "SLA deadline", "SLA deadlines"), still);
  }
  return out + ".";
}

std::vector<Section> SummarySections(const SummaryFigures& f, const Model& model,
                                     const Period& period) {
  const std::string against = Against(f);
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

  Section cost{"Cost ladder",
               model.spend.empty() ? "No spend was read: give ad-platform exports, Salesforce "
                                     "Campaign ActualCost or a spend sheet."
                                   : "Spend in the period, people entering each step in it (first "
                                     "touch); " +
                                         against + ".",
               SummaryCostTable(f.cost, f.cost_before ? &*f.cost_before : nullptr, f.cost_step,
                                f.too_early)};
  if (f.cost_step != "assigned" && f.cost_step_chosen) {
    cost.table.notes.push_back("nobody in the data was ever assigned: cost per " + f.cost_step +
                               ", the first step with people (--cost-step picks another)");
  }
  bool shown_early = false;
  for (const auto& row : cost.table.rows) shown_early |= row[8].text == "too early";
  if (shown_early) {
    cost.table.notes.push_back(
        f.lead_to_customer_days
            ? fmt::format("ROI n/a: too early: the period is shorter than the median {:.1f} days "
                          "from lead to customer (all time), so nothing its spend bought "
                          "could have closed yet",
                          *f.lead_to_customer_days)
            : "ROI n/a: too early: nobody has become a customer yet, so nothing the spend "
              "bought could have closed");
  }
  sections.push_back(std::move(cost));

  if (f.sla.empty()) {
    sections.push_back({"Hand-off SLAs", "No [[sla]] rule is defined in the config.", Table{}});
  } else {
    Section sla{"Hand-off SLAs", "Per owner at the start of each rule; " + against + ".",
                SummarySlaTable(f.sla, f.sla_before ? &*f.sla_before : nullptr)};
    sla.table.notes.push_back(fmt::format(
        "change: percentage points (pp) of % met; n/a: too few when either period has fewer "
        "than {:g} due (met, breached or open)",
        kMinChangeBase));
    sections.push_back(std::move(sla));
    SlaResults top = f.sla;
    for (auto& [rule, result] : top) {
      if (result.breaches.size() > f.top) result.breaches.resize(f.top);
    }
    Table breaches = SlaBreachTable(top, model);
    breaches.charts.clear();
    sections.push_back({fmt::format("Top breaches (at most {} per rule)", f.top),
                        breaches.rows.empty() ? "No breaches in the period." : "", breaches});
  }

  sections.push_back({"Wins", WinsText(f, model, period), WinsTable(f.wins, model)});

  Table quality = SummaryQualityTable(f.findings);
  sections.push_back({"Data quality",
                      quality.rows.empty() ? "No problems found in the inputs."
                      : f.rejected > 0
                          ? fmt::format("{} row{} rejected; baton check explains each problem.",
                                        f.rejected, f.rejected == 1 ? "" : "s")
                          : "No rows rejected; baton check explains each problem below.",
                      quality});
  return sections;
}

}  // namespace baton
