// Hand-off SLAs (SPEC 4.4); see sla.h for the contract.
#include "baton/sla.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "baton/run.h"
#include "baton/values.h"

namespace baton {
namespace {

struct Accumulator {
  SlaGroup group;
  std::vector<double> hours;
};

int StageOf(const Model& m, const std::string& name) {
  auto it = std::find(m.stages.begin(), m.stages.end(), name);
  return it == m.stages.end() ? -1 : static_cast<int>(it - m.stages.begin());
}

bool Admitted(const Model& m, const SlaRule& rule, std::uint32_t type) {
  if (rule.activity_types.empty()) return true;
  std::string_view text = m.strings.Get(type);
  return std::any_of(rule.activity_types.begin(), rule.activity_types.end(),
                     [&](const std::string& allowed) { return EqualsIgnoringCase(text, allowed); });
}

Instant EndOf(const Model& m, std::size_t p, const SlaRule& rule, int end_stage, Instant start) {
  if (rule.end == "first_touch") {
    // The N-th qualifying touch at or after the start (N = rule.touches, default 1).
    if (m.touch_start.empty()) return kNoTime;
    int seen = 0;
    for (auto i = m.touch_start[p]; i < m.touch_start[p + 1]; ++i) {
      if (m.touch_times[i] >= start && Admitted(m, rule, m.touch_types[i]) &&
          ++seen == rule.touches) {
        return m.touch_times[i];
      }
    }
    return kNoTime;
  }
  Instant t = rule.end == "assigned" ? m.people[p].assigned_at
                                     : m.StageTime(p, static_cast<std::size_t>(end_stage));
  if (!IsKnownTime(t)) return kNoTime;
  return std::max(t, start);  // an end recorded before the start was met at once
}

// The working seconds of the calendar's longest weekday: one working day.
std::int64_t WorkingDay(const Calendar& calendar) {
  std::int64_t longest = 0;
  for (const auto& day : calendar.hours) {
    std::int64_t total = 0;
    for (const auto& iv : day) total += std::int64_t{iv.end - iv.start} * 60;
    longest = std::max(longest, total);
  }
  return longest;
}

}  // namespace

std::int64_t LimitSeconds(const SlaRule& rule, const Calendar& calendar) {
  // limit_days is set only for business clocks (the config turns "Nd" into it).
  return rule.limit_days > 0 ? rule.limit_days * WorkingDay(calendar) : rule.limit;
}

std::optional<double> BreachRate(const SlaGroup& g) {
  std::int64_t due = g.met + g.breached + g.open;
  if (due == 0) return std::nullopt;
  return static_cast<double>(g.breached + g.open) / static_cast<double>(due);
}

std::vector<const Calendar*> CalendarsFor(const Model& model, const Config& config,
                                          const SlaRule& rule) {
  const Calendar* fallback =
      &config.calendars.at(rule.calendar.empty() ? "default" : rule.calendar);
  std::vector<const Calendar*> out(model.people.size(), fallback);
  if (!rule.calendar.empty()) return out;
  // Later calendars first, so that the first match in config order wins.
  for (auto it = config.calendar_order.rbegin(); it != config.calendar_order.rend(); ++it) {
    const Calendar& c = config.calendars.at(*it);
    if (c.owners.empty() && c.dimension.empty()) continue;
    std::optional<GroupKey> key;
    if (!c.dimension.empty()) key = ParseGroupKeys(c.dimension, model).front();
    for (std::size_t p = 0; p < model.people.size(); ++p) {
      const std::uint32_t owner = model.people[p].owner;
      bool hit = std::any_of(c.owners.begin(), c.owners.end(),
                             [&](const std::string& o) { return model.OwnerIs(owner, o); });
      if (!hit && key) {
        std::string value = DimensionValue(model, p, *key);
        hit = std::find(c.values.begin(), c.values.end(), value) != c.values.end();
      }
      if (hit) out[p] = &c;
    }
  }
  return out;
}

SlaResult ComputeSla(const Model& model, const SlaRule& rule,
                     const std::vector<const Calendar*>& calendars, const Period& period, Zone tz,
                     const std::vector<GroupKey>& by, std::vector<SlaCase>* cases) {
  const RuleStart start_of(model, rule);  // SPEC 4.4: recorded start times only
  const int end_stage =
      rule.end == "assigned" || rule.end == "first_touch" ? -1 : StageOf(model, rule.end);
  std::map<std::vector<std::string>, Accumulator> groups;
  Accumulator total;
  total.group.is_total = true;
  SlaResult result;
  std::vector<std::string> key;
  // One clock per calendar with the working seconds of every day from the
  // earliest start to as-of summed once: an open breach of months costs O(1).
  Instant earliest = kNoTime;
  for (std::size_t p = 0; p < model.people.size() && rule.business; ++p) {
    Instant start = start_of(p);
    if (start != kNoTime && period.Contains(start) && (earliest == kNoTime || start < earliest)) {
      earliest = start;
    }
  }
  std::map<const Calendar*, BusinessClock> clocks;
  for (std::size_t p = 0; p < model.people.size(); ++p) {
    Instant start = start_of(p);
    if (start == kNoTime || !period.Contains(start)) continue;
    const Calendar& calendar = *calendars[p];
    const std::int64_t limit = LimitSeconds(rule, calendar);
    auto clock = clocks.find(&calendar);
    if (rule.business && clock == clocks.end()) {
      clock = clocks
                  .try_emplace(&calendar, calendar, LocalDay(earliest, calendar.tz) - 1,
                               LocalDay(std::max(earliest, model.as_of), calendar.tz) + 1)
                  .first;
    }
    auto elapsed = [&](Instant a, Instant b) {
      return rule.business ? clock->second.Seconds(a, b) : b - a;
    };
    SlaCase c;
    c.person = p;
    c.start = start;
    c.due = rule.business ? AddBusiness(calendar, start, limit) : start + limit;
    c.end = EndOf(model, p, rule, end_stage, start);
    if (c.end != kNoTime) {
      c.elapsed = elapsed(start, c.end);
      c.outcome = c.elapsed <= limit ? SlaOutcome::kMet : SlaOutcome::kBreached;
      c.overdue = std::max<std::int64_t>(0, c.elapsed - limit);
    } else if (c.due != kNoTime && model.as_of > c.due) {
      c.outcome = SlaOutcome::kOpen;
      c.overdue = elapsed(c.due, model.as_of);
    } else {
      c.outcome = SlaOutcome::kPending;
    }
    // Judged against the owner at the start (SPEC 4.4), not a later one.
    GroupKeyOf(model, p, start, by, tz, OwnerKey::kAtTime, key);
    for (Accumulator* acc : {&groups[key], &total}) {
      SlaGroup& g = acc->group;
      ++g.started;
      g.met += c.outcome == SlaOutcome::kMet;
      g.breached += c.outcome == SlaOutcome::kBreached;
      g.open += c.outcome == SlaOutcome::kOpen;
      g.pending += c.outcome == SlaOutcome::kPending;
      if (c.end != kNoTime) acc->hours.push_back(static_cast<double>(c.elapsed) / 3600.0);
    }
    if (c.outcome == SlaOutcome::kBreached || c.outcome == SlaOutcome::kOpen) {
      result.breaches.push_back(c);
    }
    if (cases) cases->push_back(c);
  }
  auto finish = [](Accumulator& acc) {
    SlaGroup g = acc.group;
    std::int64_t due = g.met + g.breached + g.open;
    if (due > 0) g.met_rate = static_cast<double>(g.met) / static_cast<double>(due);
    g.median_hours = Percentile(acc.hours, 50);
    g.p90_hours = Percentile(acc.hours, 90);
    return g;
  };
  if (!by.empty()) {
    for (auto& [k, acc] : groups) {
      acc.group.key = k;
      result.groups.push_back(finish(acc));
    }
  }
  result.groups.push_back(finish(total));
  std::stable_sort(result.breaches.begin(), result.breaches.end(),
                   [](const SlaCase& a, const SlaCase& b) {
                     return a.overdue != b.overdue ? a.overdue > b.overdue : a.start < b.start;
                   });
  return result;
}

std::vector<std::int8_t> SlaMetByPerson(const Model& model, const Config& config,
                                        const SlaRule& rule, Zone tz) {
  const Period all{kNoTime, model.as_of + 1, "all time"};
  std::vector<SlaCase> cases;
  ComputeSla(model, rule, CalendarsFor(model, config, rule), all, tz, {}, &cases);
  std::vector<std::int8_t> out(model.people.size(), -1);
  for (const auto& c : cases) {
    if (c.outcome == SlaOutcome::kMet) out[c.person] = 1;
    if (c.outcome == SlaOutcome::kBreached || c.outcome == SlaOutcome::kOpen) out[c.person] = 0;
  }
  return out;
}

}  // namespace baton
