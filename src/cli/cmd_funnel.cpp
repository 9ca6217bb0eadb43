// `baton funnel`: stage conversion (SPEC 4.1). Parses its options, loads the
// model and hands the result to the report layer; no metric logic lives here.
#include <fmt/format.h>

#include <cmath>
#include <memory>

#include "baton/error.h"
#include "baton/funnel.h"
#include "baton/reports.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace baton::cli {
namespace {

struct FunnelFlags {
  InputOptions in;
  ReportOptions report;
  std::string basis = "cohort";
  std::string from;
  double window = 0;  // 0 = no window
};

void RunFunnel(const FunnelFlags& flags) {
  if (flags.basis != "cohort" && flags.basis != "period") {
    ThrowUsage("--basis " + flags.basis + " is not known", "use cohort or period");
  }
  if (!std::isfinite(flags.window)) ThrowUsage("--window must be a number of days");
  if (flags.window > 0 && flags.basis == "period") {
    ThrowUsage("--window applies to the cohort basis only", "drop --window, or use --basis cohort");
  }
  ReportOptions report = flags.report;
  report.touches = false;  // no [[sla]] rule is judged here
  report.labels = false;   // no person is shown by email or id
  FunnelOptions options;
  // --by and --from against the config, before any file is read.
  auto check = [&](const Config& config) {
    options.by = ParseGroupKeys(flags.report.by, config.dimensions);
    if (flags.from.empty()) return;
    options.from_stage = config.StageIndex(flags.from);
    if (options.from_stage < 0) {
      ThrowUsage("--from " + flags.from + " is not a stage of this funnel",
                 "stages: " + fmt::format("{}", fmt::join(config.stages, ", ")));
    }
  };
  Loaded loaded = Load(flags.in, report, check);
  const Model& model = loaded.model;
  options.basis = flags.basis == "cohort" ? Basis::kCohort : Basis::kPeriod;
  options.period = loaded.period;
  options.tz = loaded.tz;
  if (flags.window > 0) options.window_days = flags.window;
  FunnelResult result = ComputeFunnel(model, options);
  Table table = FunnelReport(result, options, model);
  Emit(std::move(table), loaded, flags.report);
}

}  // namespace

void SetFunnelCommand(CLI::App& app) {
  auto flags = std::make_shared<FunnelFlags>();
  CLI::App* cmd = app.add_subcommand(
      "funnel",
      "Stage conversion: how many people reached each stage, step and cumulative rates, "
      "and the days between stages (median, p90)");
  AddInputOptions(*cmd, flags->in);
  AddReportOptions(*cmd, flags->report);
  AddColumnsOption(*cmd, flags->report,
                   "[--by keys], stage, reached, step_rate, cumulative_rate, median_days, "
                   "p90_days, immature (--basis period: entered and ratio for reached and the "
                   "rates)");
  cmd->add_option("--basis", flags->basis,
                  "cohort (default): follow the people who entered in the period; period: "
                  "count stage entries in the period");
  cmd->add_option("--from", flags->from, "the cohort's entry stage (default: the first stage)");
  cmd->add_option("--window", flags->window,
                  "cohort basis: count a stage only when reached within D days of entry")
      ->check(CLI::PositiveNumber);
  cmd->callback([flags] { RunFunnel(*flags); });
}

}  // namespace baton::cli
