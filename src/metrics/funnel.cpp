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
  auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size()) / 100.0));
  // The value a full sort would put there (a sort took 3 % of a 1 M-people funnel).
  const auto at = values.begin() +
                  static_cast<std::ptrdiff_t>(std::clamp<std::size_t>(rank, 1, values.size()) - 1);
  std::nth_element(values.begin(), at, values.end());
  return *at;
}

namespace {

// ComputeFunnel's phases (SPEC 4.1): each person counted at the stages they reached
// (cohort) or entered in the period (period basis), with velocity samples; then
// each group's figures, and which cohorts are too young to judge.
class StageCounter {
 public:
  StageCounter(const Model& model, const FunnelOptions& o)
      : model_(model),
        o_(o),
        from_(static_cast<std::size_t>(o.from_stage)),
        shown_(model.stages.size() - from_),
        window_(o.window_days ? *o.window_days * kSecondsPerDay : 0) {
    Init(total_);
  }

  // Cohort basis: the people whose time at the entry stage falls in the period,
  // followed to as-of (within the window, when one is given).
  void CountCohort(std::size_t p);
  // Period basis: every stage the person entered in the period.
  void CountPeriod(std::size_t p);
  FunnelResult Result();

 private:
  void Init(Accumulator& acc) const {
    if (acc.counts.empty()) {
      acc.counts.assign(shown_, 0);
      acc.days.resize(shown_);
    }
  }
  // The accumulator for a person, its key built from dimensions and the bucket of `t`.
  Accumulator* GroupFor(std::size_t p, Instant t) {
    if (o_.by.empty()) return nullptr;
    Instant start = GroupKeyOf(model_, p, t, o_.by, o_.tz, OwnerKey::kCurrent, key_);
    Accumulator& acc = groups_[key_];
    Init(acc);
    acc.start = start;
    return &acc;
  }
  void Count(Accumulator* acc, std::size_t i, Instant entry) {
    for (Accumulator* a : {&total_, acc}) {
      if (!a) continue;
      ++a->counts[i];
      if (i == 0 && IsKnownTime(entry)) {
        a->earliest = a->earliest == kNoTime ? entry : std::min(a->earliest, entry);
      }
    }
  }
  // A velocity sample for the step into shown stage i (SPEC 4.1: both times recorded).
  void Sample(Accumulator* acc, std::size_t p, std::size_t i, Instant t, Instant prev) {
    if (!i || !IsKnownTime(t) || !IsKnownTime(prev) || !Recorded(model_, p, from_ + i)) return;
    double d = static_cast<double>(t - prev) / kSecondsPerDay;
    total_.days[i].push_back(d);
    if (acc) acc->days[i].push_back(d);
  }
  FunnelGroup Finish(Accumulator& acc, std::vector<std::string> key, bool is_total) const;
  bool Immature(const FunnelGroup& g, const std::optional<double>& slowest) const {
    return o_.basis == Basis::kCohort && slowest && g.start != kNoTime &&
           static_cast<double>(model_.as_of - g.start) < *slowest * kSecondsPerDay;
  }

  const Model& model_;
  const FunnelOptions& o_;
  const std::size_t from_, shown_;
  const double window_;
  std::map<std::vector<std::string>, Accumulator> groups_;
  Accumulator total_;
  std::vector<std::string> key_;
  const bool by_time_ = std::any_of(o_.by.begin(), o_.by.end(),
                                    [](const GroupKey& k) { return k.grain.has_value(); });
  std::int64_t unknown_entry_counted_ = 0, unknown_entry_left_out_ = 0;
  std::int64_t unknown_later_counted_ = 0, unknown_later_not_counted_ = 0;
};

void StageCounter::CountCohort(std::size_t p) {
  Instant entry = model_.StageTime(p, from_);
  if (entry == kNoTime) return;
  const bool known = IsKnownTime(entry);
  if (known && !o_.period.Contains(entry)) return;
  if (!known) {  // SPEC 2.2 rule 5: all time holds every time, a dated period cannot place it
    if (o_.period.Dated(model_.as_of) || by_time_) {
      ++unknown_entry_left_out_;
      return;
    }
    ++unknown_entry_counted_;
  }
  Accumulator* acc = GroupFor(p, entry);
  for (std::size_t i = 0; i < shown_; ++i) {
    Instant t = model_.StageTime(p, from_ + i);
    bool reached = t != kNoTime;
    if (o_.window_days && i > 0) {
      reached = known && IsKnownTime(t) && static_cast<double>(t - entry) <= window_;
    }
    if (i > 0 && t != kNoTime && !IsKnownTime(t)) {
      ++(reached ? unknown_later_counted_ : unknown_later_not_counted_);
    }
    if (!reached) continue;
    Count(acc, i, entry);
    Sample(acc, p, i, t, i ? model_.StageTime(p, from_ + i - 1) : kNoTime);
  }
}

void StageCounter::CountPeriod(std::size_t p) {
  for (std::size_t i = 0; i < shown_; ++i) {
    Instant t = model_.StageTime(p, from_ + i);
    if (!IsKnownTime(t) || !o_.period.Contains(t)) continue;
    Accumulator* acc = GroupFor(p, t);
    Count(acc, i, t);
    Sample(acc, p, i, t, i ? model_.StageTime(p, from_ + i - 1) : kNoTime);
  }
}

FunnelGroup StageCounter::Finish(Accumulator& acc, std::vector<std::string> key,
                                 bool is_total) const {
  FunnelGroup g;
  g.key = std::move(key);
  g.is_total = is_total;
  g.start = acc.start != kNoTime         ? acc.start
            : o_.period.since != kNoTime ? o_.period.since
                                         : acc.earliest;
  for (std::size_t i = 0; i < shown_; ++i) {
    StageFigures f;
    f.count = acc.counts[i];
    if (i) f.step_rate = Ratio(acc.counts[i], acc.counts[i - 1]);
    if (o_.basis == Basis::kCohort) f.cumulative = Ratio(acc.counts[i], acc.counts[0]);
    f.velocity_n = static_cast<std::int64_t>(acc.days[i].size());
    f.median_days = Percentile(acc.days[i], 50);
    f.p90_days = Percentile(acc.days[i], 90);
    g.stages.push_back(f);
  }
  return g;
}

FunnelResult StageCounter::Result() {
  FunnelResult result;
  result.stages.assign(model_.stages.begin() + o_.from_stage, model_.stages.end());
  FunnelGroup total_group = Finish(total_, {}, true);
  for (const auto& f : total_group.stages) {
    // Only a positive step can make a cohort too young (out-of-order data can be negative).
    if (f.median_days && *f.median_days > 0 &&
        (!result.slowest_median_days || *f.median_days > *result.slowest_median_days)) {
      result.slowest_median_days = f.median_days;
    }
  }
  for (auto& [k, acc] : groups_) {
    result.groups.push_back(Finish(acc, k, false));
    result.groups.back().immature = Immature(result.groups.back(), result.slowest_median_days);
  }
  total_group.immature = Immature(total_group, result.slowest_median_days);
  result.unknown_entry_counted = unknown_entry_counted_;
  result.unknown_entry_left_out = unknown_entry_left_out_;
  result.unknown_later_counted = unknown_later_counted_;
  result.unknown_later_not_counted = unknown_later_not_counted_;
  result.groups.push_back(std::move(total_group));
  return result;
}

}  // namespace

FunnelResult ComputeFunnel(const Model& model, const FunnelOptions& o) {
  StageCounter counter(model, o);
  for (std::size_t p = 0; p < model.people.size(); ++p) {
    if (o.basis == Basis::kCohort) {
      counter.CountCohort(p);
    } else {
      counter.CountPeriod(p);
    }
  }
  return counter.Result();
}

}  // namespace baton
