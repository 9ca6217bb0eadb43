// Period resolution (SPEC 3) against a pinned as-of, in the report time zone.
#include "baton/period.h"

#include <doctest/doctest.h>

#include "baton/error.h"
#include "test_util.h"

namespace baton {
namespace {

using test::Utc;

TEST_CASE("named periods resolve to half-open local-midnight intervals") {
  Zone ny = FindZone("America/New_York");
  // As-of: Wednesday 2024-03-13 15:00 New York (EDT since March 10).
  Instant as_of = Utc(2024, 3, 13, 19);
  struct Case {
    const char* period;
    Instant since, until;
  };
  const Case cases[] = {
      {"today", Utc(2024, 3, 13, 4), as_of + 1},
      {"yesterday", Utc(2024, 3, 12, 4), Utc(2024, 3, 13, 4)},
      {"this-week", Utc(2024, 3, 11, 4), as_of + 1},
      {"last-week", Utc(2024, 3, 4, 5), Utc(2024, 3, 11, 4)},  // spans the DST change
      {"this-month", Utc(2024, 3, 1, 5), as_of + 1},
      {"last-month", Utc(2024, 2, 1, 5), Utc(2024, 3, 1, 5)},
      {"this-quarter", Utc(2024, 1, 1, 5), as_of + 1},
      {"last-quarter", Utc(2023, 10, 1, 4), Utc(2024, 1, 1, 5)},
      {"2023", Utc(2023, 1, 1, 5), Utc(2024, 1, 1, 5)},
      {"2024-02", Utc(2024, 2, 1, 5), Utc(2024, 3, 1, 5)},
      {"2023-Q4", Utc(2023, 10, 1, 4), Utc(2024, 1, 1, 5)},
      {"2024-W01", Utc(2024, 1, 1, 5), Utc(2024, 1, 8, 5)},
      {"2020-W53", Utc(2020, 12, 28, 5), Utc(2021, 1, 4, 5)},
      {"last-7d", Utc(2024, 3, 7, 5), as_of + 1},
  };
  for (const auto& c : cases) {
    CAPTURE(c.period);
    Period p = ResolvePeriod(c.period, "", "", ny, as_of);
    CHECK(p.since == c.since);
    CHECK(p.until == c.until);
  }
}

TEST_CASE("without a period the report covers all time up to and including as-of") {
  Period p = ResolvePeriod("", "", "", nullptr, Utc(2024, 7, 1));
  CHECK(p.since == kNoTime);
  CHECK(p.Contains(Utc(2024, 7, 1)));
  CHECK_FALSE(p.Contains(Utc(2024, 7, 1, 0, 0, 1)));
  CHECK(p.label == "all time");
}

TEST_CASE("period labels name the last day included and say when as-of cuts them short") {
  Instant as_of = Utc(2024, 6, 15, 12);
  CHECK(ResolvePeriod("2024-Q1", "", "", nullptr, as_of).label ==
        "2024-Q1: 2024-01-01 to 2024-03-31");
  CHECK(ResolvePeriod("this-month", "", "", nullptr, as_of).label ==
        "this-month: 2024-06-01 to 2024-06-30, up to as-of");
  CHECK(ResolvePeriod("", "2024-01-01", "2024-02-01", nullptr, as_of).label ==
        "from 2024-01-01 until 2024-02-01 (exclusive)");
  CHECK_THROWS_AS(ResolvePeriod("last-2147483647d", "", "", nullptr, as_of), Error);
}

TEST_CASE("since and until take dates at local midnight and timestamps") {
  Zone berlin = FindZone("Europe/Berlin");
  Period p = ResolvePeriod("", "2024-01-01", "2024-02-01T00:00:00Z", berlin, Utc(2025, 1, 1));
  CHECK(p.since == Utc(2023, 12, 31, 23));
  CHECK(p.until == Utc(2024, 2, 1));
}

TEST_CASE("bad periods are usage errors") {
  for (const char* bad : {"2024-13", "2024-Q5", "2021-W53", "last-0d", "fortnight", "2024-W"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(ResolvePeriod(bad, "", "", nullptr, Utc(2024, 7, 1)), Error);
  }
  CHECK_THROWS_AS(ResolvePeriod("2024", "2024-01-01", "", nullptr, Utc(2024, 7, 1)), Error);
  CHECK_THROWS_AS(ResolvePeriod("", "2024-03-01", "2024-02-01", nullptr, Utc(2024, 7, 1)), Error);
}

TEST_CASE("time buckets use ISO weeks, months and quarters in the report zone") {
  Zone ny = FindZone("America/New_York");
  Instant t = Utc(2024, 1, 1, 3);  // still Dec 31, 2023 in New York
  CHECK(BucketOf(t, Grain::kDay, ny).label == "2023-12-31");
  CHECK(BucketOf(t, Grain::kWeek, ny).label == "2023-W52");
  CHECK(BucketOf(t, Grain::kMonth, ny).label == "2023-12");
  CHECK(BucketOf(t, Grain::kQuarter, ny).label == "2023-Q4");
  CHECK(BucketOf(t, Grain::kQuarter, ny).start == Utc(2023, 10, 1, 4));
  CHECK(BucketOf(Utc(2024, 12, 30, 12), Grain::kWeek, nullptr).label == "2025-W01");
}

TEST_CASE("the previous period has the same length: whole days across DST, else seconds") {
  Zone ny = FindZone("America/New_York");
  // last-week as of 2024-03-13: Mon 03-04 to Mon 03-11, 167 hours (DST began 03-10).
  Period week = ResolvePeriod("last-week", "", "", ny, Utc(2024, 3, 13, 19));
  auto before = PreviousPeriod(week, ny);
  REQUIRE(before);
  CHECK(before->since == Utc(2024, 2, 26, 5));  // Monday midnight EST, not 01:00
  CHECK(before->until == week.since);
  CHECK(before->label == "2024-02-26 to 2024-03-03");
  // 2024-Q1 is 91 days: the 91 days before it, 2023-10-02 to 2023-12-31.
  Period q1 = ResolvePeriod("2024-Q1", "", "", ny, Utc(2024, 7, 1));
  CHECK(PreviousPeriod(q1, ny)->label == "2023-10-02 to 2023-12-31");
  // A period cut short by as-of (this-week to Wednesday 15:00) goes back as many seconds.
  Period partial = ResolvePeriod("this-week", "", "", ny, Utc(2024, 3, 13, 19));
  auto p = PreviousPeriod(partial, ny);
  CHECK(p->until - p->since == partial.until - partial.since);
  CHECK(!PreviousPeriod(ResolvePeriod("", "", "", ny, Utc(2024, 7, 1)), ny));  // all time
}

}  // namespace
}  // namespace baton
