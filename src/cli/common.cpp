// Shared subcommand plumbing (see common.h).
#include "cli/common.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include "base/encoding_names.h"
#include "baton/error.h"
#include "baton/export.h"
#include "baton/sla.h"

namespace baton::cli {
namespace fs = std::filesystem;

void AddInputOptions(CLI::App& app, InputOptions& o) {
  app.add_option("files", o.files,
                 "CSV exports to read (a directory means its *.csv and *.tsv files, also "
                 "gzipped, skipping any it does not recognise; - is standard input)");
  app.add_option("--input,-i", o.inputs,
                 "a file with its system and kind forced: SYSTEM:KIND=FILE or KIND=FILE");
  app.add_option("--config,-c", o.config,
                 "baton.toml to use (default: $BATON_CONFIG, ./baton.toml, DIR/baton.toml)");
  app.add_option("--encoding", o.encoding,
                 "input encoding: auto, utf-8, utf-16le, utf-16be, cp1252, latin1");
  app.add_option("--delimiter", o.delimiter, "input delimiter: , ; tab | (default: detect)");
  app.add_option("--threads,-j", o.threads,
                 "reading threads: 1 reads and computes on one core; N reads large files in "
                 "parts on N cores while another builds the model, with the same answer "
                 "(default: 2 with two or more cores)")
      ->check(CLI::Range(1, 64));
}

void AddReportOptions(CLI::App& app, ReportOptions& o, bool breakdown) {
  app.add_option("--format,-f", o.format, "table (default), csv, tsv, json, ndjson, md, html")
      ->check(CLI::IsMember({"table", "csv", "tsv", "json", "ndjson", "md", "markdown", "html"}));
  app.add_option("--output,-o", o.output,
                 "write the report to FILE (atomically); without --format, its extension "
                 "(.csv .tsv .json .ndjson .md .html) chooses the format");
  app.add_option("--rejects", o.rejects,
                 "write rejected rows (file, line, column, reason) to FILE");
  app.add_flag("--strict", o.strict, "fail with exit code 3 when any row is rejected");
  app.add_flag("--allow-empty", o.allow_empty,
               "warn instead of failing (exit 3) when an input yields no usable row, or no "
               "input is recognised");
  app.add_flag("--no-sanitize", o.no_sanitize, "do not prefix CSV/TSV cells starting with = + - @");
  app.add_option("--as-of", o.as_of,
                 "judge the data at this moment: a date or timestamp (default: now)");
  app.add_option("--tz", o.tz, "report time zone, an IANA name (default: config tz, UTC)");
  app.add_option("--period,-p", o.period,
                 "today, yesterday, this-week, last-week, this-month, last-month, this-quarter, "
                 "last-quarter, YYYY, YYYY-MM, YYYY-Qn, YYYY-Www, last-Nd");
  app.add_option("--since", o.since, "period start, a date or timestamp (inclusive)");
  app.add_option("--until", o.until, "period end, a date or timestamp (exclusive)");
  app.add_option("--skipped", o.skipped,
                 "skipped-stage policy: infer (earlier stages take the next known time) or "
                 "strict (missing stays missing); default: config, infer");
  if (!breakdown) return;
  app.add_option("--by", o.by,
                 "break down by KEY[,KEY…]: source, campaign, owner, a mapped dimension, "
                 "day, week, month, quarter");
}

void AddColumnsOption(CLI::App& app, ReportOptions& o, std::string_view names) {
  app.add_option(
         "--columns,--select", o.columns,
         "keep only these output columns, in this order, in every format: " + std::string(names))
      ->type_name("COL[,COL...]");
}

namespace {

// --threads: the default is the 2-core machine's best (two readers and the model).
int ReadThreads(int requested) {
  if (requested > 0) return requested;
  return std::thread::hardware_concurrency() >= 2 ? 2 : 1;
}

// std::filesystem checks that never throw: a path that cannot be examined (too
// long, no permission) reads as absent, and opening it later names the reason.
bool IsFile(const fs::path& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

bool IsDirectory(const fs::path& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

}  // namespace

std::string DiscoverConfigPath(const InputOptions& o) {
  if (!o.config.empty()) return o.config;
  if (const char* env = std::getenv("BATON_CONFIG"); env && *env) return env;
  if (IsFile("baton.toml")) return "baton.toml";
  if (o.files.size() == 1 && IsDirectory(o.files[0])) {
    fs::path candidate = fs::path(o.files[0]) / "baton.toml";
    if (IsFile(candidate)) return candidate.string();
  }
  return {};
}

Config DiscoverConfig(const InputOptions& o) {
  const std::string path = DiscoverConfigPath(o);
  return path.empty() ? DefaultConfig() : LoadConfig(path);
}

std::string DefinitionsHashOf(const InputOptions& o) {
  std::string text(BuiltinConfigText());
  if (const std::string path = DiscoverConfigPath(o); !path.empty()) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream user;
    user << file.rdbuf();
    text += '\n';
    text += user.str();
  }
  return DefinitionsHash(text, BATON_VERSION);
}

std::vector<InputSpec> CollectInputs(const InputOptions& o, const Config& config) {
  std::vector<InputSpec> specs;
  for (const auto& file : o.files) {
    if (file != "-" && IsDirectory(file)) {
      std::vector<std::string> found;
      std::error_code ec;
      for (fs::directory_iterator it(file, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        std::string plain = name.ends_with(".gz") ? name.substr(0, name.size() - 3) : name;
        bool csv = plain.ends_with(".csv") || plain.ends_with(".tsv");
        // A dangling link is kept: opening it then names the missing export.
        std::error_code link_ec;
        if (csv && (IsFile(it->path()) || fs::is_symlink(it->symlink_status(link_ec)))) {
          found.push_back(it->path().string());
        }
      }
      if (ec) {
        throw Error(ExitCode::kData, {file, 0, 0}, "cannot list the directory: " + ec.message(),
                    "check the path and its permissions");
      }
      std::sort(found.begin(), found.end());
      if (found.empty()) {
        throw Error(ExitCode::kData, {file, 0, 0}, "the directory holds no .csv or .tsv files",
                    "give the export files themselves");
      }
      for (auto& f : found) specs.push_back(InputSpec{std::move(f), {}, {}, true});
    } else {
      specs.push_back(InputSpec{file, {}, {}});
    }
  }
  for (const auto& text : o.inputs) specs.push_back(ParseInputSpec(text));
  if (specs.empty()) {
    fs::path base = config.origin.find('/') != std::string::npos
                        ? fs::path(config.origin).parent_path()
                        : fs::path();
    for (const auto& rule : config.files) {
      if (rule.path.empty()) continue;
      fs::path p(rule.path);
      specs.push_back(InputSpec{(p.is_absolute() ? p : base / p).string(), {}, {}});
    }
  }
  if (specs.empty()) {
    ThrowUsage("no input files",
               "give CSV exports (or a directory) as arguments, or list them "
               "as [[file]] path = \"…\" in baton.toml");
  }
  return specs;
}

char ParseDelimiter(const std::string& text) {
  if (text.empty()) return 0;
  if (text == "tab" || text == "\\t" || text == "\t") return '\t';
  if (text.size() == 1 && (text == "," || text == ";" || text == "|")) return text[0];
  ThrowUsage("--delimiter " + text + " is not supported", "use , ; tab or |");
}

namespace {

// The temporary file of an -o write in progress, removed if a signal ends the run
// (SPEC 5: an interrupted run leaves no partial file, not even a temporary one).
char g_temp_path[4096];

extern "C" void RemoveTempAndDie(int signal) {
  if (g_temp_path[0]) ::unlink(g_temp_path);
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

// Installs the handlers for the life of one write.
class TempFileGuard {
 public:
  explicit TempFileGuard(const std::string& temp) {
    std::snprintf(g_temp_path, sizeof g_temp_path, "%s", temp.c_str());
    for (int s : {SIGINT, SIGTERM, SIGHUP}) std::signal(s, RemoveTempAndDie);
  }
  ~TempFileGuard() {
    for (int s : {SIGINT, SIGTERM, SIGHUP}) std::signal(s, SIG_DFL);
    g_temp_path[0] = '\0';
  }
  TempFileGuard(const TempFileGuard&) = delete;
  TempFileGuard& operator=(const TempFileGuard&) = delete;
};

bool SameFile(const std::string& a, const std::string& b) {
  std::error_code ec;
  return fs::equivalent(a, b, ec);
}

// SPEC 1.4: baton never modifies its inputs, and two outputs never share a file.
void CheckOutputs(const ReportOptions& report, const std::vector<InputSpec>& inputs) {
  for (const std::string* out : {&report.output, &report.rejects}) {
    if (out->empty() || *out == "-") continue;
    for (const auto& input : inputs) {
      if (input.path != "-" && SameFile(*out, input.path)) {
        ThrowUsage(*out + " is also an input: baton never writes over its inputs",
                   "write the report or the rejects to another file");
      }
    }
  }
  if (!report.output.empty() && report.output != "-" && report.output == report.rejects) {
    ThrowUsage("--output and --rejects name the same file " + report.output,
               "give the rejects their own file");
  }
  if (!report.output.empty() && !report.rejects.empty() &&
      SameFile(report.output, report.rejects)) {
    ThrowUsage("--output and --rejects name the same file", "give the rejects their own file");
  }
}

}  // namespace

Instant Now() {
  using std::chrono::system_clock;
  return std::chrono::duration_cast<std::chrono::seconds>(system_clock::now().time_since_epoch())
      .count();
}

// A progress line on a terminal's stderr for long reads: after a second on one
// file, its bytes and rows with their rates, redrawn at most four times a second
// and erased when the file is done. Never written when stderr is not a terminal.
std::function<void(const ReadProgress&)> ProgressLine() {
  using Clock = std::chrono::steady_clock;
  struct State {
    const std::string* file = nullptr;
    Clock::time_point start, last;
    bool shown = false;
  };
  auto state = std::make_shared<State>();
  return [state](const ReadProgress& p) {
    const auto now = Clock::now();
    if (p.file != state->file) {
      *state = State{p.file, now, now, false};
    }
    if (p.done) {
      if (state->shown) std::fputs("\r\x1b[K", stderr);
      state->file = nullptr;
      return;
    }
    const double seconds = std::chrono::duration<double>(now - state->start).count();
    if (seconds < 1 || now - state->last < std::chrono::milliseconds(250)) return;
    state->last = now;
    state->shown = true;
    std::fprintf(
        stderr, "\r\x1b[Kbaton: reading %s: %.0f MB, %.2f M rows (%.0f MB/s, %.2f M rows/s)",
        p.file->c_str(), static_cast<double>(p.bytes) / 1e6, static_cast<double>(p.rows) / 1e6,
        static_cast<double>(p.bytes) / 1e6 / seconds, static_cast<double>(p.rows) / 1e6 / seconds);
    std::fflush(stderr);
  };
}

Loaded Load(const InputOptions& in, const ReportOptions& report,
            const std::function<void(const Config&)>& check,
            const std::function<RecordSink*()>& sink) {
  Loaded loaded;
  loaded.config = DiscoverConfig(in);
  if (!report.tz.empty()) loaded.config.tz = report.tz;
  if (report.skipped == "infer" || report.skipped == "strict") {
    loaded.config.skipped =
        report.skipped == "infer" ? SkippedPolicy::kInfer : SkippedPolicy::kStrict;
  } else if (!report.skipped.empty()) {
    ThrowUsage("--skipped " + report.skipped + " is not a policy", "use infer or strict");
  }
  loaded.tz = FindZone(loaded.config.tz);
  loaded.as_of = ParseAsOf(report.as_of, loaded.tz, Now());
  loaded.period = ResolvePeriod(report.period, report.since, report.until, loaded.tz, loaded.as_of);
  if (!in.encoding.empty()) CheckEncodingName(in.encoding);
  if (check) check(loaded.config);
  ReadOverrides overrides{in.encoding, ParseDelimiter(in.delimiter), {}};
  overrides.data_quality = report.data_quality;
  overrides.threads = ReadThreads(in.threads);
  if (isatty(STDERR_FILENO)) overrides.progress = ProgressLine();
  std::vector<InputSpec> inputs = CollectInputs(in, loaded.config);
  CheckOutputs(report, inputs);

  // --rejects: a CSV rendered like every report (quoting, formula guard).
  Table rejects;
  rejects.report = "rejects";
  rejects.columns = rejects.headings = {"file", "line", "column", "reason", "detail"};
  auto on_reject = [&](const Reject& r) {
    if (report.rejects.empty()) return;
    rejects.AddRow({Cell::Text(r.file), Cell::Count(r.line),
                    r.column ? Cell::Count(r.column) : Cell::Blank(), Cell::Text(r.reason),
                    Cell::Text(r.detail)});
  };
  RunNeeds needs;
  needs.data_quality = report.data_quality;
  needs.sla = report.touches;
  needs.labels = report.labels;
  if (sink) {
    // The records go elsewhere (export): no model is built.
    auto count = [&](const Reject& r) {
      ++loaded.rejected;
      on_reject(r);
    };
    loaded.stats =
        ReadInputs(ExpandInputs(inputs, loaded.config), loaded.config, overrides, *sink(), count);
  } else {
    RunResult run = ReadRun(inputs, loaded.config, overrides, loaded.as_of, needs, on_reject);
    loaded.model = std::move(run.model);
    loaded.stats = std::move(run.stats);
    loaded.rejected = run.rejected;
  }
  if (!report.rejects.empty()) {
    RenderOptions csv;
    csv.sanitize = !report.no_sanitize;
    WriteOutput(Render(rejects, Format::kCsv, csv), report.rejects);
  }
  for (const auto& s : loaded.stats) {
    if (!s.skipped.empty() && report.reject_summary) {
      Warn(fmt::format("baton: skipped {}: {}", s.name, s.skipped));
    }
  }
  if (loaded.rejected > 0 && (report.reject_summary || report.strict)) {
    std::string parts;
    for (const auto& s : loaded.stats) {
      if (s.rejected.empty()) continue;
      parts += (parts.empty() ? "" : "; ") + s.name + ":";
      const char* sep = " ";
      for (const auto& [reason, seen] : s.rejected) {
        parts += fmt::format("{}{} {}", sep, seen.count, reason);
        sep = ", ";
      }
    }
    std::string hint = report.rejects.empty() ? "; list them with --rejects FILE"
                                              : "; listed in " + report.rejects;
    Warn(fmt::format("baton: {} row{} rejected ({}){}", loaded.rejected,
                     loaded.rejected == 1 ? "" : "s", parts, hint));
    if (report.strict) {
      throw Error(ExitCode::kData, {}, "rows were rejected and --strict is set",
                  "fix the rows listed by --rejects, or drop --strict");
    }
  }
  // SPEC 1.4, 5: a run that could use nothing never exits 0.
  loaded.empty_input = EmptyInputError(loaded.stats);
  if (loaded.empty_input && report.allow_empty) {
    Warn(std::string("baton: warning: ") + loaded.empty_input->what());
    loaded.empty_input.reset();
  }
  if (loaded.empty_input && !report.defer_empty) throw *loaded.empty_input;
  return loaded;
}

namespace {

// The footer facts every report carries (period, as-of, tz, policy, config, inputs).
void AddFacts(Table& table, const Loaded& loaded) {
  table.meta.emplace_back("period", loaded.period.label);
  table.meta.emplace_back("as_of", FormatUtc(loaded.as_of));
  table.meta.emplace_back("tz", ZoneName(loaded.tz));
  table.meta.emplace_back("skipped_stages",
                          loaded.model.policy == SkippedPolicy::kInfer ? "infer" : "strict");
  table.meta.emplace_back("config", loaded.config.origin);
  std::int64_t rows = 0;
  std::size_t read = 0;
  for (const auto& s : loaded.stats) {
    rows += s.rows;
    read += s.skipped.empty();
    InputFact in;
    in.path = s.name;
    if (s.skipped.empty()) {  // a skipped file has no system, kind or layout
      in.system = s.system;
      in.kind = std::string(KindName(s.kind));
      in.layout = s.layout;
    }
    in.skipped = s.skipped;
    in.rows = s.rows;
    in.used = s.used;
    for (const auto& [reason, n] : s.ignored) in.ignored += n;
    for (const auto& [reason, seen] : s.rejected) {
      in.rejected += seen.count;
      in.rejected_by_reason.emplace_back(reason, seen.count);
    }
    table.inputs.push_back(std::move(in));
  }
  auto plural = [](std::size_t n, const char* one, const char* many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
  };
  std::string dates;  // SPEC 1.3: a day/month order decided from the values is said
  for (const auto& s : loaded.stats) {
    if (s.date_order) dates += (dates.empty() ? "" : "; ") + s.name + ": " + s.date_order->Text();
  }
  if (!dates.empty()) table.meta.emplace_back("dates", dates);
  table.meta.emplace_back(
      "inputs", fmt::format("{}{}, {}, {} rejected, {}", plural(read, "file", "files"),
                            read < loaded.stats.size()
                                ? fmt::format(" ({} skipped)", loaded.stats.size() - read)
                                : std::string(),
                            plural(static_cast<std::size_t>(rows), "row", "rows"), loaded.rejected,
                            plural(loaded.model.people.size(), "person", "people")));
}

RenderOptions OptionsFor(Format format, const Loaded& loaded, const ReportOptions& report) {
  RenderOptions options;
  options.tz = loaded.tz;
  options.sanitize = !report.no_sanitize;
  options.color = format == Format::kTable && report.output.empty() && isatty(STDOUT_FILENO) &&
                  !(std::getenv("NO_COLOR") && *std::getenv("NO_COLOR"));
  return options;
}

}  // namespace

std::string FormatForPath(const std::string& path) {
  static constexpr std::pair<std::string_view, std::string_view> kExtensions[] = {
      {".csv", "csv"},       {".tsv", "tsv"},      {".tab", "tsv"},  {".json", "json"},
      {".ndjson", "ndjson"}, {".jsonl", "ndjson"}, {".md", "md"},    {".markdown", "md"},
      {".html", "html"},     {".htm", "html"},     {".txt", "table"}};
  std::string name = path;
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& [extension, format] : kExtensions) {
    if (name.size() > extension.size() && name.ends_with(extension)) return std::string(format);
  }
  return {};
}

Format FormatOf(const ReportOptions& report) {
  // -o week.csv with no --format writes CSV; an explicit --format wins, with a
  // warning when the file name says another (the option's IsMember check admits
  // only known names).
  const std::string by_name = report.output.empty() ? "" : FormatForPath(report.output);
  if (report.format.empty()) return *ParseFormat(by_name.empty() ? "table" : by_name);
  if (!by_name.empty() && by_name != report.format) {
    Warn(fmt::format("baton: warning: writing {} to {}, whose name says {} (--format wins)",
                     report.format, report.output, by_name));
  }
  return *ParseFormat(report.format);
}

void Emit(Table table, const Loaded& loaded, const ReportOptions& report) {
  if (!report.columns.empty()) {
    std::vector<std::string> names;
    for (auto name : SplitList(report.columns)) names.emplace_back(name);
    if (names.empty()) ThrowUsage("--columns is empty", "name at least one column");
    if (auto unknown = SelectColumns(table, names)) {
      const std::string near = NearestName(*unknown, table.columns);
      ThrowUsage(fmt::format("--columns: the {} report has no column {}{}", table.report, *unknown,
                             near.empty() ? "" : "; did you mean " + near + "?"),
                 fmt::format("its columns here: {}", fmt::join(table.columns, ",")));
    }
  }
  AddFacts(table, loaded);
  const Format format = FormatOf(report);
  WriteOutput(Render(table, format, OptionsFor(format, loaded, report)), report.output);
}

void EmitSections(const std::vector<Section>& sections, Table facts, const Loaded& loaded,
                  const ReportOptions& report) {
  AddFacts(facts, loaded);
  const Format format = FormatOf(report);
  WriteOutput(RenderSections(sections, facts, format, OptionsFor(format, loaded, report)),
              report.output);
}

std::string NearestName(std::string_view typed, const std::vector<std::string>& candidates) {
  // Optimal string alignment distance: insertions, deletions, substitutions and
  // adjacent transpositions each cost one.
  auto distance = [](std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      for (std::size_t j = 1; j <= b.size(); ++j) {
        const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
        d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
          d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.size()][b.size()];
  };
  std::string best;
  std::size_t best_distance = 0;
  for (const auto& candidate : candidates) {
    const std::size_t dist = distance(typed, candidate);
    if (best.empty() || dist < best_distance) {
      best = candidate;
      best_distance = dist;
    }
  }
  // Near enough: a third of the word, at least one edit, at most three.
  const std::size_t limit = std::clamp<std::size_t>(typed.size() / 3, 1, 3);
  return best_distance <= limit ? best : std::string();
}

void Warn(const std::string& line) {
  std::string text = line + "\n";
  if (std::fwrite(text.data(), 1, text.size(), stderr) != text.size()) return;  // nowhere to say it
  std::fflush(stderr);
}

void WriteOutput(const std::string& text, const std::string& path) {
  if (path.empty() || path == "-") {
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout)) {
      if (errno == EPIPE) std::_Exit(0);  // `baton … | head` is not an error
      throw Error(ExitCode::kInternal, {"<stdout>", 0, 0},
                  std::string("cannot write the report: ") + std::strerror(errno));
    }
    return;
  }
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    ThrowUsage(path + " is a directory", "give -o a file name, e.g. " + path + "/report.txt");
  }
  auto status = fs::symlink_status(path, ec);
  if (!ec && fs::exists(status) && !fs::is_regular_file(status)) {
    // A symlink, a device or a pipe (/dev/stdout, a FIFO): write through it in
    // place; replacing it would break the link or the device.
    std::FILE* f = std::fopen(path.c_str(), "w");
    bool ok = f && std::fwrite(text.data(), 1, text.size(), f) == text.size();
    if (!f || std::fclose(f) != 0 || !ok) {
      throw Error(ExitCode::kInternal, {path, 0, 0},
                  std::string("cannot write: ") + std::strerror(errno));
    }
    return;
  }
  std::string temp = path + ".tmp.XXXXXX";
  int fd = mkstemp(temp.data());
  if (fd < 0) {
    throw Error(errno == ENOENT || errno == EACCES || errno == ENOTDIR ? ExitCode::kUsage
                                                                       : ExitCode::kInternal,
                {path, 0, 0}, std::string("cannot create the output file: ") + std::strerror(errno),
                "check that the directory exists and is writable");
  }
  TempFileGuard guard(temp);
  // mkstemp creates 0600; a report gets the mode any new file would (0666 & ~umask).
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      throw Error(ExitCode::kInternal, {path, 0, 0},
                  std::string("cannot write the output file: ") + std::strerror(err),
                  "is the disk full?");
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0 || std::rename(temp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    throw Error(ExitCode::kInternal, {path, 0, 0},
                std::string("cannot finish the output file: ") + std::strerror(err));
  }
}

}  // namespace baton::cli
