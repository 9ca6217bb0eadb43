// Tests of the RFC 4180 record scanner (src/csv/scanner.h): every quoting
// and line-end rule, with field values and start lines asserted, each case run
// through a roomy buffer and through tiny buffers fed one byte at a time.
// These tests must not depend on dialect detection or decoding.
#include "csv/scanner.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "baton/error.h"
#include "test_util.h"

namespace baton::csv {
namespace {

using ::baton::test::TrickleSource;

struct Record {
  std::int64_t line;
  std::vector<std::string> fields;
};

// Records as text, so that a failed CHECK shows what differs.
std::string Show(const std::vector<Record>& records) {
  std::string out;
  for (const Record& r : records) {
    out += std::to_string(r.line) + ":";
    for (const auto& f : r.fields) out += "[" + f + "]";
    out += " ";
  }
  return out;
}

struct Feed {
  std::size_t buffer;
  std::size_t chunk;
};

// Roomy, tiny-and-trickling, and odd sizes that split records everywhere.
constexpr Feed kFeeds[] = {{1 << 16, 1 << 16}, {1, 1}, {2, 1}, {7, 3}, {16, 5}, {64, 64}};

// How the scanner finds structural bytes: its default (whole blocks with AVX2
// where the processor has it, else SSE2), SSE2 alone, or the plain byte loop.
enum class Path { kDefault, kSse2, kBytes };

std::vector<Record> ScanAll(const std::string& text, char delimiter, Feed feed,
                            Path path = Path::kDefault) {
  TrickleSource source(text, feed.chunk);
  ScanOptions options;
  options.delimiter = delimiter;
  options.buffer_size = feed.buffer;
  options.scalar = path == Path::kBytes;
  options.avx2 = path == Path::kDefault;
  Scanner scanner(&source, "", options, "test.csv");
  std::vector<Record> records;
  while (scanner.Next()) {
    Record r{scanner.line(), {}};
    for (std::string_view f : scanner.fields()) r.fields.emplace_back(f);
    records.push_back(std::move(r));
  }
  CHECK(scanner.offset() == static_cast<std::int64_t>(text.size()));
  return records;
}

struct Case {
  const char* what;
  std::string input;
  char delimiter;
  std::vector<Record> expected;
};

const std::vector<Case>& Cases() {
  static const std::vector<Case> cases = {
      {"quoted delimiter", "a,\"b,c\",d\n", ',', {{1, {"a", "b,c", "d"}}}},
      {"doubled quotes", "\"say \"\"hi\"\"\",x\n", ',', {{1, {"say \"hi\"", "x"}}}},
      {"only a doubled quote", "\"\"\"\"\n", ',', {{1, {"\""}}}},
      {"empty quoted field", "\"\",x\n", ',', {{1, {"", "x"}}}},
      {"quoted LF", "\"l1\nl2\",x\ny,z\n", ',', {{1, {"l1\nl2", "x"}}, {3, {"y", "z"}}}},
      {"quoted CRLF", "\"l1\r\nl2\",x\r\ny,z\r\n", ',', {{1, {"l1\r\nl2", "x"}}, {3, {"y", "z"}}}},
      {"quoted lone CR", "\"l1\rl2\",x\ry,z\r", ',', {{1, {"l1\rl2", "x"}}, {3, {"y", "z"}}}},
      {"two line breaks in one field", "\"a\n\nb\"\nc\n", ',', {{1, {"a\n\nb"}}, {4, {"c"}}}},
      {"CRLF line ends", "a,b\r\nc,d\r\n", ',', {{1, {"a", "b"}}, {2, {"c", "d"}}}},
      {"LF line ends", "a,b\nc,d\n", ',', {{1, {"a", "b"}}, {2, {"c", "d"}}}},
      {"lone CR line ends", "a,b\rc,d\r", ',', {{1, {"a", "b"}}, {2, {"c", "d"}}}},
      {"mixed line ends", "a\r\nb\nc\rd", ',', {{1, {"a"}}, {2, {"b"}}, {3, {"c"}}, {4, {"d"}}}},
      {"missing final newline", "a,b\nc,d", ',', {{1, {"a", "b"}}, {2, {"c", "d"}}}},
      {"missing final newline after a quote", "a,\"b\"", ',', {{1, {"a", "b"}}}},
      {"empty fields", ",,\n", ',', {{1, {"", "", ""}}}},
      {"trailing delimiter at the end", "a,", ',', {{1, {"a", ""}}}},
      {"blank lines are empty records",
       "a\n\r\n\nb\n",
       ',',
       {{1, {"a"}}, {2, {""}}, {3, {""}}, {4, {"b"}}}},
      {"stray quote in an unquoted field is literal", "ab\"c,d\"\n", ',', {{1, {"ab\"c", "d\""}}}},
      {"text after a closing quote is appended", "\"ab\"c,d\n", ',', {{1, {"abc", "d"}}}},
      {"quotes after the closing quote stay literal",
       "\"ab\"c\"d,e\n",
       ',',
       {{1, {"abc\"d", "e"}}}},
      {"doubled quote then trailing text", "\"a\"\"b\" x,y\n", ',', {{1, {"a\"b x", "y"}}}},
      {"a quote after spaces is not an opening quote", " \"a\",b\n", ',', {{1, {" \"a\"", "b"}}}},
      {"semicolon delimiter keeps decimal commas",
       "1,5;\"a;b\";2,25\n",
       ';',
       {{1, {"1,5", "a;b", "2,25"}}}},
      {"tab delimiter", "a\tb c\t\"d\te\"\n", '\t', {{1, {"a", "b c", "d\te"}}}},
      {"pipe delimiter", "a|b,c|d\n", '|', {{1, {"a", "b,c", "d"}}}},
      {"fields longer than one 16-byte block",
       "0123456789abcdefXYZ,\"0123456789abcdef0123456789abcdef\"\n",
       ',',
       {{1, {"0123456789abcdefXYZ", "0123456789abcdef0123456789abcdef"}}}},
      {"non-ASCII bytes pass through",
       "M\xC3\xBCller,\"\xE2\x82\xAC 5\"\n",
       ',',
       {{1, {"M\xC3\xBCller", "\xE2\x82\xAC 5"}}}},
  };
  return cases;
}

TEST_CASE("each quoting and line-end rule yields the expected fields and start lines") {
  for (const Case& c : Cases()) {
    for (const Feed& feed : kFeeds) {
      CAPTURE(c.what);
      CAPTURE(feed.buffer);
      CAPTURE(feed.chunk);
      CHECK(Show(ScanAll(c.input, c.delimiter, feed)) == Show(c.expected));
    }
  }
}

TEST_CASE("an empty input has no records") {
  for (const Feed& feed : kFeeds) CHECK(ScanAll("", ',', feed).empty());
}

TEST_CASE("an empty line is flagged blank while a quoted empty field is not") {
  TrickleSource source("\n\"\"\n", 100);
  Scanner scanner(&source, "", ScanOptions{}, "t.csv");
  REQUIRE(scanner.Next());
  CHECK(scanner.blank());
  REQUIRE(scanner.Next());
  CHECK_FALSE(scanner.blank());
  CHECK(scanner.fields().size() == 1);
  CHECK(scanner.fields()[0].empty());
}

TEST_CASE("bytes already read are scanned before the source") {
  TrickleSource source("d\n", 1);
  Scanner scanner(&source, "a,b\nc,", ScanOptions{}, "t.csv");
  REQUIRE(scanner.Next());
  CHECK(scanner.fields().size() == 2);
  REQUIRE(scanner.Next());
  REQUIRE(scanner.fields().size() == 2);
  CHECK(scanner.fields()[0] == "c");
  CHECK(scanner.fields()[1] == "d");
  CHECK(scanner.line() == 2);
  CHECK_FALSE(scanner.Next());
}

// A generated file with multi-line, escaped and long fields: every feed, however
// it splits records across refills, must agree with the roomy one.
TEST_CASE("records split across buffer refills scan the same as in one buffer") {
  std::mt19937 rng(42);
  std::string text;
  std::vector<Record> expected;
  std::int64_t line = 1;
  for (int i = 0; i < 300; ++i) {
    Record r{line, {}};
    const int nfields = 1 + static_cast<int>(rng() % 6);
    for (int f = 0; f < nfields; ++f) {
      if (f) text += ',';
      const std::string value(rng() % 40, static_cast<char>('a' + rng() % 26));
      switch (rng() % 4) {
        case 0:
          text += value;
          r.fields.push_back(value);
          break;
        case 1:
          text += "\"" + value + ",\r\n\"\"" + value + "\"";
          r.fields.push_back(value + ",\r\n\"" + value);
          ++line;
          break;
        case 2:
          text += "\"" + value + "\n\"";
          r.fields.push_back(value + "\n");
          ++line;
          break;
        default:
          text += "\"" + value + "\"";
          r.fields.push_back(value);
      }
    }
    text += (i % 3 == 0) ? "\r\n" : "\n";
    ++line;
    expected.push_back(std::move(r));
  }
  for (const Feed& feed : kFeeds) {
    CAPTURE(feed.buffer);
    CHECK(Show(ScanAll(text, ',', feed)) == Show(expected));
  }
}

// Records, or the error, as text: what a scan of `text` yields.
std::string Outcome(const std::string& text, char delimiter, Feed feed, Path path) {
  try {
    return Show(ScanAll(text, delimiter, feed, path));
  } catch (const Error& e) {
    return std::string("error: ") + e.what();
  }
}

// Whether some feed of `text` scans otherwise on the default path (AVX2 here,
// else SSE2) or on SSE2 alone than on the plain byte loop; a CHECK shows how.
bool DiffersOnSomePath(const std::string& text, char delimiter) {
  for (const Feed& feed : kFeeds) {
    const std::string fast = Outcome(text, delimiter, feed, Path::kDefault);
    const std::string sse2 = Outcome(text, delimiter, feed, Path::kSse2);
    const std::string plain = Outcome(text, delimiter, feed, Path::kBytes);
    if (fast != plain || sse2 != plain) {
      CAPTURE(text);
      CAPTURE(feed.buffer);
      CHECK(fast == plain);
      CHECK(sse2 == plain);
      return true;
    }
  }
  return false;
}

TEST_CASE("the 64-byte bitmask path scans every input as the plain byte loop does") {
  // Random bytes drawn mostly from the structural ones (quotes, delimiters, CR,
  // LF), in runs long and short, so that fields, escapes, line ends and lenient
  // quotes fall on and across every position of a 64-byte block and of a refill.
  std::mt19937 rng(20261207);
  const std::string alphabet = "\"\",;\r\nab\xC3\xA9 ";
  int differing = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const std::size_t length = rng() % (round % 10 == 0 ? 2000 : 200);
    while (text.size() < length) {
      if (rng() % 8 == 0) {
        text.append(rng() % 90, 'x');  // a long plain run crosses blocks
      } else {
        text += alphabet[rng() % alphabet.size()];
      }
    }
    const char delimiter = round % 3 == 0 ? ';' : ',';
    differing += DiffersOnSomePath(text, delimiter);
    if (differing > 5) return;
  }
  CHECK(differing == 0);
}

TEST_CASE("well-formed records cut from whole blocks match the plain byte loop") {
  // Mostly strict RFC 4180, so that most records are cut from whole 64-byte
  // blocks: quoted and plain fields of every length (across block boundaries at
  // every offset), "" pairs (split by a boundary too), empty fields, CRLF and LF,
  // and now and then what the strict reading must leave to the lenient rules (a
  // quote inside a plain field, text after a closing quote, a quoted line break,
  // a blank line, a missing final line end).
  std::mt19937 rng(20261209);
  int differing = 0;
  for (int round = 0; round < 1500; ++round) {
    std::string text;
    const int records = 1 + static_cast<int>(rng() % 40);
    const char delimiter = round % 4 == 0 ? '\t' : ',';
    for (int r = 0; r < records; ++r) {
      const int fields = 1 + static_cast<int>(rng() % 8);
      for (int f = 0; f < fields; ++f) {
        if (f > 0) text += delimiter;
        const std::size_t length = rng() % (rng() % 4 == 0 ? 140 : 12);
        const bool quoted = rng() % 3 != 0;
        std::string value;
        for (std::size_t i = 0; i < length; ++i) {
          const auto pick = static_cast<char>(rng() % 40);
          value += pick == 0 && quoted   ? '"'
                   : pick == 1 && quoted ? delimiter
                                         : static_cast<char>('a' + pick % 26);
        }
        if (quoted) {
          std::string escaped;
          for (char c : value) escaped += c == '"' ? std::string("\"\"") : std::string(1, c);
          value = "\"" + escaped + "\"";
        }
        switch (rng() % 60) {
          case 0:
            value = "ab\"c";
            break;  // a quote inside a plain field
          case 1:
            value = "\"ab\"c";
            break;  // text after the closing quote
          case 2:
            value = "\"l1\nl2\"";
            break;  // a quoted line break
          case 3:
            value = "\"l1\r\nl2\"";
            break;
          default:
            break;
        }
        text += value;
      }
      const auto ending = rng() % 10;
      text += ending < 6 ? "\n" : ending < 9 ? "\r\n" : "\r";
      if (rng() % 30 == 0) text += "\n";  // a blank line
    }
    if (rng() % 5 == 0 && !text.empty()) text.pop_back();  // no final line end
    differing += DiffersOnSomePath(text, delimiter);
    if (differing > 5) return;
  }
  CHECK(differing == 0);
}

TEST_CASE("a record with a NUL or a non-ASCII byte is never said to hold none") {
  // The flags may say maybe (the blocks reach past the record); never no when a
  // byte of the record is one. And an ASCII file far from any such byte says no.
  std::mt19937 rng(20261208);
  const std::string alphabet = std::string("\"\",;\r\nab \xC3\xA9") + '\0';
  int maybes = 0;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const std::size_t length = rng() % (round % 10 == 0 ? 3000 : 300);
    while (text.size() < length) {
      if (rng() % 6 == 0) {
        text.append(rng() % 150, 'x');
      } else {
        text += alphabet[rng() % alphabet.size()];
      }
    }
    for (const Feed& feed : kFeeds) {
      TrickleSource source(text, feed.chunk);
      ScanOptions options;
      options.buffer_size = feed.buffer;
      Scanner scanner(&source, "", options, "test.csv");
      try {
        while (scanner.Next()) {
          const std::string_view bytes = scanner.record_bytes();
          const bool nul = bytes.find('\0') != std::string_view::npos;
          const bool high = std::any_of(bytes.begin(), bytes.end(), [](char c) {
            return static_cast<unsigned char>(c) >= 0x80;
          });
          if (nul) REQUIRE(scanner.may_hold_nul());
          if (high) REQUIRE(scanner.may_hold_non_ascii());
          maybes += scanner.may_hold_nul() && !nul;
        }
      } catch (const Error&) {
        // an unclosed quote: the flags of the records before it were checked
      }
    }
  }
  CHECK(maybes > 0);  // some blocks did reach past their record

  std::string ascii;
  for (int i = 0; i < 2000; ++i)
    ascii += "\"id" + std::to_string(i) + "\",plain,\"q \"\"x\"\"\"\r\n";
  ascii += std::string("\"\xC3\xA9\",a\n") + '\0' + ",b\n";
  Scanner scanner(nullptr, ascii, ScanOptions{}, "test.csv");
  int records = 0, ascii_said = 0, no_nul_said = 0;
  while (scanner.Next()) {
    ++records;
    ascii_said += !scanner.may_hold_non_ascii();
    no_nul_said += !scanner.may_hold_nul();
  }
  CHECK(records == 2002);
  CHECK(ascii_said >= 1990);  // all but the records next to the last two
  CHECK(no_nul_said >= 1990);
  CHECK(scanner.may_hold_nul());  // the last record: ",b" after a NUL line
}

TEST_CASE("an unclosed quote at the end names the line and column where it opened") {
  struct QuoteCase {
    std::string input;
    std::int64_t line;
    std::int64_t column;
  };
  const QuoteCase cases[] = {
      {"a,b\nc,d\nxy,z,\"open\nmore\n", 3, 6},
      {"a,b\n\"x\ny\",\"open\n", 3, 4},  // the record starts on line 2, the quote on line 3
      {"\xC3\xBC,\"open", 1, 3},         // columns count characters, not bytes
      {"\"", 1, 1},
  };
  for (const QuoteCase& c : cases) {
    for (const Feed& feed : kFeeds) {
      CAPTURE(c.input);
      CAPTURE(feed.buffer);
      try {
        ScanAll(c.input, ',', feed);
        FAIL("no error");
      } catch (const Error& e) {
        CHECK(e.code() == ExitCode::kData);
        CHECK(e.where().file == "test.csv");
        CHECK(e.where().line == c.line);
        CHECK(e.where().column == c.column);
        const std::string where =
            "line " + std::to_string(c.line) + ", column " + std::to_string(c.column);
        CHECK(std::string(e.what()).find(where) != std::string::npos);
        CHECK_FALSE(e.hint().empty());
      }
    }
  }
}

TEST_CASE("a sample scan drops a cut last record instead of failing") {
  ScanOptions options;
  options.input_is_sample = true;
  Scanner scanner(nullptr, "a,b\nc,\"d\ne", options, "sample");
  REQUIRE(scanner.Next());
  CHECK(scanner.fields().size() == 2);
  CHECK_FALSE(scanner.Next());
  Scanner unterminated(nullptr, "a,b\nc,d", options, "sample");
  REQUIRE(unterminated.Next());
  CHECK_FALSE(unterminated.Next());
}

TEST_CASE("a record longer than the limit is an error naming the file, line and open quote") {
  ScanOptions options;
  options.max_record_bytes = 100;
  options.buffer_size = 16;
  const std::string text =
      "a,b\n"
      "c,\"" +
      std::string(300, 'x') + "\"\n";
  TrickleSource source(text, 7);
  Scanner scanner(&source, "", options, "big.csv");
  REQUIRE(scanner.Next());
  try {
    scanner.Next();
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.where().file == "big.csv");
    CHECK(e.where().line == 2);
    CHECK(e.message().find("longer than 100 bytes") != std::string::npos);
    CHECK(e.hint().find("line 2, column 3") != std::string::npos);
  }
}

TEST_CASE("a record with more fields than the limit is an error naming the file and line") {
  ScanOptions options;
  options.max_fields = 4;
  TrickleSource source("a,b,c,d\ne,f,g,h\n1,2,3,4,5\n", 100);
  Scanner scanner(&source, "", options, "wide.csv");
  REQUIRE(scanner.Next());
  REQUIRE(scanner.Next());
  try {
    scanner.Next();
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.where().file == "wide.csv");
    CHECK(e.where().line == 3);
    CHECK(e.message().find("more than 4 fields") != std::string::npos);
  }
}

TEST_CASE("the offset counts the bytes of the records returned so far") {
  TrickleSource source("ab,c\r\n\"d\ne\"\n", 100);
  Scanner scanner(&source, "", ScanOptions{}, "t.csv");
  REQUIRE(scanner.Next());
  CHECK(scanner.offset() == 6);
  CHECK(scanner.record_bytes() == "ab,c\r\n");
  REQUIRE(scanner.Next());
  CHECK(scanner.offset() == 12);
  CHECK(scanner.line() == 2);
}

}  // namespace
}  // namespace baton::csv
