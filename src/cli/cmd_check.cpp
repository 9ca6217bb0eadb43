// `baton check`: the data-quality report (SPEC 4.5). Every file's rows read, used,
// ignored and rejected; unmapped values; duplicate ids; orphans; out-of-order
// stages; dates after as-of. With --strict, exit 3 when it finds any problem.
#include <memory>

#include "baton/check.h"
#include "baton/error.h"
#include "baton/reports.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace baton::cli {
namespace {

struct CheckFlags {
  InputOptions in;
  ReportOptions report;
};

void RunCheck(const CheckFlags& flags) {
  // Rejected rows are findings here: --strict judges the whole report, after it.
  ReportOptions read = flags.report;
  read.strict = false;
  read.data_quality = true;
  read.touches = false;
  read.defer_empty = true;  // the report shows why nothing could be used
  Loaded loaded = Load(flags.in, read);
  std::vector<Finding> findings = CheckData(loaded.model, loaded.stats, loaded.config);
  Table table = CheckTable(findings);
  Emit(std::move(table), loaded, flags.report);
  if (loaded.empty_input) throw *loaded.empty_input;
  if (flags.report.strict && HasProblems(findings)) {
    throw Error(ExitCode::kData, {}, "the check found data-quality problems and --strict is set",
                "the rows with problem = yes say what and where");
  }
}

}  // namespace

void SetCheckCommand(CLI::App& app) {
  auto flags = std::make_shared<CheckFlags>();
  CLI::App* cmd = app.add_subcommand(
      "check",
      "Data quality: rows read, used, ignored and rejected per file, unmapped values, "
      "duplicate ids, orphans, out-of-order stages, dates after as-of");
  AddInputOptions(*cmd, flags->in);
  AddReportOptions(*cmd, flags->report, /*breakdown=*/false);
  AddColumnsOption(*cmd, flags->report, "file, check, item, count, first_line, problem, note");
  cmd->callback([flags] { RunCheck(*flags); });
}

}  // namespace baton::cli
