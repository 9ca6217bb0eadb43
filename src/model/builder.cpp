// ModelBuilder: canonical records → merged people with stage times (SPEC 2).
// This file folds records as they arrive, so memory grows with people and
// opportunities, not with history or activity rows (an activity costs one key id);
// resolve.cpp turns the folded state into the Model.
#include <limits>

#include "model/builder_state.h"

namespace baton {

ModelBuilder::ModelBuilder(const Config& config, Instant as_of, Needs needs)
    : state_(std::make_unique<State>(config, as_of)) {
  using Touches = Needs::Touches;
  if (needs.touches != Touches::kNone) {
    for (const auto& rule : config.sla) state_->keep_touches |= rule.end == "first_touch";
  }
  state_->all_touches = needs.touches == Touches::kAll;
  state_->data_quality = needs.data_quality;
  state_->warm_pages = needs.threads >= 2;
  state_->nodes.set_warm_pages(state_->warm_pages);
  state_->opportunity_index.set_warm_pages(state_->warm_pages);
  using Keep = KeyIndex::KeepText;
  state_->other_text = needs.data_quality ? Keep::kYes : Keep::kNo;
  state_->label_text = needs.data_quality || needs.labels ? Keep::kYes : Keep::kNo;
  state_->keep_keys = needs.labels || needs.touches == Touches::kFromPeople;
  state_->resolve_activities = needs.data_quality || (state_->keep_touches && state_->all_touches);
}
ModelBuilder::~ModelBuilder() = default;

void ModelBuilder::Person(const PersonRecord& r) {
  State& s = *state_;
  if (r.created_at != kNoTime && r.created_at > s.as_of) {
    ++s.after_as_of;  // SPEC 3: records created after as-of do not exist yet
    return;
  }
  // The key the person may be shown by: the last email, else the row's own id.
  std::size_t label = 0;
  for (std::size_t i = 1; i < r.keys.size(); ++i) {
    if (r.keys[i].starts_with("e:")) label = i;
  }
  std::uint32_t node = s.Node(r.keys.front(), label == 0 ? s.label_text : s.other_text);
  std::uint32_t label_node = node;
  for (std::size_t i = 1; i < r.keys.size(); ++i) {
    const std::uint32_t other = s.Node(r.keys[i], label == i ? s.label_text : s.other_text);
    if (label == i) label_node = other;
    s.sets.Union(node, other);
  }
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
  c.grade = s.strings.Intern(r.grade);
  // An owner-name column gives the current name: dated as-of, after any history.
  if (!r.owner_name.empty()) {
    s.NameOwner(s.strings, c.owner, s.strings.Intern(r.owner_name), s.as_of);
  }
  if (s.keep_keys) s.contribution_labels.push_back(label_node);
  c.owned_by_user = r.owned_by_user;
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
    if (!r.owner_name.empty()) {
      s.NameOwner(s.strings, s.strings.Intern(r.owner), s.strings.Intern(r.owner_name), s.as_of);
    }
    return;
  }
  o.defined = true;
  o.created_at = r.created_at;
  o.close_date = close;
  o.amount = r.amount;
  o.is_won = won;
  o.is_closed = r.is_closed && close != kNoTime;
  o.owner = s.strings.Intern(r.owner);
  if (!r.owner_name.empty()) {
    s.NameOwner(s.strings, o.owner, s.strings.Intern(r.owner_name), s.as_of);
  }
}

void ModelBuilder::StageChange(const StageChangeRecord& r) {
  State& s = *state_;
  if (r.at > s.as_of) {
    ++s.late_values;
    if (r.is_owner_change || r.is_score_change) return;
    std::uint32_t bit = 1u << r.stage;
    if (r.subject_is_opportunity) {
      s.opportunities[s.OpportunityIndex(r.subject_key)].late_mask |= bit;
    } else {
      s.late_nodes[s.Node(r.subject_key)] |= bit;
    }
    return;
  }
  if (r.is_score_change) {
    s.score_changes.push_back({s.Node(r.subject_key), r.at, r.score,
                               r.old_score.value_or(std::numeric_limits<double>::quiet_NaN())});
    return;
  }
  if (r.is_owner_change) {
    std::uint32_t node = s.Node(r.subject_key);
    s.owner_changes.push_back({node, r.at, s.strings.Intern(r.old_owner),
                               s.strings.Intern(r.new_owner), r.owner_is_id, r.to_queue,
                               r.from_user});
    s.owner_history_nodes.insert(node);
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
  // An all-day event has a day, not a time: never a first touch (SPEC 4.4).
  const bool keep = s.keep_touches && !r.day_only && (s.all_touches || r.from_person);
  if (!s.resolve_activities && !keep) {
    ++s.activities;
    return;
  }
  std::uint32_t node = s.Node(r.person_key);
  if (s.activities_per_node.size() <= node) s.activities_per_node.resize(node + 1, 0);
  ++s.activities_per_node[node];
  ++s.activities;
  if (keep) s.touch_rows.push_back({node, s.strings.Intern(r.type), r.at});
}

void ModelBuilder::CampaignMember(const CampaignMemberRecord& r) {
  State& s = *state_;
  if (r.at != kNoTime && r.at > s.as_of) return;
  std::uint32_t campaign = s.campaign_keys.Insert(r.campaign_key).first;
  s.memberships.push_back({s.Node(r.person_key), campaign, r.at});
}

void ModelBuilder::Campaign(const CampaignRecord& r) {
  state_->campaign_names[r.key] = r.name;
  if (!r.channel.empty()) state_->campaign_channels[r.key] = r.channel;
}

void ModelBuilder::Spend(const SpendRecord& r) { state_->spend.push_back(r); }

bool ModelBuilder::NeedsActivityDetails() const { return state_->resolve_activities; }

void ModelBuilder::Prefetch(std::string_view person_key) { state_->nodes.Prefetch(person_key); }

void ModelBuilder::ReportCurrency(std::string_view currency) {
  state_->currency = std::string(currency);
}

}  // namespace baton
