// `baton plan`: how many leads, entering when, for a target (issue 18, SPEC 4.5).
// Parses its options, loads the model and hands the result to the report layer.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "baton/cost.h"
#include "baton/error.h"
#include "baton/funnel.h"
#include "baton/plan.h"
#include "baton/reports.h"
#include "baton/time.h"
#include "baton/values.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace baton::cli {
namespace {

struct PlanFlags {
  InputOptions in;
  ReportOptions report;
  std::vector<std::string> targets;
  std::string history, grain = "month", from, by;
  double confidence = 80;
  int draws = 4000;
  std::uint64_t seed = 18;
  bool pacing = false;
};

// --history: FROM..TO (dates, TO included) or a calendar period (2024, 2024-Q3).
Period ParseHistory(const std::string& text, Zone tz, Instant as_of) {
  const auto dots = text.find("..");
  const std::string hint = "write --history 2024-01-01..2024-12-31 or --history 2024";
  try {
    if (dots == std::string::npos) {
      Period p = ResolvePeriod(text, "", "", tz, as_of);
      p.label = "history " + p.label;
      return p;
    }
    const std::string since = text.substr(0, dots), until = text.substr(dots + 2);
    if (since.empty() || until.empty()) ThrowUsage("it needs both ends");
    // Each end on its own (a date is its midnight); a bare date as the end includes
    // that day: the range runs to the next midnight.
    Period p;
    p.since = ResolvePeriod("", since, "", tz, kFarFuture).since;
    p.until = ResolvePeriod("", until, "", tz, kFarFuture).since;
    if (until.size() == 10) p.until = BucketEnd(p.until, Grain::kDay, tz);
    if (p.until <= p.since) ThrowUsage("it ends before it starts");
    p.until = std::min(p.until, as_of + 1);
    if (p.until <= p.since) ThrowUsage("it starts after as-of");
    p.label = "history " + since + " to " + until;
    return p;
  } catch (const Error& e) {
    ThrowUsage("--history " + text + ": " + e.message(), hint);
  }
}

void RunPlan(const PlanFlags& flags) {
  if (!flags.report.period.empty() || !flags.report.since.empty() || !flags.report.until.empty()) {
    ThrowUsage("--period, --since and --until do nothing for plan",
               "each --target names its period; --history sets where the rates come from");
  }
  if (!(flags.confidence >= 1 && flags.confidence <= 99)) {
    ThrowUsage("--confidence must be between 1 and 99", "e.g. --confidence 80");
  }
  PlanOptions options;
  if (flags.grain == "week") {
    options.grain = Grain::kWeek;
  } else if (flags.grain != "month") {
    ThrowUsage("--grain " + flags.grain + " is not week or month");
  }
  ReportOptions report = flags.report;
  report.touches = false;  // no [[sla]] rule is judged here
  report.labels = false;   // no person is shown by email or id
  if (flags.pacing && !flags.by.empty()) {
    ThrowUsage("--pacing is the company's, not per --by " + flags.by,
               "leave out --by, or plan without --pacing");
  }
  std::optional<GroupKey> key;
  std::vector<std::string> stages;
  std::string won;
  bool from_config = false;  // the targets are baton.toml's [[target]]s
  auto check = [&](const Config& config) {
    stages = config.stages;
    won = config.won_stage;
    if (!flags.by.empty()) {
      const std::vector<GroupKey> keys = ParseGroupKeys(flags.by, config.dimensions);
      if (keys.size() != 1 || keys[0].grain) {
        ThrowUsage("--by " + flags.by + ": plan splits by one person key",
                   "e.g. --by source, --by campaign, --by owner or a mapped dimension");
      }
      key = keys[0];
    }
    if (!flags.from.empty()) {
      options.from_stage = config.StageIndex(flags.from);
      if (options.from_stage < 0) {
        ThrowUsage("--from " + flags.from + " is not a stage of this funnel",
                   fmt::format("stages: {}", fmt::join(config.stages, ", ")));
      }
    }
    for (const auto& text : flags.targets) {
      options.targets.push_back(
          ParsePlanTarget(text, config.stages, config.StageIndex(won), FindZone(config.tz)));
    }
    if (flags.targets.empty()) {
      options.targets = ConfigTargets(config, FindZone(config.tz));
      from_config = true;
    }
    if (options.targets.empty()) {
      ThrowUsage("plan needs a target",
                 "give --target won:2025-Q3=2400000 (or won-count:, or STAGE:), or put "
                 "[[target]] tables in baton.toml");
    }
    for (const auto& target : options.targets) {
      if (target.stage <= options.from_stage) {
        ThrowUsage("--target " + target.text + " is not a stage after --from " +
                       config.stages[static_cast<std::size_t>(options.from_stage)],
                   "plan counts people back from a later stage to an earlier one");
      }
    }
  };
  Loaded loaded = Load(flags.in, report, check);
  const Model& model = loaded.model;
  options.tz = loaded.tz;
  options.confidence = flags.confidence;
  options.draws = flags.draws;
  options.seed = flags.seed;
  // baton.toml's targets: those not yet ended (a cron job's file lists past ones).
  std::int64_t ended = 0;
  if (from_config) {
    std::erase_if(options.targets, [&](const PlanTarget& t) {
      ended += t.period.until <= model.as_of;
      return t.period.until <= model.as_of;
    });
    if (options.targets.empty()) {
      ThrowUsage(fmt::format("every [[target]] in {} ended before as-of {}", loaded.config.origin,
                             FormatUtc(model.as_of)),
                 "add a [[target]] for a period to come, or give --target");
    }
  }
  int last = 0;
  for (const auto& t : options.targets) {
    last = std::max(last, t.stage);
    if (t.period.until <= model.as_of) {
      ThrowUsage("--target " + t.text + " ended before as-of " + FormatUtc(model.as_of),
                 "plan a period that has not ended; the funnel and cost reports show the past");
    }
    // (Entry periods run from as-of to the target's end: a typo of a century would
    // plan thousands of them.)
    if (t.period.until - model.as_of > std::int64_t{5} * 366 * kSecondsPerDay) {
      ThrowUsage("--target " + t.text + " ends more than five years after as-of",
                 "check the year; plan at most five years ahead");
    }
  }
  if (flags.history.empty()) {
    // A quarter that ended longer ago than the all-time p90 from the entry stage
    // to the target stage is mature.
    options.history = DefaultPlanHistory(model, options.from_stage, last, loaded.tz);
  } else {
    options.history = ParseHistory(flags.history, loaded.tz, model.as_of);
  }
  // Spend per person entering each stage in the history (the cost ladder, period basis).
  if (!model.spend.empty()) {
    CostOptions cost;
    cost.period = options.history;
    cost.tz = loaded.tz;
    const CostResult ladder = ComputeCost(model, loaded.config, cost);
    const CostRow& total = ladder.rows.back();
    options.cost_per.assign(stages.size(), std::nan(""));
    for (std::size_t s = 0; s < stages.size(); ++s) {
      const auto step = std::find(ladder.steps.begin(), ladder.steps.end(), stages[s]);
      if (step == ladder.steps.end()) continue;
      const auto i = static_cast<std::size_t>(step - ladder.steps.begin());
      if (i < total.cost_per.size() && total.cost_per[i]) options.cost_per[s] = *total.cost_per[i];
    }
  }
  options.created_stage = std::max(0, loaded.config.StageIndex(loaded.config.created_stage));
  if (key && !model.spend.empty()) {
    options.lead_cost = LeadCosts(model, loaded.config, loaded.tz, options.history);
  }
  PlanResult result = ComputePlan(model, options);
  // A run that could use nothing never exits 0: a step the history never saw
  // taken, or no delay to spread the target back through.
  for (const auto& step : result.steps) {
    const std::string& name = stages[static_cast<std::size_t>(step.stage)];
    if (step.entered == 0) {
      ThrowData({}, fmt::format("nobody entered {} in the {}", name, options.history.label),
                "give --history a span the data covers, e.g. --history 2024-01-01..2024-12-31");
    }
    if (step.advanced == 0) {
      ThrowData(
          {},
          fmt::format("none of the {} who entered {} in the {} reached {}", step.entered, name,
                      options.history.label, stages[static_cast<std::size_t>(step.stage) + 1]),
          "no rate, no plan: widen --history, or plan from a later stage with --from");
    }
  }
  for (const auto& t : result.targets) {
    if (t.no_delays) {
      ThrowData(
          {},
          fmt::format("--target {}: no one in the {} has recorded times at both {} and {}", t.text,
                      options.history.label, stages[static_cast<std::size_t>(options.from_stage)],
                      stages[static_cast<std::size_t>(t.stage)]),
          "the plan spreads the target back through those delays; widen --history or "
          "give exports with stage dates");
    }
  }
  if (result.rows.empty()) {
    ThrowData({},
              "no won deal closed in the " + options.history.label +
                  ": a revenue target has no deal size",
              "widen --history, or plan deals with --target won-count:PERIOD=N");
  }
  std::optional<PlanBy> by;
  if (key) {
    by = ComputePlanBy(model, options, result, *key);
    if (by->groups.empty()) {
      ThrowData({},
                fmt::format("no {} brought any of the targets' events in the {}: nothing to "
                            "share the gap by",
                            key->name, options.history.label),
                "plan without --by, or widen --history");
    }
  }
  PlanReportOptions names;
  names.stages = stages;
  names.confidence = flags.confidence;
  names.currency = model.currency;
  names.costs = !model.spend.empty();
  names.draws = flags.draws;
  names.seed = flags.seed;
  if (ended > 0) {
    names.notes.push_back(fmt::format("{} [[target]]{} in {} ended before as-of: left out", ended,
                                      ended == 1 ? "" : "s", loaded.config.origin));
  }
  Table table;
  if (flags.pacing) {
    const std::vector<PlanPace> paces = ComputePace(model, options, result);
    if (paces.empty()) {
      ThrowUsage("--pacing: no target's period has begun by as-of " + FormatUtc(model.as_of),
                 "pacing compares a period under way with its target; plan without --pacing");
    }
    table = PaceReport(paces, result, names);
  } else {
    table = PlanReport(result, names, by ? &*by : nullptr);
  }
  loaded.period = options.history;
  Emit(std::move(table), loaded, flags.report);
}

}  // namespace

void SetPlanCommand(CLI::App& app) {
  auto flags = std::make_shared<PlanFlags>();
  CLI::App* cmd = app.add_subcommand(
      "plan",
      "How many people must enter each stage, and in which month or week, for a revenue or "
      "stage target to land in its period: the gap after what is won and in flight, with "
      "P50/P80/P90");
  AddInputOptions(*cmd, flags->in);
  AddReportOptions(*cmd, flags->report, /*breakdown=*/false);
  AddColumnsOption(*cmd, flags->report,
                   "KEY (with --by), period, stage, needed, p50, p80, p90, expected, budget");
  cmd->add_option("--target", flags->targets,
                  "won:PERIOD=AMOUNT (revenue), won-count:PERIOD=N (deals) or STAGE:PERIOD=N; "
                  "PERIOD is YYYY, YYYY-Qn, YYYY-MM or YYYY-Www; repeat for several (default: "
                  "baton.toml's [[target]]s not yet ended)");
  cmd->add_flag("--pacing", flags->pacing,
                "for a target period under way: each stage's target to date against the people "
                "who reached it, per entry period, instead of the plan");
  cmd->add_option("--history", flags->history,
                  "where the rates, delays and deal sizes come from: FROM..TO (dates) or a "
                  "period (default: the last four mature quarters before as-of)");
  cmd->add_option("--grain", flags->grain, "the entry periods: month (default) or week");
  cmd->add_option("--from", flags->from, "the first stage planned (default: the first stage)");
  cmd->add_option("--by", flags->by,
                  "plan per KEY (source, campaign, owner or a mapped dimension): the gap shared "
                  "by each one's part of the history's wins, each with its own rates and spend");
  cmd->add_option("--confidence", flags->confidence,
                  "the percentile the needed column reads (default 80: enough in 4 of 5 "
                  "futures)");
  cmd->add_option("--draws", flags->draws, "simulation draws (default 4000)")
      ->check(CLI::Range(100, 1000000));
  cmd->add_option("--seed", flags->seed, "the simulation's seed (default 18)");
  cmd->callback([flags] { RunPlan(*flags); });
}

}  // namespace baton::cli
