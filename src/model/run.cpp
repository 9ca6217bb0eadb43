// ReadRun and RuleStart; see run.h.
#include "baton/run.h"

#include <algorithm>
#include <filesystem>

namespace baton {
namespace {

// Whether every input can be read a second time (a regular file, not a pipe).
bool Rereadable(const std::vector<InputSpec>& inputs) {
  return std::all_of(inputs.begin(), inputs.end(), [](const InputSpec& i) {
    std::error_code ec;
    return i.path != "-" && std::filesystem::is_regular_file(i.path, ec);
  });
}

}  // namespace

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

RunResult ReadRun(const std::vector<InputSpec>& inputs, const Config& config,
                  const ReadOverrides& overrides, Instant as_of, const RunNeeds& needs,
                  const std::function<void(const Reject&)>& on_reject) {
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
  run.model = BuildModel(inputs, config, first, as_of, count, run.stats, touches);
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
    if (s.skipped.empty() && s.kind == Kind::kActivities) activity_files.push_back(inputs[i]);
  }
  AddActivityTouches(run.model, activity_files, config, first, queries);
  return run;
}

}  // namespace baton
