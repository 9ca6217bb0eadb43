// Instants and time zones as the whole library sees them.
// An Instant is whole seconds since the Unix epoch, UTC. A Zone is an IANA time
// zone from the OS database (Howard Hinnant's date/tz, USE_OS_TZDB); nullptr is UTC.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace date {
class time_zone;
}

namespace baton {

using Instant = std::int64_t;
inline constexpr Instant kNoTime = std::numeric_limits<Instant>::min();
inline constexpr std::int64_t kSecondsPerDay = 86400;

using Zone = const date::time_zone*;

// Looks up an IANA zone name ("Europe/Berlin", "UTC"). Returns nullptr for "UTC"/"Z".
// Throws Error(kUsage) naming the zone when the OS database does not know it.
Zone FindZone(std::string_view name);

// The name of a zone, "UTC" for nullptr.
std::string ZoneName(Zone zone);

// Civil date/time fields → Instant, interpreting them as local time in `zone`.
// An ambiguous local time (DST fall-back) takes the earlier instant; a
// nonexistent one (spring-forward gap) takes the instant the gap ends.
// Fields must already be valid (see IsValidDate).
Instant LocalToInstant(int year, int month, int day, int hour, int minute, int second, Zone zone);

// Offset of local time in `zone` from UTC at instant t, in seconds.
std::int64_t UtcOffset(Instant t, Zone zone);

// True when year/month/day names a real calendar day (1 ≤ month ≤ 12, no Feb 30).
bool IsValidDate(int year, int month, int day);

// Civil fields of instant t in zone.
struct CivilTime {
  int year, month, day, hour, minute, second;
  int weekday;  // ISO: Monday = 1 … Sunday = 7
};
CivilTime ToCivil(Instant t, Zone zone);

// Civil days: the days of the calendar counted from 1970-01-01 (day 0), whatever
// the zone. The one place that turns instants into days and back (periods,
// business clocks, spend days, touches by day).
// The civil day of year/month/day (which must be valid, see IsValidDate).
std::int64_t CivilDay(int year, int month, int day);
// The local date of instant t in zone, as a civil day.
std::int64_t LocalDay(Instant t, Zone zone);
// The first instant of local day `day` in zone (its midnight, or where a DST gap
// at midnight ends).
Instant DayStart(std::int64_t day, Zone zone);
// The last second of t's local day in zone.
Instant DayEnd(Instant t, Zone zone);

// ISO 8601 UTC text "2024-03-05T14:03:22Z" (the machine formats, SPEC 5).
std::string FormatUtc(Instant t);

// Local date text "2024-03-05" and "2024-03-05 14:03" in zone (the table format).
std::string FormatLocalDate(Instant t, Zone zone);
std::string FormatLocalMinute(Instant t, Zone zone);

}  // namespace baton
