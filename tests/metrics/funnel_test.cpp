// Stage conversion (SPEC 4.1) on small models whose numbers are worked out by hand.
#include "baton/funnel.h"

#include <doctest/doctest.h>

#include "baton/error.h"
#include "test_util.h"

namespace baton {
namespace {

using test::Utc;
constexpr Instant N = kNoTime;
constexpr Instant U = kUnknownTime;

// A model over three stages lead → mql → customer from per-person stage times.
Model Make(const std::vector<std::vector<Instant>>& times,
           const std::vector<std::string>& sources = {}) {
  Model m;
  m.stages = {"lead", "mql", "customer"};
  m.as_of = Utc(2024, 7, 1);
  for (std::size_t p = 0; p < times.size(); ++p) {
    Person person;
    if (p < sources.size()) person.source = m.strings.Intern(sources[p]);
    m.people.push_back(person);
    m.stage_times.insert(m.stage_times.end(), times[p].begin(), times[p].end());
  }
  return m;
}

FunnelOptions AllTime(const Model& m) {
  FunnelOptions o;
  o.period.until = m.as_of + 1;
  return o;
}

TEST_CASE("nearest-rank percentiles take the lower middle for an even count") {
  std::vector<double> v = {4, 1, 3, 2};
  CHECK(*Percentile(v, 50) == 2);  // rank ceil(0.5·4) = 2
  CHECK(*Percentile(v, 90) == 4);  // rank ceil(0.9·4) = 4
  std::vector<double> one = {7};
  CHECK(*Percentile(one, 90) == 7);
  std::vector<double> none;
  CHECK(!Percentile(none, 50));
}

TEST_CASE("the cohort funnel counts reached stages, step and cumulative rates and velocity") {
  // Four leads in January. Two become MQL (after 1 and 3 days), one of them a
  // customer 10 days after MQL; one reaches MQL at an unknown time.
  Model m = Make({{Utc(2024, 1, 1), Utc(2024, 1, 2), Utc(2024, 1, 12)},
                  {Utc(2024, 1, 5), Utc(2024, 1, 8), N},
                  {Utc(2024, 1, 9), U, N},
                  {Utc(2024, 1, 20), N, N}});
  FunnelResult r = ComputeFunnel(m, AllTime(m));
  REQUIRE(r.groups.size() == 1);
  const auto& s = r.groups[0].stages;
  CHECK(s[0].count == 4);
  CHECK(s[1].count == 3);  // the unknown-time MQL counts as reached (SPEC 2.2 rule 5)
  CHECK(s[2].count == 1);
  CHECK(*s[1].step_rate == doctest::Approx(0.75));
  CHECK(*s[2].step_rate == doctest::Approx(1.0 / 3));
  CHECK(*s[2].cumulative == doctest::Approx(0.25));
  // Velocity lead→mql over the two known pairs: 1 and 3 days → median 1 (lower middle).
  CHECK(s[1].velocity_n == 2);
  CHECK(*s[1].median_days == doctest::Approx(1.0));
  CHECK(*s[1].p90_days == doctest::Approx(3.0));
  CHECK(*s[2].median_days == doctest::Approx(10.0));
}

TEST_CASE("velocity leaves out steps whose time the infer policy filled in") {
  // Person 0 skipped mql: its time equals the customer time, inferred. Only
  // person 1's recorded lead→mql step (2 days) and mql→customer step (5 days) count.
  Model m = Make({{Utc(2024, 1, 1), Utc(2024, 1, 20), Utc(2024, 1, 20)},
                  {Utc(2024, 1, 1), Utc(2024, 1, 3), Utc(2024, 1, 8)}});
  m.inferred = {1u << 1, 0};
  FunnelResult r = ComputeFunnel(m, AllTime(m));
  const auto& s = r.groups[0].stages;
  CHECK(s[1].count == 2);
  CHECK(s[1].velocity_n == 1);
  CHECK(*s[1].median_days == doctest::Approx(2.0));
  CHECK(s[2].velocity_n == 1);
  CHECK(*s[2].median_days == doctest::Approx(5.0));
}

TEST_CASE("a rate with a zero denominator is n/a, never 0") {
  Model m = Make({{Utc(2024, 1, 1), N, N}});
  FunnelResult r = ComputeFunnel(m, AllTime(m));
  const auto& s = r.groups[0].stages;
  CHECK(*s[1].step_rate == 0.0);  // 0 of 1
  CHECK(!s[2].step_rate);         // 0 of 0
  CHECK(!s[1].median_days);
}

TEST_CASE("the period picks the cohort by entry time, later stages are followed to as-of") {
  Model m = Make({{Utc(2024, 1, 31), Utc(2024, 3, 1), N},   // in January, MQL in March
                  {Utc(2024, 2, 1), Utc(2024, 2, 2), N}});  // February: not in the cohort
  FunnelOptions o = AllTime(m);
  o.period.since = Utc(2024, 1, 1);
  o.period.until = Utc(2024, 2, 1);
  FunnelResult r = ComputeFunnel(m, o);
  CHECK(r.groups[0].stages[0].count == 1);
  CHECK(r.groups[0].stages[1].count == 1);
  // With a 7-day window the March MQL is too late.
  o.window_days = 7;
  CHECK(ComputeFunnel(m, o).groups[0].stages[1].count == 0);
}

TEST_CASE("the period basis counts stage entries in the period and their ratio") {
  Model m = Make({{Utc(2024, 1, 31), Utc(2024, 2, 3), N},
                  {Utc(2024, 2, 1), Utc(2024, 2, 2), Utc(2024, 2, 20)},
                  {Utc(2024, 2, 5), U, N}});
  FunnelOptions o = AllTime(m);
  o.basis = Basis::kPeriod;
  o.period.since = Utc(2024, 2, 1);
  o.period.until = Utc(2024, 3, 1);
  FunnelResult r = ComputeFunnel(m, o);
  const auto& s = r.groups[0].stages;
  CHECK(s[0].count == 2);  // leads on Feb 1 and Feb 5
  CHECK(s[1].count == 2);  // MQLs on Feb 2 and Feb 3; the unknown time is left out
  CHECK(s[2].count == 1);
  CHECK(*s[1].step_rate == doctest::Approx(1.0));
  CHECK(*s[2].step_rate == doctest::Approx(0.5));
  CHECK(!s[1].cumulative);
}

TEST_CASE("a breakdown by source has one group per value, sorted, and a total last") {
  Model m = Make({{Utc(2024, 1, 1), Utc(2024, 1, 2), N},
                  {Utc(2024, 1, 1), N, N},
                  {Utc(2024, 1, 1), Utc(2024, 1, 3), N}},
                 {"Web", "Ads", ""});
  FunnelOptions o = AllTime(m);
  o.by = ParseGroupKeys("source", m);
  FunnelResult r = ComputeFunnel(m, o);
  REQUIRE(r.groups.size() == 4);
  CHECK(r.groups[0].key == std::vector<std::string>{"(none)"});
  CHECK(r.groups[1].key == std::vector<std::string>{"Ads"});
  CHECK(r.groups[1].stages[1].count == 0);
  CHECK(r.groups[2].key == std::vector<std::string>{"Web"});
  CHECK(r.groups[3].is_total);
  CHECK(r.groups[3].stages[1].count == 2);
}

TEST_CASE("cohorts younger than the slowest median step are flagged immature") {
  // Slowest median step: lead→mql = 40 days. As-of is July 1: the June cohort is
  // 30 days old (immature), the January cohort 182 days (mature).
  Model m = Make(
      {{Utc(2024, 1, 1), Utc(2024, 2, 10), N}, {Utc(2024, 6, 1), N, N}, {Utc(2024, 6, 2), N, N}});
  FunnelOptions o = AllTime(m);
  o.by = ParseGroupKeys("month", m);
  FunnelResult r = ComputeFunnel(m, o);
  REQUIRE(r.groups.size() == 3);
  CHECK(*r.slowest_median_days == doctest::Approx(40.0));
  CHECK(r.groups[0].key[0] == "2024-01");
  CHECK_FALSE(r.groups[0].immature);
  CHECK(r.groups[1].key[0] == "2024-06");
  CHECK(r.groups[1].immature);
  CHECK_FALSE(r.groups[2].immature);  // the total starts in January
}

TEST_CASE("an unknown --by key is a usage error listing the known keys") {
  Model m = Make({});
  CHECK_THROWS_WITH_AS(ParseGroupKeys("region", m), doctest::Contains("known keys"), Error);
}

}  // namespace
}  // namespace baton
