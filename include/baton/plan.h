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

#include "baton/config.h"
#include "baton/funnel.h"
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
// unit: YYYY, YYYY-Qn, YYYY-MM or YYYY-Www, in tz. Throws Error(kUsage), naming
// `flag` ("--target", or "[[target]]" for baton.toml's).
PlanTarget ParsePlanTarget(std::string_view text, const std::vector<std::string>& stages,
                           int won_stage, Zone tz, std::string_view flag = "--target");

// The default history: the last four whole quarters that ended at least `mature_days`
// before as-of (so that their people have had the time most conversions take).
Period DefaultPlanHistory(Instant as_of, double mature_days, Zone tz);

// The same for a plan from stage `from` to stage `last` of the model: mature means
// older than the all-time p90 of that delay. Labelled with the p90.
Period DefaultPlanHistory(const Model& model, int from, int last, Zone tz);

// The config's [[target]]s as plan targets; an error names the [[target]]'s line.
std::vector<PlanTarget> ConfigTargets(const Config& config, Zone tz);

// One step of the funnel as the history shows it.
struct PlanStep {
  int stage = 0;
  std::int64_t entered = 0, advanced = 0;  // entered the stage in the history; reached the next
  std::optional<double> rate;              // advanced / entered
  std::int64_t delays = 0;                 // known times from this stage to the last target stage
  int delays_from = -1;                    // none recorded: the later stage whose delays stand in
  bool borrowed = false;  // a --by group that never took this step: the company's counts
};

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

  // One group of a --by plan (ComputePlanBy sets these): only the people with
  // group[p] == only (and the deals of those people) are read; each target's
  // value is the group's part of the gap, already net of what is won and in
  // flight; a step the group never took borrows `borrow`'s counts (the
  // company's), delays the group never recorded are everyone's; the budget is
  // the group's spend per person at the first stage planned, from lead_cost
  // (per person: the first-touch campaign's cost per lead in the history,
  // counted for those who entered `created_stage` in it).
  const std::vector<std::uint32_t>* group = nullptr;
  std::uint32_t only = 0;
  bool gap_given = false;
  const std::vector<PlanStep>* borrow = nullptr;
  std::vector<double> lead_cost;
  int created_stage = 0;
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
  bool delays_borrowed = false;           // a --by group with no recorded delay: everyone's
  std::optional<double> cost_per;         // the budget's spend per person at the first stage
};

PlanResult ComputePlan(const Model& model, const PlanOptions& options);

// plan --by KEY: the company's gap (`all`, ComputePlan's result for the same
// options) shared among the key's groups by their mix of each target's events in
// the history (revenue: of the won amount), each group planned with its own
// rates, delays, deal size and spend. The plan of a channel that brought no
// target event in the history is nothing: it is listed as idle.
struct PlanGroup {
  std::string name;
  std::vector<double> share;  // per target: the group's part of the history's events
  std::vector<double> basis;  // per target: those events (revenue: the won amount)
  PlanResult plan;
};

struct PlanBy {
  std::string key;
  std::vector<PlanGroup> groups;    // with a share of some target, by name
  std::vector<PlanRow> total;       // the groups' rows summed (a sum of P80s, not a P80)
  std::vector<std::string> idle;    // with no share of any target
  std::int64_t unlinked_deals = 0;  // won in the history, linked to nobody: not in the mix
};

PlanBy ComputePlanBy(const Model& model, const PlanOptions& options, const PlanResult& all,
                     const GroupKey& key);

// Pacing (plan --pacing, summary): for each target whose period has begun by
// as-of, per stage from the first planned to the target's: the period's target at
// that stage (the target's events ÷ the history's rates from it to the target
// stage), against the people who reached it since the period began, per entry
// period of the grain and to date; a revenue target adds the won amount.
struct PaceRow {
  std::string bucket;  // an entry period of the target period up to as-of, or "(to date)"
  int stage = 0;       // -1: the won amount
  std::optional<double> required;  // the period's target × the bucket's share of its time
  double actual = 0;
  std::optional<double> whole;      // (to date): the period's target at the stage
  std::optional<double> projected;  // (to date): actual ÷ the share of the period gone
};

struct PlanPace {
  std::string target;
  double elapsed = 0;         // the share of the period's time gone by as-of
  std::vector<PaceRow> rows;  // by entry period, then stage; the (to date) rows last
};

// `plan`: ComputePlan's result for the same options. Targets not yet begun are
// left out.
std::vector<PlanPace> ComputePace(const Model& model, const PlanOptions& options,
                                  const PlanResult& plan);

}  // namespace baton
