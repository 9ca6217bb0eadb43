// Report periods and time grains (SPEC 3): the half-open interval a report covers,
// resolved against the report time zone and as-of (never the wall clock), and
// the buckets of a `--by day|week|month|quarter` breakdown.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "baton/time.h"

namespace baton {

// The calendar unit a --period names (2024-06 is a month, last-week a week);
// kNone for a free range (last-30d, --since/--until, all time).
enum class PeriodUnit { kNone, kDay, kWeek, kMonth, kQuarter, kYear };

// [since, until). since = kNoTime means "from the beginning".
struct Period {
  Instant since = kNoTime;
  Instant until = 0;
  std::string label;  // "2024-Q1", "all time", "2024-01-01 … 2024-02-01"
  PeriodUnit unit = PeriodUnit::kNone;
  // The end of the calendar unit; later than `until` when as-of cuts the unit short.
  Instant unit_until = 0;

  // Whether the period has a start or ends before as-of: not all time, so a time
  // that is unknown cannot be placed in it (SPEC 2.2 rule 5).
  bool Dated(Instant as_of) const { return since != kNoTime || until <= as_of; }
  bool Contains(Instant t) const {
    return t != kNoTime && (since == kNoTime || t >= since) && t < until;
  }
};

// Parses --as-of: "now" (→ `now`), a date (midnight in tz) or a timestamp.
// Throws Error(kUsage) with the accepted forms.
Instant ParseAsOf(std::string_view text, Zone tz, Instant now);

// Resolves --period / --since / --until (SPEC 3). Periods: today, yesterday,
// this-week, last-week (ISO weeks, Monday first), this-month, last-month,
// this-quarter, last-quarter, YYYY, YYYY-MM, YYYY-Qn, YYYY-Www, last-Nd (N ≤ 36500). --since and
// --until take dates (midnight in tz) or timestamps and cannot be combined with
// --period. Without any, the period is all time up to and including as-of.
// The end never passes as-of: nothing after it exists. Throws Error(kUsage).
// An as-of for resolving a period that lies ahead (a plan's target): 9999-12-31,
// so that no period is cut short.
inline constexpr Instant kFarFuture = 253402300799;

Period ResolvePeriod(std::string_view period, std::string_view since, std::string_view until,
                     Zone tz, Instant as_of);

// What `summary` compares a period with (SPEC 3): for a calendar unit the
// previous one (2024-06 → 2024-05, 2024-Q2 → 2024-Q1, a week → the week before,
// labelled "2024-05: 2024-05-01 to 2024-05-31"); when as-of cuts the unit short,
// as far into the previous unit as the period has run ("2024-05, its first 14
// days: 2024-05-01 to 2024-05-14"). A free range goes back its own length, whole
// local days when it is whole days ("2024-02-26 to 2024-03-03"). nullopt for a
// period open at the start ("all time").
std::optional<Period> PreviousPeriod(const Period& period, Zone tz);

// A period's short name for a sentence: the unit's name ("2024-06", "2024-W23",
// "2024-Q2", "2024", "2024-06-03"), "2024-06 to date" when as-of cuts it short,
// "2024-06-01 to 2024-06-30" for a free range, the label for one open at the start.
std::string PeriodName(const Period& period, Zone tz);

// How a report names what `previous` is to `period`: "the previous month", "the
// same days of the previous week", "the previous period of the same length".
std::string PreviousWhat(const Period& period);

enum class Grain { kDay, kWeek, kMonth, kQuarter };

// "day", "week", "month", "quarter" → Grain.
std::optional<Grain> ParseGrain(std::string_view text);

// The bucket of a grain that holds t in zone tz: its start and its label
// ("2024-03-05", "2024-W10", "2024-03", "2024-Q1").
struct Bucket {
  Instant start;
  std::string label;
};
Bucket BucketOf(Instant t, Grain grain, Zone tz);
// The end of the bucket that starts at `start`: the start of the next one.
Instant BucketEnd(Instant start, Grain grain, Zone tz);

}  // namespace baton
