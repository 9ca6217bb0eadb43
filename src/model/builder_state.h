// Internal to the model layer: the state a ModelBuilder folds records into,
// shared by builder.cpp (folding records as they arrive) and resolve.cpp
// (Finish: identities, stage-time rules, the skipped-stage policy).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "baton/error.h"
#include "baton/key_index.h"
#include "baton/model.h"
#include "baton/pod_array.h"
#include "baton/string_index.h"

namespace baton {

inline Instant Min(Instant a, Instant b) {
  if (a == kNoTime) return b;
  if (b == kNoTime) return a;
  return std::min(a, b);
}

// Earlier of two record times for "first touch" choices; unknown times sort last.
inline bool Earlier(Instant a, Instant b) {
  if (a == kNoTime) return false;
  return b == kNoTime || a < b;
}

// Disjoint sets over interned keys (union by rank, path halving). Which member
// is a set's root never matters: people are numbered by their first row.
class UnionFind {
 public:
  std::uint32_t Add() {
    parent_.push_back(static_cast<std::uint32_t>(parent_.size()));
    rank_.push_back(0);
    return parent_.back();
  }
  std::uint32_t Find(std::uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  void Union(std::uint32_t a, std::uint32_t b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return;
    if (rank_[a] < rank_[b]) std::swap(a, b);
    parent_[b] = a;
    if (rank_[a] == rank_[b]) ++rank_[a];  // a rank stays below 32
  }
  std::size_t size() const { return parent_.size(); }

 private:
  PodArray<std::uint32_t> parent_;
  PodArray<std::uint8_t> rank_;  // a byte a key, where sizes took four
};

// One person row, folded: what SPEC 2.1/2.2 needs from it.
// (Fields ordered by size: 56 bytes, one per person row; the label key, which
// only some reports show, is kept beside them: contribution_labels.)
struct Contribution {
  Instant created_at, assigned_at;
  double score;
  std::uint32_t node;
  std::uint32_t source, campaign, owner, grade;
  std::uint32_t status_mask;  // rule 5 stages
  std::uint32_t late_mask;    // stages whose dates fell after as-of
  bool has_score, has_email;
  bool owned_by_user;  // assigned at creation unless owner history says otherwise
};
static_assert(sizeof(Contribution) == 56);

struct PendingOpportunity {
  bool defined = false;
  Instant created_at = kNoTime, close_date = kNoTime;
  double amount = 0;
  bool is_won = false, is_closed = false;
  std::uint32_t owner = 0;
  std::vector<std::uint32_t> people;  // person-key nodes
  std::vector<Instant> history;       // rule 2, per stage (empty until needed)
  std::uint32_t late_mask = 0;        // stages it reached only after as-of
};

// One campaign touchpoint of a person (a responded membership, a campaign named on
// a person record); `name` is the campaign's name (StringPool id). 16 bytes: one per
// membership and person row with a campaign, sorted in Finish.
struct CampaignTouch {
  Instant at;
  std::uint32_t person;
  std::uint32_t name;
  bool operator<(const CampaignTouch& o) const {
    return std::tie(person, at, name) < std::tie(o.person, o.at, o.name);
  }
};

struct Folding;   // Finish's per-person scratch (resolve.cpp)
class RuleTimes;  // SPEC 2.2's rule precedence (resolve.cpp)

struct ModelBuilder::State {
  const Config& config;
  Instant as_of;
  std::size_t stages;
  StringPool strings;
  UnionFind sets;
  KeyIndex nodes;              // person key → union–find node (the same dense ids)
  KeyIndex opportunity_index;  // opportunity key → index into opportunities (no text kept)
  std::vector<PendingOpportunity> opportunities;
  PodArray<Contribution> contributions;
  // Rule 1 times, sparse: most rows carry one or two stage-date columns, if any.
  struct StageDate {
    // The person row (an index into contributions), and from StageDatesByPerson
    // on, in Finish, the person: the rows are let go before the stage times are made.
    std::uint32_t row;
    std::uint32_t stage;
    Instant at;
  };
  PodArray<StageDate> stage_dates;
  PodArray<std::uint32_t> contribution_dims;  // contributions × dimensions
  // Per contribution, the key shown for the person (the email, else the id): only
  // when the model keeps the keys (keep_keys), which a label needs.
  PodArray<std::uint32_t> contribution_labels;
  std::unordered_map<std::uint32_t, std::vector<Instant>> person_history;  // node → rule 2
  // Owner changes of leads (LeadHistory), owners as StringPool ids.
  struct OwnerChange {
    std::uint32_t node;
    Instant at;
    std::uint32_t old_owner, new_owner;
    bool owner_is_id, to_queue, from_user;
  };
  std::vector<OwnerChange> owner_changes;
  // Score changes of people (Marketo Change Score, LeadHistory of a score field).
  struct ScoreChange {
    std::uint32_t node;
    Instant at;
    double score;
    double old_score;  // NaN: not said
  };
  std::vector<ScoreChange> score_changes;
  // Names the exports give owner ids (SPEC 2.1): a history row's name twin, an
  // owner-name column. Per owner id (StringPool id): the latest-dated name.
  struct ExportedName {
    Instant at;
    std::uint32_t name;
  };
  std::unordered_map<std::uint32_t, ExportedName> owner_names;
  std::unordered_set<std::uint32_t> owner_history_nodes;  // nodes with any owner change
  // Nodes whose first owner change moved them from a user to another user: a
  // rep's since their creation, so assigned when created.
  std::unordered_set<std::uint32_t> created_with_user;
  // Activities per person-key node (memory grows with keys, not activity rows).
  std::vector<std::uint32_t> activities_per_node;
  // Kept only when a rule needs first_touch: (node, time, type string id).
  bool keep_touches = false;
  // ModelBuilder's data_quality: look for what only `check` and `summary` report.
  bool data_quality = true;
  // Which person keys keep their text: the keys a person may be shown by
  // (Needs::labels), or every key (data_quality: the case-collision count).
  KeyIndex::KeepText label_text = KeyIndex::KeepText::kYes;
  KeyIndex::KeepText other_text = KeyIndex::KeepText::kYes;
  // Whether the model keeps the identity map (Needs::labels).
  bool keep_keys = true;
  bool all_touches = true;  // Needs::Touches::kAll (else only person rows' touches)
  // Whether Finish faults in its arrays' pages on a second thread (Needs::threads).
  bool warm_pages = false;
  // Whether activities are looked up at all (data_quality, or touches kept).
  bool resolve_activities = true;
  struct Touch {
    std::uint32_t node;
    std::uint32_t type;
    Instant at;
  };
  PodArray<Touch> touch_rows;
  std::int64_t activities = 0;
  // Responded campaign memberships: (person-key node, time, campaign key id).
  struct Membership {
    std::uint32_t node;
    std::uint32_t campaign;
    Instant at;
  };
  PodArray<Membership> memberships;
  StringIndex campaign_keys;
  std::unordered_map<std::string, std::string> campaign_names;     // key → name
  std::unordered_map<std::string, std::string> campaign_channels;  // key → channel
  std::vector<SpendRecord> spend;
  std::string currency;
  std::int64_t after_as_of = 0;
  std::int64_t duplicate_opportunities = 0;
  std::int64_t late_values = 0;
  // Stages with evidence dated after as-of, per person-key node: a current status
  // must not bring such a stage back as "reached at an unknown time" (SPEC 3).
  std::unordered_map<std::uint32_t, std::uint32_t> late_nodes;

  State(const Config& c, Instant a) : config(c), as_of(a), stages(c.stages.size()) {}

  // Finish's steps, in order (resolve.cpp).
  Model StartModel();
  void NumberPeople(Folding& f, Model& m);
  void FoldPersonRows(Folding& f, Model& m);
  void AssignAtCreation(const Folding& f, Model& m) const;
  void StageDatesByPerson(const Folding& f);
  void ReleasePersonRows();
  void OfferStageDates(RuleTimes& rules);
  void LinkOpportunities(Folding& f) const;
  void OfferHistory(Folding& f, Model& m, RuleTimes& rules) const;
  void OfferOpportunities(const Folding& f, Model& m, RuleTimes& rules) const;
  void GroupTouches(const Folding& f, Model& m);
  void FillStages(const Folding& f, Model& m) const;
  // Finish's owner step (resolve.cpp): assigned_at and the owner timeline.
  void ResolveOwners(const std::vector<std::int32_t>& person_of_node, Model& m);
  // Finish's score step: the score history per person, by time.
  void ResolveScores(const std::vector<std::int32_t>& person_of_node, Model& m) const;
  // Records that the export names owner id `id` as `name` at `at`: the latest
  // name wins, then the first in text order (so file order never decides).
  void NameOwner(const StringPool& pool, std::uint32_t id, std::uint32_t name, Instant at);
  // Finish's last owner step (resolve.cpp): every owner shown by its name (SPEC
  // 2.1: [owners], else a name the exports give for the id, else the id).
  void NameOwners(Model& m) const;
  // A campaign a person row names by its id (Zoho: Campaign Id in deals, names in
  // Campaigns) becomes the campaign's name, when a campaign file names that id.
  void ResolveCampaignIds(Model& m);
  // Finish's campaign steps (resolve.cpp): the touchpoints of memberships and person
  // rows; then, sorted, the model's touches, campaign ids and channels, spend.
  std::vector<CampaignTouch> CampaignTouches(const std::vector<std::int32_t>& person_of_node,
                                             Model& m);
  void ResolveCampaigns(std::vector<CampaignTouch> touches, std::vector<Instant>& campaign_at,
                        Model& m);

  std::uint32_t Node(std::string_view key) { return Node(key, other_text); }
  std::uint32_t Node(std::string_view key, KeyIndex::KeepText keep) {
    auto [id, added] = nodes.Insert(key, keep);
    if (added) {
      if (nodes.size() > kMaxPersonKeys) {
        throw Error(ExitCode::kData, {}, "more than 1,000,000,000 distinct person ids and emails",
                    "split the inputs (by period or region) and run baton on each part");
      }
      sets.Add();
    }
    return id;
  }
  std::uint32_t OpportunityIndex(std::string_view key) {
    auto [id, added] = opportunity_index.Insert(key, KeyIndex::KeepText::kNo);
    if (added) opportunities.emplace_back();
    return id;
  }
  Instant Cap(Instant t) const { return t != kNoTime && t > as_of ? kNoTime : t; }
};

}  // namespace baton
