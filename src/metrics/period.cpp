// Period resolution and time buckets in the report time zone (see period.h).
// Calendar arithmetic uses Howard Hinnant's date (civil days, ISO weeks); the
// conversion of local midnights to instants goes through LocalToInstant.
#include "baton/period.h"

#include <date/date.h>
#include <date/iso_week.h>
#include <fmt/format.h>

#include <charconv>

#include "baton/error.h"
#include "baton/values.h"

namespace baton {
namespace {

using Days = date::sys_days;

// Civil days (baton/time.h) as date's sys_days, for its calendar arithmetic.
Instant Midnight(Days day, Zone tz) { return DayStart(day.time_since_epoch().count(), tz); }
Days LocalDate(Instant t, Zone tz) { return Days(date::days(LocalDay(t, tz))); }

Days QuarterStart(Days day) {
  date::year_month_day ymd(day);
  unsigned q = (unsigned(ymd.month()) - 1) / 3;
  return Days(ymd.year() / date::month(q * 3 + 1) / 1);
}

Days WeekStart(Days day) {
  date::weekday wd(day);
  return day - date::days((wd.c_encoding() + 6) % 7);
}

bool ParseInt(std::string_view text, int& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

[[noreturn]] void BadPeriod(std::string_view text) {
  ThrowUsage("--period " + std::string(text) + " is not a period baton knows",
             "use today, yesterday, this-week, last-week, this-month, last-month, this-quarter, "
             "last-quarter, YYYY, YYYY-MM, YYYY-Qn, YYYY-Www or last-Nd");
}

// [first, last) in civil days and the calendar unit, for a --period value.
struct Span {
  Days first, last;
  PeriodUnit unit = PeriodUnit::kNone;
};

Span PeriodDays(std::string_view text, Days today) {
  using date::days;
  using date::months;
  using date::years;
  using U = PeriodUnit;
  if (text == "today") return {today, today + days(1), U::kDay};
  if (text == "yesterday") return {today - days(1), today, U::kDay};
  if (text == "this-week") return {WeekStart(today), WeekStart(today) + days(7), U::kWeek};
  if (text == "last-week") return {WeekStart(today) - days(7), WeekStart(today), U::kWeek};
  date::year_month_day ymd(today);
  Days month(ymd.year() / ymd.month() / 1);
  if (text == "this-month") {
    return {month, Days((ymd.year() / ymd.month() + months(1)) / 1), U::kMonth};
  }
  if (text == "last-month") {
    return {Days((ymd.year() / ymd.month() - months(1)) / 1), month, U::kMonth};
  }
  Days quarter = QuarterStart(today);
  date::year_month_day qymd(quarter);
  auto qym = qymd.year() / qymd.month();
  if (text == "this-quarter") return {quarter, Days((qym + months(3)) / 1), U::kQuarter};
  if (text == "last-quarter") return {Days((qym - months(3)) / 1), quarter, U::kQuarter};
  int n = 0;
  if (text.size() > 6 && text.substr(0, 5) == "last-" && text.back() == 'd' &&
      ParseInt(text.substr(5, text.size() - 6), n) && n > 0 && n <= 36500) {
    return {today + days(1) - days(n), today + days(1), U::kNone};
  }
  int year = 0;
  if (text.size() >= 4 && ParseInt(text.substr(0, 4), year) && year >= 1900 && year < 3000) {
    date::year y(year);
    if (text.size() == 4) return {Days(y / 1 / 1), Days((y + years(1)) / 1 / 1), U::kYear};
    int part = 0;
    if (text.size() == 7 && text[4] == '-' && ParseInt(text.substr(5), part) && part >= 1 &&
        part <= 12) {
      auto ym = y / date::month(static_cast<unsigned>(part));
      return {Days(ym / 1), Days((ym + months(1)) / 1), U::kMonth};
    }
    if (text.size() == 7 && text.substr(4, 2) == "-Q" && ParseInt(text.substr(6), part) &&
        part >= 1 && part <= 4) {
      auto ym = y / date::month(static_cast<unsigned>(part * 3 - 2));
      return {Days(ym / 1), Days((ym + months(3)) / 1), U::kQuarter};
    }
    if (text.size() == 8 && text.substr(4, 2) == "-W" && ParseInt(text.substr(6), part) &&
        part >= 1) {
      auto iy = iso_week::year(year);
      if (static_cast<unsigned>(part) <= unsigned((iy / iso_week::last).weeknum())) {
        Days start(iy / iso_week::weeknum(static_cast<unsigned>(part)) / iso_week::mon);
        return {start, start + days(7), U::kWeek};
      }
    }
  }
  BadPeriod(text);
}

// The unit before the one that starts on `first`.
Span PreviousUnit(Days first, PeriodUnit unit) {
  using date::days;
  using date::months;
  date::year_month_day ymd(first);
  auto ym = ymd.year() / ymd.month();
  switch (unit) {
    case PeriodUnit::kDay:
      return {first - days(1), first, unit};
    case PeriodUnit::kWeek:
      return {first - days(7), first, unit};
    case PeriodUnit::kMonth:
      return {Days((ym - months(1)) / 1), first, unit};
    case PeriodUnit::kQuarter:
      return {Days((ym - months(3)) / 1), first, unit};
    case PeriodUnit::kYear:
    case PeriodUnit::kNone:
      break;
  }
  return {Days((ymd.year() - date::years(1)) / 1 / 1), first, unit};
}

// The unit's own name: "2024-05-31", "2024-W22", "2024-05", "2024-Q2", "2024".
std::string UnitName(Days first, PeriodUnit unit) {
  date::year_month_day ymd(first);
  switch (unit) {
    case PeriodUnit::kWeek: {
      iso_week::year_weeknum_weekday iso(first);
      return fmt::format("{}-W{:02}", int(iso.year()), unsigned(iso.weeknum()));
    }
    case PeriodUnit::kMonth:
      return date::format("%Y-%m", first);
    case PeriodUnit::kQuarter:
      return fmt::format("{}-Q{}", int(ymd.year()), (unsigned(ymd.month()) + 2) / 3);
    case PeriodUnit::kYear:
      return fmt::format("{}", int(ymd.year()));
    case PeriodUnit::kDay:
    case PeriodUnit::kNone:
      break;
  }
  return date::format("%Y-%m-%d", first);
}

std::string DayLabel(Days day) { return date::format("%Y-%m-%d", day); }

Instant ParseBound(std::string_view flag, std::string_view text, Zone tz) {
  ValueContext ctx;
  ctx.tz = tz;
  auto t = ParseTimestamp(text, ctx);
  if (!t) {
    ThrowUsage(std::string(flag) + " " + std::string(text) + " is not a date or timestamp",
               "write 2024-03-01 (midnight in the report time zone) or 2024-03-01T09:00:00Z");
  }
  return *t;
}

}  // namespace

Instant ParseAsOf(std::string_view text, Zone tz, Instant now) {
  if (text.empty() || text == "now") return now;
  return ParseBound("--as-of", text, tz);
}

Period ResolvePeriod(std::string_view period, std::string_view since, std::string_view until,
                     Zone tz, Instant as_of) {
  Period out;
  const Instant end_of_data = as_of + 1;  // as-of itself exists; anything later does not
  if (!period.empty()) {
    if (!since.empty() || !until.empty()) {
      ThrowUsage("--period cannot be combined with --since/--until", "give one or the other");
    }
    auto [first, last, unit] = PeriodDays(period, LocalDate(as_of, tz));
    out.since = Midnight(first, tz);
    out.unit = unit;
    if (out.since >= end_of_data) {
      ThrowUsage("--period " + std::string(period) + " starts after as-of (" + FormatUtc(as_of) +
                     "): nothing in it exists yet",
                 "pass a later --as-of, or an earlier period");
    }
    Instant end = Midnight(last, tz);
    out.until = std::min(end, end_of_data);
    // A free range (last-Nd) is never "cut short": it is as long as it says.
    out.unit_until = unit == PeriodUnit::kNone ? out.until : end;
    // The last day included, not the exclusive end; say when as-of cuts it short.
    out.label = std::string(period) + ": " + DayLabel(first) + " to " +
                DayLabel(last - date::days(1)) + (end > end_of_data ? ", up to as-of" : "");
    return out;
  }
  out.since = since.empty() ? kNoTime : ParseBound("--since", since, tz);
  out.until = until.empty() ? end_of_data : std::min(ParseBound("--until", until, tz), end_of_data);
  out.unit_until = out.until;
  if (out.since != kNoTime && out.since >= out.until) {
    ThrowUsage("the period is empty: --since is not before --until (or as-of)",
               "check the dates; --until is exclusive");
  }
  if (since.empty() && until.empty()) {
    out.label = "all time";
  } else {
    out.label = "from " + (since.empty() ? std::string("the beginning") : std::string(since)) +
                (until.empty() ? std::string(" up to as-of")
                               : " until " + std::string(until) + " (exclusive)");
  }
  return out;
}

std::optional<Period> PreviousPeriod(const Period& period, Zone tz) {
  if (period.since == kNoTime) return std::nullopt;
  Period out;
  out.until = period.since;
  const Days first = LocalDate(period.since, tz), end = LocalDate(period.until, tz);
  const bool whole_days = Midnight(first, tz) == period.since && Midnight(end, tz) == period.until;
  if (period.unit != PeriodUnit::kNone) {
    Span before = PreviousUnit(first, period.unit);
    out.unit = period.unit;
    out.since = Midnight(before.first, tz);
    out.unit_until = period.since;
    std::string name = UnitName(before.first, period.unit);
    if (period.until < period.unit_until) {
      // As far into the previous unit as the period has run, by the calendar: to
      // the same day of the month (June 1st–15th: May 1st–15th; 2024 to June
      // 15th: 2023 to June 15th), or the same number of days for a week or a day,
      // at the same local time of day; never past the previous unit's end.
      const Instant time_of_day = period.until - Midnight(end, tz);
      Days to = before.first + (end - first);
      if (period.unit == PeriodUnit::kMonth || period.unit == PeriodUnit::kQuarter ||
          period.unit == PeriodUnit::kYear) {
        date::year_month_day a(first), b(end), start(before.first);
        const int months = (int(b.year()) - int(a.year())) * 12 +
                           (int(unsigned(b.month())) - int(unsigned(a.month())));
        auto ym = start.year() / start.month() + date::months(months);
        const unsigned last_day = unsigned((ym / date::last).day());
        to = Days(ym / date::day(std::min(unsigned(b.day()), last_day)));
      }
      out.until = to >= before.last ? Midnight(before.last, tz)
                                    : std::min(Midnight(to, tz) + time_of_day, out.until);
      if (period.unit == PeriodUnit::kDay) {
        name += ", up to the same time";
      } else {
        const auto days = (LocalDate(out.until - 1, tz) - before.first).count() + 1;
        name += fmt::format(", its first {} day{}", days, days == 1 ? "" : "s");
      }
    }
    if (period.unit == PeriodUnit::kDay) {  // "2024-06-14", not "2024-06-14: 2024-06-14 to …"
      out.label = name;
      return out;
    }
    out.label =
        name + ": " + FormatLocalDate(out.since, tz) + " to " + FormatLocalDate(out.until - 1, tz);
    return out;
  }
  // A free range of whole local days goes back the same number of days, midnight
  // to midnight, so that a week across a DST change is still a week; any other
  // goes back the same number of seconds.
  if (whole_days) {
    out.since = Midnight(first - (end - first), tz);
  } else {
    out.since = period.since - (period.until - period.since);
  }
  out.unit_until = out.until;
  out.label = FormatLocalDate(out.since, tz) + " to " + FormatLocalDate(out.until - 1, tz);
  return out;
}

std::string PeriodName(const Period& period, Zone tz) {
  if (period.since == kNoTime) return period.label;
  if (period.unit == PeriodUnit::kNone) {
    return FormatLocalDate(period.since, tz) + " to " + FormatLocalDate(period.until - 1, tz);
  }
  std::string name = UnitName(LocalDate(period.since, tz), period.unit);
  if (period.until >= period.unit_until) return name;
  return name + (period.unit == PeriodUnit::kDay ? " so far" : " to date");
}

std::string PreviousWhat(const Period& period) {
  const char* unit = "";
  switch (period.unit) {
    case PeriodUnit::kNone:
      return "the previous period of the same length";
    case PeriodUnit::kDay:
      unit = "day";
      break;
    case PeriodUnit::kWeek:
      unit = "week";
      break;
    case PeriodUnit::kMonth:
      unit = "month";
      break;
    case PeriodUnit::kQuarter:
      unit = "quarter";
      break;
    case PeriodUnit::kYear:
      unit = "year";
      break;
  }
  if (period.until >= period.unit_until) return fmt::format("the previous {}", unit);
  return period.unit == PeriodUnit::kDay ? "the previous day up to the same time"
                                         : fmt::format("the same days of the previous {}", unit);
}

std::optional<Grain> ParseGrain(std::string_view text) {
  if (text == "day") return Grain::kDay;
  if (text == "week") return Grain::kWeek;
  if (text == "month") return Grain::kMonth;
  if (text == "quarter") return Grain::kQuarter;
  return std::nullopt;
}

Bucket BucketOf(Instant t, Grain grain, Zone tz) {
  Days day = LocalDate(t, tz);
  switch (grain) {
    case Grain::kDay:
      return {Midnight(day, tz), DayLabel(day)};
    case Grain::kWeek: {
      iso_week::year_weeknum_weekday iso(day);
      return {Midnight(WeekStart(day), tz),
              fmt::format("{}-W{:02}", int(iso.year()), unsigned(iso.weeknum()))};
    }
    case Grain::kMonth: {
      date::year_month_day ymd(day);
      return {Midnight(Days(ymd.year() / ymd.month() / 1), tz), date::format("%Y-%m", day)};
    }
    case Grain::kQuarter: {
      Days q = QuarterStart(day);
      date::year_month_day ymd(q);
      return {Midnight(q, tz),
              fmt::format("{}-Q{}", int(ymd.year()), (unsigned(ymd.month()) + 2) / 3)};
    }
  }
  return {};
}

Instant BucketEnd(Instant start, Grain grain, Zone tz) {
  // By the local calendar: a month or quarter with a DST change is an hour off
  // its days.
  const Days day = LocalDate(start, tz);
  switch (grain) {
    case Grain::kDay:
      return Midnight(day + date::days(1), tz);
    case Grain::kWeek:
      return Midnight(WeekStart(day) + date::days(7), tz);
    case Grain::kMonth: {
      const date::year_month_day ymd(day);
      return Midnight(Days((ymd.year() / ymd.month() / 1) + date::months(1)), tz);
    }
    case Grain::kQuarter: {
      const date::year_month_day q(QuarterStart(day));
      return Midnight(Days((q.year() / q.month() / 1) + date::months(3)), tz);
    }
  }
  return start;
}

}  // namespace baton
