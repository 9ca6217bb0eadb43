// The funnel model (SPEC 2): people merged across every input, their stage times
// under the skipped-stage policy, and the opportunities linked to them. Built once
// per run from canonical records; immutable afterwards. No I/O in the model
// itself: BuildModel calls the ingest layer, the ModelBuilder takes records.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "baton/config.h"
#include "baton/inputs.h"
#include "baton/key_index.h"
#include "baton/records.h"
#include "baton/string_index.h"
#include "baton/time.h"

namespace baton {

// Interned strings for people's dimensions: id 0 is the empty string.
class StringPool {
 public:
  StringPool() { index_.Insert({}); }
  std::uint32_t Intern(std::string_view text) {
    return text.empty() ? 0 : index_.Insert(text).first;  // most rows leave a few fields empty
  }
  // Valid until the next Intern.
  std::string_view Get(std::uint32_t id) const { return index_.Get(id); }
  std::size_t size() const { return index_.size(); }

 private:
  StringIndex index_;
};

// One merged human (SPEC 2.1). String fields are StringPool ids.
struct Person {
  Instant created_at = kNoTime;
  Instant assigned_at = kNoTime;
  std::uint32_t source = 0, campaign = 0, owner = 0;
  // The key shown for the person (its email, else its record id): an id in
  // Model::keys; Model::Label gives the text.
  std::uint32_t label = 0;
  double score = 0;
  std::uint32_t grade = 0;  // a grade or tier, the latest seen (0: none)
  bool has_score = false;
  bool has_email = false;
};

// One deal (SPEC 2.3).
struct Opportunity {
  Instant created_at = kNoTime;
  Instant close_date = kNoTime;
  double amount = 0;
  bool is_won = false;
  bool is_closed = false;
  std::uint32_t owner = 0;
  std::int32_t person = -1;  // the first linked person, -1 when linked to nobody
};

// Counts of what the model could not use or found suspicious (for `check` and footers).
struct ModelQuality {
  std::int64_t records_after_as_of = 0;  // person/opportunity rows created after as-of
  std::int64_t people_without_email = 0;
  std::int64_t orphan_opportunities = 0;     // linked to no person
  std::int64_t orphan_activities = 0;        // WhoId matches no person
  std::int64_t orphan_campaign_members = 0;  // member ids (lead/contact) matching no person
  // Person rows naming a campaign by an id that no campaign file read names (when
  // one was read): rows, and the first such ids with their row counts.
  std::int64_t unresolved_campaign_ids = 0;
  std::map<std::string, std::int64_t> unresolved_campaign_examples;
  std::int64_t orphan_stage_changes = 0;     // leads/deals with history but no row of their own
  std::int64_t out_of_order_people = 0;      // a stage time earlier than an earlier stage's
  std::int64_t duplicate_opportunities = 0;  // opportunity rows repeating an id (merged)
  std::int64_t values_after_as_of = 0;       // stage dates and history rows dated after as-of
  // Salesforce ids of distinct records that differ only in letter case: the same
  // record to a case-insensitive tool (Excel), two records to Salesforce and baton.
  std::int64_t id_case_collisions = 0;
  // Campaign touches folded into an earlier touch of the same person, campaign and
  // day (report tz): one response seen in two systems is one touch (SPEC 4.3).
  std::int64_t duplicate_touches = 0;
  std::vector<std::int64_t> unknown_time;  // per stage: people reached at an unknown time
};

struct Model {
  std::vector<std::string> stages;
  SkippedPolicy policy = SkippedPolicy::kInfer;
  Instant as_of = 0;
  StringPool strings;
  // Every person key the inputs named ("e:dana@norvale.example",
  // "salesforce:00Q…"): the identity map, by fingerprint; the text is kept for
  // the labels when the report asked for them (ModelBuilder::Needs::labels).
  // Empty when the report needs neither labels nor a second pass (Needs::labels).
  KeyIndex keys;
  std::vector<std::int32_t> person_of_key;  // keys id → person, -1 for no person
  std::vector<Person> people;
  // The text a report shows for a person: the label key without its namespace.
  std::string_view Label(const Person& p) const {
    std::string_view key = keys.Text(p.label);
    return key.substr(key.find(':') + 1);
  }
  // people.size() × stages.size(), row-major: a known Instant, kUnknownTime, or kNoTime.
  std::vector<Instant> stage_times;
  // Per person, bit k: stage k's time was inferred by the "infer" policy (SPEC 2.2),
  // not recorded. Velocity leaves inferred times out (SPEC 4.1: "both times known").
  std::vector<std::uint32_t> inferred;
  std::vector<std::string> dimensions;          // custom dimension names (Config::dimensions)
  std::vector<std::uint32_t> dimension_values;  // people × dimensions, StringPool ids
  std::vector<Opportunity> opportunities;
  std::int64_t activities = 0;
  // Sales touches per person, kept only when an [[sla]] rule ends at first_touch
  // (otherwise memory would grow with activity rows): person p's touches are
  // [touch_start[p], touch_start[p + 1]) of touch_times / touch_types (StringPool
  // ids), sorted by time.
  std::vector<std::uint32_t> touch_start;
  std::vector<Instant> touch_times;
  std::vector<std::uint32_t> touch_types;
  // Owner changes per person (Salesforce LeadHistory), sorted by time: person p's
  // are [owner_change_start[p], owner_change_start[p + 1]) of the arrays below
  // (StringPool ids). Empty when no input had owner history.
  std::vector<std::uint32_t> owner_change_start;
  std::vector<Instant> owner_change_times;
  std::vector<std::uint32_t> owner_change_old, owner_change_new;
  // Owners are identified by id and shown by name (SPEC 2.1: [owners], else a name
  // the exports give for the id, else the id): every owner field above holds the
  // name shown. Here, sorted, each (name shown, id) pair where the two differ.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> owner_ids;
  // Whether `owner` (a name shown) is `text`, or is shown for the id `text`.
  bool OwnerIs(std::uint32_t owner, std::string_view text) const {
    if (strings.Get(owner) == text) return true;
    auto it = std::lower_bound(owner_ids.begin(), owner_ids.end(), std::make_pair(owner, 0u));
    for (; it != owner_ids.end() && it->first == owner; ++it) {
      if (strings.Get(it->second) == text) return true;
    }
    return false;
  }
  // Score history per person (Marketo Change Score, LeadHistory rows of a score
  // field), sorted by time: person p's are [score_change_start[p],
  // score_change_start[p + 1]) of the arrays below; old values are NaN when the
  // row does not say. Empty when no input had score history.
  std::vector<std::uint32_t> score_change_start;
  std::vector<Instant> score_change_times;
  std::vector<double> score_change_values, score_change_old;
  // The person's score as it stood at t: the last change at or before t, else the
  // value the first change replaced; with no history, the current score
  // (`current` set). nullopt when nothing says.
  std::optional<double> ScoreAt(std::size_t person, Instant t, bool& current) const {
    current = false;
    if (!score_change_start.empty()) {
      std::uint32_t begin = score_change_start[person], end = score_change_start[person + 1];
      if (begin != end) {
        std::uint32_t i = begin;
        while (i < end && score_change_times[i] <= t) ++i;
        if (i > begin) return score_change_values[i - 1];
        if (score_change_old[begin] == score_change_old[begin]) return score_change_old[begin];
        return std::nullopt;  // history starts later and does not say what was before
      }
    }
    current = true;
    if (!people[person].has_score) return std::nullopt;
    return people[person].score;
  }
  // Campaign touchpoints per person (SPEC 4.3): responded campaign memberships and
  // the campaign named on person records (at the record's creation). Person p's are
  // [campaign_touch_start[p], campaign_touch_start[p + 1]), sorted by time; names
  // are StringPool ids of the campaign's name. Memory grows with memberships.
  std::vector<std::uint32_t> campaign_touch_start;
  std::vector<Instant> campaign_touch_times;
  std::vector<std::uint32_t> campaign_touch_names;
  // CRM campaigns: name → channel (Campaign Type), and id (without the system
  // prefix) → name, both StringPool ids, for matching spend to campaigns.
  std::unordered_map<std::uint32_t, std::uint32_t> campaign_channels;
  std::unordered_map<std::string, std::uint32_t> campaign_ids;
  // Spend as read, in `currency` (SPEC 4.2); cost matches it to campaigns.
  std::vector<SpendRecord> spend;
  std::string currency;
  ModelQuality quality;

  Instant StageTime(std::size_t person, std::size_t stage) const {
    return stage_times[person * stages.size() + stage];
  }
  bool Inferred(std::size_t person, std::size_t stage) const {
    return !inferred.empty() && (inferred[person] >> stage & 1u);
  }
  // The person's owner at t: the last recorded change at or before t, else the
  // owner before the first change, else the current owner (StringPool id).
  std::uint32_t OwnerAt(std::size_t person, Instant t) const {
    if (owner_change_start.empty()) return people[person].owner;
    std::uint32_t begin = owner_change_start[person], end = owner_change_start[person + 1];
    if (begin == end) return people[person].owner;
    std::uint32_t i = begin;
    while (i < end && owner_change_times[i] <= t) ++i;
    if (i > begin) return owner_change_new[i - 1];
    return owner_change_old[begin] ? owner_change_old[begin] : people[person].owner;
  }
  std::uint32_t Dimension(std::size_t person, std::size_t dim) const {
    return dimension_values[person * dimensions.size() + dim];
  }
};

// Documented limit: distinct person keys (ids and emails) in one run. Ids are
// 32-bit inside the model; past this the run ends with Error(kData), never a
// wrap-around that would merge strangers.
inline constexpr std::size_t kMaxPersonKeys = 1'000'000'000;

// Builds a Model from records (SPEC 2): union–find over keys, stage times by the
// precedence rules of SPEC 2.2, then the skipped-stage policy. Nothing after
// `as_of` exists (SPEC 3).
class ModelBuilder : public RecordSink {
 public:
  // What the report needs beyond people and their stage times.
  struct Needs {
    // Activities whose person is nobody and Salesforce ids that differ only in
    // letter case (for `check`).
    bool data_quality = true;
    // Sales touches (time and type) for [[sla]] rules ending at first_touch:
    //   kAll: every touch, in one pass (memory grows with activity rows);
    //   kFromPeople: only those of person rows (HubSpot's first engagement), the
    //     activity files' come from AddActivityTouches (sla, summary);
    //   kNone: none (funnel, cost, check).
    enum class Touches { kNone, kFromPeople, kAll };
    Touches touches = Touches::kAll;
    // The text of the keys people are shown by (Model::Label: sla, summary);
    // without it Label is "". Model::keys and person_of_key are kept only for
    // labels or for AddActivityTouches (touches kFromPeople); otherwise Finish
    // frees the identity map before it numbers the people (64 MB at 1 M people).
    bool labels = true;
    // The threads the run may use: with two or more, Finish faults in the pages of
    // the arrays it is about to fill on a second thread (PageWarmer).
    int threads = 1;
  };
  // Without data_quality and touches an activity is only counted, which spares a
  // person lookup per activity row.
  ModelBuilder(const Config& config, Instant as_of, Needs needs);
  ModelBuilder(const Config& config, Instant as_of) : ModelBuilder(config, as_of, Needs{}) {}
  ~ModelBuilder() override;

  void Person(const PersonRecord& record) override;
  void Opportunity(const OpportunityRecord& record) override;
  void StageChange(const StageChangeRecord& record) override;
  void Link(const LinkRecord& record) override;
  void Activity(const ActivityRecord& record) override;
  void CampaignMember(const CampaignMemberRecord& record) override;
  void Campaign(const CampaignRecord& record) override;
  void Spend(const SpendRecord& record) override;
  void ReportCurrency(std::string_view currency) override;
  void Prefetch(std::string_view person_key) override;
  // Whether Activity needs the record's person key, type and owner (see the
  // constructor); BuildModel reads with ReadOverrides::activity_details set from it.
  bool NeedsActivityDetails() const;

  // Resolves identities and stage times. Call once; the builder is spent afterwards.
  Model Finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Reads the inputs and builds the model. `stats` receives what happened to each file.
// overrides.data_quality is also the model's (ModelBuilder::Needs).
Model BuildModel(const std::vector<InputSpec>& inputs, const Config& config,
                 const ReadOverrides& overrides, Instant as_of,
                 const std::function<void(const Reject&)>& on_reject, std::vector<FileStats>& stats,
                 ModelBuilder::Needs::Touches touches = ModelBuilder::Needs::Touches::kAll,
                 bool labels = true);

// What one [[sla]] rule ending at first_touch asks of the activity files.
struct TouchQuery {
  std::vector<Instant> start;      // per person: the rule's start; kNoTime: no start
  int touches = 1;                 // the N-th qualifying touch at or after the start ends it
  std::vector<std::string> types;  // admitted activity types (any letter case); empty: all
};

// The second pass of sla and summary: reads the activity files among `inputs`
// again and adds to the model's touches, per person and query, the first
// `touches` qualifying touches at or after the start: everything a first_touch
// rule can look at. So memory grows with people and rules, not with activity
// rows. The first pass counted and rejected these rows; here they are only read
// (a row it rejected is rejected again, silently). Nothing after as-of is added.
void AddActivityTouches(Model& model, const std::vector<InputSpec>& inputs, const Config& config,
                        const ReadOverrides& overrides, const std::vector<TouchQuery>& queries);

}  // namespace baton
