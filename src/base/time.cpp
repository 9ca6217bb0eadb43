// Instants, civil fields and IANA zones (include/baton/time.h), on top of Howard
// Hinnant's date/tz reading the OS database (/usr/share/zoneinfo, USE_OS_TZDB).
// UTC (a null Zone) never touches the database: it is plain calendar arithmetic.
// Nothing here reads a clock or the TZ environment variable, and once a zone has
// been used (date/tz loads its file lazily) nothing allocates on the way from civil
// fields to an Instant: the value parsers call LocalToInstant once per cell.
// `using namespace date` is deliberately absent: combined with std::chrono in
// C++20 it makes local_days ambiguous (STYLE.md).
#include "baton/time.h"

#include <date/tz.h>

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>

#include "baton/error.h"

namespace baton {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

date::sys_seconds ToSys(Instant t) { return date::sys_seconds{seconds{t}}; }

// The instant's wall-clock time in zone, as seconds since 1970-01-01T00:00 local.
date::local_seconds ToLocal(Instant t, Zone zone) {
  if (zone == nullptr) return date::local_seconds{seconds{t}};
  return zone->to_local(ToSys(t));
}

// printf into a small fixed buffer; the formats below never come near its size.
template <typename... Args>
std::string Print(const char* format, Args... args) {
  char buffer[64];
  const int n = std::snprintf(buffer, sizeof buffer, format, args...);
  return std::string(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
}

}  // namespace

Zone FindZone(std::string_view name) {
  if (name == "UTC" || name == "Etc/UTC" || name == "Z") return nullptr;
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    ThrowUsage("unknown time zone \"" + std::string(name) + "\"",
               "use an IANA name such as Europe/Berlin; see /usr/share/zoneinfo");
  }
}

std::string ZoneName(Zone zone) { return zone == nullptr ? "UTC" : zone->name(); }

Instant LocalToInstant(int year, int month, int day, int hour, int minute, int second, Zone zone) {
  const date::local_seconds local = date::local_days{date::year{year} / month / day} + hours{hour} +
                                    minutes{minute} + seconds{second};
  if (zone == nullptr) return local.time_since_epoch().count();
  // date's choose::earliest: the earlier of two ambiguous instants, and for a
  // nonexistent local time the end of the gap (the transition instant).
  return zone->to_sys(local, date::choose::earliest).time_since_epoch().count();
}

std::int64_t UtcOffset(Instant t, Zone zone) {
  if (zone == nullptr) return 0;
  return zone->get_info(ToSys(t)).offset.count();
}

bool IsValidDate(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

// t must be a real instant: kNoTime plus a negative offset would overflow.
CivilTime ToCivil(Instant t, Zone zone) {
  const date::local_seconds local = ToLocal(t, zone);
  const date::local_days day = date::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<seconds> hms{local - day};
  return CivilTime{static_cast<int>(ymd.year()),
                   static_cast<int>(static_cast<unsigned>(ymd.month())),
                   static_cast<int>(static_cast<unsigned>(ymd.day())),
                   static_cast<int>(hms.hours().count()),
                   static_cast<int>(hms.minutes().count()),
                   static_cast<int>(hms.seconds().count()),
                   static_cast<int>(date::weekday{day}.iso_encoding())};
}

std::int64_t CivilDay(int year, int month, int day) {
  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  return date::sys_days{ymd}.time_since_epoch().count();
}

std::int64_t LocalDay(Instant t, Zone zone) {
  const CivilTime c = ToCivil(t, zone);
  return CivilDay(c.year, c.month, c.day);
}

Instant DayStart(std::int64_t day, Zone zone) {
  const date::year_month_day ymd{date::sys_days{date::days{day}}};
  return LocalToInstant(static_cast<int>(ymd.year()),
                        static_cast<int>(static_cast<unsigned>(ymd.month())),
                        static_cast<int>(static_cast<unsigned>(ymd.day())), 0, 0, 0, zone);
}

Instant DayEnd(Instant t, Zone zone) { return DayStart(LocalDay(t, zone) + 1, zone) - 1; }

// kNoTime (a missing time) formats as "", an empty table cell, rather than as a
// date hundreds of billions of years ago.
std::string FormatUtc(Instant t) {
  if (t == kNoTime) return {};
  const CivilTime c = ToCivil(t, nullptr);
  return Print("%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour, c.minute,
               c.second);
}

std::string FormatLocalDate(Instant t, Zone zone) {
  if (t == kNoTime) return {};
  const CivilTime c = ToCivil(t, zone);
  return Print("%04d-%02d-%02d", c.year, c.month, c.day);
}

std::string FormatLocalMinute(Instant t, Zone zone) {
  if (t == kNoTime) return {};
  const CivilTime c = ToCivil(t, zone);
  return Print("%04d-%02d-%02d %02d:%02d", c.year, c.month, c.day, c.hour, c.minute);
}

}  // namespace baton
