// ReadInputs: each file → layout (fingerprint or [[file]] rule) → column map →
// per-row parsing into canonical records. A row with a value that cannot be
// parsed is rejected with file, line, column and reason; it never throws.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "baton/error.h"
#include "baton/inputs.h"
#include "baton/values.h"
#include "csv/csv.h"
#include "ingest/fingerprints.h"
#include "ingest/pipeline.h"
#include "ingest/row_mapper.h"

namespace baton {
namespace {

FileSetup Resolve(const InputSpec& input, const Config& config, const ReadOverrides& overrides) {
  FileSetup setup;
  setup.values.tz = FindZone(config.tz);
  std::vector<const FileRule*> rules = config.RulesFor(input.path);
  if (input.rule >= 0) rules = {&config.files[static_cast<std::size_t>(input.rule)]};
  setup.row_person = input.row_person;
  for (const FileRule* rule : rules) {
    if (!rule->system.empty()) setup.system = rule->system;
    if (rule->kind) setup.kind = rule->kind;
    if (rule->row_identity) setup.row_identity = true;
    if (rule->first_day) setup.spend_days = {*rule->first_day, *rule->last_day};
    if (rule->tz) setup.values.tz = FindZone(*rule->tz);
    if (rule->date_order) {
      setup.values.date_order = *rule->date_order;
      setup.date_order_set = true;
    }
    if (!rule->date_format.empty()) setup.date_format = rule->date_format;
    for (const auto& [k, v] : rule->date_formats) setup.date_formats[k] = v;
    if (rule->decimal) setup.values.decimal = *rule->decimal;
    if (rule->encoding) setup.csv.encoding = *rule->encoding;
    if (rule->delimiter) setup.csv.delimiter = *rule->delimiter;
    for (const auto& [k, v] : rule->columns) setup.columns[k] = v;
    for (const auto& [k, v] : rule->stage_dates) setup.stage_dates[k] = v;
    for (const auto& [k, v] : rule->dimensions) setup.dimensions[k] = v;
  }
  if (!input.system.empty()) setup.system = input.system;
  if (input.kind) setup.kind = input.kind;
  if (!overrides.encoding.empty()) setup.csv.encoding = overrides.encoding;
  if (overrides.delimiter) setup.csv.delimiter = overrides.delimiter;
  return setup;
}

// The first header cells, each cut to 40 bytes and to printable ASCII, for a message.
std::string HeaderPreview(const std::vector<std::string>& header) {
  std::string out;
  for (std::size_t i = 0; i < header.size() && i < 8; ++i) {
    std::string cell = header[i].substr(0, 40);
    for (char& c : cell) {
      if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) c = '?';
    }
    if (header[i].size() > 40) cell += "...";
    out += (i ? ", " : "") + cell;
  }
  if (header.size() > 8) out += ", … (" + std::to_string(header.size()) + " columns)";
  return out;
}

[[noreturn]] void Unrecognised(const TableReader& reader, const FileSetup& setup,
                               const Detection& detection) {
  const std::string& name = reader.display_name();
  if (detection.match && !detection.tied.empty()) {
    std::string both = std::string(detection.match->label);
    for (const auto* fp : detection.tied) both += " and " + std::string(fp->label);
    throw UnrecognisedInput({name, reader.header_line(), 0},
                            "the header matches more than one known layout: " + both,
                            "force one with --input SYSTEM:KIND=" + name +
                                " or a [[file]] table with system and kind in baton.toml",
                            reader.header());
  }
  std::string forced = setup.system.empty() ? "" : " for system '" + setup.system + "'";
  throw UnrecognisedInput(
      {name, reader.header_line(), 0},
      "not a recognised export" + forced + "; the header is: " + HeaderPreview(reader.header()),
      "say what it is with --input SYSTEM:KIND=" + name + " (kinds: " + KindNames() +
          ") and map its columns in a [[file]] table of baton.toml (see `baton init`)",
      reader.header());
}

// SPEC 1.3: the day/month order of a file's numeric dates ("03/04/2024"), when
// no [[file]] date_order gives it, is decided by its values: the first date
// with a part above 12 settles it. The file is read a second time for this,
// only as far as needed: to the first settling date, 1,000 rows when none of
// them holds a numeric date, 100,000 rows at most. A pipe cannot be read twice:
// month-first.
void DecideDateOrder(OpenedFile& f) {
  std::error_code error;
  if (f.setup.date_order_set || !f.setup.date_format.empty() ||
      !std::filesystem::is_regular_file(f.path, error)) {
    return;  // standard input, a pipe, <(…): cannot be read twice
  }
  CsvOptions csv = f.setup.csv;
  csv.delimiter = f.reader->delimiter();
  TableReader reader(f.path, csv, f.name);
  CsvRow row;
  std::int64_t rows = 0;
  std::string first_seen;
  while (reader.Next(row)) {
    ++rows;
    for (std::string_view cell : row.fields) {
      cell = Trim(cell);
      if (cell.size() < 8 || !(cell[1] == '/' || cell[2] == '/') || !IsNumericSlashDate(cell)) {
        continue;
      }
      if (auto order = SettledDateOrder(cell)) {
        f.setup.values.date_order = *order;
        f.stats.date_order = {*order, true, std::string(cell.substr(0, cell.find(' '))), row.line};
        return;
      }
      if (first_seen.empty() && ParseTimestamp(cell, f.setup.values)) first_seen = cell;
    }
    if ((first_seen.empty() && rows >= 1000) || rows >= 100000) break;
  }
  if (!first_seen.empty()) {
    f.stats.date_order = {DateOrder::kMdy, false, first_seen.substr(0, first_seen.find(' ')), 0};
  }
}

// Whether a layout's rows name their stages or types by ids a name table gives.
bool NeedsNames(const Fingerprint* layout) {
  return layout &&
         (layout->shape == Shape::kMarketoActivityLog || layout->shape == Shape::kPardotLifecycle ||
          layout->shape == Shape::kPardotVisitorActivity);
}

// Reads every input that is a name table (a Pardot lifecycle stage table, a
// Marketo activity type table) into `names`, whatever its place among the
// inputs: a file that needs them may come first. Only files on disk are looked
// at here (standard input cannot be read twice); a file that cannot be opened
// is left to the main read, which reports it.
void LoadNameTables(const std::vector<InputSpec>& inputs, const Config& config,
                    const ReadOverrides& overrides, NameTables& names) {
  names.loaded = true;
  for (const InputSpec& input : inputs) {
    std::error_code error;
    if (input.path == "-" || !std::filesystem::is_regular_file(input.path, error)) continue;
    const FileSetup setup = Resolve(input, config, overrides);
    try {
      TableReader reader(input.path, setup.csv, input.path);
      std::vector<std::string> header;
      for (const auto& h : reader.header()) header.push_back(NormaliseHeader(h));
      const Detection detection = DetectLayout(header, setup.system, setup.kind);
      const Fingerprint* fp = detection.tied.empty() ? detection.match : nullptr;
      if (!fp || (fp->shape != Shape::kPardotStageTable && fp->shape != Shape::kMarketoTypeTable)) {
        continue;
      }
      auto column = [&](Field field) {
        for (const auto& [f, aliases] : fp->aliases) {
          if (f != field) continue;
          for (auto alias : aliases) {
            auto it = std::find(header.begin(), header.end(), alias);
            if (it != header.end()) return static_cast<std::size_t>(it - header.begin());
          }
        }
        return header.size();
      };
      std::size_t id = column(Field::kId), name = column(Field::kName);
      // A [[file]] table's columns win, as when the file is read.
      for (const auto& [field, header_name] : setup.columns) {
        auto it = std::find(header.begin(), header.end(), NormaliseHeader(header_name));
        const auto at = static_cast<std::size_t>(it - header.begin());
        if (field == "id") id = at;
        if (field == "name") name = at;
      }
      if (id == header.size() || name == header.size()) continue;
      auto& table =
          fp->shape == Shape::kPardotStageTable ? names.pardot_stages : names.marketo_types;
      CsvRow row;
      while (reader.Next(row)) {
        if (row.fields.size() <= std::max(id, name)) continue;
        std::string_view key = Trim(row.fields[id]);
        if (!key.empty()) table[std::string(key)] = std::string(Trim(row.fields[name]));
      }
    } catch (const Error&) {
      continue;
    }
  }
}

}  // namespace

std::vector<InputSpec> ExpandInputs(const std::vector<InputSpec>& inputs, const Config& config) {
  std::vector<InputSpec> out;
  for (const InputSpec& input : inputs) {
    const std::vector<const FileRule*> rules = config.RulesFor(input.path);
    auto index = [&](const FileRule* r) { return static_cast<int>(r - config.files.data()); };
    if (input.kind) {  // --input SYSTEM:KIND=FILE says what the file is
      out.push_back(input);
      continue;
    }
    // Each table's kinds; two tables must each give a kind, and not the same one.
    std::vector<std::pair<Kind, int>> readings;
    for (const FileRule* rule : rules) {
      if (rules.size() > 1 && !rule->kind && rule->kinds.empty()) {
        const FileRule* other = rules[0] == rule ? rules[1] : rules[0];
        const FileRule* first = std::min(rule, other);
        const FileRule* second = std::max(rule, other);
        throw Error(ExitCode::kUsage, {config.origin, first->line, 0},
                    fmt::format("the [[file]] tables at lines {} and {} both match {}", first->line,
                                second->line, input.path),
                    "merge them into one table; to read the file as two kinds, give each table "
                    "its own kind, or list them in one table: kinds = [\"people\", "
                    "\"opportunities\"]");
      }
      if (rule->kind) readings.emplace_back(*rule->kind, index(rule));
      for (Kind kind : rule->kinds) readings.emplace_back(kind, index(rule));
    }
    for (std::size_t i = 0; i < readings.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (readings[i].first != readings[j].first) continue;
        throw Error(ExitCode::kUsage, {config.origin, config.files[readings[j].second].line, 0},
                    fmt::format("the [[file]] tables at lines {} and {} both read {} as {}",
                                config.files[readings[j].second].line,
                                config.files[readings[i].second].line, input.path,
                                KindName(readings[i].first)),
                    "merge them into one table");
      }
    }
    if (readings.size() < 2) {
      out.push_back(input);
      continue;
    }
    const bool has_people = std::any_of(readings.begin(), readings.end(),
                                        [](auto& r) { return r.first == Kind::kPeople; });
    for (const auto& [kind, rule] : readings) {
      InputSpec reading = input;
      reading.kind = kind;
      reading.rule = rules.size() > 1 ? rule : -1;
      // The deal's person is the same row read by the same columns: one table only.
      reading.row_person = has_people && kind == Kind::kOpportunities && rules.size() == 1;
      out.push_back(std::move(reading));
    }
  }
  return out;
}

InputSpec ParseInputSpec(std::string_view text) {
  InputSpec spec;
  auto eq = text.find('=');
  if (eq == std::string_view::npos) {
    spec.path = std::string(text);
    return spec;
  }
  std::string_view head = text.substr(0, eq);
  spec.path = std::string(text.substr(eq + 1));
  auto colon = head.find(':');
  std::string_view kind = head;
  if (colon != std::string_view::npos) {
    spec.system = NormaliseHeader(head.substr(0, colon));
    kind = head.substr(colon + 1);
  }
  spec.kind = ParseKind(NormaliseHeader(kind));
  if (!spec.kind) {
    ThrowUsage("--input " + std::string(text) + ": unknown kind '" + std::string(kind) + "'",
               "write SYSTEM:KIND=FILE with KIND one of " + KindNames());
  }
  if (spec.path.empty()) ThrowUsage("--input " + std::string(text) + ": no file after '='");
  return spec;
}

std::string_view FileStats::DateOrderFinding::OrderName() const {
  return order == DateOrder::kDmy ? "day-first" : "month-first";
}

std::string FileStats::DateOrderFinding::Why() const {
  if (decided) return fmt::format("decided by {} on line {}", value, line);
  return "no date read decides it (no part above 12, e.g. " + value +
         "); set date_order = \"dmy\" in a [[file]] table if the file is day-first";
}

std::string FileStats::DateOrderFinding::Text() const {
  return std::string(OrderName()) + (decided ? ", " : ": ") + Why();
}

void FileStats::AddNote(const std::string& finding, std::int64_t line, bool problem,
                        std::string meaning) {
  auto [it, added] = notes.try_emplace(finding, Note{0, line, problem, std::move(meaning)});
  ++it->second.count;
}

std::int64_t FileStats::RejectedTotal() const {
  std::int64_t total = 0;
  for (const auto& [reason, seen] : rejected) total += seen.count;
  return total;
}

std::int64_t FileStats::IgnoredTotal() const {
  std::int64_t total = 0;
  for (const auto& [reason, n] : ignored) total += n;
  return total;
}

OpenedFile OpenInput(const InputSpec& input, const Config& config, const ReadOverrides& overrides) {
  OpenedFile f;
  f.setup = Resolve(input, config, overrides);
  f.path = input.path;
  f.name = input.path == "-" ? "<stdin>" : input.path;
  f.reader = std::make_unique<TableReader>(input.path, f.setup.csv, f.name);
  const TableReader& reader = *f.reader;

  f.header.reserve(reader.header().size());
  for (const auto& h : reader.header()) {
    f.header.push_back(NormaliseHeader(h));
    std::string currency = SplitHeaderCurrency(f.header.back());
    if (f.header_currency.empty()) f.header_currency = currency;
  }

  Detection detection = DetectLayout(f.header, f.setup.system, f.setup.kind);
  FileStats& stats = f.stats;
  stats.name = f.name;
  for (std::size_t i = 0; i < f.header.size(); ++i) {
    if (std::find(f.header.begin(), f.header.begin() + static_cast<std::ptrdiff_t>(i),
                  f.header[i]) != f.header.begin() + static_cast<std::ptrdiff_t>(i) &&
        std::find(stats.duplicate_columns.begin(), stats.duplicate_columns.end(),
                  reader.header()[i]) == stats.duplicate_columns.end()) {
      stats.duplicate_columns.push_back(reader.header()[i]);
    }
  }
  f.layout = detection.tied.empty() ? detection.match : nullptr;
  if (f.layout) {
    stats.system = std::string(f.layout->system);
    stats.kind = f.layout->kind;
    stats.layout = std::string(f.layout->label);
  } else if (f.setup.kind && detection.tied.empty()) {
    // A forced kind with no layout: the generic header names and [file.columns].
    stats.system = f.setup.system.empty() ? "custom" : f.setup.system;
    stats.kind = *f.setup.kind;
    stats.layout = "configured";
  } else if (input.from_directory) {
    stats.skipped =
        "not a recognised export; name it with --input SYSTEM:KIND=" + f.name + " to read it";
  } else {
    Unrecognised(reader, f.setup, detection);
  }
  if (f.stats.skipped.empty()) DecideDateOrder(f);
  return f;
}

std::unique_ptr<RowMapper> MakeMapper(const OpenedFile& f, const Config& config,
                                      const ReadOverrides& overrides, FileStats& stats,
                                      std::string* report_currency) {
  auto mapper = std::make_unique<RowMapper>(config, stats, f.setup.values, f.layout, f.header,
                                            f.reader->header(), f.setup.columns,
                                            f.setup.stage_dates, f.setup.dimensions, f.name);
  mapper->SetCurrency(f.header_currency, report_currency);
  mapper->SetDates(f.setup.date_format, f.setup.date_formats, f.stats.date_order);
  mapper->SetShape(f.setup.row_identity, f.setup.row_person, f.setup.spend_days);
  mapper->RequireColumns();
  mapper->CountDuplicateIds(overrides.data_quality);
  mapper->ActivityDetails(overrides.activity_details);
  mapper->SetNames(f.names);
  return mapper;
}

void MapRows(TableReader& reader, RowMapper& mapper, FileStats& stats, RecordSink& sink,
             const std::function<void(const Reject&)>& on_reject,
             const std::function<void(const ReadProgress&)>& progress, const std::string* name) {
  CsvRow row;
  while (reader.Next(row)) {
    ++stats.rows;
    if (mapper.Map(row, sink, on_reject) == RowMapper::Outcome::kUsed) ++stats.used;
    if (progress && (stats.rows & 0xFFFF) == 0) {
      progress({name, reader.bytes_read(), stats.rows, false});
    }
  }
  stats.footer_rows += reader.footer_rows();
}

std::vector<FileStats> ReadEach(
    const std::vector<InputSpec>& inputs, const Config& config, const ReadOverrides& overrides,
    RecordSink& sink,
    const std::function<std::int64_t(OpenedFile&, std::string* report_currency)>& read) {
  std::vector<FileStats> all;
  std::string report_currency = config.currency;
  NameTables names;
  for (const auto& input : inputs) {
    OpenedFile f = OpenInput(input, config, overrides);
    if (NeedsNames(f.layout) && !names.loaded) LoadNameTables(inputs, config, overrides, names);
    f.names = &names;
    if (f.stats.skipped.empty()) {
      sink.BeginFile(input.path);
      const std::int64_t bytes = read(f, &report_currency);
      if (overrides.progress) overrides.progress({&f.name, bytes, f.stats.rows, true});
    }
    all.push_back(std::move(f.stats));
  }
  sink.ReportCurrency(report_currency);
  return all;
}

std::vector<FileStats> ReadOnThisThread(const std::vector<InputSpec>& inputs, const Config& config,
                                        const ReadOverrides& overrides, RecordSink& sink,
                                        const std::function<void(const Reject&)>& on_reject) {
  return ReadEach(inputs, config, overrides, sink, [&](OpenedFile& f, std::string* currency) {
    auto mapper = MakeMapper(f, config, overrides, f.stats, currency);
    MapRows(*f.reader, *mapper, f.stats, sink, on_reject, overrides.progress, &f.name);
    return f.reader->bytes_read();
  });
}

}  // namespace baton
