// Tests of TableReader (src/csv/csv.h) on the exports of
// docs/export-formats sections 1.5, 5 and 6: every dialect quirk with its
// header, field values, line numbers and skipped-row counts asserted; files,
// gzip and standard input; the errors a user can meet; and garbage input.
// These tests must not depend on header fingerprints or value parsing.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "baton/error.h"
#include "csv/csv.h"
#include "csv/source.h"
#include "test_util.h"

namespace baton {
namespace {

using ::baton::test::TrickleSource;

struct Table {
  std::vector<std::string> header;
  std::int64_t header_line = 0;
  char delimiter = 0;
  std::string encoding;
  std::string rows;  // "LINE:[field][field] " per row
  std::vector<std::size_t> bad_utf8;
  std::int64_t preamble = 0;
  std::int64_t footers = 0;
  std::int64_t blanks = 0;
  std::int64_t bytes = 0;
};

Table ReadAll(TableReader& reader) {
  Table t;
  t.header = reader.header();
  t.header_line = reader.header_line();
  t.delimiter = reader.delimiter();
  t.encoding = reader.encoding();
  CsvRow row;
  while (reader.Next(row)) {
    t.rows += std::to_string(row.line) + ":";
    for (std::string_view f : row.fields) t.rows += "[" + std::string(f) + "]";
    t.rows += " ";
    t.bad_utf8.push_back(row.bad_utf8_field);
  }
  t.preamble = reader.preamble_lines();
  t.footers = reader.footer_rows();
  t.blanks = reader.blank_lines();
  t.bytes = reader.bytes_read();
  return t;
}

Table ReadBytes(std::string bytes, CsvOptions options = {}, std::size_t chunk = 1 << 20) {
  TableReader reader(std::make_unique<TrickleSource>(std::move(bytes), chunk), options, "t.csv");
  return ReadAll(reader);
}

// The Error thrown by reading `bytes`; fails the test when there is none.
Error ErrorOf(std::string bytes, CsvOptions options = {}) {
  try {
    ReadBytes(std::move(bytes), options);
  } catch (const Error& e) {
    return e;
  }
  FAIL("no error");
  return Error(ExitCode::kOk, {}, "");
}

std::string Utf16Le(std::string_view ascii) {
  std::string out = "\xFF\xFE";
  for (char c : ascii) {
    out += c;
    out += '\0';
  }
  return out;
}

struct Quirk {
  const char* what;
  std::string input;
  char delimiter;
  std::vector<std::string> header;
  std::int64_t header_line;
  std::string rows;
  std::int64_t footers = 0;
  std::int64_t blanks = 0;
};

const std::vector<Quirk>& Quirks() {
  static const std::vector<Quirk> quirks = {
      {"Salesforce Data Loader: BOM, all quoted, CRLF inside a Description",
       "\xEF\xBB\xBF\"Id\",\"LastName\",\"Description\"\n"
       "\"00Q5g00000AbCdEEAV\",\"Whitcombe\",\"Asked for pricing.\r\nCall back Tue.\"\n"
       "\"00Q5g00000AbCdFEAV\",\"Brekke\",\"Said \"\"later\"\"\"\n",
       ',',
       {"Id", "LastName", "Description"},
       1,
       "2:[00Q5g00000AbCdEEAV][Whitcombe][Asked for pricing.\r\nCall back Tue.] "
       "4:[00Q5g00000AbCdFEAV][Brekke][Said \"later\"] "},
      {"Salesforce report: blank line, confidentiality and copyright footer",
       "\"Lead Owner\",\"First Name\",\"Create Date\"\n"
       "\"Sam Okafor\",\"Dana\",\"1/5/2023, 9:03 AM\"\n"
       "\"Priya Raman\",\"Ola\",\"1/6/2023, 3:41 AM\"\n"
       "\n"
       "\"Confidential Information - Do Not Distribute\"\n"
       "\"Copyright (c) 2000-2023 salesforce.com, inc. All rights reserved.\"\n",
       ',',
       {"Lead Owner", "First Name", "Create Date"},
       1,
       "2:[Sam Okafor][Dana][1/5/2023, 9:03 AM] 3:[Priya Raman][Ola][1/6/2023, 3:41 AM] ",
       2,
       1},
      {"Salesforce summary report: Grand Totals and a copyright sign",
       "\"Stage\",\"Amount\"\n\"Prospecting\",\"12000\"\n\"Grand Totals (1 records)\",\"12000\"\n"
       "\"Copyright \xC2\xA9 2000-2023 salesforce.com, inc. All rights reserved.\"\n",
       ',',
       {"Stage", "Amount"},
       1,
       "2:[Prospecting][12000] ",
       2},
      {"Google Ads: title and date-range preamble, Total: Account footer",
       "Campaign report\n\"March 1, 2024 - March 2, 2024\"\n"
       "Day,Campaign,Campaign ID,Currency code,Cost,Impr.,Clicks,Cost / conv.\n"
       "2024-03-01,Brand - Exact,20481736,USD,\"1,204.55\",\"18,220\",611,52.37\n"
       "2024-03-01,Competitor - Phrase,20481737,USD,0.00,0,0,--\n"
       "Total: Account,,,USD,\"1,204.55\",\"18,220\",611,52.37\n",
       ',',
       {"Day", "Campaign", "Campaign ID", "Currency code", "Cost", "Impr.", "Clicks",
        "Cost / conv."},
       3,
       "4:[2024-03-01][Brand - Exact][20481736][USD][1,204.55][18,220][611][52.37] "
       "5:[2024-03-01][Competitor - Phrase][20481737][USD][0.00][0][0][--] ",
       1},
      {"Google Ads Excel CSV: UTF-16LE with BOM, TAB, CRLF",
       Utf16Le("Campaign report\r\n\"March 1, 2024 - March 2, 2024\"\r\n"
               "Day\tCampaign\tCost\tClicks\r\n2024-03-01\tBrand - Exact\t1,204.55\t611\r\n"
               "2024-03-02\tBrand - Exact\t99.10\t12\r\nTotal: Campaigns\t\t1,303.65\t623\r\n"),
       '\t',
       {"Day", "Campaign", "Cost", "Clicks"},
       3,
       "4:[2024-03-01][Brand - Exact][1,204.55][611] 5:[2024-03-02][Brand - Exact][99.10][12] ",
       1},
      {"LinkedIn: title, report range with a comma, and a blank line before the header",
       "Campaign Performance Report (in UTC)\nReport Start: 3/1/2024, Report End: 3/2/2024\n\n"
       "Start Date (in UTC),Account Name,Campaign Name,Campaign ID,Currency,Total Spent\n"
       "3/1/2024,Norvale Ads,\"Ops leaders, NA\",187223401,USD,310.40\n"
       "3/2/2024,Norvale Ads,\"Ops leaders, NA\",187223401,USD,298.15\n",
       ',',
       {"Start Date (in UTC)", "Account Name", "Campaign Name", "Campaign ID", "Currency",
        "Total Spent"},
       4,
       "5:[3/1/2024][Norvale Ads][Ops leaders, NA][187223401][USD][310.40] "
       "6:[3/2/2024][Norvale Ads][Ops leaders, NA][187223401][USD][298.15] "},
      {"Excel sep=; line wins and is skipped",
       "sep=;\r\nDatum;Kampagne;Kosten\r\n2024-03-01;Brand;1.204,55\r\n",
       ';',
       {"Datum", "Kampagne", "Kosten"},
       2,
       "3:[2024-03-01][Brand][1.204,55] "},
      {"sep=| even where commas are more regular",
       "sep=|\na,b|c\n1,2|3\n",
       '|',
       {"a,b", "c"},
       2,
       "3:[1,2][3] "},
      {"semicolon with decimal commas",
       "Datum;Kampagne;Kosten;Klicks\n2024-03-01;Brand;1204,55;611\n2024-03-02;Generic;99,10;12\n",
       ';',
       {"Datum", "Kampagne", "Kosten", "Klicks"},
       1,
       "2:[2024-03-01][Brand][1204,55][611] 3:[2024-03-02][Generic][99,10][12] "},
      {"Meta: comma with a quoted decimal comma",
       "Reporting starts,Campaign name,Amount spent (EUR),Impressions\n"
       "2024-03-01,Lookalike DE - Demo,\"84,10\",10233\n",
       ',',
       {"Reporting starts", "Campaign name", "Amount spent (EUR)", "Impressions"},
       1,
       "2:[2024-03-01][Lookalike DE - Demo][84,10][10233] "},
      {"pipe delimiter", "id|name\n1|Acme, Inc.\n", '|', {"id", "name"}, 1, "2:[1][Acme, Inc.] "},
      {"tab delimiter in UTF-8",
       "id\tname\n1\tAcme, Inc.\n",
       '\t',
       {"id", "name"},
       1,
       "2:[1][Acme, Inc.] "},
      {"Excel-padded preamble rows are not the header",
       "Campaign report,,,\n\"Jan 1, 2024 - Jan 31, 2024\",,,\nDay,Campaign,Cost,Clicks\n"
       "2024-01-01,Brand,1.00,2\n",
       ',',
       {"Day", "Campaign", "Cost", "Clicks"},
       3,
       "4:[2024-01-01][Brand][1.00][2] "},
      {"header cells lose spaces and a BOM",
       "x\n\xEF\xBB\xBF Id , Name \n1,2\n",
       ',',
       {"Id", "Name"},
       2,
       "3:[1][2] "},
      {"blank and all-empty rows between data rows are skipped and counted",
       "a,b\r\n1,2\r\n\r\n,\r\n3,4",
       ',',
       {"a", "b"},
       1,
       "2:[1][2] 5:[3][4] ",
       0,
       2},
      {"a company called Copyright in a data row stays a data row",
       "Company,City\nCopyright Clearance Center,Danvers\nTotals Inc,Boston\n",
       ',',
       {"Company", "City"},
       1,
       "2:[Copyright Clearance Center][Danvers] 3:[Totals Inc][Boston] "},
      {"header only", "Id,Name,Email\n", ',', {"Id", "Name", "Email"}, 1, ""},
      {"header only without a final newline", "Id,Name,Email", ',', {"Id", "Name", "Email"}, 1, ""},
      {"one column", "email\na@x.com\nb@x.com\n", ',', {"email"}, 1, "2:[a@x.com] 3:[b@x.com] "},
  };
  return quirks;
}

TEST_CASE("each export dialect yields its header, data rows and line numbers") {
  for (const Quirk& q : Quirks()) {
    for (std::size_t chunk : {std::size_t{1} << 20, std::size_t{1}}) {
      CAPTURE(q.what);
      CAPTURE(chunk);
      const Table t = ReadBytes(q.input, {}, chunk);
      CHECK(t.delimiter == q.delimiter);
      CHECK(t.header == q.header);
      CHECK(t.header_line == q.header_line);
      CHECK(t.preamble == q.header_line - 1);
      CHECK(t.rows == q.rows);
      CHECK(t.footers == q.footers);
      CHECK(t.blanks == q.blanks);
    }
  }
}

TEST_CASE("the encoding used is reported, and UTF-16 and cp1252 rows arrive as UTF-8") {
  CHECK(ReadBytes("a\n1\n").encoding == "utf-8");
  const Table utf16 = ReadBytes(Utf16Le("Day\tCost\r\n2024-03-01\t1.00\r\n"));
  CHECK(utf16.encoding == "utf-16le");
  CHECK(utf16.rows == "2:[2024-03-01][1.00] ");
  CsvOptions cp1252;
  cp1252.encoding = "cp1252";
  const Table t = ReadBytes("Name,City\nM\xFCller,K\xF6ln\n", cp1252);
  CHECK(t.encoding == "cp1252");
  CHECK(t.rows == "2:[M\xC3\xBCller][K\xC3\xB6ln] ");
  CHECK(t.bad_utf8 == std::vector<std::size_t>{0});
}

TEST_CASE("a row that is not valid UTF-8 is flagged with the first bad field") {
  const Table t = ReadBytes(
      "id,name,city\n1,Dana,Oslo\n2,M\xFCller,K\xF6ln\n3,\"Ola \"\"O\"\" \xE9\",Bergen\n"
      "4,Zo\xC3\xAB,\"Z\xC3\xBCrich\"\n");
  CHECK(t.bad_utf8 == std::vector<std::size_t>{0, 2, 2, 0});
}

TEST_CASE("a forced delimiter overrides detection") {
  CsvOptions options;
  options.delimiter = ';';
  const Table t = ReadBytes("a,b;c\n1,2;3\n", options);
  CHECK(t.header == std::vector<std::string>{"a,b", "c"});
  CHECK(t.rows == "2:[1,2][3] ");
}

TEST_CASE("records split across many buffer refills keep their values and lines") {
  std::string text = "id,note,n\n";
  std::string expected;
  std::int64_t line = 2;
  for (int i = 0; i < 20000; ++i) {
    const std::string id = std::to_string(i);
    if (i % 7 == 0) {
      text += id + ",\"first " + id + "\r\nsecond \"\"q\"\"\"," + id + "\n";
      expected +=
          std::to_string(line) + ":[" + id + "][first " + id + "\r\nsecond \"q\"][" + id + "] ";
      line += 2;
    } else {
      text += id + ",plain note for row " + id + "," + id + "\n";
      expected +=
          std::to_string(line) + ":[" + id + "][plain note for row " + id + "][" + id + "] ";
      line += 1;
    }
  }
  REQUIRE(text.size() > (1u << 19));
  for (std::size_t chunk : {std::size_t{1} << 20, std::size_t{4093}, std::size_t{3}}) {
    CAPTURE(chunk);
    const Table t = ReadBytes(text, {}, chunk);
    CHECK(t.rows == expected);
    CHECK(t.bytes == static_cast<std::int64_t>(text.size()));
  }
}

TEST_CASE("input that cannot be read as a table is an error naming the file") {
  struct Case {
    const char* what;
    std::string input;
    const char* message;
  };
  const Case cases[] = {
      {"an empty file", "", "the file is empty"},
      {"only a BOM", "\xEF\xBB\xBF", "the file is empty"},
      {"only blank lines", "\n\r\n\n", "no header row"},
      {"NUL bytes", std::string("\x01\x02\0\0\x7F\x00garbage", 13), "not a text file"},
      {"a ZIP archive", std::string("PK\x03\x04\x14\0\x06\0", 8), "ZIP archive"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    const Error e = ErrorOf(c.input);
    CHECK(e.code() == ExitCode::kData);
    CHECK(e.where().file == "t.csv");
    CHECK(e.message().find(c.message) != std::string::npos);
    CHECK_FALSE(e.hint().empty());
  }
}

TEST_CASE("an unclosed quote is an error naming the line and column where it opened") {
  const Error e = ErrorOf("Id,Name,Description\n1,Dana,ok\n2,Ola,\"never closed\n3,Sam,x\n");
  CHECK(e.where().line == 3);
  CHECK(e.where().column == 7);
  CHECK(std::string(e.what()).find("t.csv:3:7:") != std::string::npos);
  CHECK(e.message().find("line 3, column 7") != std::string::npos);
  CHECK_FALSE(e.hint().empty());
}

TEST_CASE("a record over the field or byte limit is an error naming the file and line") {
  std::string wide = "a,b\n1,2\n";
  for (std::size_t i = 0; i < kMaxFields; ++i) wide += "x,";
  wide += "x\n";
  Error e = ErrorOf(wide);
  CHECK(e.where().line == 3);
  CHECK(e.message().find("more than 16384 fields") != std::string::npos);

  std::string long_record = "a,b\n1,\"";
  long_record.append(kMaxRecordBytes, 'x');
  long_record += "\"\n";
  e = ErrorOf(std::move(long_record));
  CHECK(e.where().file == "t.csv");
  CHECK(e.where().line == 2);
  CHECK(e.message().find("longer than") != std::string::npos);
}

TEST_CASE("a quote or line end as the delimiter is a usage error") {
  CsvOptions options;
  options.delimiter = '"';
  CHECK(ErrorOf("a,b\n", options).code() == ExitCode::kUsage);
}

TEST_CASE("random binary garbage gives an error or rows, never a crash") {
  std::mt19937 rng(7);
  int errors = 0, tables = 0;
  for (int i = 0; i < 300; ++i) {
    std::string bytes(rng() % 3000, '\0');
    const bool with_nuls = i % 2 == 0;
    for (char& c : bytes) c = static_cast<char>(with_nuls ? rng() % 256 : 1 + rng() % 255);
    try {
      ReadBytes(bytes);
      ++tables;
    } catch (const Error& e) {
      CHECK(e.code() == ExitCode::kData);
      ++errors;
    }
  }
  CHECK(errors > 0);
  CHECK(tables > 0);
}

// Files in a fresh temporary directory, removed afterwards.
class TempDir {
 public:
  TempDir()
      : path_(std::filesystem::temp_directory_path() /
              ("baton_table_reader_test_" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string Write(const std::string& name, const std::string& bytes) const {
    const std::string file = (path_ / name).string();
    FILE* f = std::fopen(file.c_str(), "wb");
    REQUIRE(f != nullptr);
    std::fwrite(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
    return file;
  }
  std::string WriteGzip(const std::string& name, const std::string& bytes) const {
    const std::string file = (path_ / name).string();
    gzFile gz = gzopen(file.c_str(), "wb");
    REQUIRE(gz != nullptr);
    REQUIRE(gzwrite(gz, bytes.data(), static_cast<unsigned>(bytes.size())) > 0);
    REQUIRE(gzclose(gz) == Z_OK);
    return file;
  }
  std::string Slurp(const std::string& file) const {
    std::string bytes;
    FILE* f = std::fopen(file.c_str(), "rb");
    for (int c; f && (c = std::fgetc(f)) != EOF;) bytes += static_cast<char>(c);
    if (f) std::fclose(f);
    return bytes;
  }

 private:
  std::filesystem::path path_;
};

constexpr const char* kLeads = "\"Id\",\"Email\"\n\"00Q1\",\"dana@norvale.example\"\n";

TEST_CASE("a file is read by path and named by its path") {
  TempDir dir;
  const std::string file = dir.Write("leads.csv", kLeads);
  TableReader reader(file, CsvOptions{});
  CHECK(reader.display_name() == file);
  CHECK(ReadAll(reader).rows == "2:[00Q1][dana@norvale.example] ");
  TableReader named(file, CsvOptions{}, "Lead.csv");
  CHECK(named.display_name() == "Lead.csv");
}

TEST_CASE("gzip files are read transparently, whatever their name, with concatenated members") {
  TempDir dir;
  const std::string gz = dir.WriteGzip("leads.csv.gz", kLeads);
  TableReader reader(gz, CsvOptions{});
  CHECK(ReadAll(reader).rows == "2:[00Q1][dana@norvale.example] ");

  const std::string first = dir.WriteGzip("a.gz", "\"Id\",\"Email\"\n\"00Q1\",\"a@x.com\"\n");
  const std::string second = dir.WriteGzip("b.gz", "\"00Q2\",\"b@x.com\"\n");
  const std::string joined = dir.Write("joined.dat", dir.Slurp(first) + dir.Slurp(second));
  TableReader both(joined, CsvOptions{});
  CHECK(ReadAll(both).rows == "2:[00Q1][a@x.com] 3:[00Q2][b@x.com] ");

  const std::string cut = dir.Write("cut.csv.gz", dir.Slurp(gz).substr(0, 20));
  try {
    TableReader truncated(cut, CsvOptions{});
    ReadAll(truncated);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.where().file == cut);
    CHECK(e.message().find("truncated") != std::string::npos);
  }
}

TEST_CASE("standard input is read as - and may be gzip") {
  TempDir dir;
  const std::string gz = dir.WriteGzip("stdin.gz", kLeads);
  const int saved = ::dup(STDIN_FILENO);
  const int fd = ::open(gz.c_str(), O_RDONLY);
  REQUIRE(::dup2(fd, STDIN_FILENO) == STDIN_FILENO);
  ::close(fd);
  std::string rows, name;
  try {
    TableReader reader("-", CsvOptions{});
    name = reader.display_name();
    rows = ReadAll(reader).rows;
  } catch (...) {
  }
  ::dup2(saved, STDIN_FILENO);
  ::close(saved);
  CHECK(name == "standard input");
  CHECK(rows == "2:[00Q1][dana@norvale.example] ");
}

TEST_CASE("a missing file or a directory is an error with the OS reason and a hint") {
  TempDir dir;
  const std::string missing = dir.Write("x", "") + ".missing";
  try {
    TableReader reader(missing, CsvOptions{});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::kData);
    CHECK(e.where().file == missing);
    CHECK(e.message().find(std::strerror(ENOENT)) != std::string::npos);
    CHECK_FALSE(e.hint().empty());
  }
  try {
    TableReader reader(std::filesystem::temp_directory_path().string(), CsvOptions{});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.message().find(std::strerror(EISDIR)) != std::string::npos);
  }
}

}  // namespace
}  // namespace baton
