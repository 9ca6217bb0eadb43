// The scores report (issue 17): score bands or thresholds with the summary lines
// (AUC, Brier) as facts, and a warning when the scores are current values.
#include <fmt/format.h>

#include "baton/reports.h"
#include "report/cell_text.h"

namespace baton {
namespace {

std::string ScoreText(double score) { return fmt::format("{:g}", score); }

}  // namespace

Table ScoresReport(const ScoreResult& r, const ScoreReportOptions& o) {
  Table t;
  t.report = "scores";
  if (o.thresholds) {
    t.title = "MQL thresholds";
    t.columns = {"threshold", "people", "per_week", "converted", "capture", "rate"};
    t.headings = {"score ≥", "people", "per week", "converted", "capture", "rate"};
    for (const auto& th : r.thresholds) {
      t.AddRow({Cell::Number(th.threshold), Cell::Count(th.people), Cell::Number(th.per_week),
                Cell::Count(th.converted), Cell::Rate(th.capture), Cell::Rate(th.rate)});
    }
    Chart chart;
    chart.title = "Conversion rate at or above each threshold";
    chart.value_column = 5;
    chart.label_columns = {0};
    chart.note_column = 4;
    chart.full = 1;
    t.charts.push_back(chart);
  } else {
    t.title = "score bands";
    t.columns = {"band", "low",      "high",      "people", "share",   "converted",
                 "rate", "rate_low", "rate_high", "lift",   "capture", "median_days"};
    t.headings = {"band", "low",     "high",     "people", "share",   "converted",
                  "rate", "95% low", "95% high", "lift",   "capture", "median d"};
    if (r.brier) {
      t.columns.push_back("predicted");
      t.headings.push_back("predicted");
    }
    for (std::size_t b = 0; b < r.bands.size(); ++b) {
      const ScoreBand& band = r.bands[b];
      std::vector<Cell> row = {
          Cell::Text(band.low == band.high ? ScoreText(band.low)
                                           : ScoreText(band.low) + "–" + ScoreText(band.high)),
          Cell::Number(band.low),
          Cell::Number(band.high),
          Cell::Count(band.people),
          Cell::Rate(band.share),
          Cell::Count(band.converted),
          Cell::Rate(band.rate),
          Cell::Rate(band.rate_low),
          Cell::Rate(band.rate_high),
          Cell::Number(band.lift),
          Cell::Rate(band.capture),
          Cell::Days(band.median_days)};
      if (r.brier) row.push_back(Cell::Rate(band.predicted));
      t.AddRow(std::move(row));
    }
    t.AddRow(
        {Cell::Text("(all)"), r.bands.empty() ? Cell::Blank() : Cell::Number(r.bands.back().low),
         r.bands.empty() ? Cell::Blank() : Cell::Number(r.bands.front().high),
         Cell::Count(r.people), Cell::Rate(r.people ? std::optional<double>(1) : std::nullopt),
         Cell::Count(r.converted), Cell::Rate(r.rate), Cell::Blank(), Cell::Blank(),
         Cell::Number(r.rate && *r.rate > 0 ? std::optional<double>(1) : std::nullopt),
         Cell::Blank(), Cell::Blank()},
        true);
    if (r.brier) t.rows.back().push_back(Cell::Blank());
    t.bar_column = 5;
    Chart rate;
    rate.title = "Conversion rate to " + o.to + " per score band, highest scores first";
    rate.value_column = 6;
    rate.label_columns = {0};
    rate.note_column = 9;
    rate.full = 1;
    t.charts.push_back(rate);
    Chart lift;
    lift.title = "Lift per band (1 = the overall rate)";
    lift.value_column = 9;
    lift.label_columns = {0};
    t.charts.push_back(lift);
  }
  t.meta.emplace_back("at", o.at + (o.current ? ": each person's score today (--current)"
                                              : ": each person's score as it stood then"));
  t.meta.emplace_back("to", o.to + (o.window_days ? fmt::format(" within {:g} days", *o.window_days)
                                                  : std::string(" by as-of")));
  t.meta.emplace_back("bands", o.bands);
  t.meta.emplace_back("scored",
                      fmt::format("{} reached {} in the period with a score, {} converted ({})",
                                  Plural(r.people, "person", "people"), o.at,
                                  HumanText(Cell::Count(r.converted), nullptr),
                                  HumanText(Cell::Rate(r.rate), nullptr)));
  t.meta.emplace_back("auc",
                      r.auc ? fmt::format("{:.3f} (0.5: no better than chance; 1: perfect)", *r.auc)
                            : "n/a: needs people who converted and people who did not");
  if (r.brier) {
    t.meta.emplace_back("brier", fmt::format("{:.4f} (the mean squared error of the score read "
                                             "as a probability; 0 is perfect)",
                                             *r.brier));
  }
  t.meta.emplace_back("scores", fmt::format("{} from score history at {}, {} current values",
                                            r.from_history, o.at, r.current));
  if (r.current > 0 && o.current) {
    t.notes.push_back(fmt::format(
        "warning: these are today's scores (--current), not the scores at {}: a score updated "
        "after conversion flatters the model; run without --current to compare",
        o.at));
  } else if (r.current > 0) {
    t.notes.push_back(fmt::format(
        "warning: {} of {} scores are current values, not values at {}: a score updated after "
        "conversion flatters the model (give score history: a Marketo activity log with Change "
        "Score, or LeadHistory rows of the score field)",
        r.current, r.current + r.from_history, o.at));
  }
  if (r.unscored > 0) {
    t.notes.push_back(fmt::format("{} reached {} in the period with no score {}; left out",
                                  Plural(r.unscored, "person", "people"), o.at,
                                  o.current ? "today" : "then"));
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
