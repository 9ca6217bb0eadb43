// Lead-score calibration; see scores.h.
#include "baton/scores.h"

#include <algorithm>
#include <cmath>

#include "baton/funnel.h"

namespace baton {
namespace {

struct Scored {
  double score;
  bool converted;
  double days;  // event → target, NaN when not both known
};

// Quantile bands whose ties are never split: the cut after rank ⌈i·n/q⌉ moves to
// the end of its run of equal scores. Returns the first index of each band.
std::vector<std::size_t> QuantileStarts(const std::vector<Scored>& sorted, int q) {
  std::vector<std::size_t> starts = {0};
  const std::size_t n = sorted.size();
  for (int i = 1; i < q; ++i) {
    std::size_t cut = (n * static_cast<std::size_t>(i) + static_cast<std::size_t>(q) - 1) /
                      static_cast<std::size_t>(q);
    if (cut == 0 || cut >= n) continue;
    while (cut < n && sorted[cut].score == sorted[cut - 1].score) ++cut;
    if (cut < n && cut > starts.back()) starts.push_back(cut);
  }
  return starts;
}

}  // namespace

std::optional<std::pair<double, double>> Wilson(std::int64_t k, std::int64_t n) {
  if (n <= 0) return std::nullopt;
  constexpr double z = 1.959963984540054;  // the 97.5th percentile of the normal
  const double nn = static_cast<double>(n), p = static_cast<double>(k) / nn;
  const double denominator = 1 + z * z / nn;
  const double centre = (p + z * z / (2 * nn)) / denominator;
  const double half = z * std::sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn)) / denominator;
  return std::make_pair(std::max(0.0, centre - half), std::min(1.0, centre + half));
}

std::optional<double> Auc(std::vector<std::pair<double, bool>> scored) {
  std::sort(scored.begin(), scored.end());
  double positives = 0, rank_sum = 0;
  for (std::size_t i = 0; i < scored.size();) {
    std::size_t j = i;
    while (j < scored.size() && scored[j].first == scored[i].first) ++j;
    // Ranks i+1 … j share their mean: a tie counts half either way.
    const double mean_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;
    for (std::size_t k = i; k < j; ++k) {
      if (scored[k].second) {
        positives += 1;
        rank_sum += mean_rank;
      }
    }
    i = j;
  }
  const double negatives = static_cast<double>(scored.size()) - positives;
  if (positives == 0 || negatives == 0) return std::nullopt;
  return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives);
}

ScoreResult ComputeScores(const Model& model, const ScoreOptions& o) {
  ScoreResult r;
  const std::size_t to =
      o.to_stage >= 0 ? static_cast<std::size_t>(o.to_stage) : model.stages.size() - 1;
  auto event_of = [&](std::size_t p) {
    return o.at_assigned ? model.people[p].assigned_at
                         : model.StageTime(p, static_cast<std::size_t>(o.at_stage));
  };
  const bool dated = o.period.Dated(model.as_of);
  std::vector<Scored> scored;
  std::vector<double> all_days;  // of all time, for the p90 that judges immaturity
  Instant first_event = kNoTime;
  for (std::size_t p = 0; p < model.people.size(); ++p) {
    const Instant event = event_of(p), target = model.StageTime(p, to);
    const bool both_known = IsKnownTime(event) && IsKnownTime(target) && target >= event;
    const double days =
        both_known ? static_cast<double>(target - event) / kSecondsPerDay : std::nan("");
    if (both_known) all_days.push_back(days);
    // SPEC 2.2 rule 5: an event at an unknown time (a current status only) is in
    // an all-time report and in no dated period; its score can only be the current one.
    const bool unknown = event == kUnknownTime && !dated;
    if (!unknown && (!IsKnownTime(event) || !o.period.Contains(event))) continue;
    bool current = true;
    std::optional<double> score;
    if (!unknown && !o.current) {
      score = model.ScoreAt(p, event, current);
    } else if (model.people[p].has_score) {
      score = model.people[p].score;
    }
    if (!score) {
      ++r.unscored;
      continue;
    }
    ++(current ? r.current : r.from_history);
    // Reached by as-of at or after the event (an unknown time counts, as in the
    // funnel), or within the window; a target reached before the event is no
    // conversion the score could have predicted.
    bool converted =
        target != kNoTime && (!IsKnownTime(event) || !IsKnownTime(target) || target >= event);
    if (o.window_days) {
      converted = IsKnownTime(event) && IsKnownTime(target) && target >= event &&
                  static_cast<double>(target - event) <= *o.window_days * kSecondsPerDay;
    }
    scored.push_back({*score, converted, converted ? days : std::nan("")});
    if (!unknown && (first_event == kNoTime || event < first_event)) first_event = event;
  }
  r.p90_days = Percentile(all_days, 90);
  // Immature: the period's last people have had less time than most conversions
  // take (the p90), or than the window.
  const std::optional<double> horizon = o.window_days ? o.window_days : r.p90_days;
  r.immature = dated && horizon &&
               static_cast<double>(model.as_of - o.period.until) < *horizon * kSecondsPerDay;
  r.people = static_cast<std::int64_t>(scored.size());
  if (scored.empty()) return r;
  std::stable_sort(scored.begin(), scored.end(),
                   [](const Scored& a, const Scored& b) { return a.score < b.score; });
  for (const auto& s : scored) r.converted += s.converted;
  r.rate = static_cast<double>(r.converted) / static_cast<double>(r.people);

  // Probabilities: 0–1 as they are, 0–100 scaled; the Brier score and per band
  // the mean predicted probability.
  // The scale is the model's, not the period's: 0–1 unless any score in the data
  // is above 1, then 0–100; scores outside 0–100 are no probabilities.
  double low = 0, high = 0;
  for (const auto& person : model.people) {
    if (!person.has_score) continue;
    low = std::min(low, person.score);
    high = std::max(high, person.score);
  }
  for (double v : model.score_change_values) {
    low = std::min(low, v);
    high = std::max(high, v);
  }
  const double scale = high > 1 ? 100.0 : 1.0;
  const bool probability = o.probability && low >= 0 && high <= 100;
  r.not_probabilities = o.probability && !probability;
  if (probability) {
    double sum = 0;
    for (const auto& s : scored) {
      const double err = s.score / scale - (s.converted ? 1.0 : 0.0);
      sum += err * err;
    }
    r.brier = sum / static_cast<double>(scored.size());
  }
  std::vector<std::pair<double, bool>> pairs;
  pairs.reserve(scored.size());
  for (const auto& s : scored) pairs.emplace_back(s.score, s.converted);
  r.auc = Auc(std::move(pairs));

  std::vector<std::size_t> starts;
  if (o.bands == ScoreOptions::Bands::kEdges) {
    starts.push_back(0);
    for (double edge : o.edges) {
      auto it = std::lower_bound(scored.begin(), scored.end(), edge,
                                 [](const Scored& s, double e) { return s.score < e; });
      const auto at = static_cast<std::size_t>(it - scored.begin());
      if (at > starts.back() && at < scored.size()) starts.push_back(at);
    }
  } else {
    starts = QuantileStarts(scored, o.bands == ScoreOptions::Bands::kDeciles ? 10 : 5);
  }
  starts.push_back(scored.size());
  for (std::size_t b = starts.size() - 1; b-- > 0;) {  // the highest scores first
    ScoreBand band;
    band.low = scored[starts[b]].score;
    band.high = scored[starts[b + 1] - 1].score;
    std::vector<double> days;
    double predicted = 0;
    for (std::size_t i = starts[b]; i < starts[b + 1]; ++i) {
      ++band.people;
      band.converted += scored[i].converted;
      if (!std::isnan(scored[i].days)) days.push_back(scored[i].days);
      predicted += scored[i].score / scale;
    }
    const double n = static_cast<double>(band.people);
    band.share = n / static_cast<double>(r.people);
    band.rate = static_cast<double>(band.converted) / n;
    if (auto w = Wilson(band.converted, band.people)) {
      band.rate_low = w->first;
      band.rate_high = w->second;
    }
    if (*r.rate > 0) band.lift = *band.rate / *r.rate;
    band.median_days = Percentile(days, 50);
    if (probability) band.predicted = predicted / n;
    r.bands.push_back(band);
  }
  // Capture and thresholds, from the top band down.
  const double weeks =
      static_cast<double>(o.period.until -
                          (o.period.since != kNoTime ? o.period.since : first_event)) /
      (7.0 * kSecondsPerDay);
  std::int64_t people = 0, converted = 0;
  for (auto& band : r.bands) {
    people += band.people;
    converted += band.converted;
    if (r.converted) {
      band.capture = static_cast<double>(converted) / static_cast<double>(r.converted);
    }
    ScoreThreshold t;
    t.threshold = band.low;
    t.people = people;
    t.converted = converted;
    t.capture = band.capture;
    t.rate = static_cast<double>(converted) / static_cast<double>(people);
    if (weeks > 0) t.per_week = static_cast<double>(people) / weeks;
    r.thresholds.push_back(t);
  }
  return r;
}

}  // namespace baton
