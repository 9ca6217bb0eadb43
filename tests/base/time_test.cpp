// Unit tests for include/baton/time.h: zone lookup, local time ↔ instant across
// DST gaps and overlaps, calendar validity, civil fields and the text formats.
// Expected instants were cross-checked against Python's zoneinfo; they must hold
// whatever TZ the test binary runs under (the CI runs it under Europe/Kyiv too).
#include "baton/time.h"

#include <doctest/doctest.h>

#include <string>

#include "baton/error.h"
#include "test_util.h"

namespace baton {
namespace {

TEST_CASE("the UTC names need no zone database and every other name is looked up in it") {
  CHECK(FindZone("UTC") == nullptr);
  CHECK(FindZone("Etc/UTC") == nullptr);
  CHECK(FindZone("Z") == nullptr);
  for (const char* name : {"Europe/Berlin", "America/New_York", "Asia/Kolkata", "Europe/Kyiv"}) {
    CAPTURE(name);
    const Zone zone = FindZone(name);
    REQUIRE(zone != nullptr);
    CHECK(ZoneName(zone) == name);
  }
  CHECK(ZoneName(nullptr) == "UTC");
}

TEST_CASE("an unknown zone name is a usage error that names the zone and says how to fix it") {
  for (const char* name : {"Mars/Olympus_Mons", "Europe/Berlín", "", "CET+1"}) {
    CAPTURE(name);
    try {
      FindZone(name);
      FAIL("no error thrown");
    } catch (const Error& e) {
      CHECK(e.code() == ExitCode::kUsage);
      CHECK(e.message() == "unknown time zone \"" + std::string(name) + "\"");
      CHECK(e.hint() == "use an IANA name such as Europe/Berlin; see /usr/share/zoneinfo");
    }
  }
}

TEST_CASE("local time is the earlier instant in an overlap and the end of the gap in a gap") {
  struct Case {
    const char* zone;
    int year, month, day, hour, minute, second;
    Instant expected;
    const char* why;
  };
  const Case cases[] = {
      {"UTC", 1970, 1, 1, 0, 0, 0, 0, "the epoch"},
      {"UTC", 2024, 3, 5, 14, 3, 22, 1709647402, "a plain UTC time"},
      {"UTC", 1969, 12, 31, 23, 59, 59, -1, "before the epoch"},
      {"UTC", 2000, 2, 29, 0, 0, 0, 951782400, "a leap day"},
      {"America/New_York", 2024, 3, 5, 14, 3, 0, 1709665380, "EST, UTC-5"},
      {"America/New_York", 2024, 7, 5, 14, 3, 0, 1720202580, "EDT, UTC-4"},
      {"America/New_York", 2024, 3, 10, 2, 30, 0, 1710054000, "New York gap → 03:00 EDT"},
      {"America/New_York", 2024, 11, 3, 1, 30, 0, 1730611800, "New York overlap → EDT"},
      {"Europe/Berlin", 2024, 3, 31, 2, 30, 0, 1711846800, "Berlin gap → 01:00Z"},
      {"Europe/Berlin", 2024, 3, 31, 3, 0, 0, 1711846800, "the first minute after the gap"},
      {"Europe/Berlin", 2024, 3, 31, 1, 59, 59, 1711846799, "the last second before the gap"},
      {"Europe/Berlin", 2024, 10, 27, 2, 30, 0, 1729989000, "Berlin overlap → 00:30Z"},
      {"Europe/Berlin", 2024, 10, 27, 3, 30, 0, 1729996200, "after the overlap, CET"},
      {"Asia/Kolkata", 2024, 3, 5, 14, 3, 0, 1709627580, "a half-hour offset"},
      {"America/Santiago", 2024, 9, 8, 0, 0, 0, 1725768000, "midnight inside a gap"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.why);
    const Zone zone = FindZone(c.zone);
    CHECK(LocalToInstant(c.year, c.month, c.day, c.hour, c.minute, c.second, zone) == c.expected);
  }
}

TEST_CASE("the UTC offset follows daylight saving time in the zone") {
  struct Case {
    const char* zone;
    Instant t;
    std::int64_t offset;
  };
  const Case cases[] = {
      {"UTC", 1709647402, 0},
      {"Europe/Berlin", 1709647402, 3600},
      {"Europe/Berlin", 1711846799, 3600},  // the last second of CET in March
      {"Europe/Berlin", 1711846800, 7200},  // the first second of CEST
      {"America/New_York", 1709647402, -18000},
      {"America/New_York", 1720202580, -14400},
      {"Asia/Kolkata", 1709647402, 19800},
  };
  for (const Case& c : cases) {
    CAPTURE(c.zone);
    CAPTURE(c.t);
    CHECK(UtcOffset(c.t, FindZone(c.zone)) == c.offset);
  }
}

TEST_CASE("only real calendar days are valid dates, leap days included") {
  struct Case {
    int year, month, day;
    bool valid;
  };
  const Case cases[] = {
      {2024, 2, 29, true},  {2023, 2, 29, false}, {2000, 2, 29, true},  {1900, 2, 29, false},
      {2024, 2, 30, false}, {2024, 1, 31, true},  {2024, 4, 31, false}, {2024, 12, 31, true},
      {2024, 13, 1, false}, {2024, 0, 1, false},  {2024, 1, 0, false},  {2024, 1, 32, false},
      {2024, -1, 1, false}, {2024, 6, 30, true},  {2024, 9, 31, false}, {2023, 2, 28, true},
  };
  for (const Case& c : cases) {
    CAPTURE(c.year);
    CAPTURE(c.month);
    CAPTURE(c.day);
    CHECK(IsValidDate(c.year, c.month, c.day) == c.valid);
  }
}

TEST_CASE("an instant splits into the civil fields and ISO weekday of its zone") {
  struct Case {
    const char* zone;
    Instant t;
    CivilTime expected;
  };
  const Case cases[] = {
      {"UTC", 0, {1970, 1, 1, 0, 0, 0, 4}},
      {"UTC", -1, {1969, 12, 31, 23, 59, 59, 3}},
      {"UTC", 1709647402, {2024, 3, 5, 14, 3, 22, 2}},
      {"Europe/Berlin", 1709647402, {2024, 3, 5, 15, 3, 22, 2}},
      {"America/New_York", 1709647402, {2024, 3, 5, 9, 3, 22, 2}},
      {"Asia/Kolkata", 1709647402, {2024, 3, 5, 19, 33, 22, 2}},
      {"Europe/Berlin", 1711846800, {2024, 3, 31, 3, 0, 0, 7}},      // Sunday = 7
      {"America/New_York", 1711846800, {2024, 3, 30, 21, 0, 0, 6}},  // the day before in NY
  };
  for (const Case& c : cases) {
    CAPTURE(c.zone);
    CAPTURE(c.t);
    const CivilTime got = ToCivil(c.t, FindZone(c.zone));
    CHECK(got.year == c.expected.year);
    CHECK(got.month == c.expected.month);
    CHECK(got.day == c.expected.day);
    CHECK(got.hour == c.expected.hour);
    CHECK(got.minute == c.expected.minute);
    CHECK(got.second == c.expected.second);
    CHECK(got.weekday == c.expected.weekday);
  }
}

TEST_CASE("instants format as ISO 8601 UTC, local dates and local minutes") {
  struct Case {
    const char* zone;
    Instant t;
    const char* utc;
    const char* date;
    const char* minute;
  };
  const Case cases[] = {
      {"UTC", 0, "1970-01-01T00:00:00Z", "1970-01-01", "1970-01-01 00:00"},
      {"UTC", -1, "1969-12-31T23:59:59Z", "1969-12-31", "1969-12-31 23:59"},
      {"UTC", -62135596800, "0001-01-01T00:00:00Z", "0001-01-01", "0001-01-01 00:00"},
      {"UTC", 253402300799, "9999-12-31T23:59:59Z", "9999-12-31", "9999-12-31 23:59"},
      {"UTC", 1709647402, "2024-03-05T14:03:22Z", "2024-03-05", "2024-03-05 14:03"},
      {"America/New_York", 1709614799, "2024-03-05T04:59:59Z", "2024-03-04", "2024-03-04 23:59"},
      {"America/New_York", 1709614800, "2024-03-05T05:00:00Z", "2024-03-05", "2024-03-05 00:00"},
      {"Europe/Berlin", 1711846800, "2024-03-31T01:00:00Z", "2024-03-31", "2024-03-31 03:00"},
      {"Europe/Berlin", 1729989000, "2024-10-27T00:30:00Z", "2024-10-27", "2024-10-27 02:30"},
      {"Europe/Berlin", 1729992600, "2024-10-27T01:30:00Z", "2024-10-27", "2024-10-27 02:30"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.zone);
    CAPTURE(c.t);
    const Zone zone = FindZone(c.zone);
    CHECK(FormatUtc(c.t) == c.utc);
    CHECK(FormatLocalDate(c.t, zone) == c.date);
    CHECK(FormatLocalMinute(c.t, zone) == c.minute);
  }
}

TEST_CASE("a missing time formats as an empty cell") {
  CHECK(FormatUtc(kNoTime).empty());
  CHECK(FormatLocalDate(kNoTime, FindZone("Europe/Berlin")).empty());
  CHECK(FormatLocalMinute(kNoTime, nullptr).empty());
}

TEST_CASE("every quarter hour of 2024 survives civil fields and back, but overlaps read earlier") {
  for (const char* name : {"UTC", "Europe/Berlin", "America/New_York", "America/Santiago"}) {
    CAPTURE(name);
    const Zone zone = FindZone(name);
    int mismatches = 0;
    int overlaps = 0;
    for (Instant t = 1704067200; t < 1735689600; t += 900) {  // all of 2024
      const CivilTime c = ToCivil(t, zone);
      const Instant back = LocalToInstant(c.year, c.month, c.day, c.hour, c.minute, c.second, zone);
      // In an overlap the later instant reads back as the earlier one, an hour before.
      const bool overlap = back == t - 3600 && ToCivil(back, zone).hour == c.hour;
      overlaps += overlap ? 1 : 0;
      mismatches += back == t || overlap ? 0 : 1;
    }
    CHECK(mismatches == 0);
    CHECK(overlaps == (zone == nullptr ? 0 : 4));  // one repeated hour a year, four quarters
  }
}

TEST_CASE("civil days: counted from 1970-01-01, local to a zone, with DST-proof starts and ends") {
  using test::Utc;
  CHECK(CivilDay(1970, 1, 1) == 0);
  CHECK(CivilDay(1969, 12, 31) == -1);
  CHECK(CivilDay(2024, 3, 1) - CivilDay(2024, 2, 28) == 2);  // a leap day between
  const Zone ny = FindZone("America/New_York");
  // 2024-03-11 02:30Z is still 2024-03-10 in New York (22:30 EDT).
  CHECK(LocalDay(Utc(2024, 3, 11, 2, 30), ny) == CivilDay(2024, 3, 10));
  CHECK(LocalDay(Utc(2024, 3, 11, 2, 30), nullptr) == CivilDay(2024, 3, 11));
  // The spring-forward day is 23 hours long; its last second is 23:59:59 EDT.
  const std::int64_t spring = CivilDay(2024, 3, 10);
  CHECK(DayStart(spring, ny) == Utc(2024, 3, 10, 5));
  CHECK(DayStart(spring + 1, ny) - DayStart(spring, ny) == 23 * 3600);
  CHECK(DayEnd(Utc(2024, 3, 10, 12), ny) == Utc(2024, 3, 11, 3, 59, 59));
  // Sao Paulo started DST at midnight on 2018-11-04: that day begins at 01:00 local.
  const Zone sp = FindZone("America/Sao_Paulo");
  CHECK(DayStart(CivilDay(2018, 11, 4), sp) == Utc(2018, 11, 4, 3));
  CHECK(DayEnd(Utc(2018, 11, 3, 12), sp) == Utc(2018, 11, 4, 2, 59, 59));
}

}  // namespace
}  // namespace baton
