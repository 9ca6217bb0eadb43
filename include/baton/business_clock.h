// The business clock of SLA rules (SPEC 4.4): a time zone, working hours per
// weekday (possibly split, e.g. 09:00–12:00 and 13:00–17:00) and holidays.
// Elapsed business time counts only working seconds; a start outside working
// hours counts from the next working second. Pure functions of (calendar,
// instants): DST changes, weekends, holidays and year ends are exact because every
// working interval is converted from local time in the calendar's zone.
#pragma once

#include <cstdint>

#include "baton/calendar.h"

namespace baton {

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
