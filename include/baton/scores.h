// Lead-score calibration (issue 17, SPEC 4.5 `scores`): is a higher score a
// better lead? People whose event (the hand-off the score gates, e.g. MQL) falls
// in the period, in score bands by their score as it stood at that event, with
// how many reached the target stage, the rate with a 95% Wilson interval, lift,
// cumulative capture and velocity; AUC, Brier score for probabilities, and the
// band edges as MQL thresholds. A pure function of the model and the options.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "baton/funnel.h"
#include "baton/model.h"
#include "baton/period.h"

namespace baton {

struct ScoreOptions {
  Period period;
  Zone tz = nullptr;
  int at_stage = -1;                  // the event: a stage index; -1 with at_assigned: assignment
  bool at_assigned = false;           // the event is the first assignment to a sales owner
  int to_stage = -1;                  // the target stage (default: the won stage, the last)
  std::optional<double> window_days;  // a conversion counts within D days of the event
  // kGrade: one band per grade or tier (Person::grade), best first, instead of a score.
  enum class Bands { kDeciles, kQuintiles, kEdges, kGrade };
  Bands bands = Bands::kDeciles;
  std::vector<double> edges;  // kEdges: ascending; band i is [edges[i-1], edges[i])
  bool probability = false;   // the score is a probability (0–1, or 0–100 scaled)
  bool current = false;       // today's scores, ignoring score history (to see what it changes)
  // --by: every number per group (the current owner, as funnel), over the bands of
  // all people, so that a band means the same scores in every group.
  std::vector<GroupKey> by;
  // The confounding guard, per person: 1 when the SLA hand-off was met, 0 when it
  // was missed (breached or open), -1 otherwise. Empty: no guard.
  std::vector<std::int8_t> sla;
  // Per person: what their lead cost (NaN: not known). Empty: no cost data.
  std::vector<double> lead_cost;
};

struct ScoreBand {
  std::string label;         // "88–93", a single score, or the grade
  double low = 0, high = 0;  // the lowest and highest score (grade rank) in the band
  std::int64_t people = 0, converted = 0;
  std::optional<double> share;                // of all scored people
  std::optional<double> rate;                 // converted / people
  std::optional<double> rate_low, rate_high;  // the 95% Wilson interval
  std::optional<double> lift;                 // rate / the overall rate
  // Share of all conversions in this band and the bands above it (none: nothing converted).
  std::optional<double> capture;
  std::optional<double> median_days;  // event → target, known times only
  std::optional<double> predicted;    // probability: the band's mean score as a probability
  // The confounding guard: people whose hand-off SLA was met or missed, and their rates.
  std::int64_t sla_met = 0, sla_missed = 0;
  std::optional<double> met_rate, missed_rate;
};

// A band's lowest score as an MQL threshold: everyone at or above it.
struct ScoreThreshold {
  std::string label;  // the score (or grade) at or above which
  double threshold = 0;
  std::int64_t people = 0, converted = 0;
  std::optional<double> per_week;  // people at or above per week of the period
  std::optional<double> capture;   // converted / all conversions
  std::optional<double> rate;
  std::optional<double> cost;          // what the leads at or above cost (cost data)
  std::optional<double> cost_per_won;  // cost / converted
};

// The numbers of one group of people (or of all).
struct ScoreSummary {
  std::vector<ScoreBand> bands;  // the highest scores first
  std::vector<ScoreThreshold> thresholds;
  std::int64_t people = 0, converted = 0;  // scored people whose event is in the period
  std::int64_t unscored = 0;               // event in the period, no score at it
  std::int64_t from_history = 0;           // scores rebuilt from score history
  std::int64_t current = 0;   // scores that are the current value (no history for the person)
  std::int64_t unpriced = 0;  // cost data: scored people whose lead cost is not known
  std::optional<double> rate, auc, brier;
  std::optional<double> auc_sla_met, auc_sla_missed;  // the guard: AUC within each
};

struct ScoreGroup : ScoreSummary {
  std::vector<std::string> key;  // one value per GroupKey
};

struct ScoreResult : ScoreSummary {
  std::vector<ScoreGroup> groups;  // --by: sorted by key (the total is the result itself)
  std::optional<double> p90_days;  // event → target of all time, for immaturity
  // The period ended less than p90_days (or the window) before as-of: its last
  // people have not had the time most conversions take.
  bool immature = false;
  bool not_probabilities = false;  // --probability, but a score is outside 0–100
  // kGrade: the grades on no known scale, which rank below the known ones,
  // alphabetically, the first best (all of them when none is known).
  std::vector<std::string> grades_unscaled;
};

ScoreResult ComputeScores(const Model& model, const ScoreOptions& options);

// AUC of scores against outcomes: the share of (converted, not converted) pairs
// the score orders right, ties counted half (the Mann–Whitney U over P·N);
// nullopt without both outcomes.
std::optional<double> Auc(std::vector<std::pair<double, bool>> scored);

// A grade's rank, higher is better: Pardot letters (A+ … F), HubSpot Contact
// priority (very high … low, tier_1 … tier_4), Salesforce Rating (hot, warm,
// cold), in any case; nullopt for any other text.
std::optional<double> GradeRank(std::string_view grade);

// The 95% Wilson score interval of k successes in n trials; nullopt for n = 0.
std::optional<std::pair<double, double>> Wilson(std::int64_t k, std::int64_t n);

}  // namespace baton
