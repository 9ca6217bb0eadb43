// ReadInputs: layout detection, column mapping into canonical records, rejects
// with file/line/column, and clear errors for files nobody recognises.
#include <doctest/doctest.h>

#include "baton/error.h"
#include "baton/inputs.h"
#include "ingest/fingerprints.h"
#include "test_util.h"

namespace baton {
namespace {

using test::TempDir;
using test::Utc;

struct Recorder : RecordSink {
  std::vector<PersonRecord> people;
  std::vector<OpportunityRecord> opportunities;
  std::vector<StageChangeRecord> changes;
  std::vector<LinkRecord> links;
  std::vector<ActivityRecord> activities;
  std::vector<CampaignMemberRecord> members;
  std::vector<CampaignRecord> campaigns;
  std::vector<SpendRecord> spend;
  std::string currency;
  void Person(const PersonRecord& r) override { people.push_back(r); }
  void Opportunity(const OpportunityRecord& r) override { opportunities.push_back(r); }
  void StageChange(const StageChangeRecord& r) override { changes.push_back(r); }
  void Link(const LinkRecord& r) override { links.push_back(r); }
  void Activity(const ActivityRecord& r) override { activities.push_back(r); }
  void CampaignMember(const CampaignMemberRecord& r) override { members.push_back(r); }
  void Campaign(const CampaignRecord& r) override { campaigns.push_back(r); }
  void Spend(const SpendRecord& r) override { spend.push_back(r); }
  void ReportCurrency(std::string_view c) override { currency = std::string(c); }
};

struct Run {
  Recorder sink;
  std::vector<Reject> rejects;
  std::vector<FileStats> stats;
};

void Read(Run& run, const std::vector<InputSpec>& inputs, const Config& config = DefaultConfig()) {
  run.stats = ReadInputs(inputs, config, ReadOverrides{}, run.sink,
                         [&](const Reject& r) { run.rejects.push_back(r); });
}

std::vector<std::string> Header(std::initializer_list<const char*> names) {
  std::vector<std::string> out;
  for (auto n : names) out.push_back(NormaliseHeader(n));
  return out;
}

TEST_CASE("header fingerprints tell system and kind, in any letter case") {
  struct Case {
    std::vector<std::string> header;
    const char* system;
    Kind kind;
  };
  const Case cases[] = {
      {Header({"ID", "OWNERID", "EMAIL", "STATUS", "ISCONVERTED", "CREATEDDATE"}), "salesforce",
       Kind::kPeople},
      {Header({"Lead Owner", "First Name", "Lead Status", "Create Date", "Lead ID"}), "salesforce",
       Kind::kPeople},
      {Header({"Id", "AccountId", "Email", "LastName", "CreatedDate"}), "salesforce",
       Kind::kPeople},
      {Header({"Id", "StageName", "CloseDate", "Amount", "IsWon"}), "salesforce",
       Kind::kOpportunities},
      {Header({"Id", "OpportunityId", "StageName", "CreatedDate", "CloseDate"}), "salesforce",
       Kind::kStageHistory},
      {Header({"Id", "OpportunityId", "Field", "OldValue", "NewValue"}), "salesforce",
       Kind::kStageHistory},
      {Header({"Id", "LeadId", "Field", "OldValue", "NewValue", "CreatedDate"}), "salesforce",
       Kind::kStageHistory},
      {Header({"Id", "OpportunityId", "ContactId", "Role", "IsPrimary"}), "salesforce",
       Kind::kLinks},
      {Header({"Id", "WhoId", "Subject", "ActivityDate", "CreatedDate"}), "salesforce",
       Kind::kActivities},
      {Header({"Id", "WhoId", "StartDateTime", "DurationInMinutes"}), "salesforce",
       Kind::kActivities},
      {Header({"Id", "Name", "Type", "StartDate", "ActualCost"}), "salesforce", Kind::kCampaigns},
      {Header({"Id", "CampaignId", "LeadId", "ContactId", "Status", "HasResponded"}), "salesforce",
       Kind::kCampaignMembers},
      {Header({"Record ID", "Email", "Lifecycle Stage", "Contact owner"}), "hubspot",
       Kind::kPeople},
      {Header({"Contact ID", "Email", "Became a Lead Date"}), "hubspot", Kind::kPeople},
      {Header({"Record ID", "Deal Name", "Deal Stage", "Amount"}), "hubspot", Kind::kOpportunities},
      {Header({"id", "email", "createdAt", "leadScore"}), "marketo", Kind::kPeople},
  };
  for (const auto& c : cases) {
    CAPTURE(c.header.front());
    Detection d = DetectLayout(c.header, "", std::nullopt);
    REQUIRE(d.match != nullptr);
    CHECK(d.tied.empty());
    CHECK(d.match->system == c.system);
    CHECK(d.match->kind == c.kind);
  }
  CHECK(DetectLayout(Header({"mql_id", "first_contact_date"}), "", std::nullopt).match == nullptr);
}

TEST_CASE("a Salesforce lead export becomes person records with normalised keys") {
  TempDir dir;
  auto path =
      dir.Write("Lead.csv",
                "\xEF\xBB\xBF\"Id\",\"Email\",\"Status\",\"LeadSource\",\"CreatedDate\","
                "\"IsConverted\",\"ConvertedDate\",\"ConvertedContactId\",\"Description\"\r\n"
                "\"00Q5g00000AbCdE\",\" Dana@Norvale.Example \",\"Closed - Converted\",\"Web\","
                "\"2023-01-05T14:03:22.000Z\",\"true\",\"2023-01-19\",\"003G000001SUbc4\","
                "\"Asked for pricing.\r\nCall back Tue.\"\r\n");
  Run run;
  Read(run, {{path, "", {}}});
  REQUIRE(run.sink.people.size() == 1);
  const PersonRecord& p = run.sink.people[0];
  CHECK(p.keys ==
        std::vector<std::string>{"salesforce:00Q5g00000AbCdEEAV", "e:dana@norvale.example"});
  CHECK(p.linked_keys == std::vector<std::string>{"salesforce:003G000001SUbc4IAD"});
  CHECK(p.created_at == Utc(2023, 1, 5, 14, 3, 22));
  CHECK(p.stage_dates[3] == Utc(2023, 1, 19));  // ConvertedDate → sql (built-in)
  CHECK(p.status_stages == std::vector<int>{3});
  CHECK(p.source == "Web");
  CHECK(run.stats[0].layout == "Salesforce Lead (API names)");
  CHECK(run.stats[0].used == 1);
}

TEST_CASE("bad rows are rejected with line, column and reason, and the rest is used") {
  TempDir dir;
  auto path = dir.Write("leads.csv",
                        "Id,Email,Status,IsConverted,CreatedDate\n"
                        "00Q000000000001AAA,a@x.example,Open,false,2024-01-05\n"
                        "00Q000000000002AAA,b@x.example,Open,false,2024-02-30\n"
                        "00Q000000000003AAA,c@x.example,Open,false,13/13/2024\n"
                        "00Q000000000004AAA,d@x.example,Open\n"
                        ",,Open,false,2024-01-05\n"
                        "00Q000000000006AAA,f@x.example,Nurture,false,2024-01-05\n");
  Run run;
  Read(run, {{path, "", {}}});
  CHECK(run.sink.people.size() == 2);
  REQUIRE(run.rejects.size() == 4);
  CHECK(run.rejects[0].line == 3);
  CHECK(run.rejects[0].column == 5);
  CHECK(run.rejects[0].reason == "bad date");
  CHECK(run.rejects[1].line == 4);
  CHECK(run.rejects[1].column == 5);
  CHECK(run.rejects[1].reason == "bad date");
  CHECK(run.rejects[1].detail.find("13/13/2024") != std::string::npos);
  CHECK(run.rejects[2].reason == "wrong column count");
  CHECK(run.rejects[3].reason == "no id or email");
  const FileStats& s = run.stats[0];
  CHECK(s.rows == 6);
  CHECK(s.used == 2);
  CHECK(s.RejectedTotal() == 4);
  CHECK(s.rows == s.used + s.RejectedTotal() + s.IgnoredTotal());
  CHECK(s.unmapped.at("status").at("Nurture").count == 1);
  CHECK(s.unmapped.at("status").at("Nurture").first_line == 7);
}

// The mapper reuses one record's strings from row to row, and remembers the
// stages of status values it has mapped: neither may leak from one row to the next.
TEST_CASE("each row's keys, linked keys and stages are its own, row after row") {
  TempDir dir;
  std::string text = "Id,Email,Status,IsConverted,CreatedDate,ConvertedContactId\n";
  text += "00Q000000000001AAA,A@x.example,Open,false,2024-01-05,003000000000001AAA\n";
  text += "00Q000000000002AAA,not an email,Nurture,false,2024-01-05,\n";
  text += ",c@x.example,Closed - Converted,true,2024-01-05,\n";
  text += "00Q000000000004AAA,d@x.example,Nurture,false,2024-01-05,003000000000004AAA\n";
  // More distinct values than the mapper remembers, then the first ones again.
  for (int i = 0; i < 40; ++i) {
    text += "00Q1" + std::to_string(100 + i) + "00000000AAA,,Value " + std::to_string(i) +
            ",false,2024-01-05,\n";
  }
  text += "00Q000000000009AAA,,Open,false,2024-01-05,\n";
  text += "00Q000000000010AAA,,Nurture,false,2024-01-05,\n";
  auto path = dir.Write("leads.csv", text);
  Run run;
  Read(run, {{path, "", {}}});
  REQUIRE(run.sink.people.size() == 46);
  using Keys = std::vector<std::string>;
  const auto& people = run.sink.people;
  // (An 18-character id's last three letters give the case of the first 15: "AAA"
  // says none is upper case.)
  CHECK(people[0].keys == Keys{"salesforce:00q000000000001AAA", "e:a@x.example"});
  CHECK(people[0].linked_keys == Keys{"salesforce:003000000000001AAA"});
  CHECK(people[0].status_stages == std::vector<int>{0});  // Open: lead
  CHECK(people[1].keys == Keys{"salesforce:00q000000000002AAA"});
  CHECK(people[1].linked_keys.empty());
  CHECK(people[1].status_stages.empty());
  CHECK(people[2].keys == Keys{"e:c@x.example"});
  CHECK(people[2].status_stages == std::vector<int>{3});  // Closed - Converted: sql
  CHECK(people[3].keys == Keys{"salesforce:00q000000000004AAA", "e:d@x.example"});
  CHECK(people[3].linked_keys == Keys{"salesforce:003000000000004AAA"});
  CHECK(people[3].status_stages.empty());
  CHECK(people[44].keys == Keys{"salesforce:00q000000000009AAA"});
  CHECK(people[44].status_stages == std::vector<int>{0});
  CHECK(people[45].status_stages.empty());
  const FileStats& s = run.stats[0];
  CHECK(s.unmapped.at("status").at("Nurture").count == 3);
  CHECK(s.unmapped.at("status").at("Nurture").first_line == 3);
  CHECK(s.unmapped.at("status").at("Value 39").count == 1);
  CHECK(s.unmapped.at("status").size() == 41);
}

TEST_CASE("HubSpot contacts read exporter-local times in the file's zone and link deals") {
  TempDir dir;
  auto path = dir.Write("hubspot-crm-exports-all-contacts-2024-07-01.csv",
                        "\"Record ID\",\"Email\",\"Lifecycle Stage\",\"Contact owner\","
                        "\"Owner Assigned Date\",\"Create Date\",\"Became a Marketing Qualified "
                        "Lead Date\",\"Associated Deal IDs\"\n"
                        "\"51234567801\",\"dana@norvale.example\",\"Opportunity\",\"Sam Okafor\","
                        "\"2024-03-04 09:15\",\"2024-03-04 08:52\",\"2024-03-05 11:20\","
                        "\"18812345601;18812345602\"\n");
  Config config =
      LoadConfigText("[[file]]\nmatch = \"hubspot-*\"\ntz = \"America/New_York\"\n", "t");
  Run run;
  Read(run, {{path, "", {}}}, config);
  REQUIRE(run.sink.people.size() == 1);
  const PersonRecord& p = run.sink.people[0];
  CHECK(p.created_at == Utc(2024, 3, 4, 13, 52));  // EST = UTC−5
  CHECK(p.assigned_at == Utc(2024, 3, 4, 14, 15));
  CHECK(p.stage_dates[1] == Utc(2024, 3, 5, 16, 20));
  CHECK(p.owner == "Sam Okafor");
  CHECK(p.opportunity_keys ==
        std::vector<std::string>{"hubspot:18812345601", "hubspot:18812345602"});
  CHECK(p.status_stages == std::vector<int>{4});  // lifecycle Opportunity
}

TEST_CASE("a file no layout explains is an error that says how to force it") {
  TempDir dir;
  auto path = dir.Write("mqls.csv", "mql_id,first_contact_date,origin\nabc,2018-02-01,social\n");
  Run run;
  try {
    Read(run, {{path, "", {}}});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::kData);
    CHECK(e.where().file == path);
    CHECK(e.where().line == 1);
    CHECK(std::string(e.what()).find("mql_id, first_contact_date, origin") != std::string::npos);
    CHECK(e.hint().find("--input SYSTEM:KIND=") != std::string::npos);
  }
}

TEST_CASE("a header that matches two layouts equally is an error naming both") {
  TempDir dir;
  auto path = dir.Write("both.csv", "Record ID,id,Email,createdAt,Contact owner\n1,2,a@b.c,,\n");
  Run run;
  CHECK_THROWS_WITH_AS(Read(run, {{path, "", {}}}),
                       doctest::Contains("HubSpot contacts and Marketo leads"), Error);
  // Forcing the system settles it.
  Read(run, {{path, "hubspot", Kind::kPeople}});
  CHECK(run.stats[0].layout == "HubSpot contacts");
}

TEST_CASE("a forced system and kind read a custom file through configured columns") {
  TempDir dir;
  auto path =
      dir.Write("mqls.csv", "mql_id,first_contact_date,origin,lp\nabc,2018-02-01,social,p1\n");
  Config config = LoadConfigText(R"(
stages = ["mql", "customer"]
created_stage = ""
opportunity_stage = ""
[[file]]
match = "mqls.csv"
columns = { id = "mql_id", source = "origin" }
stage_dates = { mql = "first_contact_date" }
dimensions = { landing_page = "lp" }
)",
                                 "t");
  Run run;
  Read(run, {ParseInputSpec("olist:people=" + path)}, config);
  REQUIRE(run.sink.people.size() == 1);
  const PersonRecord& p = run.sink.people[0];
  CHECK(p.keys == std::vector<std::string>{"olist:abc"});
  CHECK(p.stage_dates[0] == Utc(2018, 2, 1));
  CHECK(p.source == "social");
  CHECK(p.dimensions == std::vector<std::string>{"p1"});
  CHECK(run.stats[0].layout == "configured");
}

TEST_CASE("--input specs parse system, kind and file") {
  InputSpec a = ParseInputSpec("hubspot:people=contacts.csv");
  CHECK(a.system == "hubspot");
  CHECK(a.kind == Kind::kPeople);
  CHECK(a.path == "contacts.csv");
  InputSpec b = ParseInputSpec("links=roles.csv");
  CHECK(b.system.empty());
  CHECK(b.kind == Kind::kLinks);
  CHECK(ParseInputSpec("plain.csv").path == "plain.csv");
  CHECK_THROWS_AS(ParseInputSpec("hubspot:persons=x.csv"), Error);
}

TEST_CASE("opportunity history, contact roles and tasks become their records") {
  TempDir dir;
  auto history = dir.Write("OpportunityHistory.csv",
                           "Id,OpportunityId,CreatedDate,StageName,CloseDate\n"
                           "1,0065g00000Pq7Rz,2023-01-19T16:20:05.000+0000,Prospecting,2023-03-31\n"
                           "2,0065g00000Pq7Rz,2023-02-02T09:02:47.000Z,Closed Won,2023-03-31\n");
  auto roles = dir.Write("OpportunityContactRole.csv",
                         "Id,OpportunityId,ContactId,Role,IsPrimary\n"
                         "1,0065g00000Pq7RzAAJ,003G000001SUbc4,Decision Maker,true\n");
  auto tasks = dir.Write("Task.csv",
                         "Id,WhoId,Subject,ActivityDate,CreatedDate,TaskSubtype\n"
                         "1,003G000001SUbc4IAD,Call,2023-01-05,2023-01-05T15:10:00.000Z,Call\n"
                         "2,,Call,2023-01-05,2023-01-05T15:10:00.000Z,Call\n");
  Run run;
  Read(run, {{history, "", {}}, {roles, "", {}}, {tasks, "", {}}});
  REQUIRE(run.sink.changes.size() == 2);
  CHECK(run.sink.changes[0].subject_key == run.sink.changes[1].subject_key);
  CHECK(run.sink.changes[0].subject_key == "salesforce:0065g00000Pq7RzAAJ");
  CHECK(run.sink.changes[1].stage == 5);
  CHECK(run.sink.changes[1].at == Utc(2023, 2, 2, 9, 2, 47));
  REQUIRE(run.sink.links.size() == 1);
  CHECK(run.sink.links[0].person_key == "salesforce:003G000001SUbc4IAD");
  REQUIRE(run.sink.activities.size() == 1);
  CHECK(run.stats[2].ignored.size() == 1);  // the task with no WhoId is counted, not lost
}

}  // namespace
}  // namespace baton

namespace baton {
namespace {

TEST_CASE("every row is used, ignored or rejected, and counted once") {
  TempDir dir;
  auto path = dir.Write("OpportunityFieldHistory.csv",
                        "Id,OpportunityId,CreatedDate,Field,OldValue,NewValue\n"
                        "1,006A,2024-01-01,StageName,,Prospecting\n"
                        "2,006A,2024-01-02,Amount,100,200\n"
                        "3,006A,2024-01-03,StageName,Prospecting,Closed Lost\n"
                        "4,006A,not a date,StageName,,Prospecting\n");
  Run run;
  Read(run, {{path, "", {}}});
  const FileStats& s = run.stats[0];
  CHECK(s.rows == 4);
  CHECK(s.used == 1);
  CHECK(s.IgnoredTotal() == 2);  // an Amount change, and a change to Closed Lost (not a stage)
  CHECK(s.RejectedTotal() == 1);
  CHECK(run.sink.changes.size() == 1);
}

TEST_CASE("a file read as a kind without the columns that kind needs is an error up front") {
  TempDir dir;
  auto path = dir.Write("signups.csv", "signup_id,signup_date\n1,2024-01-01\n");
  Run run;
  CHECK_THROWS_WITH_AS(Read(run, {ParseInputSpec("people=" + path)}),
                       doctest::Contains("needs an id or an email column"), Error);
}

TEST_CASE("--input KIND=FILE reads an unknown layout through the generic header names") {
  TempDir dir;
  auto path = dir.Write("sheet.csv", "Email,Created,Source\nA@X.example,2024-01-01,Webinar\n");
  Run run;
  Read(run, {ParseInputSpec("people=" + path)});
  REQUIRE(run.sink.people.size() == 1);
  CHECK(run.sink.people[0].keys == std::vector<std::string>{"e:a@x.example"});
  CHECK(run.sink.people[0].source == "Webinar");
  CHECK(run.stats[0].system == "custom");
}

}  // namespace
}  // namespace baton

namespace baton {
namespace {

TEST_CASE("rows that all end with a delimiter are read under their shorter header") {
  TempDir dir;
  auto path = dir.Write("Lead.csv",
                        "Id,Email,Status,IsConverted,CreatedDate\n"
                        "00Q000000000001AAA,a@x.example,Open,false,2024-01-05,\n"
                        "00Q000000000002AAA,b@x.example,Open,false,2024-01-06,\n");
  Run run;
  Read(run, {{path, "", {}}});
  CHECK(run.stats[0].layout == "Salesforce Lead (API names)");
  CHECK(run.stats[0].used == 2);
  CHECK(run.rejects.empty());
}

TEST_CASE("a NUL byte in a field past the sniffed start rejects the row, naming the column") {
  // A NUL in the first 64 KiB makes the whole file "not a text file"; later, the row.
  std::string text = "Id,Email,Status,IsConverted\n";
  for (int i = 0; i < 2000; ++i) {
    text += "00Q" + std::to_string(100000000000000 + i) + ",p" + std::to_string(i) +
            "@x.example,Open,false\n";
  }
  text += std::string("00Q999999999999AAA,b@x.exa\0mple,Open,false\n", 43);
  TempDir dir;
  auto path = dir.Write("Lead.csv", text);
  Run run;
  Read(run, {{path, "", {}}});
  CHECK(run.sink.people.size() == 2000);
  REQUIRE(run.rejects.size() == 1);
  CHECK(run.rejects[0].reason == "NUL byte");
  CHECK(run.rejects[0].column == 2);
  CHECK(run.rejects[0].line == 2002);
}

TEST_CASE("LeadHistory owner rows carry both owners, the id row of a queue move is marked") {
  TempDir dir;
  std::string file =
      dir.Write("LeadHistory.csv",
                "Id,LeadId,CreatedDate,Field,DataType,OldValue,NewValue\n"
                "017000000000001AAA,00Q000000000001AAA,2024-03-01T10:00:00Z,Owner,EntityId,"
                "005000000000009,00G000000000001\n"
                "017000000000002AAA,00Q000000000001AAA,2024-03-01T10:00:00Z,Owner,Text,"
                "Integration User,Inbound Queue\n"
                "017000000000003AAA,00Q000000000001AAA,2024-03-04T14:00:00Z,Owner,EntityId,"
                "00G000000000001,005000000000002\n");
  Config config = LoadConfigText("[owners]\n\"005000000000002\" = \"Derek Chung\"\n", "o.toml");
  Run run;
  Read(run, {{file, "", {}}}, config);
  REQUIRE(run.sink.changes.size() == 3);
  CHECK(run.sink.changes[0].is_owner_change);
  CHECK(run.sink.changes[0].to_queue);
  CHECK(run.sink.changes[0].owner_is_id);
  CHECK(!run.sink.changes[1].to_queue);
  CHECK(!run.sink.changes[1].owner_is_id);
  CHECK(run.sink.changes[1].new_owner == "Inbound Queue");
  // Ids as ids (15 characters → 18): the model names them (SPEC 2.1).
  CHECK(run.sink.changes[2].new_owner == "005000000000002AAA");
}

TEST_CASE(
    "HubSpot contacts: the first engagement is a sales touch, the first-touch campaign a touch") {
  TempDir dir;
  std::string file = dir.Write(
      "contacts.csv",
      "Record ID,Email,Contact owner,Create Date,Date of first engagement,"
      "Type of first engagement,First Touch Converting Campaign\n"
      "101,dana@norvale.example,Sam Okafor,2024-03-04 08:52,2024-03-04 09:15,CALL,Spring webinar\n"
      "102,ola@fjordlys.example,,2024-03-07 21:03,,,\n");
  Run run;
  Read(run, {{file, "", {}}});
  REQUIRE(run.sink.people.size() == 2);
  CHECK(run.sink.people[0].campaign == "Spring webinar");
  REQUIRE(run.sink.activities.size() == 1);
  CHECK(run.sink.activities[0].person_key == "hubspot:101");
  CHECK(run.sink.activities[0].type == "CALL");
  CHECK(run.sink.activities[0].at == Utc(2024, 3, 4, 9, 15));
}

}  // namespace
}  // namespace baton
