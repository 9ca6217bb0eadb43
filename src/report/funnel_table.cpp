// FunnelResult → Table, in long form: one row per group and stage (see reports.h).
#include <fmt/format.h>

#include <algorithm>

#include "baton/reports.h"

namespace baton {

Table FunnelTable(const FunnelResult& result, const FunnelOptions& options) {
  const bool cohort = options.basis == Basis::kCohort;
  Table t;
  t.report = "funnel";
  for (const auto& key : options.by) {
    t.columns.push_back(key.name);
    t.headings.push_back(key.name);
  }
  t.key_columns = options.by.size() + 1;
  if (cohort) {
    t.columns.insert(t.columns.end(), {"stage", "reached", "step_rate", "cumulative_rate",
                                       "median_days", "p90_days", "immature"});
    t.headings.insert(t.headings.end(),
                      {"stage", "reached", "step", "cumulative", "median d", "p90 d", "immature"});
  } else {
    t.columns.insert(t.columns.end(), {"stage", "entered", "ratio", "median_days", "p90_days"});
    t.headings.insert(t.headings.end(), {"stage", "entered", "ratio", "median d", "p90 d"});
  }
  t.bar_column = static_cast<int>(options.by.size()) + 1;
  t.title = cohort ? "stage conversion (cohort)" : "stage conversion (period)";
  // html: the stages as bars with their step rates (the total group's with --by).
  Chart chart;
  chart.title = cohort ? "People reaching each stage, with the step rate"
                       : "People entering each stage, with the ratio to the stage before";
  chart.value_column = t.bar_column;
  chart.label_columns = {static_cast<int>(options.by.size())};
  chart.note_column = t.bar_column + 1;
  chart.rows = options.by.empty() ? ChartRows::kDetail : ChartRows::kTotals;
  t.charts.push_back(chart);
  for (const auto& group : result.groups) {
    for (std::size_t i = 0; i < result.stages.size(); ++i) {
      const StageFigures& f = group.stages[i];
      std::vector<Cell> row;
      for (std::size_t k = 0; k < options.by.size(); ++k) {
        row.push_back(Cell::Text(group.is_total ? "(all)" : group.key[k]));
      }
      row.push_back(Cell::Text(result.stages[i]));
      row.push_back(Cell::Count(f.count));
      row.push_back(i ? Cell::Rate(f.step_rate) : Cell::Blank());
      if (cohort) row.push_back(Cell::Rate(f.cumulative));
      row.push_back(i ? Cell::Days(f.median_days) : Cell::Blank());
      row.push_back(i ? Cell::Days(f.p90_days) : Cell::Blank());
      if (cohort) row.push_back(Cell::Flag(group.immature));
      t.AddRow(std::move(row), group.is_total && !options.by.empty());
    }
  }
  return t;
}

std::string EmptyPeriodNote(const Model& model, const std::function<Instant(std::size_t)>& starts,
                            const std::string& what, const std::string& times, const Period& period,
                            Zone tz) {
  Instant first = kNoTime, last = kNoTime;
  for (std::size_t p = 0; p < model.people.size(); ++p) {
    const Instant t = starts(p);
    if (!IsKnownTime(t)) continue;
    first = first == kNoTime ? t : std::min(first, t);
    last = last == kNoTime ? t : std::max(last, t);
  }
  if (first == kNoTime) {
    return fmt::format("{} in the period ({}); the data has no {} at all", what, period.label,
                       times);
  }
  return fmt::format("{} in the period ({}); the data's {} span {} \u2026 {}", what, period.label,
                     times, FormatLocalDate(first, tz), FormatLocalDate(last, tz));
}

Table FunnelReport(const FunnelResult& result, const FunnelOptions& options, const Model& model) {
  Table table = FunnelTable(result, options);
  const std::string& entry = result.stages.front();
  if (options.period.Dated(model.as_of)) {
    const std::size_t from = static_cast<std::size_t>(options.from_stage);
    const bool cohort = options.basis == Basis::kCohort;
    bool empty = true;
    for (const auto& f : result.groups.back().stages) empty = empty && f.count == 0;
    if (empty) {
      table.notes.push_back(EmptyPeriodNote(
          model, [&](std::size_t p) { return model.StageTime(p, from); },
          cohort ? "no person reached " + entry : "no person entered any stage", entry + " times",
          options.period, options.tz));
    }
  }
  if (options.basis == Basis::kCohort) {
    table.meta.emplace_back(
        "basis", "cohort: people whose " + entry + " time falls in the period, followed to as-of");
  } else {
    table.meta.emplace_back("basis", "period: people entering each stage in the period");
  }
  if (options.window_days) {
    table.meta.emplace_back("window", fmt::format("{} days from {}", *options.window_days, entry));
  }
  if (result.slowest_median_days && options.basis == Basis::kCohort) {
    table.meta.emplace_back(
        "immature",
        fmt::format("cohorts that started less than {:.1f} days (the slowest median step) "
                    "before as-of",
                    *result.slowest_median_days));
  }
  if (model.quality.records_after_as_of > 0) {
    table.notes.push_back(fmt::format("{} records created after as-of were left out (SPEC 3)",
                                      model.quality.records_after_as_of));
  }
  if (model.quality.orphan_opportunities > 0) {
    table.notes.push_back(
        fmt::format("{} opportunities link to no person and are not in person-level conversion",
                    model.quality.orphan_opportunities));
  }
  // SPEC 2.2 rule 5: what the table did with times known only from a current status.
  if (options.basis == Basis::kPeriod) {
    std::int64_t unknown = 0;
    for (auto n : model.quality.unknown_time) unknown += n;
    if (unknown > 0) {
      table.notes.push_back(fmt::format(
          "{} stage entries in the data are known only from a current status (time unknown): "
          "left out of period counts, which need a time",
          unknown));
    }
  }
  if (result.unknown_entry_counted > 0) {
    table.notes.push_back(fmt::format(
        "{} of the {} people reached {} at an unknown time (a current status only): in the "
        "all-time cohort, out of velocity; a dated period leaves them out",
        result.unknown_entry_counted, result.groups.back().stages[0].count, entry));
  }
  if (result.unknown_entry_left_out > 0) {
    table.notes.push_back(fmt::format(
        "{} people reached {} at an unknown time (a current status only): left out, as a "
        "dated period or a time breakdown cannot place them (all time counts them)",
        result.unknown_entry_left_out, entry));
  }
  if (result.unknown_later_counted > 0) {
    table.notes.push_back(
        fmt::format("{} later stages were reached at an unknown time (a current status only): "
                    "counted as reached, out of velocity",
                    result.unknown_later_counted));
  }
  if (result.unknown_later_not_counted > 0) {
    table.notes.push_back(
        fmt::format("{} later stages were reached at an unknown time: not counted, as the "
                    "window needs a time",
                    result.unknown_later_not_counted));
  }
  return table;
}

}  // namespace baton
