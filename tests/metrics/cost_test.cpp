// The cost ladder (SPEC 4.2) and attribution (SPEC 4.3), worked out by hand:
// every model's shares for one person, pro-rating across a period edge, the
// campaign-total rule, cost per step, pipeline, won revenue and ROI.
#include "baton/cost.h"

#include <doctest/doctest.h>

#include <map>

#include "test_util.h"

namespace baton {
namespace {

using test::Utc;

// Shares per touch index, summed (a touch appears once in `out`).
std::map<std::size_t, double> Shares(AttributionModel model, const AttributionWeights& w,
                                     const std::vector<Instant>& times, const Milestones& m,
                                     Instant cutoff) {
  std::vector<Credit> out;
  Attribute(model, w, times, m, cutoff, out);
  std::map<std::size_t, double> shares;
  double sum = 0;
  for (const auto& c : out) {
    shares[c.touch] += c.share;
    sum += c.share;
  }
  CHECK(sum == 1.0);  // exactly, not approximately (SPEC 4.3)
  return shares;
}

const Config kDefaults = DefaultConfig();

TEST_CASE("attribution: every model's shares over five touches, worked by hand") {
  // Touches on days 1..5 of March; lead created on day 2, opportunity on day 4,
  // won on day 5. The step is the win (cutoff day 5, 12:00).
  std::vector<Instant> t;
  for (int d = 1; d <= 5; ++d) t.push_back(Utc(2024, 3, d, 10));
  Milestones m{Utc(2024, 3, 2, 11), Utc(2024, 3, 4, 11), Utc(2024, 3, 5, 11)};
  const Instant cutoff = Utc(2024, 3, 5, 12);

  auto first = Shares(AttributionModel::kFirst, {}, t, m, cutoff);
  CHECK(first == std::map<std::size_t, double>{{0, 1.0}});
  auto last = Shares(AttributionModel::kLast, {}, t, m, cutoff);
  CHECK(last == std::map<std::size_t, double>{{4, 1.0}});
  auto linear = Shares(AttributionModel::kLinear, {}, t, m, cutoff);
  REQUIRE(linear.size() == 5);
  for (auto [i, s] : linear) CHECK(s == doctest::Approx(0.2));

  // U-shaped 40/40/20: first (0) 40%, lead creation (1, the latest touch before the
  // lead on day 2) 40%, the other three touches 20/3 % each.
  auto u = Shares(AttributionModel::kUShaped, WeightsFor(AttributionModel::kUShaped, kDefaults), t,
                  m, cutoff);
  CHECK(u[0] == doctest::Approx(0.4));
  CHECK(u[1] == doctest::Approx(0.4));
  for (std::size_t i : {2u, 3u, 4u}) CHECK(u[i] == doctest::Approx(0.2 / 3));

  // W-shaped 30/30/30 + 10: the opportunity touch is 3 (day 4); the rest, touches 2
  // and 4, get 5% each.
  auto w = Shares(AttributionModel::kWShaped, WeightsFor(AttributionModel::kWShaped, kDefaults), t,
                  m, cutoff);
  CHECK(w[0] == doctest::Approx(0.3));
  CHECK(w[1] == doctest::Approx(0.3));
  CHECK(w[3] == doctest::Approx(0.3));
  CHECK(w[2] == doctest::Approx(0.05));
  CHECK(w[4] == doctest::Approx(0.05));

  // Full path 22.5 × 4 + 10: the win touch is 4 (day 5); the rest is touch 2 alone.
  auto full = Shares(AttributionModel::kFullPath,
                     WeightsFor(AttributionModel::kFullPath, kDefaults), t, m, cutoff);
  for (std::size_t i : {0u, 1u, 3u, 4u}) CHECK(full[i] == doctest::Approx(0.225));
  CHECK(full[2] == doctest::Approx(0.1));
}

TEST_CASE("attribution: the touches considered end at the step, but always keep the first") {
  std::vector<Instant> t = {Utc(2024, 3, 1), Utc(2024, 3, 3), Utc(2024, 3, 9)};
  Milestones m{Utc(2024, 3, 1, 12), kNoTime, kNoTime};
  // Step on day 4: the touch on day 9 has not happened yet.
  auto last = Shares(AttributionModel::kLast, {}, t, m, Utc(2024, 3, 4));
  CHECK(last == std::map<std::size_t, double>{{1, 1.0}});
  auto linear = Shares(AttributionModel::kLinear, {}, t, m, Utc(2024, 3, 4));
  CHECK(linear.size() == 2);
  CHECK(linear[0] == doctest::Approx(0.5));
  // A step before every touch: the person still belongs to their first campaign.
  auto early = Shares(AttributionModel::kLast, {}, t, m, Utc(2024, 2, 1));
  CHECK(early == std::map<std::size_t, double>{{0, 1.0}});
  // An unknown step time (kNoTime cutoff): every touch.
  CHECK(Shares(AttributionModel::kLast, {}, t, m, kNoTime) ==
        std::map<std::size_t, double>{{2, 1.0}});
}

TEST_CASE("attribution: milestones without a touch of their own pass their weight back") {
  // One touch: U-shaped gives it everything (40 + 40, and the rest with no other
  // touch goes to the milestone touches in proportion).
  AttributionWeights u = WeightsFor(AttributionModel::kUShaped, kDefaults);
  std::vector<Instant> one = {Utc(2024, 3, 1)};
  Milestones m{Utc(2024, 3, 2), kNoTime, kNoTime};
  CHECK(Shares(AttributionModel::kUShaped, u, one, m, Utc(2024, 3, 3)) ==
        std::map<std::size_t, double>{{0, 1.0}});
  // Two touches, both milestones: 50/50 as HubSpot has it.
  std::vector<Instant> two = {Utc(2024, 3, 1), Utc(2024, 3, 2)};
  auto s = Shares(AttributionModel::kUShaped, u, two, {Utc(2024, 3, 2, 1), kNoTime, kNoTime},
                  Utc(2024, 3, 3));
  CHECK(s[0] == doctest::Approx(0.5));
  CHECK(s[1] == doctest::Approx(0.5));
  // W-shaped for a person with no opportunity yet: the opportunity's 30% goes to
  // the nearest earlier milestone (lead creation): 30 / 60 / the rest 10.
  AttributionWeights w = WeightsFor(AttributionModel::kWShaped, kDefaults);
  std::vector<Instant> three = {Utc(2024, 3, 1), Utc(2024, 3, 2), Utc(2024, 3, 3)};
  auto ws = Shares(AttributionModel::kWShaped, w, three, {Utc(2024, 3, 2, 1), kNoTime, kNoTime},
                   Utc(2024, 3, 4));
  CHECK(ws[0] == doctest::Approx(0.3));
  CHECK(ws[1] == doctest::Approx(0.6));
  CHECK(ws[2] == doctest::Approx(0.1));
  // Marketo Measure's U-shaped, 50/50 with no rest, through the config.
  Config marketo =
      LoadConfigText("[attribution.u-shaped]\nfirst = 50\nlead = 50\nrest = 0\n", "marketo.toml");
  auto mm = Shares(AttributionModel::kUShaped, WeightsFor(AttributionModel::kUShaped, marketo),
                   three, {Utc(2024, 3, 2, 1), kNoTime, kNoTime}, Utc(2024, 3, 4));
  CHECK(mm[0] == doctest::Approx(0.5));
  CHECK(mm[1] == doctest::Approx(0.5));
  CHECK(mm.count(2) == 0);
}

TEST_CASE("attribution: weights that do not sum to 100 and custom without weights are errors") {
  CHECK_THROWS_WITH(LoadConfigText("[attribution.w-shaped]\nfirst = 30\nlead = 30\n", "w.toml"),
                    doctest::Contains("sum to 60, not 100"));
  CHECK_THROWS_WITH(LoadConfigText("[attribution.linear]\nfirst = 100\n", "l.toml"),
                    doctest::Contains("not a model with weights"));
  CHECK_THROWS_WITH(WeightsFor(AttributionModel::kCustom, kDefaults),
                    doctest::Contains("needs weights"));
  Config custom = LoadConfigText(
      "[attribution.custom]\nfirst = 10\nlead = 20\nopportunity = 30\ncustomer = 40\n", "c.toml");
  AttributionWeights w = WeightsFor(AttributionModel::kCustom, custom);
  CHECK(w.customer == doctest::Approx(0.4));
  CHECK(w.rest == 0);
}

// A model: stages lead → mql → customer; people with touches on named campaigns.
struct Who {
  Instant lead, mql = kNoTime, customer = kNoTime;
  Instant assigned = kNoTime;
  std::vector<std::pair<Instant, const char*>> touches;
};

Model Make(const std::vector<Who>& people, Instant as_of) {
  Model m;
  m.stages = {"lead", "mql", "customer"};
  m.as_of = as_of;
  m.campaign_touch_start = {0};
  for (const auto& w : people) {
    Person p;
    p.created_at = w.lead;
    p.assigned_at = w.assigned;
    m.people.push_back(p);
    m.stage_times.insert(m.stage_times.end(), {w.lead, w.mql, w.customer});
    for (const auto& [at, name] : w.touches) {
      m.campaign_touch_times.push_back(at);
      m.campaign_touch_names.push_back(m.strings.Intern(name));
    }
    m.campaign_touch_start.push_back(static_cast<std::uint32_t>(m.campaign_touch_times.size()));
  }
  m.currency = "USD";
  return m;
}

Config LadderConfig() {
  Config c = DefaultConfig();
  c.stages = {"lead", "mql", "customer"};
  c.opportunity_stage = "";
  return c;
}

const CostRow& Row(const CostResult& r, const std::string& key) {
  for (const auto& row : r.rows) {
    if (!row.key.empty() && row.key[0] == key) return row;
  }
  FAIL("no row " << key);
  return r.rows.back();
}

TEST_CASE("cost: spend pro-rated over the period by calendar days, cost per step and ROI") {
  // Webinar: 3 leads in March, 2 assigned, 1 MQL; one won for 5,000.
  // Spend: 3,100 over March (100/day) and 3,000 over 2024-03-16..04-15 (31 days).
  // Period: March 2024 (UTC). As-of: 2024-06-01.
  Model m =
      Make({{Utc(2024, 3, 2),
             Utc(2024, 3, 5),
             kNoTime,
             Utc(2024, 3, 2, 1),
             {{Utc(2024, 3, 1), "Webinar"}}},
            {Utc(2024, 3, 10), kNoTime, kNoTime, Utc(2024, 3, 11), {{Utc(2024, 3, 9), "Webinar"}}},
            {Utc(2024, 3, 20),
             kNoTime,
             Utc(2024, 3, 28),
             kNoTime,
             {{Utc(2024, 3, 20), "webinar!"}}},  // another spelling: its own campaign
            {Utc(2024, 3, 21)}},
           Utc(2024, 6, 1));
  m.opportunities.push_back({Utc(2024, 3, 25), Utc(2024, 3, 28), 5000, true, true, 0, 2});
  SpendRecord march{"Webinar", "", "Events", 19783, 19813, 3100, false};  // 2024-03-01..31
  SpendRecord straddle{"WEBINAR", "", "", 19798, 19828, 3000, false};     // 03-16..04-15
  m.spend = {march, straddle};
  CostOptions o;
  o.period = {Utc(2024, 3, 1), Utc(2024, 4, 1), "2024-03"};
  o.by = ParseCostKeys("campaign");
  CostResult r = ComputeCost(m, LadderConfig(), o);
  REQUIRE(r.steps == std::vector<std::string>{"lead", "assigned", "mql", "customer"});
  const CostRow& webinar = Row(r, "Webinar");
  // 3,100 + 16/31 of 3,000 = 3,100 + 1,548.387…; both spellings match "Webinar".
  CHECK(webinar.spend == doctest::Approx(3100 + 3000.0 * 16 / 31));
  CHECK(webinar.counts == std::vector<double>{2, 2, 1, 0});
  CHECK(*webinar.cost_per[0] == doctest::Approx((3100 + 3000.0 * 16 / 31) / 2));
  CHECK(!webinar.cost_per[3]);  // no customer: n/a, never 0
  const CostRow& other = Row(r, "webinar!");
  CHECK(other.spend == 0);
  CHECK(other.counts == std::vector<double>{1, 0, 0, 1});
  CHECK(other.won == 5000);
  CHECK(!other.roi);  // no spend: n/a
  CHECK(*webinar.roi == doctest::Approx(-1.0));
  const CostRow& none = r.rows[r.rows.size() - 2];
  CHECK(none.kind == CostRowKind::kNoCampaign);
  CHECK(none.counts[0] == 1);
  const CostRow& total = r.rows.back();
  CHECK(total.kind == CostRowKind::kTotal);
  CHECK(total.counts[0] == 4);
  CHECK(total.spend == doctest::Approx(3100 + 3000.0 * 16 / 31));
  CHECK(*total.roi == doctest::Approx((5000 - total.spend) / total.spend));

  // April: the other 15 days of the straddling row, and nothing else.
  o.period = {Utc(2024, 4, 1), Utc(2024, 5, 1), "2024-04"};
  CostResult april = ComputeCost(m, LadderConfig(), o);
  CHECK(april.rows.back().spend == doctest::Approx(3000.0 * 15 / 31));
}

TEST_CASE("cost: a day whose midnight is as-of counts in full, a later day not at all") {
  Model m = Make({{Utc(2024, 3, 2), kNoTime, kNoTime, kNoTime, {{Utc(2024, 3, 1), "Webinar"}}}},
                 Utc(2024, 3, 16));
  m.spend = {SpendRecord{"Webinar", "", "Events", 19783, 19813, 3100, false}};  // 100 a day
  CostOptions o;
  o.period = {Utc(2024, 3, 1), Utc(2024, 4, 1), "2024-03"};
  CHECK(ComputeCost(m, LadderConfig(), o).rows.back().spend == doctest::Approx(1600));  // 1..16
  m.as_of = Utc(2024, 3, 15, 23, 59, 59);
  CHECK(ComputeCost(m, LadderConfig(), o).rows.back().spend == doctest::Approx(1500));  // 1..15
}

TEST_CASE("cost: unmatched spend is its own row, a CRM total yields to detailed spend by day") {
  Model m = Make({{Utc(2024, 3, 2), kNoTime, kNoTime, kNoTime, {{Utc(2024, 3, 1), "Ads"}}}},
                 Utc(2024, 6, 1));
  m.campaign_ids.emplace("701000000000001AAA", m.strings.Intern("Ads"));
  SpendRecord total{"Ads", "701000000000001AAA", "", 19783, 19813, 9999, true};
  SpendRecord day{"Brand - Exact", "555", "Google Ads", 19783, 19783, 50, false};
  SpendRecord mapped{"ADS search", "", "Google Ads", 19784, 19784, 70, false};
  m.spend = {total, day, mapped};
  Config c = LadderConfig();
  c.campaign_map[NormaliseCampaignName("Ads Search")] = "Ads";
  CostOptions o;
  o.period = {Utc(2024, 3, 1), Utc(2024, 4, 1), "2024-03"};
  o.by = ParseCostKeys("campaign");
  CostResult r = ComputeCost(m, c, o);
  CHECK(r.match.replaced_totals == 1);
  REQUIRE(r.match.unmatched.size() == 1);
  CHECK(r.match.unmatched[0].name == "Brand - Exact");
  // The CRM total (9,999 over March) counts on the 30 days the detailed row (03-02)
  // does not cover; on 03-02 the detailed 70 replaces it.
  const double ads = 9999.0 * 30 / 31 + 70;
  CHECK(Row(r, "Ads").spend == doctest::Approx(ads));
  CHECK(*Row(r, "Ads").cost_per[0] == doctest::Approx(ads));
  const CostRow& unattributed = r.rows[r.rows.size() - 2];
  CHECK(unattributed.kind == CostRowKind::kUnattributed);
  CHECK(unattributed.spend == 50);
  CHECK(!unattributed.roi);
  CHECK(r.rows.back().spend == doctest::Approx(ads + 50));
}

TEST_CASE("cost: cohort basis follows the people created in the period to as-of") {
  Model m = Make(
      {{Utc(2024, 3, 30), Utc(2024, 4, 3), Utc(2024, 5, 1), kNoTime, {{Utc(2024, 3, 30), "Ads"}}},
       {Utc(2024, 4, 2), Utc(2024, 4, 3), kNoTime, kNoTime, {{Utc(2024, 4, 2), "Ads"}}}},
      Utc(2024, 6, 1));
  m.opportunities.push_back({Utc(2024, 4, 10), Utc(2024, 5, 1), 800, true, true, 0, 0});
  m.spend = {{"Ads", "", "", 19783, 19813, 310, false}};
  CostOptions o;
  o.basis = Basis::kCohort;
  o.period = {Utc(2024, 3, 1), Utc(2024, 4, 1), "2024-03"};
  o.by = ParseCostKeys("campaign");
  CostResult r = ComputeCost(m, LadderConfig(), o);
  const CostRow& ads = Row(r, "Ads");
  CHECK(ads.counts == std::vector<double>{1, 0, 1, 1});  // the March lead, followed to June
  CHECK(ads.pipeline == 800);
  CHECK(ads.won == 800);
  CHECK(*ads.cost_per[3] == doctest::Approx(310));
  CHECK(*ads.roi == doctest::Approx((800.0 - 310) / 310));
  // Period basis: in March only the lead entered.
  o.basis = Basis::kPeriod;
  CHECK(Row(ComputeCost(m, LadderConfig(), o), "Ads").counts == std::vector<double>{1, 0, 0, 0});
}

TEST_CASE("cost: a time grain alone blends campaigns, no-campaign people and unattributed spend") {
  Model m = Make(
      {{Utc(2024, 3, 2), kNoTime, kNoTime, kNoTime, {{Utc(2024, 3, 1), "Ads"}}}, {Utc(2024, 3, 3)}},
      Utc(2024, 6, 1));
  m.spend = {{"Ads", "", "", 19783, 19783, 30, false}, {"Other", "", "", 19784, 19784, 10, false}};
  CostOptions o;
  o.period = {Utc(2024, 3, 1), Utc(2024, 4, 1), "2024-03"};
  o.by = ParseCostKeys("month");
  o.tz = nullptr;
  CostResult r = ComputeCost(m, LadderConfig(), o);
  REQUIRE(r.rows.size() == 2);  // March and the total
  CHECK(r.rows[0].key == std::vector<std::string>{"2024-03"});
  CHECK(r.rows[0].spend == 40);
  CHECK(r.rows[0].counts[0] == 2);
  CHECK(*r.rows[0].cost_per[0] == 20);
}

TEST_CASE("cost: --by keys are campaign, channel and one time grain") {
  CHECK(ParseCostKeys("source")[0].name == "channel");
  CHECK(ParseCostKeys("campaign,month").size() == 2);
  CHECK_THROWS_WITH(ParseCostKeys("owner"), doctest::Contains("cost breaks down by campaign"));
  CHECK_THROWS_WITH(ParseCostKeys("campaign,channel"), doctest::Contains("one campaign key"));
  CHECK_THROWS_WITH(ParseCostKeys("week,month"), doctest::Contains("one time grain"));
}

TEST_CASE("cost: a multi-touch model splits one person and the credits still sum to people") {
  Model m = Make({{Utc(2024, 3, 5),
                   kNoTime,
                   kNoTime,
                   kNoTime,
                   {{Utc(2024, 3, 1), "A"}, {Utc(2024, 3, 3), "B"}, {Utc(2024, 3, 4), "C"}}}},
                 Utc(2024, 6, 1));
  CostOptions o;
  o.period = {Utc(2024, 3, 1), Utc(2024, 4, 1), "2024-03"};
  o.by = ParseCostKeys("campaign");
  o.model = AttributionModel::kUShaped;
  o.weights = WeightsFor(o.model, kDefaults);
  CostResult r = ComputeCost(m, LadderConfig(), o);
  CHECK(r.fractional);
  // Lead on day 5: first touch A 40%, lead-creation touch C 40%, B the rest 20%.
  CHECK(Row(r, "A").counts[0] == doctest::Approx(0.4));
  CHECK(Row(r, "B").counts[0] == doctest::Approx(0.2));
  CHECK(Row(r, "C").counts[0] == doctest::Approx(0.4));
  CHECK(r.rows.back().counts[0] == 1.0);
}

// SPEC 4.3, the reproduction: lead 02-29, SQL 03-28 08:47, opportunity 19:01
// the same day; responses on 02-29 (Newsletter) and 03-07 (GS-Brand). The SQL step's
// day is 03-28, so the opportunity milestone counts for it and a response on 04-15
// (after the step) must change nothing. Before, the later touch pulled the step's
// cutoff to the end of its day and so brought the milestone in: 0.9/0.1 became 2/3.
TEST_CASE("a touch after a step never changes that step's credits, under any model") {
  auto make = [](bool later_touch) {
    Model m;
    m.stages = {"lead", "sql", "opportunity", "customer"};
    m.as_of = Utc(2024, 7, 1);
    m.people.push_back(Person{});
    m.people[0].created_at = Utc(2024, 2, 29, 15);
    m.stage_times = {Utc(2024, 2, 29, 15), Utc(2024, 3, 28, 8, 47), Utc(2024, 3, 28, 19, 1),
                     kNoTime};
    m.campaign_touch_start = {0};
    m.campaign_touch_times = {Utc(2024, 2, 29, 15), Utc(2024, 3, 7, 12)};
    m.campaign_touch_names = {m.strings.Intern("Newsletter"), m.strings.Intern("GS-Brand")};
    if (later_touch) {
      m.campaign_touch_times.push_back(Utc(2024, 4, 15, 12));
      m.campaign_touch_names.push_back(m.strings.Intern("Webinar"));
    }
    m.campaign_touch_start.push_back(static_cast<std::uint32_t>(m.campaign_touch_times.size()));
    return m;
  };
  Config c = DefaultConfig();
  c.stages = {"lead", "sql", "opportunity", "customer"};
  c.attribution["custom"] = {0.5, 0.1, 0.3, 0, 0.1};
  const Model before = make(false), after = make(true);
  for (auto model : {AttributionModel::kFirst, AttributionModel::kLast, AttributionModel::kLinear,
                     AttributionModel::kUShaped, AttributionModel::kWShaped,
                     AttributionModel::kFullPath, AttributionModel::kCustom}) {
    CAPTURE(AttributionModelName(model));
    CostOptions o;
    o.period = {Utc(2024, 1, 1), Utc(2024, 4, 1), "2024-Q1"};
    o.by = ParseCostKeys("campaign");
    o.model = model;
    o.weights = WeightsFor(model, c);
    CostResult a = ComputeCost(before, c, o), b = ComputeCost(after, c, o);
    REQUIRE(a.rows.size() == b.rows.size());
    for (std::size_t i = 0; i < a.rows.size(); ++i) {
      CHECK(a.rows[i].key == b.rows[i].key);
      CHECK(a.rows[i].counts == b.rows[i].counts);
    }
  }
  CostOptions w;
  w.period = {Utc(2024, 1, 1), Utc(2024, 4, 1), "2024-Q1"};
  w.by = ParseCostKeys("campaign");
  w.model = AttributionModel::kWShaped;
  w.weights = WeightsFor(w.model, c);
  // Steps: lead, assigned, sql, opportunity, customer. SQL: Newsletter first touch and
  // lead creation (60%), GS-Brand the opportunity (30%); no other touch, so the 10%
  // rest goes 2:1 to them: 2/3 and 1/3.
  for (const Model* m : {&before, &after}) {
    CostResult r = ComputeCost(*m, c, w);
    CHECK(Row(r, "Newsletter").counts[2] == doctest::Approx(2.0 / 3));
    CHECK(Row(r, "GS-Brand").counts[2] == doctest::Approx(1.0 / 3));
  }
}

}  // namespace
}  // namespace baton
