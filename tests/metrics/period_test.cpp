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

TEST_CASE("a bucket ends where the next begins, across a change of the clocks") {
  // October in London and Q4 in New York are an hour longer than their days:
  // the next bucket starts at the next local midnight, not 31 or 92 days on.
  Zone london = FindZone("Europe/London"), ny = FindZone("America/New_York");
  CHECK(BucketEnd(Utc(2024, 9, 30, 23), Grain::kMonth, london) == Utc(2024, 11, 1));
  CHECK(BucketEnd(Utc(2024, 10, 1, 4), Grain::kQuarter, ny) == Utc(2025, 1, 1, 5));
  CHECK(BucketEnd(Utc(2024, 3, 10, 5), Grain::kDay, ny) == Utc(2024, 3, 11, 4));  // 23 hours
  CHECK(BucketEnd(Utc(2024, 10, 28), Grain::kWeek, nullptr) == Utc(2024, 11, 4));
  CHECK(BucketEnd(Utc(2024, 12, 1), Grain::kMonth, nullptr) == Utc(2025, 1, 1));
}

TEST_CASE("a calendar period is compared with the previous one of its unit") {
  Zone ny = FindZone("America/New_York");
  // last-week as of 2024-03-13: Mon 03-04 to Mon 03-11, 167 hours (DST began 03-10).
  Period week = ResolvePeriod("last-week", "", "", ny, Utc(2024, 3, 13, 19));
  auto before = PreviousPeriod(week, ny);
  REQUIRE(before);
  CHECK(before->since == Utc(2024, 2, 26, 5));  // Monday midnight EST, not 01:00
  CHECK(before->until == week.since);
  CHECK(before->label == "2024-W09: 2024-02-26 to 2024-03-03");
  CHECK(PreviousWhat(week) == "the previous week");
  // A month with the month before, whatever their lengths: March (31 days) with
  // February (29), not with the 31 days before March.
  Period march = ResolvePeriod("2024-03", "", "", ny, Utc(2024, 7, 1));
  before = PreviousPeriod(march, ny);
  CHECK(before->since == Utc(2024, 2, 1, 5));
  CHECK(before->until == march.since);
  CHECK(before->label == "2024-02: 2024-02-01 to 2024-02-29");
  CHECK(PreviousWhat(march) == "the previous month");
  // A quarter with the quarter before; a year with the year before; a day with the day before.
  Period q1 = ResolvePeriod("2024-Q1", "", "", ny, Utc(2024, 7, 1));
  CHECK(PreviousPeriod(q1, ny)->label == "2023-Q4: 2023-10-01 to 2023-12-31");
  CHECK(PreviousPeriod(ResolvePeriod("2024", "", "", ny, Utc(2025, 7, 1)), ny)->label ==
        "2023: 2023-01-01 to 2023-12-31");
  CHECK(PreviousPeriod(ResolvePeriod("yesterday", "", "", ny, Utc(2024, 3, 1, 12)), ny)->label ==
        "2024-02-28");
  // Week 1 of 2021 with the last ISO week of 2020 (week 53).
  CHECK(PreviousPeriod(ResolvePeriod("2021-W01", "", "", ny, Utc(2021, 7, 1)), ny)->label ==
        "2020-W53: 2020-12-28 to 2021-01-03");
  // A unit cut short by as-of (this-month to the 13th, 15:00 EDT) is compared with
  // as much of the previous unit: February 1st to 13th, 15:00 EST.
  Period partial = ResolvePeriod("this-month", "", "", ny, Utc(2024, 3, 13, 19));
  auto p = PreviousPeriod(partial, ny);
  CHECK(p->since == Utc(2024, 2, 1, 5));
  CHECK(p->until == Utc(2024, 2, 13, 20) + 1);
  CHECK(p->label == "2024-02, its first 13 days: 2024-02-01 to 2024-02-13");
  CHECK(PreviousWhat(partial) == "the same days of the previous month");
  // By the calendar, at the same time of day: 2024 (a leap year) to June 15th
  // 14:00 against 2023 to June 15th 14:00, not to June 16th; Q2 to June 15th
  // 14:00 EDT against Q1 to March 15th 14:00 EDT (not 15:00: DST began between).
  Period to_june = ResolvePeriod("2024", "", "", ny, Utc(2024, 6, 15, 18));
  CHECK(PreviousPeriod(to_june, ny)->until == Utc(2023, 6, 15, 18) + 1);
  CHECK(PreviousPeriod(to_june, ny)->label == "2023, its first 166 days: 2023-01-01 to 2023-06-15");
  Period q2 = ResolvePeriod("this-quarter", "", "", ny, Utc(2024, 6, 15, 18));
  CHECK(PreviousPeriod(q2, ny)->until == Utc(2024, 3, 15, 18) + 1);
  // A free range is as long as it says: never "the same days of".
  Period last30 = ResolvePeriod("last-30d", "", "", ny, Utc(2024, 6, 15, 18));
  CHECK(PreviousWhat(last30) == "the previous period of the same length");
  CHECK(PeriodName(last30, ny) == "2024-05-17 to 2024-06-15");
  // Today so far against yesterday up to the same time.
  Period today = ResolvePeriod("today", "", "", ny, Utc(2024, 6, 15, 18));
  CHECK(PeriodName(today, ny) == "2024-06-15 so far");
  CHECK(PreviousPeriod(today, ny)->label == "2024-06-14, up to the same time");
  CHECK(PreviousPeriod(today, ny)->until == Utc(2024, 6, 14, 18) + 1);
  CHECK(PreviousWhat(today) == "the previous day up to the same time");
  // A month cut short never runs past the end of the shorter month before: March
  // 31st 12:00 against February 29th 12:00, and March to 23:59 not past March 1st.
  Period long_month = ResolvePeriod("this-month", "", "", nullptr, Utc(2024, 3, 31, 12));
  CHECK(PreviousPeriod(long_month, nullptr)->until == Utc(2024, 2, 29, 12) + 1);
  Period late_march = ResolvePeriod("2024-03", "", "", nullptr, Utc(2024, 3, 31, 23, 59));
  CHECK(PreviousPeriod(late_march, nullptr)->until <= Utc(2024, 3, 1));
  CHECK(!PreviousPeriod(ResolvePeriod("", "", "", ny, Utc(2024, 7, 1)), ny));  // all time
}

TEST_CASE("a free range is compared with the same length before it") {
  Zone ny = FindZone("America/New_York");
  // --since 2024-03-07 --until 2024-03-14: 7 days across the DST change; the 7
  // whole days before, midnight to midnight.
  Period range = ResolvePeriod("", "2024-03-07", "2024-03-14", ny, Utc(2024, 7, 1));
  auto before = PreviousPeriod(range, ny);
  CHECK(before->since == Utc(2024, 2, 29, 5));
  CHECK(before->label == "2024-02-29 to 2024-03-06");
  CHECK(PreviousWhat(range) == "the previous period of the same length");
  CHECK(PreviousWhat(ResolvePeriod("last-7d", "", "", ny, Utc(2024, 3, 13, 19))) ==
        "the previous period of the same length");
  // --since/--until with times go back as many seconds.
  Period timed =
      ResolvePeriod("", "2024-03-01T09:00:00Z", "2024-03-02T09:00:00Z", ny, Utc(2024, 7, 1));
  CHECK(PreviousPeriod(timed, ny)->since == Utc(2024, 2, 29, 9));
}

}  // namespace
}  // namespace baton
