// `baton init FILES…`: writes a starter baton.toml from the files' headers and
// value vocabularies (SPEC 5). Every layout it recognised is noted; every value
// the translation dictionary does not cover, and every file it could not
// recognise, is marked TODO for the user. It never overwrites a file unless asked.
#include <fmt/format.h>

#include <filesystem>
#include <memory>

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

// A [[file]] block for a file no fingerprint knows, with guesses from its header.
std::string UnknownFileBlock(const InputSpec& input, const std::vector<std::string>& header,
                             const Config& config) {
  std::string out = fmt::format(
      "\n[[file]]\nmatch = {}\nsystem = \"custom\"   # TODO: a short name for the system that "
      "wrote it\nkind = \"people\"     # TODO: one of {}\n# header: {}\n",
      Quote(BaseName(input.path)), KindNames(),
      CommentText(fmt::format("{}", fmt::join(header, ", "))));
  std::string columns, dates;
  auto suggested = SuggestColumns(header);
  bool has_id = false;
  for (const auto& [field, column] : suggested) {
    columns += fmt::format("{} = {}\n", field, Quote(column));
    has_id = has_id || field == "id";
  }
  for (const auto& h : header) {
    std::string norm = h;
    for (char& c : norm) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool mapped = std::any_of(suggested.begin(), suggested.end(),
                              [&](const auto& s) { return s.second == h; });
    if (mapped) continue;
    if (!has_id && (norm.ends_with("_id") || norm.ends_with(" id"))) {
      columns +=
          CommentText(fmt::format(
              "# id = {}   # TODO: the column that identifies a person, if this is it", Quote(h))) +
          "\n";
    }
    if (norm.find("date") != std::string::npos || norm.ends_with("_at")) {
      dates += CommentText(fmt::format("# {} = {}   # TODO: the stage this date marks, if any",
                                       config.stages.front(), Quote(h))) +
               "\n";
    }
  }
  out += "[file.columns]       # TODO: check; fields: " + CanonicalFieldNames() + "\n" + columns;
  out += "[file.stage_dates]   # stage = \"column with the time the person reached it\"\n" + dates;
  return out;
}

void RunInit(const InitFlags& flags) {
  if (!flags.output.empty() && !flags.force && std::filesystem::exists(flags.output)) {
    ThrowUsage(flags.output + " exists", "choose another name, or add --force to overwrite it");
  }
  // The config found as for every command: values it already maps are not TODOs.
  Config config = DiscoverConfig(flags.in);
  std::string tz = flags.tz.empty() ? config.tz : flags.tz;
  FindZone(tz);
  std::vector<InputSpec> inputs = CollectInputs(flags.in, config);
  ReadOverrides overrides{flags.in.encoding, ParseDelimiter(flags.in.delimiter), {}};
  std::string files, maps;
  std::map<std::string, std::map<std::string, std::map<std::string, std::string>>> unmapped;
  for (auto input : inputs) {
    input.from_directory = false;  // init describes unrecognised files instead of skipping them
    NullSink sink;
    std::vector<FileStats> stats;
    try {
      stats = ReadInputs({input}, config, overrides, sink, [](const Reject&) {});
    } catch (const UnrecognisedInput& e) {
      files += UnknownFileBlock(input, e.header(), config);
      continue;
    }
    const FileStats& s = stats.front();
    files += fmt::format("\n[[file]]\nmatch = {}\n# recognised: {} (system {}, kind {}), {} rows\n",
                         Quote(BaseName(input.path)), s.layout, s.system, KindName(s.kind), s.rows);
    for (const auto& [field, values] : s.unmapped) {
      for (const auto& [value, seen] : values) {
        unmapped[s.system][field][value] =
            fmt::format("TODO: seen {}, first on line {} of {}",
                        seen.count == 1 ? std::string("once") : fmt::format("{} times", seen.count),
                        seen.first_line, CommentText(s.name));
      }
    }
  }
  for (const auto& [system, fields] : unmapped) {
    for (const auto& [field, values] : fields) {
      maps += fmt::format("\n[map.{}.{}]\n", system, field);
      for (const auto& [value, note] : values) {
        maps += fmt::format("{} = \"\"   # {}; give a stage or leave \"\" (not a stage)\n",
                            Quote(value), note);
      }
    }
  }
  std::string text = fmt::format(
      "# baton.toml written by `baton init`. Review every TODO, then run `baton init` again:\n"
      "# it lists what is still unmapped.\n"
      "# The built-in defaults (standard Salesforce and HubSpot values) apply underneath;\n"
      "# see CONFIGURATION in baton(1).\n\n"
      "tz = {}   # report time zone; also the zone of times written without an offset,\n"
      "             # unless a [[file]] says tz = \"…\" for its file\n"
      "skipped = \"infer\"   # skipped-stage policy: infer | strict\n"
      "stages = [{}]\n",
      Quote(tz), QuotedList(config.stages));
  if (!maps.empty()) text += "\n# Values the translation dictionary does not cover yet.\n" + maps;
  text += files;
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
  cmd->callback([flags] { RunInit(*flags); });
}

}  // namespace baton::cli
