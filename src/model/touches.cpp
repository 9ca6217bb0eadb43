// AddActivityTouches (model.h): the second pass of sla and summary. The first pass
// kept no touch of an activity file (only counted them); now that every rule's
// start is known per person, one more read keeps, per rule and person, only the
// first N qualifying touches at or after the start, and merges them into the
// model's touch lists. A touch kept for several rules is stored once.
#include <algorithm>
#include <tuple>

#include "baton/model.h"
#include "baton/values.h"

namespace baton {
namespace {

// A touch a rule may look at: its time, type (a StringPool id) and row (to merge
// the rules' picks without counting one row twice).
struct Kept {
  Instant at = kNoTime;
  std::uint32_t type = 0;
  std::uint32_t row = 0;
};

class TouchCollector : public RecordSink {
 public:
  TouchCollector(Model& model, const std::vector<TouchQuery>& queries)
      : model_(model), queries_(queries), kept_(queries.size()) {
    for (std::size_t q = 0; q < queries.size(); ++q) {
      kept_[q].assign(model.people.size() * static_cast<std::size_t>(queries[q].touches), Kept{});
    }
  }

  void Activity(const ActivityRecord& r) override {
    ++row_;
    // (see the first pass); an all-day event has a day, not a time: never a first touch
    if (r.from_person || r.day_only || r.at == kNoTime || r.at > model_.as_of) return;
    auto key = model_.keys.Find(r.person_key);
    if (!key) return;
    const std::int32_t person = model_.person_of_key[*key];
    if (person < 0) return;
    const auto p = static_cast<std::size_t>(person);
    std::uint32_t type = 0;
    bool interned = false;
    for (std::size_t q = 0; q < queries_.size(); ++q) {
      const TouchQuery& query = queries_[q];
      const Instant start = query.start[p];
      if (start == kNoTime || r.at < start) continue;
      if (!query.types.empty() &&
          std::none_of(query.types.begin(), query.types.end(),
                       [&](const std::string& t) { return EqualsIgnoringCase(t, r.type); })) {
        continue;
      }
      // The first `touches` by time: insert into the sorted slots, dropping the last.
      const auto n = static_cast<std::size_t>(query.touches);
      Kept* slots = &kept_[q][p * n];
      if (slots[n - 1].at != kNoTime && slots[n - 1].at <= r.at) continue;
      if (!interned) {
        type = model_.strings.Intern(r.type);
        interned = true;
      }
      std::size_t i = n - 1;
      while (i > 0 && (slots[i - 1].at == kNoTime || slots[i - 1].at > r.at)) {
        slots[i] = slots[i - 1];
        --i;
      }
      slots[i] = {r.at, type, row_};
    }
  }
  void Person(const PersonRecord&) override {}
  void Opportunity(const OpportunityRecord&) override {}
  void StageChange(const StageChangeRecord&) override {}
  void Link(const LinkRecord&) override {}
  void CampaignMember(const CampaignMemberRecord&) override {}
  void Campaign(const CampaignRecord&) override {}
  void Spend(const SpendRecord&) override {}

  // The model's touch lists, with the kept touches added, each person's sorted by time.
  void Merge() {
    const std::size_t count = model_.people.size();
    std::vector<std::uint32_t> start(count + 1, 0);
    std::vector<Instant> times;
    std::vector<std::uint32_t> types;
    std::vector<std::tuple<Instant, std::uint32_t, std::uint32_t>> one;  // at, type, row
    for (std::size_t p = 0; p < count; ++p) {
      one.clear();
      if (!model_.touch_start.empty()) {
        for (auto i = model_.touch_start[p]; i < model_.touch_start[p + 1]; ++i) {
          one.emplace_back(model_.touch_times[i], model_.touch_types[i], 0);  // person rows
        }
      }
      for (std::size_t q = 0; q < queries_.size(); ++q) {
        const auto n = static_cast<std::size_t>(queries_[q].touches);
        for (std::size_t i = 0; i < n; ++i) {
          const Kept& k = kept_[q][p * n + i];
          if (k.at != kNoTime) one.emplace_back(k.at, k.type, k.row);
        }
      }
      std::sort(one.begin(), one.end());
      // One activity row kept for two rules is one touch (person-row touches: row 0).
      one.erase(
          std::unique(one.begin(), one.end(),
                      [](const auto& a, const auto& b) { return std::get<2>(a) != 0 && a == b; }),
          one.end());
      for (const auto& [at, type, row] : one) {
        times.push_back(at);
        types.push_back(type);
      }
      start[p + 1] = static_cast<std::uint32_t>(times.size());
    }
    model_.touch_start = std::move(start);
    model_.touch_times = std::move(times);
    model_.touch_types = std::move(types);
  }

 private:
  Model& model_;
  const std::vector<TouchQuery>& queries_;
  std::vector<std::vector<Kept>> kept_;  // per query: people × touches, sorted by time
  std::uint32_t row_ = 0;
};

}  // namespace

void AddActivityTouches(Model& model, const std::vector<InputSpec>& inputs, const Config& config,
                        const ReadOverrides& overrides, const std::vector<TouchQuery>& queries) {
  if (queries.empty()) return;
  TouchCollector collector(model, queries);
  ReadOverrides read = overrides;
  read.data_quality = false;
  read.activity_details = true;
  if (!inputs.empty()) ReadInputs(inputs, config, read, collector, [](const Reject&) {});
  collector.Merge();
}

}  // namespace baton
