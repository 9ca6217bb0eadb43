// The reverse funnel (issue 18, SPEC 4.5 `plan`): from a target (revenue won,
// deals won, or people reaching a stage in a period) back to how many people
// must enter each stage, and in which week or month, for the target to land in
// its period: the gap after what is already won and what the people in flight
// are expected to bring, spread back through the history's own delay
// distributions, with P50/P80/P90 from a seeded simulation over the uncertainty
// of the rates and the deal size. A pure function of the model and the options.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baton/model.h"
#include "baton/period.h"

namespace baton {

struct PlanTarget {
  std::string text;      // as given: "won:2025-Q3=2400000"
  bool revenue = false;  // won amount (deals closed in the period); else people reaching `stage`
  int stage = -1;        // the target stage (the won stage for revenue and won-count)
  Period period;         // the whole calendar unit, even when it lies after as-of
  double value = 0;
};

// Parses one --target: "won:PERIOD=AMOUNT" (revenue), "won-count:PERIOD=N" (deals,
// as customers), or "STAGE:PERIOD=N" (people reaching STAGE). PERIOD is a calendar
// unit: YYYY, YYYY-Qn, YYYY-MM or YYYY-Www, in tz. Throws Error(kUsage).
PlanTarget ParsePlanTarget(std::string_view text, const std::vector<std::string>& stages,
                           int won_stage, Zone tz);

// The default history: the last four whole quarters that ended at least `mature_days`
// before as-of (so that their people have had the time most conversions take).
Period DefaultPlanHistory(Instant as_of, double mature_days, Zone tz);

struct PlanOptions {
  std::vector<PlanTarget> targets;
  Period history;  // rates, delays and deal sizes come from people and deals in it
  Zone tz = nullptr;
  Grain grain = Grain::kMonth;  // the entry periods
  int from_stage = 0;           // the first stage planned ("leads")
  int draws = 4000;
  double confidence = 80;  // the percentile of the simulation that `needed` reads
  std::uint64_t seed = 18;
  // Per stage: the history's spend per person entering it (NaN: not known).
  std::vector<double> cost_per;
};

// One step of the funnel as the history shows it.
struct PlanStep {
  int stage = 0;
  std::int64_t entered = 0, advanced = 0;  // entered the stage in the history; reached the next
  std::optional<double> rate;              // advanced / entered
  std::int64_t delays = 0;                 // known times from this stage to the last target stage
  int delays_from = -1;                    // none recorded: the later stage whose delays stand in
};

// People needed entering one stage in one entry period (bucket "(all)": the sum).
struct PlanRow {
  std::string bucket;
  int stage = 0;
  double expected = 0;  // with the rates and the deal size as observed
  double p50 = 0, p80 = 0, p90 = 0;
  double needed = 0;             // at the options' confidence
  std::optional<double> budget;  // the entry stage: needed × its cost per person
};

struct PlanTargetResult {
  std::string text;
  bool revenue = false;
  int stage = 0;
  double events = 0;     // people reaching the target stage (deals, for revenue) the target means
  double done = 0;       // already reached in the period by as-of
  double in_flight = 0;  // expected in the period from people now in the funnel
  std::int64_t in_flight_people = 0;  // of them, those with a chance to land in the period
  double gap = 0;                     // events − done − in_flight, not below 0
  bool unreachable = false;  // no entry after as-of can land in the period, by the delays seen
  bool no_delays = false;    // no recorded time from the first stage planned to the target stage
};

struct PlanResult {
  std::vector<PlanStep> steps;  // from_stage to the stage before the last target stage
  std::vector<PlanRow> rows;    // by entry period, then stage; each stage's "(all)" last
  std::vector<PlanTargetResult> targets;
  std::int64_t deals = 0;                 // won deals closed in the history (revenue targets)
  std::optional<double> deal_mean;        // their mean amount
  std::int64_t deals_without_amount = 0;  // won in the history with no amount: left out
};

PlanResult ComputePlan(const Model& model, const PlanOptions& options);

}  // namespace baton
