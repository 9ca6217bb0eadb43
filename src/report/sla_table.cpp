// SLA results → Tables (see reports.h): the summary per rule and group, and the
// list of breaches.
#include <fmt/format.h>

#include "baton/reports.h"

namespace baton {

Table SlaSummaryTable(const std::vector<std::pair<const SlaRule*, SlaResult>>& results,
                      const std::vector<GroupKey>& by) {
  Table t;
  t.report = "sla";
  t.title = "hand-off SLAs";
  t.columns = {"rule"};
  t.headings = {"rule"};
  for (const auto& k : by) {
    t.columns.push_back(k.name);
    t.headings.push_back(k.name);
  }
  t.key_columns = by.size() + 1;
  Chart chart;  // html: % met per rule and owner (or --by group)
  chart.title = "% met";
  chart.value_column = static_cast<int>(by.size()) + 6;
  chart.full = 1;
  for (int k = 0; k <= static_cast<int>(by.size()); ++k) chart.label_columns.push_back(k);
  t.charts.push_back(chart);
  t.columns.insert(t.columns.end(), {"started", "met", "breached", "open", "pending", "met_rate",
                                     "median_hours", "p90_hours"});
  t.headings.insert(t.headings.end(), {"started", "met", "breached", "open", "pending", "% met",
                                       "median h", "p90 h"});
  for (const auto& [rule, result] : results) {
    for (const auto& g : result.groups) {
      std::vector<Cell> row = {Cell::Text(rule->name)};
      for (std::size_t k = 0; k < by.size(); ++k) {
        row.push_back(Cell::Text(g.is_total ? "(all)" : g.key[k]));
      }
      for (auto n : {g.started, g.met, g.breached, g.open, g.pending})
        row.push_back(Cell::Count(n));
      row.push_back(Cell::Rate(g.met_rate));
      row.push_back(Cell::Number(g.median_hours));
      row.push_back(Cell::Number(g.p90_hours));
      t.AddRow(std::move(row), g.is_total && !by.empty());
    }
  }
  return t;
}

Table SlaBreachTable(const std::vector<std::pair<const SlaRule*, SlaResult>>& results,
                     const Model& model) {
  Table t;
  t.report = "sla-breaches";
  t.title = "SLA breaches, most overdue first";
  t.columns = {"rule", "person", "owner", "start", "due", "end", "status", "overdue_hours"};
  t.headings = {"rule", "person", "owner", "start", "due", "end", "status", "overdue h"};
  t.key_columns = 1;
  for (const auto& [rule, result] : results) {
    for (const auto& c : result.breaches) {
      const Person& p = model.people[c.person];
      bool open = c.outcome == SlaOutcome::kOpen;
      std::uint32_t owner = model.OwnerAt(c.person, c.start);  // the owner at the start
      t.AddRow({Cell::Text(rule->name), Cell::Text(std::string(model.Label(p))),
                owner ? Cell::Text(std::string(model.strings.Get(owner))) : Cell::Blank(),
                Cell::Time(c.start), Cell::Time(c.due), open ? Cell::Blank() : Cell::Time(c.end),
                Cell::Text(open ? "open" : "breached"),
                Cell::Number(static_cast<double>(c.overdue) / 3600.0)});
    }
  }
  return t;
}

std::string DescribeRule(const SlaRule& rule, const Config& config) {
  std::string clock = "calendar time";
  if (rule.business && !rule.calendar.empty()) {
    const Calendar& c = config.calendars.at(rule.calendar);
    clock = fmt::format("business hours of calendar {}: {}, {} holidays", rule.calendar,
                        ZoneName(c.tz), c.holidays.size());
  } else if (rule.business) {
    // Without a named calendar each person works on their own (owners, values).
    clock = config.calendars.size() == 1 ? "business hours of calendar"
                                         : "business hours of each person's calendar, one of";
    const char* sep = " ";
    for (const auto& [name, c] : config.calendars) {
      clock += fmt::format("{}{} ({}, {} holidays)", sep, name, ZoneName(c.tz), c.holidays.size());
      sep = ", ";
    }
  }
  return fmt::format("{} → {} within {} ({})", rule.start, rule.end, rule.limit_text, clock);
}

}  // namespace baton
