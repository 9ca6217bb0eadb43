// ReadInputs with --threads 2 (src/ingest/pipeline.cpp): the sink, the rejects and
// the progress calls see exactly what a one-thread read gives, in the same order,
// on the calling thread; an error on either side ends the read with that error.
#include <doctest/doctest.h>

#include <thread>

#include "baton/error.h"
#include "baton/inputs.h"
#include "test_util.h"

namespace baton {
namespace {

using test::TempDir;

// Logs every call as one line, and the thread it came on.
struct Log : RecordSink {
  std::vector<std::string> lines;
  std::thread::id caller = std::this_thread::get_id();
  bool wrong_thread = false;
  std::size_t throw_at = 0;  // 0 = never; else throw on this call

  void Note(std::string line) {
    wrong_thread |= std::this_thread::get_id() != caller;
    lines.push_back(std::move(line));
    if (throw_at != 0 && lines.size() == throw_at) {
      throw Error(ExitCode::kData, {}, "the sink gave up", "");
    }
  }
  void Person(const PersonRecord& r) override {
    std::string keys;
    for (const auto& k : r.keys) keys += k + " ";
    Note("person " + keys + std::to_string(r.created_at));
  }
  void Opportunity(const OpportunityRecord& r) override { Note("opportunity " + r.key); }
  void StageChange(const StageChangeRecord& r) override {
    Note("change " + r.subject_key + " " + std::to_string(r.stage));
  }
  void Link(const LinkRecord& r) override { Note("link " + r.opportunity_key); }
  void Activity(const ActivityRecord& r) override {
    Note("activity " + r.person_key + " " + std::to_string(r.at));
  }
  void CampaignMember(const CampaignMemberRecord& r) override { Note("member " + r.person_key); }
  void Campaign(const CampaignRecord& r) override { Note("campaign " + r.key); }
  void Spend(const SpendRecord& r) override { Note("spend " + r.campaign); }
  void ReportCurrency(std::string_view c) override { Note("currency " + std::string(c)); }
};

// A lead file of `n` rows (every 7th with a bad date, every 11th with a quoted
// line break) and a task file of 3 tasks per lead.
void WriteCompany(const TempDir& dir, int n) {
  std::string leads = "Id,OwnerId,Email,Status,LeadSource,CreatedDate,IsConverted,Description\n";
  std::string tasks = "Id,WhoId,Subject,ActivityDate,CreatedDate,TaskSubtype\n";
  for (int i = 0; i < n; ++i) {
    std::string id = "00Q" + std::to_string(1000000 + i) + "AAAAAAAA";
    std::string date = i % 7 == 3 ? "not a date" : "2024-03-0" + std::to_string(1 + i % 9);
    std::string note = i % 11 == 0 ? "\"two\nlines\"" : "x";
    leads += id + ",005000000000001AAA,p" + std::to_string(i) +
             "@x.example,Open - Not Contacted,Web," + date + "T10:00:00.000+0000,false," + note +
             "\n";
    for (int t = 0; t < 3; ++t) {
      tasks += "00T" + std::to_string(3000000 + i * 3 + t) + "AAAAAAAA," + id + ",Call,2024-03-1" +
               std::to_string(t) + ",2024-03-1" + std::to_string(t) + "T09:00:00.000Z,Call\n";
    }
  }
  dir.Write("Lead.csv", leads);
  dir.Write("Task.csv", tasks);
}

struct Result {
  std::vector<std::string> lines;
  std::vector<std::string> rejects;
  std::vector<std::int64_t> progress_rows;
  std::vector<FileStats> stats;
  bool wrong_thread = false;
};

Result Read(const TempDir& dir, int threads) {
  Result out;
  Log log;
  ReadOverrides overrides;
  overrides.threads = threads;
  const auto caller = std::this_thread::get_id();
  overrides.progress = [&](const ReadProgress& p) {
    out.wrong_thread |= std::this_thread::get_id() != caller;
    out.progress_rows.push_back(p.rows);
  };
  out.stats = ReadInputs({{dir.path() + "/Lead.csv"}, {dir.path() + "/Task.csv"}}, DefaultConfig(),
                         overrides, log, [&](const Reject& r) {
                           out.wrong_thread |= std::this_thread::get_id() != caller;
                           out.rejects.push_back(r.file + ":" + std::to_string(r.line) + ":" +
                                                 std::to_string(r.column) + " " + r.reason);
                           // The reject comes in order with the records around it.
                           log.lines.push_back("reject " + std::to_string(r.line));
                         });
  out.lines = log.lines;
  out.wrong_thread |= log.wrong_thread;
  return out;
}

TEST_CASE("two threads give the one-thread read's records, rejects and progress, in order") {
  TempDir dir;
  const int n = 30000;  // several batches of 4,096 records, and progress calls
  WriteCompany(dir, n);
  Result one = Read(dir, 1);
  Result two = Read(dir, 2);
  // The numbers themselves, not only their agreement.
  REQUIRE(one.stats.size() == 2);
  CHECK(one.stats[0].rows == n);
  CHECK(one.stats[0].RejectedTotal() == (n + 3) / 7);
  CHECK(one.stats[1].rows == 3 * n);
  CHECK(one.rejects.size() == static_cast<std::size_t>((n + 3) / 7));
  CHECK(one.lines.size() == static_cast<std::size_t>(n + 3 * n + 1));  // + currency
  CHECK(one.progress_rows.size() == 3);  // 65,536 task rows, end of each file
  // Row 3 is on line 6: row 0 spans lines 2 and 3 (a quoted line break).
  CHECK(one.rejects.front() == dir.path() + "/Lead.csv:6:6 bad date");

  CHECK(two.lines == one.lines);
  CHECK(two.rejects == one.rejects);
  CHECK(two.progress_rows == one.progress_rows);
  REQUIRE(two.stats.size() == 2);
  for (std::size_t f = 0; f < 2; ++f) {
    CHECK(two.stats[f].rows == one.stats[f].rows);
    CHECK(two.stats[f].used == one.stats[f].used);
    CHECK(two.stats[f].RejectedTotal() == one.stats[f].RejectedTotal());
  }
  CHECK_FALSE(one.wrong_thread);
  CHECK_FALSE(two.wrong_thread);
}

TEST_CASE("an error of the sink ends a two-thread read with that error") {
  TempDir dir;
  WriteCompany(dir, 20000);
  Log log;
  log.throw_at = 9000;
  ReadOverrides overrides;
  overrides.threads = 2;
  CHECK_THROWS_WITH_AS(ReadInputs({{dir.path() + "/Lead.csv"}, {dir.path() + "/Task.csv"}},
                                  DefaultConfig(), overrides, log, [](const Reject&) {}),
                       "the sink gave up", Error);
  CHECK(log.lines.size() == 9000);
}

TEST_CASE("an unreadable file ends a two-thread read with the reader's error, after its records") {
  TempDir dir;
  WriteCompany(dir, 100);
  Log log;
  ReadOverrides overrides;
  overrides.threads = 2;
  try {
    ReadInputs({{dir.path() + "/Lead.csv"}, {dir.path() + "/missing.csv"}}, DefaultConfig(),
               overrides, log, [](const Reject&) {});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::kData);
    CHECK(std::string(e.what()).find("missing.csv") != std::string::npos);
  }
  // The first file's records were all folded before the error surfaced.
  CHECK(log.lines.size() == 86);  // 100 leads, 14 rejected (rows 3, 10, … 94)
}

}  // namespace
}  // namespace baton
