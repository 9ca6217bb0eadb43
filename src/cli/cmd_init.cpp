// `baton init FILES…`: writes a starter baton.toml from the files' headers and
// value vocabularies (SPEC 5). Every layout it recognised is noted; every value
// the translation dictionary does not cover, and every file it could not
// recognise, is marked TODO for the user. It never overwrites a file unless asked.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <set>
#include <tuple>

#include "baton/error.h"
#include "baton/inputs.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "csv/csv.h"

namespace baton::cli {
namespace {

struct InitFlags {
  InputOptions in;
  std::string output;
  std::string tz;  // default: the discovered config's tz
  bool force = false;
  bool update = false;
};

class NullSink : public RecordSink {
 public:
  void Person(const PersonRecord&) override {}
  void Opportunity(const OpportunityRecord&) override {}
  void StageChange(const StageChangeRecord&) override {}
  void Link(const LinkRecord&) override {}
  void Activity(const ActivityRecord&) override {}
  void CampaignMember(const CampaignMemberRecord&) override {}
  void Campaign(const CampaignRecord&) override {}
  void Spend(const SpendRecord&) override {}
};

// A TOML basic string: quotes, backslashes and control characters escaped.
std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7F) {
      out += fmt::format("\\u{:04X}", u);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// ["a", "b"] items, each a TOML string.
std::string QuotedList(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + Quote(item);
  return out;
}

// True when text is well-formed UTF-8 (TOML files must be).
bool IsUtf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xE  ? 3
                    : (c >> 3) == 0x1E ? 4
                                       : 0;
    if (n == 0 || i + n > text.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) return false;
    }
    i += n;
  }
  return true;
}

// Text for a # comment: one line of UTF-8, whatever the data holds (bytes that
// are not UTF-8 become '?', so the written config always loads).
std::string CommentText(std::string_view text) {
  std::string out(text);
  bool utf8 = IsUtf8(out);
  for (char& c : out) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || (!utf8 && u >= 0x80)) c = u < 0x20 ? ' ' : '?';
  }
  return out;
}

std::string BaseName(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

// The first rows of a file, as text, for GuessLayout (none from standard input,
// which cannot be read twice).
std::vector<std::vector<std::string>> SampleRows(const InputSpec& input, const ReadOverrides& o) {
  std::vector<std::vector<std::string>> rows;
  if (input.path == "-") return rows;
  CsvOptions csv;
  if (!o.encoding.empty()) csv.encoding = o.encoding;
  if (o.delimiter) csv.delimiter = o.delimiter;
  try {
    TableReader reader(input.path, csv, input.path);
    CsvRow row;
    while (rows.size() < 500 && reader.Next(row)) {
      rows.emplace_back(row.fields.begin(), row.fields.end());
    }
  } catch (const Error&) {
    // A file that breaks later (an unclosed quote) is still described from its header.
  }
  return rows;
}

// A [[file]] block for a file no fingerprint knows: the kind, columns and stage
// dates GuessLayout makes of its header and first rows, each with its reason.
std::string UnknownFileBlock(const InputSpec& input, const std::vector<std::string>& header,
                             const Config& config, const ReadOverrides& overrides) {
  const auto rows = SampleRows(input, overrides);
  const LayoutGuess guess = GuessLayout(header, rows, config);
  const std::string read =
      rows.empty() ? "from its header" : fmt::format("from its header and {} rows", rows.size());
  std::string out = fmt::format("\n[[file]]\nmatch = {}\n", Quote(BaseName(input.path)));
  out += CommentText(fmt::format("# header: {}", fmt::join(header, ", "))) + "\n";
  if (!guess.kind) {
    return "\n" +
           CommentText(
               fmt::format("# skipped {}: {} ({})", BaseName(input.path), guess.why, read)) +
           "\n" + CommentText(fmt::format("# header: {}", fmt::join(header, ", "))) + "\n";
  }
  out += "system = \"custom\"   # TODO: a short name for the system that wrote it\n";
  out += fmt::format("kind = \"{}\"   # guessed {}: {}\n", KindName(*guess.kind), read, guess.why);
  const auto has = [&](std::string_view field) {
    return std::any_of(guess.columns.begin(), guess.columns.end(),
                       [&](const GuessedColumn& c) { return c.target == field; });
  };
  if ((*guess.kind == Kind::kPeople && !has("id") && !has("email")) ||
      (*guess.kind == Kind::kOpportunities && !has("id"))) {
    out +=
        "id = \"row\"   # no column is unique and named like an id, none holds emails: each "
        "row is its own record (nothing joins to it); TODO: map an id column if there is one\n";
  }
  if (guess.needs_range) {
    out +=
        "start_date = 2024-01-01   # TODO: no column dates the rows: the first and last day "
        "they cover\nend_date = 2024-03-31\n";
  }
  if (!guess.date_order.empty()) {
    out += "date_order = \"dmy\"   # a date in it has a day above 12 before the month\n";
  }
  out += "[file.columns]   # TODO: check each; fields: " + CanonicalFieldNames() + "\n";
  for (const auto& c : guess.columns) {
    out += CommentText(fmt::format("{} = {}   # {}", c.target, Quote(c.header), c.why)) + "\n";
  }
  if (*guess.kind != Kind::kPeople) return out;
  out += "[file.stage_dates]   # stage = \"column with the time the person reached it\"\n";
  for (const auto& d : guess.stage_dates) {
    out += CommentText(fmt::format("{} = {}   # {}", d.target, Quote(d.header), d.why)) + "\n";
  }
  return out;
}

// What init found in the inputs: [[file]] blocks and the values no map covers.
struct Findings {
  std::string files;
  int new_tables = 0;
  std::map<std::string, std::map<std::string, std::map<std::string, std::string>>> unmapped;
};

Findings Describe(const std::vector<InputSpec>& inputs, const Config& config,
                  const ReadOverrides& overrides, bool only_new) {
  Findings f;
  std::set<std::string> matches;  // one table per base name: two would both match it
  for (auto input : inputs) {
    input.from_directory = false;  // init describes unrecognised files instead of skipping them
    const bool configured = !config.RulesFor(input.path).empty();
    NullSink sink;
    std::vector<FileStats> stats;
    try {
      stats =
          ReadInputs(ExpandInputs({input}, config), config, overrides, sink, [](const Reject&) {});
    } catch (const UnrecognisedInput& e) {
      if ((only_new && configured) || !matches.insert(BaseName(input.path)).second) continue;
      std::string block = UnknownFileBlock(input, e.header(), config, overrides);
      f.new_tables += block.starts_with("\n# skipped") ? 0 : 1;
      f.files += block;
      continue;
    }
    if (!(only_new && configured) && matches.insert(BaseName(input.path)).second) {
      const FileStats& s = stats.front();
      f.files +=
          fmt::format("\n[[file]]\nmatch = {}\n# recognised: {} (system {}, kind {}), {} rows\n",
                      Quote(BaseName(input.path)), s.layout, s.system, KindName(s.kind), s.rows);
      ++f.new_tables;
    }
    for (const FileStats& s : stats) {  // every reading of the file (kinds = [...])
      for (const auto& [found, values] : s.unmapped) {
        // The [map] table a value goes in: a Pardot stage id is mapped as a
        // lifecycle value; a currency wants a rate ([rates]), not a map.
        if (found == "currency") continue;
        const std::string field = found == "lifecycle_stage_id" ? "lifecycle" : found;
        for (const auto& [value, seen] : values) {
          f.unmapped[s.system][field][value] = fmt::format(
              "TODO: seen {}, first on line {} of {}",
              seen.count == 1 ? std::string("once") : fmt::format("{} times", seen.count),
              seen.first_line, CommentText(s.name));
        }
      }
    }
  }
  return f;
}

// A stage value is written as "" (not a stage) until edited; a dimension's value
// as itself, so that a map nobody edited yet changes nothing in the reports.
std::string MapLine(const std::string& field, const std::string& value, const std::string& note) {
  const bool stage = field == "status" || field == "lifecycle" || field == "stage";
  return fmt::format("{} = {}   # {}; {}\n", Quote(value), stage ? "\"\"" : Quote(value), note,
                     stage ? "give a stage or leave \"\" (not a stage)"
                           : "give the label to show, or \"\" for none");
}

// A TOML key: bare when it can be ([A-Za-z0-9_-]), else quoted ("zoho crm").
std::string Key(std::string_view key) {
  const bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
  return bare ? std::string(key) : Quote(key);
}

// `init --update`: the new tables and values merged into the config's own text,
// so that every line the user wrote stays as written. A value goes under its
// [map.SYSTEM.FIELD] header when the file has one (TOML forbids a second).
void Update(const std::string& path, const Findings& f) {
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!text.empty() && text.back() != '\n') text += '\n';
  int values = 0;
  std::string appended;
  for (const auto& [system, fields] : f.unmapped) {
    for (const auto& [field, entries] : fields) {
      std::string lines;
      for (const auto& [value, note] : entries) {
        lines += MapLine(field, value, note);
        ++values;
      }
      const std::string header = fmt::format("[map.{}.{}]", Key(system), Key(field));
      std::size_t at = text.find("\n" + header);
      if (text.starts_with(header)) at = 0;
      if (at == std::string::npos) {
        appended += fmt::format("\n{}\n{}", header, lines);
        continue;
      }
      at = text.find('\n', at + (at == 0 ? 0 : 1));
      text.insert(at == std::string::npos ? text.size() : at + 1, lines);
    }
  }
  text += appended;
  if (f.new_tables > 0) text += f.files;
  WriteOutput(text, path);
  Warn(fmt::format("baton: updated {}: {} new [[file]] table{}, {} unmapped value{} to map", path,
                   f.new_tables, f.new_tables == 1 ? "" : "s", values, values == 1 ? "" : "s"));
}

void RunInit(const InitFlags& flags) {
  if (flags.update) {
    const std::string path = DiscoverConfigPath(flags.in);
    if (path.empty()) {
      ThrowUsage("no baton.toml to update (none given with -c, in $BATON_CONFIG or here)",
                 "write one first: baton init -o baton.toml FILES…");
    }
    Config config = LoadConfig(path);
    ReadOverrides overrides{flags.in.encoding, ParseDelimiter(flags.in.delimiter), {}};
    Update(path, Describe(CollectInputs(flags.in, config), config, overrides, true));
    return;
  }
  if (!flags.output.empty() && !flags.force && std::filesystem::exists(flags.output)) {
    ThrowUsage(flags.output + " exists",
               "baton init never writes over a config: choose another name, update it with "
               "baton init --update -c " +
                   flags.output + " FILES…, or add --force");
  }
  // The config found as for every command: values it already maps are not TODOs.
  Config config = DiscoverConfig(flags.in);
  std::string tz = flags.tz.empty() ? config.tz : flags.tz;
  FindZone(tz);
  std::vector<InputSpec> inputs = CollectInputs(flags.in, config);
  ReadOverrides overrides{flags.in.encoding, ParseDelimiter(flags.in.delimiter), {}};
  const Findings found = Describe(inputs, config, overrides, false);
  std::string maps;
  for (const auto& [system, fields] : found.unmapped) {
    for (const auto& [field, values] : fields) {
      maps += fmt::format("\n[map.{}.{}]\n", Key(system), Key(field));
      for (const auto& [value, note] : values) maps += MapLine(field, value, note);
    }
  }
  std::string text = fmt::format(
      "# baton.toml written by `baton init`. Review every TODO, then run\n"
      "# `baton init --update FILES…`: it adds what is still unmapped, keeping your edits.\n"
      "# The built-in defaults (standard Salesforce and HubSpot values) apply underneath;\n"
      "# see CONFIGURATION in baton(1).\n\n"
      "tz = {}   # report time zone; also the zone of times written without an offset,\n"
      "             # unless a [[file]] says tz = \"…\" for its file\n"
      "skipped = \"infer\"   # skipped-stage policy: infer | strict\n"
      "stages = [{}]\n",
      Quote(tz), QuotedList(config.stages));
  const Config defaults = DefaultConfig();
  for (const auto& [key, value, built_in] :
       {std::tuple{"created_stage", &config.created_stage, &defaults.created_stage},
        std::tuple{"opportunity_stage", &config.opportunity_stage, &defaults.opportunity_stage},
        std::tuple{"won_stage", &config.won_stage, &defaults.won_stage}}) {
    if (*value != *built_in) text += fmt::format("{} = {}\n", key, Quote(*value));
  }
  if (!maps.empty()) text += "\n# Values the translation dictionary does not cover yet.\n" + maps;
  text += found.files;
  WriteOutput(text, flags.output);
}

}  // namespace

void SetInitCommand(CLI::App& app) {
  auto flags = std::make_shared<InitFlags>();
  CLI::App* cmd = app.add_subcommand(
      "init", "Write a starter baton.toml from the files' headers and values, marking what to map");
  AddInputOptions(*cmd, flags->in);
  cmd->add_option("--output,-o", flags->output, "write to FILE instead of standard output");
  cmd->add_option("--tz", flags->tz,
                  "the report time zone to write (default: the config's, else UTC)");
  cmd->add_flag("--force", flags->force, "overwrite the output file if it exists");
  cmd->add_flag("--update", flags->update,
                "add the tables of new files and the values still unmapped to the config "
                "(-c, or ./baton.toml), keeping every line already in it")
      ->excludes("--output")
      ->excludes("--force");
  cmd->callback([flags] { RunInit(*flags); });
}

}  // namespace baton::cli
