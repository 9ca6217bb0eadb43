// Business calendars as data (SPEC 4.4): working hours per weekday and holidays
// in a time zone, and the parsers the config uses for them. The clock that runs
// on a calendar is business_clock.h (metrics).
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
  // Who works on this calendar, for rules that do not name one: people whose
  // owner is in `owners`, or whose `dimension` value is in `values`.
  std::vector<std::string> owners;
  std::string dimension;
  std::vector<std::string> values;

  // Mon–Fri 09:00–17:00 in `tz`, no holidays.
  static Calendar Standard(Zone tz);
};

// Parses "09:00-12:00,13:00-17:00" (24-hour clock, "24:00" allowed as an end).
// Returns false when the text is malformed or the intervals overlap or are empty.
bool ParseWorkingHours(std::string_view text, std::vector<WorkingInterval>& out);

// The local civil day of "YYYY-MM-DD" as days since 1970-01-01, or false.
bool ParseHolidayDate(std::string_view text, std::int64_t& day);

}  // namespace baton
