// `baton cost`: the cost ladder (SPEC 4.2) under an attribution model (SPEC 4.3).
// Parses its options, loads the model and hands the result to the report layer;
// the definitions live in metrics/cost.cpp.
#include <fmt/format.h>

#include <memory>

#include "baton/cost.h"
#include "baton/error.h"
#include "baton/reports.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace baton::cli {
namespace {

struct CostFlags {
  InputOptions in;
  ReportOptions report;
  std::string basis = "period";
  std::string attribution = "first";
};

void RunCost(CostFlags flags) {
  if (flags.basis != "cohort" && flags.basis != "period") {
    ThrowUsage("--basis " + flags.basis + " is not known", "use period or cohort");
  }
  auto model_kind = ParseAttributionModel(flags.attribution);
  if (!model_kind) {
    ThrowUsage("--attribution " + flags.attribution + " is not a model baton knows",
               "models: " + AttributionModelNames());
  }
  if (flags.report.by.empty()) flags.report.by = "campaign";
  CostOptions options;
  options.by = ParseCostKeys(flags.report.by);
  ReportOptions report = flags.report;
  report.touches = false;  // no [[sla]] rule is judged here
  report.labels = false;   // no person is shown by email or id
  options.model = *model_kind;
  // The model's weights come from the config: a custom model without them fails
  // before any file is read.
  auto check = [&](const Config& config) { options.weights = WeightsFor(*model_kind, config); };
  Loaded loaded = Load(flags.in, report, check);
  const Model& model = loaded.model;
  options.basis = flags.basis == "cohort" ? Basis::kCohort : Basis::kPeriod;
  options.period = loaded.period;
  options.tz = loaded.tz;
  CostResult result = ComputeCost(model, loaded.config, options);
  Table table = CostReport(result, options, model);
  Emit(std::move(table), loaded, flags.report);
}

}  // namespace

void SetCostCommand(CLI::App& app) {
  auto flags = std::make_shared<CostFlags>();
  CLI::App* cmd = app.add_subcommand(
      "cost",
      "The cost ladder: spend per campaign (or --by), people entering each step (lead, "
      "assigned, mql … customer), cost per step, pipeline, won revenue and ROI");
  AddInputOptions(*cmd, flags->in);
  AddReportOptions(*cmd, flags->report);
  AddColumnsOption(*cmd, flags->report,
                   "[--by keys], spend, then per step (lead, assigned, mql, …) STEP and "
                   "cost_per_STEP, then pipeline, won_revenue, roi");
  cmd->add_option("--basis", flags->basis,
                  "period (default): people entering each step in the period; cohort: people "
                  "created in the period, followed to as-of");
  cmd->get_option("--by")->description(
      "break down by campaign (default) or channel (source: the campaign's channel), and/or "
      "one time grain: day, week, month, quarter");
  cmd->add_option("--attribution", flags->attribution,
                  "first (default), last, linear, u-shaped, w-shaped, full-path or custom");
  cmd->callback([flags] { RunCost(*flags); });
}

}  // namespace baton::cli
