// Customers won in a period (summary's wins), worked by hand.
#include "baton/wins.h"

#include <doctest/doctest.h>

#include "test_util.h"

namespace baton {
namespace {

using test::Utc;

TEST_CASE("wins: one row per person with deals won in the period, summed, orphans apart") {
  Model m;
  m.stages = {"lead", "customer"};
  for (const char* name : {"ana", "bo"}) {
    Person p;
    p.label = m.keys.Insert("e:" + std::string(name)).first;
    p.campaign = m.strings.Intern(std::string(name) + " campaign");
    p.source = m.strings.Intern("Paid search");
    p.owner = m.strings.Intern("Person Owner");
    m.people.push_back(p);
  }
  const std::uint32_t rep = m.strings.Intern("Deal Owner");
  // ana: won 3,000 on 03-20 and 2,000 on 03-05 (in March), 9,999 in February.
  m.opportunities.push_back({Utc(2024, 1, 1), Utc(2024, 3, 20), 3000, true, true, rep, 0});
  m.opportunities.push_back({Utc(2024, 1, 1), Utc(2024, 3, 5), 2000, true, true, 0, 0});
  m.opportunities.push_back({Utc(2024, 1, 1), Utc(2024, 2, 10), 9999, true, true, rep, 0});
  // bo: lost in March (not a win); a deal linked to nobody, won 03-12.
  m.opportunities.push_back({Utc(2024, 1, 1), Utc(2024, 3, 7), 500, false, true, rep, 1});
  m.opportunities.push_back({Utc(2024, 1, 1), Utc(2024, 3, 12), 700, true, true, rep, -1});
  Period march{Utc(2024, 3, 1), Utc(2024, 4, 1), "2024-03"};
  std::vector<Win> wins = ComputeWins(m, march);
  REQUIRE(wins.size() == 2);
  CHECK(wins[0].person == 0);  // by first close date: ana 03-05, then the orphan 03-12
  CHECK(wins[0].won_at == Utc(2024, 3, 5));
  CHECK(wins[0].amount == 5000);
  CHECK(wins[0].deals == 2);
  CHECK(m.strings.Get(wins[0].campaign) == "ana campaign");
  CHECK(m.strings.Get(wins[0].owner) == "Deal Owner");  // the first deal with an owner
  CHECK(wins[1].person == -1);
  CHECK(wins[1].amount == 700);
}

}  // namespace
}  // namespace baton
