// Report results → neutral Tables (table.h). The column names are the stable
// machine schema documented in baton(1); changing one is a breaking change.
#pragma once

#include <functional>
#include <string>

#include "baton/check.h"
#include "baton/cost.h"
#include "baton/funnel.h"
#include "baton/plan.h"
#include "baton/scores.h"
#include "baton/sla.h"
#include "baton/table.h"
#include "baton/wins.h"

namespace baton {

// Cohort basis columns: [keys…], stage, reached, step_rate, cumulative_rate,
// median_days, p90_days, immature. Period basis: [keys…], stage, entered,
// ratio, median_days, p90_days. One row per (group, stage); the total group's
// key cells read "(all)".
Table FunnelTable(const FunnelResult& result, const FunnelOptions& options);
// The funnel report: FunnelTable with its footer (basis, window, immature cohorts)
// and the notes on what the model left out (late records, orphan deals, unknown times).
Table FunnelReport(const FunnelResult& result, const FunnelOptions& options, const Model& model);

// SPEC 5: an empty dated period is no error, but the report says so and names the
// span the data covers: "no person reached lead in the period (2023-Q4: …); the
// data's lead times span 2024-01-03 … 2024-06-28". `starts` gives each person's time (kNoTime or
// kUnknownTime: none); `what` says what did not happen.
std::string EmptyPeriodNote(const Model& model, const std::function<Instant(std::size_t)>& starts,
                            const std::string& what, const std::string& times, const Period& period,
                            Zone tz);

// Columns: file ("(all files)" for the merged people), check, item, count,
// first_line (blank when 0), problem (bool), note. One row per finding, in order.
Table CheckTable(const std::vector<Finding>& findings);

// One rule in words for the footer: "mql → first_touch within 4h (business hours
// of calendar default (America/New_York, 5 holidays))".
std::string DescribeRule(const SlaRule& rule, const Config& config);

// SLA summary. Columns: rule, [keys…], started, met, breached, open, pending,
// met_rate, median_hours, p90_hours; per rule its groups, then its "(all)" row.
Table SlaSummaryTable(const std::vector<std::pair<const SlaRule*, SlaResult>>& results,
                      const std::vector<GroupKey>& by);

// SLA breaches, most overdue first per rule. Columns: rule, person, owner, start,
// due, end (blank when open), status ("breached" or "open"), overdue_hours.
Table SlaBreachTable(const std::vector<std::pair<const SlaRule*, SlaResult>>& results,
                     const Model& model);

// Cost ladder. Columns: [keys…], spend, then per step (lead, assigned, mql, …)
// STEP (people, or credits under a multi-touch model) and cost_per_STEP, then
// pipeline, won_revenue, roi. Campaign rows, then "(no campaign)" and
// "(unattributed spend)", then the "(all)" total.
Table CostTable(const CostResult& result, const CostOptions& options);
// The cost report: CostTable with its footer (basis, the attribution model and its
// weights, currency) and notes (credits, unattributed spend, replaced campaign
// totals, no spend read).
Table CostReport(const CostResult& result, const CostOptions& options, const Model& model);
// "u-shaped: first touch 40%, lead creation 40%, the other touches 20%".
std::string DescribeModel(AttributionModel model, const AttributionWeights& weights);

// scores (issue 17). Bands, highest first, then "(all)": band ("70–80", or the
// grade), low, high, people, share, converted, rate, rate_low, rate_high (the 95%
// Wilson interval), lift, capture, median_days [, predicted for probabilities]
// [, sla_met, met_rate, sla_missed, missed_rate: the confounding guard]. With
// --by, the key columns lead, each group's bands and its "(all)" row (with its
// auc) come first, then every person's under the key "(all)". Thresholds:
// threshold, people, per_week, converted, capture, rate [, cost, cost_per_won].
// The facts carry at, to, bands, scored, auc [, brier], scores; json's "stats"
// the numbers; a note warns when scores are current values rather than values
// at the event.
struct ScoreReportOptions {
  std::string at, to, bands;  // names for the facts: "mql", "customer", "deciles"
  std::optional<double> window_days;
  bool thresholds = false;      // the threshold table instead of the bands
  bool current = false;         // --current: today's scores, history ignored
  bool grades = false;          // --bands grade
  std::vector<std::string> by;  // --by key names
  std::string sla_rule;         // the confounding guard's [[sla]] rule ("": none)
  std::string currency;         // cost data: the thresholds' cost columns
  std::string cost_note;        // how a lead's cost is known, for the footer
};
Table ScoresReport(const ScoreResult& result, const ScoreReportOptions& options);

// plan (issue 18). Rows by entry period, then stage, then each stage's "(all)":
// period, stage, needed (at the confidence), p50, p80, p90, expected (at the
// observed rates), budget (with spend; the entry stage: needed × the history's
// cost per person). The facts carry each target's arithmetic (events, done, in flight,
// gap), the rates with their counts, the deal size, the history and the
// simulation; notes warn of rates on fewer than 30 conversions.
struct PlanReportOptions {
  std::vector<std::string> stages;
  double confidence = 80;
  std::string currency;
  bool costs = false;  // the inputs have spend: the budget column
  int draws = 0;
  std::uint64_t seed = 0;
  std::vector<std::string> notes;  // the caller's, printed first
};
// With `by` (plan --by): a leading key column, each group's rows, then the groups
// summed under "(all)"; a note per group gives its share of the gap and its rates.
Table PlanReport(const PlanResult& result, const PlanReportOptions& options,
                 const PlanBy* by = nullptr);
// plan --pacing (and summary's pacing section): target, period (an entry period
// of the target period, or "(to date)"), stage ("revenue": the won amount),
// required, actual, pace (actual / required), status (ahead, on pace within 5%,
// behind), period_target and projected (actual ÷ the share of the period gone) on
// the (to date) rows. `to_date`: those rows only.
Table PaceReport(const std::vector<PlanPace>& paces, const PlanResult& plan,
                 const PlanReportOptions& options, bool to_date = false);
// summary's Pacing section: the (to date) rows, and per target a sentence for the
// section and the headline: "won:2024-Q2=400000: revenue 112,600.00 USD of
// 215,384.62 due by as-of (52.3%, behind), 53.8% of the period gone".
Section PaceSection(const std::vector<PlanPace>& paces, const PlanResult& plan,
                    const PlanReportOptions& options);

// summary (issue 7): the period against the previous one (PreviousPeriod;
// `before` is null when there is none, e.g. all time).
// A relative change (or a change in points) is shown only when the count it is
// measured on is at least this in each period; below, it reads "n/a: too few".
inline constexpr double kMinChangeBase = 5;
// Funnel: stage, reached, previous, change, change_rate (n/a under kMinChangeBase
// before), step_rate, cumulative_rate, immature (the total group of the cohort).
Table SummaryFunnelTable(const FunnelResult& now, const FunnelResult* before);
// Cost (by campaign): campaign, spend, spend_change, STEP, cost_per_STEP,
// cost_per_STEP_change_rate (n/a when either period has fewer than
// kMinChangeBase at STEP), customer, won_revenue, roi ("n/a: too early" for a row
// with no customer when `too_early`). STEP is the headline step, e.g. assigned.
Table SummaryCostTable(const CostResult& now, const CostResult* before, const std::string& step,
                       bool too_early);
// SLA (by owner at start): rule, owner, started, met, breached, open, met_rate,
// previous_met_rate, met_rate_change (a difference of fractions: points; n/a when
// either period started fewer than kMinChangeBase).
Table SummarySlaTable(const std::vector<std::pair<const SlaRule*, SlaResult>>& now,
                      const std::vector<std::pair<const SlaRule*, SlaResult>>* before);
// Wins: won_at, person, amount, deals, how (WinHowText), entered, campaign,
// source, owner.
Table WinsTable(const std::vector<Win>& wins, const Model& model);
// Data quality: the problems among the findings: file, check, item, count, first_line.
Table SummaryQualityTable(const std::vector<Finding>& findings);

using SlaResults = std::vector<std::pair<const SlaRule*, SlaResult>>;

// What the summary shows, computed by the metrics for the period and, when there
// is one, the previous period.
struct SummaryFigures {
  std::string period_name;  // "2024-06", "last-week", "2024-06-01 to 2024-06-30"
  std::optional<Period> previous;
  std::string previous_what;  // PreviousWhat: "the previous month"
  std::string previous_name;  // "2024-05"
  FunnelResult funnel;        // the cohort; its total group's `immature` set by the caller
  std::optional<FunnelResult> funnel_before;
  std::optional<double> slowest_median_days;  // of all time: what "immature" is measured by
  CostResult cost;                            // period basis, first touch, by campaign
  std::optional<CostResult> cost_before;
  std::string cost_step = "assigned";  // the cost section's headline step
  bool cost_step_chosen = false;       // by default, because nobody was ever assigned
  // The median days from the first stage to customer, of all time; the period is
  // too early for a ROI when it is shorter (or nobody ever became a customer).
  std::optional<double> lead_to_customer_days;
  bool too_early = false;
  SlaResults sla;  // every rule, by owner at the start
  std::optional<SlaResults> sla_before;
  std::size_t top = 5;  // breaches listed per rule
  std::vector<Win> wins;
  std::vector<Finding> findings;
  std::int64_t rejected = 0;
};

// The summary's sections with their headings and the sentence above each table:
// Funnel, Cost ladder, Hand-off SLAs and Top breaches (or a line saying no rule
// is defined), Wins (saying how its customers differ from the funnel's), Data quality.
std::vector<Section> SummarySections(const SummaryFigures& figures, const Model& model,
                                     const Period& period);

// The sentence a manager reads first, computed from the sections: "2024-06 against
// 2024-05: 46 people entered at lead (▼ -6.1%), 3 new customers (64,820.00 USD won
// in 3 deals), cost per assigned lead 369.33 USD (▼ -17.5%); 7 SLA deadlines
// missed (2 of them still open)."
std::string SummaryHeadline(const SummaryFigures& figures, const Model& model,
                            const std::vector<Section>& sections);

}  // namespace baton
