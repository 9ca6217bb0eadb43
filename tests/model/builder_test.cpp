// The model builder: identity merge, stage-time precedence (SPEC 2.2), the
// skipped-stage policies and as-of.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "baton/model.h"
#include "test_util.h"

namespace baton {
namespace {

using test::Utc;

constexpr std::size_t kLead = 0, kMql = 1, kSal = 2, kSql = 3, kOpp = 4, kCustomer = 5;

PersonRecord MakePerson(std::vector<std::string> keys, Instant created) {
  PersonRecord r;
  r.keys = std::move(keys);
  r.created_at = created;
  r.stage_dates.assign(6, kNoTime);
  return r;
}

Model Build(const std::function<void(ModelBuilder&)>& feed, Config config = DefaultConfig(),
            Instant as_of = Utc(2025, 1, 1)) {
  ModelBuilder builder(config, as_of);
  feed(builder);
  return builder.Finish();
}

TEST_CASE("records sharing an email or a converted-contact id are one person") {
  Model m = Build([](ModelBuilder& b) {
    auto hubspot = MakePerson({"hubspot:1", "e:dana@norvale.example"}, Utc(2024, 3, 1));
    auto lead =
        MakePerson({"salesforce:00Q000000000001AAA", "e:dana@norvale.example"}, Utc(2024, 3, 2));
    lead.linked_keys = {"salesforce:003000000000001AAA"};
    auto contact = MakePerson({"salesforce:003000000000001AAA"}, Utc(2024, 3, 5));
    auto other = MakePerson({"e:ola@fjordlys.example"}, Utc(2024, 3, 7));
    b.Person(contact);  // order does not matter: union–find resolves at the end
    b.Person(hubspot);
    b.Person(lead);
    b.Person(other);
  });
  REQUIRE(m.people.size() == 2);
  // created_at is the earliest over the merged records; lead = created_at (rule 4).
  CHECK(m.StageTime(0, kLead) == Utc(2024, 3, 1));
  CHECK(m.StageTime(1, kLead) == Utc(2024, 3, 7));
}

TEST_CASE("people are shown by their email, else their id; only labels keep their text") {
  auto feed = [](ModelBuilder& b) {
    b.Person(MakePerson({"hubspot:1", "e:dana@norvale.example"}, Utc(2024, 3, 1)));
    b.Person(MakePerson({"salesforce:00Q000000000002AAA"}, Utc(2024, 3, 2)));
    b.Person(MakePerson({"hubspot:3", "e:ola@fjordlys.example"}, Utc(2024, 3, 3)));
  };
  auto labels = [](const Model& m) {
    std::vector<std::string> out;
    for (const auto& p : m.people) out.emplace_back(m.Label(p));
    std::sort(out.begin(), out.end());
    return out;
  };
  const Config config = DefaultConfig();
  using Touches = ModelBuilder::Needs::Touches;
  for (bool data_quality : {false, true}) {
    ModelBuilder shown(config, Utc(2025, 1, 1), {data_quality, Touches::kNone, true});
    feed(shown);
    Model m = shown.Finish();
    CHECK(labels(m) == std::vector<std::string>{"00Q000000000002AAA", "dana@norvale.example",
                                                "ola@fjordlys.example"});
    // The record ids beside an email keep their text only for `check`.
    CHECK(m.keys.Text(*m.keys.Find("hubspot:1")) == (data_quality ? "hubspot:1" : ""));
  }
  ModelBuilder hidden(config, Utc(2025, 1, 1), {false, Touches::kNone, false});
  feed(hidden);
  Model m = hidden.Finish();
  REQUIRE(m.people.size() == 3);
  CHECK(labels(m) == std::vector<std::string>{"", "", ""});
  // Without labels or a second pass the identity map is let go in Finish.
  CHECK(m.keys.size() == 0);
  CHECK(m.person_of_key.empty());
  ModelBuilder second_pass(config, Utc(2025, 1, 1), {false, Touches::kFromPeople, false});
  feed(second_pass);
  Model kept = second_pass.Finish();
  CHECK(kept.keys.size() == 5);
  REQUIRE(kept.keys.Find("hubspot:3").has_value());
  CHECK(kept.person_of_key.at(*kept.keys.Find("hubspot:3")) == 2);
}

TEST_CASE("a stage-date column wins over stage history, which wins over opportunity dates") {
  Model m = Build([](ModelBuilder& b) {
    auto p = MakePerson({"salesforce:00Q000000000001AAA"}, Utc(2024, 1, 1));
    p.stage_dates[kOpp] = Utc(2024, 2, 1);  // rule 1
    p.opportunity_keys = {"salesforce:006000000000001AAA"};
    b.Person(p);
    OpportunityRecord o;
    o.key = "salesforce:006000000000001AAA";
    o.created_at = Utc(2024, 1, 20);  // rule 3 for opportunity: loses to rule 1
    o.close_date = Utc(2024, 4, 1);   // rule 3 for customer: loses to rule 2 below
    o.is_won = o.is_closed = true;
    b.Opportunity(o);
    StageChangeRecord won{"salesforce:006000000000001AAA", true, Utc(2024, 3, 15), kCustomer,
                          false};
    b.StageChange(won);
  });
  REQUIRE(m.people.size() == 1);
  CHECK(m.StageTime(0, kOpp) == Utc(2024, 2, 1));
  CHECK(m.StageTime(0, kCustomer) == Utc(2024, 3, 15));
  CHECK(m.opportunities.size() == 1);
  CHECK(m.opportunities[0].person == 0);
}

TEST_CASE("a lead converted straight to an opportunity passes every earlier stage under infer") {
  auto feed = [](ModelBuilder& b) {
    auto p = MakePerson({"e:a@x.example"}, Utc(2024, 1, 1));
    p.stage_dates[kOpp] = Utc(2024, 1, 10);
    p.stage_dates[kSql] = Utc(2024, 1, 12);  // out of order: sql after opportunity
    b.Person(p);
  };
  Model infer = Build(feed);
  CHECK(infer.StageTime(0, kMql) == Utc(2024, 1, 10));  // min of the later known times
  CHECK(infer.StageTime(0, kSal) == Utc(2024, 1, 10));
  CHECK(infer.StageTime(0, kSql) == Utc(2024, 1, 12));  // recorded, kept as is
  CHECK(infer.StageTime(0, kCustomer) == kNoTime);
  CHECK(infer.quality.out_of_order_people == 1);

  Config strict = DefaultConfig();
  strict.skipped = SkippedPolicy::kStrict;
  Model s = Build(feed, strict);
  CHECK(s.StageTime(0, kMql) == kNoTime);
  CHECK(s.StageTime(0, kSal) == kNoTime);
}

TEST_CASE("a current status gives an unknown time, and infers unknown earlier stages") {
  Model m = Build([](ModelBuilder& b) {
    auto p = MakePerson({"e:a@x.example"}, Utc(2024, 1, 1));
    p.status_stages = {static_cast<int>(kSal)};  // "Working - Contacted"
    b.Person(p);
  });
  CHECK(m.StageTime(0, kLead) == Utc(2024, 1, 1));
  CHECK(m.StageTime(0, kMql) == kUnknownTime);
  CHECK(m.StageTime(0, kSal) == kUnknownTime);
  CHECK(m.StageTime(0, kSql) == kNoTime);
  CHECK(m.quality.unknown_time[kMql] == 1);
  CHECK(m.quality.unknown_time[kSal] == 1);
}

TEST_CASE("nothing after as-of exists: late records, late stage times and late closes") {
  Model m = Build(
      [](ModelBuilder& b) {
        auto early = MakePerson({"e:a@x.example"}, Utc(2024, 1, 1));
        early.stage_dates[kMql] = Utc(2024, 7, 1);  // after as-of: not reached yet
        early.opportunity_keys = {"hubspot:9"};
        b.Person(early);
        b.Person(MakePerson({"e:late@x.example"}, Utc(2024, 6, 2)));
        OpportunityRecord o;
        o.key = "hubspot:9";
        o.created_at = Utc(2024, 5, 1);
        o.close_date = Utc(2024, 6, 15);  // won after as-of: still open at as-of
        o.is_won = o.is_closed = true;
        b.Opportunity(o);
      },
      DefaultConfig(), Utc(2024, 6, 1));
  REQUIRE(m.people.size() == 1);
  CHECK(m.quality.records_after_as_of == 1);
  CHECK(m.StageTime(0, kOpp) == Utc(2024, 5, 1));
  CHECK(m.StageTime(0, kCustomer) == kNoTime);
  CHECK(m.StageTime(0, kMql) == Utc(2024, 5, 1));  // inferred from the opportunity
}

TEST_CASE("opportunities, activities and history that link to nobody are counted, not merged") {
  Model m = Build([](ModelBuilder& b) {
    b.Person(MakePerson({"salesforce:003000000000001AAA"}, Utc(2024, 1, 1)));
    OpportunityRecord o;
    o.key = "salesforce:006000000000009AAA";
    o.created_at = Utc(2024, 2, 1);
    b.Opportunity(o);
    b.Activity(ActivityRecord{"salesforce:00Q00000000000XAAA", Utc(2024, 2, 2), "Call", ""});
    b.Activity(ActivityRecord{"salesforce:003000000000001AAA", Utc(2024, 2, 2), "Call", ""});
    b.CampaignMember(
        CampaignMemberRecord{"salesforce:701", "salesforce:00Qnobody", Utc(2024, 1, 1)});
  });
  CHECK(m.people.size() == 1);
  CHECK(m.quality.orphan_opportunities == 1);
  CHECK(m.quality.orphan_activities == 1);
  CHECK(m.quality.orphan_campaign_members == 1);
  CHECK(m.activities == 2);
  CHECK(m.StageTime(0, kOpp) == kNoTime);
}

TEST_CASE("without data_quality (reports other than check) activities are counted, not looked up") {
  const Config config = DefaultConfig();  // the builder keeps a reference
  ModelBuilder builder(config, Utc(2025, 1, 1),
                       {.data_quality = false, .touches = ModelBuilder::Needs::Touches::kNone});
  builder.Person(MakePerson({"salesforce:003000000000001AAA"}, Utc(2024, 1, 1)));
  builder.Activity(ActivityRecord{"salesforce:00Q00000000000XAAA", Utc(2024, 2, 2), "Call", ""});
  builder.Activity(ActivityRecord{"salesforce:003000000000001AAA", Utc(2024, 2, 2), "Call", ""});
  builder.Activity(ActivityRecord{"salesforce:003000000000001AAA", Utc(2025, 2, 2), "Call", ""});
  Model m = builder.Finish();
  CHECK(m.people.size() == 1);
  CHECK(m.activities == 2);                 // the third is after as-of
  CHECK(m.quality.orphan_activities == 0);  // not looked for
}

TEST_CASE("touches are kept only for a report that judges an [[sla]] rule ending at first_touch") {
  Config config = DefaultConfig();
  config.sla.emplace_back();
  config.sla.back().end = "first_touch";
  using Touches = ModelBuilder::Needs::Touches;
  for (Touches touches : {Touches::kAll, Touches::kFromPeople, Touches::kNone}) {
    CAPTURE(static_cast<int>(touches));
    ModelBuilder b(config, Utc(2025, 1, 1), {.data_quality = false, .touches = touches});
    b.Person(MakePerson({"salesforce:003000000000001AAA"}, Utc(2024, 1, 1)));
    b.Activity(ActivityRecord{"salesforce:003000000000001AAA", Utc(2024, 2, 2), "Call", ""});
    // HubSpot's first engagement, from the person row itself.
    b.Activity(ActivityRecord{"salesforce:003000000000001AAA", Utc(2024, 2, 1), "EMAIL", "", true});
    Model m = b.Finish();
    CHECK(m.activities == 2);
    CHECK(m.touch_times.size() == (touches == Touches::kAll          ? 2u
                                   : touches == Touches::kFromPeople ? 1u
                                                                     : 0u));
  }
}

TEST_CASE("source comes from the earliest record and the campaign from the earliest touch") {
  Model m = Build([](ModelBuilder& b) {
    auto later = MakePerson({"e:a@x.example", "salesforce:00Q1"}, Utc(2024, 2, 1));
    later.source = "Trade Show";
    later.owner = "Sam Okafor";
    auto first = MakePerson({"e:a@x.example", "hubspot:1"}, Utc(2024, 1, 1));
    first.source = "Paid search";
    first.owner = "Priya Raman";
    b.Person(later);
    b.Person(first);
    b.Campaign(CampaignRecord{"salesforce:701A", "Q1 Webinar", "Webinar"});
    b.CampaignMember(CampaignMemberRecord{"salesforce:701A", "salesforce:00Q1", Utc(2023, 12, 30)});
  });
  REQUIRE(m.people.size() == 1);
  CHECK(m.strings.Get(m.people[0].source) == "Paid search");
  CHECK(m.strings.Get(m.people[0].owner) == "Sam Okafor");  // the most recent record's owner
  CHECK(m.strings.Get(m.people[0].campaign) == "Q1 Webinar");
}

}  // namespace
}  // namespace baton

namespace baton {
namespace {

TEST_CASE("a current status does not bring back a stage the data dates after as-of") {
  Model m = Build(
      [](ModelBuilder& b) {
        auto p = MakePerson({"e:a@x.example"}, Utc(2024, 1, 1));
        p.stage_dates[kCustomer] = Utc(2024, 6, 1);       // became a customer in June
        p.status_stages = {static_cast<int>(kCustomer)};  // lifecycle: Customer (today)
        b.Person(p);
      },
      DefaultConfig(), Utc(2024, 3, 1));
  CHECK(m.StageTime(0, kCustomer) == kNoTime);  // not a customer at as-of, known or unknown
  CHECK(m.StageTime(0, kSql) == kNoTime);
}

TEST_CASE("a deal won after as-of does not make its contact a customer through a status") {
  Model m = Build(
      [](ModelBuilder& b) {
        auto p = MakePerson({"salesforce:003A"}, Utc(2024, 1, 1));
        p.status_stages = {static_cast<int>(kCustomer)};
        b.Person(p);
        OpportunityRecord o;
        o.key = "salesforce:006A";
        o.person_keys = {"salesforce:003A"};
        o.created_at = Utc(2024, 2, 1);
        o.close_date = Utc(2024, 5, 1);
        o.is_won = o.is_closed = true;
        b.Opportunity(o);
      },
      DefaultConfig(), Utc(2024, 3, 1));
  CHECK(m.StageTime(0, kOpp) == Utc(2024, 2, 1));
  CHECK(m.StageTime(0, kCustomer) == kNoTime);
}

TEST_CASE("a repeated opportunity id is merged, keeping what either row knows, and counted") {
  Model m = Build([](ModelBuilder& b) {
    auto p = MakePerson({"salesforce:003A"}, Utc(2024, 1, 1));
    b.Person(p);
    OpportunityRecord full;
    full.key = "salesforce:006A";
    full.person_keys = {"salesforce:003A"};
    full.created_at = Utc(2024, 2, 1);
    full.close_date = Utc(2024, 3, 1);
    full.is_won = full.is_closed = true;
    full.amount = 1200;
    OpportunityRecord blank;
    blank.key = "salesforce:006A";
    b.Opportunity(full);
    b.Opportunity(blank);
  });
  REQUIRE(m.opportunities.size() == 1);
  CHECK(m.opportunities[0].amount == 1200);
  CHECK(m.quality.duplicate_opportunities == 1);
  CHECK(m.StageTime(0, kOpp) == Utc(2024, 2, 1));
  CHECK(m.StageTime(0, kCustomer) == Utc(2024, 3, 1));
}

TEST_CASE("a recycled lead moved back to Open keeps its creation time as its lead time") {
  Model m = Build([](ModelBuilder& b) {
    b.Person(MakePerson({"salesforce:00QA"}, Utc(2024, 1, 1)));
    b.StageChange({"salesforce:00QA", false, Utc(2024, 1, 5), static_cast<int>(kSal), false});
    b.StageChange({"salesforce:00QA", false, Utc(2024, 6, 1), static_cast<int>(kLead), false});
  });
  CHECK(m.StageTime(0, kLead) == Utc(2024, 1, 1));
  CHECK(m.StageTime(0, kSal) == Utc(2024, 1, 5));
}

TEST_CASE("the infer policy marks the times it filled in") {
  Model m = Build([](ModelBuilder& b) {
    auto p = MakePerson({"e:a@x.example"}, Utc(2024, 1, 1));
    p.stage_dates[kOpp] = Utc(2024, 1, 10);
    b.Person(p);
  });
  CHECK_FALSE(m.Inferred(0, kLead));
  CHECK(m.Inferred(0, kMql));
  CHECK(m.Inferred(0, kSql));
  CHECK_FALSE(m.Inferred(0, kOpp));
}

TEST_CASE("owner history: assigned at the first move to a user, never a queue, owner at a time") {
  // Salesforce logs each owner change twice at one time: the ids and the names.
  auto change = [](Instant at, const char* old_owner, const char* new_owner, bool id, bool queue) {
    StageChangeRecord r;
    r.subject_key = "salesforce:00Q000000000001AAA";
    r.at = at;
    r.is_owner_change = true;
    r.old_owner = old_owner;
    r.new_owner = new_owner;
    r.owner_is_id = id;
    r.to_queue = queue;
    return r;
  };
  Model m = Build([&](ModelBuilder& b) {
    auto lead = MakePerson({"salesforce:00Q000000000001AAA"}, Utc(2024, 3, 1, 9));
    lead.owner = "Derek Chung";  // the current owner
    lead.owned_by_user = true;   // ignored: the history says who owned it when
    b.Person(lead);
    b.StageChange(
        change(Utc(2024, 3, 1, 10), "005000000000009AAA", "00G000000000001AAA", true, true));
    b.StageChange(change(Utc(2024, 3, 1, 10), "Integration User", "Inbound Queue", false, false));
    b.StageChange(
        change(Utc(2024, 3, 4, 14), "00G000000000001AAA", "005000000000002AAA", true, false));
    b.StageChange(change(Utc(2024, 3, 4, 14), "Inbound Queue", "Derek Chung", false, false));
  });
  REQUIRE(m.people.size() == 1);
  // The move into the queue (both its rows) is not an assignment; the move to Derek is.
  CHECK(m.people[0].assigned_at == Utc(2024, 3, 4, 14));
  auto owner_at = [&](Instant t) { return std::string(m.strings.Get(m.OwnerAt(0, t))); };
  CHECK(owner_at(Utc(2024, 3, 1, 9)) == "Integration User");  // before the first change
  CHECK(owner_at(Utc(2024, 3, 2)) == "Inbound Queue");        // the id, named by its twin
  CHECK(owner_at(Utc(2024, 3, 4, 14)) == "Derek Chung");
}

TEST_CASE("a lead moved from one rep to another was assigned when created, not when moved") {
  Model m = Build([](ModelBuilder& b) {
    auto lead = MakePerson({"salesforce:00Q000000000001AAA"}, Utc(2024, 4, 29, 9));
    lead.owner = "Alicia Moreno";
    lead.owned_by_user = true;
    b.Person(lead);
    StageChangeRecord r;
    r.subject_key = "salesforce:00Q000000000001AAA";
    r.at = Utc(2024, 4, 30, 11);
    r.is_owner_change = true;
    r.owner_is_id = true;
    r.from_user = true;  // OldValue 005…: Shannon had it from creation
    r.old_owner = "Shannon Pike";
    r.new_owner = "Alicia Moreno";
    b.StageChange(r);
  });
  CHECK(m.people[0].assigned_at == Utc(2024, 4, 29, 9));
  CHECK(std::string(m.strings.Get(m.OwnerAt(0, Utc(2024, 4, 29, 12)))) == "Shannon Pike");
}

TEST_CASE("a Salesforce record owned by a user with no owner history was assigned when created") {
  Model m = Build([](ModelBuilder& b) {
    auto lead = MakePerson({"salesforce:00Q000000000001AAA"}, Utc(2024, 3, 1, 9));
    lead.owner = "Derek Chung";
    lead.owned_by_user = true;
    b.Person(lead);
    auto queued = MakePerson({"salesforce:00Q000000000002AAA"}, Utc(2024, 3, 1, 9));
    b.Person(queued);  // owned by a queue: not assigned
  });
  CHECK(m.people[0].assigned_at == Utc(2024, 3, 1, 9));
  CHECK(m.people[1].assigned_at == kNoTime);
  CHECK(std::string(m.strings.Get(m.OwnerAt(0, Utc(2024, 1, 1)))) == "Derek Chung");
}

// SPEC 2.1, one owner, one row: the change is the id row's; its name twin names the
// ids, so the queue a lead waited in reads the same whichever row named it.
TEST_CASE("a queue named by a LeadHistory name twin is one owner, not its id and its name") {
  auto change = [](const char* lead, Instant at, const char* from, const char* to, bool id) {
    StageChangeRecord r;
    r.subject_key = lead;
    r.at = at;
    r.is_owner_change = true;
    r.old_owner = from;
    r.new_owner = to;
    r.owner_is_id = id;
    return r;
  };
  constexpr const char* kA = "salesforce:00Q000000000001AAA";
  constexpr const char* kB = "salesforce:00Q000000000002AAA";
  constexpr const char* kC = "salesforce:00Q000000000003AAA";
  Config config = DefaultConfig();
  config.owners["005000000000005AAA"] = "Owner 5";
  Model m = Build(
      [&](ModelBuilder& b) {
        auto a = MakePerson({kA}, Utc(2024, 2, 19, 20));
        a.owner = "005000000000005AAA";
        b.Person(a);
        auto queued = MakePerson({kB}, Utc(2024, 2, 19, 20));
        queued.owner = "00G000000000001AAA";  // no history: the queue's id only
        b.Person(queued);
        auto c = MakePerson({kC}, Utc(2024, 2, 19, 20));
        c.owner = "005000000000007AAA";
        b.Person(c);
        // The name row first in the file: it must not decide which owner this is.
        b.StageChange(
            change(kA, Utc(2024, 2, 21, 3), "Inbound Queue Americas", "Olivia Five", false));
        b.StageChange(
            change(kA, Utc(2024, 2, 21, 3), "00G000000000001AAA", "005000000000005AAA", true));
        b.StageChange(
            change(kC, Utc(2024, 2, 21, 4), "00G000000000001AAA", "005000000000007AAA", true));
        b.StageChange(
            change(kC, Utc(2024, 2, 21, 4), "Inbound Queue Americas", "Sam Seven", false));
      },
      config);
  auto owner_at = [&](std::size_t p, Instant t) {
    return std::string(m.strings.Get(m.OwnerAt(p, t)));
  };
  CHECK(owner_at(0, Utc(2024, 2, 20)) == "Inbound Queue Americas");
  CHECK(owner_at(1, Utc(2024, 2, 20)) == "Inbound Queue Americas");  // named by A's twin
  CHECK(owner_at(0, Utc(2024, 2, 22)) == "Owner 5");    // [owners] wins over "Olivia Five"
  CHECK(owner_at(2, Utc(2024, 2, 22)) == "Sam Seven");  // no [owners] entry: the twin's name
  CHECK(std::string(m.strings.Get(m.people[0].owner)) == "Owner 5");
  CHECK(std::string(m.strings.Get(m.people[2].owner)) == "Sam Seven");
  // Calendars may list an owner by id or by the name shown.
  CHECK(m.OwnerIs(m.people[1].owner, "00G000000000001AAA"));
  CHECK(m.OwnerIs(m.people[1].owner, "Inbound Queue Americas"));
  CHECK(!m.OwnerIs(m.people[1].owner, "005000000000005AAA"));
}

TEST_CASE("an owner-name column names its owner id, and [owners] still wins") {
  Config config = DefaultConfig();
  config.owners["005000000000005AAA"] = "Owner 5";
  Model m = Build(
      [&](ModelBuilder& b) {
        auto a = MakePerson({"salesforce:00Q000000000001AAA"}, Utc(2024, 2, 1));
        a.owner = "005000000000007AAA";
        a.owner_name = "Sam Seven";
        b.Person(a);
        auto c = MakePerson({"salesforce:00Q000000000002AAA"}, Utc(2024, 2, 1));
        c.owner = "005000000000007AAA";  // the same id, no name on this row
        b.Person(c);
        auto d = MakePerson({"salesforce:00Q000000000003AAA"}, Utc(2024, 2, 1));
        d.owner = "005000000000005AAA";
        d.owner_name = "Olivia Five";
        b.Person(d);
      },
      config);
  CHECK(std::string(m.strings.Get(m.people[0].owner)) == "Sam Seven");
  CHECK(std::string(m.strings.Get(m.people[1].owner)) == "Sam Seven");
  CHECK(std::string(m.strings.Get(m.people[2].owner)) == "Owner 5");
}

// SPEC 4.3: one response seen in two systems is one touch. Before, a HubSpot
// first-touch campaign and the Salesforce membership of the same campaign that day
// were two touches, and linear gave the campaign two shares.
TEST_CASE("a campaign touched twice on one day (report tz) is one touch, and check counts it") {
  auto feed = [](ModelBuilder& b) {
    CampaignRecord webinar{"salesforce:701000000000001AAA", "Webinar", "Webinar"};
    b.Campaign(webinar);
    auto hubspot = MakePerson({"hubspot:51", "e:d@example.com"}, Utc(2024, 3, 4, 14));
    hubspot.campaign = "Webinar";  // First Touch Converting Campaign, at creation
    b.Person(hubspot);
    b.Person(MakePerson({"salesforce:00Q000000000001AAA", "e:d@example.com"}, Utc(2024, 3, 4, 16)));
    b.CampaignMember(
        {"salesforce:701000000000001AAA", "salesforce:00Q000000000001AAA", Utc(2024, 3, 4, 16, 5)});
    // 23:30 on 03-04 and 00:30 on 03-05 UTC: one evening in New York, two days in UTC.
    b.CampaignMember({"salesforce:701000000000002AAA", "salesforce:00Q000000000001AAA",
                      Utc(2024, 3, 4, 23, 30)});
    b.CampaignMember(
        {"salesforce:701000000000002AAA", "salesforce:00Q000000000001AAA", Utc(2024, 3, 5, 0, 30)});
  };
  auto names = [](const Model& m) {
    std::vector<std::string> out;
    for (auto id : m.campaign_touch_names) out.emplace_back(m.strings.Get(id));
    return out;
  };
  Model utc = Build(feed);
  REQUIRE(utc.people.size() == 1);
  CHECK(names(utc) ==
        std::vector<std::string>{"Webinar", "701000000000002AAA", "701000000000002AAA"});
  CHECK(utc.campaign_touch_times[0] == Utc(2024, 3, 4, 14));  // the earliest stays
  CHECK(utc.quality.duplicate_touches == 1);
  Config new_york = DefaultConfig();
  new_york.tz = "America/New_York";
  Model ny = Build(feed, new_york);
  CHECK(names(ny) == std::vector<std::string>{"Webinar", "701000000000002AAA"});
  CHECK(ny.quality.duplicate_touches == 2);
}

}  // namespace
}  // namespace baton
