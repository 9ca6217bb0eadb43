// The business clock (see business_clock.h). Each local day's working intervals
// are converted to instants through the calendar's zone, so a DST change, a
// weekend, a holiday or a year end needs no special case: the day loop simply
// finds fewer, shorter or no intervals.
#include "baton/business_clock.h"

#include <date/date.h>

#include <algorithm>
#include <charconv>

namespace baton {
namespace {

struct Span {
  Instant start, end;
};

std::int64_t LocalDayOf(Instant t, Zone tz) {
  CivilTime c = ToCivil(t, tz);
  return date::sys_days(date::year(c.year) / c.month / c.day).time_since_epoch().count();
}

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

bool ParseClock(std::string_view text, int& minute) {
  int h = 0, m = 0;
  if (text.size() != 5 || text[2] != ':') return false;
  auto r1 = std::from_chars(text.data(), text.data() + 2, h);
  auto r2 = std::from_chars(text.data() + 3, text.data() + 5, m);
  if (r1.ptr != text.data() + 2 || r2.ptr != text.data() + 5 || m > 59) return false;
  if (h > 24 || (h == 24 && m != 0)) return false;
  minute = h * 60 + m;
  return true;
}

}  // namespace

Calendar Calendar::Standard(Zone tz) {
  Calendar c;
  c.tz = tz;
  for (int d = 0; d < 5; ++d) c.hours[d] = {WorkingInterval{9 * 60, 17 * 60}};
  return c;
}

bool ParseWorkingHours(std::string_view text, std::vector<WorkingInterval>& out) {
  out.clear();
  while (!text.empty()) {
    auto cut = text.find(',');
    std::string_view part = text.substr(0, cut);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    auto dash = part.find('-');
    WorkingInterval iv;
    if (dash == std::string_view::npos || !ParseClock(part.substr(0, dash), iv.start) ||
        !ParseClock(part.substr(dash + 1), iv.end) || iv.start >= iv.end || iv.start == 1440) {
      return false;
    }
    out.push_back(iv);
    text = cut == std::string_view::npos ? std::string_view{} : text.substr(cut + 1);
  }
  std::sort(out.begin(), out.end(), [](auto a, auto b) { return a.start < b.start; });
  for (std::size_t i = 1; i < out.size(); ++i) {
    if (out[i].start < out[i - 1].end) return false;
  }
  return !out.empty();
}

bool ParseHolidayDate(std::string_view text, std::int64_t& day) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  auto r1 = std::from_chars(text.data(), text.data() + 4, y);
  auto r2 = std::from_chars(text.data() + 5, text.data() + 7, m);
  auto r3 = std::from_chars(text.data() + 8, text.data() + 10, d);
  if (r1.ptr != text.data() + 4 || r2.ptr != text.data() + 7 || r3.ptr != text.data() + 10) {
    return false;
  }
  date::year_month_day ymd{date::year(y), date::month(m), date::day(d)};
  if (!ymd.ok()) return false;
  day = date::sys_days(ymd).time_since_epoch().count();
  return true;
}

std::int64_t BusinessSeconds(const Calendar& calendar, Instant a, Instant b) {
  if (b < a) return -BusinessSeconds(calendar, b, a);
  std::int64_t total = 0;
  // One day either side: a local day's intervals can start before its midnight in
  // UTC terms only through the zone offset, which the conversion already applies.
  for (std::int64_t day = LocalDayOf(a, calendar.tz) - 1; day <= LocalDayOf(b, calendar.tz) + 1;
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
  for (std::int64_t day = LocalDayOf(t, calendar.tz) - 1; found == kNoTime; ++day) {
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
  for (std::int64_t day = LocalDayOf(t, calendar.tz) - 1; found == kNoTime; ++day) {
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
