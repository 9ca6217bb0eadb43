// What every report subcommand shares: input and report options, config
// discovery, loading the model, printing rejects, and writing the output (atomic
// -o, quiet on a closed pipe). CLI11 lives only in src/cli.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "baton/config.h"
#include "baton/inputs.h"
#include "baton/model.h"
#include "baton/period.h"
#include "baton/run.h"
#include "baton/table.h"

namespace baton::cli {

struct InputOptions {
  std::vector<std::string> files;   // positional: files or directories
  std::vector<std::string> inputs;  // --input SYSTEM:KIND=FILE
  std::string config;
  std::string encoding;
  std::string delimiter;
  int threads = 0;  // --threads; 0 = as many as the machine has, at most 2
};

struct ReportOptions {
  std::string format;
  std::string output;
  std::string rejects;
  bool strict = false;
  bool allow_empty = false;  // --allow-empty: an input that yields nothing is a warning
  bool no_sanitize = false;
  std::string as_of = "now";
  std::string tz;
  std::string period, since, until;
  std::string by;
  std::string skipped;
  std::string columns;  // --columns: COL[,COL…], machine names
  // Not an option: false for reports that list rejected rows and skipped files
  // themselves (summary), so that a successful run writes nothing on stderr.
  bool reject_summary = true;
  // Not an option: true for the reports of data quality, `check` and `summary`
  // (duplicate ids, orphan activities; see ReadOverrides::data_quality).
  bool data_quality = false;
  // Not an option: true for `check`, which prints its report before failing on an
  // input that yields nothing (Loaded::empty_input), so the report says why.
  bool defer_empty = false;
  // Not an option: false for reports that judge no [[sla]] rule (funnel, cost,
  // check), so that the model does not keep every sales touch.
  bool touches = true;
  // Not an option: false for reports that show no person by email or id (funnel,
  // cost, plan, scores), so that the identity map keeps no key text.
  bool labels = true;
};

void AddInputOptions(CLI::App& app, InputOptions& options);
// `breakdown`: the report takes --by (summary and check have fixed tables, so an
// option that would do nothing there is refused as unknown).
void AddReportOptions(CLI::App& app, ReportOptions& options, bool breakdown = true);
// --columns (--select) for a report of one table; `names` lists its columns for --help.
void AddColumnsOption(CLI::App& app, ReportOptions& options, std::string_view names);

// The config a run uses: --config, else $BATON_CONFIG, else ./baton.toml, else
// baton.toml inside the one directory given as input, else the built-in defaults.
Config DiscoverConfig(const InputOptions& options);
// The file DiscoverConfig loads: -c, $BATON_CONFIG, ./baton.toml, DIR/baton.toml;
// "" for the built-in defaults.
std::string DiscoverConfigPath(const InputOptions& options);

// The hash of the definitions a run uses (export.h DefinitionsHash): the built-in
// defaults, the config file DiscoverConfigPath finds, and the baton version.
std::string DefinitionsHashOf(const InputOptions& options);

// The input list: positional files (a directory means its *.csv and *.csv.gz,
// sorted), --input specs, else the config's [[file]] path entries.
std::vector<InputSpec> CollectInputs(const InputOptions& options, const Config& config);

// The wall clock, for --as-of now.
Instant Now();

// --delimiter text → the character (0 = detect). Throws Error(kUsage).
char ParseDelimiter(const std::string& text);

// Everything a report needs, loaded once.
struct Loaded {
  Config config;
  Zone tz = nullptr;
  Instant as_of = 0;
  Period period;
  Model model;
  std::vector<FileStats> stats;
  std::int64_t rejected = 0;
  // SPEC 1.4, 5: why the run could use nothing (EmptyInputError), when that is so.
  std::optional<Error> empty_input;
};

// Loads config, inputs and model (ReadRun); writes --rejects; prints the one-line
// reject summary on stderr. An input that yields no usable row (or no recognised
// input) throws its Error(kData), exit 3, unless --allow-empty (then a warning) or
// defer_empty (the caller throws Loaded::empty_input after its report). `check` runs on the config
// before any input is read, so a flag the config contradicts (--by, --from, --rule) fails before a
// long read; it may also set the `touches` of the options passed (scores needs sales touches
// only for a guard rule that ends at the first touch). Throws Error(kData) under --strict when rows
// were rejected.
// With `sink`, the records go to the sink it returns (called after `check`) and no
// model is built (export).
Loaded Load(const InputOptions& in, const ReportOptions& report,
            const std::function<void(const Config&)>& check = {},
            const std::function<RecordSink*()>& sink = {});

// Renders and writes a table (stdout or atomic -o). The footer facts shared by
// every report (period, as-of, tz, policy, config, people, rejects) are appended.
void Emit(Table table, const Loaded& loaded, const ReportOptions& report);

// The same for a report of several tables; `facts` names the report and carries its
// own meta and notes.
void EmitSections(const std::vector<Section>& sections, Table facts, const Loaded& loaded,
                  const ReportOptions& report);

// --format as a Format (table when not given).
Format FormatOf(const ReportOptions& report);
// The format a file name asks for by its extension ("csv" for week.csv, "ndjson"
// for .ndjson or .jsonl, …), or "" when it names none.
std::string FormatForPath(const std::string& path);
// The name among `candidates` nearest to `typed` (edit distance, a transposition
// counting one), when it is near enough to be a typo; else "".
std::string NearestName(std::string_view typed, const std::vector<std::string>& candidates);

// Writes one message line to stderr. Never throws: a stderr that cannot be written
// (a full disk, a closed descriptor) must not turn an exit code into a crash.
void Warn(const std::string& line);

// Writes text to stdout, or atomically to `path` (temp file + rename). Exits 0
// quietly when stdout is a closed pipe; throws Error(kInternal) when the write fails.
void WriteOutput(const std::string& text, const std::string& path);

}  // namespace baton::cli
