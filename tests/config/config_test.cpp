// baton.toml: built-in defaults, overlays, and errors that name line and column.
#include "baton/config.h"

#include <doctest/doctest.h>

#include "baton/error.h"

namespace baton {
namespace {

TEST_CASE("the built-in dictionary maps standard Salesforce and HubSpot values") {
  Config c = DefaultConfig();
  CHECK(c.stages.size() == 6);
  CHECK(c.MapValue("salesforce", "status", "Working - Contacted") == c.StageIndex("sal"));
  CHECK(c.MapValue("salesforce", "status", "closed - not converted") == -1);  // known, not a stage
  CHECK(!c.MapValue("salesforce", "status", "Nurture"));                      // unmapped
  CHECK(c.MapValue("salesforce", "stage", "Closed Won") == c.StageIndex("customer"));
  CHECK(c.MapValue("hubspot", "lifecycle", "Marketing Qualified Lead") == c.StageIndex("mql"));
  CHECK(c.StageDateColumn("hubspot", "became a customer date") == c.StageIndex("customer"));
  CHECK(c.StageDateColumn("salesforce", "CONVERTEDDATE") == c.StageIndex("sql"));
  CHECK(c.StageDateColumn("hubspot", "Email") == -1);
}

TEST_CASE("a user config overlays the defaults key by key") {
  Config c = LoadConfigText(R"(
tz = "Europe/Berlin"
skipped = "strict"
stages = ["lead", "mql", "customer"]
opportunity_stage = ""
[map.salesforce.status]
"Nurture" = "lead"
[owners]
"005000000000001AAA" = "Sam Okafor"
[[file]]
match = "hubspot-*.csv"
tz = "America/New_York"
date_order = "dmy"
decimal = ","
[file.dimensions]
region = "Region"
)",
                            "test.toml");
  CHECK(c.origin == "test.toml");
  CHECK(c.tz == "Europe/Berlin");
  CHECK(c.skipped == SkippedPolicy::kStrict);
  CHECK(c.MapValue("salesforce", "status", "nurture") == 0);
  // A built-in value whose stage the user dropped is unmapped here (init lists it).
  CHECK(!c.MapValue("salesforce", "status", "Working - Contacted"));
  CHECK(c.MapValue("salesforce", "status", "Closed - Not Converted") == -1);
  CHECK(c.OwnerName("005000000000001AAA") == "Sam Okafor");
  CHECK(!c.OwnerName("005000000000002AAA"));
  REQUIRE(c.files.size() == 1);
  CHECK(c.files[0].date_order == DateOrder::kDmy);
  CHECK(c.files[0].decimal == ',');
  CHECK(c.RulesFor("exports/hubspot-crm-exports-all-contacts.csv").size() == 1);
  CHECK(c.RulesFor("exports/Lead.csv").empty());
  CHECK(c.dimensions == std::vector<std::string>{"region"});
}

struct BadConfig {
  const char* text;
  const char* message;  // part of the error
  int line;
};

TEST_CASE("config errors name the line and column and say how to fix them") {
  const BadConfig cases[] = {
      {"tz = \"Mars/Olympus\"\n", "Mars/Olympus", 1},
      {"won_stage = \"closed\"\n", "not a stage of this funnel", 1},
      {"[[file]]\nmatch = \"x\"\nencoding = \"ebcdic\"\n", "unknown encoding", 3},
      {"[[file]]\nmatch = \"x\"\ntz = \"Europe/Atlantis\"\n", "Europe/Atlantis", 3},
      {"stages = [\"lead\"]\ncolour = \"blue\"\n", "unknown key 'colour'", 2},
      {"skipped = \"sometimes\"\n", "not a policy", 1},
      {"stages = \"lead\"\n", "must be an array", 1},
      {"[map.salesforce.status]\n\"Open\" = \"hot\"\n", "not a stage of this funnel", 2},
      {"[map.salesforce.colour]\n", "unknown mapped field", 1},
      {"[[file]]\nkind = \"people\"\n", "needs 'path' or 'match'", 1},
      {"[[file]]\nmatch = \"x\"\nkind = \"persons\"\n", "unknown kind", 3},
      {"[[file]]\nmatch = \"x\"\n[file.columns]\nmail = \"E-mail\"\n", "unknown field 'mail'", 4},
      {"[[file]]\nmatch = \"x\"\ndate_order = \"ymd\"\n", "is not known", 3},
      {"tz = [1, 2\n", "invalid TOML", 1},
      {"stages = [\"a\", \"a\"]\n", "repeated", 1},
      {"[calendar.x]\nhours = \"9-17\"\n", "is not working hours", 2},
      {"[calendar.x]\ndimension = \"region\"\n", "needs both dimension and values", 1},
      {"[calendar.x]\ndays = [\"monday\"]\n", "is not a weekday", 2},
      {"[[sla]]\nname = \"r\"\nstart = \"mql\"\nend = \"first_touch\"\nlimit = \"4 hours\"\n",
       "is not a duration", 5},
      {"[[sla]]\nname = \"r\"\nstart = \"mql\"\nend = \"replied\"\nlimit = \"4h\"\n",
       "is not a stage", 4},
      {"[[sla]]\nname = \"r\"\nstart = \"mql\"\nend = \"first_touch\"\nlimit = \"4h\"\n"
       "calendar = \"apac\"\n",
       "which no [calendar.apac] defines", 1},
      {"stages = [\"inquiry\", \"won\"]\n", "created_stage \"lead\" is not in stages", 1},
      {"[[file]]\nmatch = \"x\"\ndimensions = { stage = \"Stage\" }\n", "cannot name a dimension",
       3},
  };
  for (const auto& bad : cases) {
    CAPTURE(bad.text);
    try {
      LoadConfigText(bad.text, "bad.toml");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.code() == ExitCode::kUsage);
      CHECK(std::string(e.what()).find(bad.message) != std::string::npos);
      if (bad.line) {
        CHECK(e.where().file == "bad.toml");
        CHECK(e.where().line == bad.line);
        CHECK(e.where().column > 0);
      }
      CHECK(!e.hint().empty());
    }
  }
}

}  // namespace
}  // namespace baton
