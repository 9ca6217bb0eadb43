// Stage conversion (SPEC 4.1); see funnel.h for the contract.
#include "baton/funnel.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "baton/error.h"

namespace baton {
namespace {

struct Accumulator {
  std::vector<std::int64_t> counts;
  std::vector<std::vector<double>> days;  // velocity samples per stage (from the previous)
  Instant start = kNoTime;
  Instant earliest = kNoTime;
};

// Both times of the step into `stage` were recorded, not inferred (SPEC 4.1).
bool Recorded(const Model& model, std::size_t person, std::size_t stage) {
  return !model.Inferred(person, stage) && !model.Inferred(person, stage - 1);
}

std::optional<double> Ratio(std::int64_t num, std::int64_t den) {
  if (den == 0) return std::nullopt;  // SPEC 4: zero denominator → n/a, never 0
  return static_cast<double>(num) / static_cast<double>(den);
}

}  // namespace

std::vector<GroupKey> ParseGroupKeys(std::string_view text,
                                     const std::vector<std::string>& dimensions) {
  std::vector<GroupKey> keys;
  for (std::string_view part : SplitList(text)) {
    std::string name(part);
    GroupKey key;
    key.name = name;
    key.grain = ParseGrain(name);
    if (!key.grain && name != "source" && name != "campaign" && name != "owner") {
      auto it = std::find(dimensions.begin(), dimensions.end(), name);
      if (it == dimensions.end()) {
        std::string known = "source, campaign, owner, day, week, month, quarter";
        for (const auto& d : dimensions) known += ", " + d;
        ThrowUsage("--by " + name + ": no such dimension",
                   "known keys: " + known + " (map more in [file.dimensions] of baton.toml)");
      }
      key.dimension = static_cast<int>(it - dimensions.begin());
    }
    keys.push_back(std::move(key));
  }
  return keys;
}

std::string DimensionValue(const Model& model, std::size_t person, const GroupKey& key) {
  const Person& p = model.people[person];
  std::uint32_t id = 0;
  if (key.dimension >= 0) {
    id = model.Dimension(person, static_cast<std::size_t>(key.dimension));
  } else if (key.name == "source") {
    id = p.source;
  } else if (key.name == "campaign") {
    id = p.campaign;
  } else if (key.name == "owner") {
    id = p.owner;
  }
  return id ? std::string(model.strings.Get(id)) : std::string("(none)");
}

Instant GroupKeyOf(const Model& model, std::size_t person, Instant at,
                   const std::vector<GroupKey>& by, Zone tz, OwnerKey owner,
                   std::vector<std::string>& key) {
  key.clear();
  Instant start = kNoTime;
  for (const auto& k : by) {
    if (k.grain) {
      Bucket b = BucketOf(at, *k.grain, tz);
      key.push_back(b.label);
      start = std::max(start, b.start);
    } else if (owner == OwnerKey::kAtTime && k.name == "owner" && k.dimension < 0) {
      std::uint32_t id = model.OwnerAt(person, at);
      key.push_back(id ? std::string(model.strings.Get(id)) : "(none)");
    } else {
      key.push_back(DimensionValue(model, person, k));
    }
  }
  return start;
}

std::optional<double> Percentile(std::vector<double>& values, double p) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size()) / 100.0));
  return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

FunnelResult ComputeFunnel(const Model& model, const FunnelOptions& o) {
  const auto from = static_cast<std::size_t>(o.from_stage);
  const std::size_t shown = model.stages.size() - from;
  FunnelResult result;
  result.stages.assign(model.stages.begin() + o.from_stage, model.stages.end());

  std::map<std::vector<std::string>, Accumulator> groups;
  Accumulator total;
  auto init = [&](Accumulator& acc) {
    if (acc.counts.empty()) {
      acc.counts.assign(shown, 0);
      acc.days.resize(shown);
    }
  };
  init(total);
  std::vector<std::string> key;
  // The accumulator for a person, its key built from dimensions and the bucket of `t`.
  auto group_for = [&](std::size_t p, Instant t) -> Accumulator& {
    Instant start = GroupKeyOf(model, p, t, o.by, o.tz, OwnerKey::kCurrent, key);
    Accumulator& acc = groups[key];
    init(acc);
    acc.start = start;
    return acc;
  };
  auto count = [&](Accumulator& acc, std::size_t i, Instant entry) {
    ++acc.counts[i];
    if (i == 0) acc.earliest = acc.earliest == kNoTime ? entry : std::min(acc.earliest, entry);
  };
  const double window = o.window_days ? *o.window_days * kSecondsPerDay : 0;

  for (std::size_t p = 0; p < model.people.size(); ++p) {
    if (o.basis == Basis::kCohort) {
      Instant entry = model.StageTime(p, from);
      if (!IsKnownTime(entry) || !o.period.Contains(entry)) continue;
      Accumulator* acc = o.by.empty() ? nullptr : &group_for(p, entry);
      for (std::size_t i = 0; i < shown; ++i) {
        Instant t = model.StageTime(p, from + i);
        bool reached = t != kNoTime;
        if (o.window_days) {
          reached = IsKnownTime(t) && static_cast<double>(t - entry) <= window;
        }
        if (!reached) continue;
        count(total, i, entry);
        if (acc) count(*acc, i, entry);
        Instant prev = i ? model.StageTime(p, from + i - 1) : kNoTime;
        if (i && IsKnownTime(t) && IsKnownTime(prev) && Recorded(model, p, from + i)) {
          double d = static_cast<double>(t - prev) / kSecondsPerDay;
          total.days[i].push_back(d);
          if (acc) acc->days[i].push_back(d);
        }
      }
    } else {
      for (std::size_t i = 0; i < shown; ++i) {
        Instant t = model.StageTime(p, from + i);
        if (!IsKnownTime(t) || !o.period.Contains(t)) continue;
        Accumulator* acc = o.by.empty() ? nullptr : &group_for(p, t);
        count(total, i, t);
        if (acc) count(*acc, i, t);
        Instant prev = i ? model.StageTime(p, from + i - 1) : kNoTime;
        if (i && IsKnownTime(prev) && Recorded(model, p, from + i)) {
          double d = static_cast<double>(t - prev) / kSecondsPerDay;
          total.days[i].push_back(d);
          if (acc) acc->days[i].push_back(d);
        }
      }
    }
  }

  auto finish = [&](Accumulator& acc, std::vector<std::string> k, bool is_total) {
    FunnelGroup g;
    g.key = std::move(k);
    g.is_total = is_total;
    g.start = acc.start != kNoTime        ? acc.start
              : o.period.since != kNoTime ? o.period.since
                                          : acc.earliest;
    for (std::size_t i = 0; i < shown; ++i) {
      StageFigures f;
      f.count = acc.counts[i];
      if (i) f.step_rate = Ratio(acc.counts[i], acc.counts[i - 1]);
      if (o.basis == Basis::kCohort) f.cumulative = Ratio(acc.counts[i], acc.counts[0]);
      f.velocity_n = static_cast<std::int64_t>(acc.days[i].size());
      f.median_days = Percentile(acc.days[i], 50);
      f.p90_days = Percentile(acc.days[i], 90);
      g.stages.push_back(f);
    }
    return g;
  };
  FunnelGroup total_group = finish(total, {}, true);
  for (const auto& f : total_group.stages) {
    // Only a positive step can make a cohort too young (out-of-order data can be negative).
    if (f.median_days && *f.median_days > 0 &&
        (!result.slowest_median_days || *f.median_days > *result.slowest_median_days)) {
      result.slowest_median_days = f.median_days;
    }
  }
  auto immature = [&](const FunnelGroup& g) {
    return o.basis == Basis::kCohort && result.slowest_median_days && g.start != kNoTime &&
           static_cast<double>(model.as_of - g.start) <
               *result.slowest_median_days * kSecondsPerDay;
  };
  for (auto& [k, acc] : groups) {
    result.groups.push_back(finish(acc, k, false));
    result.groups.back().immature = immature(result.groups.back());
  }
  total_group.immature = immature(total_group);
  result.groups.push_back(std::move(total_group));
  return result;
}

}  // namespace baton
