// The sample company (samples/) read end to end, with numbers worked out by hand
// from the rows themselves. The all-time and 2024-Q1 funnel counts are also
// recomputed independently by samples/reference.py (samples/README.md) and pinned
// by the golden cases in tests/golden/funnel/.
#include <doctest/doctest.h>

#include <algorithm>

#include "baton/funnel.h"
#include "baton/model.h"
#include "test_util.h"

namespace baton {
namespace {

using test::Utc;

struct Samples {
  Config config = LoadConfig(BATON_SOURCE_DIR "/samples/baton.toml");
  std::vector<FileStats> stats;
  std::int64_t rejected = 0;
  Model model;

  Samples() {
    std::vector<InputSpec> inputs;
    for (const char* f :
         {"hubspot-crm-exports-all-contacts-2024-07-01.csv", "Lead.csv", "Contact.csv",
          "Opportunity.csv", "OpportunityContactRole.csv", "OpportunityHistory.csv", "Task.csv",
          "Campaign.csv", "CampaignMember.csv"}) {
      inputs.push_back({std::string(BATON_SOURCE_DIR "/samples/") + f, "", {}});
    }
    model = BuildModel(
        inputs, config, ReadOverrides{}, Utc(2024, 7, 1), [&](const Reject&) { ++rejected; },
        stats);
  }

  // The person whose label (normalised email) is `email`.
  std::size_t Find(std::string_view email) const {
    for (std::size_t p = 0; p < model.people.size(); ++p) {
      if (model.Label(model.people[p]) == email) return p;
    }
    FAIL("no such person: " << email);
    return 0;
  }
};

const Samples& Loaded() {
  static const Samples samples;
  return samples;
}

constexpr std::size_t kLead = 0, kMql = 1, kSal = 2, kSql = 3, kOpp = 4, kCustomer = 5;

TEST_CASE("Hector Ruiz, converted the day after he arrived, passes mql and sal at his sql time") {
  const Samples& s = Loaded();
  std::size_t p = s.Find("hector.ruiz@tidewatercoldstorage.example");
  // Lead.csv line 39: CreatedDate 2024-03-04T21:40:07Z → lead (rule 4, created_at).
  CHECK(s.model.StageTime(p, kLead) == Utc(2024, 3, 4, 21, 40, 7));
  // ConvertedDate "2024-03-05" is a date: midnight New York (EST, UTC−5) = 05:00Z → sql (rule 1).
  CHECK(s.model.StageTime(p, kSql) == Utc(2024, 3, 5, 5));
  // No MQL or SAL record anywhere: under "infer" both take the earliest later known
  // time, which is the sql time, not the opportunity's (later the same day).
  CHECK(s.model.StageTime(p, kMql) == Utc(2024, 3, 5, 5));
  CHECK(s.model.StageTime(p, kSal) == Utc(2024, 3, 5, 5));
  // ConvertedOpportunityId 006Kb0000xzCOl7IAG: its first history row (Qualification,
  // 2024-03-05T14:20:38Z) → opportunity (rule 2); its Closed Won row → customer.
  CHECK(s.model.StageTime(p, kOpp) == Utc(2024, 3, 5, 14, 20, 38));
  CHECK(s.model.StageTime(p, kCustomer) == Utc(2024, 4, 29, 17, 21, 50));
}

TEST_CASE("Lena Marsh's only deal is linked through a 15-character contact id") {
  const Samples& s = Loaded();
  std::size_t p = s.Find("lena.marsh@granitestateplastics.example");
  // Lead 00QKb0000URoDkQMQV was converted without an opportunity; the contact role
  // names her contact as "003Kb0000pqUpnZ" (15 characters). Its 18-character form is
  // 003Kb0000pqUpnZ + IAS (chunks 003Kb, 0000p, qUpnZ: capitals at bits 3; none; 1,4
  // → 'I' (8), 'A' (0), 'S' (18)), the ConvertedContactId on the lead.
  CHECK(s.model.StageTime(p, kOpp) == Utc(2024, 2, 5, 15, 40, 33));
  CHECK(s.model.StageTime(p, kCustomer) == Utc(2024, 3, 29, 16, 22, 31));
  CHECK(s.model.StageTime(p, kLead) == Utc(2024, 1, 24, 16, 15, 2));
}

TEST_CASE("Dana Whitcombe is one person across HubSpot and Salesforce despite the email case") {
  const Samples& s = Loaded();
  std::size_t p = s.Find("dana.whitcombe@norvale.example");
  // HubSpot row 224 "Dana.Whitcombe@Norvale.example", Create Date "2024-02-06 13:47" in New
  // York (EST) = 18:47Z, earlier than the Salesforce lead (2024-02-08) and contact.
  CHECK(s.model.StageTime(p, kLead) == Utc(2024, 2, 6, 18, 47));
  // First touch: HubSpot's Original Source, not the lead's LeadSource "Phone Inquiry".
  CHECK(s.model.strings.Get(s.model.people[p].source) == "Organic search");
  auto same = std::count_if(s.model.people.begin(), s.model.people.end(), [&](const Person& x) {
    return s.model.Label(x) == "dana.whitcombe@norvale.example";
  });
  CHECK(same == 1);
}

TEST_CASE("the sample files are read whole: every row used or counted") {
  const Samples& s = Loaded();
  CHECK(s.rejected == 0);
  std::int64_t rows = 0;
  for (const auto& f : s.stats) {
    CHECK(f.rows == f.used + f.RejectedTotal() + f.IgnoredTotal());
    rows += f.rows;
  }
  // 259 + 131 + 53 + 51 + 53 + 289 + 470 + 6 + 81 data rows (samples/README.md).
  CHECK(rows == 1393);
  CHECK(s.model.people.size() == 296);
  CHECK(s.model.quality.orphan_activities == 1);    // task 00TKb0000zyGKeXMAW
  CHECK(s.model.quality.out_of_order_people == 1);  // Teresa Lindqvist: SQL before MQL
  const auto& lead = s.stats[1];
  CHECK(lead.unmapped.at("status").at("Nurture").count == 3);
}

TEST_CASE("the 2024-Q1 cohort funnel matches the independent reference") {
  const Samples& s = Loaded();
  FunnelOptions o;
  o.tz = FindZone("America/New_York");
  o.period = ResolvePeriod("2024-Q1", "", "", o.tz, s.model.as_of);
  FunnelResult r = ComputeFunnel(s.model, o);
  std::vector<std::int64_t> counts;
  for (const auto& f : r.groups.back().stages) counts.push_back(f.count);
  CHECK(counts == std::vector<std::int64_t>{131, 50, 28, 25, 24, 13});
}

}  // namespace
}  // namespace baton
