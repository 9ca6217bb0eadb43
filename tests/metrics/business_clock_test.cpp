// The business clock (SPEC 4.4), worked by hand around weekends, holidays, split
// hours, year ends and DST in two zones, plus property tests over a year.
#include "baton/business_clock.h"

#include <doctest/doctest.h>

#include <cstdint>

#include "test_util.h"

namespace baton {
namespace {

constexpr std::int64_t kHour = 3600;

Instant At(Zone tz, int y, int mo, int d, int h, int mi = 0) {
  return LocalToInstant(y, mo, d, h, mi, 0, tz);
}

std::int64_t Day(const char* text) {
  std::int64_t day = 0;
  REQUIRE(ParseHolidayDate(text, day));
  return day;
}

TEST_CASE("working hours are parsed, sorted and checked") {
  std::vector<WorkingInterval> h;
  REQUIRE(ParseWorkingHours("13:00-17:00, 09:00-12:00", h));
  REQUIRE(h.size() == 2);
  CHECK(h[0].start == 540);
  CHECK(h[0].end == 720);
  CHECK(h[1].start == 780);
  REQUIRE(ParseWorkingHours("00:00-24:00", h));
  CHECK(h[0].end == 1440);
  for (const char* bad : {"", "9:00-17:00", "09:00-08:00", "09:00-12:00,11:00-13:00", "25:00-26:00",
                          "09:60-10:00", "09:00", "24:00-24:00", "09:00-24:30"}) {
    CAPTURE(bad);
    CHECK_FALSE(ParseWorkingHours(bad, h));
  }
  std::int64_t day = 0;
  CHECK(ParseHolidayDate("1970-01-02", day));
  CHECK(day == 1);
  CHECK_FALSE(ParseHolidayDate("2024-02-30", day));
  CHECK_FALSE(ParseHolidayDate("2024/12/25", day));
}

TEST_CASE("a weekend and a start outside hours count no working time") {
  Zone ny = FindZone("America/New_York");
  Calendar c = Calendar::Standard(ny);
  // Friday 2024-03-01 16:00 → Monday 03-04 10:00: 1 h on Friday + 1 h on Monday.
  CHECK(BusinessSeconds(c, At(ny, 2024, 3, 1, 16), At(ny, 2024, 3, 4, 10)) == 2 * kHour);
  // Saturday noon → Monday 09:30: the clock starts on Monday at 09:00.
  CHECK(BusinessSeconds(c, At(ny, 2024, 3, 2, 12), At(ny, 2024, 3, 4, 9, 30)) == kHour / 2);
  CHECK(NextWorking(c, At(ny, 2024, 3, 2, 12)) == At(ny, 2024, 3, 4, 9));
  CHECK(NextWorking(c, At(ny, 2024, 3, 4, 10)) == At(ny, 2024, 3, 4, 10));
  // 4 working hours from Friday 15:00 land on Monday 11:00.
  CHECK(AddBusiness(c, At(ny, 2024, 3, 1, 15), 4 * kHour) == At(ny, 2024, 3, 4, 11));
  // Exactly to the end of Friday: the due time is the next working second, Monday 09:00.
  CHECK(AddBusiness(c, At(ny, 2024, 3, 1, 15), 2 * kHour) == At(ny, 2024, 3, 4, 9));
  CHECK(BusinessSeconds(c, At(ny, 2024, 3, 4, 10), At(ny, 2024, 3, 1, 16)) == -2 * kHour);
}

TEST_CASE("holidays and the year end are skipped") {
  Zone ny = FindZone("America/New_York");
  Calendar c = Calendar::Standard(ny);
  c.holidays = {Day("2024-12-25"), Day("2025-01-01")};
  // Tuesday 12-24 16:00 → Thursday 12-26 10:00, Christmas off: 2 h.
  CHECK(BusinessSeconds(c, At(ny, 2024, 12, 24, 16), At(ny, 2024, 12, 26, 10)) == 2 * kHour);
  // Tuesday 12-31 16:00 → Thursday 2025-01-02 10:00, New Year's Day off: 2 h.
  CHECK(BusinessSeconds(c, At(ny, 2024, 12, 31, 16), At(ny, 2025, 1, 2, 10)) == 2 * kHour);
  CHECK(AddBusiness(c, At(ny, 2024, 12, 31, 16), 3 * kHour) == At(ny, 2025, 1, 2, 11));
}

TEST_CASE("split hours leave the lunch break out") {
  Zone berlin = FindZone("Europe/Berlin");
  Calendar c;
  c.tz = berlin;
  std::vector<WorkingInterval> h;
  REQUIRE(ParseWorkingHours("09:00-12:00,13:00-17:00", h));
  for (int d = 0; d < 5; ++d) c.hours[d] = h;
  CHECK(BusinessSeconds(c, At(berlin, 2024, 6, 3, 11, 30), At(berlin, 2024, 6, 3, 13, 30)) ==
        kHour);
  CHECK(NextWorking(c, At(berlin, 2024, 6, 3, 12, 15)) == At(berlin, 2024, 6, 3, 13));
  CHECK(AddBusiness(c, At(berlin, 2024, 6, 3, 11), kHour) == At(berlin, 2024, 6, 3, 13));
  CHECK(AddBusiness(c, At(berlin, 2024, 6, 3, 11), 90 * 60) == At(berlin, 2024, 6, 3, 13, 30));
  // A full day is 7 working hours.
  CHECK(BusinessSeconds(c, At(berlin, 2024, 6, 3, 0), At(berlin, 2024, 6, 4, 0)) == 7 * kHour);
}

TEST_CASE("working hours are wall-clock hours across DST in Berlin and New York") {
  Zone berlin = FindZone("Europe/Berlin");
  Calendar c = Calendar::Standard(berlin);
  // Friday 2024-03-29 16:00 CET → Monday 04-01 10:00 CEST (clocks went forward on
  // Sunday 03-31): 2 working hours, though 65 real hours passed.
  CHECK(BusinessSeconds(c, At(berlin, 2024, 3, 29, 16), At(berlin, 2024, 4, 1, 10)) == 2 * kHour);
  CHECK(At(berlin, 2024, 4, 1, 10) - At(berlin, 2024, 3, 29, 16) == 65 * kHour);
  // A round-the-clock calendar counts the short and the long days as they are.
  Calendar always;
  always.tz = berlin;
  for (auto& d : always.hours) d = {WorkingInterval{0, 1440}};
  CHECK(BusinessSeconds(always, At(berlin, 2024, 3, 31, 0), At(berlin, 2024, 4, 1, 0)) ==
        23 * kHour);
  CHECK(BusinessSeconds(always, At(berlin, 2024, 10, 27, 0), At(berlin, 2024, 10, 28, 0)) ==
        25 * kHour);
  Zone ny = FindZone("America/New_York");
  always.tz = ny;
  CHECK(BusinessSeconds(always, At(ny, 2024, 3, 10, 0), At(ny, 2024, 3, 11, 0)) == 23 * kHour);
  CHECK(BusinessSeconds(always, At(ny, 2024, 11, 3, 0), At(ny, 2024, 11, 4, 0)) == 25 * kHour);
  // New York, fall back: Friday 11-01 16:00 EDT → Monday 11-04 10:00 EST = 2 h.
  Calendar c_ny = Calendar::Standard(ny);
  CHECK(BusinessSeconds(c_ny, At(ny, 2024, 11, 1, 16), At(ny, 2024, 11, 4, 10)) == 2 * kHour);
  CHECK(AddBusiness(c_ny, At(ny, 2024, 11, 1, 16), 2 * kHour) == At(ny, 2024, 11, 4, 10));
}

TEST_CASE("a calendar with no working time has no next working moment") {
  Calendar none;
  CHECK(NextWorking(none, 0) == kNoTime);
  CHECK(AddBusiness(none, 0, 60) == kNoTime);
  CHECK(BusinessSeconds(none, 0, 86400 * 30) == 0);
}

// Deterministic pseudo-random instants over 2024 (a fixed linear congruential
// generator), so failures reproduce.
struct Lcg {
  std::uint64_t state;
  Instant Next(Instant lo, Instant hi) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return lo + static_cast<Instant>((state >> 11) % static_cast<std::uint64_t>(hi - lo));
  }
};

TEST_CASE("business time is additive and AddBusiness inverts it, over a year in two zones") {
  for (const char* zone : {"Europe/Berlin", "America/New_York"}) {
    CAPTURE(zone);
    Zone tz = FindZone(zone);
    Calendar c;
    c.tz = tz;
    std::vector<WorkingInterval> h;
    REQUIRE(ParseWorkingHours("08:30-12:00,13:00-17:30", h));
    for (int d = 0; d < 5; ++d) c.hours[d] = h;
    c.hours[5] = {WorkingInterval{600, 780}};  // Saturday 10:00–13:00
    c.holidays = {Day("2024-01-01"), Day("2024-03-29"), Day("2024-12-25"), Day("2024-12-26")};
    Lcg rng{42};
    const Instant lo = At(tz, 2024, 1, 1, 0), hi = At(tz, 2025, 1, 1, 0);
    for (int i = 0; i < 400; ++i) {
      Instant a = rng.Next(lo, hi), b = rng.Next(lo, hi), x = rng.Next(lo, hi);
      if (a > b) std::swap(a, b);
      Instant m = std::min(b, std::max(a, x));
      CAPTURE(a);
      CAPTURE(m);
      CAPTURE(b);
      CHECK(BusinessSeconds(c, a, b) == BusinessSeconds(c, a, m) + BusinessSeconds(c, m, b));
      CHECK(AddBusiness(c, a, BusinessSeconds(c, a, b)) == NextWorking(c, b));
      Instant n = NextWorking(c, a);
      CHECK(n >= a);
      CHECK(BusinessSeconds(c, a, n) == 0);
    }
  }
}

TEST_CASE("BusinessClock's summed days agree with the day walk, inside and outside its table") {
  for (const char* zone : {"Europe/Berlin", "America/New_York"}) {
    CAPTURE(zone);
    Zone tz = FindZone(zone);
    Calendar c = Calendar::Standard(tz);
    c.holidays = {Day("2024-03-29"), Day("2024-05-27"), Day("2024-12-25")};
    // The table covers 2024 only; spans reach into 2023 and 2025 too.
    BusinessClock clock(c, LocalDay(At(tz, 2024, 1, 1, 12), tz),
                        LocalDay(At(tz, 2024, 12, 31, 12), tz));
    Lcg rng{7};
    const Instant lo = At(tz, 2023, 11, 1, 0), hi = At(tz, 2025, 2, 1, 0);
    for (int i = 0; i < 400; ++i) {
      Instant a = rng.Next(lo, hi), b = rng.Next(lo, hi);
      CAPTURE(a);
      CAPTURE(b);
      CHECK(clock.Seconds(a, b) == BusinessSeconds(c, a, b));
    }
    // By hand: Monday 2024-03-04 09:00 to Monday 2024-04-01 09:00 in New York or
    // Berlin is 4 weeks of 5 × 8 h, less Good Friday (03-29): 19 days × 8 h.
    CHECK(clock.Seconds(At(tz, 2024, 3, 4, 9), At(tz, 2024, 4, 1, 9)) == 19 * 8 * kHour);
  }
}

}  // namespace
}  // namespace baton
