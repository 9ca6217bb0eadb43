// `baton summary`: the weekly report for cron and the inbox (issue 7, SPEC 4.5).
// The period's cohort funnel, the cost ladder, the SLA summary per owner with the
// top breaches, the wins and the data-quality problems, each against the previous
// period of the same length. Exit 1 when an SLA threshold given on the command
// line is violated; nothing on stderr on success (rejected rows are in the report).
#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "baton/check.h"
#include "baton/cost.h"
#include "baton/error.h"
#include "baton/reports.h"
#include "baton/sla.h"
#include "baton/wins.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace baton::cli {
namespace {

struct SummaryFlags {
  InputOptions in;
  ReportOptions report;
  bool fail_on_breach = false;
  double max_breach_rate = -1;
  int top = 5;
};

using SlaResults = std::vector<std::pair<const SlaRule*, SlaResult>>;

SlaResults RunRules(const Loaded& loaded, const Period& period) {
  SlaResults out;
  std::vector<GroupKey> by = ParseGroupKeys("owner", loaded.model);
  for (const auto& rule : loaded.config.sla) {
    std::vector<const Calendar*> calendars = CalendarsFor(loaded.model, loaded.config, rule);
    out.emplace_back(&rule, ComputeSla(loaded.model, rule, calendars, period, loaded.tz, by));
  }
  return out;
}

FunnelResult RunFunnel(const Loaded& loaded, const Period& period) {
  FunnelOptions o;
  o.basis = Basis::kCohort;
  o.period = period;
  o.tz = loaded.tz;
  return ComputeFunnel(loaded.model, o);
}

CostResult RunCost(const Loaded& loaded, const Period& period) {
  CostOptions o;
  o.basis = Basis::kPeriod;
  o.period = period;
  o.tz = loaded.tz;
  o.by = ParseCostKeys("campaign");
  return ComputeCost(loaded.model, loaded.config, o);
}

void RunSummary(SummaryFlags flags) {
  const Format format = FormatOf(flags.report);
  if (format != Format::kTable && format != Format::kMd && format != Format::kJson &&
      format != Format::kHtml) {
    ThrowUsage("--format " + flags.report.format + ": summary has several tables",
               "use table, md, json or html (each report on its own gives csv, tsv and ndjson)");
  }
  flags.report.reject_summary = false;  // the data-quality section lists them
  flags.report.data_quality = true;     // and duplicate ids, orphans, as check finds them
  Loaded loaded = Load(flags.in, flags.report);
  const Model& model = loaded.model;
  const Period& period = loaded.period;
  const std::optional<Period> previous = PreviousPeriod(period, loaded.tz);
  const std::string against =
      previous ? "changes against the previous period of the same length, " + previous->label
               : "no previous period to compare with (the period is open at the start)";

  std::vector<Section> sections;
  FunnelResult funnel = RunFunnel(loaded, period);
  // Immature against the slowest median step of all time: a week's cohort is too
  // small to have medians of its own for the late stages.
  Period all_time{kNoTime, period.until, "all time"};
  FunnelResult history = RunFunnel(loaded, all_time);
  FunnelGroup& cohort = funnel.groups.back();
  cohort.immature = period.since != kNoTime && history.slowest_median_days &&
                    static_cast<double>(loaded.as_of - period.since) <
                        *history.slowest_median_days * kSecondsPerDay;
  std::optional<FunnelResult> funnel_before;
  if (previous) funnel_before = RunFunnel(loaded, *previous);
  Section f{"Funnel", "The people who entered in the period, followed to as-of; " + against + ".",
            SummaryFunnelTable(funnel, funnel_before ? &*funnel_before : nullptr)};
  if (cohort.immature) {
    f.table.notes.push_back(fmt::format(
        "immature: the cohort entered less than {:.1f} days (the slowest median step of all "
        "time) before as-of; its later stages are still filling",
        *history.slowest_median_days));
  }
  sections.push_back(std::move(f));

  CostResult cost = RunCost(loaded, period);
  std::optional<CostResult> cost_before;
  if (previous) cost_before = RunCost(loaded, *previous);
  Section c{"Cost ladder",
            model.spend.empty() ? "No spend was read: give ad-platform exports, Salesforce "
                                  "Campaign ActualCost or a spend sheet."
                                : "Spend in the period, people entering each step in it (first "
                                  "touch); " +
                                      against + ".",
            SummaryCostTable(cost, cost_before ? &*cost_before : nullptr)};
  sections.push_back(std::move(c));

  SlaResults sla = RunRules(loaded, period);
  if (loaded.config.sla.empty()) {
    sections.push_back({"Hand-off SLAs", "No [[sla]] rule is defined in the config.", Table{}});
  } else {
    std::optional<SlaResults> sla_before;
    if (previous) sla_before = RunRules(loaded, *previous);
    sections.push_back({"Hand-off SLAs", "Per owner at the start of each rule; " + against + ".",
                        SummarySlaTable(sla, sla_before ? &*sla_before : nullptr)});
    SlaResults top = sla;
    for (auto& [rule, result] : top) {
      if (result.breaches.size() > static_cast<std::size_t>(flags.top)) {
        result.breaches.resize(static_cast<std::size_t>(flags.top));
      }
    }
    Table breaches = SlaBreachTable(top, model);
    breaches.charts.clear();
    sections.push_back({fmt::format("Top breaches (at most {} per rule)", flags.top),
                        breaches.rows.empty() ? "No breaches in the period." : "", breaches});
  }

  std::vector<Win> wins = ComputeWins(model, period);
  double won = 0;
  for (const auto& w : wins) won += w.amount;
  sections.push_back(
      {"Wins",
       wins.empty()
           ? "No customers won in the period."
           : fmt::format(
                 "{} won in the period, {}{} in all: the campaign each "
                 "came from and the owner who closed it.",
                 wins.size() == 1 ? "One customer" : fmt::format("{} customers", wins.size()),
                 MoneyText(won), model.currency.empty() ? "" : " " + model.currency),
       WinsTable(wins, model)});

  std::vector<Finding> findings = CheckData(model, loaded.stats, loaded.config);
  Table quality = SummaryQualityTable(findings);
  sections.push_back({"Data quality",
                      quality.rows.empty() ? "No problems found in the inputs."
                      : loaded.rejected > 0
                          ? fmt::format("{} row{} rejected; `baton check` explains each problem.",
                                        loaded.rejected, loaded.rejected == 1 ? "" : "s")
                          : "No rows rejected; `baton check` explains each problem below.",
                      quality});

  Table facts;
  facts.report = "summary";
  facts.title = period.label;
  if (previous) facts.meta.emplace_back("previous", previous->label);
  EmitSections(sections, std::move(facts), loaded, flags.report);

  // Cron: the thresholds asked for, per rule, as `baton sla` judges them.
  CheckSlaThresholds(sla, flags.fail_on_breach, flags.max_breach_rate);
}

}  // namespace

void SetSummaryCommand(CLI::App& app) {
  auto flags = std::make_shared<SummaryFlags>();
  CLI::App* cmd = app.add_subcommand(
      "summary",
      "The weekly report: the period's funnel, cost ladder, SLA summary with the top "
      "breaches, wins and data quality, each against the previous period");
  AddInputOptions(*cmd, flags->in);
  AddReportOptions(*cmd, flags->report);
  cmd->get_option("--by")->description("not used by summary (its sections have fixed keys)");
  cmd->add_flag("--fail-on-breach", flags->fail_on_breach,
                "exit 1 when any SLA rule has a breach (breached or open) in the period");
  cmd->add_option("--max-breach-rate", flags->max_breach_rate,
                  "exit 1 when a rule's (breached + open) / due exceeds R (0 to 1)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--top", flags->top, "breaches listed per rule (default 5)")
      ->check(CLI::Range(0, 1000));
  cmd->callback([flags] { RunSummary(*flags); });
}

}  // namespace baton::cli
