// ModelBuilder: canonical records → merged people with stage times (SPEC 2).
// Records are folded as they arrive, so memory grows with people and
// opportunities, not with history or activity rows (an activity costs one key id).
#include <algorithm>
#include <numeric>
#include <span>

#include "baton/error.h"
#include "baton/model.h"

namespace baton {
namespace {

Instant Min(Instant a, Instant b) {
  if (a == kNoTime) return b;
  if (b == kNoTime) return a;
  return std::min(a, b);
}

// Earlier of two record times for "first touch" choices; unknown times sort last.
bool Earlier(Instant a, Instant b) {
  if (a == kNoTime) return false;
  return b == kNoTime || a < b;
}

// Disjoint sets over interned keys (union by size, path halving).
class UnionFind {
 public:
  std::uint32_t Add() {
    parent_.push_back(static_cast<std::uint32_t>(parent_.size()));
    size_.push_back(1);
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
    if (size_[a] < size_[b]) std::swap(a, b);
    parent_[b] = a;
    size_[a] += size_[b];
  }
  std::size_t size() const { return parent_.size(); }

 private:
  std::vector<std::uint32_t> parent_, size_;
};

}  // namespace

// One person row, folded: what SPEC 2.1/2.2 needs from it.
struct Contribution {
  std::uint32_t node;
  Instant created_at, assigned_at;
  std::uint32_t source, campaign, owner;
  std::uint32_t label_node;  // the key shown for the person: the email, else the id
  double score;
  bool has_score, has_email;
  std::uint32_t status_mask;  // rule 5 stages
  std::uint32_t late_mask;    // stages whose dates fell after as-of
};

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

struct ModelBuilder::State {
  const Config& config;
  Instant as_of;
  std::size_t stages;
  StringPool strings;
  UnionFind sets;
  StringIndex nodes;              // person key → union–find node (the same dense ids)
  StringIndex opportunity_index;  // opportunity key → index into opportunities
  std::vector<PendingOpportunity> opportunities;
  std::vector<Contribution> contributions;
  // Rule 1 times, sparse: most rows carry one or two stage-date columns, if any.
  struct StageDate {
    std::uint32_t contribution;
    std::uint32_t stage;
    Instant at;
  };
  std::vector<StageDate> stage_dates;
  std::vector<std::uint32_t> contribution_dims;  // contributions × dimensions
  std::unordered_map<std::uint32_t, std::vector<Instant>> person_history;  // node → rule 2
  std::unordered_map<std::uint32_t, Instant> owner_changes;  // node → first owner change
  // Activities per person-key node (memory grows with keys, not activity rows).
  std::vector<std::uint32_t> activities_per_node;
  std::int64_t activities = 0;
  // The earliest campaign membership per person-key node: (time, campaign key id).
  std::unordered_map<std::uint32_t, std::pair<Instant, std::uint32_t>> first_touch;
  StringIndex campaign_keys;
  std::unordered_map<std::string, std::string> campaign_names;
  std::int64_t after_as_of = 0;
  std::int64_t duplicate_opportunities = 0;
  std::int64_t late_values = 0;
  // Stages with evidence dated after as-of, per person-key node: a current status
  // must not bring such a stage back as "reached at an unknown time" (SPEC 3).
  std::unordered_map<std::uint32_t, std::uint32_t> late_nodes;

  State(const Config& c, Instant a) : config(c), as_of(a), stages(c.stages.size()) {}

  std::uint32_t Node(std::string_view key) {
    auto [id, added] = nodes.Insert(key);
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
    auto [id, added] = opportunity_index.Insert(key);
    if (added) opportunities.emplace_back();
    return id;
  }
  Instant Cap(Instant t) const { return t != kNoTime && t > as_of ? kNoTime : t; }
};

ModelBuilder::ModelBuilder(const Config& config, Instant as_of)
    : state_(std::make_unique<State>(config, as_of)) {}
ModelBuilder::~ModelBuilder() = default;

void ModelBuilder::Person(const PersonRecord& r) {
  State& s = *state_;
  if (r.created_at != kNoTime && r.created_at > s.as_of) {
    ++s.after_as_of;  // SPEC 3: records created after as-of do not exist yet
    return;
  }
  std::uint32_t node = s.Node(r.keys.front());
  for (std::size_t i = 1; i < r.keys.size(); ++i) s.sets.Union(node, s.Node(r.keys[i]));
  for (const auto& key : r.linked_keys) s.sets.Union(node, s.Node(key));
  for (const auto& key : r.opportunity_keys) {
    s.opportunities[s.OpportunityIndex(key)].people.push_back(node);
  }
  Contribution c{};
  c.node = node;
  c.created_at = r.created_at;
  c.assigned_at = s.Cap(r.assigned_at);
  c.source = s.strings.Intern(r.source);
  c.campaign = s.strings.Intern(r.campaign);
  c.owner = s.strings.Intern(r.owner);
  c.label_node = node;
  for (std::size_t i = 1; i < r.keys.size(); ++i) {
    if (r.keys[i].rfind("e:", 0) == 0) c.label_node = s.Node(r.keys[i]);
  }
  c.has_score = r.score.has_value();
  c.score = r.score.value_or(0);
  c.has_email = r.keys.size() > 1 || r.keys.front().rfind("e:", 0) == 0;
  for (int stage : r.status_stages) c.status_mask |= 1u << stage;
  const auto index = static_cast<std::uint32_t>(s.contributions.size());
  for (std::size_t k = 0; k < s.stages; ++k) {
    Instant at = s.Cap(r.stage_dates[k]);
    if (at != kNoTime) s.stage_dates.push_back({index, static_cast<std::uint32_t>(k), at});
    if (r.stage_dates[k] != kNoTime && at == kNoTime) {
      c.late_mask |= 1u << k;
      ++s.late_values;
    }
  }
  for (const auto& dim : r.dimensions) s.contribution_dims.push_back(s.strings.Intern(dim));
  s.contributions.push_back(c);
}

void ModelBuilder::Opportunity(const OpportunityRecord& r) {
  State& s = *state_;
  PendingOpportunity& o = s.opportunities[s.OpportunityIndex(r.key)];
  for (const auto& key : r.person_keys) o.people.push_back(s.Node(key));
  const int opp_stage = s.config.StageIndex(s.config.opportunity_stage);
  const int won_stage = s.config.StageIndex(s.config.won_stage);
  if (r.created_at != kNoTime && r.created_at > s.as_of) {
    ++s.after_as_of;  // SPEC 3: it does not exist yet, and neither do its stages
    if (opp_stage >= 0) o.late_mask |= 1u << opp_stage;
    if (won_stage >= 0 && r.is_won) o.late_mask |= 1u << won_stage;
    return;
  }
  Instant close = s.Cap(r.close_date);
  // SPEC 3: a deal closed after as-of is still open at as-of.
  bool won = r.is_won && close != kNoTime;
  if (r.is_won && !won && won_stage >= 0) o.late_mask |= 1u << won_stage;
  if (o.defined) {
    // The same deal in two rows (or files): keep what either knows, count it.
    ++s.duplicate_opportunities;
    o.created_at = Min(o.created_at, r.created_at);
    o.close_date = Min(o.close_date, close);
    o.amount = o.amount != 0 ? o.amount : r.amount;
    o.is_won = o.is_won || won;
    o.is_closed = o.is_closed || (r.is_closed && close != kNoTime);
    if (!o.owner) o.owner = s.strings.Intern(r.owner);
    return;
  }
  o.defined = true;
  o.created_at = r.created_at;
  o.close_date = close;
  o.amount = r.amount;
  o.is_won = won;
  o.is_closed = r.is_closed && close != kNoTime;
  o.owner = s.strings.Intern(r.owner);
}

void ModelBuilder::StageChange(const StageChangeRecord& r) {
  State& s = *state_;
  if (r.at > s.as_of) {
    ++s.late_values;
    if (r.is_owner_change) return;
    std::uint32_t bit = 1u << r.stage;
    if (r.subject_is_opportunity) {
      s.opportunities[s.OpportunityIndex(r.subject_key)].late_mask |= bit;
    } else {
      s.late_nodes[s.Node(r.subject_key)] |= bit;
    }
    return;
  }
  if (r.is_owner_change) {
    auto [it, added] = s.owner_changes.try_emplace(s.Node(r.subject_key), r.at);
    if (!added) it->second = std::min(it->second, r.at);
    return;
  }
  std::vector<Instant>* history;
  if (r.subject_is_opportunity) {
    history = &s.opportunities[s.OpportunityIndex(r.subject_key)].history;
  } else {
    history = &s.person_history[s.Node(r.subject_key)];
  }
  if (history->empty()) history->assign(s.stages, kNoTime);
  Instant& slot = (*history)[static_cast<std::size_t>(r.stage)];
  slot = Min(slot, r.at);
}

void ModelBuilder::Link(const LinkRecord& r) {
  State& s = *state_;
  s.opportunities[s.OpportunityIndex(r.opportunity_key)].people.push_back(s.Node(r.person_key));
}

void ModelBuilder::Activity(const ActivityRecord& r) {
  State& s = *state_;
  if (r.at > s.as_of) return;
  std::uint32_t node = s.Node(r.person_key);
  if (s.activities_per_node.size() <= node) s.activities_per_node.resize(node + 1, 0);
  ++s.activities_per_node[node];
  ++s.activities;
}

void ModelBuilder::CampaignMember(const CampaignMemberRecord& r) {
  State& s = *state_;
  if (r.at != kNoTime && r.at > s.as_of) return;
  std::uint32_t campaign = s.campaign_keys.Insert(r.campaign_key).first;
  auto [it, added] = s.first_touch.try_emplace(s.Node(r.person_key), r.at, campaign);
  if (!added && Earlier(r.at, it->second.first)) it->second = {r.at, campaign};
}

void ModelBuilder::Campaign(const CampaignRecord& r) { state_->campaign_names[r.key] = r.name; }

}  // namespace baton

namespace baton {
namespace {

// SPEC 2.2, skipped stages under "infer": a missing stage k takes the minimum of
// the known times of the stages after it, or an unknown time when every later
// stage reached has an unknown time.
// Returns the stages it filled, as bits.
std::uint32_t InferSkipped(Instant* times, std::size_t stages) {
  std::uint32_t filled = 0;
  Instant later_known = kNoTime;
  bool later_unknown = false;
  for (std::size_t k = stages; k-- > 0;) {
    Instant& t = times[k];
    if (t == kNoTime) {
      if (later_known != kNoTime) {
        t = later_known;
        filled |= 1u << k;
      } else if (later_unknown) {
        t = kUnknownTime;
        filled |= 1u << k;
      }
    } else if (t == kUnknownTime) {
      later_unknown = true;
    } else {
      later_known = Min(later_known, t);
    }
  }
  return filled;
}

// SPEC 2.2 precedence in one array: a rule may set only the stages that no earlier
// rule set; within a rule the earliest time wins.
class RuleTimes {
 public:
  RuleTimes(std::vector<Instant>& times, std::size_t people, std::size_t stages)
      : times_(times), stages_(stages), earlier_(people, 0), current_(people, 0) {
    times_.assign(people * stages, kNoTime);
  }
  void Offer(std::size_t person, std::size_t stage, Instant t) {
    if (t == kNoTime || (earlier_[person] >> stage & 1u)) return;
    Instant& slot = times_[person * stages_ + stage];
    slot = Min(slot, t);
    current_[person] |= 1u << stage;
  }
  // Closes the current rule: what it set is out of reach of the rules after it.
  void NextRule() {
    for (std::size_t p = 0; p < earlier_.size(); ++p) {
      earlier_[p] |= current_[p];
      current_[p] = 0;
    }
  }

 private:
  std::vector<Instant>& times_;
  std::size_t stages_;
  std::vector<std::uint32_t> earlier_, current_;  // per person: stage bits set
};

// Salesforce record keys that differ only in letter case (SPEC 1.3: 15- and
// 18-character ids; an 18-character id encodes the case of the first 15).
std::int64_t CaseCollisions(const StringIndex& keys) {
  constexpr std::string_view kPrefix = "salesforce:";
  StringIndex folded;
  std::int64_t collisions = 0;
  std::string lower;
  for (std::uint32_t i = 0; i < keys.size(); ++i) {
    std::string_view key = keys.Get(i);
    if (key.substr(0, kPrefix.size()) != kPrefix) continue;
    std::string_view id = key.substr(kPrefix.size());
    lower.assign(id.substr(0, std::min<std::size_t>(id.size(), 15)));
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (!folded.Insert(lower).second) ++collisions;
  }
  return collisions;
}

bool OutOfOrder(const Instant* times, std::size_t stages) {
  Instant latest = kNoTime;
  for (std::size_t k = 0; k < stages; ++k) {
    if (!IsKnownTime(times[k])) continue;
    if (latest != kNoTime && times[k] < latest) return true;
    latest = std::max(latest == kNoTime ? times[k] : latest, times[k]);
  }
  return false;
}

}  // namespace

Model ModelBuilder::Finish() {
  State& s = *state_;
  const std::size_t stage_count = s.stages;
  const std::size_t dim_count = s.config.dimensions.size();
  Model m;
  m.stages = s.config.stages;
  m.policy = s.config.skipped;
  m.as_of = s.as_of;
  m.dimensions = s.config.dimensions;
  m.quality.records_after_as_of = s.after_as_of;
  m.quality.duplicate_opportunities = s.duplicate_opportunities;
  m.quality.values_after_as_of = s.late_values;
  m.quality.id_case_collisions = CaseCollisions(s.nodes);
  m.quality.unknown_time.assign(stage_count, 0);

  // Roots with at least one person row are people (SPEC 2.1).
  std::vector<std::int32_t> person_of_node(s.sets.size(), -1);
  std::vector<std::int32_t> person_of_root(s.sets.size(), -1);
  std::int32_t people = 0;
  for (const auto& c : s.contributions) {
    std::uint32_t root = s.sets.Find(c.node);
    if (person_of_root[root] < 0) person_of_root[root] = people++;
  }
  for (std::uint32_t n = 0; n < s.sets.size(); ++n)
    person_of_node[n] = person_of_root[s.sets.Find(n)];
  const auto count = static_cast<std::size_t>(people);
  m.people.resize(count);
  m.dimension_values.assign(count * dim_count, 0);
  RuleTimes rules(m.stage_times, count, stage_count);
  std::vector<std::uint32_t> status(count, 0), late(count, 0);
  constexpr std::uint32_t kNone = ~0u;
  std::vector<std::uint32_t> label_node(count, kNone);
  std::vector<Instant> source_at(count, kNoTime), campaign_at(count, kNoTime),
      owner_at(count, kNoTime), score_at(count, kNoTime);
  m.strings = std::move(s.strings);

  for (std::size_t i = 0; i < s.contributions.size(); ++i) {
    const Contribution& c = s.contributions[i];
    const auto p = static_cast<std::size_t>(person_of_node[c.node]);
    auto& person = m.people[p];
    person.created_at = Min(person.created_at, c.created_at);
    person.assigned_at = Min(person.assigned_at, c.assigned_at);
    // First touch: source and campaign from the earliest record that has them.
    if (c.source && (!person.source || Earlier(c.created_at, source_at[p]))) {
      person.source = c.source;
      source_at[p] = c.created_at;
    }
    if (c.campaign && (!person.campaign || Earlier(c.created_at, campaign_at[p]))) {
      person.campaign = c.campaign;
      campaign_at[p] = c.created_at;
    }
    // The current owner: from the most recently created record that names one.
    if (c.owner && (!person.owner || Earlier(owner_at[p], c.created_at))) {
      person.owner = c.owner;
      owner_at[p] = c.created_at;
    }
    // The latest score seen: from the most recently created record that has one.
    if (c.has_score && (!person.has_score || Earlier(score_at[p], c.created_at))) {
      person.score = c.score;
      person.has_score = true;
      score_at[p] = c.created_at;
    }
    if (label_node[p] == kNone || (c.has_email && !person.has_email)) label_node[p] = c.label_node;
    person.has_email = person.has_email || c.has_email;
    status[p] |= c.status_mask;
    late[p] |= c.late_mask;
    for (std::size_t d = 0; d < dim_count; ++d) {
      std::uint32_t& v = m.dimension_values[p * dim_count + d];
      if (!v) v = s.contribution_dims[i * dim_count + d];
    }
  }
  // Labels are interned once per person, not once per row: "e:dana@x" → "dana@x".
  for (std::size_t p = 0; p < count; ++p) {
    std::string_view key = s.nodes.Get(label_node[p]);
    m.people[p].label = m.strings.Intern(key.substr(key.find(':') + 1));
  }
  for (const auto& [node, at] : s.owner_changes) {
    if (person_of_node[node] >= 0) {
      auto& person = m.people[static_cast<std::size_t>(person_of_node[node])];
      person.assigned_at = Min(person.assigned_at, at);
    }
  }
  // Rule 1: stage-date columns.
  for (const auto& d : s.stage_dates) {
    auto p = static_cast<std::size_t>(person_of_node[s.contributions[d.contribution].node]);
    rules.Offer(p, d.stage, d.at);
  }
  rules.NextRule();

  // The people each opportunity links to (SPEC 2.3), as offsets into one list.
  std::vector<std::uint32_t> link_start = {0}, linked;
  for (auto& o : s.opportunities) {
    auto first = linked.size();
    for (auto node : o.people) {
      if (person_of_node[node] >= 0)
        linked.push_back(static_cast<std::uint32_t>(person_of_node[node]));
    }
    std::sort(linked.begin() + static_cast<std::ptrdiff_t>(first), linked.end());
    linked.erase(std::unique(linked.begin() + static_cast<std::ptrdiff_t>(first), linked.end()),
                 linked.end());
    link_start.push_back(static_cast<std::uint32_t>(linked.size()));
  }
  auto links_of = [&](std::size_t o) {
    return std::span<const std::uint32_t>(linked.data() + link_start[o],
                                          link_start[o + 1] - link_start[o]);
  };

  // Rule 2: stage history of the person or of one of their opportunities. A person
  // re-entering the created stage after creation (a recycled lead moved back to
  // "Open") is not reaching it for the first time (SPEC 2.1): created_at stands.
  const int created_stage = s.config.StageIndex(s.config.created_stage);
  for (const auto& [node, history] : s.person_history) {
    if (person_of_node[node] < 0) {
      ++m.quality.orphan_stage_changes;
      continue;
    }
    auto p = static_cast<std::size_t>(person_of_node[node]);
    for (std::size_t k = 0; k < stage_count; ++k) {
      bool reentry = static_cast<int>(k) == created_stage && history[k] != kNoTime &&
                     m.people[p].created_at != kNoTime && history[k] > m.people[p].created_at;
      if (!reentry) rules.Offer(p, k, history[k]);
    }
  }
  for (const auto& [node, mask] : s.late_nodes) {
    if (person_of_node[node] >= 0) late[static_cast<std::size_t>(person_of_node[node])] |= mask;
  }
  for (std::size_t i = 0; i < s.opportunities.size(); ++i) {
    const auto& o = s.opportunities[i];
    if (!o.defined) {
      if (!o.history.empty()) ++m.quality.orphan_stage_changes;
      continue;
    }
    for (auto p : links_of(i)) {
      for (std::size_t k = 0; k < o.history.size(); ++k) rules.Offer(p, k, o.history[k]);
    }
  }
  for (std::size_t i = 0; i < s.opportunities.size(); ++i) {
    for (auto p : links_of(i)) late[p] |= s.opportunities[i].late_mask;
  }
  rules.NextRule();

  // Rule 3: opportunity created, and won at its close date.
  const int opp_stage = s.config.StageIndex(s.config.opportunity_stage);
  const int won_stage = s.config.StageIndex(s.config.won_stage);
  for (std::size_t i = 0; i < s.opportunities.size(); ++i) {
    const auto& o = s.opportunities[i];
    if (!o.defined) continue;
    auto people_of = links_of(i);
    m.opportunities.push_back({o.created_at, o.close_date, o.amount, o.is_won, o.is_closed, o.owner,
                               people_of.empty() ? -1 : static_cast<std::int32_t>(people_of[0])});
    if (people_of.empty()) ++m.quality.orphan_opportunities;
    for (auto p : people_of) {
      if (opp_stage >= 0) rules.Offer(p, static_cast<std::size_t>(opp_stage), o.created_at);
      if (won_stage >= 0 && o.is_won)
        rules.Offer(p, static_cast<std::size_t>(won_stage), o.close_date);
    }
  }
  rules.NextRule();

  // Campaign memberships are touches too: the earliest one wins over a later record.
  // Visited in node order so that ties resolve the same way on every run.
  std::vector<std::pair<std::uint32_t, std::pair<Instant, std::uint32_t>>> touches(
      s.first_touch.begin(), s.first_touch.end());
  std::sort(touches.begin(), touches.end());
  for (const auto& [node, touch] : touches) {
    if (person_of_node[node] < 0) {
      ++m.quality.orphan_campaign_members;
      continue;
    }
    auto p = static_cast<std::size_t>(person_of_node[node]);
    auto& person = m.people[p];
    if (!person.campaign || Earlier(touch.first, campaign_at[p])) {
      auto name = s.campaign_names.find(std::string(s.campaign_keys.Get(touch.second)));
      std::string_view text = s.campaign_keys.Get(touch.second);
      text.remove_prefix(text.find(':') + 1);
      person.campaign =
          m.strings.Intern(name != s.campaign_names.end() ? std::string_view(name->second) : text);
      campaign_at[p] = touch.first;
    }
  }
  for (std::uint32_t node = 0; node < s.activities_per_node.size(); ++node) {
    if (person_of_node[node] < 0) m.quality.orphan_activities += s.activities_per_node[node];
  }
  m.activities = s.activities;

  // Rules 4 (lead = created_at) and 5 (a current status: an unknown time) fill what
  // rules 1–3 left empty; then the skipped-stage policy. A status does not count
  // for a stage the data dates after as-of (SPEC 3: it has not happened yet).
  m.inferred.assign(count, 0);
  for (std::size_t p = 0; p < count; ++p) {
    Instant* times = &m.stage_times[p * stage_count];
    for (std::size_t k = 0; k < stage_count; ++k) {
      Instant& t = times[k];
      if (t == kNoTime && static_cast<int>(k) == created_stage) t = m.people[p].created_at;
      if (t == kNoTime && (status[p] >> k & 1u) && !(late[p] >> k & 1u)) t = kUnknownTime;
    }
    if (OutOfOrder(times, stage_count)) ++m.quality.out_of_order_people;
    if (m.policy == SkippedPolicy::kInfer) m.inferred[p] = InferSkipped(times, stage_count);
    for (std::size_t k = 0; k < stage_count; ++k) {
      if (times[k] == kUnknownTime) ++m.quality.unknown_time[k];
    }
    if (!m.people[p].has_email) ++m.quality.people_without_email;
  }
  return m;
}

}  // namespace baton
