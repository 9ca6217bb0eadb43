// Hand-off SLAs (SPEC 4.4): for each person whose start event falls in the period,
// whether the end event came within the rule's limit on its clock. A pure function
// of the model, one rule, its calendar and the options.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "baton/business_clock.h"
#include "baton/config.h"
#include "baton/funnel.h"
#include "baton/model.h"

namespace baton {

enum class SlaOutcome { kMet, kBreached, kOpen, kPending };

// One person under one rule.
struct SlaCase {
  std::size_t person = 0;
  Instant start = kNoTime, due = kNoTime, end = kNoTime;  // end: kNoTime when absent
  SlaOutcome outcome = SlaOutcome::kPending;
  std::int64_t elapsed = 0;  // start → end on the rule's clock, seconds (ends only)
  std::int64_t overdue = 0;  // breached: elapsed − limit; open: due → as-of; seconds
};

struct SlaGroup {
  std::vector<std::string> key;  // one value per GroupKey; empty for the total
  bool is_total = false;
  std::int64_t started = 0, met = 0, breached = 0, open = 0, pending = 0;
  std::optional<double> met_rate;                 // met / (met + breached + open); n/a when 0
  std::optional<double> median_hours, p90_hours;  // response time, rule's clock
};

struct SlaResult {
  std::vector<SlaGroup> groups;   // sorted by key; the total last
  std::vector<SlaCase> breaches;  // breached and open, most overdue first
};

// Computes one rule (SPEC 4.4). Start: the person's recorded time at the start
// stage (neither unknown nor inferred by the skipped-stage policy) or assigned_at; end: the end
// stage's time, assigned_at, or the first touch at or after start whose type the rule admits
// (case-insensitive). A business clock uses calendars[person] (see CalendarsFor);
// a calendar clock counts every second. Groups are by `by` (e.g. owner, week).
// `cases`, when given, receives every case (the scores report's confounding guard).
SlaResult ComputeSla(const Model& model, const SlaRule& rule,
                     const std::vector<const Calendar*>& calendars, const Period& period, Zone tz,
                     const std::vector<GroupKey>& by, std::vector<SlaCase>* cases = nullptr);

// Each person's hand-off under a rule over all time, for the scores report's
// confounding guard: 1 met, 0 missed (breached or open), -1 not started or pending.
std::vector<std::int8_t> SlaMetByPerson(const Model& model, const Config& config,
                                        const SlaRule& rule, Zone tz);

// Each person's calendar under a rule: the one the rule names; else the first
// [calendar.NAME] in config order whose `owners` list the person's owner, or
// whose `dimension` value for the person is in its `values`; else "default".
// Throws Error(kUsage) when a calendar names a dimension the model does not have.
std::vector<const Calendar*> CalendarsFor(const Model& model, const Config& config,
                                          const SlaRule& rule);

// A rule's limit in seconds on `calendar`: "4h" as written; "5d" on a business
// clock as that many of the calendar's longest working day.
std::int64_t LimitSeconds(const SlaRule& rule, const Calendar& calendar);

// (breached + open) / (met + breached + open) of a group; nullopt when nothing is due.
std::optional<double> BreachRate(const SlaGroup& group);

}  // namespace baton
