// Hand-off SLAs (SPEC 4.4) on a small model worked out by hand: met, breached
// over a weekend, open, pending, activity-type filters and which starts count.
#include "baton/sla.h"

#include <doctest/doctest.h>

#include "test_util.h"

namespace baton {
namespace {

using test::Utc;
constexpr std::int64_t kHour = 3600;

// Stages lead → mql; person p's MQL time, owner and touches are given.
struct Person_ {
  Instant mql;
  const char* owner;
  std::vector<std::pair<Instant, const char*>> touches;
  bool inferred = false;
};

SlaRule Rule(const char* name, std::int64_t limit, bool business, std::vector<std::string> types) {
  SlaRule rule;
  rule.name = name;
  rule.start = "mql";
  rule.end = "first_touch";
  rule.limit = limit;
  rule.business = business;
  rule.activity_types = std::move(types);
  return rule;
}

Model Make(const std::vector<Person_>& people, Instant as_of) {
  Model m;
  m.stages = {"lead", "mql"};
  m.as_of = as_of;
  m.touch_start = {0};
  for (const auto& p : people) {
    Person person;
    person.owner = m.strings.Intern(p.owner);
    person.label = m.keys.Insert("e:" + std::string(p.owner) + "-lead").first;
    m.people.push_back(person);
    m.stage_times.insert(m.stage_times.end(), {p.mql - kHour, p.mql});
    m.inferred.push_back(p.inferred ? 2u : 0u);
    for (const auto& [at, type] : p.touches) {
      m.touch_times.push_back(at);
      m.touch_types.push_back(m.strings.Intern(type));
    }
    m.touch_start.push_back(static_cast<std::uint32_t>(m.touch_times.size()));
  }
  return m;
}

TEST_CASE("each person under a rule is met, breached, open or pending, on the business clock") {
  // UTC, Mon–Fri 09:00–17:00. 2024-03-01 is a Friday. As-of: Wednesday 03-06 12:00.
  Calendar c = Calendar::Standard(nullptr);
  SlaRule rule = Rule("mql-to-first-touch", 4 * kHour, true, {"Call", "Email"});
  Model m = Make(
      {
          // Met: touched 2 working hours after the MQL.
          {Utc(2024, 3, 4, 10), "Ann", {{Utc(2024, 3, 4, 12), "Call"}}},
          // Breached: Friday 14:00 → Monday 12:00 is 3 h + 3 h = 6 h, 2 h over. The
          // Note on Friday does not count, nor does a call before the MQL.
          {Utc(2024, 3, 1, 14),
           "Ann",
           {{Utc(2024, 3, 1, 9), "Call"},
            {Utc(2024, 3, 1, 15), "Note"},
            {Utc(2024, 3, 4, 12), "email"}}},
          // Open: no touch; due Monday 03-04 13:00; as-of Wednesday 12:00 → 4 + 8 + 3
          // = 15 working hours overdue.
          {Utc(2024, 3, 4, 9), "Bob", {}},
          // Pending: MQL Wednesday 10:00, due 14:00, as-of 12:00.
          {Utc(2024, 3, 6, 10), "Bob", {}},
          // Inferred MQL: no promise was made, not started.
          {Utc(2024, 3, 4, 9), "Bob", {}, true},
      },
      Utc(2024, 3, 6, 12));
  Period all;
  all.until = m.as_of + 1;
  std::vector<GroupKey> by = ParseGroupKeys("owner", m);
  SlaResult r =
      ComputeSla(m, rule, std::vector<const Calendar*>(m.people.size(), &c), all, nullptr, by);
  REQUIRE(r.groups.size() == 3);
  const SlaGroup& ann = r.groups[0];
  CHECK(ann.key == std::vector<std::string>{"Ann"});
  CHECK(ann.started == 2);
  CHECK(ann.met == 1);
  CHECK(ann.breached == 1);
  CHECK(*ann.met_rate == doctest::Approx(0.5));
  CHECK(*ann.median_hours == doctest::Approx(2.0));  // of 2 h and 6 h: the lower middle
  CHECK(*ann.p90_hours == doctest::Approx(6.0));
  const SlaGroup& bob = r.groups[1];
  CHECK(bob.started == 2);
  CHECK(bob.open == 1);
  CHECK(bob.pending == 1);
  CHECK(*bob.met_rate == doctest::Approx(0.0));
  CHECK_FALSE(bob.median_hours);
  const SlaGroup& all_rows = r.groups[2];
  CHECK(all_rows.is_total);
  CHECK(all_rows.started == 4);
  CHECK(*BreachRate(all_rows) == doctest::Approx(2.0 / 3));
  // Breaches, most overdue first: the open one (15 h), then the breached one (2 h).
  REQUIRE(r.breaches.size() == 2);
  CHECK(r.breaches[0].outcome == SlaOutcome::kOpen);
  CHECK(r.breaches[0].due == Utc(2024, 3, 4, 13));
  CHECK(r.breaches[0].overdue == 15 * kHour);
  CHECK(r.breaches[1].outcome == SlaOutcome::kBreached);
  CHECK(r.breaches[1].end == Utc(2024, 3, 4, 12));
  CHECK(r.breaches[1].overdue == 2 * kHour);
}

TEST_CASE("a calendar clock counts every hour, and the period picks starts") {
  Calendar c = Calendar::Standard(nullptr);
  SlaRule rule = Rule("r", 4 * kHour, false, {});
  // Friday 14:00 → Monday 12:00 is 70 calendar hours: breached by 66.
  Model m = Make({{Utc(2024, 3, 1, 14), "Ann", {{Utc(2024, 3, 4, 12), "Note"}}},
                  {Utc(2024, 2, 20, 9), "Ann", {{Utc(2024, 2, 20, 10), "Call"}}}},
                 Utc(2024, 3, 6, 12));
  Period march;
  march.since = Utc(2024, 3, 1);
  march.until = Utc(2024, 4, 1);
  SlaResult r =
      ComputeSla(m, rule, std::vector<const Calendar*>(m.people.size(), &c), march, nullptr, {});
  REQUIRE(r.groups.size() == 1);
  CHECK(r.groups[0].started == 1);
  CHECK(r.groups[0].breached == 1);
  REQUIRE(r.breaches.size() == 1);
  CHECK(r.breaches[0].overdue == 66 * kHour);
}

TEST_CASE("a depth rule needs N touches within N working days") {
  // 3 touches within 2 working days (Mon–Fri 09:00–17:00: 16 working hours) of a
  // Friday 16:00 MQL: due Tuesday 16:00.
  Calendar c = Calendar::Standard(nullptr);
  SlaRule rule = Rule("depth", 0, true, {});
  rule.touches = 3;
  rule.limit_days = 2;
  Model m = Make({{Utc(2024, 3, 1, 16),
                   "Ann",
                   {{Utc(2024, 3, 1, 16, 30), "Call"},
                    {Utc(2024, 3, 4, 9), "Email"},
                    {Utc(2024, 3, 5, 15), "Call"}}},
                  {Utc(2024, 3, 1, 16),
                   "Ann",
                   {{Utc(2024, 3, 1, 16, 30), "Call"},
                    {Utc(2024, 3, 4, 9), "Email"},
                    {Utc(2024, 3, 5, 17), "Call"}}}},
                 Utc(2024, 3, 8, 12));
  Period all;
  all.until = m.as_of + 1;
  SlaResult r =
      ComputeSla(m, rule, std::vector<const Calendar*>(m.people.size(), &c), all, nullptr, {});
  CHECK(r.groups[0].met == 1);       // third touch Tuesday 15:00: 15 working hours
  CHECK(r.groups[0].breached == 1);  // third touch Tuesday 17:00: 17 working hours
  REQUIRE(r.breaches.size() == 1);
  CHECK(r.breaches[0].due == Utc(2024, 3, 5, 16));
  CHECK(r.breaches[0].overdue == kHour);
}

TEST_CASE("each person can work on their own calendar, chosen by owner") {
  Config config = DefaultConfig();  // default: Mon–Fri 09:00–17:00 UTC
  Calendar berlin = Calendar::Standard(FindZone("Europe/Berlin"));
  berlin.name = "berlin";
  berlin.owners = {"Bob"};
  config.calendars["berlin"] = berlin;
  config.calendar_order = {"berlin"};
  SlaRule rule = Rule("r", 4 * kHour, true, {});
  rule.calendar.clear();  // chosen per person
  // Both MQLs at Monday 2024-03-04 08:30 UTC = 09:30 in Berlin (CET).
  Model m = Make({{Utc(2024, 3, 4, 8, 30), "Ann", {}}, {Utc(2024, 3, 4, 8, 30), "Bob", {}}},
                 Utc(2024, 3, 4, 18));
  auto calendars = CalendarsFor(m, config, rule);
  CHECK(calendars[0]->name == "default");
  CHECK(calendars[1]->name == "berlin");
  Period all;
  all.until = m.as_of + 1;
  SlaResult r = ComputeSla(m, rule, calendars, all, nullptr, {});
  REQUIRE(r.breaches.size() == 2);
  // Ann: counting starts 09:00 UTC, due 13:00 UTC; Bob: 09:30 Berlin, due 13:30 Berlin.
  Instant ann_due = r.breaches[0].person == 0 ? r.breaches[0].due : r.breaches[1].due;
  Instant bob_due = r.breaches[0].person == 1 ? r.breaches[0].due : r.breaches[1].due;
  CHECK(ann_due == Utc(2024, 3, 4, 13));
  CHECK(bob_due == Utc(2024, 3, 4, 12, 30));
}

}  // namespace
}  // namespace baton

namespace baton {
namespace {

TEST_CASE("sla: a limit in working days is that many of the calendar's longest working day") {
  Calendar calendar = Calendar::Standard(FindZone("UTC"));  // Mon–Fri 09:00–17:00
  SlaRule rule;
  rule.limit = 4 * 3600;  // "4h": as written
  CHECK(LimitSeconds(rule, calendar) == 14400);
  rule.limit = 0;
  rule.limit_days = 2;  // "2d": 2 × 8 h
  CHECK(LimitSeconds(rule, calendar) == 57600);
  // Monday 09:00–12:00 and 13:00–17:30 (7.5 h), Tuesday to Friday 09:00–13:00 (4 h):
  // the longest is 7.5 h.
  calendar.hours[0] = {{540, 720}, {780, 1050}};
  for (int d = 1; d <= 4; ++d) calendar.hours[static_cast<std::size_t>(d)] = {{540, 780}};
  CHECK(LimitSeconds(rule, calendar) == 2 * 27000);
}

}  // namespace
}  // namespace baton
