// The cost ladder (SPEC 4.2) and attribution (SPEC 4.3): spend matched to
// campaigns and pro-rated into the period, people credited to campaigns by an
// attribution model, and cost per lead, assigned lead, MQL … customer, pipeline,
// won revenue and ROI. Pure functions of the model, the config and the options.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "baton/config.h"
#include "baton/funnel.h"
#include "baton/model.h"
#include "baton/period.h"

namespace baton {

enum class AttributionModel { kFirst, kLast, kLinear, kUShaped, kWShaped, kFullPath, kCustom };

std::optional<AttributionModel> ParseAttributionModel(std::string_view name);
std::string_view AttributionModelName(AttributionModel model);
// "first, last, linear, u-shaped, w-shaped, full-path, custom".
std::string AttributionModelNames();

// A model's weights: HubSpot's defaults (U 40/40/20, W 30/30/30 + 10, full path
// 22.5 × 4 + 10), or [attribution.MODEL] from the config. first/last/linear have
// none. Throws Error(kUsage) for custom without [attribution.custom].
AttributionWeights WeightsFor(AttributionModel model, const Config& config);

// The times a person reached the models' milestones (kNoTime when not, or when
// only at an unknown time).
struct Milestones {
  Instant lead = kNoTime, opportunity = kNoTime, customer = kNoTime;
};

// One share of a person's credit.
struct Credit {
  std::size_t touch = 0;  // index into the person's touches
  double share = 0;
};

// Splits one person's credit for a step reached at `cutoff` over their touches
// (`times`, sorted; SPEC 4.3). The touches considered are those at or before the
// cutoff (kNoTime: all), and always the first touch: a person belongs to the
// campaign of their earliest touch even for a step reached before it. first: the
// earliest; last: the latest considered; linear: equal shares; position models: the milestone
// weights go to the latest touch at or before each milestone (first touch, lead creation,
// opportunity creation, the win); a milestone with no touch of its own (none since
// the previous milestone's, or not reached by the cutoff) passes its weight to the
// nearest earlier milestone; `rest` is shared by the other touches considered, or,
// when there are none, by the milestone touches in proportion to their weights.
// The shares sum to exactly 1; `out` is empty only when `times` is.
void Attribute(AttributionModel model, const AttributionWeights& weights,
               std::span<const Instant> times, const Milestones& milestones, Instant cutoff,
               std::vector<Credit>& out);

// Where each spend row goes (SPEC 4.2).
struct SpendMatch {
  // Per Model::spend row: the campaign's name, "" when it matched no campaign
  // (unattributed).
  std::vector<std::string> campaign;
  // Per campaign: the days its detailed spend rows cover. A CRM campaign total
  // (Salesforce ActualCost) counts only on the days no detailed row covers, so the
  // same money is never counted twice.
  std::unordered_map<std::string, std::unordered_set<Day>> covered;
  // Per spend campaign name that matched nothing: its rows and amount (all days).
  struct Unmatched {
    std::string name;
    std::int64_t rows = 0;
    double amount = 0;
  };
  std::vector<Unmatched> unmatched;
  std::int64_t replaced_totals = 0;  // campaign totals that detailed spend overlaps
};

// Matches spend rows to CRM campaigns: by id (a CRM campaign id in the spend
// file), by the config's [campaigns] table (spend name or id → CRM name), then by
// normalised name (NormaliseCampaignName). A [campaigns] entry names a campaign
// even when no person touched it (it then has spend and no people); its value is
// spelled as the CRM spells it when it matches a known campaign's normalised name.
SpendMatch MatchSpend(const Model& model, const Config& config);

// The ladder's steps: the funnel stages with "assigned" after the created stage.
std::vector<std::string> CostSteps(const Model& model, const Config& config);

struct CostOptions {
  Basis basis = Basis::kPeriod;
  Period period;
  Zone tz = nullptr;
  AttributionModel model = AttributionModel::kFirst;
  AttributionWeights weights;
  // At most one of campaign / channel (source), at most one time grain.
  std::vector<GroupKey> by;
};

// Parses --by for cost: campaign, channel (or source: the campaign's channel), and
// day/week/month/quarter. Throws Error(kUsage) for person dimensions (spend has no
// owner or segment) and for two keys of one kind.
std::vector<GroupKey> ParseCostKeys(std::string_view text);

enum class CostRowKind { kCampaign, kNoCampaign, kUnattributed, kTotal };

struct CostRow {
  std::vector<std::string> key;  // one value per GroupKey
  CostRowKind kind = CostRowKind::kCampaign;
  double spend = 0;
  std::vector<double> counts;                   // per step: people (credits) entering it
  std::vector<std::optional<double>> cost_per;  // spend / count; n/a when count is 0
  double pipeline = 0, won = 0;
  std::optional<double> roi;  // (won − spend) / spend; n/a when spend is 0
};

struct CostResult {
  std::vector<std::string> steps;
  // Campaigns by key, then (no campaign), (unattributed spend); the total last.
  // With a time grain and no campaign key: one blended row per bucket.
  std::vector<CostRow> rows;
  SpendMatch match;
  bool fractional = false;  // multi-touch model: counts are credits, not whole people
};

// Computes the ladder. Period basis: people credited for each step they entered
// in the period; pipeline = opportunities created in the period, won = won with a
// close date in the period. Cohort basis: people whose created-stage time is in
// the period, counted at each step they reached by as-of, with their
// opportunities' pipeline and wins by as-of. Spend: each row's amount × its days
// in the period (days start at midnight in tz; none after as-of) / its days.
CostResult ComputeCost(const Model& model, const Config& config, const CostOptions& options);

// Each person's lead cost (the scores report's thresholds, plan --by): what the
// campaign of their first touch spent in the period divided by the leads credited
// to it (first touch, period basis: its cost per lead); NaN with no campaign touch,
// or a campaign with no spend or no lead in the period.
std::vector<double> LeadCosts(const Model& model, const Config& config, Zone tz,
                              const Period& period);

}  // namespace baton
