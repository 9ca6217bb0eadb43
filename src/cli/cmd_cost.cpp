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
  if (model.spend.empty()) {
    table.notes.push_back(
        "no spend was read: give ad-platform exports, a Salesforce Campaign export with "
        "ActualCost, or a spend sheet (date,campaign,amount)");
  }
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
