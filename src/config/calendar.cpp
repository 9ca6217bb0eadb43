// Business calendars as data: the standard calendar and the parsers of working
// hours and holiday dates that the config uses (see calendar.h).
#include "baton/calendar.h"

#include <date/date.h>

#include <algorithm>
#include <charconv>

namespace baton {
namespace {

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

}  // namespace baton
