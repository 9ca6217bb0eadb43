// Customers won in a period (summary's wins), worked by hand.
#include "baton/wins.h"

#include <doctest/doctest.h>

#include "baton/records.h"
#include "test_util.h"

namespace baton {
namespace {

using test::Utc;

TEST_CASE("wins: people who became customers in the period and won deals, each saying how") {
  Model m;
  m.stages = {"lead", "customer"};
  for (const char* name : {"ana", "bo", "cy"}) {
    Person p;
    p.label = m.keys.Insert("e:" + std::string(name)).first;
    p.campaign = m.strings.Intern(std::string(name) + " campaign");
    p.source = m.strings.Intern("Paid search");
    p.owner = m.strings.Intern("Person Owner");
    m.people.push_back(p);
  }
  // Stage times (lead, customer): ana a customer since February (her first won
  // deal); bo made a customer in March by a date column; cy by a deal won 03-09.
  m.stage_times = {Utc(2024, 1, 1), Utc(2024, 2, 10),  //
                   Utc(2024, 3, 2), Utc(2024, 3, 15),  //
                   Utc(2024, 1, 5), Utc(2024, 3, 9)};
  const std::uint32_t rep = m.strings.Intern("Deal Owner");
  // ana: won 3,000 on 03-20 and 2,000 on 03-05 (in March), 9,999 in February.
  m.opportunities.push_back({Utc(2024, 1, 1), Utc(2024, 3, 20), 3000, true, true, rep, 0});
  m.opportunities.push_back({Utc(2024, 1, 1), Utc(2024, 3, 5), 2000, true, true, 0, 0});
  m.opportunities.push_back({Utc(2024, 1, 1), Utc(2024, 2, 10), 9999, true, true, rep, 0});
  // bo: lost in March (not a win); a deal linked to nobody, won 03-12.
  m.opportunities.push_back({Utc(2024, 1, 1), Utc(2024, 3, 7), 500, false, true, rep, 1});
  m.opportunities.push_back({Utc(2024, 1, 1), Utc(2024, 3, 12), 700, true, true, rep, -1});
  // cy: won 1,500 on 03-09, which made cy a customer.
  m.opportunities.push_back({Utc(2024, 1, 1), Utc(2024, 3, 9), 1500, true, true, rep, 2});
  Period march{Utc(2024, 3, 1), Utc(2024, 4, 1), "2024-03"};
  std::vector<Win> wins = ComputeWins(m, march);
  REQUIRE(wins.size() == 4);
  // By time: ana 03-05, cy 03-09, the orphan 03-12, bo 03-15.
  CHECK(wins[0].person == 0);
  CHECK(wins[0].how == WinHow::kRepeat);  // a customer before March
  CHECK(wins[0].won_at == Utc(2024, 3, 5));
  CHECK(wins[0].amount == 5000);
  CHECK(wins[0].deals == 2);
  CHECK(wins[0].entered == Utc(2024, 1, 1));
  CHECK(m.strings.Get(wins[0].campaign) == "ana campaign");
  CHECK(m.strings.Get(wins[0].owner) == "Deal Owner");  // the first deal with an owner
  CHECK(wins[1].person == 2);
  CHECK(wins[1].how == WinHow::kWonDeal);
  CHECK(wins[1].amount == 1500);
  CHECK(wins[2].person == -1);
  CHECK(wins[2].how == WinHow::kNoPerson);
  CHECK(wins[2].amount == 700);
  CHECK(wins[3].person == 1);
  CHECK(wins[3].how == WinHow::kNoOwnDeal);  // no won deal: a customer by its date
  CHECK(wins[3].won_at == Utc(2024, 3, 15));
  CHECK(wins[3].deals == 0);
  CHECK(m.strings.Get(wins[3].owner) == "Person Owner");
  CHECK(WinHowText(WinHow::kNoOwnDeal) == "no deal of their own");
}

TEST_CASE("wins: a deal won by a person whose customer time is unknown or later is not a repeat") {
  Model m;
  m.stages = {"lead", "customer"};
  for (const char* name : {"dee", "eli"}) {
    Person p;
    p.label = m.keys.Insert("e:" + std::string(name)).first;
    m.people.push_back(p);
  }
  // dee: a customer at an unknown time; eli: a date column says April, after March.
  m.stage_times = {Utc(2024, 1, 1), kUnknownTime,  //
                   Utc(2024, 1, 1), Utc(2024, 4, 2)};
  m.opportunities.push_back({Utc(2024, 1, 1), Utc(2024, 3, 5), 100, true, true, 0, 0});
  m.opportunities.push_back({Utc(2024, 1, 1), Utc(2024, 3, 6), 200, true, true, 0, 1});
  std::vector<Win> wins = ComputeWins(m, Period{Utc(2024, 3, 1), Utc(2024, 4, 1), "2024-03"});
  REQUIRE(wins.size() == 2);
  CHECK(wins[0].how == WinHow::kOtherTime);
  CHECK(wins[1].how == WinHow::kOtherTime);
  CHECK(WinHowText(WinHow::kOtherTime) == "customer at another time");
  // All time: an unknown customer time is in no period, not "before" it.
  wins = ComputeWins(m, Period{kNoTime, Utc(2025, 1, 1), "all time"});
  REQUIRE(wins.size() == 2);
  CHECK(wins[0].how == WinHow::kOtherTime);  // dee: unknown
  CHECK(wins[1].how == WinHow::kWonDeal);    // eli: April is in all time
  CHECK(wins[1].won_at == Utc(2024, 4, 2));
}

}  // namespace
}  // namespace baton
