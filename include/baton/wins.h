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

// Where a win comes from, so that Wins and the funnel's customers can be told apart.
enum class WinHow {
  kWonDeal,    // the person became a customer in the period and won deals in it
  kNoOwnDeal,  // the person became a customer in the period with no won deal credited to
               // them: a date column, stage history, or a deal credited to another
               // contact of it (a deal counts for its first linked person)
  kRepeat,     // a won deal in the period of a person who was a customer before it
  kOtherTime,  // a won deal in the period of a person whose customer time is unknown or
               // after the period (a date column says so)
  kNoPerson,   // a won deal linked to no person
};

struct Win {
  std::int32_t person = -1;  // -1: a deal linked to no person
  Instant won_at = kNoTime;  // the customer time in the period, else the first close date in it
  double amount = 0;         // every won deal of the person closed in the period
  std::int64_t deals = 0;
  WinHow how = WinHow::kWonDeal;
  Instant entered = kNoTime;  // the person's first-stage time (kNoTime/kUnknownTime: none)
  std::uint32_t campaign = 0, source = 0, owner = 0;  // StringPool ids; owner: the deal's
};

// One Win per person who became a customer (the last stage) in the period or had a
// won deal closed in it, and one per won deal linked to nobody; by time, then person.
std::vector<Win> ComputeWins(const Model& model, const Period& period);

// "won deal", "no deal of their own", "already a customer", "customer at another
// time", "no person".
std::string_view WinHowText(WinHow how);

}  // namespace baton
