// The scores report (issue 17): score bands or thresholds with the summary lines
// (AUC, Brier) as facts, and a warning when the scores are current values.
#include <fmt/format.h>

#include <algorithm>

#include "baton/reports.h"
#include "report/cell_text.h"

namespace baton {
namespace {

// One band's row after the keys.
// (Grades have no low and high score: their rank is no number to read; an empty
// band of a group has none either.)
std::vector<Cell> BandRow(const ScoreBand& band, bool probability, bool guard, bool grades) {
  const bool range = !grades && band.people > 0;
  std::vector<Cell> row = {Cell::Text(band.label),
                           range ? Cell::Number(band.low) : Cell::Blank(),
                           range ? Cell::Number(band.high) : Cell::Blank(),
                           Cell::Count(band.people),
                           Cell::Rate(band.share),
                           Cell::Count(band.converted),
                           Cell::Rate(band.rate),
                           Cell::Rate(band.rate_low),
                           Cell::Rate(band.rate_high),
                           Cell::Number(band.lift),
                           Cell::Rate(band.capture),
                           Cell::Days(band.median_days)};
  if (probability) row.push_back(Cell::Rate(band.predicted));
  if (guard) {
    row.push_back(Cell::Count(band.sla_met));
    row.push_back(Cell::Rate(band.met_rate));
    row.push_back(Cell::Count(band.sla_missed));
    row.push_back(Cell::Rate(band.missed_rate));
  }
  return row;
}

// The "(all)" row of a set of bands.
std::vector<Cell> AllRow(const ScoreSummary& s, bool probability, bool guard, bool grades) {
  std::optional<double> low, high;  // of the bands that have people
  for (const auto& b : s.bands) {
    if (!b.people || grades) continue;
    low = low ? std::min(*low, b.low) : b.low;
    high = high ? std::max(*high, b.high) : b.high;
  }
  std::vector<Cell> row = {
      Cell::Text("(all)"),
      low ? Cell::Number(low) : Cell::Blank(),
      high ? Cell::Number(high) : Cell::Blank(),
      Cell::Count(s.people),
      Cell::Rate(s.people ? std::optional<double>(1) : std::nullopt),
      Cell::Count(s.converted),
      Cell::Rate(s.rate),
      Cell::Blank(),
      Cell::Blank(),
      Cell::Number(s.rate && *s.rate > 0 ? std::optional<double>(1) : std::nullopt),
      Cell::Blank(),
      Cell::Blank()};
  if (probability) row.push_back(Cell::Blank());
  if (guard) {
    std::int64_t met = 0, missed = 0;
    double met_won = 0, missed_won = 0;
    for (const auto& b : s.bands) {
      met += b.sla_met;
      missed += b.sla_missed;
      met_won += b.met_rate.value_or(0) * static_cast<double>(b.sla_met);
      missed_won += b.missed_rate.value_or(0) * static_cast<double>(b.sla_missed);
    }
    row.push_back(Cell::Count(met));
    row.push_back(
        Cell::Rate(met ? std::optional<double>(met_won / static_cast<double>(met)) : std::nullopt));
    row.push_back(Cell::Count(missed));
    row.push_back(Cell::Rate(
        missed ? std::optional<double>(missed_won / static_cast<double>(missed)) : std::nullopt));
  }
  return row;
}

std::string AucText(const std::optional<double>& auc) {
  return auc ? fmt::format("{:.3f}", *auc) : "n/a";
}

}  // namespace

Table ScoresReport(const ScoreResult& r, const ScoreReportOptions& o) {
  Table t;
  t.report = "scores";
  const bool by = !o.by.empty();
  const bool guard = !o.sla_rule.empty() && !o.thresholds;
  const bool costs = !o.currency.empty();
  // Each group's rows after its key cells, then every person's under "(all)".
  std::vector<std::pair<std::vector<std::string>, const ScoreSummary*>> parts;
  for (const auto& g : r.groups) {
    if (g.people) parts.emplace_back(g.key, &g);  // (one of unscored people only: in the notes)
  }
  parts.emplace_back(std::vector<std::string>(o.by.size(), "(all)"), &r);
  auto keyed = [&](const std::vector<std::string>& key, std::vector<Cell> row) {
    std::vector<Cell> out;
    out.reserve(key.size() + row.size());
    for (const auto& k : key) out.push_back(Cell::Text(k));
    for (auto& c : row) out.push_back(std::move(c));
    return out;
  };
  for (const auto& k : o.by) {
    t.columns.push_back(k);
    t.headings.push_back(k);
  }
  t.key_columns = o.by.size();
  const int keys = static_cast<int>(o.by.size());
  if (o.thresholds) {
    t.title = "MQL thresholds";
    for (const char* c : {"threshold", "people", "per_week", "converted", "capture", "rate"}) {
      t.columns.push_back(c);
    }
    for (const char* h :
         {o.grades ? "grade ≥" : "score ≥", "people", "per week", "converted", "capture", "rate"}) {
      t.headings.push_back(h);
    }
    if (costs) {
      t.columns.insert(t.columns.end(), {"cost", "cost_per_won"});
      t.headings.insert(t.headings.end(), {"cost " + o.currency, "per won"});
    }
    for (const auto& [key, s] : parts) {
      for (const auto& th : s->thresholds) {
        std::vector<Cell> row = {o.grades ? Cell::Text(th.label) : Cell::Number(th.threshold),
                                 Cell::Count(th.people),
                                 Cell::Number(th.per_week),
                                 Cell::Count(th.converted),
                                 Cell::Rate(th.capture),
                                 Cell::Rate(th.rate)};
        if (costs) {
          row.push_back(Cell::Money(th.cost));
          row.push_back(Cell::Money(th.cost_per_won));
        }
        t.AddRow(keyed(key, std::move(row)));
      }
    }
    Chart chart;
    chart.title = "Conversion rate at or above each threshold";
    chart.value_column = keys + 5;
    chart.label_columns = {keys};
    for (int k = keys; k-- > 0;) chart.label_columns.insert(chart.label_columns.begin(), k);
    chart.note_column = keys + 4;
    chart.full = 1;
    t.charts.push_back(chart);
  } else {
    t.title = "score bands";
    for (const char* c : {"band", "low", "high", "people", "share", "converted", "rate", "rate_low",
                          "rate_high", "lift", "capture", "median_days"}) {
      t.columns.push_back(c);
    }
    for (const char* h :
         {o.grades ? "grade" : "band", "low", "high", "people", "share", "converted", "rate",
          "95% low", "95% high", "lift", "capture", "median d"}) {
      t.headings.push_back(h);
    }
    if (r.brier) {
      t.columns.push_back("predicted");
      t.headings.push_back("predicted");
    }
    if (guard) {
      t.columns.insert(t.columns.end(), {"sla_met", "met_rate", "sla_missed", "missed_rate"});
      t.headings.insert(t.headings.end(), {"SLA met", "rate met", "missed", "rate missed"});
    }
    if (by) {
      t.columns.push_back("auc");
      t.headings.push_back("auc");
    }
    for (const auto& [key, s] : parts) {
      for (const auto& band : s->bands) {
        auto row = keyed(key, BandRow(band, r.brier.has_value(), guard, o.grades));
        if (by) row.push_back(Cell::Blank());
        t.AddRow(std::move(row));
      }
      auto row = keyed(key, AllRow(*s, r.brier.has_value(), guard, o.grades));
      if (by) row.push_back(Cell::Number(s->auc));
      t.AddRow(std::move(row), true);
    }
    t.bar_column = keys + 5;
    Chart rate;
    rate.title = "Conversion rate to " + o.to + " per " + (o.grades ? "grade" : "score band") +
                 ", highest " + (o.grades ? "grades" : "scores") + " first";
    rate.value_column = keys + 6;
    for (int k = 0; k <= keys; ++k) rate.label_columns.push_back(k);
    rate.note_column = keys + 9;
    rate.full = 1;
    t.charts.push_back(rate);
    Chart lift;
    lift.title = "Lift per " + std::string(o.grades ? "grade" : "band") + " (1 = the overall rate)";
    lift.value_column = keys + 9;
    lift.label_columns = rate.label_columns;
    t.charts.push_back(lift);
  }
  const std::string what = o.grades ? "grade" : "score";
  t.meta.emplace_back("at", o.at + (o.grades    ? ": each person's grade today (grades have no "
                                                  "history here)"
                                    : o.current ? ": each person's score today (--current)"
                                                : ": each person's score as it stood then"));
  t.meta.emplace_back("to", o.to + (o.window_days ? fmt::format(" within {:g} days", *o.window_days)
                                                  : std::string(" by as-of")));
  t.meta.emplace_back("bands", o.bands);
  t.meta.emplace_back("scored",
                      fmt::format("{} reached {} in the period with a {}, {} converted ({})",
                                  Plural(r.people, "person", "people"), o.at, what,
                                  HumanText(Cell::Count(r.converted), nullptr),
                                  HumanText(Cell::Rate(r.rate), nullptr)));
  t.meta.emplace_back("auc",
                      r.auc ? fmt::format("{:.3f} (0.5: no better than chance; 1: perfect)", *r.auc)
                            : "n/a: needs people who converted and people who did not");
  if (!o.sla_rule.empty()) {
    t.meta.emplace_back(
        "auc_by_sla",
        fmt::format("{} among people whose {} SLA was met, {} among those it was missed for "
                    "(a score that only ranks who was worked first loses its AUC here)",
                    AucText(r.auc_sla_met), o.sla_rule, AucText(r.auc_sla_missed)));
  }
  if (r.brier) {
    t.meta.emplace_back("brier", fmt::format("{:.4f} (the mean squared error of the score read "
                                             "as a probability; 0 is perfect)",
                                             *r.brier));
  }
  if (!o.grades) {
    t.meta.emplace_back("scores", fmt::format("{} from score history at {}, {} current values",
                                              r.from_history, o.at, r.current));
  }
  t.stats = {{"people", static_cast<double>(r.people)},
             {"converted", static_cast<double>(r.converted)},
             {"rate", r.rate},
             {"auc", r.auc},
             {"brier", r.brier}};
  if (!o.sla_rule.empty()) {
    t.stats.emplace_back("auc_sla_met", r.auc_sla_met);
    t.stats.emplace_back("auc_sla_missed", r.auc_sla_missed);
  }
  if (costs && r.unpriced > 0) {
    t.notes.push_back(
        fmt::format("cost: {} of {} have no known lead cost (no campaign, or a "
                    "campaign with no spend) and count as nothing; {}",
                    r.unpriced, Plural(r.people, "person", "people"), o.cost_note));
  } else if (costs) {
    t.notes.push_back("cost: " + o.cost_note);
  }
  if (!r.grades_unscaled.empty()) {
    const bool all = std::all_of(r.bands.begin(), r.bands.end(), [&](const ScoreBand& b) {
      return std::find(r.grades_unscaled.begin(), r.grades_unscaled.end(), b.label) !=
             r.grades_unscaled.end();
    });
    t.notes.push_back(
        all ? std::string("grades: not Pardot letters, HubSpot priorities or Salesforce ratings, "
                          "so ordered alphabetically, the first best")
            : fmt::format("grades on no known scale ({}) rank below the others, alphabetically",
                          fmt::join(r.grades_unscaled, ", ")));
  }
  if (r.current > 0 && o.current) {
    t.notes.push_back(fmt::format(
        "warning: these are today's scores (--current), not the scores at {}: a score updated "
        "after conversion flatters the model; run without --current to compare",
        o.at));
  } else if (o.grades && r.current > 0) {
    t.notes.push_back(
        fmt::format("warning: grades are current values, not values at {}: a grade updated after "
                    "conversion flatters it",
                    o.at));
  } else if (r.current > 0) {
    t.notes.push_back(fmt::format(
        "warning: {} of {} scores are current values, not values at {}: a score updated after "
        "conversion flatters the model (give score history: a Marketo activity log with Change "
        "Score, LeadHistory rows of the score field, or HubSpot property history of "
        "hubspotscore)",
        r.current, r.current + r.from_history, o.at));
  }
  if (r.unscored > 0) {
    t.notes.push_back(fmt::format("{} reached {} in the period with no {} {}; left out",
                                  Plural(r.unscored, "person", "people"), o.at, what,
                                  o.current || o.grades ? "today" : "then"));
  }
  if (r.immature) {
    t.notes.push_back(
        o.window_days
            ? fmt::format("immature: the period ended less than the {:g}-day window before "
                          "as-of; its last people's conversions are still coming in",
                          *o.window_days)
            : fmt::format("immature: the period ended less than {:.1f} days (the p90 from {} to "
                          "{}, all time) before as-of; its last people's conversions are still "
                          "coming in",
                          r.p90_days.value_or(0), o.at, o.to));
  }
  if (r.not_probabilities) {
    t.notes.push_back(
        "--probability: a score in the data is outside 0 to 100, so the scores are no "
        "probabilities; no Brier score");
  }
  return t;
}

}  // namespace baton
