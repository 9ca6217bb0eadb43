// baton export's tables and baton sql's scripts: the tables carry the records as
// the ingest layer gives them (quoted where RFC 4180 says, UTC times, per-file
// record numbers); the scripts say which engine, options and definitions they are
// for, and spell each engine's functions. Whether the scripts compute baton's
// numbers is tests/sql/run's question (DuckDB and PostgreSQL, in CI).
#include <doctest/doctest.h>
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "baton/config.h"
#include "baton/export.h"
#include "baton/sql.h"
#include "test_util.h"

namespace baton {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// "2024-03-05T14:03:22Z" → the instant.
Instant At(const char* text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  std::sscanf(text, "%d-%d-%dT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &sec);
  return test::Utc(y, mo, d, h, mi, sec);
}

std::string Gunzip(const std::string& path) {
  gzFile gz = gzopen(path.c_str(), "rb");
  std::string out;
  char buffer[4096];
  for (int n; (n = gzread(gz, buffer, sizeof buffer)) > 0;)
    out.append(buffer, static_cast<std::size_t>(n));
  gzclose(gz);
  return out;
}

TEST_CASE("export: person rows, keys, stage evidence and deals, as the records say") {
  test::TempDir dir;
  Config config = DefaultConfig();
  ExportOptions options;
  options.directory = dir.path() + "/tables";
  options.baton_version = "9.9";
  options.config_hash = "abc";
  TableExport sink(config, options);
  sink.BeginFile("exports/Lead.csv");
  PersonRecord p;
  p.keys = {"salesforce:00Q1", "e:dana@norvale.example"};
  p.linked_keys = {"salesforce:0031"};
  p.opportunity_keys = {"salesforce:0061"};
  p.created_at = At("2024-03-05T14:03:22Z");
  p.source = "Web, \"paid\"";
  p.campaign = "Spring-Webinar  2024!";
  p.score = 42.5;
  p.stage_dates.assign(config.stages.size(), kNoTime);
  p.stage_dates[1] = At("2024-03-06T09:00:00Z");
  p.status_stages = {2};
  sink.Person(p);
  p.keys = {"e:lee@norvale.example"};
  p.linked_keys.clear();
  p.opportunity_keys.clear();
  p.source = "line\nbreak";
  p.campaign.clear();
  p.score.reset();
  p.stage_dates.assign(config.stages.size(), kNoTime);
  p.status_stages.clear();
  sink.Person(p);
  sink.BeginFile("Opportunity.csv");
  OpportunityRecord o;
  o.key = "salesforce:0061";
  o.person_keys = {"salesforce:0031"};
  o.created_at = At("2024-04-01T00:00:00Z");
  o.amount = 1234.5;
  o.is_won = true;
  o.stage = 5;
  sink.Opportunity(o);
  sink.ReportCurrency("EUR");
  ExportCounts counts = sink.Finish();

  const std::string t = options.directory + "/";
  CHECK(Slurp(t + "people.csv") ==
        "file,record,key,label,created_at,assigned_at,owned_by_user,source,campaign,owner,"
        "owner_name,score,grade,campaign_norm\n"
        "Lead.csv,1,salesforce:00Q1,e:dana@norvale.example,2024-03-05T14:03:22Z,,false,"
        "\"Web, \"\"paid\"\"\",Spring-Webinar  2024!,,,42.5,,spring webinar 2024\n"
        "Lead.csv,2,e:lee@norvale.example,e:lee@norvale.example,2024-03-05T14:03:22Z,,false,"
        "\"line\nbreak\",,,,,,\n");
  CHECK(Slurp(t + "person_keys.csv") ==
        "file,record,key,kind\n"
        "Lead.csv,1,e:dana@norvale.example,email\n"
        "Lead.csv,1,salesforce:0031,linked\n"
        "Lead.csv,1,salesforce:0061,opportunity\n");
  CHECK(Slurp(t + "person_stages.csv") ==
        "file,record,stage,kind,at\n"
        "Lead.csv,1,mql,date,2024-03-06T09:00:00Z\n"
        "Lead.csv,1,sal,status,\n");
  CHECK(Slurp(t + "opportunities.csv") ==
        "file,record,key,created_at,close_date,amount,is_won,is_closed,stage,owner,owner_name,"
        "campaign,source\n"
        "Opportunity.csv,1,salesforce:0061,2024-04-01T00:00:00Z,,1234.5,true,false,customer,,,,\n");
  CHECK(Slurp(t + "links.csv") ==
        "file,opportunity_key,person_key\nOpportunity.csv,salesforce:0061,salesforce:0031\n");
  const std::string manifest = Slurp(t + "manifest.csv");
  CHECK(manifest.find("schema,1\n") != std::string::npos);
  CHECK(manifest.find("definitions_hash,abc\n") != std::string::npos);
  CHECK(manifest.find("currency,EUR\n") != std::string::npos);
  CHECK(manifest.find("stages,\"lead,mql,sal,sql,opportunity,customer\"\n") != std::string::npos);
  // Every table is written, even an empty one (its header), and no temporary is left.
  for (const auto& table : ExportTables()) {
    CHECK(std::filesystem::exists(t + std::string(table.name) + ".csv"));
    CHECK_FALSE(std::filesystem::exists(t + std::string(table.name) + ".csv.tmp"));
  }
  CHECK(counts.rows.front() == std::make_pair(std::string("people"), std::int64_t{2}));
}

TEST_CASE(
    "export: the calendar table holds each working interval in UTC, DST applied, and every "
    "day") {
  test::TempDir dir;
  Config config = DefaultConfig();
  config.calendars.clear();
  config.calendars["ny"] = Calendar::Standard(FindZone("America/New_York"));
  ExportOptions options;
  options.directory = dir.path();
  // Friday 2024-03-08 to Tuesday 2024-03-12: DST began on Sunday the 10th.
  options.calendar_first_day = CivilDay(2024, 3, 8);
  options.calendar_last_day = CivilDay(2024, 3, 12);
  TableExport sink(config, options);
  sink.Finish();
  CHECK(Slurp(dir.path() + "/calendar.csv") ==
        "calendar,day,start_at,end_at\n"
        "ny,2024-03-08,2024-03-08T14:00:00Z,2024-03-08T22:00:00Z\n"
        "ny,2024-03-09,,\n"
        "ny,2024-03-10,,\n"
        "ny,2024-03-11,2024-03-11T13:00:00Z,2024-03-11T21:00:00Z\n"
        "ny,2024-03-12,2024-03-12T13:00:00Z,2024-03-12T21:00:00Z\n");
}

TEST_CASE("export: gzip tables read back as the plain ones") {
  test::TempDir dir;
  Config config = DefaultConfig();
  ExportOptions options;
  options.directory = dir.path();
  options.gzip = true;
  TableExport sink(config, options);
  sink.BeginFile("a.csv");
  CampaignRecord c{"hubspot:7", "Spring, webinar", "Webinar"};
  sink.Campaign(c);
  sink.Finish();
  const std::string gz = dir.path() + "/campaigns.csv.gz";
  REQUIRE(std::filesystem::exists(gz));
  CHECK(Gunzip(gz) ==
        "file,key,name,channel,id,name_norm\n"
        "a.csv,hubspot:7,\"Spring, webinar\",Webinar,7,spring webinar\n");
}

TEST_CASE("export: a directory that cannot be made is a usage error naming it") {
  test::TempDir dir;
  const std::string file = dir.Write("plain", "x");
  Config config = DefaultConfig();
  ExportOptions options;
  options.directory = file + "/tables";
  CHECK_THROWS_WITH_AS(TableExport(config, options), doctest::Contains("plain/tables"), Error);
}

TEST_CASE("sql: dialect names, and the definitions hash is stable and sensitive") {
  CHECK(ParseSqlDialect("duckdb") == SqlDialect::kDuckdb);
  CHECK(ParseSqlDialect("postgresql") == SqlDialect::kPostgres);
  CHECK(ParseSqlDialect("snowflake") == SqlDialect::kSnowflake);
  CHECK_FALSE(ParseSqlDialect("oracle").has_value());
  CHECK(SqlDialectNames() == "duckdb, postgres, spark, trino, bigquery, snowflake");
  CHECK(DefinitionsHash("stages = []", "1.0") == DefinitionsHash("stages = []", "1.0"));
  CHECK(DefinitionsHash("stages = []", "1.0") != DefinitionsHash("stages = [ ]", "1.0"));
  CHECK(DefinitionsHash("stages = []", "1.0") != DefinitionsHash("stages = []", "1.1"));
  CHECK(DefinitionsHash("", "").size() == 16);
}

TEST_CASE("sql: the funnel script names itself and spells each engine's functions") {
  Config config = DefaultConfig();
  FunnelOptions options;
  const Instant as_of = At("2024-07-01T00:00:00Z");
  options.period.until = as_of + 1;
  SqlScript script;
  script.baton_version = "9.9";
  script.definitions_hash = "0123456789abcdef";
  script.options = "--as-of 2024-07-01";
  script.merge_rounds = 3;
  struct Expect {
    SqlDialect dialect;
    const char* epoch;
    const char* fail;
  };
  for (const Expect& e : {Expect{SqlDialect::kDuckdb, "CAST(epoch(\"created_at\") AS BIGINT)",
                                 "CAST(error('baton: the identity merge"},
                          Expect{SqlDialect::kPostgres, "EXTRACT(EPOCH FROM \"created_at\")",
                                 "CAST('baton: the identity merge"},
                          Expect{SqlDialect::kSpark, "unix_seconds(`created_at`)", "raise_error("},
                          Expect{SqlDialect::kTrino, "to_unixtime(\"created_at\")", "fail("},
                          Expect{SqlDialect::kBigquery, "UNIX_SECONDS(`created_at`)", "ERROR("},
                          Expect{SqlDialect::kSnowflake, "DATE_PART(epoch_second, \"created_at\")",
                                 "CAST('baton: the identity merge"}}) {
    script.dialect = e.dialect;
    const std::string sql = FunnelSql(config, options, as_of, SkippedPolicy::kInfer, script);
    CAPTURE(SqlDialectName(e.dialect));
    CHECK(sql.starts_with("-- baton 9.9 · baton sql funnel · dialect " +
                          std::string(SqlDialectName(e.dialect)) +
                          " · definitions 0123456789abcdef\n-- options: --as-of 2024-07-01\n"));
    CHECK(sql.find(e.epoch) != std::string::npos);
    CHECK(sql.find(e.fail) != std::string::npos);
    // As-of as epoch seconds; three merge rounds, then the check on the third.
    CHECK(sql.find("<= 1719792000") != std::string::npos);
    CHECK(sql.find("baton_id3") != std::string::npos);
    CHECK(sql.find("baton_id4") == std::string::npos);
    CHECK(sql.find("did not settle in 3 rounds") != std::string::npos);
  }
}

TEST_CASE("sql: the period and the stages shown are literals of the script") {
  Config config = DefaultConfig();
  FunnelOptions options;
  const Instant as_of = At("2024-07-01T00:00:00Z");
  options.period.since = At("2024-01-01T00:00:00Z");
  options.period.until = At("2024-04-01T00:00:00Z");
  options.from_stage = 4;  // opportunity → customer
  SqlScript script;
  std::string sql = FunnelSql(config, options, as_of, SkippedPolicy::kStrict, script);
  CHECK(sql.find("t0 >= 1704067200 AND t0 < 1711929600") != std::string::npos);
  CHECK(sql.find("'opportunity' AS stage") != std::string::npos);
  CHECK(sql.find("'customer' AS stage") != std::string::npos);
  CHECK(sql.find("'sql' AS stage") == std::string::npos);
  CHECK(sql.find("skipped-stage policy (strict)") != std::string::npos);
  CHECK(sql.find("later_t") == std::string::npos);  // no inference under strict
  options.basis = Basis::kPeriod;
  sql = FunnelSql(config, options, as_of, SkippedPolicy::kInfer, script);
  CHECK(sql.find("AS \"entered\"") != std::string::npos);
  CHECK(sql.find("AS \"immature\"") == std::string::npos);
}

}  // namespace
}  // namespace baton

namespace baton {
namespace {

TEST_CASE("sql: the cost script's days, map and steps are literals of the script") {
  Config config = DefaultConfig();
  config.campaign_map["g ads brand"] = "Google Ads - Brand";
  CostOptions options;
  options.tz = FindZone("America/New_York");
  // 2024-Q2 in New York: local days 2024-04-01 (19814) to 2024-06-30 (19904).
  options.period.since = test::Utc(2024, 4, 1, 4);
  options.period.until = test::Utc(2024, 7, 1, 4);
  const Instant as_of = test::Utc(2024, 7, 1, 4);
  SqlScript script;
  const std::string sql = CostSql(config, options, as_of, SkippedPolicy::kInfer, script);
  CHECK(sql.find("-- baton  · baton sql cost · dialect duckdb") == 0);
  CHECK(sql.find("CASE WHEN x.a > 19814 THEN x.a ELSE 19814 END") != std::string::npos);
  CHECK(sql.find("CASE WHEN x.b < 19904 THEN x.b ELSE 19904 END") != std::string::npos);
  CHECK(sql.find("SELECT 'g ads brand' AS k, 'Google Ads - Brand' AS v, 'google ads brand' AS "
                 "v_norm") != std::string::npos);
  CHECK(sql.find("AS \"cost_per_assigned\"") != std::string::npos);
  CHECK(sql.find("with assigned after lead") != std::string::npos);
  // An as-of inside the period ends the spend days there: 2024-05-15 (19858).
  const std::string cut =
      CostSql(config, options, test::Utc(2024, 5, 15, 12), SkippedPolicy::kInfer, script);
  CHECK(cut.find("CASE WHEN x.b < 19858 THEN x.b ELSE 19858 END") != std::string::npos);
}

}  // namespace
}  // namespace baton
