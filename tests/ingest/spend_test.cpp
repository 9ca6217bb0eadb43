// Spend inputs (SPEC 1.1 kind spend, issue 3): every fixture in tests/spend is
// recognised from its header and read to the totals its README states, with
// title lines and "Total:" rows skipped, currencies checked and dates as written.
#include <doctest/doctest.h>

#include <cmath>
#include <map>

#include "baton/error.h"
#include "baton/inputs.h"
#include "test_util.h"

namespace baton {
namespace {

struct SpendSink : RecordSink {
  std::vector<SpendRecord> spend;
  std::vector<CampaignRecord> campaigns;
  std::string currency;
  void Person(const PersonRecord&) override {}
  void Opportunity(const OpportunityRecord&) override {}
  void StageChange(const StageChangeRecord&) override {}
  void Link(const LinkRecord&) override {}
  void Activity(const ActivityRecord&) override {}
  void CampaignMember(const CampaignMemberRecord&) override {}
  void Campaign(const CampaignRecord& r) override { campaigns.push_back(r); }
  void Spend(const SpendRecord& r) override { spend.push_back(r); }
  void ReportCurrency(std::string_view c) override { currency = std::string(c); }
};

struct Read {
  SpendSink sink;
  std::vector<Reject> rejects;
  FileStats stats;
  std::map<std::string, double> totals;  // per campaign, rounded to cents
};

Read ReadSpend(const std::string& file, const Config& config = DefaultConfig()) {
  Read r;
  auto stats = ReadInputs({{std::string(BATON_SOURCE_DIR "/tests/spend/") + file, "", {}}}, config,
                          ReadOverrides{}, r.sink,
                          [&](const Reject& reject) { r.rejects.push_back(reject); });
  r.stats = stats.at(0);
  for (const auto& s : r.sink.spend) r.totals[s.campaign] += s.amount;
  for (auto& [name, total] : r.totals) total = std::round(total * 100) / 100;
  return r;
}

// Days since 1970-01-01.
Day D(int y, int m, int d) { return static_cast<Day>(test::Utc(y, m, d) / kSecondsPerDay); }

TEST_CASE("Google Ads: the UI download, its Excel (UTF-16, tab) twin and the API export agree") {
  for (const char* file : {"google-ads-ui.csv", "google-ads-excel.csv", "google-ads-api.csv"}) {
    CAPTURE(file);
    Read r = ReadSpend(file);
    CHECK(r.stats.system == "google-ads");
    CHECK(r.stats.kind == Kind::kSpend);
    CHECK(r.rejects.empty());
    CHECK(r.stats.used == 6);
    CHECK(r.totals == std::map<std::string, double>{{"Brand - Exact", 3284.80},
                                                    {"Competitor - Phrase", 600.00}});
    CHECK(r.sink.currency == "USD");
    CHECK(r.sink.spend.front().first_day == D(2024, 3, 1));
    CHECK(r.sink.spend.front().last_day == D(2024, 3, 1));
    CHECK(r.sink.spend.front().channel == "Google Ads");
  }
  // The UI download's "Total: Account" / "Total: Campaigns" rows are skipped and counted.
  CHECK(ReadSpend("google-ads-ui.csv").stats.footer_rows == 2);
}

TEST_CASE("LinkedIn, Meta (currency in the header), Marketo and Salesforce Campaign") {
  Read li = ReadSpend("linkedin.csv");
  CHECK(li.stats.system == "linkedin");
  CHECK(li.totals == std::map<std::string, double>{{"Ops leaders, NA", 910.00},
                                                   {"Plant Managers - Retargeting", 320.00}});
  CHECK(li.sink.spend.front().first_day == D(2024, 3, 1));  // M/D/YYYY

  Read meta = ReadSpend("meta.csv");
  CHECK(meta.stats.system == "meta");
  CHECK(meta.sink.currency == "USD");  // from "Amount spent (USD)"
  CHECK(meta.totals["Lookalike US - Demo"] == 2480.00);
  CHECK(meta.totals["Retargeting - Site visitors"] == 620.00);
  CHECK(meta.totals["Webinar promo - PM 101"] == 465.00);
  CHECK(meta.sink.spend.front().first_day == D(2024, 3, 1));  // one row covers all March
  CHECK(meta.sink.spend.front().last_day == D(2024, 3, 31));

  Read marketo = ReadSpend("marketo-period-cost.csv");
  CHECK(marketo.stats.system == "marketo");
  CHECK(marketo.totals == std::map<std::string, double>{{"Content - PM Guide", 2800},
                                                        {"Tradeshow - MRO Expo", 17500},
                                                        {"WB-2024-03 Webinar", 4500}});
  CHECK(marketo.sink.spend.front().first_day == D(2024, 1, 1));  // "2024-01": the month
  CHECK(marketo.sink.spend.front().last_day == D(2024, 1, 31));

  // ActualCost is spend over StartDate..EndDate; an empty ActualCost is none
  // (BudgetedCost is never spend). Every row is still a campaign.
  Read sf = ReadSpend("salesforce-campaign.csv");
  CHECK(sf.stats.kind == Kind::kCampaigns);
  CHECK(sf.sink.campaigns.size() == 4);
  CHECK(sf.totals == std::map<std::string, double>{{"Q1 Webinar - Cost Control", 4380},
                                                   {"FacilitiesExpo Chicago 2024", 17250},
                                                   {"Partner Co-marketing Q1", 2500}});
  for (const auto& s : sf.sink.spend) CHECK(s.campaign_total);
}

TEST_CASE("spend sheets: one date or a range, another currency needs a rate") {
  Read range = ReadSpend("sheet-range.csv");
  CHECK(range.stats.system == "sheet");
  CHECK(range.totals["LinkedIn - Facility Managers H1"] == 3000.00);
  double all = 0;
  for (const auto& [name, total] : range.totals) all += total;
  CHECK(all == doctest::Approx(12140.00));

  // sheet.csv holds 900 EUR: rejected with its line and a hint, never added as dollars.
  Read sheet = ReadSpend("sheet.csv");
  CHECK(sheet.stats.used == 4);
  REQUIRE(sheet.rejects.size() == 1);
  CHECK(sheet.rejects[0].reason == "other currency");
  CHECK(sheet.rejects[0].detail.find("[rates] EUR") != std::string::npos);
  CHECK(sheet.totals.count("Instandhaltung Forum Stuttgart") == 0);

  // With a rate the row converts; with currency = "EUR" the dollars would need one.
  Config rated = LoadConfigText("currency = \"USD\"\n[rates]\nEUR = 1.1\n", "rated.toml");
  Read converted = ReadSpend("sheet.csv", rated);
  CHECK(converted.rejects.empty());
  CHECK(converted.totals["Instandhaltung Forum Stuttgart"] == doctest::Approx(990.00));

  Config euro = LoadConfigText(
      "currency = \"EUR\"\n[[file]]\nmatch = \"meta-eur.csv\"\ndecimal = \",\"\n", "eur.toml");
  Read meta = ReadSpend("meta-eur.csv", euro);
  CHECK(meta.rejects.empty());
  CHECK(meta.totals == std::map<std::string, double>{{"Lookalike DE - Demo", 254.00},
                                                     {"Retargeting DE - Besucher", 120.00}});
}

TEST_CASE("spend: bad rows are rejected with file, line and column") {
  test::TempDir dir;
  std::string file = dir.Write("spend.csv",
                               "date,campaign,amount\n"
                               "2024-03-01,Ads,10\n"
                               "2024-13-01,Ads,10\n"
                               "2024-03-02,,10\n"
                               "2024-03-03,Ads,ten\n"
                               "2024-03,Ads,310\n"
                               "2024-03-04,Ads,\n");
  SpendSink sink;
  std::vector<Reject> rejects;
  auto stats = ReadInputs({{file, "", {}}}, DefaultConfig(), ReadOverrides{}, sink,
                          [&](const Reject& r) { rejects.push_back(r); });
  REQUIRE(rejects.size() == 3);
  CHECK(rejects[0].line == 3);
  CHECK(rejects[0].reason == "bad date");
  CHECK(rejects[0].column == 1);
  CHECK(rejects[1].reason == "no campaign");
  CHECK(rejects[2].reason == "bad money");
  CHECK(rejects[2].column == 3);
  REQUIRE(sink.spend.size() == 2);
  CHECK(sink.spend[1].first_day == D(2024, 3, 1));  // a month in a date column
  CHECK(sink.spend[1].last_day == D(2024, 3, 31));
  CHECK(stats[0].ignored.at("spend rows without an amount") == 1);

  std::string ranged = dir.Write("ranges.csv",
                                 "start,end,campaign,amount\n"
                                 "2024-03-05,2024-03-01,Ads,10\n");
  rejects.clear();
  ReadInputs({{ranged, "", {}}}, DefaultConfig(), ReadOverrides{}, sink,
             [&](const Reject& r) { rejects.push_back(r); });
  REQUIRE(rejects.size() == 1);
  CHECK(rejects[0].reason == "end before start");
}

}  // namespace
}  // namespace baton
