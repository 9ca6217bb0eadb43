// ReadRun and RuleStart; see run.h.
#include "baton/run.h"

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>

namespace baton {
namespace {

// Whether every input can be read a second time (a regular file, not a pipe).
bool Rereadable(const std::vector<InputSpec>& inputs) {
  return std::all_of(inputs.begin(), inputs.end(), [](const InputSpec& i) {
    std::error_code ec;
    return i.path != "-" && std::filesystem::is_regular_file(i.path, ec);
  });
}

// What to do about the most common reason a file's rows were rejected.
std::string RejectHint(const std::string& reason) {
  if (reason == "bad date") {
    return "if its dates are day-first, set date_order = \"dmy\" in a [[file]] table of "
           "baton.toml";
  }
  if (reason == "missing date") return "map the file's date column in [file.columns]";
  if (reason == "wrong column count") return "check the delimiter (--delimiter) and the quoting";
  if (reason == "bad money") return "set decimal = \",\" in a [[file]] table if it is needed";
  if (reason == "unknown currency") return "add the currency's rate to [rates] in baton.toml";
  return "baton check explains each reason";
}

std::string Plural(std::int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// The most common entry of a reason → count map.
template <class Map, class Count>
std::pair<std::string, std::int64_t> MostCommon(const Map& reasons, Count count) {
  std::pair<std::string, std::int64_t> best;
  for (const auto& [reason, seen] : reasons) {
    if (count(seen) > best.second) best = {reason, count(seen)};
  }
  return best;
}

}  // namespace

std::optional<Error> EmptyInputError(const std::vector<FileStats>& stats) {
  std::int64_t rows = 0, read = 0, names = 0;
  for (const auto& s : stats) {
    if (!s.skipped.empty()) continue;
    if (s.kind == Kind::kNames) {  // names for other files' ids: no funnel data itself
      ++names;
      continue;
    }
    ++read;
    rows += s.rows;
    if (s.rows == 0 || s.used > 0) continue;
    const std::int64_t rejected = s.RejectedTotal();
    if (rejected > 0) {
      auto [reason, n] = MostCommon(s.rejected, [](const SeenValue& v) { return v.count; });
      return Error(ExitCode::kData, {s.name, 0, 0},
                   "no usable row: " + std::to_string(rejected) + " of " +
                       Plural(s.rows, "row", "rows") + " rejected (" + std::to_string(n) + " " +
                       reason + ")" + (rejected < s.rows ? ", the rest ignored" : ""),
                   RejectHint(reason) + "; --rejects FILE lists the rows; --allow-empty reads on");
    }
    auto [reason, n] = MostCommon(s.ignored, [](std::int64_t v) { return v; });
    return Error(ExitCode::kData, {s.name, 0, 0},
                 "no usable row: all " + Plural(s.rows, "row is", "rows are") +
                     " read but none is funnel data (" + std::to_string(n) + " " + reason + ")",
                 "check that this is the export you meant (read as " + s.layout +
                     "); --allow-empty reads on");
  }
  if (read == 0 && names > 0) {
    return Error(
        ExitCode::kData, {},
        "no input holds funnel data: " + Plural(names, "name table was", "name tables were") +
            " read and nothing else (they name the stage or activity type ids of other "
            "exports)",
        "give the lifecycle history or activity log they name, with the people");
  }
  if (read == 0 && !stats.empty()) {
    return Error(ExitCode::kData, {},
                 "no input was recognised: " +
                     Plural(static_cast<std::int64_t>(stats.size()), "file was", "files were") +
                     " skipped (" + stats.front().name + ": " +
                     stats.front().skipped.substr(0, stats.front().skipped.find(';')) + ")",
                 "name a file's system and kind with --input SYSTEM:KIND=FILE, or describe it "
                 "in a [[file]] table of baton.toml; `baton init FILES` writes a starter");
  }
  if (read > 0 && rows == 0) {
    return Error(ExitCode::kData, {},
                 "no input has a data row: " + Plural(read, "file has", "files have") +
                     " a header and nothing else",
                 "check the export's filters and dates; --allow-empty reads on");
  }
  return std::nullopt;
}

RuleStart::RuleStart(const Model& model, const SlaRule& rule)
    : model_(model), assigned_(rule.start == "assigned"), stage_(-1) {
  auto it = std::find(model.stages.begin(), model.stages.end(), rule.start);
  if (it != model.stages.end()) stage_ = static_cast<int>(it - model.stages.begin());
}

Instant RuleStart::operator()(std::size_t person) const {
  if (assigned_) return model_.people[person].assigned_at;
  if (stage_ < 0) return kNoTime;
  const auto stage = static_cast<std::size_t>(stage_);
  Instant t = model_.StageTime(person, stage);
  if (model_.Inferred(person, stage)) return kNoTime;
  return IsKnownTime(t) ? t : kNoTime;
}

RunResult ReadRun(const std::vector<InputSpec>& given, const Config& config,
                  const ReadOverrides& overrides, Instant as_of, const RunNeeds& needs,
                  const std::function<void(const Reject&)>& on_reject) {
  const std::vector<InputSpec> inputs = ExpandInputs(given, config);
  using Touches = ModelBuilder::Needs::Touches;
  const bool first_touch =
      needs.sla && std::any_of(config.sla.begin(), config.sla.end(),
                               [](const SlaRule& r) { return r.end == "first_touch"; });
  const Touches touches = !first_touch         ? Touches::kNone
                          : Rereadable(inputs) ? Touches::kFromPeople
                                               : Touches::kAll;
  RunResult run;
  ReadOverrides first = overrides;
  first.data_quality = needs.data_quality;
  auto count = [&](const Reject& r) {
    ++run.rejected;
    on_reject(r);
  };
  run.model = BuildModel(inputs, config, first, as_of, count, run.stats, touches, needs.labels);
  if (touches != Touches::kFromPeople) return run;
  std::vector<TouchQuery> queries;
  for (const auto& rule : config.sla) {
    if (rule.end != "first_touch") continue;
    TouchQuery query{std::vector<Instant>(run.model.people.size()), rule.touches,
                     rule.activity_types};
    RuleStart start(run.model, rule);
    for (std::size_t p = 0; p < query.start.size(); ++p) query.start[p] = start(p);
    queries.push_back(std::move(query));
  }
  std::vector<InputSpec> activity_files;
  for (std::size_t i = 0; i < inputs.size() && i < run.stats.size(); ++i) {
    const FileStats& s = run.stats[i];
    // Name tables too: an activity log names its types by ids they give.
    if (s.skipped.empty() && (s.kind == Kind::kActivities || s.kind == Kind::kNames)) {
      activity_files.push_back(inputs[i]);
    }
  }
  AddActivityTouches(run.model, activity_files, config, first, queries);
  return run;
}

}  // namespace baton
