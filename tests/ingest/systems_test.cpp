// The systems read without a config beyond Salesforce and HubSpot contacts:
// Pardot, the Marketo activity log, HubSpot deal stage history and activities,
// Zoho CRM, Pipedrive and Salesforce Event. Each layout is recognised from its
// header (and a near miss is not), and each row becomes the records it should.
#include <doctest/doctest.h>

#include <algorithm>

#include "baton/config.h"
#include "baton/inputs.h"
#include "ingest/fingerprints.h"
#include "ingest/row_mapper.h"
#include "test_util.h"

namespace baton {
namespace {

using test::Utc;

struct Recorder : RecordSink {
  std::vector<PersonRecord> people;
  std::vector<OpportunityRecord> opportunities;
  std::vector<StageChangeRecord> changes;
  std::vector<ActivityRecord> activities;
  std::vector<CampaignMemberRecord> members;
  std::vector<CampaignRecord> campaigns;
  void Person(const PersonRecord& r) override { people.push_back(r); }
  void Opportunity(const OpportunityRecord& r) override { opportunities.push_back(r); }
  void StageChange(const StageChangeRecord& r) override { changes.push_back(r); }
  void Link(const LinkRecord&) override {}
  void Activity(const ActivityRecord& r) override { activities.push_back(r); }
  void CampaignMember(const CampaignMemberRecord& r) override { members.push_back(r); }
  void Campaign(const CampaignRecord& r) override { campaigns.push_back(r); }
  void Spend(const SpendRecord&) override {}
  void ReportCurrency(std::string_view) override {}
};

std::vector<std::string> Header(std::initializer_list<const char*> names) {
  std::vector<std::string> out;
  for (auto n : names) out.push_back(NormaliseHeader(n));
  return out;
}

std::string Fixture(const char* path) {
  return std::string(BATON_SOURCE_DIR "/tests/fixtures/") + path;
}

struct Read {
  Recorder sink;
  std::vector<FileStats> stats;
  std::vector<Reject> rejects;
  Read(const std::vector<std::string>& files, const Config& config = DefaultConfig()) {
    std::vector<InputSpec> inputs;
    for (const auto& f : files) inputs.push_back({Fixture(f.c_str()), "", {}});
    stats = ReadInputs(inputs, config, ReadOverrides{}, sink,
                       [&](const Reject& r) { rejects.push_back(r); });
  }
};

TEST_CASE("each new layout is recognised from its header, and a near miss is not") {
  struct Case {
    std::vector<std::string> header;
    const char* label;
  };
  const Case cases[] = {
      {Header({"id", "email", "first_name", "score", "grade", "created_at", "crm_lead_fid"}),
       "Pardot prospects"},
      {Header({"id", "email", "createdAt", "salesforceLeadId", "score"}), "Pardot prospects"},
      {Header({"id", "prospect_id", "previous_stage_id", "next_stage_id", "created_at"}),
       "Pardot lifecycle history"},
      {Header({"id", "name", "position", "is_locked"}), "Pardot lifecycle stages"},
      {Header({"id", "prospect_id", "type", "type_name", "details", "created_at"}),
       "Pardot visitor activities"},
      {Header({"marketoGUID", "leadId", "activityDate", "activityTypeId", "campaignId",
               "primaryAttributeValueId", "primaryAttributeValue", "attributes"}),
       "Marketo activity log"},
      {Header({"activityTypeId", "name", "description"}), "Marketo activity types"},
      {Header({"Record ID", "Activity date", "Create Date", "Activity assigned to", "Call outcome",
               "Associated Contact IDs"}),
       "HubSpot activities (calls, meetings, emails, tasks)"},
      {Header({"Record ID", "Deal Name", "Pipeline", "Deal Stage",
               "Date entered \"Closed Won (Sales Pipeline)\""}),
       "HubSpot deals"},
      {Header({"LEADID", "Last Name", "Lead Owner", "Email", "Lead Source", "Lead Status",
               "Created Time"}),
       "Zoho CRM leads"},
      {Header({"Record Id", "Deal Owner", "Deal Name", "Stage", "Amount", "Closing Date"}),
       "Zoho CRM deals (potentials)"},
      {Header({"TASKID", "Call Start Time", "Call Owner", "Subject", "Call Type", "LEADID"}),
       "Zoho CRM calls"},
      {Header({"EVENTID", "Event Owner", "Subject", "Start DateTime", "End DateTime", "LEADID"}),
       "Zoho CRM events (meetings)"},
      {Header({"CAMPAIGNID", "Campaign Name", "Type", "Start Date", "Actual Cost"}),
       "Zoho CRM campaigns"},
      {Header({"ID", "Title", "Owner", "Value", "Stage", "Status", "Deal created", "Won time"}),
       "Pipedrive deals (account export)"},
      {Header({"ID", "Título", "Proprietário", "Valor", "Etapa", "Status", "Negócio criado em",
               "Ganho em"}),
       "Pipedrive deals (account export)"},
      {Header({"ID", "Subject", "Type", "Done", "Marked as done time", "Contact person ID"}),
       "Pipedrive activities (account export)"},
      {Header({"ID", "Name", "Email - Work", "Person created"}),
       "Pipedrive people (account export)"},
      {Header({"Deal - ID", "Deal - Titel", "Deal - Status", "Deal - Phase"}),
       "Pipedrive deals (list export)"},
      {Header({"Affaire - ID", "Affaire - Titre", "Affaire - Statut"}),
       "Pipedrive deals (list export)"},
      {Header({"Negocio - Título", "Negocio - Estado"}), "Pipedrive deals (list export)"},
      {Header({"Activité - Sujet", "Activité - Marquée comme terminée", "Personne - ID"}),
       "Pipedrive activities (list export)"},
      {Header({"Person - ID", "Person - Name", "Person - Person created", "Person - Email - Work"}),
       "Pipedrive people (list export)"},
      {Header({"Id", "WhoId", "StartDateTime", "EndDateTime", "IsAllDayEvent", "CreatedDate"}),
       "Salesforce Event"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.label);
    Detection d = DetectLayout(c.header, "", std::nullopt);
    REQUIRE(d.match != nullptr);
    CHECK(d.tied.empty());
    CHECK(d.match->label == std::string_view(c.label));
  }
  // Headers that mix a neighbour's columns stay one layout, never a tie.
  const std::pair<std::vector<std::string>, const char*> mixed[] = {
      {Header({"Deal - ID", "Deal - Titel", "Deal - Status", "Person - ID",
               "Person - Person created"}),
       "Pipedrive deals (list export)"},
      {Header({"Activity - Subject", "Activity - Marked as done time", "Deal - Title",
               "Deal - Status"}),
       "Pipedrive deals (list export)"},
      {Header({"Activity - Subject", "Activity - Marked as done time", "Person - ID",
               "Person - Person created"}),
       "Pipedrive activities (list export)"},
      // Pardot v5 without Salesforce ids or grade is still Pardot, not Marketo.
      {Header({"id", "email", "createdAt", "firstName", "score", "prospectAccountId"}),
       "Pardot prospects"},
  };
  for (const auto& [header, label] : mixed) {
    CAPTURE(label);
    Detection d = DetectLayout(header, "", std::nullopt);
    REQUIRE(d.match != nullptr);
    CHECK(d.tied.empty());
    CHECK(d.match->label == std::string_view(label));
  }
  CHECK(
      DetectLayout(Header({"id", "email", "createdAt", "grade"}), "", std::nullopt).match->system ==
      std::string_view("pardot"));
  // Near misses: one required column short, or a neighbour's header.
  const std::vector<std::string> misses[] = {
      Header({"marketoGUID", "leadId", "activityTypeId", "campaignId"}),  // no activityDate
      Header({"prospect_id", "next_stage_id"}),                           // no created_at
      Header({"id", "name", "description"}),                              // no position
      Header({"Record ID", "Activity date", "Subject"}),                  // no owner/outcome
      Header({"Lead Owner", "Lead Status", "Company"}),                   // no Created Time
      Header({"Deal - Title", "Deal - Value"}),                           // no status
  };
  for (const auto& header : misses) {
    CAPTURE(header.front());
    Detection d = DetectLayout(header, "", std::nullopt);
    const bool new_layout =
        d.match && (d.match->system == "pardot" || d.match->system == "zoho" ||
                    d.match->system == "pipedrive" || d.match->shape != Shape::kPlain ||
                    d.match->label == std::string_view("HubSpot activities (calls, meetings, "
                                                       "emails, tasks)"));
    CHECK_FALSE(new_layout);
  }
  // The en dash and the typographic apostrophe read as their plain forms.
  CHECK(NormaliseHeader("Deal \xE2\x80\x93 Title") == "deal - title");
  CHECK(NormaliseHeader("Activité - Date d\xE2\x80\x99"
                        "ajout") == "activité - date d'ajout");
}

TEST_CASE("a JSON attributes cell reads into its keys and values") {
  std::vector<std::pair<std::string, std::string>> kv;
  REQUIRE(ParseJsonObject(R"({"New Status":"Attended","Success":true,"Id":6,"Note":null})", kv));
  REQUIRE(kv.size() == 4);
  CHECK(kv[0] == std::pair<std::string, std::string>("New Status", "Attended"));
  CHECK(kv[1].second == "true");
  CHECK(kv[2].second == "6");
  CHECK(kv[3].second.empty());
  REQUIRE(ParseJsonObject(R"({"a":"x\"y\u00e9\n","b":{"c":[1,2]}})", kv));
  CHECK(kv[0].second == "x\"y\xC3\xA9\n");
  CHECK(kv[1].second == R"({"c":[1,2]})");
  CHECK(ParseJsonObject("{}", kv));
  CHECK(kv.empty());
  // Surrogate pairs join; a lone surrogate or a NUL becomes U+FFFD, never bad UTF-8.
  REQUIRE(
      ParseJsonObject(R"({"a":"\ud83d\ude00","b":"\ud800x","c":"\ud800\u0041","d":"\u0000"})", kv));
  CHECK(kv[0].second == "\xF0\x9F\x98\x80");
  CHECK(kv[1].second == "\xEF\xBF\xBDx");
  CHECK(kv[2].second ==
        "\xEF\xBF\xBD"
        "A");
  CHECK(kv[3].second == "\xEF\xBF\xBD");
  CHECK_FALSE(ParseJsonObject(R"({"a":"\u12")", kv));
  CHECK_FALSE(ParseJsonObject("{\"a\":\"x\\", kv));
  CHECK_FALSE(ParseJsonObject(R"({"a":"b")", kv));
  CHECK_FALSE(ParseJsonObject("New Value: MQL", kv));
  CHECK_FALSE(ParseJsonObject(R"({"a" "b"})", kv));
}

TEST_CASE("a Marketo activity log becomes stage, owner, campaign and sales records") {
  Read r({"multi-system/marketo-activities.csv", "multi-system/marketo-activity-types.csv"},
         LoadConfigText("[map.marketo.status]\n\"Sales Accepted\" = \"sal\"\n", "test.toml"));
  CHECK(r.rejects.empty());
  const Config& config = DefaultConfig();
  // 101 Change Revenue Stage → sql; 104 status MQL → mql; 13 Lead Status → sal.
  std::vector<std::tuple<std::string, Instant, int>> stages;
  std::vector<StageChangeRecord> scores;
  for (const auto& c : r.sink.changes) {
    if (c.is_score_change) {
      scores.push_back(c);
    } else if (!c.is_owner_change) {
      stages.emplace_back(c.subject_key, c.at, c.stage);
    }
  }
  // 22 Change Score of the lead score: score history, 55 → 65 (issue 17).
  REQUIRE(scores.size() == 1);
  CHECK(scores[0].subject_key == "marketo:7002");
  CHECK(scores[0].at == Utc(2024, 3, 11, 10));
  CHECK(scores[0].score == 65);
  CHECK(scores[0].old_score == 55);
  CHECK(stages == std::vector<std::tuple<std::string, Instant, int>>{
                      {"marketo:7001", Utc(2024, 3, 8, 15), config.StageIndex("sql")},
                      {"marketo:7002", Utc(2024, 3, 11, 9), config.StageIndex("mql")},
                      {"marketo:7002", Utc(2024, 3, 12, 9), config.StageIndex("sal")}});
  // 23 Change Owner → an owner change, old and new owner by name.
  auto owner = std::find_if(r.sink.changes.begin(), r.sink.changes.end(),
                            [](const auto& c) { return c.is_owner_change; });
  REQUIRE(owner != r.sink.changes.end());
  CHECK(owner->new_owner == "Sam Okafor");
  CHECK(owner->old_owner == "Marketo Queue");
  CHECK(owner->at == Utc(2024, 3, 11, 9, 30));
  // 2 Fill Out Form on a program's local form → a touch of the program.
  REQUIRE(r.sink.members.size() == 1);
  CHECK(r.sink.members[0].campaign_key == "marketo:WB-2024-03 Webinar");
  CHECK(r.sink.members[0].at == Utc(2024, 3, 10, 10));
  // The custom type 100001, named "Log Sales Call" by the type table → a sales touch.
  REQUIRE(r.sink.activities.size() == 1);
  CHECK(r.sink.activities[0].type == "Log Sales Call");
  CHECK(r.sink.activities[0].at == Utc(2024, 3, 11, 16));
  // Email open and the unknown type 999999: ignored and counted.
  const FileStats& log = r.stats[0];
  CHECK(log.used == 7);
  CHECK(log.IgnoredTotal() == 2);
  CHECK(log.unmapped.at("activity_type").count("999999") == 1);
}

TEST_CASE("Pardot lifecycle ids are named by the stage table; visitor activities are touches") {
  Read r({"multi-system/pardot-lifecycle-history.csv", "multi-system/pardot-visitor-activities.csv",
          "multi-system/pardot-lifecycle-stages.csv", "multi-system/pardot-prospects.csv"});
  CHECK(r.rejects.empty());
  const Config& config = DefaultConfig();
  std::vector<std::tuple<std::string, Instant, int>> stages;
  for (const auto& c : r.sink.changes) stages.emplace_back(c.subject_key, c.at, c.stage);
  // Stage 912 "Prospects" → lead, 913 "MQL" → mql; 999 is in no table (unmapped);
  // visitor activity 8 "New Opportunity" → opportunity.
  CHECK(stages == std::vector<std::tuple<std::string, Instant, int>>{
                      {"pardot:501", Utc(2024, 3, 1, 8), config.StageIndex("lead")},
                      {"pardot:501", Utc(2024, 3, 5, 11), config.StageIndex("mql")},
                      {"pardot:502", Utc(2024, 3, 7, 21), config.StageIndex("lead")},
                      {"pardot:502", Utc(2024, 3, 8, 9), config.StageIndex("mql")},
                      {"pardot:502", Utc(2024, 3, 20, 10), config.StageIndex("opportunity")}});
  CHECK(r.stats[0].unmapped.at("lifecycle_stage_id").count("999") == 1);
  // Type 4 (form success) → a touch of campaign 31; type 2 (view) is no response.
  REQUIRE(r.sink.members.size() == 1);
  CHECK(r.sink.members[0].campaign_key == "pardot:31");
  CHECK(r.sink.members[0].person_key == "pardot:502");
  // The prospect synced with a Salesforce lead is that lead (15 → 18 characters).
  REQUIRE(r.sink.people.size() == 2);
  CHECK(r.sink.people[0].keys.front() == "pardot:501");
  REQUIRE(r.sink.people[0].linked_keys.size() == 1);
  CHECK(r.sink.people[0].linked_keys[0] ==
        "salesforce:00Q5g00000AbCd1" + NormaliseSalesforceId("00Q5g00000AbCd1").substr(15));
  CHECK(r.sink.people[0].owner == NormaliseSalesforceId("0055g00000Sam01"));
  // Every Pardot file says its times are the exporting user's.
  CHECK(r.stats[0].notes.count("times in the exporting user's time zone") == 1);
  CHECK(r.stats[2].kind == Kind::kNames);
}

TEST_CASE("HubSpot deal 'Date entered' columns are the deal's stage history, per pipeline") {
  Read r(
      {"systems/hubspot-crm-exports-all-deals-2024-07-01.csv",
       "systems/hubspot-crm-exports-all-calls-2024-07-01.csv"},
      LoadConfigText("[map.hubspot.stage]\n\"Demo Booked (Partner Pipeline)\" = \"opportunity\"\n"
                     "\"Signed (Partner Pipeline)\" = \"customer\"\n",
                     "test.toml"));
  CHECK(r.rejects.empty());
  const Config& config = DefaultConfig();
  std::vector<std::tuple<std::string, Instant, int>> stages;
  for (const auto& c : r.sink.changes) {
    CHECK(c.subject_is_opportunity);
    stages.emplace_back(c.subject_key, c.at, c.stage);
  }
  CHECK(stages ==
        std::vector<std::tuple<std::string, Instant, int>>{
            {"hubspot:18812345601", Utc(2024, 3, 11, 16, 45), config.StageIndex("opportunity")},
            {"hubspot:18812345601", Utc(2024, 4, 30, 17), config.StageIndex("customer")},
            {"hubspot:18812345602", Utc(2024, 3, 13, 9, 30), config.StageIndex("opportunity")}});
  // The deal's current stage maps as "Demo Booked (Partner Pipeline)".
  REQUIRE(r.sink.opportunities.size() == 2);
  CHECK(r.sink.opportunities[1].stage == config.StageIndex("opportunity"));
  // Calls: timed by creation; one call of two contacts touches both; the
  // activity dates before creation are counted.
  REQUIRE(r.sink.activities.size() == 3);
  CHECK(r.sink.activities[0].at == Utc(2024, 3, 5, 9, 20));
  CHECK(r.sink.activities[1].person_key == "hubspot:51234567802");
  CHECK(r.sink.activities[2].person_key == "hubspot:51234567801");
  CHECK(r.stats[1].notes.at("touches dated before their creation").count == 2);
}

TEST_CASE("Pipedrive deals: status gives won and lost, planned activities are no touch") {
  Read r({"systems/deals-23955722-69.csv", "systems/activities-23955722-71.csv",
          "systems/pipedrive-deals-de.csv"});
  CHECK(r.rejects.empty());
  REQUIRE(r.sink.opportunities.size() == 5);
  const auto& won = r.sink.opportunities[0];
  CHECK(won.is_won);
  CHECK(won.is_closed);
  CHECK(won.close_date == Utc(2024, 4, 30, 17));
  CHECK(won.amount == 12500);
  CHECK(won.person_keys == std::vector<std::string>{"pipedrive:11"});
  const auto& lost = r.sink.opportunities[1];
  CHECK_FALSE(lost.is_won);
  CHECK(lost.is_closed);
  CHECK(lost.close_date == Utc(2024, 4, 2, 9));
  CHECK_FALSE(r.sink.opportunities[2].is_closed);
  // Only the activity marked done is a touch, at its done time.
  REQUIRE(r.sink.activities.size() == 1);
  CHECK(r.sink.activities[0].at == Utc(2024, 3, 4, 11));
  CHECK(r.sink.activities[0].person_key == "pipedrive:11");
  // The German list export: "Gewonnen" is won; its person columns give the person.
  CHECK(r.sink.opportunities[3].is_won);
  CHECK_FALSE(r.sink.opportunities[4].is_closed);
  CHECK(r.sink.opportunities[3].person_keys ==
        std::vector<std::string>{"pipedrive:11", "e:dana@norvale.example"});
  REQUIRE(r.sink.people.size() == 2);
  CHECK(r.sink.people[0].keys ==
        std::vector<std::string>{"pipedrive:11", "e:dana@norvale.example"});
}

TEST_CASE("a deleted deal is ignored once, whatever else is wrong with it") {
  test::TempDir dir;
  const std::string file = dir.Write("deals-1-1.csv",
                                     "ID,Title,Status,Deal created,Won time,Value\n"
                                     "1,A,Deleted,31/31/2024,,x\n"
                                     "2,B,Vinto,2024-03-01 10:00:00,,100\n");
  Recorder sink;
  std::vector<Reject> rejects;
  auto stats = ReadInputs({{file, "", {}}}, DefaultConfig(), ReadOverrides{}, sink,
                          [&](const Reject& r) { rejects.push_back(r); });
  CHECK(rejects.empty());
  CHECK(stats[0].IgnoredTotal() == 1);
  CHECK(stats[0].used == 1);
  // A status in no language baton knows: read as open, and check says so.
  REQUIRE(sink.opportunities.size() == 1);
  CHECK_FALSE(sink.opportunities[0].is_closed);
  CHECK(stats[0].notes.at("deal statuses baton does not know").count == 1);
  CHECK(stats[0].notes.at("deal statuses baton does not know").problem);
}

TEST_CASE("HubSpot lead response time after the owner's assignment is the first touch") {
  test::TempDir dir;
  const std::string file =
      dir.Write("contacts.csv",
                "Record ID,Email,Contact owner,Owner assigned date,Create Date,Lead response time\n"
                "1,a@x.example,Sam,2024-03-04 09:00,2024-03-04 08:00,26:30:00\n"
                "2,b@x.example,Sam,2024-03-04 09:00,2024-03-04 08:00,5400000\n"
                "3,c@x.example,Sam,2024-03-04 09:00,2024-03-04 08:00,soon\n");
  Recorder sink;
  std::vector<Reject> rejects;
  ReadInputs({{file, "", {}}}, DefaultConfig(), ReadOverrides{}, sink,
             [&](const Reject& r) { rejects.push_back(r); });
  REQUIRE(sink.activities.size() == 2);
  CHECK(sink.activities[0].at == Utc(2024, 3, 5, 11, 30));
  CHECK(sink.activities[1].at == Utc(2024, 3, 4, 10, 30));
  REQUIRE(rejects.size() == 1);
  CHECK(rejects[0].reason == "bad duration");
  CHECK(rejects[0].column == 6);
}

TEST_CASE("Salesforce all-day events are touches with a day only") {
  Read r({"multi-system/Event.csv"});
  REQUIRE(r.sink.activities.size() == 2);
  CHECK(r.sink.activities[0].day_only);
  CHECK_FALSE(r.sink.activities[1].day_only);
  CHECK(r.stats[0].notes.at("all-day events").count == 1);
}

}  // namespace
}  // namespace baton
