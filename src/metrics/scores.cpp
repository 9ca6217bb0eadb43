// Lead-score calibration; see scores.h.
#include "baton/scores.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "baton/funnel.h"
#include "baton/values.h"

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

std::optional<double> GradeRank(std::string_view grade) {
  std::string g(Trim(grade));
  for (char& c : g) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::pair<std::string_view, double> kWords[] = {
      {"very high", 4}, {"high", 3},   {"medium", 2}, {"low", 1},    {"very low", 0}, {"tier_1", 4},
      {"tier_2", 3},    {"tier_3", 2}, {"tier_4", 1}, {"tier 1", 4}, {"tier 2", 3},   {"tier 3", 2},
      {"tier 4", 1},    {"hot", 3},    {"warm", 2},   {"cold", 1}};
  for (const auto& [word, rank] : kWords) {
    if (g == word) return rank;
  }
  // Letter grades: A+ is best, F worst; + and - move a third of a letter.
  if (g.empty() || g.size() > 2 || g[0] < 'a' || g[0] > 'f') return std::nullopt;
  double rank = ('f' - g[0]) * 3.0;
  if (g.size() == 2) {
    if (g[1] != '+' && g[1] != '-') return std::nullopt;
    rank += g[1] == '+' ? 1 : -1;
  }
  return rank;
}

namespace {

// One scored person of the period.
struct Entry {
  double score;
  bool converted;
  double days;          // event → target, NaN when not both known
  double cost;          // the lead's cost, NaN when not known
  std::int8_t sla;      // 1 met, 0 missed, -1 neither
  std::uint32_t group;  // index into the group keys (0 without --by)
};

// The numbers of one set of entries (sorted by score) over bands starting at the
// given scores (ascending; the first is the lowest score).
void Summarise(const std::vector<Entry>& entries, const std::vector<double>& starts,
               const std::vector<std::string>& labels, double scale, bool probability, bool costs,
               double weeks, ScoreSummary& r) {
  r.people = static_cast<std::int64_t>(entries.size());
  r.converted = 0;
  for (const auto& e : entries) r.converted += e.converted;
  if (r.people) r.rate = static_cast<double>(r.converted) / static_cast<double>(r.people);
  if (probability && r.people) {
    double sum = 0;
    for (const auto& e : entries) {
      const double err = e.score / scale - (e.converted ? 1.0 : 0.0);
      sum += err * err;
    }
    r.brier = sum / static_cast<double>(entries.size());
  }
  std::vector<std::pair<double, bool>> pairs, met, missed;
  for (const auto& e : entries) {
    pairs.emplace_back(e.score, e.converted);
    if (e.sla == 1) met.emplace_back(e.score, e.converted);
    if (e.sla == 0) missed.emplace_back(e.score, e.converted);
  }
  r.auc = Auc(std::move(pairs));
  r.auc_sla_met = Auc(std::move(met));
  r.auc_sla_missed = Auc(std::move(missed));

  std::size_t i = 0;
  std::vector<ScoreBand> ascending;
  std::vector<double> band_costs;
  for (std::size_t b = 0; b < starts.size(); ++b) {
    const double next = b + 1 < starts.size() ? starts[b + 1] : HUGE_VAL;
    ScoreBand band;
    band.label = labels[b];
    band.low = starts[b];
    band.high = starts[b];
    std::vector<double> days;
    double predicted = 0, cost = 0;
    std::int64_t met_converted = 0, missed_converted = 0;
    for (; i < entries.size() && entries[i].score < next; ++i) {
      const Entry& e = entries[i];
      band.high = std::max(band.high, e.score);
      ++band.people;
      band.converted += e.converted;
      if (!std::isnan(e.days)) days.push_back(e.days);
      predicted += e.score / scale;
      if (std::isnan(e.cost)) {
        r.unpriced += costs;
      } else {
        cost += e.cost;
      }
      band.sla_met += e.sla == 1;
      band.sla_missed += e.sla == 0;
      met_converted += e.sla == 1 && e.converted;
      missed_converted += e.sla == 0 && e.converted;
    }
    const double n = static_cast<double>(band.people);
    if (band.people) {
      band.share = n / static_cast<double>(r.people);
      band.rate = static_cast<double>(band.converted) / n;
      if (auto w = Wilson(band.converted, band.people)) {
        band.rate_low = w->first;
        band.rate_high = w->second;
      }
      if (*r.rate > 0) band.lift = *band.rate / *r.rate;
      if (probability) band.predicted = predicted / n;
    }
    band.median_days = Percentile(days, 50);
    if (band.sla_met) {
      band.met_rate = static_cast<double>(met_converted) / static_cast<double>(band.sla_met);
    }
    if (band.sla_missed) {
      band.missed_rate =
          static_cast<double>(missed_converted) / static_cast<double>(band.sla_missed);
    }
    ascending.push_back(std::move(band));
    band_costs.push_back(cost);
  }
  // Capture and thresholds, from the top band down.
  std::int64_t people = 0, converted = 0;
  double cost = 0;
  for (std::size_t b = ascending.size(); b-- > 0;) {
    ScoreBand& band = ascending[b];
    people += band.people;
    converted += band.converted;
    cost += band_costs[b];
    if (r.converted) {
      band.capture = static_cast<double>(converted) / static_cast<double>(r.converted);
    }
    ScoreThreshold t;
    t.label = band.label;
    t.threshold = band.low;
    t.people = people;
    t.converted = converted;
    t.capture = band.capture;
    if (people) t.rate = static_cast<double>(converted) / static_cast<double>(people);
    if (weeks > 0) t.per_week = static_cast<double>(people) / weeks;
    if (costs) {
      t.cost = cost;
      if (converted) t.cost_per_won = cost / static_cast<double>(converted);
    }
    r.thresholds.push_back(std::move(t));
    r.bands.push_back(std::move(band));
  }
}

std::string ScoreText(double score) { return fmt::format("{:g}", score); }

}  // namespace

ScoreResult ComputeScores(const Model& model, const ScoreOptions& o) {
  ScoreResult r;
  const std::size_t to =
      o.to_stage >= 0 ? static_cast<std::size_t>(o.to_stage) : model.stages.size() - 1;
  auto event_of = [&](std::size_t p) {
    return o.at_assigned ? model.people[p].assigned_at
                         : model.StageTime(p, static_cast<std::size_t>(o.at_stage));
  };
  const bool grades = o.bands == ScoreOptions::Bands::kGrade;
  // Grades: a known scale's rank, or, when any grade is not on one, the
  // alphabetical order (the first best).
  std::map<std::uint32_t, double> grade_rank;
  std::map<double, std::string> grade_label;
  if (grades) {
    std::map<std::string, std::uint32_t> texts;
    for (const auto& person : model.people) {
      if (person.grade) texts.emplace(std::string(model.strings.Get(person.grade)), person.grade);
    }
    // Grades on no known scale rank below the known ones, alphabetically (the
    // first best).
    double rank = -1;
    for (const auto& [text, id] : texts) {
      const auto known = GradeRank(text);
      if (!known) r.grades_unscaled.push_back(text);
      const double value = known ? *known : rank--;
      grade_rank[id] = value;
      grade_label.emplace(value, text);  // the first text of a rank (alphabetically) names it
    }
  }
  const bool dated = o.period.Dated(model.as_of);
  std::vector<Entry> entries;
  std::vector<double> all_days;  // of all time, for the p90 that judges immaturity
  Instant first_event = kNoTime;
  std::map<std::vector<std::string>, std::uint32_t> group_index;
  std::vector<std::string> key;
  struct Counts {
    std::int64_t unscored = 0, current = 0, from_history = 0;
  };
  std::vector<Counts> group_counts;
  std::vector<Instant> group_bucket;  // a time grain's bucket start, kNoTime without one
  Counts total;
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
    std::uint32_t group = 0;
    if (!o.by.empty()) {
      const Instant bucket = GroupKeyOf(model, p, IsKnownTime(event) ? event : model.as_of, o.by,
                                        o.tz, OwnerKey::kCurrent, key);
      for (std::size_t k = 0; k < o.by.size(); ++k) {
        if (o.by[k].grain && !IsKnownTime(event)) key[k] = "(unknown time)";
      }
      auto [it, added] =
          group_index.try_emplace(key, static_cast<std::uint32_t>(group_counts.size()));
      if (added) {
        group_counts.emplace_back();
        group_bucket.push_back(IsKnownTime(event) ? bucket : kNoTime);
      }
      group = it->second;
    }
    Counts* counts[] = {&total, o.by.empty() ? nullptr : &group_counts[group]};
    bool current = true;
    std::optional<double> score;
    if (grades) {
      if (model.people[p].grade) score = grade_rank[model.people[p].grade];
    } else if (!unknown && !o.current) {
      score = model.ScoreAt(p, event, current);
    } else if (model.people[p].has_score) {
      score = model.people[p].score;
    }
    for (Counts* c : counts) {
      if (!c) continue;
      if (!score) {
        ++c->unscored;
      } else {
        ++(current ? c->current : c->from_history);
      }
    }
    if (!score) continue;
    // Reached by as-of at or after the event (an unknown time counts, as in the
    // funnel), or within the window; a target reached before the event is no
    // conversion the score could have predicted.
    bool converted =
        target != kNoTime && (!IsKnownTime(event) || !IsKnownTime(target) || target >= event);
    if (o.window_days) {
      converted = IsKnownTime(event) && IsKnownTime(target) && target >= event &&
                  static_cast<double>(target - event) <= *o.window_days * kSecondsPerDay;
    }
    entries.push_back({*score, converted, converted ? days : std::nan(""),
                       o.lead_cost.empty() ? std::nan("") : o.lead_cost[p],
                       o.sla.empty() ? std::int8_t{-1} : o.sla[p], group});
    if (!unknown && (first_event == kNoTime || event < first_event)) first_event = event;
  }
  r.p90_days = Percentile(all_days, 90);
  // Immature: the period's last people have had less time than most conversions
  // take (the p90), or than the window.
  const std::optional<double> horizon = o.window_days ? o.window_days : r.p90_days;
  r.immature = dated && horizon &&
               static_cast<double>(model.as_of - o.period.until) < *horizon * kSecondsPerDay;
  auto set_counts = [](const Counts& c, ScoreSummary& s) {
    s.unscored = c.unscored;
    s.current = c.current;
    s.from_history = c.from_history;
  };
  set_counts(total, r);
  // Probabilities: 0–1 as they are, 0–100 scaled; the Brier score and per band
  // the mean predicted probability. The scale is the model's, not the period's:
  // 0–1 unless any score in the data is above 1, then 0–100; scores outside 0–100
  // are no probabilities.
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
  const bool probability = o.probability && !grades && low >= 0 && high <= 100;
  r.not_probabilities = o.probability && !grades && !probability;
  if (entries.empty()) {
    for (const auto& [k, g] : group_index) {
      ScoreGroup group;
      group.key = k;
      set_counts(group_counts[g], group);
      r.groups.push_back(std::move(group));
    }
    return r;
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.score < b.score; });

  // The bands' lowest scores, ascending: every grade, the edges that cut the data,
  // or quantiles whose ties are never split.
  std::vector<std::size_t> first;
  if (grades) {
    first.push_back(0);
    for (std::size_t i = 1; i < entries.size(); ++i) {
      if (entries[i].score != entries[i - 1].score) first.push_back(i);
    }
  } else if (o.bands == ScoreOptions::Bands::kEdges) {
    first.push_back(0);
    for (double edge : o.edges) {
      auto it = std::lower_bound(entries.begin(), entries.end(), edge,
                                 [](const Entry& e, double v) { return e.score < v; });
      const auto at = static_cast<std::size_t>(it - entries.begin());
      if (at > first.back() && at < entries.size()) first.push_back(at);
    }
  } else {
    std::vector<Scored> sorted;
    sorted.reserve(entries.size());
    for (const auto& e : entries) sorted.push_back({e.score, e.converted, e.days});
    first = QuantileStarts(sorted, o.bands == ScoreOptions::Bands::kDeciles ? 10 : 5);
  }
  std::vector<double> starts;
  std::vector<std::string> labels;
  for (std::size_t b = 0; b < first.size(); ++b) {
    const double lo = entries[first[b]].score;
    const double hi = entries[(b + 1 < first.size() ? first[b + 1] : entries.size()) - 1].score;
    starts.push_back(lo);
    labels.push_back(grades     ? grade_label[lo]
                     : lo == hi ? ScoreText(lo)
                                : ScoreText(lo) + "–" + ScoreText(hi));
  }
  // With edges, a band starts at the first edge above the scores of the band
  // below it, which the threshold names.
  if (o.bands == ScoreOptions::Bands::kEdges) {
    for (std::size_t b = 1; b < starts.size(); ++b) {
      const double below = entries[first[b] - 1].score;
      auto edge = std::upper_bound(o.edges.begin(), o.edges.end(), below);
      if (edge != o.edges.end() && *edge <= starts[b]) starts[b] = *edge;
    }
  }
  // (All event times unknown: no span, so no rate per week.)
  const Instant since = o.period.since != kNoTime ? o.period.since : first_event;
  const double weeks =
      since == kNoTime ? 0 : static_cast<double>(o.period.until - since) / (7.0 * kSecondsPerDay);
  const bool costs = !o.lead_cost.empty();
  Summarise(entries, starts, labels, scale, probability, costs, weeks, r);
  // The band's observed scores, not its edge, are its low and high.
  for (std::size_t b = 0; b < r.bands.size(); ++b) {
    const std::size_t a = first.size() - 1 - b;
    r.bands[b].low = entries[first[a]].score;
  }
  for (const auto& [k, g] : group_index) {
    ScoreGroup group;
    group.key = k;
    std::vector<Entry> mine;
    for (const auto& e : entries) {
      if (e.group == g) mine.push_back(e);
    }
    // Per week of the group's time bucket (within the period), or of the period.
    double group_weeks = weeks;
    if (group_bucket[g] != kNoTime) {
      const Grain grain = *std::find_if(o.by.begin(), o.by.end(), [](const GroupKey& key_of) {
                             return key_of.grain.has_value();
                           })->grain;
      const Instant end = std::min(o.period.until, BucketEnd(group_bucket[g], grain, o.tz));
      group_weeks =
          static_cast<double>(end - std::max(since, group_bucket[g])) / (7.0 * kSecondsPerDay);
    }
    Summarise(mine, starts, labels, scale, probability, costs, group_weeks, group);
    // A band's low is the group's own lowest score in it, as for the total.
    std::size_t i = 0;
    for (std::size_t b = group.bands.size(); b-- > 0;) {
      ScoreBand& band = group.bands[b];
      if (band.people) band.low = mine[i].score;
      i += static_cast<std::size_t>(band.people);
    }
    set_counts(group_counts[g], group);
    r.groups.push_back(std::move(group));
  }
  return r;
}

}  // namespace baton
