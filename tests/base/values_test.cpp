// Unit tests for include/baton/values.h, one table per parser: every format named
// in the header and in SPEC 1.3, the quirks of export-formats.md (ICU comma,
// 12-hour clock, DST, European decimals, 15-character Salesforce ids), and the
// values that must be rejected rather than guessed. Expected timestamps are
// written as UTC text and compared through FormatUtc, which time_test.cpp pins.
#include "baton/values.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>

namespace baton {
namespace {

constexpr DateOrder kMdy = DateOrder::kMdy;
constexpr DateOrder kDmy = DateOrder::kDmy;

ValueContext Context(const char* zone, DateOrder order = kMdy, char decimal = '.') {
  return ValueContext{FindZone(zone), order, decimal};
}

TEST_CASE("empty cells, null in any usual spelling and Google's -- are missing values") {
  const std::pair<const char*, bool> cases[] = {
      {"", true},     {"  ", true},     {"\t", true},   {"null", true},  {"NULL", true},
      {"Null", true}, {" null ", true}, {"--", true},   {"nUlL", false}, {"0", false},
      {"-", false},   {"---", false},   {"n/a", false}, {"none", false}, {"x", false},
  };
  for (const auto& c : cases) {
    const auto& [text, missing] = c;
    CAPTURE(c.first);
    CHECK(IsMissing(text) == missing);
  }
}

TEST_CASE("texts compare in any ASCII letter case, and only whole") {
  CHECK(EqualsIgnoringCase("Call", "CALL"));
  CHECK(EqualsIgnoringCase("e-mail 2", "E-Mail 2"));
  CHECK(EqualsIgnoringCase("", ""));
  CHECK_FALSE(EqualsIgnoringCase("Call", "Calls"));
  CHECK_FALSE(EqualsIgnoringCase("Call", "Cell"));
  CHECK_FALSE(EqualsIgnoringCase("\xC3\x89", "\xC3\xA9"));  // É and é: not ASCII letters
}

TEST_CASE("trimming removes spaces and tabs at both ends only") {
  const std::pair<const char*, const char*> cases[] = {
      {"", ""},           {"   ", ""},       {"a", "a"},         {" a ", "a"},
      {"\ta b\t", "a b"}, {" \t x\t ", "x"}, {"\na\n", "\na\n"}, {"a  b", "a  b"},
  };
  for (const auto& c : cases) {
    const auto& [text, trimmed] = c;
    CAPTURE(c.first);
    CHECK(Trim(text) == trimmed);
  }
}

struct TimestampCase {
  const char* text;
  const char* zone;
  DateOrder order;
  const char* utc;  // nullptr: rejected
  const char* why;
};

void CheckTimestamps(const TimestampCase* begin, const TimestampCase* end) {
  for (const TimestampCase* c = begin; c != end; ++c) {
    CAPTURE(c->text);
    CAPTURE(c->zone);
    CAPTURE(c->why);
    const std::optional<Instant> got = ParseTimestamp(c->text, Context(c->zone, c->order));
    if (c->utc == nullptr) {
      CHECK_FALSE(got.has_value());
    } else {
      REQUIRE(got.has_value());
      CHECK(FormatUtc(*got) == c->utc);
    }
  }
}

TEST_CASE("ISO 8601 timestamps read with their offset, or in the file's zone without one") {
  const TimestampCase cases[] = {
      {"2024-03-05T14:03:22.000Z", "UTC", kMdy, "2024-03-05T14:03:22Z", "Data Loader"},
      {"2024-03-05T14:03:22Z", "UTC", kMdy, "2024-03-05T14:03:22Z", "no millis"},
      {"2024-03-05T14:03:22.999Z", "UTC", kMdy, "2024-03-05T14:03:22Z", "millis truncated"},
      {"2024-03-05T14:03:22.123456789Z", "UTC", kMdy, "2024-03-05T14:03:22Z", "nanos"},
      {"2024-03-05T14:03:22+0000", "UTC", kMdy, "2024-03-05T14:03:22Z", "+0000"},
      {"2024-03-05T14:03:22.000+0000", "UTC", kMdy, "2024-03-05T14:03:22Z", "millis, +0000"},
      {"2024-03-05T14:03:22+01:00", "UTC", kMdy, "2024-03-05T13:03:22Z", "+01:00"},
      {"2024-03-05T14:03:22-05:00", "UTC", kMdy, "2024-03-05T19:03:22Z", "-05:00"},
      {"2024-03-05T14:03:22.000-0500", "UTC", kMdy, "2024-03-05T19:03:22Z", "-0500"},
      {"2024-03-05T14:03:22+05:30", "UTC", kMdy, "2024-03-05T08:33:22Z", "+05:30"},
      {"2024-03-05T14:03:22+01", "UTC", kMdy, "2024-03-05T13:03:22Z", "+HH"},
      {"2024-03-05T00:30:00+01:00", "UTC", kMdy, "2024-03-04T23:30:00Z", "day before in UTC"},
      {"2024-03-05T14:03:22Z", "America/New_York", kMdy, "2024-03-05T14:03:22Z", "Z wins"},
      {"2024-03-05T14:03:22+01:00", "Asia/Kolkata", kMdy, "2024-03-05T13:03:22Z", "offset wins"},
      {"2024-03-05 14:03:22", "UTC", kMdy, "2024-03-05T14:03:22Z", "space, no offset"},
      {"2024-03-05T14:03:22", "UTC", kMdy, "2024-03-05T14:03:22Z", "T, no offset"},
      {"2024-03-05 14:03:22", "America/New_York", kMdy, "2024-03-05T19:03:22Z", "local EST"},
      {"2024-03-05 14:03", "America/New_York", kMdy, "2024-03-05T19:03:00Z", "HubSpot, EST"},
      {"2024-07-05 14:03", "America/New_York", kMdy, "2024-07-05T18:03:00Z", "HubSpot, EDT"},
      {"2024-03-05", "UTC", kMdy, "2024-03-05T00:00:00Z", "date only: midnight"},
      {"2024-03-05", "America/New_York", kMdy, "2024-03-05T05:00:00Z", "midnight in NY"},
      {"2024-03-05", "Europe/Berlin", kDmy, "2024-03-04T23:00:00Z", "ISO ignores date order"},
      {"2024-03-31 02:30", "Europe/Berlin", kMdy, "2024-03-31T01:00:00Z", "gap → 03:00 local"},
      {"2024-03-31 03:00", "Europe/Berlin", kMdy, "2024-03-31T01:00:00Z", "gap end"},
      {"2024-10-27 02:30", "Europe/Berlin", kMdy, "2024-10-27T00:30:00Z", "overlap → earlier"},
      {"2024-10-27 03:30", "Europe/Berlin", kMdy, "2024-10-27T02:30:00Z", "after the overlap"},
      {"2024-09-08", "America/Santiago", kMdy, "2024-09-08T04:00:00Z", "no midnight that day"},
      {"2024-02-29", "UTC", kMdy, "2024-02-29T00:00:00Z", "leap day"},
      {"2024-02-29T23:59:59Z", "UTC", kMdy, "2024-02-29T23:59:59Z", "end of a leap day"},
      {"  2024-03-05T14:03:22Z\t", "UTC", kMdy, "2024-03-05T14:03:22Z", "trimmed"},
      {"2024-03-05 9:03", "UTC", kMdy, "2024-03-05T09:03:00Z", "one-digit hour"},
      {"2024-03-05t14:03:22z", "UTC", kMdy, "2024-03-05T14:03:22Z", "lower-case t and z"},
  };
  CheckTimestamps(std::begin(cases), std::end(cases));
}

TEST_CASE("the fixed-place ISO reader agrees with the calendar on random timestamps") {
  // ISO timestamps with an offset (or in UTC) are read at fixed places; the
  // instant must be the date library's for every valid date, and an impossible
  // field must be rejected as the general reader rejects it.
  std::mt19937_64 random(20261207);
  auto pick = [&](int low, int high) {
    return static_cast<int>(random() % static_cast<std::uint64_t>(high - low + 1)) + low;
  };
  const ValueContext utc = Context("UTC");
  for (int n = 0; n < 20000; ++n) {
    const int year = pick(1900, 2999), month = pick(1, 12), day = pick(1, 31);
    const int hour = pick(0, 23), minute = pick(0, 59), second = pick(0, 59);
    const int offset_minutes = pick(-23 * 60, 23 * 60);
    const int form = pick(0, 6);
    const char sign = offset_minutes < 0 ? '-' : '+';
    const int h = std::abs(offset_minutes) / 60, m = std::abs(offset_minutes) % 60;
    char text[64];
    switch (form) {
      case 0:
        std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
        break;
      case 1:
        std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, hour,
                      minute, second);
        break;
      case 2:
        std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03d%c%02d%02d", year,
                      month, day, hour, minute, second, pick(0, 999), sign, h, m);
        break;
      case 3:
        std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", year, month,
                      day, hour, minute, second, sign, h, m);
        break;
      case 4:
        std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour,
                      minute, second);
        break;
      case 5:  // HubSpot's export: a space, no seconds
        std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d", year, month, day, hour,
                      minute);
        break;
      default:
        std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02d", year, month, day, hour,
                      minute, second);
        break;
    }
    const std::optional<Instant> got = ParseTimestamp(text, utc);
    if (!IsValidDate(year, month, day)) {
      CHECK_MESSAGE(!got.has_value(), text);
      continue;
    }
    const bool timed = form != 0;
    const Instant local = LocalToInstant(year, month, day, timed ? hour : 0, timed ? minute : 0,
                                         timed && form != 5 ? second : 0, nullptr);
    const Instant offset = form == 2 || form == 3 ? std::int64_t{offset_minutes} * 60 : 0;
    REQUIRE_MESSAGE(got.has_value(), text);
    CHECK_MESSAGE(*got == local - offset, text);
  }
  for (const char* bad :
       {"2024-13-05T10:00:00Z", "2024-00-05T10:00:00Z", "2023-02-29T10:00:00Z",
        "2024-04-31T10:00:00Z", "2024-03-05T24:00:00Z", "2024-03-05T10:60:00Z",
        "2024-03-05T10:00:60Z", "2024-03-05T10:00:00+2400", "2024-03-05T10:00:00+0160",
        "1899-12-31T10:00:00Z", "2024-03-05T10:00:00.Z", "2024-03-05T1a:00:00Z",
        "2024-03-05T10:00:00+01:0", "2024-03-05 24:00", "2024-03-05 10:60", "2024-03-05 10:0",
        "2024-03-05 1a:00"}) {
    CHECK_MESSAGE(!ParseTimestamp(bad, utc).has_value(), bad);
  }
  // Forms the fixed places leave to the general reader, read as it reads them.
  CHECK(ParseTimestamp("2024-03-05 10:00Z", utc) == LocalToInstant(2024, 3, 5, 10, 0, 0, nullptr));
  CHECK(ParseTimestamp("2024-03-05 2:03 PM", utc) == LocalToInstant(2024, 3, 5, 14, 3, 0, nullptr));
  CHECK(ParseTimestamp("2024-03-05 10:00:00 PM", utc) ==
        LocalToInstant(2024, 3, 5, 22, 0, 0, nullptr));
  CHECK(ParseTimestamp("2024-03-05 10:00:00+05", utc) ==
        LocalToInstant(2024, 3, 5, 5, 0, 0, nullptr));
  // In a zone of the database, the local time is the zone's.
  CHECK(ParseTimestamp("2024-07-01 10:00", Context("Europe/Berlin")) ==
        LocalToInstant(2024, 7, 1, 8, 0, 0, nullptr));
}

TEST_CASE("report-style timestamps read in the file's date order, 12- or 24-hour") {
  const TimestampCase cases[] = {
      {"3/5/2024 2:03 PM", "UTC", kMdy, "2024-03-05T14:03:00Z", "JDK locale"},
      {"3/5/2024, 2:03 PM", "UTC", kMdy, "2024-03-05T14:03:00Z", "ICU comma"},
      {"3/5/2024, 2:03\xE2\x80\xAFPM", "UTC", kMdy, "2024-03-05T14:03:00Z", "ICU 72 U+202F"},
      {"3/5/2024 2:03PM", "UTC", kMdy, "2024-03-05T14:03:00Z", "no space"},
      {"3/5/2024 2:03 pm", "UTC", kMdy, "2024-03-05T14:03:00Z", "lower case"},
      {"3/5/2024 2:03:22 PM", "UTC", kMdy, "2024-03-05T14:03:22Z", "with seconds"},
      {"03/05/2024 14:03", "UTC", kMdy, "2024-03-05T14:03:00Z", "24-hour, padded"},
      {"3/5/2024", "UTC", kMdy, "2024-03-05T00:00:00Z", "date only"},
      {"1/5/2023, 9:03 AM", "America/New_York", kMdy, "2023-01-05T14:03:00Z", "SF sample"},
      {"7/5/2024 2:03 PM", "America/New_York", kMdy, "2024-07-05T18:03:00Z", "EDT"},
      {"3/5/2024 12:00 AM", "UTC", kMdy, "2024-03-05T00:00:00Z", "midnight"},
      {"3/5/2024 12:59 AM", "UTC", kMdy, "2024-03-05T00:59:00Z", "12:59 AM"},
      {"3/5/2024 1:00 AM", "UTC", kMdy, "2024-03-05T01:00:00Z", "1 AM"},
      {"3/5/2024 11:59 AM", "UTC", kMdy, "2024-03-05T11:59:00Z", "last AM minute"},
      {"3/5/2024 12:00 PM", "UTC", kMdy, "2024-03-05T12:00:00Z", "noon"},
      {"3/5/2024 12:30 PM", "UTC", kMdy, "2024-03-05T12:30:00Z", "12:30 PM"},
      {"3/5/2024 11:59 PM", "UTC", kMdy, "2024-03-05T23:59:00Z", "last PM minute"},
      {"3/5/2024 0:30", "UTC", kMdy, "2024-03-05T00:30:00Z", "24-hour 0:30"},
      {"05/03/2024 14:03", "UTC", kDmy, "2024-03-05T14:03:00Z", "day first"},
      {"05/03/2024 14:03", "UTC", kMdy, "2024-05-03T14:03:00Z", "same text, month first"},
      {"13/03/2024", "UTC", kDmy, "2024-03-13T00:00:00Z", "day 13, day first"},
      {"29/02/2024", "UTC", kDmy, "2024-02-29T00:00:00Z", "leap day, day first"},
      {"2/29/2024", "UTC", kMdy, "2024-02-29T00:00:00Z", "leap day, month first"},
      {"05.03.2024 14:03", "UTC", kMdy, "2024-03-05T14:03:00Z", "dotted is day first"},
      {"05.03.2024 14:03", "UTC", kDmy, "2024-03-05T14:03:00Z", "dotted, dmy"},
      {"5.3.2024", "Europe/Berlin", kMdy, "2024-03-04T23:00:00Z", "dotted date only"},
      {"31.03.2024 02:30", "Europe/Berlin", kMdy, "2024-03-31T01:00:00Z", "dotted in a gap"},
  };
  CheckTimestamps(std::begin(cases), std::end(cases));
}

TEST_CASE("dates as spreadsheets in other locales and other CRMs write them") {
  const TimestampCase cases[] = {
      {"2018.02.01", "UTC", kMdy, "2018-02-01T00:00:00Z", "Excel, Hungarian"},
      {"2018.02.26 19:58", "UTC", kMdy, "2018-02-26T19:58:00Z", "Excel, Hungarian, clock"},
      {"2018.02.26. 19:58", "UTC", kMdy, "2018-02-26T19:58:00Z", "dot after the day"},
      {"2018/02/01", "UTC", kMdy, "2018-02-01T00:00:00Z", "year first, slashes"},
      {"2018/2/1 7:05:09", "UTC", kDmy, "2018-02-01T07:05:09Z", "year first ignores order"},
      {"2018/02/01 2:03 PM", "UTC", kMdy, "2018-02-01T14:03:00Z", "year first, 12-hour"},
      {"01-Feb-2018", "UTC", kMdy, "2018-02-01T00:00:00Z", "Oracle style"},
      {"1-feb-2018 13:45", "UTC", kMdy, "2018-02-01T13:45:00Z", "lower case, clock"},
      {"1 Feb 2018", "UTC", kMdy, "2018-02-01T00:00:00Z", "day month year"},
      {"1 FEBRUARY 2018", "UTC", kMdy, "2018-02-01T00:00:00Z", "full name, upper case"},
      {"1 Sept 2018", "UTC", kMdy, "2018-09-01T00:00:00Z", "Sept"},
      {"1 Feb. 2018", "UTC", kMdy, "2018-02-01T00:00:00Z", "abbreviation with a dot"},
      {"Feb 1, 2018", "UTC", kMdy, "2018-02-01T00:00:00Z", "month day, year"},
      {"February 1 2018", "UTC", kMdy, "2018-02-01T00:00:00Z", "no comma"},
      {"Feb 1, 2018 2:03 PM", "UTC", kMdy, "2018-02-01T14:03:00Z", "with a 12-hour clock"},
      {"Feb 1, 2018, 2:03 PM", "UTC", kMdy, "2018-02-01T14:03:00Z", "comma before the clock"},
      {"15 Apr, 2021 00:03:00", "UTC", kMdy, "2021-04-15T00:03:00Z", "Zoho"},
      {"15 Apr, 2021 00:03:00", "Asia/Kolkata", kMdy, "2021-04-14T18:33:00Z", "Zoho, IST"},
      {"20180201", "UTC", kMdy, "2018-02-01T00:00:00Z", "compact ISO"},
      {"2018-02-01 2:03 PM", "UTC", kMdy, "2018-02-01T14:03:00Z", "ISO date, 12-hour"},
      {"2018-02-01T02:03:04 am", "UTC", kMdy, "2018-02-01T02:03:04Z", "ISO, T, am"},
      {"2018-02-01 14:03", "UTC", kMdy, "2018-02-01T14:03:00Z", "ISO, no seconds"},
  };
  CheckTimestamps(std::begin(cases), std::end(cases));
  const TimestampCase rejected[] = {
      {"Tue 1 Feb 2018", "UTC", kMdy, nullptr, "weekday first"},
      {"1 Fbr 2018", "UTC", kMdy, nullptr, "not a month"},
      {"1 Fe 2018", "UTC", kMdy, nullptr, "two letters"},
      {"31 Feb 2018", "UTC", kMdy, nullptr, "no Feb 31"},
      {"1-Feb 2018", "UTC", kMdy, nullptr, "dash, then space"},
      {"Feb 1 18", "UTC", kMdy, nullptr, "two-digit year"},
      {"Feb, 2018", "UTC", kMdy, nullptr, "no day"},
      {"2018.13.01", "UTC", kMdy, nullptr, "month 13, year first"},
      {"2018.02.01 14:03 PM", "UTC", kMdy, nullptr, "14 PM"},
      {"2018-02-01 2:03 PM +01:00", "UTC", kMdy, nullptr, "offset after AM/PM"},
      {"20181301", "UTC", kMdy, nullptr, "compact, month 13"},
      {"2018/02.01", "UTC", kMdy, nullptr, "mixed separators, year first"},
  };
  CheckTimestamps(std::begin(rejected), std::end(rejected));
}

TEST_CASE("a date_format reads what no built-in form does, and only that") {
  struct FormatCase {
    const char* text;
    const char* format;
    const char* utc;
  };
  const FormatCase cases[] = {
      {"01/02/18 9:05", "%d/%m/%y %H:%M", "2018-02-01T09:05:00Z"},
      {"Thu 1 Feb 2018 09:05:00 +0100", "Thu %d %b %Y %H:%M:%S %z", "2018-02-01T08:05:00Z"},
      {"1.2.2018 9.05 pm", "%d.%m.%Y %I.%M %p", "2018-02-01T21:05:00Z"},
      {"2018-02", "%Y-%m", "2018-02-01T00:00:00Z"},
      {"99-12-31", "%y-%m-%d", "1999-12-31T00:00:00Z"},
      {"68-12-31", "%y-%m-%d", "2068-12-31T00:00:00Z"},
      {"2018-02-01 100%", "%Y-%m-%d 100%%", "2018-02-01T00:00:00Z"},
      {"2018-02-01  09:05:07.123", "%Y-%m-%d %H:%M:%S.%f", "2018-02-01T09:05:07Z"},
      {"2018-02-01 junk", "%Y-%m-%d", nullptr},
      {"2018-02-30", "%Y-%m-%d", nullptr},
      {"13 pm", "%I %p", nullptr},
  };
  for (const FormatCase& c : cases) {
    CAPTURE(c.text);
    CAPTURE(c.format);
    const std::optional<Instant> got = ParseTimestampAs(c.text, c.format, Context("UTC"));
    if (c.utc == nullptr) {
      CHECK_FALSE(got.has_value());
    } else {
      REQUIRE(got.has_value());
      CHECK(FormatUtc(*got) == c.utc);
    }
  }
  CHECK_FALSE(DateFormatError("%d/%m/%Y").has_value());
  CHECK(DateFormatError("%d/%m").value() == "it has no year (%Y or %y)");
  CHECK(DateFormatError("%Y %Q").value().starts_with("%Q is not a conversion baton reads"));
  CHECK(DateFormatError("%Y %").value() == "it ends in a lone %");
}

TEST_CASE("a numeric date settles its file's day/month order only when a part is above 12") {
  CHECK(SettledDateOrder("13/02/2024") == DateOrder::kDmy);
  CHECK(SettledDateOrder("2/13/2024 2:03 PM") == DateOrder::kMdy);
  CHECK_FALSE(SettledDateOrder("12/11/2024").has_value());
  CHECK_FALSE(SettledDateOrder("13/13/2024").has_value());
  CHECK_FALSE(SettledDateOrder("0/13/2024").has_value());
  CHECK_FALSE(SettledDateOrder("2024-02-13").has_value());
  CHECK_FALSE(SettledDateOrder("13.02.2024").has_value());
  CHECK(IsNumericSlashDate(" 3/5/2024 14:03"));
  CHECK_FALSE(IsNumericSlashDate("2024/03/05"));
  CHECK_FALSE(IsNumericSlashDate("3/5/24"));
}

TEST_CASE("epoch seconds and milliseconds are read as UTC whatever the file's zone") {
  const TimestampCase cases[] = {
      {"1709647402000", "UTC", kMdy, "2024-03-05T14:03:22Z", "13-digit millis"},
      {"1709647402999", "UTC", kMdy, "2024-03-05T14:03:22Z", "millis truncated"},
      {"1709647402000", "America/New_York", kMdy, "2024-03-05T14:03:22Z", "zone ignored"},
      {"100000000000", "UTC", kMdy, "1973-03-03T09:46:40Z", "12-digit millis"},
      {"1709647402", "UTC", kMdy, "2024-03-05T14:03:22Z", "10-digit seconds"},
      {"999999999", "UTC", kMdy, "2001-09-09T01:46:39Z", "9-digit seconds"},
      {"17096474020", "UTC", kMdy, nullptr, "11 digits: neither"},
      {"17096474020000", "UTC", kMdy, nullptr, "14 digits"},
      {"-1709647402", "UTC", kMdy, nullptr, "signed"},
  };
  CheckTimestamps(std::begin(cases), std::end(cases));
}

TEST_CASE("impossible or unrecognised timestamps are rejected, never guessed") {
  const TimestampCase cases[] = {
      {"2024-02-30", "UTC", kMdy, nullptr, "no Feb 30"},
      {"2023-02-29", "UTC", kMdy, nullptr, "not a leap year"},
      {"2/29/2023", "UTC", kMdy, nullptr, "not a leap year, US style"},
      {"2024-13-01", "UTC", kMdy, nullptr, "month 13"},
      {"2024-00-10", "UTC", kMdy, nullptr, "month 0"},
      {"13/13/2024", "UTC", kMdy, nullptr, "month 13, mdy"},
      {"13/13/2024", "UTC", kDmy, nullptr, "month 13, dmy"},
      {"13/03/2024", "UTC", kMdy, nullptr, "day-first text in a month-first file"},
      {"3/13/2024", "UTC", kDmy, nullptr, "month-first text in a day-first file"},
      {"3/5/24", "UTC", kMdy, nullptr, "two-digit year"},
      {"05.03.24", "UTC", kMdy, nullptr, "two-digit year, dotted"},
      {"0000-01-01", "UTC", kMdy, nullptr, "placeholder year"},
      {"1899-12-31", "UTC", kMdy, nullptr, "before 1900"},
      {"3000-01-01", "UTC", kMdy, nullptr, "after 2999"},
      {"25:00", "UTC", kMdy, nullptr, "a time without a date"},
      {"abc", "UTC", kMdy, nullptr, "text"},
      {"", "UTC", kMdy, nullptr, "empty"},
      {"2024-03-05T25:00", "UTC", kMdy, nullptr, "hour 25"},
      {"2024-03-05T24:00", "UTC", kMdy, nullptr, "hour 24"},
      {"2024-03-05T14:60", "UTC", kMdy, nullptr, "minute 60"},
      {"2024-03-05T14:03:60Z", "UTC", kMdy, nullptr, "second 60"},
      {"2024-03-05T14:03:22+24:00", "UTC", kMdy, nullptr, "offset hour 24"},
      {"2024-03-05T14:03:22+01:", "UTC", kMdy, nullptr, "offset cut short"},
      {"2024-03-05T14:03:22+1", "UTC", kMdy, nullptr, "one-digit offset"},
      {"2024-03-05T14:03:22.Z", "UTC", kMdy, nullptr, "fraction without digits"},
      {"2024-03-05T14:03:22 Z", "UTC", kMdy, nullptr, "space before the offset"},
      {"2024-03-05T14:03:22Zjunk", "UTC", kMdy, nullptr, "trailing text"},
      {"2024-03-05Z", "UTC", kMdy, nullptr, "offset on a date"},
      {"2024-03-05T", "UTC", kMdy, nullptr, "T and nothing"},
      {"2024-03-05 14", "UTC", kMdy, nullptr, "hour only"},
      {"2024-03-05 14:3", "UTC", kMdy, nullptr, "one-digit minute"},
      {"2024-3-5", "UTC", kMdy, nullptr, "unpadded ISO"},
      {"24-03-05", "UTC", kMdy, nullptr, "two-digit ISO year"},
      {"3/5/2024 13:00 PM", "UTC", kMdy, nullptr, "13 PM"},
      {"3/5/2024 0:30 AM", "UTC", kMdy, nullptr, "0 AM"},
      {"3/5/2024 00:30 AM", "UTC", kMdy, nullptr, "00 AM"},
      {"3/5/2024 2:03 XM", "UTC", kMdy, nullptr, "not AM/PM"},
      {"3/5/2024 2:03 P", "UTC", kMdy, nullptr, "half a meridiem"},
      {"3/5/2024 2:03 PM EST", "UTC", kMdy, nullptr, "zone abbreviation"},
      {"3/5/2024,", "UTC", kMdy, nullptr, "comma and nothing"},
      {"3/5/2024 2:03+01:00", "UTC", kMdy, nullptr, "offset on a report date"},
      {"3/5/20245", "UTC", kMdy, nullptr, "five-digit year"},
      {"123/5/2024", "UTC", kMdy, nullptr, "three-digit month"},
      {"3-5-2024", "UTC", kMdy, nullptr, "dashes, US order"},
      {"3/5.2024", "UTC", kMdy, nullptr, "mixed separators"},
      {"Tue, 05 Mar 2024 14:03:22 GMT", "UTC", kMdy, nullptr, "RFC 1123"},
  };
  CheckTimestamps(std::begin(cases), std::end(cases));
}

TEST_CASE("FormatUtc and FormatLocalDate text reads back as the instant it was made from") {
  const Zone berlin = FindZone("Europe/Berlin");
  const ValueContext utc = Context("UTC");
  const ValueContext local{berlin, kMdy, '.'};
  int mismatches = 0;
  for (Instant t = -86400 * 400; t < 1735689600; t += 86400 * 7 + 3607) {
    mismatches += ParseTimestamp(FormatUtc(t), utc) == t ? 0 : 1;
    const CivilTime c = ToCivil(t, berlin);
    const Instant midnight = LocalToInstant(c.year, c.month, c.day, 0, 0, 0, berlin);
    mismatches += ParseTimestamp(FormatLocalDate(t, berlin), local) == midnight ? 0 : 1;
    const Instant minute = LocalToInstant(c.year, c.month, c.day, c.hour, c.minute, 0, berlin);
    mismatches += ParseTimestamp(FormatLocalMinute(t, berlin), local) == minute ? 0 : 1;
  }
  CHECK(mismatches == 0);
  CHECK(ParseTimestamp(FormatUtc(1709647402), utc) == 1709647402);
  CHECK(FormatLocalDate(*ParseTimestamp("2024-03-05", local), berlin) == "2024-03-05");
}

struct MoneyCase {
  const char* text;
  char decimal;
  std::optional<double> amount;  // nullopt: rejected
  const char* currency;
};

TEST_CASE("money reads amounts, currencies and negatives in the file's decimal convention") {
  const MoneyCase cases[] = {
      {"1234.5", '.', 1234.5, ""},
      {"1,234.50", '.', 1234.5, ""},
      {"$1,234.50", '.', 1234.5, "USD"},
      {"USD 1234.50", '.', 1234.5, "USD"},
      {"USD 1,234.50", '.', 1234.5, "USD"},
      {"usd 1234.50", '.', 1234.5, "USD"},
      {"USD1234.50", '.', 1234.5, "USD"},
      {"1234.50 EUR", '.', 1234.5, "EUR"},
      {"1234.50eur", '.', 1234.5, "EUR"},
      {"\u20AC84,10", ',', 84.1, "EUR"},
      {"84,10 \u20AC", ',', 84.1, "EUR"},
      {"\u00A312.99", '.', 12.99, "GBP"},
      {"\u00A51,000", '.', 1000, "JPY"},
      {"(1,234.50)", '.', -1234.5, ""},
      {"($1,234.50)", '.', -1234.5, "USD"},
      {"( 1,234.50 )", '.', -1234.5, ""},
      {"-1234.5", '.', -1234.5, ""},
      {"-$5.00", '.', -5, "USD"},
      {"$-5.00", '.', -5, "USD"},
      {"USD -5", '.', -5, "USD"},
      {"-5 USD", '.', -5, "USD"},
      {"1.234,50", ',', 1234.5, ""},
      {"84,10", ',', 84.1, ""},
      {"1.234.567,89", ',', 1234567.89, ""},
      {"1.234", ',', 1234, ""},
      {"1234", ',', 1234, ""},
      {"1,234,567.89", '.', 1234567.89, ""},
      {"12000", '.', 12000, ""},
      {"0.0", '.', 0, ""},
      {"-0", '.', 0, ""},
      {"11015.0", '.', 11015, ""},
      {"45362.12", '.', 45362.12, ""},
      {"  $ 1,234.50  ", '.', 1234.5, "USD"},
      {"100", '.', 100, ""},
      {"999,999", '.', 999999, ""},
  };
  for (const MoneyCase& c : cases) {
    CAPTURE(c.text);
    CAPTURE(c.decimal);
    const std::optional<Money> got = ParseMoney(c.text, ValueContext{nullptr, kMdy, c.decimal});
    REQUIRE(got.has_value());
    CHECK(got->amount == doctest::Approx(*c.amount));
    CHECK(got->currency == c.currency);
  }
}

TEST_CASE("money as other locales and finance tools write it") {
  const MoneyCase cases[] = {
      {"R$ 100.000", ',', 100000, "BRL"},
      {"R$100.000,50", ',', 100000.5, "BRL"},
      {"100 000,00 \u20AC", ',', 100000, "EUR"},
      {"100\u00A0000,00\u00A0\u20AC", ',', 100000, "EUR"},  // no-break spaces (fr-FR before ICU 72)
      {"100\u202F000,00\u00A0\u20AC", ',', 100000, "EUR"},  // narrow no-break space (fr-FR now)
      {"CHF 1'234.50", '.', 1234.5, "CHF"},
      {"1'234'567", '.', 1234567, ""},
      {"USD 12.00", '.', 12, "USD"},
      {"12.00USD", '.', 12, "USD"},
      {"1 234.50", '.', 1234.5, ""},
      {"12 500", '.', 12500, ""},
      {"$141.56K", '.', 141560, "USD"},
      {"2.5M", '.', 2500000, ""},
      {"1b", '.', 1000000000, ""},
      {"-$3k", '.', -3000, "USD"},
      {"1,5M \u20AC", ',', 1500000, "EUR"},
      {"50.000", ',', 50000, ""},
      {"US$ 5", '.', 5, "USD"},
      {"100 CA$", '.', 100, "CAD"},  // not A$ after a stray C
      {"AU$ 7", '.', 7, "AUD"},
      {"5 US$", '.', 5, "USD"},
      {"\u20B9 1,00,000", '.', {}, ""},  // Indian lakh grouping: not groups of three
      {"\u20B9 100,000", '.', 100000, "INR"},
      {"100 z\u0142", ',', 100, "PLN"},
  };
  for (const MoneyCase& c : cases) {
    CAPTURE(c.text);
    CAPTURE(c.decimal);
    const std::optional<Money> got = ParseMoney(c.text, ValueContext{nullptr, kMdy, c.decimal});
    if (!c.amount) {
      CHECK_FALSE(got.has_value());
      continue;
    }
    REQUIRE(got.has_value());
    CHECK(got->amount == *c.amount);  // exact: 141.56K is 141560, not 141559.99…
    CHECK(got->currency == c.currency);
  }
}

TEST_CASE("a rejected amount's hint names the real obstacle") {
  const ValueContext point{nullptr, kMdy, '.'};
  const ValueContext comma{nullptr, kMdy, ','};
  CHECK(MoneyProblem("1.234,50", point) ==
        "'1.234,50' is an amount with decimal comma; set decimal = \",\" in the file's [[file]] "
        "table (now \".\")");
  CHECK(MoneyProblem("1,234.50", comma).find("set decimal = \".\"") != std::string::npos);
  CHECK(MoneyProblem("kr 100", point).starts_with("'kr 100': 'kr' is not a currency baton knows"));
  CHECK(MoneyProblem("100 kr", comma).starts_with("'100 kr': 'kr' is not a currency"));
  CHECK(MoneyProblem("n/a", point) == "'n/a' has no digits");
  CHECK(MoneyProblem("1,2,3", point).starts_with("'1,2,3' is not an amount: digits after a"));
  // R$ 100.000 with decimal = "," set reads; the old hint told users to set what they had
  CHECK(ParseMoney("R$ 100.000", comma).has_value());
}

TEST_CASE("money with misplaced separators, no digits or two signs is rejected") {
  const MoneyCase cases[] = {
      {"1,2,3", '.', {}, ""},
      {"12,34,567", '.', {}, ""},  // Indian grouping is not groups of three
      {"$", '.', {}, ""},
      {"abc", '.', {}, ""},
      {"USD", '.', {}, ""},
      {"1.234,50", '.', {}, ""},  // a decimal-comma amount in a decimal-point file
      {"84,10", '.', {}, ""},     // ditto: never read as 8410
      {"1,234.50", ',', {}, ""},  // a decimal-point amount in a decimal-comma file
      {"1234.5", ',', {}, ""},
      {"1.2.3", '.', {}, ""},
      {"1,23", '.', {}, ""},
      {"1234,567", '.', {}, ""},
      {",123", '.', {}, ""},
      {"1,", '.', {}, ""},
      {"1.", '.', {}, ""},
      {".5", '.', {}, ""},
      {"", '.', {}, ""},
      {"--", '.', {}, ""},
      {"--5", '.', {}, ""},
      {"(-5)", '.', {}, ""},
      {"-$-5", '.', {}, ""},
      {"(5", '.', {}, ""},
      {"5-", '.', {}, ""},
      {"$$5", '.', {}, ""},
      {"USD 5 EUR", '.', {}, ""},
      {"$5 USD", '.', {}, ""},
      {"EURO 5", '.', {}, ""},
      {"US 5", '.', {}, ""},
      {"1e5", '.', {}, ""},
      {"1 234,50", '.', {}, ""},
      {"1 234.50", ',', {}, ""},
      {"1,234 567", '.', {}, ""},  // two kinds of thousands separator
      {"1 2345", '.', {}, ""},
      {"5KK", '.', {}, ""},
      {"5X", '.', {}, ""},
      {"K5", '.', {}, ""},
      {"1.5K", ',', {}, ""},
      {"kr 100", '.', {}, ""},  // kr is SEK, NOK or DKK: not guessed
      {"five", '.', {}, ""},
      {"123456789012345678901234567890123456789012345678901234567890", '.', {}, ""},
  };
  for (const MoneyCase& c : cases) {
    CAPTURE(c.text);
    CAPTURE(c.decimal);
    CHECK_FALSE(ParseMoney(c.text, ValueContext{nullptr, kMdy, c.decimal}).has_value());
  }
}

TEST_CASE("plain numbers read integers, decimals and Excel's scientific notation") {
  const std::pair<const char*, double> cases[] = {
      {"47", 47}, {"47.5", 47.5}, {"-3", -3},   {"+3", 3},          {"1.89165E+11", 189165000000},
      {"0", 0},   {".75", 0.75},  {" 47 ", 47}, {"1.5e-3", 0.0015}, {"12.", 12},
  };
  for (const auto& c : cases) {
    const auto& [text, expected] = c;
    CAPTURE(c.first);
    const std::optional<double> got = ParseNumber(text);
    REQUIRE(got.has_value());
    CHECK(*got == doctest::Approx(expected));
  }
  for (const char* text :
       {"", "abc", "inf", "-nan", "1,234", "47x", "1e999", "-", "+-3", "--3", "4 7", "0x1A", "."}) {
    CAPTURE(text);
    CHECK_FALSE(ParseNumber(text).has_value());
  }
}

TEST_CASE("booleans read every spelling Data Loader accepts, in any letter case") {
  for (const char* text :
       {"true", "TRUE", "True", "1", "yes", "YES", "Y", "y", "on", "ON", "t", "T", " true "}) {
    CAPTURE(text);
    CHECK(ParseBool(text) == std::optional<bool>(true));
  }
  for (const char* text :
       {"false", "FALSE", "False", "0", "no", "No", "N", "n", "off", "Off", "f", "F", "\tfalse"}) {
    CAPTURE(text);
    CHECK(ParseBool(text) == std::optional<bool>(false));
  }
  for (const char* text : {"", "2", "-1", "truthy", "yess", "null", "ja", "oui", "0.0", "tr"}) {
    CAPTURE(text);
    CHECK_FALSE(ParseBool(text).has_value());
  }
}

TEST_CASE("a 15-character Salesforce id gains its case-safe suffix, an 18-character one its case") {
  const std::pair<const char*, const char*> cases[] = {
      {"70130000001tcyI", "70130000001tcyIAAQ"},
      {"003G000001SUbc4", "003G000001SUbc4IAD"},
      {"00Q5g00000AbCdE", "00Q5g00000AbCdEEAV"},  // export-formats.md 1.5: report vs API
      {"000000000000000", "000000000000000AAA"},
      {"ABCDEABCDEABCDE", "ABCDEABCDEABCDE555"},
      {" 003G000001SUbc4 ", "003G000001SUbc4IAD"},
      {"70130000001tcyIAAQ", "70130000001tcyIAAQ"},
      {"70130000001tcyIaaq", "70130000001tcyIAAQ"},
      {"003G000001SUbc4iad", "003G000001SUbc4IAD"},
      // Case lost by a spreadsheet: the suffix restores it.
      {"70130000001tcyiaaq", "70130000001tcyIAAQ"},
      {"003G000001SUBC4IAD", "003G000001SUbc4IAD"},
      {"00q5g00000abcdeeav", "00Q5g00000AbCdEEAV"},
      {"", ""},
      {"abc", "abc"},
      {" 70130000001tcy ", "70130000001tcy"},          // 14 characters
      {"70130000001tcyIA", "70130000001tcyIA"},        // 16 characters
      {"70130000001-cyI", "70130000001-cyI"},          // not alphanumeric
      {"70130000001tcyIAAQX", "70130000001tcyIAAQX"},  // 19 characters
  };
  for (const auto& c : cases) {
    const auto& [text, expected] = c;
    CAPTURE(c.first);
    CHECK(NormaliseSalesforceId(text) == expected);
  }
}

// The reference: Salesforce's rule as first written here (a search of the
// alphabet per suffix character), which the id normaliser must still follow.
std::string ReferenceSalesforceId(std::string_view text) {
  std::string out(Trim(text));
  const auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  if ((out.size() != 15 && out.size() != 18) || !std::all_of(out.begin(), out.end(), alnum)) {
    return out;
  }
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
  auto upper = [](char c) {
    return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  };
  auto lower = [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  };
  if (out.size() == 18) {
    for (std::size_t i = 15; i < 18; ++i) out[i] = upper(out[i]);
    for (std::size_t chunk = 0; chunk < 3; ++chunk) {
      auto bits = kAlphabet.find(out[15 + chunk]);
      if (bits == std::string_view::npos) continue;
      for (std::size_t j = 0; j < 5; ++j) {
        char& c = out[chunk * 5 + j];
        if (c >= '0' && c <= '9') continue;
        c = (bits >> j & 1u) ? upper(c) : lower(c);
      }
    }
    return out;
  }
  for (std::size_t chunk = 0; chunk < 3; ++chunk) {
    unsigned bits = 0;
    for (std::size_t j = 0; j < 5; ++j) {
      bits |= (out[chunk * 5 + j] >= 'A' && out[chunk * 5 + j] <= 'Z' ? 1u : 0u) << j;
    }
    out += kAlphabet[bits];
  }
  return out;
}

TEST_CASE("Salesforce ids normalise as the reference rule does, for random ids of every case") {
  std::mt19937 random(20261208);
  // Alphanumerics, then two characters that make a text no id: '-' and a byte of
  // a UTF-8 letter (é).
  const std::string_view chars =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-\xC3";
  for (int n = 0; n < 200000; ++n) {
    std::size_t size = n % 3 == 0 ? 15 : n % 3 == 1 ? 18 : random() % 20;
    std::string text;
    for (std::size_t i = 0; i < size; ++i) {
      // Mostly alphanumeric; now and then (1 in 50) any character.
      const bool any = random() % 50 == 0;
      text += chars[random() % (any ? chars.size() : chars.size() - 2)];
    }
    if (n % 7 == 0) text = " " + text + "\t";
    CAPTURE(text);
    REQUIRE(NormaliseSalesforceId(text) == ReferenceSalesforceId(text));
    std::string appended = "salesforce:";
    AppendSalesforceId(appended, text);
    REQUIRE(appended == "salesforce:" + ReferenceSalesforceId(text));
  }
}

TEST_CASE("emails are trimmed and lower-cased, and text without a usable @ is no email") {
  const std::pair<const char*, const char*> cases[] = {
      {"dana@norvale.example", "dana@norvale.example"},
      {"  Dana.Whitcombe@Norvale.EXAMPLE\t", "dana.whitcombe@norvale.example"},
      {"a@b", "a@b"},
      {"M\xC3\xBCller@Example.de", "m\xC3\xBCller@example.de"},  // non-ASCII kept as is
      {"", ""},
      {"   ", ""},
      {"dana", ""},
      {"@norvale.example", ""},
      {"dana@", ""},
      {"@", ""},
  };
  for (const auto& c : cases) {
    const auto& [text, expected] = c;
    CAPTURE(c.first);
    CHECK(NormaliseEmail(text) == expected);
  }
}

TEST_CASE("SplitList: comma-separated, trimmed, empty parts dropped") {
  CHECK(SplitList(" source , month,,") == std::vector<std::string_view>{"source", "month"});
  CHECK(SplitList("").empty());
  CHECK(SplitList(" , ").empty());
}

}  // namespace
}  // namespace baton
