// `baton export`: the inputs' canonical records as tables for a SQL engine
// (export.h). Reads like every report (config, layouts, rejects), builds no model.
#include <date/date.h>
#include <fmt/format.h>

#include <filesystem>
#include <memory>

#include "baton/error.h"
#include "baton/export.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace baton::cli {
namespace {
namespace fs = std::filesystem;

struct ExportFlags {
  InputOptions in;
  ReportOptions report;
  std::string out;
  bool gzip = false;
  std::string part;
  std::string calendar = "2015..2030";
};

// --calendar FROM..TO: years (2015..2030) or dates; the local days of the span.
std::pair<std::int64_t, std::int64_t> CalendarSpan(const std::string& text) {
  const auto dots = text.find("..");
  auto day = [&](const std::string& part, bool end) -> std::int64_t {
    int y = 0, m = 0, d = 0;
    char tail = 0;
    if (std::sscanf(part.c_str(), "%d-%d-%d%c", &y, &m, &d, &tail) == 3 && y >= 1970 && y <= 9999 &&
        m >= 1 && m <= 12 && d >= 1 &&
        date::year_month_day{date::year{y}, date::month{static_cast<unsigned>(m)},
                             date::day{static_cast<unsigned>(d)}}
            .ok()) {
      return CivilDay(y, m, d);
    }
    if (std::sscanf(part.c_str(), "%d%c", &y, &tail) == 1 && y >= 1970 && y <= 9999) {
      return end ? CivilDay(y, 12, 31) : CivilDay(y, 1, 1);
    }
    ThrowUsage("--calendar " + text + ": " + part + " is not a year or a YYYY-MM-DD date",
               "use FROM..TO, e.g. 2020..2026 or 2024-01-01..2024-12-31");
  };
  // One year or day alone is a span of its own.
  const std::string from = text.substr(0, dots);
  const std::string to = dots == std::string::npos ? from : text.substr(dots + 2);
  auto first = day(from, false), last = day(to, true);
  if (last < first) ThrowUsage("--calendar " + text + " ends before it starts");
  if (last - first > std::int64_t{366} * 100)
    ThrowUsage("--calendar " + text + " spans more than 100 years");
  return {first, last};
}

void RunExport(const ExportFlags& flags) {
  if (flags.out.empty()) ThrowUsage("--out DIR is required", "name the directory for the tables");
  const auto [first_day, last_day] = CalendarSpan(flags.calendar);
  std::unique_ptr<TableExport> sink;
  ExportOptions options;
  options.directory = flags.out;
  options.gzip = flags.gzip;
  options.part = flags.part;
  if (!flags.part.empty() &&
      (flags.part.find_first_not_of(
           "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") !=
           std::string::npos ||
       flags.part.front() == '.')) {
    ThrowUsage("--part " + flags.part + " is not a plain file name",
               "use letters, digits, '.', '_' and '-', e.g. --part leads-2024");
  }
  options.calendar_first_day = first_day;
  options.calendar_last_day = last_day;
  options.baton_version = BATON_VERSION;
  options.config_hash = DefinitionsHashOf(flags.in);
  Config config;
  auto check = [&](const Config& c) {
    config = c;
    // Never a table over an input: the tables' directory holds no input.
    std::error_code ec;
    const fs::path out = fs::weakly_canonical(flags.out, ec);
    for (const auto& file : flags.in.files) {
      const fs::path in = fs::weakly_canonical(file, ec);
      if (!ec && (in == out || in.parent_path() == out)) {
        ThrowUsage(flags.out + " holds the inputs: baton never writes among its inputs",
                   "give --out a directory of its own");
      }
    }
  };
  auto make = [&]() -> RecordSink* {
    sink = std::make_unique<TableExport>(config, options);
    return sink.get();
  };
  ReportOptions report = flags.report;
  report.touches = false;
  Loaded loaded = Load(flags.in, report, check, make);
  ExportCounts counts = sink->Finish();
  std::string parts;
  for (const auto& [table, rows] : counts.rows) {
    if (rows > 0 && table != "manifest")
      parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", rows, table);
  }
  Warn(fmt::format("baton: exported {} to {} ({} file{} read, {} rejected)",
                   parts.empty() ? "nothing" : parts, flags.out, loaded.stats.size(),
                   loaded.stats.size() == 1 ? "" : "s", loaded.rejected));
}

}  // namespace

void SetExportCommand(CLI::App& app) {
  auto flags = std::make_shared<ExportFlags>();
  CLI::App* cmd = app.add_subcommand(
      "export",
      "Write the inputs' records as canonical tables (UTF-8 CSV, UTC times) for a SQL engine: "
      "the tables `baton sql` scripts read");
  AddInputOptions(*cmd, flags->in);
  cmd->add_option("--out,-O", flags->out, "directory for the tables (created if missing)")
      ->required();
  cmd->add_flag("--gzip,-z", flags->gzip, "write NAME.csv.gz instead of NAME.csv");
  cmd->add_option("--part", flags->part,
                  "one part of an export made on several machines: each table goes to its own "
                  "folder, TABLE/PART.csv, so the parts gather under one directory or prefix");
  cmd->add_option("--calendar", flags->calendar,
                  "the span of the business-calendar table: FROM..TO (or one), years or dates "
                  "(default 2015..2030)");
  cmd->add_option("--rejects", flags->report.rejects,
                  "write rejected rows (file, line, column, reason) to FILE");
  cmd->add_flag("--strict", flags->report.strict, "fail with exit code 3 when any row is rejected");
  cmd->add_flag("--allow-empty", flags->report.allow_empty,
                "warn instead of failing (exit 3) when an input yields no usable row");
  cmd->callback([flags] { RunExport(*flags); });
}

}  // namespace baton::cli
