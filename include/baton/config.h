// baton.toml: the funnel's stages, the translation dictionary (each system's
// value → stage), stage-date columns, per-file overrides and the report defaults.
// A config is data: nothing in it runs. Built-in defaults (builtin_config.cpp) let
// standard Salesforce and HubSpot exports work with no config at all; a user
// config adds to and overrides them key by key.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "baton/calendar.h"
#include "baton/error.h"
#include "baton/records.h"
#include "baton/values.h"

namespace baton {

// SPEC 2.2: what to do with a stage that has no record of its own.
enum class SkippedPolicy { kInfer, kStrict };

// One [[file]] table: which files it applies to, and how to read them.
struct FileRule {
  int line = 0;       // where the [[file]] table starts in baton.toml (for messages)
  std::string path;   // a file to read when no files are given on the command line
  std::string match;  // a glob matched against the base name of every input
  std::string system;
  std::optional<Kind> kind;
  // kinds = ["people", "opportunities"]: the file is read once per kind (a deals
  // sheet that is people and deals at once); each row's deal belongs to its person.
  std::vector<Kind> kinds;
  // id = "row": each row is its own record (a report export with no id), keyed by
  // file and line: no other file can name it (an email column still merges).
  bool row_identity = false;
  // start_date / end_date: the days a spend file's rows cover when no column says
  // (channel totals for a quarter); civil days (CivilDay).
  std::optional<std::int64_t> first_day, last_day;
  std::optional<std::string> tz;
  std::optional<DateOrder> date_order;
  // date_format = "%d/%m/%y %H:%M" for every date column, or a table of
  // header → format for some of them (ParseTimestampAs).
  std::string date_format;
  std::map<std::string, std::string> date_formats;
  std::optional<char> decimal;
  std::optional<std::string> encoding;
  std::optional<char> delimiter;
  std::map<std::string, std::string> columns;      // canonical field → header
  std::map<std::string, std::string> stage_dates;  // stage → header
  std::map<std::string, std::string> dimensions;   // dimension name → header
};

// One [[sla]] rule (SPEC 4.4): from a start event to an end event within a limit.
struct SlaRule {
  std::string name;
  std::string start;            // a stage name, or "assigned"
  std::string end;              // a stage name, "assigned" or "first_touch"
  std::int64_t limit = 0;       // seconds; working seconds on a business clock
  std::int64_t limit_days = 0;  // "5d" on a business clock: working days (limit = 0)
  std::string limit_text;       // as written ("4h")
  int touches = 1;              // first_touch: the end is the N-th qualifying touch
  bool business = true;         // clock = "business" (default) or "calendar"
  std::string calendar;         // a [calendar.NAME]; "" = chosen per person (owners, values)
  std::vector<std::string> activity_types;  // first_touch counts only these; empty = all
};

// One [[target]] (plan, and summary's pacing section): a goal for a calendar
// period, written as plan's --target ("won:2024-Q3=300000").
struct TargetRule {
  std::string text;
  Location where;  // in baton.toml, for errors in the period
};

// Attribution weights of the position-based models (SPEC 4.3), as fractions of 1:
// the first touch, the touch that created the lead, the opportunity and the win,
// and the rest shared by the other touches.
struct AttributionWeights {
  double first = 0, lead = 0, opportunity = 0, customer = 0, rest = 0;
};

struct Config {
  std::string origin = "built-in defaults";  // the file it came from, for footers
  std::string tz = "UTC";
  SkippedPolicy skipped = SkippedPolicy::kInfer;
  std::vector<std::string> stages = {"lead", "mql", "sal", "sql", "opportunity", "customer"};
  // Stages that SPEC 2.2 rules 3 and 4 feed: lead = created_at, opportunity =
  // earliest linked opportunity created, customer = earliest won close date.
  std::string created_stage = "lead";
  std::string opportunity_stage = "opportunity";
  std::string won_stage = "customer";
  // The translation dictionary: system → field → lower-cased value → stage name
  // ("" = a known value that is not a funnel stage).
  std::map<std::string, std::map<std::string, std::unordered_map<std::string, std::string>>>
      value_map;
  // [map.SYSTEM.DIMENSION] for source, campaign, owner or a [[file]] dimension:
  // system → dimension → lower-cased value → the label shown ("" = no value, for
  // a placeholder such as "Select"), so that Google and google are one row.
  std::map<std::string, std::map<std::string, std::unordered_map<std::string, std::string>>>
      label_map;
  // system → lower-cased header → stage name: stage-date columns (rule 1).
  std::map<std::string, std::map<std::string, std::string>> stage_dates;
  // Owner id → display name (Salesforce exports carry user ids).
  std::unordered_map<std::string, std::string> owners;
  std::vector<FileRule> files;
  // Custom --by dimensions declared in [[file]] tables, in order of first mention.
  std::vector<std::string> dimensions;
  // [calendar.NAME] tables; "default" exists always (Mon–Fri 09:00–17:00 in tz
  // unless the config says otherwise).
  std::map<std::string, Calendar> calendars;
  std::vector<std::string> calendar_order;  // names in config order, for per-person choice
  std::vector<SlaRule> sla;
  std::vector<TargetRule> targets;
  // Money (SPEC 1.3, 4.2): the report currency ("" = the first one an input names)
  // and the rates of others, in report-currency units per unit.
  std::string currency;
  std::map<std::string, double> rates;
  // [campaigns]: a spend file's campaign name or id → the CRM campaign's name.
  std::unordered_map<std::string, std::string> campaign_map;
  // [attribution.MODEL] weights; models not named keep HubSpot's defaults.
  std::map<std::string, AttributionWeights> attribution;

  // Index of a stage name in `stages`, or -1.
  int StageIndex(std::string_view name) const;
  // What a system's value of a field maps to: a stage index, -1 for a known value
  // that is not a stage, nullopt when unmapped (or when only a built-in entry maps
  // it, to a stage this funnel does not have).
  std::optional<int> MapValue(std::string_view system, std::string_view field,
                              std::string_view value) const;
  // The label map of a system's dimension, nullptr when the config has none.
  const std::unordered_map<std::string, std::string>* LabelMap(std::string_view system,
                                                               std::string_view dimension) const;
  // The stage a header is a stage-date column for in a system, or -1.
  int StageDateColumn(std::string_view system, std::string_view header) const;
  // The [[file]] rules that match a path, in config order (ExpandInputs decides
  // what more than one means).
  std::vector<const FileRule*> RulesFor(std::string_view path) const;
  // The [owners] name of an owner id (or of a name the exports give), nullopt when
  // [owners] has none. The model shows owners by it first (SPEC 2.1).
  std::optional<std::string> OwnerName(std::string_view id) const;
};

// The built-in defaults alone.
Config DefaultConfig();

// The defaults overlaid with the TOML file at `path`. Throws Error(kUsage) naming
// the file, line and column for a syntax error, a wrong type, an unknown key, an
// unknown stage or an unknown time zone, with a hint on how to fix it.
Config LoadConfig(const std::string& path);

// Same, from TOML text (tests); `name` is used in messages.
Config LoadConfigText(std::string_view text, const std::string& name);

// The built-in defaults as TOML text (what `baton init` starts from).
std::string_view BuiltinConfigText();

}  // namespace baton
