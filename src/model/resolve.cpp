// ModelBuilder::Finish (SPEC 2): union–find roots become people; stage times by the
// precedence rules of SPEC 2.2; then the skipped-stage policy and quality counts.
#include <algorithm>
#include <cctype>
#include <memory>
#include <span>
#include <tuple>
#include <unordered_set>

#include "model/builder_state.h"

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

// Salesforce record keys that differ only in letter case (SPEC 1.3: 15- and
// 18-character ids; an 18-character id encodes the case of the first 15).
// Every key's text is kept when data_quality is asked (ModelBuilder's constructor).
std::int64_t CaseCollisions(const KeyIndex& keys) {
  constexpr std::string_view kPrefix = "salesforce:";
  StringIndex folded;
  std::int64_t collisions = 0;
  std::string lower;
  for (std::uint32_t i = 0; i < keys.size(); ++i) {
    std::string_view key = keys.Text(i);
    if (key.substr(0, kPrefix.size()) != kPrefix) continue;
    std::string_view id = key.substr(kPrefix.size());
    lower.assign(id.substr(0, std::min<std::size_t>(id.size(), 15)));
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (!folded.Insert(lower).second) ++collisions;
  }
  return collisions;
}

// Frees a vector's memory now (clear() keeps the capacity).
template <class T>
void Release(std::vector<T>& v) {
  std::vector<T>().swap(v);
}
template <class T>
void Release(PodArray<T>& v) {
  v = PodArray<T>();
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

// SPEC 4.3: a person's touches of one campaign on one day (report tz) are one
// touch, the earliest: the same response seen in two systems (a HubSpot first-touch
// campaign and a Salesforce campaign member), or twice in one. `touches` is sorted
// by person and time and stays so. Returns how many touches were folded away.
std::int64_t FoldSameDayTouches(std::vector<CampaignTouch>& touches, Zone tz) {
  constexpr std::uint32_t kFolded = ~0u;
  std::vector<std::pair<std::uint32_t, std::size_t>> by_name;  // (name, index), per person
  std::int64_t folded = 0;
  for (std::size_t i = 0, j = 0; i < touches.size(); i = j) {
    while (j < touches.size() && touches[j].person == touches[i].person) ++j;
    if (j - i < 2) continue;
    by_name.clear();
    for (std::size_t k = i; k < j; ++k) by_name.emplace_back(touches[k].name, k);
    std::sort(by_name.begin(), by_name.end());
    // Within one campaign the touches are in time order, so one day's are adjacent;
    // days are worked out only for campaigns touched more than once.
    for (std::size_t a = 0, b = 0; a < by_name.size(); a = b) {
      while (b < by_name.size() && by_name[b].first == by_name[a].first) ++b;
      std::int64_t kept_day = 0;
      for (std::size_t k = a; b - a > 1 && k < b; ++k) {
        const std::int64_t day = LocalDay(touches[by_name[k].second].at, tz);
        if (k > a && day == kept_day) {
          touches[by_name[k].second].name = kFolded;
          ++folded;
        }
        kept_day = day;
      }
    }
  }
  touches.erase(std::remove_if(touches.begin(), touches.end(),
                               [](const CampaignTouch& t) { return t.name == kFolded; }),
                touches.end());
  return folded;
}

}  // namespace

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

// Finish's per-person scratch, shared by its steps and freed as each is done.
struct Folding {
  std::vector<std::int32_t> person_of_node;  // union–find node → person, -1 for no person
  std::size_t count = 0;                     // people
  std::vector<std::uint32_t> status, late;   // per person: rule 5 stages, stages after as-of
  std::vector<Instant> campaign_at;          // per person: the time of the campaign chosen
  // The people each opportunity links to: opportunity o's are
  // linked[link_start[o] … link_start[o + 1]).
  std::vector<std::uint32_t> link_start, linked;
  std::span<const std::uint32_t> LinksOf(std::size_t o) const {
    return {linked.data() + link_start[o], link_start[o + 1] - link_start[o]};
  }
  // FoldPersonRows' scratch, per person: the rows (indices into contributions)
  // that gave their source, owner, score and grade.
  struct ChosenRows {
    std::uint32_t source, owner, score, grade;
  };
  std::vector<ChosenRows> chosen;
  // Faults in the pages of arrays reserved for the next steps (State::warm_pages).
  std::unique_ptr<PageWarmer> warmer;
};

namespace {

// The pages a vector has reserved (PageWarmer).
template <class T>
PageWarmer::Block Reserved(const std::vector<T>& v, std::size_t from = 0) {
  return {v.data() + from, (v.capacity() - from) * sizeof(T)};
}

// Text that is an id rather than a name: all digits (Zoho, HubSpot), or a
// Salesforce campaign id (701…, 15 or 18 characters).
bool LooksLikeCampaignId(std::string_view text) {
  if (text.size() >= 3 &&
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return true;
  }
  return (text.size() == 15 || text.size() == 18) && text.starts_with("701");
}

}  // namespace

void ModelBuilder::State::ResolveCampaignIds(Model& m) {
  if (campaign_names.empty()) return;
  std::unordered_map<std::string, std::uint32_t> name_of_id;
  std::unordered_set<std::uint32_t> names;
  for (const auto& [key, name] : campaign_names) {
    const std::uint32_t name_id = m.strings.Intern(name);
    names.insert(name_id);
    name_of_id.emplace(key.substr(key.find(':') + 1), name_id);
  }
  std::unordered_map<std::uint32_t, std::uint32_t> resolved;  // text → name, per text once
  for (Contribution& c : contributions) {
    if (!c.campaign || names.count(c.campaign)) continue;
    auto [it, fresh] = resolved.emplace(c.campaign, c.campaign);
    if (fresh) {
      const std::string text(m.strings.Get(c.campaign));
      if (auto id = name_of_id.find(text); id != name_of_id.end()) it->second = id->second;
    }
    if (it->second != c.campaign) {
      c.campaign = it->second;
      continue;
    }
    const std::string_view text = m.strings.Get(c.campaign);
    if (!LooksLikeCampaignId(text)) continue;
    ++m.quality.unresolved_campaign_ids;
    auto& examples = m.quality.unresolved_campaign_examples;
    if (examples.size() < 20 || examples.count(std::string(text))) ++examples[std::string(text)];
  }
}

// Campaign touchpoints (SPEC 4.3): responded memberships and the campaign named on
// person records. A touch with no time counts at the person's creation.
std::vector<CampaignTouch> ModelBuilder::State::CampaignTouches(
    const std::vector<std::int32_t>& person_of_node, Model& m) {
  State& s = *this;
  auto name_of = [&](std::uint32_t key_id) {
    std::string_view key = s.campaign_keys.Get(key_id);
    auto it = s.campaign_names.find(std::string(key));
    if (it != s.campaign_names.end()) return m.strings.Intern(it->second);
    key.remove_prefix(key.find(':') + 1);
    return m.strings.Intern(key);
  };
  std::vector<CampaignTouch> touches;
  touches.reserve(s.memberships.size() +
                  static_cast<std::size_t>(
                      std::count_if(s.contributions.begin(), s.contributions.end(),
                                    [](const Contribution& c) { return c.campaign != 0; })));
  std::vector<std::uint32_t> key_names(s.campaign_keys.size(), 0);
  for (std::uint32_t k = 0; k < key_names.size(); ++k) key_names[k] = name_of(k);
  for (const auto& member : s.memberships) {
    if (person_of_node[member.node] < 0) {
      ++m.quality.orphan_campaign_members;
      continue;
    }
    auto p = static_cast<std::uint32_t>(person_of_node[member.node]);
    Instant at = member.at == kNoTime ? m.people[p].created_at : member.at;
    touches.push_back({at, p, key_names[member.campaign]});
  }
  for (const auto& c : s.contributions) {
    if (!c.campaign) continue;
    auto p = static_cast<std::uint32_t>(person_of_node[c.node]);
    Instant at = c.created_at == kNoTime ? m.people[p].created_at : c.created_at;
    touches.push_back({at, p, c.campaign});
  }
  return touches;
}

// The touchpoints grouped by person and sorted by time into the model; the
// earliest is the person's campaign (first touch). Also the CRM campaigns'
// channels and ids, and the spend.
void ModelBuilder::State::ResolveCampaigns(std::vector<CampaignTouch> touches,
                                           std::vector<Instant>& campaign_at, Model& m) {
  State& s = *this;
  const std::size_t count = m.people.size();
  std::sort(touches.begin(), touches.end());
  m.quality.duplicate_touches = FoldSameDayTouches(touches, FindZone(config.tz));
  m.campaign_touch_start.assign(count + 1, 0);
  m.campaign_touch_times.reserve(touches.size());
  m.campaign_touch_names.reserve(touches.size());
  for (const auto& t : touches) {
    ++m.campaign_touch_start[t.person + 1];
    m.campaign_touch_times.push_back(t.at);
    m.campaign_touch_names.push_back(t.name);
    auto& person = m.people[t.person];
    if (!person.campaign || Earlier(t.at, campaign_at[t.person])) {
      person.campaign = t.name;
      campaign_at[t.person] = t.at;
    }
  }
  for (std::size_t p = 0; p < count; ++p)
    m.campaign_touch_start[p + 1] += m.campaign_touch_start[p];
  Release(touches);
  for (const auto& [key, name] : s.campaign_names) {
    std::uint32_t name_id = m.strings.Intern(name);
    m.campaign_ids.emplace(key.substr(key.find(':') + 1), name_id);
    auto channel = s.campaign_channels.find(key);
    if (channel != s.campaign_channels.end()) {
      m.campaign_channels[name_id] = m.strings.Intern(channel->second);
    }
  }
  m.spend = std::move(s.spend);
  m.currency = std::move(s.currency);
}

// Owner changes (Salesforce LeadHistory) → assigned_at and the owner timeline.
// Salesforce logs one change as two rows at the same time, one with ids and one
// with names: rows of one person at one time are one change, identified by the id
// row when there is one (SPEC 2.1: an owner is its id); a lone id row and name row
// pair up, and the name row names the ids. A move into a queue is no assignment
// (SPEC 2.1: a sales owner was given the person), but it does change the owner.
void ModelBuilder::State::ResolveOwners(const std::vector<std::int32_t>& person_of_node, Model& m) {
  struct Change {
    std::uint32_t person;
    Instant at;
    bool owner_is_id;
    std::uint32_t old_owner, new_owner;
    bool to_queue;
  };
  std::vector<Change> changes;
  // A first change from a user to another user is a reassignment between reps:
  // the record was a rep's since its creation. A first move from a user into a
  // queue is routing (an integration user creating leads into a queue), not that.
  std::unordered_map<std::uint32_t, std::pair<Instant, bool>> first_change;  // node → (at, rep)
  for (const auto& c : owner_changes) {
    const bool rep = c.from_user && !c.to_queue;
    auto [it, added] = first_change.try_emplace(c.node, c.at, rep);
    if (!added && c.at < it->second.first) it->second = {c.at, rep};
    if (!added && c.at == it->second.first) it->second.second = it->second.second || rep;
  }
  for (const auto& [node, first] : first_change) {
    if (first.second) created_with_user.insert(node);
  }
  for (const auto& c : owner_changes) {
    if (person_of_node[c.node] < 0) continue;
    changes.push_back({static_cast<std::uint32_t>(person_of_node[c.node]), c.at, c.owner_is_id,
                       c.old_owner, c.new_owner, c.to_queue});
  }
  if (changes.empty()) return;
  // By person and time, the id row (owner_is_id true) first.
  std::sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) {
    return std::make_tuple(a.person, a.at, !a.owner_is_id) <
           std::make_tuple(b.person, b.at, !b.owner_is_id);
  });
  const std::size_t count = m.people.size();
  m.owner_change_start.assign(count + 1, 0);
  for (std::size_t i = 0; i < changes.size();) {
    std::size_t j = i, id_rows = 0;
    bool queue = false;
    while (j < changes.size() && changes[j].person == changes[i].person &&
           changes[j].at == changes[i].at) {
      queue = queue || changes[j].to_queue;
      id_rows += changes[j].owner_is_id ? 1 : 0;
      ++j;
    }
    const Change& c = changes[i];  // the id row if the change has one
    if (j - i == 2 && id_rows == 1) {
      const Change& twin = changes[i + 1];
      NameOwner(m.strings, c.new_owner, twin.new_owner, c.at);
      NameOwner(m.strings, c.old_owner, twin.old_owner, c.at);
    }
    if (!queue) {
      auto& person = m.people[c.person];
      person.assigned_at = Min(person.assigned_at, c.at);
    }
    ++m.owner_change_start[c.person + 1];
    m.owner_change_times.push_back(c.at);
    m.owner_change_old.push_back(c.old_owner);
    m.owner_change_new.push_back(c.new_owner);
    i = j;
  }
  for (std::size_t p = 0; p < count; ++p) m.owner_change_start[p + 1] += m.owner_change_start[p];
}

void ModelBuilder::State::ResolveScores(const std::vector<std::int32_t>& person_of_node,
                                        Model& m) const {
  struct Change {
    std::uint32_t person;
    Instant at;
    double score, old_score;
  };
  std::vector<Change> changes;
  for (const auto& c : score_changes) {
    if (person_of_node[c.node] < 0) continue;
    changes.push_back(
        {static_cast<std::uint32_t>(person_of_node[c.node]), c.at, c.score, c.old_score});
  }
  if (changes.empty()) return;
  // By person and time; a person's rows at one time keep their file order.
  std::stable_sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) {
    return std::tie(a.person, a.at) < std::tie(b.person, b.at);
  });
  const std::size_t count = m.people.size();
  m.score_change_start.assign(count + 1, 0);
  for (const auto& c : changes) {
    ++m.score_change_start[c.person + 1];
    m.score_change_times.push_back(c.at);
    m.score_change_values.push_back(c.score);
    m.score_change_old.push_back(c.old_score);
  }
  for (std::size_t p = 0; p < count; ++p) m.score_change_start[p + 1] += m.score_change_start[p];
}

void ModelBuilder::State::NameOwner(const StringPool& pool, std::uint32_t id, std::uint32_t name,
                                    Instant at) {
  if (!id || !name || id == name) return;
  auto [it, added] = owner_names.try_emplace(id, ExportedName{at, name});
  ExportedName& known = it->second;
  if (added || at < known.at) return;
  if (at > known.at || pool.Get(name) < pool.Get(known.name)) known = {at, name};
}

void ModelBuilder::State::NameOwners(Model& m) const {
  auto configured = [&](std::uint32_t text) -> std::uint32_t {
    auto name = config.OwnerName(m.strings.Get(text));
    return name ? m.strings.Intern(*name) : 0u;
  };
  std::unordered_map<std::uint32_t, std::uint32_t> shown;  // owner id → name shown
  auto show = [&](std::uint32_t& owner) {
    if (!owner) return;
    auto [it, added] = shown.try_emplace(owner, owner);
    if (added) {
      std::uint32_t name = configured(owner);
      if (auto exported = owner_names.find(owner); !name && exported != owner_names.end()) {
        name = configured(exported->second.name);
        if (!name) name = exported->second.name;
      }
      if (name) it->second = name;
    }
    owner = it->second;
  };
  for (auto& person : m.people) show(person.owner);
  for (auto& opportunity : m.opportunities) show(opportunity.owner);
  for (auto& owner : m.owner_change_old) show(owner);
  for (auto& owner : m.owner_change_new) show(owner);
  for (const auto& [id, name] : shown) {
    if (id != name) m.owner_ids.emplace_back(name, id);
  }
  std::sort(m.owner_ids.begin(), m.owner_ids.end());
}

// The model's settings and the quality counts the builder kept while folding.
Model ModelBuilder::State::StartModel() {
  Model m;
  m.stages = config.stages;
  m.policy = config.skipped;
  m.as_of = as_of;
  m.dimensions = config.dimensions;
  m.quality.records_after_as_of = after_as_of;
  m.quality.duplicate_opportunities = duplicate_opportunities;
  m.quality.values_after_as_of = late_values;
  if (data_quality) m.quality.id_case_collisions = CaseCollisions(nodes);
  m.quality.unknown_time.assign(stages, 0);
  return m;
}

// SPEC 2.1: union–find roots with at least one person row are people, numbered in
// the order of their first row.
void ModelBuilder::State::NumberPeople(Folding& f, Model& m) {
  std::vector<std::int32_t> person_of_root(sets.size(), -1);
  std::int32_t people = 0;
  for (const auto& c : contributions) {
    std::uint32_t root = sets.Find(c.node);
    if (person_of_root[root] < 0) person_of_root[root] = people++;
  }
  f.count = static_cast<std::size_t>(people);
  // This step's arrays and the next one's, reserved; with a second thread their
  // pages are faulted in there (from the far half of person_of_node on) while
  // this thread numbers the nodes.
  f.person_of_node.reserve(sets.size());
  m.people.reserve(f.count);
  m.dimension_values.reserve(f.count * config.dimensions.size());
  for (auto* v : {&f.status, &f.late}) v->reserve(f.count);
  f.campaign_at.reserve(f.count);
  f.chosen.reserve(f.count);
  if (warm_pages) {
    f.warmer = std::make_unique<PageWarmer>(std::vector<PageWarmer::Block>{
        Reserved(f.person_of_node, sets.size() / 2), Reserved(m.people),
        Reserved(m.dimension_values), Reserved(f.status), Reserved(f.late), Reserved(f.campaign_at),
        Reserved(f.chosen)});
  }
  f.person_of_node.resize(sets.size());
  for (std::uint32_t n = 0; n < sets.size(); ++n) {
    f.person_of_node[n] = person_of_root[sets.Find(n)];
  }
  sets = UnionFind();
  m.people.resize(f.count);
  m.dimension_values.assign(f.count * config.dimensions.size(), 0);
  f.status.assign(f.count, 0);
  f.late.assign(f.count, 0);
  f.campaign_at.assign(f.count, kNoTime);
}

// Each person's fields from their rows (SPEC 2.1): the earliest creation and
// assignment, first-touch source and campaign, the current owner, the latest score and grade,
// the label (an email when any row has one), status and late stages, dimensions.
void ModelBuilder::State::FoldPersonRows(Folding& f, Model& m) {
  const std::size_t dim_count = config.dimensions.size();
  constexpr std::uint32_t kNone = ~0u;
  // The creation time of the row chosen for a field (only read once one is).
  auto created = [&](std::uint32_t row) { return contributions[row].created_at; };
  f.chosen.assign(f.count, {kNone, kNone, kNone, kNone});
  // Every person has a row, so every label is set below.
  for (auto& person : m.people) person.label = kNone;
  for (std::size_t i = 0; i < contributions.size(); ++i) {
    const Contribution& c = contributions[i];
    const auto row = static_cast<std::uint32_t>(i);
    const auto p = static_cast<std::size_t>(f.person_of_node[c.node]);
    auto& person = m.people[p];
    auto& chosen = f.chosen[p];
    person.created_at = Min(person.created_at, c.created_at);
    person.assigned_at = Min(person.assigned_at, c.assigned_at);
    // First touch: source and campaign from the earliest record that has them.
    if (c.source && (!person.source || Earlier(c.created_at, created(chosen.source)))) {
      person.source = c.source;
      chosen.source = row;
    }
    if (c.campaign && (!person.campaign || Earlier(c.created_at, f.campaign_at[p]))) {
      person.campaign = c.campaign;
      f.campaign_at[p] = c.created_at;
    }
    // The current owner: from the most recently created record that names one.
    if (c.owner && (!person.owner || Earlier(created(chosen.owner), c.created_at))) {
      person.owner = c.owner;
      chosen.owner = row;
    }
    // The latest score seen: from the most recently created record that has one.
    if (c.has_score && (!person.has_score || Earlier(created(chosen.score), c.created_at))) {
      person.score = c.score;
      person.has_score = true;
      chosen.score = row;
    }
    if (c.grade && (!person.grade || Earlier(created(chosen.grade), c.created_at))) {
      person.grade = c.grade;
      chosen.grade = row;
    }
    // The label: a key of the person's identity map (Model::Label).
    if (person.label == kNone || (c.has_email && !person.has_email)) {
      person.label = keep_keys ? contribution_labels[i] : c.node;  // no keys kept: no label shown
    }
    person.has_email = person.has_email || c.has_email;
    f.status[p] |= c.status_mask;
    f.late[p] |= c.late_mask;
    for (std::size_t d = 0; d < dim_count; ++d) {
      std::uint32_t& v = m.dimension_values[p * dim_count + d];
      if (!v) v = contribution_dims[i * dim_count + d];
    }
  }
  Release(f.chosen);
}

// A Salesforce record owned by a user since it was created was assigned then:
// one owned by a user with no owner change on record, or one whose first owner
// change moved it away from a user.
void ModelBuilder::State::AssignAtCreation(const Folding& f, Model& m) const {
  for (const auto& c : contributions) {
    bool user_since_created = (c.owned_by_user && !owner_history_nodes.count(c.node)) ||
                              created_with_user.count(c.node) > 0;
    if (c.created_at != kNoTime && user_since_created) {
      auto& person = m.people[static_cast<std::size_t>(f.person_of_node[c.node])];
      person.assigned_at = Min(person.assigned_at, c.created_at);
    }
  }
}

// SPEC 2.2 rule 1: stage-date columns.
void ModelBuilder::State::StageDatesByPerson(const Folding& f) {
  for (auto& d : stage_dates) {
    d.row = static_cast<std::uint32_t>(f.person_of_node[contributions[d.row].node]);
  }
}

void ModelBuilder::State::OfferStageDates(RuleTimes& rules) {
  for (const auto& d : stage_dates) rules.Offer(d.row, d.stage, d.at);
  Release(stage_dates);
}

// The person rows are folded in: their memory goes before the model grows further.
void ModelBuilder::State::ReleasePersonRows() {
  Release(memberships);
  Release(contributions);
  Release(contribution_dims);
  Release(contribution_labels);
}

// The people each opportunity links to (SPEC 2.3), as offsets into one list.
void ModelBuilder::State::LinkOpportunities(Folding& f) const {
  f.link_start = {0};
  for (const auto& o : opportunities) {
    auto first = f.linked.size();
    for (auto node : o.people) {
      if (f.person_of_node[node] >= 0) {
        f.linked.push_back(static_cast<std::uint32_t>(f.person_of_node[node]));
      }
    }
    auto begin = f.linked.begin() + static_cast<std::ptrdiff_t>(first);
    std::sort(begin, f.linked.end());
    f.linked.erase(std::unique(begin, f.linked.end()), f.linked.end());
    f.link_start.push_back(static_cast<std::uint32_t>(f.linked.size()));
  }
}

// SPEC 2.2 rule 2: stage history of the person or of one of their opportunities. A
// person re-entering the created stage after creation (a recycled lead moved back
// to "Open") is not reaching it for the first time (SPEC 2.1): created_at stands.
void ModelBuilder::State::OfferHistory(Folding& f, Model& m, RuleTimes& rules) const {
  const int created_stage = config.StageIndex(config.created_stage);
  for (const auto& [node, history] : person_history) {
    if (f.person_of_node[node] < 0) {
      ++m.quality.orphan_stage_changes;
      continue;
    }
    auto p = static_cast<std::size_t>(f.person_of_node[node]);
    for (std::size_t k = 0; k < stages; ++k) {
      bool reentry = static_cast<int>(k) == created_stage && history[k] != kNoTime &&
                     m.people[p].created_at != kNoTime && history[k] > m.people[p].created_at;
      if (!reentry) rules.Offer(p, k, history[k]);
    }
  }
  for (const auto& [node, mask] : late_nodes) {
    if (f.person_of_node[node] >= 0)
      f.late[static_cast<std::size_t>(f.person_of_node[node])] |= mask;
  }
  for (std::size_t i = 0; i < opportunities.size(); ++i) {
    const auto& o = opportunities[i];
    if (!o.defined) {
      if (!o.history.empty()) ++m.quality.orphan_stage_changes;
      continue;
    }
    for (auto p : f.LinksOf(i)) {
      for (std::size_t k = 0; k < o.history.size(); ++k) rules.Offer(p, k, o.history[k]);
    }
  }
  for (std::size_t i = 0; i < opportunities.size(); ++i) {
    for (auto p : f.LinksOf(i)) f.late[p] |= opportunities[i].late_mask;
  }
}

// SPEC 2.2 rule 3: opportunity created, and won at its close date; the model's
// opportunities (SPEC 2.3).
void ModelBuilder::State::OfferOpportunities(const Folding& f, Model& m, RuleTimes& rules) const {
  const int opp_stage = config.StageIndex(config.opportunity_stage);
  const int won_stage = config.StageIndex(config.won_stage);
  for (std::size_t i = 0; i < opportunities.size(); ++i) {
    const auto& o = opportunities[i];
    if (!o.defined) continue;
    auto people_of = f.LinksOf(i);
    m.opportunities.push_back({o.created_at, o.close_date, o.amount, o.is_won, o.is_closed, o.owner,
                               people_of.empty() ? -1 : static_cast<std::int32_t>(people_of[0])});
    if (people_of.empty()) ++m.quality.orphan_opportunities;
    for (auto p : people_of) {
      if (opp_stage >= 0) rules.Offer(p, static_cast<std::size_t>(opp_stage), o.created_at);
      if (won_stage >= 0 && o.is_won) {
        rules.Offer(p, static_cast<std::size_t>(won_stage), o.close_date);
      }
    }
  }
}

// Activities: counted, orphans counted, and the kept touches grouped by person and
// sorted by time (counting sort by person).
void ModelBuilder::State::GroupTouches(const Folding& f, Model& m) {
  for (std::uint32_t node = 0; node < activities_per_node.size(); ++node) {
    if (f.person_of_node[node] < 0) m.quality.orphan_activities += activities_per_node[node];
  }
  m.activities = activities;
  if (!keep_touches) return;
  const std::size_t count = f.count;
  m.touch_start.assign(count + 1, 0);
  for (const auto& t : touch_rows) {
    if (f.person_of_node[t.node] >= 0) {
      ++m.touch_start[static_cast<std::size_t>(f.person_of_node[t.node]) + 1];
    }
  }
  for (std::size_t p = 0; p < count; ++p) m.touch_start[p + 1] += m.touch_start[p];
  m.touch_times.resize(m.touch_start[count]);
  m.touch_types.resize(m.touch_start[count]);
  std::vector<std::uint32_t> fill(m.touch_start.begin(), m.touch_start.end() - 1);
  for (const auto& t : touch_rows) {
    if (f.person_of_node[t.node] < 0) continue;
    std::uint32_t at = fill[static_cast<std::size_t>(f.person_of_node[t.node])]++;
    m.touch_times[at] = t.at;
    m.touch_types[at] = t.type;
  }
  Release(touch_rows);
  std::vector<std::pair<Instant, std::uint32_t>> one;
  for (std::size_t p = 0; p < count; ++p) {
    one.clear();
    for (auto i = m.touch_start[p]; i < m.touch_start[p + 1]; ++i) {
      one.emplace_back(m.touch_times[i], m.touch_types[i]);
    }
    std::sort(one.begin(), one.end());
    for (std::size_t i = 0; i < one.size(); ++i) {
      m.touch_times[m.touch_start[p] + i] = one[i].first;
      m.touch_types[m.touch_start[p] + i] = one[i].second;
    }
  }
}

// SPEC 2.2 rules 4 (lead = created_at) and 5 (a current status: an unknown time)
// fill what rules 1–3 left empty; then the skipped-stage policy and the per-person
// quality counts. A status does not count for a stage the data dates after as-of
// (SPEC 3: it has not happened yet).
void ModelBuilder::State::FillStages(const Folding& f, Model& m) const {
  const int created_stage = config.StageIndex(config.created_stage);
  m.inferred.assign(f.count, 0);
  for (std::size_t p = 0; p < f.count; ++p) {
    Instant* times = &m.stage_times[p * stages];
    for (std::size_t k = 0; k < stages; ++k) {
      Instant& t = times[k];
      if (t == kNoTime && static_cast<int>(k) == created_stage) t = m.people[p].created_at;
      if (t == kNoTime && (f.status[p] >> k & 1u) && !(f.late[p] >> k & 1u)) t = kUnknownTime;
    }
    if (OutOfOrder(times, stages)) ++m.quality.out_of_order_people;
    if (m.policy == SkippedPolicy::kInfer) m.inferred[p] = InferSkipped(times, stages);
    for (std::size_t k = 0; k < stages; ++k) {
      if (times[k] == kUnknownTime) ++m.quality.unknown_time[k];
    }
    if (!m.people[p].has_email) ++m.quality.people_without_email;
  }
}

// SPEC 2: the steps in order; each frees what the later ones no longer need.
Model ModelBuilder::Finish() {
  State& s = *state_;
  Model m = s.StartModel();
  // The identity map is done with once the read is (the union–find holds who is
  // whom); unless the model keeps it, its memory goes before Finish's arrays come.
  if (!s.keep_keys) s.nodes = KeyIndex();
  Folding f;
  s.NumberPeople(f, m);
  m.strings = std::move(s.strings);
  s.ResolveCampaignIds(m);
  s.FoldPersonRows(f, m);
  s.ResolveOwners(f.person_of_node, m);
  s.ResolveScores(f.person_of_node, m);
  s.AssignAtCreation(f, m);
  // Campaign touches come from memberships and from the person rows themselves.
  // The rows are let go (their stage dates kept, by person) before the touches are
  // sorted into the model and the stage times are made: the peak is then the
  // folded rows or the model, not both.
  std::vector<CampaignTouch> touches = s.CampaignTouches(f.person_of_node, m);
  s.StageDatesByPerson(f);
  s.ReleasePersonRows();
  // The model's touch and stage-time arrays, reserved; faulted in on a second
  // thread while this one sorts the touches.
  m.campaign_touch_start.reserve(f.count + 1);
  m.campaign_touch_times.reserve(touches.size());
  m.campaign_touch_names.reserve(touches.size());
  m.stage_times.reserve(f.count * s.stages);
  m.inferred.reserve(f.count);
  if (s.warm_pages) {
    f.warmer.reset();  // the first arrays' thread, long done
    f.warmer = std::make_unique<PageWarmer>(std::vector<PageWarmer::Block>{
        Reserved(m.campaign_touch_start), Reserved(m.campaign_touch_times),
        Reserved(m.campaign_touch_names), Reserved(m.stage_times), Reserved(m.inferred)});
  }
  s.ResolveCampaigns(std::move(touches), f.campaign_at, m);
  Release(f.campaign_at);
  RuleTimes rules(m.stage_times, f.count, s.stages);
  s.OfferStageDates(rules);
  rules.NextRule();
  s.LinkOpportunities(f);
  s.OfferHistory(f, m, rules);
  rules.NextRule();
  s.OfferOpportunities(f, m, rules);
  rules.NextRule();
  s.GroupTouches(f, m);
  s.FillStages(f, m);
  s.NameOwners(m);
  if (s.keep_keys) {
    m.keys = std::move(s.nodes);
    m.person_of_key = std::move(f.person_of_node);
  }
  return m;
}

}  // namespace baton
