// The business clock (see business_clock.h). Each local day's working intervals
// are converted to instants through the calendar's zone, so a DST change, a
// weekend, a holiday or a year end needs no special case: the day loop simply
// finds fewer, shorter or no intervals.
#include "baton/business_clock.h"

#include <date/date.h>

#include <algorithm>

namespace baton {
namespace {

struct Span {
  Instant start, end;
};

bool HasWorkingTime(const Calendar& calendar) {
  return std::any_of(calendar.hours.begin(), calendar.hours.end(),
                     [](const auto& day) { return !day.empty(); });
}

// Calls visit(span) for every working interval of local day `day`, in order.
template <class Visit>
void ForEachSpan(const Calendar& calendar, std::int64_t day, Visit&& visit) {
  if (calendar.holidays.count(day)) return;
  date::sys_days sys{date::days{day}};
  const auto& hours = calendar.hours[(date::weekday(sys).c_encoding() + 6) % 7];
  if (hours.empty()) return;
  date::year_month_day ymd(sys);
  date::year_month_day next(sys + date::days{1});
  auto at = [&](const date::year_month_day& d, int minute) {
    return LocalToInstant(static_cast<int>(d.year()), static_cast<int>(unsigned(d.month())),
                          static_cast<int>(unsigned(d.day())), minute / 60, minute % 60, 0,
                          calendar.tz);
  };
  for (const auto& iv : hours) {
    Instant start = at(ymd, iv.start);
    Instant end = iv.end == 1440 ? at(next, 0) : at(ymd, iv.end);
    if (start < end) visit(Span{start, end});
  }
}

}  // namespace

std::vector<std::pair<Instant, Instant>> WorkingSpans(const Calendar& calendar, std::int64_t day) {
  std::vector<std::pair<Instant, Instant>> spans;
  ForEachSpan(calendar, day, [&](Span s) { spans.emplace_back(s.start, s.end); });
  return spans;
}

BusinessClock::BusinessClock(const Calendar& calendar, std::int64_t first_day,
                             std::int64_t last_day)
    : calendar_(&calendar), first_day_(first_day) {
  prefix_.push_back(0);
  for (std::int64_t day = first_day; day <= last_day; ++day) {
    std::int64_t seconds = 0;
    ForEachSpan(calendar, day, [&](Span s) { seconds += s.end - s.start; });
    prefix_.push_back(prefix_.back() + seconds);
  }
}

std::int64_t BusinessClock::Seconds(Instant a, Instant b) const {
  if (b < a) return -Seconds(b, a);
  const Zone tz = calendar_->tz;
  const std::int64_t da = LocalDay(a, tz), db = LocalDay(b, tz);
  const auto last = first_day_ + static_cast<std::int64_t>(prefix_.size()) - 2;
  if (db - da < 3 || da + 1 < first_day_ || db - 1 > last) {
    return BusinessSeconds(*calendar_, a, b);
  }
  // The partial first day, the whole days between (a day's working intervals lie
  // between its midnight and the next), the partial last day.
  const Instant after_a = DayStart(da + 1, tz), before_b = DayStart(db, tz);
  const std::int64_t whole = prefix_[static_cast<std::size_t>(db - first_day_)] -
                             prefix_[static_cast<std::size_t>(da + 1 - first_day_)];
  return BusinessSeconds(*calendar_, a, after_a) + whole + BusinessSeconds(*calendar_, before_b, b);
}

std::int64_t BusinessSeconds(const Calendar& calendar, Instant a, Instant b) {
  if (b < a) return -BusinessSeconds(calendar, b, a);
  std::int64_t total = 0;
  // One day either side: a local day's intervals can start before its midnight in
  // UTC terms only through the zone offset, which the conversion already applies.
  for (std::int64_t day = LocalDay(a, calendar.tz) - 1; day <= LocalDay(b, calendar.tz) + 1;
       ++day) {
    ForEachSpan(calendar, day, [&](Span s) {
      total += std::max<Instant>(0, std::min(s.end, b) - std::max(s.start, a));
    });
  }
  return total;
}

Instant NextWorking(const Calendar& calendar, Instant t) {
  if (!HasWorkingTime(calendar)) return kNoTime;
  Instant found = kNoTime;
  for (std::int64_t day = LocalDay(t, calendar.tz) - 1; found == kNoTime; ++day) {
    ForEachSpan(calendar, day, [&](Span s) {
      if (found == kNoTime && s.end > t) found = std::max(s.start, t);
    });
  }
  return found;
}

Instant AddBusiness(const Calendar& calendar, Instant t, std::int64_t seconds) {
  if (!HasWorkingTime(calendar)) return kNoTime;
  if (seconds <= 0) return NextWorking(calendar, t);
  Instant found = kNoTime;
  Instant exhausted_at = kNoTime;  // the remaining time ran out exactly at a span's end
  for (std::int64_t day = LocalDay(t, calendar.tz) - 1; found == kNoTime; ++day) {
    ForEachSpan(calendar, day, [&](Span s) {
      if (found != kNoTime || s.end <= t) return;
      if (exhausted_at != kNoTime) {
        found = s.start;  // the next working second after the exact end
        return;
      }
      Instant from = std::max(s.start, t);
      if (seconds < s.end - from) {
        found = from + seconds;
      } else {
        seconds -= s.end - from;
        if (seconds == 0) exhausted_at = s.end;
      }
    });
  }
  return found;
}

}  // namespace baton
