// Stage conversion (SPEC 4.1): cohort and period funnels, velocity, and the
// breakdown by person dimensions and time grains. A pure function of the model
// and the options; it reads no file, clock or environment.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "baton/model.h"
#include "baton/period.h"

namespace baton {

enum class Basis { kCohort, kPeriod };

// One --by key: a person dimension or a time grain.
struct GroupKey {
  std::string name;            // "source", "campaign", "owner", a custom dimension, or a grain
  std::optional<Grain> grain;  // set for day/week/month/quarter
  int dimension = -1;          // index into Model::dimensions for custom dimensions
};

// Parses "--by source,month" against the custom dimensions (Config::dimensions,
// which are the model's). Throws Error(kUsage) naming the unknown key and listing
// the known ones.
std::vector<GroupKey> ParseGroupKeys(std::string_view text,
                                     const std::vector<std::string>& dimensions);
inline std::vector<GroupKey> ParseGroupKeys(std::string_view text, const Model& model) {
  return ParseGroupKeys(text, model.dimensions);
}

// The value of a dimension key for a person ("(none)" when empty).
std::string DimensionValue(const Model& model, std::size_t person, const GroupKey& key);

// Who an "owner" key names: the person's current owner (funnel), or the owner at
// the time the person entered the report (SPEC 4.4: an SLA case belongs to the
// owner at the rule's start).
enum class OwnerKey { kCurrent, kAtTime };

// The --by key of person p entering the report at `at` (one value per key: a
// dimension's value, or the label of the time bucket of `at` in tz), into `key`.
// Returns the start of the latest bucket (kNoTime without a time grain). Shared
// by every report that groups people (funnel, sla).
Instant GroupKeyOf(const Model& model, std::size_t person, Instant at,
                   const std::vector<GroupKey>& by, Zone tz, OwnerKey owner,
                   std::vector<std::string>& key);

struct FunnelOptions {
  Basis basis = Basis::kCohort;
  Period period;
  Zone tz = nullptr;
  int from_stage = 0;                 // the cohort's entry stage (A)
  std::optional<double> window_days;  // --window D
  std::vector<GroupKey> by;
};

// Nearest-rank percentile (SPEC 4.1): the value at 1-based rank ⌈p·n/100⌉ of the
// sorted values. `values` is reordered in place; empty → nullopt.
std::optional<double> Percentile(std::vector<double>& values, double p);

struct StageFigures {
  std::int64_t count = 0;                       // cohort: reached; period: entered in the period
  std::optional<double> step_rate;              // from the previous stage shown (n/a when 0 / 0)
  std::optional<double> cumulative;             // from the entry stage (cohort basis only)
  std::optional<double> median_days, p90_days;  // velocity from the previous stage
  std::int64_t velocity_n = 0;                  // people the velocity is measured on
};

struct FunnelGroup {
  std::vector<std::string> key;  // one value per GroupKey; empty for the total row
  bool is_total = false;
  bool immature = false;             // SPEC 4.1 / issue: younger than the slowest median step
  Instant start = kNoTime;           // start of the cohort's time bucket or period
  std::vector<StageFigures> stages;  // from_stage … last stage
};

struct FunnelResult {
  std::vector<std::string> stages;            // the stages shown (from_stage … last)
  std::vector<FunnelGroup> groups;            // sorted by key; the total row last
  std::optional<double> slowest_median_days;  // over the total row; positive medians only
  // SPEC 2.2 rule 5, cohort basis: people whose time at the entry stage is
  // unknown (a current status only) are in an all-time cohort and out of a dated
  // one (or one broken down by a time grain), which cannot place them; and the
  // later stages cohort members reached at an unknown time (counted as reached,
  // except within a --window, which needs a time).
  std::int64_t unknown_entry_counted = 0, unknown_entry_left_out = 0;
  std::int64_t unknown_later_counted = 0, unknown_later_not_counted = 0;
};

// Computes the funnel (SPEC 4.1). Cohort basis: the cohort is the people whose
// time at the entry stage falls in the period (an unknown time falls in all time
// only, see FunnelResult); a later stage counts when
// reached by as-of (at a known or unknown time; with a window, only known times
// within window days of entry). Period basis: people whose known time at each
// stage falls in the period. Velocity uses consecutive stages, both times known.
FunnelResult ComputeFunnel(const Model& model, const FunnelOptions& options);

}  // namespace baton
