// The reverse funnel; see plan.h.
#include "baton/plan.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <tuple>

#include "baton/error.h"
#include "baton/funnel.h"
#include "baton/values.h"

namespace baton {
namespace {

// A deterministic generator: mt19937_64's stream is fixed by the standard, and the
// distributions below are written out (the standard library's are not portable).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}
  double Uniform() {  // (0, 1)
    return (static_cast<double>(engine_() >> 11) + 0.5) * (1.0 / 9007199254740992.0);
  }
  double Normal() {  // Box–Muller, one of the pair
    const double u = Uniform(), v = Uniform();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
  }
  // Marsaglia and Tsang (2000); shape < 1 boosted by U^(1/shape).
  double Gamma(double shape) {
    if (shape < 1) return Gamma(shape + 1) * std::pow(Uniform(), 1.0 / shape);
    const double d = shape - 1.0 / 3, c = 1.0 / std::sqrt(9 * d);
    for (;;) {
      double x, v;
      do {
        x = Normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const double u = Uniform();
      if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v;
    }
  }
  double Beta(double a, double b) {
    const double x = Gamma(a);
    return x / (x + Gamma(b));
  }
  std::size_t Index(std::size_t n) {
    return std::min(n - 1, static_cast<std::size_t>(Uniform() * static_cast<double>(n)));
  }

 private:
  std::mt19937_64 engine_;
};

// Nearest-rank quantile (SPEC 4.1) of q in [0, 1]; values reordered in place.
double Quantile(std::vector<double>& values, double q) {
  return Percentile(values, q * 100).value_or(0);
}

// A Fenwick tree of counts over ranks.
class Counts {
 public:
  explicit Counts(std::size_t n) : tree_(n + 1, 0) {}
  void Add(std::size_t i) {
    for (++i; i < tree_.size(); i += i & (~i + 1)) ++tree_[i];
  }
  std::int64_t Below(std::size_t i) const {  // ranks [0, i)
    std::int64_t s = 0;
    for (; i > 0; i -= i & (~i + 1)) s += tree_[i];
    return s;
  }

 private:
  std::vector<std::int64_t> tree_;
};

bool Known(Instant t) { return IsKnownTime(t); }

// The entry periods of the grain from `from` until `to`, the first starting at
// `from`; with `clip` the last ends at `to`, else at its own end.
struct Span {
  Instant since, until;
  std::string label;
};
std::vector<Span> EntryPeriods(Instant from, Instant to, Grain grain, Zone tz, bool clip) {
  std::vector<Span> out;
  for (Instant at = from; at < to;) {
    const Bucket b = BucketOf(at, grain, tz);
    const Instant next = BucketEnd(b.start, grain, tz);
    out.push_back({at, clip ? std::min(next, to) : next, b.label});
    at = next;
  }
  return out;
}

// One target, worked: what it needs, what is done and in flight, and per stage
// the spread-back profile over the future entry buckets.
struct Worked {
  PlanTargetResult result;
  double won_to_date = 0;  // revenue: the amount already won in the period
  // Per planned stage k: S = Σ q·c over the future buckets, and q per bucket.
  std::vector<double> reach;
  std::vector<std::vector<double>> share;
};

}  // namespace

PlanTarget ParsePlanTarget(std::string_view text, const std::vector<std::string>& stages,
                           int won_stage, Zone tz, std::string_view flag) {
  const std::string whole(text), what = std::string(flag) + " " + whole;
  const auto colon = text.find(':'), equals = text.rfind('=');
  auto fail = [&](const std::string& why) {
    ThrowUsage(what + ": " + why,
               "write won:2025-Q3=2400000 (revenue), won-count:2025-Q3=40 (deals) or "
               "STAGE:2025-09=200 (people reaching a stage); periods are YYYY, YYYY-Qn, YYYY-MM "
               "or YYYY-Www");
  };
  if (colon == std::string_view::npos || equals == std::string_view::npos || equals < colon) {
    fail("not KIND:PERIOD=VALUE");
  }
  PlanTarget t;
  t.text = whole;
  const std::string kind(Trim(text.substr(0, colon)));
  const std::string period(Trim(text.substr(colon + 1, equals - colon - 1)));
  const auto value = ParseNumber(Trim(text.substr(equals + 1)));
  if (!value || !std::isfinite(*value) || *value <= 0) fail("the value must be a positive number");
  t.value = *value;
  if ((kind == "won" || kind == "won-count") && won_stage < 0) {
    ThrowUsage(what + ": the config names no won stage",
               "set won_stage in baton.toml, or target a stage: customer:2025-Q3=40");
  }
  if (kind == "won") {  // revenue, even when a stage is named won (won-count counts it)
    t.revenue = true;
    t.stage = won_stage;
  } else if (kind == "won-count") {
    t.stage = won_stage;
  } else {
    const auto it = std::find(stages.begin(), stages.end(), kind);
    if (it == stages.end()) {
      fail("'" + kind + "' is not won, won-count or a stage (stages: " +
           fmt::format("{}", fmt::join(stages, ", ")) + ")");
    }
    t.stage = static_cast<int>(it - stages.begin());
  }
  const bool unit = period.size() >= 4 && std::isdigit(static_cast<unsigned char>(period[0])) &&
                    period.find("..") == std::string::npos;
  if (!unit) fail("'" + period + "' is not a calendar period");
  // Resolved against a far as-of: a target period lies ahead and is never cut short.
  try {
    t.period = ResolvePeriod(period, "", "", tz, kFarFuture);
  } catch (const Error& e) {
    fail(e.message());
  }
  return t;
}

Period DefaultPlanHistory(Instant as_of, double mature_days, Zone tz) {
  const Instant mature = as_of - static_cast<Instant>(mature_days * kSecondsPerDay);
  // The quarters before the one `mature` falls in have had the time.
  Period h;
  h.until = BucketOf(mature, Grain::kQuarter, tz).start;
  Instant since = h.until;
  for (int i = 0; i < 4; ++i) since = BucketOf(since - 1, Grain::kQuarter, tz).start;
  h.since = since;
  h.label = "the last four mature quarters";
  return h;
}

Period DefaultPlanHistory(const Model& m, int from, int last, Zone tz) {
  std::vector<double> days;
  for (std::size_t p = 0; p < m.people.size(); ++p) {
    const Instant a = m.StageTime(p, static_cast<std::size_t>(from)),
                  b = m.StageTime(p, static_cast<std::size_t>(last));
    if (Known(a) && Known(b) && b >= a) days.push_back(static_cast<double>(b - a) / kSecondsPerDay);
  }
  const double p90 = Percentile(days, 90).value_or(0);
  Period h = DefaultPlanHistory(m.as_of, p90, tz);
  h.label = fmt::format(
      "history {}: the last four quarters that ended more than the p90 from {} to {} ({:.1f} "
      "days) before as-of",
      PeriodName(h, tz), m.stages[static_cast<std::size_t>(from)],
      m.stages[static_cast<std::size_t>(last)], p90);
  return h;
}

std::vector<PlanTarget> ConfigTargets(const Config& config, Zone tz) {
  std::vector<PlanTarget> out;
  for (const auto& rule : config.targets) {
    try {
      out.push_back(ParsePlanTarget(rule.text, config.stages, config.StageIndex(config.won_stage),
                                    tz, "[[target]]"));
    } catch (const Error& e) {  // (where it is written)
      throw Error(ExitCode::kUsage, rule.where, e.message(), e.hint());
    }
  }
  return out;
}

PlanResult ComputePlan(const Model& m, const PlanOptions& o) {
  PlanResult r;
  const auto from = static_cast<std::size_t>(std::max(0, o.from_stage));
  std::size_t last = from + 1;
  for (const auto& t : o.targets) last = std::max(last, static_cast<std::size_t>(t.stage));
  const std::size_t n = m.people.size();
  auto in_history = [&](Instant t) { return Known(t) && o.history.Contains(t); };
  auto mine = [&](std::size_t p) { return !o.group || (*o.group)[p] == o.only; };
  auto mine_deal = [&](const Opportunity& opp) {
    return !o.group || (opp.person >= 0 && mine(static_cast<std::size_t>(opp.person)));
  };

  // The steps: of the people who entered stage k in the history, how many reached k + 1.
  for (std::size_t k = from; k < last; ++k) {
    PlanStep step;
    step.stage = static_cast<int>(k);
    for (std::size_t p = 0; p < n; ++p) {
      if (!mine(p) || !in_history(m.StageTime(p, k))) continue;
      ++step.entered;
      step.advanced += m.StageTime(p, k + 1) != kNoTime;
    }
    if (step.advanced == 0 && o.borrow && k - from < o.borrow->size()) {
      const int delays_from = step.delays_from;
      step = (*o.borrow)[k - from];
      step.delays_from = delays_from;
      step.borrowed = true;
    }
    if (step.entered) {
      step.rate = static_cast<double>(step.advanced) / static_cast<double>(step.entered);
    }
    r.steps.push_back(step);
  }

  // Deal sizes: won deals closed in the history.
  std::vector<double> deals;  // (a won deal without an amount says nothing of deal size)
  for (const auto& opp : m.opportunities) {
    if (!opp.is_won || !in_history(opp.close_date) || !mine_deal(opp)) continue;
    if (opp.amount > 0) {
      deals.push_back(opp.amount);
    } else {
      ++r.deals_without_amount;
    }
  }
  r.deals = static_cast<std::int64_t>(deals.size());
  double deal_sum = 0;
  for (double d : deals) deal_sum += d;
  if (!deals.empty()) r.deal_mean = deal_sum / static_cast<double>(deals.size());
  double deal_se = 0;  // the standard error of the deal mean
  if (deals.size() > 1) {
    double squares = 0;
    for (double d : deals) squares += (d - *r.deal_mean) * (d - *r.deal_mean);
    deal_se = std::sqrt(squares / static_cast<double>(deals.size() - 1) /
                        static_cast<double>(deals.size()));
  }

  // Delays (seconds) from stage k to stage t of the history's entrants of k, both
  // times recorded: the group's (everyone's with `all`).
  std::map<std::tuple<std::size_t, std::size_t, bool>, std::vector<double>> delays;
  auto delays_of = [&](std::size_t k, std::size_t t,
                       bool all = false) -> const std::vector<double>& {
    auto [it, added] = delays.try_emplace({k, t, all || !o.group});
    if (added) {
      for (std::size_t p = 0; p < n; ++p) {
        const Instant a = m.StageTime(p, k), b = m.StageTime(p, t);
        if ((!all && !mine(p)) || !in_history(a) || !Known(b) || b < a || m.Inferred(p, k) ||
            m.Inferred(p, t)) {
          continue;
        }
        it->second.push_back(static_cast<double>(b - a));
      }
    }
    return it->second;
  };
  for (auto& step : r.steps) {
    step.delays =
        static_cast<std::int64_t>(delays_of(static_cast<std::size_t>(step.stage), last).size());
  }

  // The future entry buckets: from as-of to the end of the last target period.
  Instant end = m.as_of;
  for (const auto& t : o.targets) end = std::max(end, t.period.until);
  const std::vector<Span> buckets = EntryPeriods(m.as_of, end, o.grain, o.tz, /*clip=*/false);

  std::vector<Worked> worked;
  for (const auto& target : o.targets) {
    Worked w;
    PlanTargetResult& tr = w.result;
    tr.text = target.text;
    tr.revenue = target.revenue;
    tr.stage = target.stage;
    const auto t = static_cast<std::size_t>(target.stage);
    const Instant t0 = target.period.since, t1 = target.period.until;
    // Done: reached in the period by as-of (revenue: won amount closed in it). A
    // --by group's target is its part of the gap: done and in flight are the
    // company's, already subtracted.
    if (o.gap_given) {
    } else if (target.revenue) {
      for (const auto& opp : m.opportunities) {
        if (opp.is_won && Known(opp.close_date) && opp.close_date >= t0 && opp.close_date < t1 &&
            opp.close_date <= m.as_of) {
          w.won_to_date += opp.amount;
        }
      }
    } else {
      for (std::size_t p = 0; p < n; ++p) {
        const Instant at = m.StageTime(p, t);
        tr.done += Known(at) && at >= t0 && at < t1 && at <= m.as_of;
      }
    }
    // In flight: people at a stage before t (the latest they reached, at a known
    // time) who have not reached t; each counts with the share of the history's
    // entrants of that stage, still there at the same age, who reached t in the
    // period's window (a Fenwick tree over their delays, queries by age).
    for (std::size_t j = from; j < t && !o.gap_given; ++j) {
      struct Entrant {
        double advance, reach;  // seconds to j + 1 (∞: never) and to t (NaN: never)
      };
      // (Stages reached at an unknown time, a current status only, are passed
      // over: a person stands at the latest stage whose time is known.)
      std::vector<Entrant> entrants;
      for (std::size_t p = 0; p < n; ++p) {
        const Instant a = m.StageTime(p, j);
        if (!in_history(a)) continue;
        const Instant goal = m.StageTime(p, t);
        if (goal != kNoTime && (!Known(goal) || goal < a)) continue;  // reached, but when?
        Instant next = kNoTime;  // the first later stage reached at a known time
        for (std::size_t s = j + 1; s <= t && next == kNoTime; ++s) {
          if (Known(m.StageTime(p, s)) && m.StageTime(p, s) >= a) next = m.StageTime(p, s);
        }
        entrants.push_back({next == kNoTime ? HUGE_VAL : static_cast<double>(next - a),
                            goal == kNoTime ? std::nan("") : static_cast<double>(goal - a)});
      }
      struct Query {
        double age, lo, hi;
      };
      std::vector<Query> queries;
      for (std::size_t p = 0; p < n; ++p) {
        const Instant a = m.StageTime(p, j);
        if (!Known(a) || a > m.as_of || m.StageTime(p, t) != kNoTime) continue;
        bool further = false;  // at a later stage, at a known time
        for (std::size_t s = j + 1; s < t && !further; ++s) further = Known(m.StageTime(p, s));
        if (further) continue;
        queries.push_back({static_cast<double>(m.as_of - a), static_cast<double>(t0 - a),
                           static_cast<double>(t1 - a)});
      }
      if (queries.empty() || entrants.empty()) continue;
      std::vector<double> reach;
      for (const auto& e : entrants) {
        if (!std::isnan(e.reach)) reach.push_back(e.reach);
      }
      std::sort(reach.begin(), reach.end());
      reach.erase(std::unique(reach.begin(), reach.end()), reach.end());
      std::sort(entrants.begin(), entrants.end(),
                [](const Entrant& a, const Entrant& b) { return a.advance > b.advance; });
      std::sort(queries.begin(), queries.end(),
                [](const Query& a, const Query& b) { return a.age > b.age; });
      Counts tree(reach.size());
      std::size_t next = 0;
      std::int64_t survivors = 0;
      for (const auto& q : queries) {
        for (; next < entrants.size() && entrants[next].advance > q.age; ++next) {
          ++survivors;
          if (!std::isnan(entrants[next].reach)) {
            tree.Add(static_cast<std::size_t>(
                std::lower_bound(reach.begin(), reach.end(), entrants[next].reach) -
                reach.begin()));
          }
        }
        if (!survivors) continue;
        auto rank = [&](double x) {
          return static_cast<std::size_t>(std::lower_bound(reach.begin(), reach.end(), x) -
                                          reach.begin());
        };
        const std::int64_t hits = tree.Below(rank(q.hi)) - tree.Below(rank(std::max(0.0, q.lo)));
        tr.in_flight += static_cast<double>(hits) / static_cast<double>(survivors);
        tr.in_flight_people += hits > 0;
      }
    }
    // The spread-back profile per planned stage k: for an entry bucket w (from
    // as-of on), m(w) = the mean over the delays d of |(w + d) ∩ T|; q(w) = m(w)/|T|
    // is the share of T's conversions that come from entries in w, c(w) = m(w)/|w|
    // the chance an entry in w that converts lands in T.
    const double span = static_cast<double>(t1 - t0);
    for (std::size_t k = from; k < last; ++k) {
      double reach_sum = 0;
      std::vector<double> share(buckets.size(), 0);
      if (k < t) {
        // A stage with no recorded time (a current status only) is planned with the
        // delays of the next stage that has them (entering it as late as that
        // stage), else of the nearest earlier one (as early).
        // A --by group with no recorded delay of its own takes everyone's.
        std::size_t own = k;
        auto stand_in = [&](bool everyone) {
          own = k;
          while (own + 1 < t && delays_of(own, t, everyone).empty()) ++own;
          for (std::size_t back = k; delays_of(own, t, everyone).empty() && back-- > from;) {
            own = back;
          }
          return !delays_of(own, t, everyone).empty();
        };
        const bool all = !stand_in(false) && o.group && stand_in(true);
        r.delays_borrowed = r.delays_borrowed || all;
        if (own != k && t == last) r.steps[k - from].delays_from = static_cast<int>(own);
        const auto& ds = delays_of(own, t, all);
        for (std::size_t b = 0; b < buckets.size() && !ds.empty(); ++b) {
          const double ws = static_cast<double>(buckets[b].since),
                       we = static_cast<double>(buckets[b].until);
          double overlap = 0;
          for (double d : ds) {
            overlap += std::max(0.0, std::min(we + d, static_cast<double>(t1)) -
                                         std::max(ws + d, static_cast<double>(t0)));
          }
          const double mean = overlap / static_cast<double>(ds.size());
          share[b] = mean / span;
          reach_sum += share[b] * mean / (we - ws);
        }
      }
      w.reach.push_back(reach_sum);
      w.share.push_back(std::move(share));
    }
    worked.push_back(std::move(w));
  }

  // The needed entries of one draw (rates and deal mean given), into `out`:
  // per planned stage, per bucket.
  const std::size_t stages = last - from;
  auto need = [&](const std::vector<double>& rates, double deal_mean,
                  std::vector<double>& out) {  // out: stages × buckets
    out.assign(stages * buckets.size(), 0);
    deal_mean = std::max(deal_mean, 1e-9);  // a draw's normal approximation can dip below 0
    for (std::size_t i = 0; i < o.targets.size(); ++i) {
      const PlanTarget& target = o.targets[i];
      const Worked& w = worked[i];
      const double events = target.revenue ? target.value / deal_mean : target.value;
      const double done = target.revenue ? w.won_to_date / deal_mean : w.result.done;
      const double gap = std::max(0.0, events - done - w.result.in_flight);
      for (std::size_t k = 0; k < stages && from + k < static_cast<std::size_t>(target.stage);
           ++k) {
        double chance = 1;  // from stage from + k to the target stage
        for (std::size_t s = k; s < static_cast<std::size_t>(target.stage) - from; ++s) {
          chance *= rates[s];
        }
        if (w.reach[k] <= 0 || chance <= 0) continue;  // unreachable: flagged below
        const double scale = gap / (chance * w.reach[k]);
        for (std::size_t b = 0; b < buckets.size(); ++b) {
          out[k * buckets.size() + b] += scale * w.share[k][b];
        }
      }
    }
  };
  for (std::size_t i = 0; i < worked.size(); ++i) {
    PlanTargetResult tr = worked[i].result;
    const PlanTarget& target = o.targets[i];
    const double deal = r.deal_mean.value_or(0);
    if (target.revenue && deal > 0) {
      tr.events = target.value / deal;
      tr.done = worked[i].won_to_date / deal;
    } else if (!target.revenue) {
      tr.events = target.value;
    }
    tr.gap = std::max(0.0, tr.events - tr.done - tr.in_flight);
    tr.unreachable = tr.gap > 0 && worked[i].reach[0] <= 0;
    tr.no_delays = delays_of(from, static_cast<std::size_t>(target.stage), true).empty();
    r.targets.push_back(tr);
  }
  const bool priced = std::none_of(o.targets.begin(), o.targets.end(),
                                   [](const PlanTarget& t) { return t.revenue && t.value > 0; }) ||
                      (r.deal_mean && *r.deal_mean > 0);
  std::vector<double> point_rates;
  for (const auto& s : r.steps) point_rates.push_back(s.rate.value_or(0));
  std::vector<double> expected;
  if (priced) need(point_rates, r.deal_mean.value_or(1), expected);

  // The simulation: each draw takes every rate from its Beta posterior (uniform
  // prior) and the deal mean from a resample of the deals.
  std::vector<std::vector<double>> draws(stages * buckets.size() + stages);
  if (priced) {
    Rng rng(o.seed);
    std::vector<double> rates(r.steps.size()), out;
    for (int d = 0; d < o.draws; ++d) {
      for (std::size_t s = 0; s < r.steps.size(); ++s) {
        const auto& step = r.steps[s];
        rates[s] = rng.Beta(static_cast<double>(step.advanced) + 1,
                            static_cast<double>(step.entered - step.advanced) + 1);
      }
      // The deal mean: a resample of the deals; past 500 deals its normal
      // approximation (the same spread, at a draw's cost).
      double deal_mean = 1;
      if (deals.size() > 500) {
        deal_mean = *r.deal_mean + deal_se * rng.Normal();
      } else if (!deals.empty()) {
        double sum = 0;
        for (std::size_t i = 0; i < deals.size(); ++i) sum += deals[rng.Index(deals.size())];
        deal_mean = sum / static_cast<double>(deals.size());
      }
      need(rates, deal_mean, out);
      for (std::size_t k = 0; k < stages; ++k) {
        double total = 0;
        for (std::size_t b = 0; b < buckets.size(); ++b) {
          draws[k * buckets.size() + b].push_back(out[k * buckets.size() + b]);
          total += out[k * buckets.size() + b];
        }
        draws[stages * buckets.size() + k].push_back(total);
      }
    }
  }
  // The budget's spend per person entering the first stage planned: the cost
  // ladder's (given), or a group's own: its leads' first-touch costs over its
  // entrants.
  if (o.group && !o.lead_cost.empty()) {
    double spend = 0;
    std::int64_t entrants = 0;
    const auto created = static_cast<std::size_t>(std::max(0, o.created_stage));
    for (std::size_t p = 0; p < n; ++p) {
      if (!mine(p)) continue;
      if (in_history(m.StageTime(p, created)) && !std::isnan(o.lead_cost[p])) {
        spend += o.lead_cost[p];
      }
      entrants += in_history(m.StageTime(p, from));
    }
    if (entrants > 0) r.cost_per = spend / static_cast<double>(entrants);
  } else if (!o.group && from < o.cost_per.size() && !std::isnan(o.cost_per[from])) {
    r.cost_per = o.cost_per[from];
  }
  auto row = [&](const std::string& bucket, std::size_t k, std::size_t slot, double point) {
    PlanRow pr;
    pr.bucket = bucket;
    pr.stage = static_cast<int>(from + k);
    pr.expected = point;
    if (!draws[slot].empty()) {
      pr.p50 = Quantile(draws[slot], 0.5);
      pr.p80 = Quantile(draws[slot], 0.8);
      pr.p90 = Quantile(draws[slot], 0.9);
      pr.needed = Quantile(draws[slot], o.confidence / 100);
    }
    if (k == 0 && r.cost_per) pr.budget = pr.needed * *r.cost_per;
    return pr;
  };
  if (!priced) return r;
  for (std::size_t b = 0; b < buckets.size(); ++b) {
    for (std::size_t k = 0; k < stages; ++k) {
      r.rows.push_back(
          row(buckets[b].label, k, k * buckets.size() + b, expected[k * buckets.size() + b]));
    }
  }
  for (std::size_t k = 0; k < stages; ++k) {
    double total = 0;
    for (std::size_t b = 0; b < buckets.size(); ++b) total += expected[k * buckets.size() + b];
    r.rows.push_back(row("(all)", k, stages * buckets.size() + k, total));
  }
  return r;
}

PlanBy ComputePlanBy(const Model& m, const PlanOptions& o, const PlanResult& all,
                     const GroupKey& key) {
  PlanBy by;
  by.key = key.name;
  const std::size_t n = m.people.size();
  // Each person's group, numbered in name order.
  std::map<std::string, std::uint32_t> names;
  std::vector<std::uint32_t> ids(n);
  {
    std::map<std::string, std::uint32_t, std::less<>> first;
    for (std::size_t p = 0; p < n; ++p) {
      auto [it, added] =
          first.try_emplace(DimensionValue(m, p, key), static_cast<std::uint32_t>(first.size()));
      ids[p] = it->second;
    }
    std::vector<std::uint32_t> order(first.size());
    std::uint32_t rank = 0;
    for (const auto& [name, id] : first) {  // (a map: by name)
      order[id] = rank++;
      names.emplace(name, order[id]);
    }
    for (auto& id : ids) id = order[id];
  }
  auto in_history = [&](Instant t) { return Known(t) && o.history.Contains(t); };
  const std::size_t groups = names.size();
  // The mix: each group's part of each target's events in the history.
  std::vector<std::vector<double>> basis(o.targets.size(), std::vector<double>(groups, 0));
  bool counted = false;  // the unlinked deals, once
  for (std::size_t i = 0; i < o.targets.size(); ++i) {
    const PlanTarget& target = o.targets[i];
    if (target.revenue) {
      for (const auto& opp : m.opportunities) {
        if (!opp.is_won || !in_history(opp.close_date) || opp.amount <= 0) continue;
        if (opp.person < 0) {
          by.unlinked_deals += !counted;
          continue;
        }
        basis[i][ids[static_cast<std::size_t>(opp.person)]] += opp.amount;
      }
      counted = true;
    } else {
      for (std::size_t p = 0; p < n; ++p) {
        basis[i][ids[p]] += in_history(m.StageTime(p, static_cast<std::size_t>(target.stage)));
      }
    }
  }
  for (const auto& [name, g] : names) {
    PlanGroup group;
    group.name = name;
    PlanOptions go = o;
    go.group = &ids;
    go.only = g;
    go.gap_given = true;
    go.borrow = &all.steps;
    bool any = false;
    for (std::size_t i = 0; i < o.targets.size(); ++i) {
      double sum = 0;
      for (double x : basis[i]) sum += x;
      const double share = sum > 0 ? basis[i][g] / sum : 0;
      group.share.push_back(share);
      group.basis.push_back(basis[i][g]);
      const PlanTargetResult& company = all.targets[i];
      const double gap =
          o.targets[i].revenue ? company.gap * all.deal_mean.value_or(0) : company.gap;
      go.targets[i].value = share * gap;
      any = any || share > 0;
    }
    if (!any) {
      by.idle.push_back(name);
      continue;
    }
    group.plan = ComputePlan(m, go);
    by.groups.push_back(std::move(group));
  }
  // The sum of the groups, row by row (every group has the same buckets and stages).
  for (const auto& group : by.groups) {
    if (group.plan.rows.empty()) continue;
    if (by.total.empty()) {
      by.total = group.plan.rows;
      continue;
    }
    for (std::size_t i = 0; i < by.total.size() && i < group.plan.rows.size(); ++i) {
      PlanRow& sum = by.total[i];
      const PlanRow& x = group.plan.rows[i];
      sum.expected += x.expected;
      sum.p50 += x.p50;
      sum.p80 += x.p80;
      sum.p90 += x.p90;
      sum.needed += x.needed;
      if (x.budget) sum.budget = sum.budget.value_or(0) + *x.budget;
    }
  }
  return by;
}

std::vector<PlanPace> ComputePace(const Model& m, const PlanOptions& o, const PlanResult& plan) {
  std::vector<PlanPace> out;
  const auto from = static_cast<std::size_t>(std::max(0, o.from_stage));
  for (std::size_t i = 0; i < o.targets.size() && i < plan.targets.size(); ++i) {
    const PlanTarget& target = o.targets[i];
    const Instant t0 = target.period.since, t1 = target.period.until;
    if (m.as_of < t0 || m.as_of >= t1) continue;
    PlanPace pace;
    pace.target = target.text;
    const double span = static_cast<double>(t1 - t0);
    pace.elapsed = static_cast<double>(m.as_of - t0) / span;
    const auto t = static_cast<std::size_t>(target.stage);
    // The period's target at each stage: the events ÷ the rates on to the target stage.
    std::vector<std::optional<double>> whole;
    for (std::size_t k = from; k <= t; ++k) {
      std::optional<double> x;
      if (!target.revenue || plan.deal_mean) x = plan.targets[i].events;
      for (std::size_t s = k; s < t && x; ++s) {
        const auto& rate = s - from < plan.steps.size() ? plan.steps[s - from].rate : std::nullopt;
        x = rate && *rate > 0 ? std::optional<double>(*x / *rate) : std::nullopt;
      }
      whole.push_back(x);
    }
    if (target.revenue) whole.push_back(target.value);
    // The entry periods of the target period up to as-of (the last one cut short).
    const Instant cut = std::min(m.as_of + 1, t1);
    const std::vector<Span> buckets = EntryPeriods(t0, cut, o.grain, o.tz, /*clip=*/true);
    const std::size_t rows = t - from + 1 + (target.revenue ? 1 : 0);
    std::vector<double> actual(buckets.size() * rows, 0);
    auto bucket_of = [&](Instant at) {
      const auto it = std::upper_bound(buckets.begin(), buckets.end(), at,
                                       [](Instant x, const Span& b) { return x < b.until; });
      return static_cast<std::size_t>(it - buckets.begin());
    };
    for (std::size_t p = 0; p < m.people.size(); ++p) {
      for (std::size_t k = from; k <= t; ++k) {
        const Instant at = m.StageTime(p, k);
        if (!Known(at) || at < t0 || at >= cut) continue;
        actual[bucket_of(at) * rows + (k - from)] += 1;
      }
    }
    if (target.revenue) {
      for (const auto& opp : m.opportunities) {
        if (!opp.is_won || !Known(opp.close_date) || opp.close_date < t0 || opp.close_date >= cut) {
          continue;
        }
        actual[bucket_of(opp.close_date) * rows + rows - 1] += opp.amount;
      }
    }
    auto stage_of = [&](std::size_t r) {
      return target.revenue && r == rows - 1 ? -1 : static_cast<int>(from + r);
    };
    std::vector<double> sums(rows, 0);
    for (std::size_t b = 0; b < buckets.size(); ++b) {
      const double share =
          static_cast<double>(std::min(buckets[b].until, m.as_of) - buckets[b].since) / span;
      for (std::size_t r = 0; r < rows; ++r) {
        PaceRow row;
        row.bucket = buckets[b].label;
        row.stage = stage_of(r);
        if (whole[r]) row.required = *whole[r] * share;
        row.actual = actual[b * rows + r];
        sums[r] += row.actual;
        pace.rows.push_back(std::move(row));
      }
    }
    for (std::size_t r = 0; r < rows; ++r) {
      PaceRow row;
      row.bucket = "(to date)";
      row.stage = stage_of(r);
      row.whole = whole[r];
      if (whole[r]) row.required = *whole[r] * pace.elapsed;
      row.actual = sums[r];
      if (pace.elapsed > 0) row.projected = sums[r] / pace.elapsed;
      pace.rows.push_back(std::move(row));
    }
    out.push_back(std::move(pace));
  }
  return out;
}

}  // namespace baton
