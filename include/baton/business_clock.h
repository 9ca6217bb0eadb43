// The business clock of SLA rules (SPEC 4.4): a time zone, working hours per
// weekday (possibly split, e.g. 09:00–12:00 and 13:00–17:00) and holidays.
// Elapsed business time counts only working seconds; a start outside working
// hours counts from the next working second. Pure functions of (calendar,
// instants): DST changes, weekends, holidays and year ends are exact because every
// working interval is converted from local time in the calendar's zone.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

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

// The working intervals [start, end) of local day `day` (days since 1970-01-01 in
// the calendar's zone), in order, as instants: none on a holiday or a day off.
// The clock above counts exactly these (the calendar table of `baton export`).
std::vector<std::pair<Instant, Instant>> WorkingSpans(const Calendar& calendar, std::int64_t day);

// BusinessSeconds in constant time over long spans: the working seconds of every
// local day in [first_day, last_day] (days since 1970-01-01 in the calendar's
// zone) are summed once, so a span of months costs two partial days and a
// subtraction instead of a walk over its days. Outside the table, and for spans
// of a few days, it is BusinessSeconds itself; the results are always equal.
class BusinessClock {
 public:
  BusinessClock(const Calendar& calendar, std::int64_t first_day, std::int64_t last_day);
  std::int64_t Seconds(Instant a, Instant b) const;
  const Calendar& calendar() const { return *calendar_; }

 private:
  const Calendar* calendar_;
  std::int64_t first_day_;
  std::vector<std::int64_t> prefix_;  // prefix_[i]: working seconds of days first_day_ … +i−1
};

}  // namespace baton
