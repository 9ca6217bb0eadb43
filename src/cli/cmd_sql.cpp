// `baton sql`: a report's definitions as one SQL script over the tables of
// `baton export` (sql.h), for an engine bigger than one machine. Reads no input:
// the script comes from the config and the options alone.
#include <fmt/format.h>

#include <cmath>
#include <memory>

#include "baton/error.h"
#include "baton/export.h"
#include "baton/sql.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace baton::cli {
namespace {

struct SqlFlags {
  InputOptions in;
  ReportOptions report;
  std::string what;  // the report: funnel, cost or sla
  std::string dialect = "duckdb";
  bool tables = false;
  std::string location;
  bool gzip = false;
  bool parts = false;
  std::string schema;
  int merge_rounds = 8;
  std::string basis;  // funnel: cohort by default; cost: period
  std::string attribution = "first";
  std::string from;
  double window = 0;
  std::string command_line;  // the options as given, for the script's header
};

void RunSql(const SqlFlags& flags) {
  auto dialect = ParseSqlDialect(flags.dialect);
  if (!dialect) {
    ThrowUsage("--dialect " + flags.dialect + " is not known", "use one of " + SqlDialectNames());
  }
  SqlScript script;
  script.dialect = *dialect;
  script.baton_version = BATON_VERSION;
  script.definitions_hash = DefinitionsHashOf(flags.in);
  script.options = flags.command_line;
  script.schema = flags.schema;
  script.merge_rounds = flags.merge_rounds;
  if (flags.tables) {
    if (!flags.what.empty()) {
      ThrowUsage("--tables prints the tables' statements, not a report",
                 "drop " + flags.what + ", or drop --tables");
    }
    WriteOutput(TablesSql(script, flags.location, flags.gzip, flags.parts), flags.report.output);
    return;
  }
  if (flags.what.empty()) {
    ThrowUsage("name the report: baton sql funnel", "or --tables for the tables' statements");
  }
  const bool cost = flags.what == "cost";
  const bool sla = flags.what == "sla";
  if (flags.what != "funnel" && !cost && !sla) {
    ThrowUsage("baton sql generates funnel, cost and sla; " + flags.what + " is not generated yet",
               "run `baton " + flags.what + "` on this machine meanwhile");
  }
  if (sla && !flags.basis.empty()) ThrowUsage("--basis applies to funnel and cost", "drop --basis");
  if (sla && !flags.from.empty()) ThrowUsage("--from applies to funnel only", "drop --from");
  if (!flags.report.by.empty() && !(cost && flags.report.by == "campaign") &&
      !(sla && flags.report.by == "owner")) {
    ThrowUsage(
        "baton sql " + flags.what + " has no --by yet" +
            (cost  ? ": its rows are the campaigns"
             : sla ? ": its rows are the owners at each case's start"
                   : ": it computes the whole company's funnel"),
        "run `baton " + flags.what + " --by " + flags.report.by + "` on this machine meanwhile");
  }
  const std::string basis = flags.basis.empty() ? (cost ? "period" : "cohort") : flags.basis;
  if (basis != "cohort" && basis != "period") {
    ThrowUsage("--basis " + basis + " is not known", "use cohort or period");
  }
  if (!std::isfinite(flags.window)) ThrowUsage("--window must be a number of days");
  if (flags.window > 0 && (basis == "period" || cost)) {
    ThrowUsage("--window applies to the funnel's cohort basis only", "drop --window");
  }
  if (!flags.from.empty() && cost) ThrowUsage("--from applies to funnel only", "drop --from");
  if (flags.attribution != "first" && !cost) {
    ThrowUsage("--attribution applies to cost only", "drop --attribution");
  }
  if (flags.attribution != "first") {
    ThrowUsage("baton sql cost attributes by first touch only; --attribution " + flags.attribution +
                   " is not generated yet",
               "drop --attribution, or run `baton cost --attribution " + flags.attribution +
                   "` on this machine meanwhile");
  }
  Config config = DiscoverConfig(flags.in);
  if (!flags.report.tz.empty()) config.tz = flags.report.tz;
  SkippedPolicy policy = config.skipped;
  if (flags.report.skipped == "infer" || flags.report.skipped == "strict") {
    policy = flags.report.skipped == "infer" ? SkippedPolicy::kInfer : SkippedPolicy::kStrict;
  } else if (!flags.report.skipped.empty()) {
    ThrowUsage("--skipped " + flags.report.skipped + " is not a policy", "use infer or strict");
  }
  const Zone tz = FindZone(config.tz);
  const Instant as_of = ParseAsOf(flags.report.as_of, tz, Now());
  const Period period =
      ResolvePeriod(flags.report.period, flags.report.since, flags.report.until, tz, as_of);
  script.options +=
      fmt::format(" (as-of {}, period {}, tz {})", FormatUtc(as_of), period.label, ZoneName(tz));
  if (sla) {
    WriteOutput(SlaSql(config, period, as_of, policy, script), flags.report.output);
    return;
  }
  if (cost) {
    CostOptions options;
    options.basis = basis == "cohort" ? Basis::kCohort : Basis::kPeriod;
    options.period = period;
    options.tz = tz;
    WriteOutput(CostSql(config, options, as_of, policy, script), flags.report.output);
    return;
  }
  FunnelOptions options;
  options.basis = basis == "cohort" ? Basis::kCohort : Basis::kPeriod;
  options.period = period;
  options.tz = tz;
  if (!flags.from.empty()) {
    options.from_stage = config.StageIndex(flags.from);
    if (options.from_stage < 0) {
      ThrowUsage("--from " + flags.from + " is not a stage of this funnel",
                 "stages: " + fmt::format("{}", fmt::join(config.stages, ", ")));
    }
  }
  if (flags.window > 0) options.window_days = flags.window;
  WriteOutput(FunnelSql(config, options, as_of, policy, script), flags.report.output);
}

}  // namespace

void SetSqlCommand(CLI::App& app) {
  auto flags = std::make_shared<SqlFlags>();
  CLI::App* cmd = app.add_subcommand(
      "sql",
      "Print a report as one SQL script over the tables of `baton export`, for DuckDB, "
      "PostgreSQL, Spark, Trino, BigQuery or Snowflake");
  cmd->add_option("report", flags->what, "the report to compute: funnel, cost or sla");
  cmd->add_option("--dialect,-d", flags->dialect,
                  "the engine: " + SqlDialectNames() + " (default duckdb)");
  cmd->add_flag("--tables", flags->tables,
                "print the statements that create (or declare) the exported tables");
  cmd->add_option("--location", flags->location,
                  "--tables: where the exported tables are (a directory, bucket prefix or stage; "
                  "default .)");
  cmd->add_flag("--gzip,-z", flags->gzip, "--tables: the tables are NAME.csv.gz");
  cmd->add_flag("--parts", flags->parts,
                "--tables: each table is a folder of parts, NAME/*.csv[.gz] (baton export --part)");
  cmd->add_option("--schema", flags->schema,
                  "qualify the exported tables with a schema or dataset: SCHEMA.people");
  cmd->add_option("--merge-rounds", flags->merge_rounds,
                  "rounds of the identity merge before its fixed-point check (default 8)")
      ->check(CLI::Range(1, 64));
  cmd->add_option("--config,-c", flags->in.config,
                  "baton.toml to use (default: $BATON_CONFIG, ./baton.toml)");
  cmd->add_option("--output,-o", flags->report.output, "write the script to FILE (atomically)");
  cmd->add_option("--as-of", flags->report.as_of,
                  "judge the data at this moment: a date or timestamp (default: now)");
  cmd->add_option("--tz", flags->report.tz, "report time zone, an IANA name (default: config tz)");
  cmd->add_option("--period,-p", flags->report.period,
                  "YYYY, YYYY-MM, YYYY-Qn, YYYY-Www, last-Nd, this-month, … (as for funnel)");
  cmd->add_option("--since", flags->report.since, "period start, a date or timestamp (inclusive)");
  cmd->add_option("--until", flags->report.until, "period end, a date or timestamp (exclusive)");
  cmd->add_option("--skipped", flags->report.skipped,
                  "skipped-stage policy: infer or strict (default: config, infer)");
  cmd->add_option("--basis", flags->basis,
                  "funnel: cohort (default) or period; cost: period (default) or cohort");
  cmd->add_option("--attribution", flags->attribution,
                  "cost: first (first touch, the only model generated yet)");
  cmd->add_option("--from", flags->from, "funnel: the cohort's entry stage");
  cmd->add_option("--window", flags->window, "funnel: count a stage only within D days of entry")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--by", flags->report.by,
                  "cost: campaign, sla: owner (their rows); other keys are not generated yet");
  cmd->callback([flags, cmd] {
    // The options as given, for the script's header comment.
    flags->command_line.clear();
    for (const auto* option : cmd->get_options()) {
      if (option->count() == 0 || option->get_name() == "--help") continue;
      const std::string name = option->get_name(false, true);
      const auto& results = option->results();
      if (name == "report") continue;
      flags->command_line +=
          (flags->command_line.empty() ? "" : " ") +
          std::string(option->get_lnames().empty() ? name : "--" + option->get_lnames().front());
      if (option->get_expected_max() == 0) continue;  // a flag: its name says it all
      for (const auto& value : results) flags->command_line += " " + value;
    }
    RunSql(*flags);
  });
}

}  // namespace baton::cli
