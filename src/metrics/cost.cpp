// The cost ladder and attribution (SPEC 4.2, 4.3); see cost.h for the contract.
#include "baton/cost.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "baton/error.h"
#include "baton/values.h"

namespace baton {
namespace {

constexpr std::pair<AttributionModel, std::string_view> kModels[] = {
    {AttributionModel::kFirst, "first"},      {AttributionModel::kLast, "last"},
    {AttributionModel::kLinear, "linear"},    {AttributionModel::kUShaped, "u-shaped"},
    {AttributionModel::kWShaped, "w-shaped"}, {AttributionModel::kFullPath, "full-path"},
    {AttributionModel::kCustom, "custom"}};

constexpr std::string_view kNoCampaign = "(no campaign)";
constexpr std::string_view kUnattributed = "(unattributed spend)";
// Days of detailed spend remembered per campaign (about 270 years).
constexpr std::size_t kMaxCoveredDays = 100000;

// The latest touch at or before t among the first `n`, or -1.
int LatestAtOrBefore(std::span<const Instant> times, std::size_t n, Instant t) {
  if (t == kNoTime) return -1;
  auto end = std::upper_bound(times.begin(), times.begin() + static_cast<std::ptrdiff_t>(n), t);
  return static_cast<int>(end - times.begin()) - 1;
}

// Whether a touch or milestone lies after t but near enough to be on t's day (a
// day is at most 25 hours long): only then is the end of the day worth working
// out, which takes a time-zone lookup.
bool SameDayMayFollow(std::span<const Instant> times, const Milestones& m, Instant t) {
  constexpr Instant kLongestDay = Instant{25} * 3600;
  auto near = [t](Instant x) { return x != kNoTime && x > t && x - t <= kLongestDay; };
  auto next = std::upper_bound(times.begin(), times.end(), t);
  return (next != times.end() && near(*next)) || near(m.lead) || near(m.opportunity) ||
         near(m.customer);
}

struct Accumulator {
  CostRowKind kind = CostRowKind::kCampaign;
  double spend = 0;
  std::vector<double> counts;
  double pipeline = 0, won = 0;
};

}  // namespace

std::optional<AttributionModel> ParseAttributionModel(std::string_view name) {
  for (auto [model, text] : kModels) {
    if (text == name) return model;
  }
  return std::nullopt;
}

std::string_view AttributionModelName(AttributionModel model) {
  for (auto [m, text] : kModels) {
    if (m == model) return text;
  }
  return "first";
}

std::string AttributionModelNames() {
  std::string out;
  for (auto [model, text] : kModels) out += (out.empty() ? "" : ", ") + std::string(text);
  return out;
}

AttributionWeights WeightsFor(AttributionModel model, const Config& config) {
  AttributionWeights w;
  switch (model) {
    case AttributionModel::kUShaped:
      w = {0.4, 0.4, 0, 0, 0.2};
      break;
    case AttributionModel::kWShaped:
      w = {0.3, 0.3, 0.3, 0, 0.1};
      break;
    case AttributionModel::kFullPath:
      w = {0.225, 0.225, 0.225, 0.225, 0.1};
      break;
    case AttributionModel::kCustom:
      if (!config.attribution.count("custom")) {
        ThrowUsage("--attribution custom needs weights",
                   "add them to baton.toml: [attribution.custom] first = 50, lead = 20, "
                   "opportunity = 20, customer = 0, rest = 10 (percent, summing to 100)");
      }
      break;
    default:
      return w;
  }
  auto it = config.attribution.find(std::string(AttributionModelName(model)));
  if (it != config.attribution.end()) w = it->second;
  return w;
}

void Attribute(AttributionModel model, const AttributionWeights& weights,
               std::span<const Instant> times, const Milestones& milestones, Instant cutoff,
               std::vector<Credit>& out) {
  out.clear();
  // The touches considered: those at or before the cutoff, and always the first
  // (SPEC 4.3: a person belongs to the campaign of their earliest touch).
  if (times.empty()) return;
  std::size_t n = times.size();
  if (cutoff != kNoTime) {
    n = static_cast<std::size_t>(std::upper_bound(times.begin(), times.end(), cutoff) -
                                 times.begin());
  }
  n = std::max<std::size_t>(n, 1);
  switch (model) {
    case AttributionModel::kFirst:
      out.push_back({0, 1.0});
      return;
    case AttributionModel::kLast:
      out.push_back({n - 1, 1.0});
      return;
    case AttributionModel::kLinear:
      for (std::size_t i = 0; i < n; ++i) out.push_back({i, 1.0 / static_cast<double>(n)});
      break;
    default: {
      // Milestones in order: first touch, lead creation, opportunity, win. A
      // milestone not reached by the cutoff, or with no touch since the previous
      // milestone's, keeps the previous milestone's touch (its weight goes there).
      const Instant at[] = {kNoTime, milestones.lead, milestones.opportunity, milestones.customer};
      const double w[] = {weights.first, weights.lead, weights.opportunity, weights.customer};
      std::vector<double> share(n, 0.0);
      std::vector<bool> milestone(n, false);
      std::size_t index = 0;
      for (int k = 0; k < 4; ++k) {
        if (w[k] == 0) continue;  // not a milestone of this model
        if (k > 0 && at[k] != kNoTime && (cutoff == kNoTime || at[k] <= cutoff)) {
          int latest = LatestAtOrBefore(times, n, at[k]);
          if (latest >= 0) index = std::max(index, static_cast<std::size_t>(latest));
        }
        share[index] += w[k];
        milestone[index] = true;
      }
      std::size_t rest =
          static_cast<std::size_t>(std::count(milestone.begin(), milestone.end(), false));
      if (rest > 0) {
        for (std::size_t i = 0; i < n; ++i) {
          if (!milestone[i]) share[i] += weights.rest / static_cast<double>(rest);
        }
      } else {
        // No other touches: the rest goes to the milestone touches in proportion to
        // their weights (HubSpot: two touches under U-shaped are 50/50), or evenly
        // when those weights are all zero.
        double held = 0;
        for (double s : share) held += s;
        std::size_t holders =
            static_cast<std::size_t>(std::count(milestone.begin(), milestone.end(), true));
        for (std::size_t i = 0; i < n; ++i) {
          if (!milestone[i]) continue;
          share[i] += held > 0 ? weights.rest * share[i] / held
                               : weights.rest / static_cast<double>(holders);
        }
      }
      for (std::size_t i = 0; i < n; ++i) {
        if (share[i] > 0) out.push_back({i, share[i]});
      }
      break;
    }
  }
  // Exactly 1: the last share takes what rounding left over.
  double sum = 0;
  for (std::size_t i = 0; i + 1 < out.size(); ++i) sum += out[i].share;
  if (!out.empty()) out.back().share = 1.0 - sum;
}

std::vector<std::string> CostSteps(const Model& model, const Config& config) {
  std::vector<std::string> steps = model.stages;
  int created = config.StageIndex(config.created_stage);
  steps.insert(steps.begin() + (created + 1), "assigned");
  return steps;
}

SpendMatch MatchSpend(const Model& model, const Config& config) {
  SpendMatch match;
  // Every campaign name the CRM side knows, by normalised name.
  std::unordered_map<std::string, std::string> by_name;
  auto know = [&](std::uint32_t id) {
    std::string name(model.strings.Get(id));
    by_name.try_emplace(NormaliseCampaignName(name), name);
  };
  for (auto id : model.campaign_touch_names) know(id);
  for (const auto& [id, name] : model.campaign_ids) know(name);
  auto by_id = [&](std::string_view id) -> std::string {
    if (id.empty()) return {};
    auto it = model.campaign_ids.find(NormaliseSalesforceId(id));
    if (it == model.campaign_ids.end()) it = model.campaign_ids.find(std::string(Trim(id)));
    return it == model.campaign_ids.end() ? std::string()
                                          : std::string(model.strings.Get(it->second));
  };
  auto mapped = [&](std::string_view text) -> std::string {
    if (text.empty()) return {};
    auto it = config.campaign_map.find(NormaliseCampaignName(text));
    if (it == config.campaign_map.end()) return {};
    auto known = by_name.find(NormaliseCampaignName(it->second));
    return known == by_name.end() ? it->second : known->second;
  };
  const std::size_t n = model.spend.size();
  match.campaign.resize(n);
  std::map<std::string, SpendMatch::Unmatched> unmatched;
  for (std::size_t i = 0; i < n; ++i) {
    const SpendRecord& r = model.spend[i];
    std::string name = by_id(r.campaign_id);
    if (name.empty()) name = mapped(r.campaign);
    if (name.empty()) name = mapped(r.campaign_id);
    if (name.empty()) {
      auto it = by_name.find(NormaliseCampaignName(r.campaign));
      if (it != by_name.end()) name = it->second;
    }
    if (name.empty()) {
      std::string label = r.campaign.empty() ? r.campaign_id : r.campaign;
      auto& u = unmatched[label];
      u.name = label;
      ++u.rows;
      u.amount += r.amount;
      continue;
    }
    if (!r.campaign_total) {
      auto& days = match.covered[name];
      for (Day d = r.first_day; d <= r.last_day && days.size() < kMaxCoveredDays; ++d) {
        days.insert(d);
      }
    }
    match.campaign[i] = std::move(name);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const SpendRecord& r = model.spend[i];
    auto it = match.covered.find(match.campaign[i]);
    if (!r.campaign_total || it == match.covered.end()) continue;
    for (Day d = r.first_day; d <= r.last_day; ++d) {
      if (it->second.count(d)) {
        ++match.replaced_totals;
        break;
      }
    }
  }
  for (auto& [name, u] : unmatched) match.unmatched.push_back(std::move(u));
  return match;
}

std::vector<GroupKey> ParseCostKeys(std::string_view text) {
  std::vector<GroupKey> keys;
  bool have_dim = false, have_grain = false;
  for (std::string_view part : SplitList(text)) {
    std::string name(part);
    GroupKey key;
    key.name = name == "source" ? "channel" : name;
    key.grain = ParseGrain(name);
    if (!key.grain && key.name != "campaign" && key.name != "channel") {
      ThrowUsage("--by " + name + ": cost breaks down by campaign, channel (or source) and time",
                 "spend belongs to campaigns, not to people's " + name +
                     "; use --by campaign, channel, day, week, month or quarter");
    }
    bool& seen = key.grain ? have_grain : have_dim;
    if (seen) {
      ThrowUsage("--by " + name + ": one campaign key and one time grain at most",
                 "e.g. --by campaign,month");
    }
    seen = true;
    keys.push_back(std::move(key));
  }
  return keys;
}

namespace {

// ComputeCost's phases (SPEC 4.2, 4.3), in order: spend pro-rated into the period,
// people credited for the steps they entered (or reached), their opportunities'
// money, then the rows. Groups are by (campaign or channel label, bucket label).
class CostLadder {
 public:
  CostLadder(const Model& model, const Config& config, const CostOptions& o)
      : model_(model), o_(o) {
    result_.steps = CostSteps(model, config);
    result_.match = MatchSpend(model, config);
    result_.fractional = o.model != AttributionModel::kFirst && o.model != AttributionModel::kLast;
    steps_ = result_.steps.size();
    created_ = config.StageIndex(config.created_stage);
    assigned_step_ = static_cast<std::size_t>(created_) + 1;
    opp_stage_ = config.StageIndex(config.opportunity_stage);
    won_stage_ = config.StageIndex(config.won_stage);
    for (const auto& k : o.by) (k.grain ? grain_ : dim_) = &k;
  }

  // Spend, pro-rated by the days of each row that start in the period (and by as-of).
  void AddSpend();
  // People: each step entered (period basis) or reached (cohort), credited to campaigns.
  void CreditPeople();
  // Pipeline created and revenue won, credited like the person's opportunity and
  // customer steps; a deal linked to nobody goes to "(no campaign)".
  void CreditMoney();
  // Rows: campaigns by key, then the special rows, then the total.
  CostResult Rows();

 private:
  static constexpr std::uint32_t kNone = ~0u;  // the campaign of "(no campaign)"

  std::string ChannelOf(std::string_view campaign) const;
  std::string LabelOf(std::string_view campaign, CostRowKind kind);
  Accumulator& Group(std::string_view campaign, CostRowKind kind, Instant t);
  Accumulator& GroupOf(std::uint32_t name, Instant t);
  Milestones MilestonesOf(std::size_t p) const;
  Instant StepTime(std::size_t p, std::size_t step) const;
  Instant CohortEntry(std::size_t p) const;
  template <class Add>
  void CreditPerson(std::size_t p, Instant cutoff, Instant at, Add&& add);
  void Finish(CostRow& row) const;

  const Model& model_;
  const CostOptions& o_;
  CostResult result_;
  std::size_t steps_ = 0, assigned_step_ = 0;
  int created_ = -1, opp_stage_ = -1, won_stage_ = -1;
  const GroupKey* dim_ = nullptr;
  const GroupKey* grain_ = nullptr;
  std::map<std::pair<std::string, std::string>, Accumulator> groups_;
  std::unordered_map<std::string, std::string> channel_cache_;
  // Without a time grain a person's group depends on the campaign only: a cache by
  // campaign name id (kNone for "(no campaign)") skips building string keys.
  std::unordered_map<std::uint32_t, Accumulator*> by_campaign_;
  std::vector<Credit> credits_;
  std::vector<bool> in_cohort_;
};

// A campaign's channel: the CRM campaign's (Salesforce Type), else its spend's.
std::string CostLadder::ChannelOf(std::string_view campaign) const {
  for (const auto& [name, channel] : model_.campaign_channels) {
    if (model_.strings.Get(name) == campaign) return std::string(model_.strings.Get(channel));
  }
  for (std::size_t i = 0; i < model_.spend.size(); ++i) {
    if (result_.match.campaign[i] == campaign && !model_.spend[i].channel.empty()) {
      return model_.spend[i].channel;
    }
  }
  return "(none)";
}

std::string CostLadder::LabelOf(std::string_view campaign, CostRowKind kind) {
  if (!dim_) return {};  // a time grain alone: one blended row per bucket
  if (kind != CostRowKind::kCampaign) {
    return std::string(kind == CostRowKind::kNoCampaign ? kNoCampaign : kUnattributed);
  }
  if (dim_->name == "campaign") return std::string(campaign);
  auto [it, added] = channel_cache_.try_emplace(std::string(campaign));
  if (added) it->second = ChannelOf(campaign);
  return it->second;
}

// Groups by (campaign or channel label, bucket label); specials keep their kind.
Accumulator& CostLadder::Group(std::string_view campaign, CostRowKind kind, Instant t) {
  std::pair<std::string, std::string> key{LabelOf(campaign, kind), {}};
  if (grain_) key.second = BucketOf(t, *grain_->grain, o_.tz).label;
  auto [it, added] = groups_.try_emplace(key);
  if (added) {
    it->second.counts.assign(steps_, 0);
    it->second.kind = dim_ ? kind : CostRowKind::kCampaign;
  }
  return it->second;
}

Accumulator& CostLadder::GroupOf(std::uint32_t name, Instant t) {
  auto kind = name == kNone ? CostRowKind::kNoCampaign : CostRowKind::kCampaign;
  std::string_view text = name == kNone ? kNoCampaign : model_.strings.Get(name);
  if (grain_) return Group(text, kind, t);
  auto [it, added] = by_campaign_.try_emplace(name, nullptr);
  if (added) it->second = &Group(text, kind, t);
  return *it->second;
}

void CostLadder::AddSpend() {
  for (std::size_t i = 0; i < model_.spend.size(); ++i) {
    const SpendRecord& r = model_.spend[i];
    const std::unordered_set<Day>* covered = nullptr;
    if (r.campaign_total) {
      auto it = result_.match.covered.find(result_.match.campaign[i]);
      if (it != result_.match.covered.end()) covered = &it->second;
    }
    const double per_day = r.amount / static_cast<double>(r.last_day - r.first_day + 1);
    const std::string& campaign = result_.match.campaign[i];
    CostRowKind kind = campaign.empty() ? CostRowKind::kUnattributed : CostRowKind::kCampaign;
    // Only days near the period are looked at (a row may span centuries).
    Day lo = r.first_day, hi = r.last_day;
    if (o_.period.since != kNoTime)
      lo = std::max(lo, static_cast<Day>(o_.period.since / kSecondsPerDay) - 2);
    hi = std::min(hi,
                  static_cast<Day>(std::min(o_.period.until, model_.as_of) / kSecondsPerDay) + 2);
    for (Day d = lo; d <= hi; ++d) {
      if (covered && covered->count(d)) continue;  // detailed spend says it
      Instant start = DayStart(d, o_.tz);
      // A day whose midnight is as-of itself counts in full (SPEC 3: only what is
      // after as-of does not exist yet).
      if (!o_.period.Contains(start) || start > model_.as_of) continue;
      Group(campaign, kind, start).spend += per_day;
    }
  }
}

Milestones CostLadder::MilestonesOf(std::size_t p) const {
  auto known = [&](int stage) {
    if (stage < 0) return kNoTime;
    Instant t = model_.StageTime(p, static_cast<std::size_t>(stage));
    return IsKnownTime(t) ? t : kNoTime;
  };
  return Milestones{known(created_), known(opp_stage_), known(won_stage_)};
}

Instant CostLadder::StepTime(std::size_t p, std::size_t step) const {
  if (step == assigned_step_) return model_.people[p].assigned_at;
  std::size_t stage = step > assigned_step_ ? step - 1 : step;
  return model_.StageTime(p, stage);
}

Instant CostLadder::CohortEntry(std::size_t p) const {
  return created_ >= 0 ? model_.StageTime(p, static_cast<std::size_t>(created_))
                       : model_.people[p].created_at;
}

// Adds `amount` to the groups of person p's credits at `cutoff`, bucketed at `at`.
template <class Add>
void CostLadder::CreditPerson(std::size_t p, Instant cutoff, Instant at, Add&& add) {
  auto begin = model_.campaign_touch_start[p], end = model_.campaign_touch_start[p + 1];
  std::span<const Instant> times(model_.campaign_touch_times.data() + begin, end - begin);
  if (times.empty()) {
    add(GroupOf(kNone, at), 1.0);
    return;
  }
  // SPEC 4.3: touches and milestones count by day. Everything on the step's day
  // counts for it (a membership is often logged seconds after the lead it
  // created, or as a date at midnight), whatever comes later.
  const Milestones milestones = MilestonesOf(p);
  if (cutoff != kNoTime && SameDayMayFollow(times, milestones, cutoff)) {
    cutoff = DayEnd(cutoff, o_.tz);
  }
  Attribute(o_.model, o_.weights, times, milestones, cutoff, credits_);
  for (const auto& c : credits_) {
    add(GroupOf(model_.campaign_touch_names[begin + c.touch], at), c.share);
  }
}

void CostLadder::CreditPeople() {
  in_cohort_.assign(o_.basis == Basis::kCohort ? model_.people.size() : 0, false);
  for (std::size_t p = 0; p < model_.people.size(); ++p) {
    if (o_.basis == Basis::kCohort) {
      Instant entry = CohortEntry(p);
      if (!IsKnownTime(entry) || !o_.period.Contains(entry)) continue;
      in_cohort_[p] = true;
      for (std::size_t s = 0; s < steps_; ++s) {
        Instant t = StepTime(p, s);
        if (t == kNoTime || (IsKnownTime(t) && t > model_.as_of)) continue;
        CreditPerson(p, IsKnownTime(t) ? t : model_.as_of, entry,
                     [&](Accumulator& acc, double share) { acc.counts[s] += share; });
      }
    } else {
      for (std::size_t s = 0; s < steps_; ++s) {
        Instant t = StepTime(p, s);
        if (!IsKnownTime(t) || !o_.period.Contains(t)) continue;
        CreditPerson(p, t, t, [&](Accumulator& acc, double share) { acc.counts[s] += share; });
      }
    }
  }
}

void CostLadder::CreditMoney() {
  for (const auto& opp : model_.opportunities) {
    auto add_money = [&](Instant at, Instant bucket_at, bool won) {
      auto add = [&](Accumulator& acc, double share) {
        (won ? acc.won : acc.pipeline) += share * opp.amount;
      };
      if (opp.person < 0) {
        add(GroupOf(kNone, bucket_at), 1.0);
      } else {
        CreditPerson(static_cast<std::size_t>(opp.person), at, bucket_at, add);
      }
    };
    if (o_.basis == Basis::kCohort) {
      if (opp.person < 0 || !in_cohort_[static_cast<std::size_t>(opp.person)]) continue;
      Instant entry = CohortEntry(static_cast<std::size_t>(opp.person));
      if (opp.created_at != kNoTime && opp.created_at <= model_.as_of) {
        add_money(opp.created_at, entry, false);
      }
      if (opp.is_won && opp.close_date != kNoTime && opp.close_date <= model_.as_of) {
        add_money(opp.close_date, entry, true);
      }
    } else {
      if (o_.period.Contains(opp.created_at)) add_money(opp.created_at, opp.created_at, false);
      if (opp.is_won && o_.period.Contains(opp.close_date)) {
        add_money(opp.close_date, opp.close_date, true);
      }
    }
  }
}

// People with no campaign have no spend of their own: their costs are n/a, not 0;
// spend that reached no campaign has no revenue to set against it: no ROI.
void CostLadder::Finish(CostRow& row) const {
  row.cost_per.resize(steps_);
  if (row.kind == CostRowKind::kNoCampaign || model_.spend.empty()) return;  // unknown, not 0
  for (std::size_t s = 0; s < steps_; ++s) {
    if (row.counts[s] > 0) row.cost_per[s] = row.spend / row.counts[s];
  }
  if (row.spend > 0 && row.kind != CostRowKind::kUnattributed) {
    row.roi = (row.won - row.spend) / row.spend;
  }
}

CostResult CostLadder::Rows() {
  CostRow total;
  total.kind = CostRowKind::kTotal;
  total.counts.assign(steps_, 0);
  for (CostRowKind pass :
       {CostRowKind::kCampaign, CostRowKind::kNoCampaign, CostRowKind::kUnattributed}) {
    const std::size_t first_row = result_.rows.size();
    for (auto& [key, acc] : groups_) {
      if (acc.kind != pass) continue;
      CostRow row;
      row.kind = pass;
      if (dim_) row.key.push_back(key.first);
      if (grain_) row.key.push_back(key.second);
      if (dim_ && grain_ && o_.by.front().grain) std::swap(row.key[0], row.key[1]);
      row.spend = acc.spend;
      row.counts = acc.counts;
      row.pipeline = acc.pipeline;
      row.won = acc.won;
      total.spend += row.spend;
      for (std::size_t s = 0; s < steps_; ++s) total.counts[s] += row.counts[s];
      total.pipeline += row.pipeline;
      total.won += row.won;
      Finish(row);
      result_.rows.push_back(std::move(row));
    }
    std::stable_sort(result_.rows.begin() + static_cast<std::ptrdiff_t>(first_row),
                     result_.rows.end(),
                     [](const CostRow& a, const CostRow& b) { return a.key < b.key; });
  }
  total.key.assign(o_.by.size(), "(all)");
  Finish(total);
  result_.rows.push_back(std::move(total));
  return std::move(result_);
}

}  // namespace

CostResult ComputeCost(const Model& model, const Config& config, const CostOptions& o) {
  CostLadder ladder(model, config, o);
  ladder.AddSpend();
  ladder.CreditPeople();
  ladder.CreditMoney();
  return ladder.Rows();
}

std::vector<double> LeadCosts(const Model& model, const Config& config, Zone tz,
                              const Period& period) {
  CostOptions o;
  o.period = period;
  o.tz = tz;
  o.by = ParseCostKeys("campaign");
  const CostResult cost = ComputeCost(model, config, o);
  const auto step = static_cast<std::size_t>(
      std::find(cost.steps.begin(), cost.steps.end(), config.created_stage) - cost.steps.begin());
  std::unordered_map<std::string_view, double> per_lead;
  for (const auto& row : cost.rows) {
    if (row.kind != CostRowKind::kCampaign || step >= row.counts.size()) continue;
    if (row.spend > 0 && row.counts[step] > 0) per_lead[row.key[0]] = row.spend / row.counts[step];
  }
  std::vector<double> out(model.people.size(), std::nan(""));
  for (std::size_t p = 0; p < model.people.size(); ++p) {
    if (model.campaign_touch_start.empty()) break;
    const std::uint32_t begin = model.campaign_touch_start[p];
    if (begin == model.campaign_touch_start[p + 1]) continue;
    auto it = per_lead.find(model.strings.Get(model.campaign_touch_names[begin]));
    if (it != per_lead.end()) out[p] = it->second;
  }
  return out;
}

}  // namespace baton
