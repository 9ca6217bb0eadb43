// The business clock of SLA rules (SPEC 4.4): a time zone, working hours per
// weekday (possibly split, e.g. 09:00–12:00 and 13:00–17:00) and holidays.
// Elapsed business time counts only working seconds; a start outside working
// hours counts from the next working second. Pure functions of (calendar,
// instants): DST changes, weekends, holidays and year ends are exact because every
// working interval is converted from local time in the calendar's zone.
#pragma once

#include <array>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "baton/time.h"

namespace baton {

// [start, end) in minutes after local midnight, 0 ≤ start < end ≤ 1440.
struct WorkingInterval {
  int start = 0;
  int end = 0;
};

struct Calendar {
  std::string name = "default";
  Zone tz = nullptr;
  // Index 0 = Monday … 6 = Sunday (ISO); sorted, non-overlapping intervals.
  std::array<std::vector<WorkingInterval>, 7> hours;
  std::set<std::int64_t> holidays;  // local civil days, as days since 1970-01-01

  // Mon–Fri 09:00–17:00 in `tz`, no holidays.
  static Calendar Standard(Zone tz);
};

// Parses "09:00-12:00,13:00-17:00" (24-hour clock, "24:00" allowed as an end).
// Returns false when the text is malformed or the intervals overlap or are empty.
bool ParseWorkingHours(std::string_view text, std::vector<WorkingInterval>& out);

// The local civil day of "YYYY-MM-DD" as days since 1970-01-01, or false.
bool ParseHolidayDate(std::string_view text, std::int64_t& day);

// Working seconds in [a, b) on the calendar; negative (−BusinessSeconds(b, a))
// when b < a. Additive: BusinessSeconds(a, c) = BusinessSeconds(a, b) +
// BusinessSeconds(b, c) for any a, b, c.
std::int64_t BusinessSeconds(const Calendar& calendar, Instant a, Instant b);

// The first working instant at or after t. A calendar with no working time at all
// returns kNoTime.
Instant NextWorking(const Calendar& calendar, Instant t);

// The working instant at which `seconds` (≥ 0) working seconds have elapsed since
// t: NextWorking(x) for the earliest x with BusinessSeconds(t, x) == seconds, so
// AddBusiness(t, BusinessSeconds(t, u)) == NextWorking(u) for u ≥ t. kNoTime for
// a calendar with no working time.
Instant AddBusiness(const Calendar& calendar, Instant t, std::int64_t seconds);

}  // namespace baton
