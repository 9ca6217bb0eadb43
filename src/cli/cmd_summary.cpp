// `baton summary`: the weekly report for cron and the inbox (issue 7, SPEC 4.5).
// A headline, then the period's cohort funnel, the cost ladder, the SLA summary per
// owner with the top breaches, the wins and the data-quality problems, each against
// the previous period (the previous calendar unit, or the same length back). Exit 1 when an SLA
// threshold given on the command line is violated; nothing on stderr on success (rejected rows are
// in the report).
#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "baton/check.h"
#include "baton/cost.h"
#include "baton/error.h"
#include "baton/plan.h"
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
  std::string cost_step;
};

// The cost section's headline step: --cost-step, else assigned, else (when nobody
// in the data was ever assigned) the first step anyone reached.
std::string CostStep(const SummaryFlags& flags, const Loaded& loaded, bool& chosen) {
  const Model& model = loaded.model;
  std::vector<std::string> steps = CostSteps(model, loaded.config);
  if (!flags.cost_step.empty()) {
    if (std::find(steps.begin(), steps.end(), flags.cost_step) == steps.end()) {
      ThrowUsage("--cost-step " + flags.cost_step + " is not a step of the cost ladder",
                 fmt::format("use one of {}", fmt::join(steps, ", ")));
    }
    return flags.cost_step;
  }
  auto reached = [&](const std::string& step) {
    const int stage = loaded.config.StageIndex(step);
    for (std::size_t p = 0; p < model.people.size(); ++p) {
      Instant t = stage < 0 ? model.people[p].assigned_at
                            : model.StageTime(p, static_cast<std::size_t>(stage));
      if (t != kNoTime) return true;
    }
    return false;
  };
  if (reached("assigned")) return "assigned";
  for (const auto& step : steps) {
    if (reached(step)) {
      chosen = true;
      return step;
    }
  }
  return "assigned";
}

// The median days from the first stage to the last (customer), of all time: known
// and recorded times only, as velocity takes them (SPEC 4.1).
std::optional<double> MedianDaysToCustomer(const Model& model) {
  const std::size_t last = model.stages.size() - 1;
  std::vector<double> days;
  for (std::size_t p = 0; p < model.people.size(); ++p) {
    const Instant from = model.StageTime(p, 0), to = model.StageTime(p, last);
    if (from <= kUnknownTime || to <= kUnknownTime || model.Inferred(p, last)) continue;
    days.push_back(static_cast<double>(to - from) / kSecondsPerDay);
  }
  return Percentile(days, 50);
}

// The Pacing section, when baton.toml has [[target]]s whose period is under way
// at as-of: each stage's target to date against the actual (plan --pacing). Its
// text before the history's is the headline's.
std::optional<Section> RunPacing(const Loaded& loaded, std::string& headline) {
  const Model& model = loaded.model;
  PlanOptions o;
  o.tz = loaded.tz;
  o.draws = 0;  // the rates are enough
  for (auto& target : ConfigTargets(loaded.config, loaded.tz)) {
    if (target.period.since <= model.as_of && model.as_of < target.period.until) {
      o.targets.push_back(std::move(target));
    }
  }
  if (o.targets.empty()) return std::nullopt;
  int last = 1;
  for (const auto& t : o.targets) last = std::max(last, t.stage);
  o.history = DefaultPlanHistory(model, 0, last, loaded.tz);
  PlanResult plan = ComputePlan(model, o);
  if (plan.steps.empty() || plan.steps.front().entered == 0) {  // (data younger than that)
    o.history = {model.as_of - 365 * kSecondsPerDay, model.as_of + 1,
                 "history of the year before as-of (the last four mature quarters hold "
                 "nobody)"};
    plan = ComputePlan(model, o);
  }
  PlanReportOptions names;
  names.stages = loaded.config.stages;
  names.currency = model.currency;
  Section section = PaceSection(ComputePace(model, o, plan), plan, names);
  headline = section.text;
  section.text += " The targets at earlier stages come from the " + o.history.label + ".";
  return section;
}

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
    const std::string asked =
        flags.report.format.empty()
            ? FormatForPath(flags.report.output) + " (from -o " + flags.report.output + ")"
            : flags.report.format;
    ThrowUsage("--format " + asked + ": summary has several tables",
               "use table, md, json or html (each report on its own gives csv, tsv and ndjson)");
  }
  flags.report.reject_summary = false;  // the data-quality section lists them
  flags.report.data_quality = true;     // and duplicate ids, orphans, as check finds them
  Loaded loaded = Load(flags.in, flags.report);
  const Model& model = loaded.model;
  const Period& period = loaded.period;
  SummaryFigures f;
  f.period_name = PeriodName(period, loaded.tz);
  f.previous = PreviousPeriod(period, loaded.tz);
  if (f.previous) {
    f.previous_what = PreviousWhat(period);
    Period whole = *f.previous;  // the previous unit, named without "to date"
    whole.until = whole.unit_until;
    if (period.until >= period.unit_until) {
      f.previous_name = PeriodName(*f.previous, loaded.tz);
    } else if (period.unit == PeriodUnit::kDay) {
      f.previous_name = PeriodName(whole, loaded.tz) + " up to the same time";
    } else {
      f.previous_name = "the same days of " + PeriodName(whole, loaded.tz);
    }
  }
  f.funnel = RunFunnel(loaded, period);
  // Immature against the slowest median step of all time: a week's cohort is too
  // small to have medians of its own for the late stages.
  Period all_time{kNoTime, period.until, "all time"};
  f.slowest_median_days = RunFunnel(loaded, all_time).slowest_median_days;
  FunnelGroup& cohort = f.funnel.groups.back();
  cohort.immature =
      period.since != kNoTime && f.slowest_median_days &&
      static_cast<double>(loaded.as_of - period.since) < *f.slowest_median_days * kSecondsPerDay;
  f.cost = RunCost(loaded, period);
  f.cost_step = CostStep(flags, loaded, f.cost_step_chosen);
  f.lead_to_customer_days = MedianDaysToCustomer(model);
  f.too_early = period.since != kNoTime &&
                (!f.lead_to_customer_days || static_cast<double>(period.until - period.since) <
                                                 *f.lead_to_customer_days * kSecondsPerDay);
  f.sla = RunRules(loaded, period);
  if (f.previous) {
    f.funnel_before = RunFunnel(loaded, *f.previous);
    f.cost_before = RunCost(loaded, *f.previous);
    f.sla_before = RunRules(loaded, *f.previous);
  }
  f.top = static_cast<std::size_t>(flags.top);
  f.wins = ComputeWins(model, period);
  f.findings = CheckData(model, loaded.stats, loaded.config);
  f.rejected = loaded.rejected;
  std::vector<Section> sections = SummarySections(f, model, period);

  Table facts;
  facts.report = "summary";
  facts.title = period.label;
  facts.headline = SummaryHeadline(f, model, sections);
  std::string pace;
  if (std::optional<Section> pacing = RunPacing(loaded, pace)) {
    facts.headline += " Pacing: " + pace;
    sections.insert(sections.begin(), std::move(*pacing));
  }
  if (f.previous) facts.meta.emplace_back("previous", f.previous_what + ", " + f.previous->label);
  EmitSections(sections, std::move(facts), loaded, flags.report);

  // Cron: the thresholds asked for, per rule, as `baton sla` judges them.
  CheckSlaThresholds(f.sla, flags.fail_on_breach, flags.max_breach_rate);
}

}  // namespace

void SetSummaryCommand(CLI::App& app) {
  auto flags = std::make_shared<SummaryFlags>();
  CLI::App* cmd = app.add_subcommand(
      "summary",
      "The weekly report: the period's funnel, cost ladder, SLA summary with the top "
      "breaches, wins and data quality, each against the previous period");
  AddInputOptions(*cmd, flags->in);
  AddReportOptions(*cmd, flags->report, /*breakdown=*/false);
  cmd->add_flag("--fail-on-breach", flags->fail_on_breach,
                "exit 1 when any SLA rule has a breach (breached or open) in the period");
  cmd->add_option("--max-breach-rate", flags->max_breach_rate,
                  "exit 1 when a rule's (breached + open) / due exceeds R (0 to 1)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--top", flags->top, "breaches listed per rule (default 5)")
      ->check(CLI::Range(0, 1000));
  cmd->add_option("--cost-step", flags->cost_step,
                  "the cost section's headline step (default assigned; when nobody was ever "
                  "assigned, the first step anyone reached)");
  cmd->callback([flags] { RunSummary(*flags); });
}

}  // namespace baton::cli
