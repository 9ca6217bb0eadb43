// Customers won in a period (the "wins" of `summary`): the closed loop from
// campaign to revenue, with the person's first-touch campaign and source and the
// owner who won the deal. A pure function of the model and the period.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "baton/model.h"
#include "baton/period.h"

namespace baton {

struct Win {
  std::int32_t person = -1;  // -1: a deal linked to no person
  Instant won_at = kNoTime;  // the first close date in the period
  double amount = 0;         // every won deal of the person closed in the period
  std::int64_t deals = 0;
  std::uint32_t campaign = 0, source = 0, owner = 0;  // StringPool ids; owner: the deal's
};

// One Win per person with a won deal closed in the period (and one per deal linked
// to nobody), by close date, then person.
std::vector<Win> ComputeWins(const Model& model, const Period& period);

}  // namespace baton
