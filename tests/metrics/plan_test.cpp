// The reverse funnel (issue 18): the backwards spreading and the in-flight
// subtraction worked by hand, the simulation against a closed form, and the
// plan's scaling laws.
#include "baton/plan.h"

#include <doctest/doctest.h>

#include <cmath>

#include "test_util.h"

namespace baton {
namespace {

using test::Utc;

constexpr std::int64_t kDay = 86400;

// Adds a person with a time (or kNoTime) per stage.
void Add(Model& m, std::initializer_list<Instant> times) {
  Person p;
  p.label = m.keys.Insert("p" + std::to_string(m.people.size())).first;
  m.people.push_back(p);
  for (Instant t : times) m.stage_times.push_back(t);
}

// lead → mql → customer. History (Feb 2024): 10 leads on Feb 1; 5 became MQLs
// 10 days later; 2 of them customers 20 and 50 days after MQL (30 and 60 days
// after lead). In flight at as-of (Sep 1): X, an MQL since Aug 30; Y, a lead
// since Aug 25.
Model Example() {
  Model m;
  m.stages = {"lead", "mql", "customer"};
  m.as_of = Utc(2024, 9, 1);
  const Instant lead = Utc(2024, 2, 1), mql = lead + 10 * kDay;
  Add(m, {lead, mql, mql + 20 * kDay});
  Add(m, {lead, mql, mql + 50 * kDay});
  for (int i = 0; i < 3; ++i) Add(m, {lead, mql, kNoTime});
  for (int i = 0; i < 5; ++i) Add(m, {lead, kNoTime, kNoTime});
  Add(m, {Utc(2024, 8, 20), Utc(2024, 8, 30), kNoTime});  // X
  Add(m, {Utc(2024, 8, 25), kNoTime, kNoTime});           // Y
  return m;
}

// A plan from the history 2024-H1, in UTC, of one target: `value` people reaching
// `stage` in `period`.
PlanOptions OneTarget(std::string text, int stage, Period period, double value) {
  PlanOptions o;
  o.history = Period{Utc(2024, 1, 1), Utc(2024, 7, 1), "2024-H1"};
  o.tz = FindZone("UTC");
  PlanTarget t;
  t.text = std::move(text);
  t.stage = stage;
  t.period = std::move(period);
  t.value = value;
  o.targets.push_back(t);
  o.draws = 2000;
  return o;
}

PlanOptions October(double people) {
  return OneTarget("customer:2024-10", 2, Period{Utc(2024, 10, 1), Utc(2024, 11, 1), "2024-10"},
                   people);
}

const PlanRow& Row(const PlanResult& r, const std::string& bucket, int stage) {
  for (const auto& row : r.rows) {
    if (row.bucket == bucket && row.stage == stage) return row;
  }
  FAIL("no row " << bucket << " " << stage);
  return r.rows.front();
}

TEST_CASE("plan: four customers in October, spread back by hand") {
  PlanResult r = ComputePlan(Example(), October(4));
  REQUIRE(r.steps.size() == 2);
  CHECK(r.steps[0].entered == 10);  // X and Y entered after the history
  CHECK(*r.steps[0].rate == doctest::Approx(0.5));
  CHECK(*r.steps[1].rate == doctest::Approx(0.4));
  REQUIRE(r.targets.size() == 1);
  const PlanTargetResult& t = r.targets[0];
  CHECK(t.events == 4);
  CHECK(t.done == 0);
  // In flight. X, at mql for 2 days: all 5 of the history's MQLs were still MQLs
  // at 2 days (they moved on at 20 and 50, or never); one of them (50 days) would
  // land in October, whose window from X's MQL is days 32 to 63: 1/5. Y, a lead
  // for 7 days: the 10 history leads were all leads then (MQL at 10 days); one
  // (60 days) lands in Y's window, days 37 to 68: 1/10. The 8 stalled history
  // people are too old for anyone to have converted from where they stand: 0.
  CHECK(t.in_flight_people == 2);  // X and Y: the other 8 have no chance
  CHECK(t.in_flight == doctest::Approx(0.3));
  CHECK(t.gap == doctest::Approx(3.7));
  // Leads, delays 30 and 60 days, T = October (31 days), entry buckets Sep (30
  // days) and Oct. m(w) = mean |(w + d) ∩ T|: Sep + 30 covers Oct 1–30 (30 days),
  // Sep + 60 only Oct 31 (1): m = 15.5; Oct + 30 covers Oct 31 (1), Oct + 60
  // nothing: m = 0.5. q = m/31: 0.5 and 1/62; c = m/|w|: 15.5/30 and 0.5/31.
  // S = Σ q·c = 0.2583333 + 0.0002601 = 0.2585935; the chance lead → customer
  // is 0.5 · 0.4 = 0.2; K = 3.7 / (0.2 · S) = 71.5411; Sep K·0.5, Oct K/62.
  const double s_lead = 0.5 * 15.5 / 30 + (1.0 / 62) * (0.5 / 31);
  const double k_lead = 3.7 / (0.2 * s_lead);
  CHECK(Row(r, "2024-09", 0).expected == doctest::Approx(k_lead * 0.5));
  CHECK(Row(r, "2024-10", 0).expected == doctest::Approx(k_lead / 62));
  CHECK(Row(r, "(all)", 0).expected == doctest::Approx(k_lead * (0.5 + 1.0 / 62)));
  // And what they bring: Sep's leads · 0.2 · c(Sep) + Oct's · 0.2 · c(Oct) = 3.7.
  CHECK(Row(r, "2024-09", 0).expected * 0.2 * 15.5 / 30 +
            Row(r, "2024-10", 0).expected * 0.2 * 0.5 / 31 ==
        doctest::Approx(3.7));
  // MQLs: delays 20 and 50. Sep + 20 covers Oct 1–20 (20), Sep + 50 Oct 21–31
  // (11): m = 15.5; Oct + 20 covers Oct 21–31 (11), Oct + 50 nothing: m = 5.5.
  const double q_oct = 5.5 / 31;
  const double s_mql = 0.5 * 15.5 / 30 + q_oct * q_oct;
  const double k_mql = 3.7 / (0.4 * s_mql);
  CHECK(Row(r, "2024-09", 1).expected == doctest::Approx(k_mql * 0.5));
  CHECK(Row(r, "2024-10", 1).expected == doctest::Approx(k_mql * q_oct));
  // The simulation's percentiles are ordered and straddle the observed rates.
  const PlanRow& all = Row(r, "(all)", 0);
  CHECK(all.p50 <= all.p80);
  CHECK(all.p80 <= all.p90);
  CHECK(all.needed == all.p80);
  CHECK(all.p90 > all.expected);
}

TEST_CASE("plan: the same inputs give the same numbers; another seed others") {
  PlanResult a = ComputePlan(Example(), October(4)), b = ComputePlan(Example(), October(4));
  CHECK(Row(a, "(all)", 0).p80 == Row(b, "(all)", 0).p80);
  PlanOptions o = October(4);
  o.seed = 19;
  CHECK(Row(ComputePlan(Example(), o), "(all)", 0).p80 != Row(a, "(all)", 0).p80);
}

// The Beta(a, b) CDF by Simpson's rule on a fine grid, and its quantile by bisection.
double BetaQuantile(double a, double b, double q) {
  auto pdf = [&](double x) { return std::pow(x, a - 1) * std::pow(1 - x, b - 1); };
  const int n = 20000;
  auto integral = [&](double hi) {
    const double h = hi / n;
    double s = pdf(0) + pdf(hi);
    for (int i = 1; i < n; ++i) s += pdf(i * h) * (i % 2 ? 4 : 2);
    return s * h / 3;
  };
  const double total = integral(1);
  double lo = 0, hi = 1;
  for (int i = 0; i < 50; ++i) {
    const double mid = (lo + hi) / 2;
    (integral(mid) / total < q ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

TEST_CASE("plan: one binomial step with no delay matches the closed form") {
  // 100 leads in the history, 20 became customers the same minute. A target of
  // 10 customers in October, planned from October 1: leads needed = 10 / p with
  // p ~ Beta(21, 81), so the P80 of the leads is 10 / (the Beta's 20th percentile).
  Model m;
  m.stages = {"lead", "customer"};
  m.as_of = Utc(2024, 10, 1);
  const Instant lead = Utc(2024, 3, 1);
  for (int i = 0; i < 100; ++i) Add(m, {lead, i < 20 ? lead : kNoTime});
  PlanOptions o = October(10);
  o.targets[0].stage = 1;
  o.draws = 100000;
  PlanResult r = ComputePlan(m, o);
  const PlanRow& all = Row(r, "(all)", 0);
  CHECK(all.expected == doctest::Approx(50));  // 10 / 0.2
  CHECK(all.p80 == doctest::Approx(10 / BetaQuantile(21, 81, 0.2)).epsilon(0.01));
  CHECK(all.p50 == doctest::Approx(10 / BetaQuantile(21, 81, 0.5)).epsilon(0.01));
  CHECK(all.p90 == doctest::Approx(10 / BetaQuantile(21, 81, 0.1)).epsilon(0.01));
}

TEST_CASE("plan: with no delay, target ÷ rates ÷ deal size; twice the target, twice the plan") {
  Model m;
  m.stages = {"lead", "mql", "customer"};
  m.as_of = Utc(2024, 10, 1);
  const Instant lead = Utc(2024, 3, 1);
  // 40 leads, 20 MQLs, 5 customers, all at once; 5 won deals of 1,000 and 3,000.
  for (int i = 0; i < 40; ++i) Add(m, {lead, i < 20 ? lead : kNoTime, i < 5 ? lead : kNoTime});
  for (int i = 0; i < 5; ++i) {
    Opportunity opp;
    opp.is_won = opp.is_closed = true;
    opp.close_date = lead;
    opp.amount = i < 2 ? 1000 : 3000;  // mean 2,200
    m.opportunities.push_back(opp);
  }
  PlanOptions o = October(0);
  o.targets[0].revenue = true;
  o.targets[0].value = 110000;  // 50 deals of 2,200
  PlanResult r = ComputePlan(m, o);
  REQUIRE(r.deal_mean);
  CHECK(*r.deal_mean == doctest::Approx(2200));
  CHECK(r.targets[0].events == doctest::Approx(50));
  CHECK(Row(r, "(all)", 0).expected == doctest::Approx(50 / (0.5 * 0.25)));  // 400 leads
  CHECK(Row(r, "(all)", 1).expected == doctest::Approx(50 / 0.25));          // 200 MQLs
  o.targets[0].value *= 2;
  PlanResult twice = ComputePlan(m, o);
  CHECK(Row(twice, "(all)", 0).expected == doctest::Approx(800));
  CHECK(Row(twice, "(all)", 0).p80 == doctest::Approx(2 * Row(r, "(all)", 0).p80));
}

TEST_CASE("plan: the budget is the first stage's needed people at its cost per person") {
  PlanOptions o = October(4);
  o.cost_per = {25.0, 80.0, std::nan("")};  // per lead, per MQL, per customer
  PlanResult r = ComputePlan(Example(), o);
  const PlanRow& sep = Row(r, "2024-09", 0);
  REQUIRE(sep.budget);
  CHECK(*sep.budget == doctest::Approx(sep.needed * 25));
  CHECK(*Row(r, "(all)", 0).budget == doctest::Approx(Row(r, "(all)", 0).needed * 25));
  CHECK_FALSE(Row(r, "2024-09", 1).budget);  // only the first stage carries the spend
  // --from mql: the budget is at the MQL's cost.
  o.from_stage = 1;
  r = ComputePlan(Example(), o);
  CHECK(*Row(r, "(all)", 1).budget == doctest::Approx(Row(r, "(all)", 1).needed * 80));
}

TEST_CASE("plan: what is already won in the period is subtracted") {
  Model m = Example();
  m.as_of = Utc(2024, 10, 15);
  Add(m, {Utc(2024, 8, 1), Utc(2024, 8, 11), Utc(2024, 10, 3)});  // a customer on Oct 3
  PlanResult r = ComputePlan(m, October(4));
  CHECK(r.targets[0].done == 1);
  CHECK(r.targets[0].gap == doctest::Approx(3 - r.targets[0].in_flight));
}

}  // namespace
}  // namespace baton

namespace baton {
namespace {

// Two sources with no delay: A's 10 history leads made 5 customers (rate 0.5),
// B's 10 made 2 (0.2), each on the day they came. Seven customers in October
// (no one in flight: a zero delay lands nobody from the past) share out as A's
// 5/7 and B's 2/7 of the history's customers: 5 and 2, so A needs 5 ÷ 0.5 = 10
// leads and B 2 ÷ 0.2 = 10, all entering in October; the company's blended
// rate 7/20 gives the same 20. A's leads cost 3 each, B's 1: budgets 3 and 1
// per lead needed.
Model TwoSources(std::vector<double>& lead_cost) {
  Model m;
  m.stages = {"lead", "customer"};
  m.as_of = Utc(2024, 9, 1);
  const std::uint32_t a = m.strings.Intern("A"), b = m.strings.Intern("B");
  const Instant day = Utc(2024, 3, 1);
  for (int i = 0; i < 20; ++i) {
    const bool is_a = i < 10;
    const bool won = is_a ? i < 5 : i < 12;
    Add(m, {day, won ? day : kNoTime});
    m.people.back().source = is_a ? a : b;
    lead_cost.push_back(is_a ? 3 : 1);
  }
  return m;
}

TEST_CASE("plan --by source: the gap shared by the history's mix, each source at its own rate") {
  std::vector<double> cost;
  const Model m = TwoSources(cost);
  PlanOptions o = October(7);
  o.targets[0].stage = 1;
  o.lead_cost = cost;
  o.cost_per = {2.0, std::nan("")};  // the company's ladder (not used per source)
  const PlanResult all = ComputePlan(m, o);
  REQUIRE(all.targets.size() == 1);
  CHECK(all.targets[0].gap == doctest::Approx(7));
  CHECK(Row(all, "(all)", 0).expected == doctest::Approx(20));
  GroupKey source;
  source.name = "source";
  const PlanBy by = ComputePlanBy(m, o, all, source);
  REQUIRE(by.groups.size() == 2);
  CHECK(by.idle.empty());
  const PlanGroup& a = by.groups[0];
  const PlanGroup& b = by.groups[1];
  CHECK(a.name == "A");
  CHECK(a.share[0] == doctest::Approx(5.0 / 7));
  CHECK(b.share[0] == doctest::Approx(2.0 / 7));
  CHECK(*a.plan.steps[0].rate == doctest::Approx(0.5));
  CHECK(*b.plan.steps[0].rate == doctest::Approx(0.2));
  CHECK(a.plan.targets[0].in_flight == 0);  // the company's, already subtracted
  CHECK(Row(a.plan, "(all)", 0).expected == doctest::Approx(10));
  CHECK(Row(b.plan, "(all)", 0).expected == doctest::Approx(10));
  CHECK(Row(a.plan, "2024-10", 0).expected == doctest::Approx(10));  // no delay: in October
  CHECK(Row(a.plan, "2024-09", 0).expected == doctest::Approx(0));
  CHECK(*a.plan.cost_per == doctest::Approx(3));
  CHECK(*b.plan.cost_per == doctest::Approx(1));
  const PlanRow& row = Row(a.plan, "(all)", 0);
  CHECK(*row.budget == doctest::Approx(row.needed * 3));
  // (all): the sources' rows summed.
  REQUIRE(by.total.size() == a.plan.rows.size());
  CHECK(by.total.back().expected == doctest::Approx(20));
  CHECK(by.total.back().needed ==
        doctest::Approx(a.plan.rows.back().needed + b.plan.rows.back().needed));
}

// A source that never took the step in the history borrows the company's
// counts, and one with no share of the target is not planned. On top of A and
// B: D's one customer (in March) entered as a lead in December, before the
// history, and its 2 history leads did not convert; C's 3 leads never did. The
// history's customers: A 5, B 2, D 1, so shares 5/8, 2/8, 1/8 of the gap of 7.
// The company's step: 7 of 25 (A 10, B 10, C 3, D 2). A needs 7·5/8 ÷ 0.5 =
// 8.75 leads, B 7·2/8 ÷ 0.2 = 8.75, D 7·1/8 ÷ 7/25 = 3.125 at the borrowed
// rate, with everyone's delays (D has none of its own).
TEST_CASE("plan --by source: a step never taken borrows the company's; no share, no plan") {
  std::vector<double> cost;
  Model m = TwoSources(cost);
  const std::uint32_t c = m.strings.Intern("C"), d = m.strings.Intern("D");
  for (int i = 0; i < 3; ++i) {
    Add(m, {Utc(2024, 3, 1), kNoTime});
    m.people.back().source = c;
  }
  Add(m, {Utc(2023, 12, 1), Utc(2024, 3, 1)});
  m.people.back().source = d;
  for (int i = 0; i < 2; ++i) {
    Add(m, {Utc(2024, 3, 1), kNoTime});
    m.people.back().source = d;
  }
  PlanOptions o = October(7);
  o.targets[0].stage = 1;
  const PlanResult all = ComputePlan(m, o);
  CHECK(all.steps[0].entered == 25);
  CHECK(all.steps[0].advanced == 7);
  CHECK(all.targets[0].gap == doctest::Approx(7));
  GroupKey source;
  source.name = "source";
  const PlanBy by = ComputePlanBy(m, o, all, source);
  REQUIRE(by.groups.size() == 3);
  REQUIRE(by.idle.size() == 1);
  CHECK(by.idle[0] == "C");
  CHECK(by.groups[0].share[0] == doctest::Approx(5.0 / 8));
  const PlanGroup& dg = by.groups[2];
  CHECK(dg.name == "D");
  CHECK(dg.share[0] == doctest::Approx(1.0 / 8));
  CHECK(dg.plan.steps[0].borrowed);
  CHECK(dg.plan.steps[0].entered == 25);
  CHECK(dg.plan.delays_borrowed);
  CHECK(!by.groups[0].plan.delays_borrowed);
  CHECK(Row(by.groups[0].plan, "(all)", 0).expected == doctest::Approx(8.75));
  CHECK(Row(by.groups[1].plan, "(all)", 0).expected == doctest::Approx(8.75));
  CHECK(Row(dg.plan, "(all)", 0).expected == doctest::Approx(3.125));
  CHECK(Row(dg.plan, "2024-10", 0).expected == doctest::Approx(3.125));
  CHECK(by.total.back().expected == doctest::Approx(20.625));
}

// Pacing: lead → customer at 0.4 in the history (10 leads, 4 customers, no
// delay); 8 customers in 2024-Q3 need 8 ÷ 0.4 = 20 leads in the quarter. At
// as-of Aug 16 00:00, 46 of its 92 days are gone: 10 leads and 4 customers are
// due; 6 leads and 2 customers came in July, 3 leads in August. July's share is
// 31/92 (6.739 leads due), August's 15/92.
TEST_CASE("plan --pacing: each stage's target to date against the actual") {
  Model m;
  m.stages = {"lead", "customer"};
  m.as_of = Utc(2024, 8, 16);
  for (int i = 0; i < 10; ++i) Add(m, {Utc(2024, 3, 1), i < 4 ? Utc(2024, 3, 1) : kNoTime});
  for (int i = 0; i < 6; ++i) Add(m, {Utc(2024, 7, 10), i < 2 ? Utc(2024, 7, 20) : kNoTime});
  for (int i = 0; i < 3; ++i) Add(m, {Utc(2024, 8, 5), kNoTime});
  Add(m, {Utc(2024, 8, 20), kNoTime});  // after as-of: not counted
  PlanOptions o =
      OneTarget("customer:2024-Q3=8", 1, Period{Utc(2024, 7, 1), Utc(2024, 10, 1), "2024-Q3"}, 8);
  o.draws = 100;
  const PlanResult plan = ComputePlan(m, o);
  const std::vector<PlanPace> paces = ComputePace(m, o, plan);
  REQUIRE(paces.size() == 1);
  const PlanPace& pace = paces[0];
  CHECK(pace.elapsed == doctest::Approx(0.5));
  REQUIRE(pace.rows.size() == 6);  // July, August, (to date); lead and customer each
  CHECK(pace.rows[0].bucket == "2024-07");
  CHECK(*pace.rows[0].required == doctest::Approx(20.0 * 31 / 92));
  CHECK(pace.rows[0].actual == 6);
  CHECK(pace.rows[1].actual == 2);  // July's customers
  CHECK(*pace.rows[2].required == doctest::Approx(20.0 * 15 / 92));
  CHECK(pace.rows[2].actual == 3);
  const PaceRow& lead = pace.rows[4];
  const PaceRow& customer = pace.rows[5];
  CHECK(lead.bucket == "(to date)");
  CHECK(*lead.whole == doctest::Approx(20));
  CHECK(*lead.required == doctest::Approx(10));
  CHECK(lead.actual == 9);
  CHECK(*lead.projected == doctest::Approx(18));
  CHECK(*customer.whole == doctest::Approx(8));
  CHECK(*customer.required == doctest::Approx(4));
  CHECK(customer.actual == 2);
  // A target not yet begun has no pacing.
  o.targets[0].period = Period{Utc(2024, 10, 1), Utc(2025, 1, 1), "2024-Q4"};
  CHECK(ComputePace(m, o, ComputePlan(m, o)).empty());
}

}  // namespace
}  // namespace baton
