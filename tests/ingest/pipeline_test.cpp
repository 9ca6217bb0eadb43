// ReadInputs with --threads 2 (src/ingest/pipeline.cpp): the sink, the rejects and
// the progress calls see exactly what a one-thread read gives, in the same order,
// on the calling thread; an error on either side ends the read with that error.
#include "ingest/pipeline.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
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
// line break, two spellings of an unmapped status) and a task file (a UTF-8 BOM,
// CRLF line ends) of 3 tasks per lead, every 50th with no WhoId.
void WriteCompany(const TempDir& dir, int n) {
  std::string leads = "Id,OwnerId,Email,Status,LeadSource,CreatedDate,IsConverted,Description\n";
  std::string tasks = "\xEF\xBB\xBFId,WhoId,Subject,ActivityDate,CreatedDate,TaskSubtype\r\n";
  for (int i = 0; i < n; ++i) {
    std::string id = "00Q" + std::to_string(1000000 + i) + "AAAAAAAA";
    std::string date = i % 7 == 3 ? "not a date" : "2024-03-0" + std::to_string(1 + i % 9);
    std::string note = i % 11 == 0 ? "\"two\nlines, \"\"quoted\"\"\n\"" : "x";
    std::string status = i % 13 == 5   ? "Mystery"
                         : i % 13 == 6 ? "MYSTERY "
                                       : "Open - Not Contacted";
    leads += id + ",005000000000001AAA,p" + std::to_string(i) + "@x.example," + status + ",Web," +
             date + "T10:00:00.000+0000,false," + note + "\n";
    for (int t = 0; t < 3; ++t) {
      std::string who = (i * 3 + t) % 50 == 7 ? "" : id;
      tasks += "00T" + std::to_string(3000000 + i * 3 + t) + "AAAAAAAA," + who + ",Call,2024-03-1" +
               std::to_string(t) + ",2024-03-1" + std::to_string(t) + "T09:00:00.000Z,Call\r\n";
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

Result Read(const TempDir& dir, int threads, std::int64_t part_bytes = 4 << 20) {
  Result out;
  Log log;
  ReadOverrides overrides;
  overrides.threads = threads;
  overrides.part_bytes = part_bytes;
  overrides.data_quality = false;  // as the reports other than check read
  const auto caller = std::this_thread::get_id();
  overrides.progress = [&](const ReadProgress& p) {
    out.wrong_thread |= std::this_thread::get_id() != caller;
    if (p.done) out.progress_rows.push_back(p.rows);
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

// Everything FileStats says, as text, for comparing two reads.
std::string Describe(const FileStats& s) {
  std::string out = s.name + " " + s.system + " " + std::string(KindName(s.kind)) + " " + s.layout +
                    " rows " + std::to_string(s.rows) + " used " + std::to_string(s.used) +
                    " footer " + std::to_string(s.footer_rows) + "\n";
  for (const auto& [reason, seen] : s.rejected) {
    out += "rejected " + reason + " " + std::to_string(seen.count) + " first " +
           std::to_string(seen.first_line) + "\n";
  }
  for (const auto& [reason, n] : s.ignored)
    out += "ignored " + reason + " " + std::to_string(n) + "\n";
  for (const auto& [field, values] : s.unmapped) {
    for (const auto& [value, seen] : values) {
      out += "unmapped " + field + " '" + value + "' " + std::to_string(seen.count) + " first " +
             std::to_string(seen.first_line) + "\n";
    }
  }
  return out;
}

TEST_CASE("two threads give the one-thread read's records, rejects and counts, in order") {
  TempDir dir;
  const int n = 30000;  // several batches of 4,096 records
  WriteCompany(dir, n);
  Result one = Read(dir, 1);
  // The numbers themselves, not only their agreement.
  REQUIRE(one.stats.size() == 2);
  CHECK(one.stats[0].rows == n);
  CHECK(one.stats[0].RejectedTotal() == (n + 3) / 7);
  CHECK(one.stats[1].rows == 3 * n);
  CHECK(one.stats[1].IgnoredTotal() == 3 * n / 50);
  CHECK(one.rejects.size() == static_cast<std::size_t>((n + 3) / 7));
  // A line per person or reject, per task with a WhoId, and the currency at the end
  // (a rejected lead's tasks still count).
  CHECK(one.lines.size() == static_cast<std::size_t>(n + 3 * n - 3 * n / 50 + 1));
  CHECK(one.progress_rows == std::vector<std::int64_t>{n, 3 * n});
  // Row 3 is on line 7: row 0 spans lines 2 to 4 (quoted line breaks).
  CHECK(one.rejects.front() == dir.path() + "/Lead.csv:7:6 bad date");
  const auto& statuses = one.stats[0].unmapped.at("status");
  REQUIRE(statuses.size() == 1);  // "Mystery" and "MYSTERY " are one value
  CHECK(statuses.begin()->first == "Mystery");

  // Read behind the caller (parts larger than the files), and in 4 KiB parts.
  for (std::int64_t part_bytes : {std::int64_t{4} << 20, std::int64_t{4096}}) {
    CAPTURE(part_bytes);
    Result two = Read(dir, 2, part_bytes);
    CHECK(two.lines == one.lines);
    CHECK(two.rejects == one.rejects);
    CHECK(two.progress_rows == one.progress_rows);
    REQUIRE(two.stats.size() == 2);
    for (std::size_t f = 0; f < 2; ++f) CHECK(Describe(two.stats[f]) == Describe(one.stats[f]));
    CHECK_FALSE(two.wrong_thread);
  }
  CHECK_FALSE(one.wrong_thread);
}

TEST_CASE("parts smaller than a row: guessed starts often inside a quoted line break") {
  TempDir dir;
  WriteCompany(dir, 2000);
  Result one = Read(dir, 1);
  for (int threads : {2, 3}) {
    CAPTURE(threads);
    Result many = Read(dir, threads, 97);
    CHECK(many.lines == one.lines);
    CHECK(many.rejects == one.rejects);
    REQUIRE(many.stats.size() == 2);
    for (std::size_t f = 0; f < 2; ++f) CHECK(Describe(many.stats[f]) == Describe(one.stats[f]));
  }
}

TEST_CASE("a file read in parts ends with the one-thread read's error, naming the same line") {
  TempDir dir;
  WriteCompany(dir, 3000);
  // A quote that never closes, opened on the last line of the lead file.
  std::string leads = "Id,OwnerId,Email,Status,LeadSource,CreatedDate,IsConverted,Description\n";
  for (int i = 0; i < 3000; ++i) {
    leads += "00Q" + std::to_string(1000000 + i) + "AAAAAAAA,005000000000001AAA,p" +
             std::to_string(i) +
             "@x.example,Open - Not Contacted,Web,2024-03-01T10:00:00Z,false,\"" +
             (i == 2999 ? "open\n" : "closed\"\n");
  }
  dir.Write("Lead.csv", leads);
  auto message = [&](int threads) {
    Log log;
    ReadOverrides overrides;
    overrides.threads = threads;
    overrides.part_bytes = 1000;
    overrides.data_quality = false;
    try {
      ReadInputs({{dir.path() + "/Lead.csv"}}, DefaultConfig(), overrides, log,
                 [](const Reject&) {});
    } catch (const Error& e) {
      return std::to_string(log.lines.size()) + " " + e.what();
    }
    return std::string("no error");
  };
  const std::string one = message(1);
  CHECK(one.find("Lead.csv:3001:") != std::string::npos);
  CHECK(one.rfind("2999 ", 0) == 0);  // the rows before it were read
  CHECK(message(2) == one);
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

namespace baton {
namespace {

// Everything one read gives, as text: records, rejects and counts, or the error.
std::string ReadAll(const std::string& path, int threads, std::int64_t part_bytes) {
  Log log;
  ReadOverrides overrides;
  overrides.threads = threads;
  overrides.part_bytes = part_bytes;
  overrides.data_quality = false;
  std::string out;
  try {
    auto stats = ReadInputs({{path}}, DefaultConfig(), overrides, log, [&](const Reject& r) {
      log.lines.push_back("reject " + std::to_string(r.line) + ":" + std::to_string(r.column) +
                          " " + r.reason);
    });
    out = Describe(stats.at(0));
  } catch (const Error& e) {
    out = std::string("error ") + e.what();
  }
  for (const auto& l : log.lines) out += l + "\n";
  return out;
}

// A file of records with known starts: every field quoted, some with line breaks
// (LF or CRLF), commas and doubled quotes inside; `ends` the row ends.
struct KnownStarts {
  std::string text;
  std::vector<std::int64_t> starts;  // every record's first byte, and the end
};
KnownStarts QuotedRecords(int rows, const char* row_end) {
  const char* values[] = {"Call: follow-up 1", "line one\nline two",  "a, b and c",
                          "said \"\"hi\"\"",   "first\r\nsecond\r\n", "x"};
  KnownStarts k;
  std::uint32_t seed = 99;
  for (int r = 0; r < rows; ++r) {
    k.starts.push_back(static_cast<std::int64_t>(k.text.size()));
    k.text += "\"00T" + std::to_string(r) + "\"";
    for (int f = 0; f < 4; ++f) {
      seed = seed * 1664525u + 1013904223u;
      k.text += ",\"" + std::string(values[(seed >> 8) % 6]) + "\"";
    }
    k.text += row_end;
  }
  k.starts.push_back(static_cast<std::int64_t>(k.text.size()));
  return k;
}

// The guess for a part starting at `offset`: the bytes from offset - 1 on.
std::int64_t Guess(const std::string& text, std::int64_t offset, bool last = true) {
  const std::int64_t at = GuessLineStart(
      std::string_view(text).substr(static_cast<std::size_t>(offset - 1)), ',', last);
  return at < 0 ? at : offset - 1 + at;
}

TEST_CASE("a part's start is guessed right inside a quoted field that holds a line break") {
  for (const char* row_end : {"\n", "\r\n"}) {
    CAPTURE(std::string(row_end).size());
    const KnownStarts k = QuotedRecords(60, row_end);
    int checked = 0, first_line_end_wrong = 0;
    for (std::int64_t offset = 1; offset < static_cast<std::int64_t>(k.text.size()); ++offset) {
      // Right after a quote the bytes cannot tell an opening quote from a closing one.
      if (k.text[static_cast<std::size_t>(offset - 1)] == '"') continue;
      const std::int64_t truth = *std::lower_bound(k.starts.begin(), k.starts.end(), offset);
      CAPTURE(offset);
      CHECK(Guess(k.text, offset) == truth);
      ++checked;
      // What the first line end alone would say: wrong inside the line breaks.
      const auto lf = k.text.find('\n', static_cast<std::size_t>(offset - 1));
      first_line_end_wrong += static_cast<std::int64_t>(lf) + 1 != truth;
    }
    CHECK(checked > 3000);
    CHECK(first_line_end_wrong > 300);
  }
}

TEST_CASE("a part's start without quotes, with a stray quote, or beyond the bytes") {
  // No quotes at all: the first line end, at every offset.
  const std::string plain = "00T1,a b,2024-01-01\n00T2,c,2024-01-02\r\n00T3,d,\r00T4,e,\n";
  const std::vector<std::int64_t> starts = {20, 39, 47, 55};
  for (std::int64_t offset = 1; offset < static_cast<std::int64_t>(plain.size()); ++offset) {
    CAPTURE(offset);
    CHECK(Guess(plain, offset) == *std::lower_bound(starts.begin(), starts.end(), offset));
  }
  // A quote inside an unquoted field (an inch mark) contradicts both readings:
  // the first line end.
  const std::string inch = "00T1,5\" screen,x\n00T2,y,z\n";
  CHECK(Guess(inch, 3) == 17);
  // Undecided within the bytes given: more are needed, unless they are all.
  const std::string open = "ne one\nline two\",\"x\"\n\"00T2\"";
  CHECK(Guess(open, 3, false) == 21);  // the closing quote and text after it decide
  CHECK(Guess(open.substr(0, 10), 3, false) == kGuessNeedsMore);
  CHECK(Guess(open.substr(0, 10), 3, true) == 7);  // the first line end
  // Inside quotes to the end of the bytes: no start.
  const std::string endless = "abc\"\"def\nghi";
  CHECK(Guess(endless, 2) == -1);
}

TEST_CASE("random quoting and line ends: every part size gives the one-thread read") {
  // Fields that real exports and broken ones hold: quoted line breaks (LF, CRLF,
  // CR), doubled quotes, a quote inside an unquoted field, text after a closing
  // quote, bad dates; rows end in LF, CRLF or CR, with blank lines between.
  const char* fields[] = {"x",        "\"a\nb\"",  "\"a\r\nb\"", "\"a\rb\"", "\"\"\"q\"\"\"",
                          "ab\"c",    "\"ab\"c",   "",           "\"\"",     "\"a,b\"",
                          "\"\n\n\"", "5\" screen"};
  const char* dates[] = {"2024-03-01T10:00:00Z", "2024-03-02", "not a date", ""};
  const char* ends[] = {"\n", "\r\n", "\r", "\n\n"};
  std::uint32_t seed = 12345;
  auto next = [&](std::uint32_t n) {
    seed = seed * 1664525u + 1013904223u;
    return (seed >> 8) % n;
  };
  TempDir dir;
  for (int file = 0; file < 40; ++file) {
    std::string text = "Id,WhoId,Subject,ActivityDate,CreatedDate,TaskSubtype\n";
    const int rows = 20 + static_cast<int>(next(60));
    for (int r = 0; r < rows; ++r) {
      text += "00T" + std::to_string(r) + ",00Q" + std::to_string(next(9)) + "," +
              fields[next(12)] + "," + dates[next(4)] + "," + dates[next(4)] + "," +
              fields[next(12)] + ends[next(4)];
    }
    const std::string path = dir.Write("Task" + std::to_string(file) + ".csv", text);
    const std::string one = ReadAll(path, 1, 4 << 20);
    CAPTURE(file);
    CAPTURE(text);
    for (std::int64_t part_bytes : {1, 7, 23, 64, 150}) {
      CAPTURE(part_bytes);
      CHECK(ReadAll(path, 2, part_bytes) == one);
    }
  }
}

}  // namespace
}  // namespace baton

namespace baton {
namespace {

// Row keys (id = "row") are made of line numbers, which a part counts from its own
// start: such a file is read whole, so two threads give each row its own person.
TEST_CASE("a file whose rows are their own records is never cut into parts") {
  TempDir dir;
  std::string rows = "Created,Campaign\n";
  for (int i = 0; i < 3000; ++i) rows += "2024-01-0" + std::to_string(1 + i % 9) + ",Webinar\n";
  const std::string file = dir.Write("report.csv", rows);
  const std::string toml =
      dir.Write("baton.toml",
                "[[file]]\nmatch = \"report.csv\"\nsystem = \"report\"\n"
                "kind = \"people\"\nid = \"row\"\n"
                "columns = { created_at = \"Created\", campaign = \"Campaign\" }\n");
  const Config config = LoadConfig(toml);
  auto read = [&](int threads) {
    Log log;
    ReadOverrides overrides;
    overrides.threads = threads;
    overrides.part_bytes = 4096;
    overrides.data_quality = false;
    ReadInputs({{file}}, config, overrides, log, [](const Reject&) {});
    std::erase_if(log.lines, [](const std::string& l) { return !l.starts_with("person "); });
    return log.lines;
  };
  const std::vector<std::string> one = read(1);
  REQUIRE(one.size() == 3000);
  CHECK(read(2) == one);
  std::set<std::string> distinct(one.begin(), one.end());
  CHECK(distinct.size() == 3000);  // "person row:…:LINE <time>": every line its own key
}

}  // namespace
}  // namespace baton
