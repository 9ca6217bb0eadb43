// Lead-score calibration (issue 17), worked by hand, and AUC against its
// definition on random data.
#include "baton/scores.h"

#include <doctest/doctest.h>

#include <limits>
#include <random>

#include "baton/records.h"
#include "test_util.h"

namespace baton {
namespace {

using test::Utc;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Stages lead, mql, customer; everyone an MQL on 2024-03-04 (a Monday), the
// converted a customer `days` later.
Model TenPeople() {
  Model m;
  m.stages = {"lead", "mql", "customer"};
  m.as_of = Utc(2024, 7, 1);
  struct Row {
    const char* name;
    double score;
    int days;  // to customer, -1: not converted
  };
  // A 90 yes, B 80 yes, C 80 no, D 70 yes, E 60 no, F 50 yes, G 40 .. J 10 no.
  const Row rows[] = {{"a", 90, 10}, {"b", 80, 20}, {"c", 80, -1}, {"d", 70, 30}, {"e", 60, -1},
                      {"f", 50, 40}, {"g", 40, -1}, {"h", 30, -1}, {"i", 20, -1}, {"j", 10, -1}};
  const Instant mql = Utc(2024, 3, 4, 10);
  for (const auto& row : rows) {
    Person p;
    p.label = m.keys.Insert(std::string("e:") + row.name).first;
    p.score = row.score;
    p.has_score = true;
    m.people.push_back(p);
    m.stage_times.push_back(mql);
    m.stage_times.push_back(mql);
    m.stage_times.push_back(row.days < 0 ? kNoTime : mql + row.days * kSecondsPerDay);
  }
  return m;
}

ScoreOptions AtMql() {
  ScoreOptions o;
  o.period = Period{Utc(2024, 3, 4), Utc(2024, 3, 11), "2024-W10"};  // one week
  o.at_stage = 1;
  o.to_stage = 2;
  o.bands = ScoreOptions::Bands::kQuintiles;
  return o;
}

TEST_CASE("scores: ten people by hand: bands, Wilson, lift, capture, AUC, thresholds") {
  ScoreResult r = ComputeScores(TenPeople(), AtMql());
  CHECK(r.people == 10);
  CHECK(r.converted == 4);
  CHECK(r.rate == doctest::Approx(0.4));
  CHECK(r.current == 10);  // no score history: current values
  CHECK(r.from_history == 0);
  // AUC: 4 converted × 6 not = 24 pairs. A (90) beats all 6; B (80) beats 5 and
  // ties C (80): 5.5; D (70) beats 5 (not C); F (50) beats G–J: 4. 20.5 / 24.
  REQUIRE(r.auc);
  CHECK(*r.auc == doctest::Approx(20.5 / 24));
  // Quintiles: cuts after ranks 2, 4, 6, 8 of the ascending scores; the cut after
  // 8 falls between B (80) and C (80), a tie, so it moves up to 9: the 80s stay
  // together and the top band is A alone.
  REQUIRE(r.bands.size() == 5);
  const ScoreBand& top = r.bands[0];
  CHECK(top.low == 90);
  CHECK(top.people == 1);
  CHECK(top.converted == 1);
  CHECK(top.lift == doctest::Approx(2.5));      // 1.0 / 0.4
  CHECK(top.capture == doctest::Approx(0.25));  // 1 of 4 conversions
  // Wilson 95% for 1 of 1: z = 1.96, centre (1 + z²/2)/(1 + z²) = 0.6033, half
  // width z·√(z²/4)/(1 + z²) = 0.3967: [0.2065, 1].
  CHECK(*top.rate_low == doctest::Approx(0.2065493));
  CHECK(*top.rate_high == doctest::Approx(1.0));
  const ScoreBand& second = r.bands[1];  // D 70, B 80, C 80
  CHECK(second.low == 70);
  CHECK(second.high == 80);
  CHECK(second.people == 3);
  CHECK(second.converted == 2);
  CHECK(second.share == doctest::Approx(0.3));
  CHECK(*second.rate == doctest::Approx(2.0 / 3));
  CHECK(*second.lift == doctest::Approx(5.0 / 3));  // (2/3) / 0.4
  CHECK(second.capture == doctest::Approx(0.75));   // 3 of 4 by here
  // Wilson for 2 of 3: centre (2/3 + z²/6)/(1 + z²/3) = 0.5731, half 0.3654.
  CHECK(*second.rate_low == doctest::Approx(0.2076596));
  CHECK(*second.rate_high == doctest::Approx(0.9385081));
  CHECK(*second.median_days == doctest::Approx(20));  // B 20, D 30: nearest rank 1 of 2
  const ScoreBand& third = r.bands[2];                // E 60, F 50
  CHECK(third.people == 2);
  CHECK(*third.rate == doctest::Approx(0.5));
  CHECK(third.capture == doctest::Approx(1.0));
  CHECK(*r.bands[4].rate == 0);
  CHECK(*r.bands[4].lift == 0);
  // Thresholds: score ≥ 70 would have made 4 MQLs in the week, 3 of the 4 customers.
  REQUIRE(r.thresholds.size() == 5);
  CHECK(r.thresholds[1].threshold == 70);
  CHECK(r.thresholds[1].people == 4);
  CHECK(r.thresholds[1].converted == 3);
  CHECK(*r.thresholds[1].rate == doctest::Approx(0.75));
  CHECK(*r.thresholds[1].per_week == doctest::Approx(4));
  CHECK(r.thresholds[4].people == 10);
  CHECK(r.thresholds[4].capture == doctest::Approx(1));
  CHECK(!r.brier);  // not asked to read the score as a probability
}

TEST_CASE("scores: edges, a window, probabilities and the Brier score") {
  ScoreOptions o = AtMql();
  o.bands = ScoreOptions::Bands::kEdges;
  o.edges = {50, 80};  // below 50, 50 to 79, 80 and up
  ScoreResult r = ComputeScores(TenPeople(), o);
  REQUIRE(r.bands.size() == 3);
  CHECK(r.bands[0].people == 3);  // A, B, C
  CHECK(r.bands[1].people == 3);  // D, E, F
  CHECK(r.bands[2].people == 4);
  // Within 25 days of MQL only A (10) and B (20) converted.
  o.window_days = 25;
  r = ComputeScores(TenPeople(), o);
  CHECK(r.converted == 2);
  CHECK(r.bands[0].converted == 2);
  // As probabilities (0–100 scaled): Brier = mean (p − y)². Converted A .9, B .8,
  // D .7, F .5: .01 + .04 + .09 + .25; not C .8, E .6, G .4, H .3, I .2, J .1:
  // .64 + .36 + .16 + .09 + .04 + .01. Sum 1.69 over 10.
  o.window_days.reset();
  o.probability = true;
  r = ComputeScores(TenPeople(), o);
  REQUIRE(r.brier);
  CHECK(*r.brier == doctest::Approx(0.169));
  CHECK(*r.bands[0].predicted == doctest::Approx((0.9 + 0.8 + 0.8) / 3));
}

TEST_CASE("scores: an edge names its threshold, though no score sits on it") {
  ScoreOptions o = AtMql();
  o.bands = ScoreOptions::Bands::kEdges;
  o.edges = {45, 75};  // nobody scores 45 or 75
  ScoreResult r = ComputeScores(TenPeople(), o);
  REQUIRE(r.thresholds.size() == 3);
  CHECK(r.thresholds[0].threshold == 75);  // A, B, C
  CHECK(r.thresholds[0].people == 3);
  CHECK(r.thresholds[1].threshold == 45);  // and D, E, F
  CHECK(r.thresholds[1].people == 6);
  CHECK(r.thresholds[2].threshold == 10);  // the lowest band starts at the lowest score
  CHECK(r.bands[0].low == 80);             // the band's own scores: 80 to 90
  CHECK(r.bands[0].label == "80–90");
  // Each person stays in the band of their score, and each band above the lowest
  // starts at an edge.
  o.edges = {15, 25, 35};
  r = ComputeScores(TenPeople(), o);
  REQUIRE(r.bands.size() == 4);
  CHECK(r.bands[0].people == 7);  // 40 and up
  CHECK(r.thresholds[0].threshold == 35);
  CHECK(r.bands[1].people == 1);  // 30
  CHECK(r.bands[2].people == 1);  // 20
  CHECK(r.bands[3].people == 1);  // 10
  // An edge with nobody below the next one (nobody scores 12 to 19): the band of
  // 20, 30 and 40 starts at 12, the first edge above the band below.
  o.edges = {12, 14, 45};
  r = ComputeScores(TenPeople(), o);
  REQUIRE(r.bands.size() == 3);
  CHECK(r.bands[0].people == 6);  // 50, 60, 70, 80, 80, 90
  CHECK(r.thresholds[0].threshold == 45);
  CHECK(r.bands[1].people == 3);  // 20, 30, 40
  CHECK(r.bands[1].low == 20);
  CHECK(r.thresholds[1].threshold == 12);
}

TEST_CASE("scores: grades rank Pardot letters, HubSpot priorities and Salesforce ratings") {
  CHECK(*GradeRank("A+") > *GradeRank("A"));
  CHECK(*GradeRank("a") > *GradeRank("A-"));
  CHECK(*GradeRank("A-") > *GradeRank("B+"));
  CHECK(*GradeRank("D-") > *GradeRank("F"));
  CHECK(*GradeRank("Very high") > *GradeRank("High"));
  CHECK(*GradeRank(" high ") > *GradeRank("Medium"));
  CHECK(*GradeRank("tier_1") > *GradeRank("tier_4"));
  CHECK(*GradeRank("Hot") > *GradeRank("Warm"));
  CHECK(*GradeRank("warm") > *GradeRank("COLD"));
  CHECK_FALSE(GradeRank("A*"));
  CHECK_FALSE(GradeRank("Gold"));
  CHECK_FALSE(GradeRank(""));
}

// TenPeople with grades: a, b A; c, d B; e, f, g C; h, i, j none.
Model Graded(const char* a = "A", const char* b = "B", const char* c = "C") {
  Model m = TenPeople();
  const char* grades[] = {a, a, b, b, c, c, c, "", "", ""};
  for (std::size_t p = 0; p < m.people.size(); ++p) m.people[p].grade = m.strings.Intern(grades[p]);
  return m;
}

TEST_CASE("scores: --bands grade: one band per grade, best first, AUC over the grades") {
  ScoreOptions o = AtMql();
  o.bands = ScoreOptions::Bands::kGrade;
  ScoreResult r = ComputeScores(Graded(), o);
  CHECK(r.people == 7);
  CHECK(r.unscored == 3);  // h, i, j have no grade
  CHECK(r.grades_unscaled.empty());
  REQUIRE(r.bands.size() == 3);
  CHECK(r.bands[0].label == "A");
  CHECK(r.bands[0].people == 2);
  CHECK(r.bands[0].converted == 2);  // a, b
  CHECK(r.bands[1].label == "B");
  CHECK(r.bands[1].converted == 1);  // d
  CHECK(r.bands[2].label == "C");
  CHECK(r.bands[2].converted == 1);  // f
  // 4 converted (a, b A; d B; f C) × 3 not (c B; e, g C) = 12 pairs. a, b beat
  // all 3: 6; d ties c and beats e, g: 2.5; f ties e and g: 1. 9.5 / 12.
  CHECK(*r.auc == doctest::Approx(9.5 / 12));
  CHECK(r.thresholds[1].label == "B");
  CHECK(r.thresholds[1].people == 4);
  // Grades on no known scale are ordered alphabetically, the first best.
  r = ComputeScores(Graded("Gold", "Silver", "Tin"), o);
  CHECK(r.grades_unscaled.size() == 3);
  CHECK(r.bands[0].label == "Gold");
  CHECK(r.bands[2].label == "Tin");
  CHECK(*r.auc == doctest::Approx(9.5 / 12));
  // One grade off the scale ranks below the letters: a, b "A"; c, d "N/A"; e–g "C".
  r = ComputeScores(Graded("A", "N/A", "C"), o);
  CHECK(r.grades_unscaled == std::vector<std::string>{"N/A"});
  REQUIRE(r.bands.size() == 3);
  CHECK(r.bands[0].label == "A");
  CHECK(r.bands[1].label == "C");
  CHECK(r.bands[2].label == "N/A");
}

TEST_CASE("scores: --by splits every number over the bands of all people") {
  Model m = TenPeople();
  // a, c, e, g, i from source x; b, d, f, h, j from y.
  for (std::size_t p = 0; p < m.people.size(); ++p) {
    m.people[p].source = m.strings.Intern(p % 2 ? "y" : "x");
  }
  ScoreOptions o = AtMql();
  o.by = ParseGroupKeys("source", m);
  ScoreResult r = ComputeScores(m, o);
  CHECK(r.people == 10);  // the total is unchanged
  CHECK(*r.auc == doctest::Approx(20.5 / 24));
  REQUIRE(r.groups.size() == 2);
  const ScoreGroup& x = r.groups[0];
  CHECK(x.key == std::vector<std::string>{"x"});
  CHECK(x.people == 5);
  CHECK(x.converted == 1);  // a
  // Every group has the total's five bands ({a}, {b, c, d}, {e, f}, {g, h},
  // {i, j}), empty ones too, with the total's labels: x has one person in each.
  REQUIRE(x.bands.size() == 5);
  CHECK(x.bands[0].label == r.bands[0].label);
  CHECK(x.bands[0].people == 1);
  CHECK(x.bands[1].people == 1);
  CHECK(x.bands[1].label == "70–80");
  // x: a (converted, 90) beats c, e, g, i: AUC 1.
  CHECK(*x.auc == doctest::Approx(1));
  const ScoreGroup& y = r.groups[1];
  CHECK(y.people == 5);
  CHECK(y.converted == 3);  // b, d, f
  // y: b 80, d 70, f 50 converted; h 30, j 10 not: all 6 pairs right.
  CHECK(*y.auc == doctest::Approx(1));
  CHECK(y.bands[0].people == 0);  // nobody of y scores 90
  CHECK_FALSE(y.bands[0].rate);
  CHECK(*y.thresholds[4].per_week == doctest::Approx(5));  // over the one-week period
}

TEST_CASE("scores: the confounding guard and the cost of a threshold") {
  ScoreOptions o = AtMql();
  // a–e met their SLA, f–h missed it, i and j have none.
  o.sla = {1, 1, 1, 1, 1, 0, 0, 0, -1, -1};
  // a–f cost 100 each; g–j have no known cost.
  o.lead_cost = {100, 100, 100, 100, 100, 100, kNaN, kNaN, kNaN, kNaN};
  ScoreResult r = ComputeScores(TenPeople(), o);
  // Quintile bands (as in the first case): {a}, {b, c, d}, {e, f}, {g, h}, {i, j}.
  REQUIRE(r.bands.size() == 5);
  CHECK(r.bands[1].sla_met == 3);
  CHECK(*r.bands[1].met_rate == doctest::Approx(2.0 / 3));  // b, d of b, c, d
  CHECK(r.bands[1].sla_missed == 0);
  CHECK_FALSE(r.bands[1].missed_rate);
  CHECK(r.bands[2].sla_met == 1);                        // e
  CHECK(r.bands[2].sla_missed == 1);                     // f
  CHECK(*r.bands[2].missed_rate == doctest::Approx(1));  // f converted
  CHECK(r.bands[3].sla_missed == 2);                     // g, h
  CHECK(*r.bands[3].missed_rate == doctest::Approx(0));
  CHECK(r.bands[4].sla_met + r.bands[4].sla_missed == 0);  // i, j have none
  // Within those met: a, b, d converted against c, e: a beats 2, b ties c and
  // beats e (1.5), d beats e: 4.5 / 6.
  CHECK(*r.auc_sla_met == doctest::Approx(4.5 / 6));
  // Within those missed: f (50) beats g (40) and h (30).
  CHECK(*r.auc_sla_missed == doctest::Approx(1));
  // Thresholds: 70 and up is a–d: 400 for 3 won; 50 and up a–f: 600 for 4 won;
  // below, nobody has a cost or converted: still 600 for 4.
  CHECK(*r.thresholds[0].cost_per_won == doctest::Approx(100));  // a
  CHECK(r.thresholds[1].threshold == 70);
  CHECK(*r.thresholds[1].cost == doctest::Approx(400));
  CHECK(*r.thresholds[1].cost_per_won == doctest::Approx(400.0 / 3));
  CHECK(*r.thresholds[2].cost == doctest::Approx(600));
  CHECK(*r.thresholds[4].cost == doctest::Approx(600));
  CHECK(*r.thresholds[4].cost_per_won == doctest::Approx(150));
  CHECK(r.unpriced == 4);
}

TEST_CASE("scores: the score at the event comes from score history, not today's value") {
  Model m = TenPeople();
  // a scores 90 today but stood at 20 at MQL (raised after becoming a customer);
  // j scores 10 today but stood at 95 from March 1st to 10th. a's first change (to
  // 20) says it replaced 5; j's first does not say what it replaced.
  const std::size_t n = m.people.size();
  m.score_change_start.assign(n + 1, 0);
  auto add = [&](std::size_t p, Instant at, double value, double old) {
    for (std::size_t q = p + 1; q <= n; ++q) ++m.score_change_start[q];
    const auto at_index = m.score_change_start[p + 1] - 1;
    m.score_change_times.insert(m.score_change_times.begin() + at_index, at);
    m.score_change_values.insert(m.score_change_values.begin() + at_index, value);
    m.score_change_old.insert(m.score_change_old.begin() + at_index, old);
  };
  add(0, Utc(2024, 3, 1), 20, 5);    // a: 20 before MQL
  add(0, Utc(2024, 3, 20), 90, 20);  // … 90 after becoming a customer
  add(9, Utc(2024, 3, 1), 95, kNaN);
  add(9, Utc(2024, 3, 10), 10, 95);
  bool current = true;
  CHECK(m.ScoreAt(0, Utc(2024, 3, 4, 10), current) == 20);
  CHECK(!current);
  CHECK(m.ScoreAt(0, Utc(2024, 2, 1), current) == 5);  // before the first change: its old value
  CHECK(m.ScoreAt(9, Utc(2024, 2, 1), current) == std::nullopt);  // not said
  CHECK(m.ScoreAt(1, Utc(2024, 3, 4), current) == 80);
  CHECK(current);
  ScoreResult r = ComputeScores(m, AtMql());
  CHECK(r.from_history == 2);
  CHECK(r.current == 8);
  // At MQL a (converted) scored 20 and j (not) 95, so the AUC falls from 20.5/24.
  // Per converted person, the not-converted it beats (c 80, e 60, g 40, h 30,
  // i 20, j 95): a (20) ties i: 0.5; b (80) ties c, beats e g h i: 4.5; d (70)
  // beats e g h i: 4; f (50) beats g h i: 3. Sum 12 / 24: no better than chance.
  CHECK(*r.auc == doctest::Approx(0.5));
}

TEST_CASE("scores: AUC equals the share of concordant pairs on random data") {
  std::mt19937 rng(17);
  for (int round = 0; round < 50; ++round) {
    std::vector<std::pair<double, bool>> data;
    const int n = 2 + static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i) {
      data.emplace_back(static_cast<double>(rng() % 12), rng() % 3 == 0);  // many ties
    }
    double good = 0, pairs = 0;
    for (const auto& [s1, y1] : data) {
      for (const auto& [s2, y2] : data) {
        if (!y1 || y2) continue;  // (converted, not converted)
        pairs += 1;
        good += s1 > s2 ? 1 : s1 == s2 ? 0.5 : 0;
      }
    }
    auto auc = Auc(data);
    if (pairs == 0) {
      CHECK(!auc);
    } else {
      REQUIRE(auc);
      CHECK(*auc == doctest::Approx(good / pairs));
    }
  }
}

TEST_CASE("scores: an event at an unknown time counts in all time, with the current score") {
  Model m = TenPeople();
  // a reached mql at an unknown time (a current status only), and has a score
  // history that would say 20 at the MQL date: unknown, so today's 90 counts.
  m.stage_times[1] = kUnknownTime;
  m.score_change_start.assign(m.people.size() + 1, 1);
  m.score_change_start[0] = 0;
  m.score_change_times = {Utc(2024, 3, 1)};
  m.score_change_values = {20};
  m.score_change_old = {kNaN};
  ScoreOptions o = AtMql();
  ScoreResult dated = ComputeScores(m, o);
  CHECK(dated.people == 9);  // not placed in a dated period
  o.period = Period{kNoTime, m.as_of + 1, "all time"};
  ScoreResult all = ComputeScores(m, o);
  CHECK(all.people == 10);
  CHECK(all.current == 10);
  CHECK(*all.auc == doctest::Approx(20.5 / 24));  // a at 90, as today
}

TEST_CASE("scores: a target before the event, nothing converted, a 0–1 probability scale") {
  Model m = TenPeople();
  // a became a customer 10 days before the MQL date: not a conversion to predict.
  m.stage_times[2] = Utc(2024, 2, 23, 10);
  ScoreResult r = ComputeScores(m, AtMql());
  CHECK(r.converted == 3);
  CHECK(r.bands[0].converted == 0);
  // Nothing converted within a day: capture is n/a, not 0%.
  ScoreOptions o = AtMql();
  o.window_days = 1;
  r = ComputeScores(TenPeople(), o);
  CHECK(r.converted == 0);
  CHECK(!r.bands[0].capture);
  CHECK(!r.auc);
  // The period ended a window's length before as-of or less: immature.
  CHECK(!r.immature);  // ended 2024-03-11, as-of July
  o.period.until = Utc(2024, 6, 30, 12);
  CHECK(ComputeScores(TenPeople(), o).immature);
  // Scores 0–1 are probabilities as they are: a scored 0.9 predicts 90%.
  Model p = TenPeople();
  for (auto& person : p.people) person.score /= 100;
  o = AtMql();
  o.probability = true;
  r = ComputeScores(p, o);
  REQUIRE(r.brier);
  CHECK(*r.brier == doctest::Approx(0.169));
  // A score outside 0–100 means no probabilities.
  p.people[9].score = -5;
  r = ComputeScores(p, o);
  CHECK(!r.brier);
  CHECK(r.not_probabilities);
}

}  // namespace
}  // namespace baton
