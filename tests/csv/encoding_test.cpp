// Tests of the encoding layer (src/csv/encoding.h): BOM handling, UTF-16
// detection and transcoding (surrogate pairs, odd bytes, lone surrogates),
// Windows-1252 / Latin-1, and the UTF-8 validator used per row.
// These tests must not involve CSV parsing.
#include "csv/encoding.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "baton/error.h"
#include "test_util.h"

namespace baton::csv {
namespace {

using ::baton::test::TrickleSource;

// Decodes all of `raw`, reading `out_chunk` bytes at a time from sources that
// hand out `in_chunk` bytes at a time.
std::string DecodeAll(const std::string& raw, std::string_view encoding,
                      std::size_t in_chunk = 1 << 20, std::size_t out_chunk = 1 << 20) {
  DecodingSource source(std::make_unique<TrickleSource>(raw, in_chunk), encoding, "in.csv");
  std::string out, buf(out_chunk, '\0');
  while (const std::size_t n = source.Read(buf.data(), buf.size())) out.append(buf.data(), n);
  return out;
}

std::string Utf16Le(std::u16string_view text) {
  std::string out;
  for (char16_t u : text) {
    out += static_cast<char>(u & 0xFF);
    out += static_cast<char>(u >> 8);
  }
  return out;
}

std::string Utf16Be(std::u16string_view text) {
  std::string out;
  for (char16_t u : text) {
    out += static_cast<char>(u >> 8);
    out += static_cast<char>(u & 0xFF);
  }
  return out;
}

Encoding Detected(const std::string& raw, std::string_view encoding = "auto") {
  return DecodingSource(std::make_unique<TrickleSource>(raw, 1 << 20), encoding, "in.csv")
      .encoding();
}

TEST_CASE("encodings are detected from byte-order marks and NUL patterns, and decoded to UTF-8") {
  struct Case {
    const char* what;
    std::string raw;
    const char* option;
    Encoding encoding;
    std::string utf8;
  };
  const Case cases[] = {
      {"plain UTF-8", "Id,Name\n", "auto", Encoding::kUtf8, "Id,Name\n"},
      {"UTF-8 BOM is removed", "\xEF\xBB\xBFId\n", "auto", Encoding::kUtf8, "Id\n"},
      {"UTF-8 BOM is removed when UTF-8 is forced", "\xEF\xBB\xBFId\n", "utf-8", Encoding::kUtf8,
       "Id\n"},
      {"UTF-16LE BOM", "\xFF\xFE" + Utf16Le(u"Day\tCost\r\n"), "auto", Encoding::kUtf16Le,
       "Day\tCost\r\n"},
      {"UTF-16BE BOM", "\xFE\xFF" + Utf16Be(u"Day,Cost\n"), "auto", Encoding::kUtf16Be,
       "Day,Cost\n"},
      {"UTF-16LE without BOM, from alternating NULs", Utf16Le(u"Day,Campaign,Cost\n"), "auto",
       Encoding::kUtf16Le, "Day,Campaign,Cost\n"},
      {"UTF-16BE without BOM, from alternating NULs", Utf16Be(u"Day,Campaign,Cost\n"), "auto",
       Encoding::kUtf16Be, "Day,Campaign,Cost\n"},
      {"UTF-16LE forced, BOM removed", "\xFF\xFE" + Utf16Le(u"a"), "UTF-16LE", Encoding::kUtf16Le,
       "a"},
      {"UTF-16 by BOM", "\xFE\xFF" + Utf16Be(u"a"), "utf-16", Encoding::kUtf16Be, "a"},
      {"BMP characters", "\xFF\xFE" + Utf16Le(u"M\u00FCller \u20AC"), "auto", Encoding::kUtf16Le,
       "M\xC3\xBCller \xE2\x82\xAC"},
      {"a surrogate pair", "\xFF\xFE" + Utf16Le(u"\U0001F600!"), "auto", Encoding::kUtf16Le,
       "\xF0\x9F\x98\x80!"},
      {"cp1252 umlaut", "M\xFCller", "cp1252", Encoding::kCp1252, "M\xC3\xBCller"},
      {"cp1252 euro and curly quotes", "\x80 \x93q\x94", "windows-1252", Encoding::kCp1252,
       "\xE2\x82\xAC \xE2\x80\x9Cq\xE2\x80\x9D"},
      {"latin1 keeps 0x80 as U+0080", "\x80\xFC", "latin1", Encoding::kLatin1, "\xC2\x80\xC3\xBC"},
      {"existing mojibake passes through untouched", "M\xC3\x83\xC2\xBCller", "auto",
       Encoding::kUtf8, "M\xC3\x83\xC2\xBCller"},
      {"invalid UTF-8 passes through untouched", "M\xFCller", "auto", Encoding::kUtf8, "M\xFCller"},
      {"an empty input", "", "auto", Encoding::kUtf8, ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    CHECK(Detected(c.raw, c.option) == c.encoding);
    CHECK(DecodeAll(c.raw, c.option) == c.utf8);
    CHECK(DecodeAll(c.raw, c.option, 1, 1) == c.utf8);
    CHECK(DecodeAll(c.raw, c.option, 3, 2) == c.utf8);
  }
}

TEST_CASE("UTF-16 longer than one decoding chunk keeps surrogate pairs split across reads") {
  std::u16string text;
  for (int i = 0; i < 40000; ++i) text += (i % 3 == 0) ? u"\U0001F600" : u"a\u00E9";
  std::string expected;
  for (int i = 0; i < 40000; ++i) expected += (i % 3 == 0) ? "\xF0\x9F\x98\x80" : "a\xC3\xA9";
  const std::string raw = "\xFF\xFE" + Utf16Le(text);
  CHECK(DecodeAll(raw, "auto") == expected);
  CHECK(DecodeAll(raw, "auto", 4097, 333) == expected);
  CHECK(DecodeAll("\xFE\xFF" + Utf16Be(text), "auto", 7, 5) == expected);
}

TEST_CASE("malformed UTF-16 is an error naming the file and the byte offset") {
  struct Case {
    const char* what;
    std::string raw;
    std::string message;
  };
  const Case cases[] = {
      {"an odd byte count", "\xFF\xFE" + Utf16Le(u"ab") + "x",
       "ends with a lone byte (an odd number of bytes) at byte offset 6"},
      {"a high surrogate followed by a letter",
       "\xFF\xFE" + Utf16Le(u"a") + "\x3D\xD8" + std::string("b\0", 2),
       "unpaired UTF-16 high surrogate at byte offset 4"},
      {"a lone low surrogate", "\xFE\xFF" + Utf16Be(u"ab") + std::string("\xDE\x00", 2),
       "unpaired UTF-16 low surrogate at byte offset 6"},
      {"a high surrogate at the end", "\xFF\xFE" + Utf16Le(u"a") + "\x3D\xD8",
       "ends inside a surrogate pair at byte offset 4"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    for (std::size_t chunk : {std::size_t{1}, std::size_t{3}, std::size_t{1} << 20}) {
      try {
        DecodeAll(c.raw, "auto", chunk, chunk);
        FAIL("no error");
      } catch (const Error& e) {
        CHECK(e.code() == ExitCode::kData);
        CHECK(e.where().file == "in.csv");
        CHECK(e.message().find(c.message) != std::string::npos);
        CHECK_FALSE(e.hint().empty());
      }
    }
  }
}

TEST_CASE("an unknown encoding name is a usage error") {
  try {
    Detected("a", "ebcdic");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::kUsage);
    CHECK(e.message().find("ebcdic") != std::string::npos);
  }
}

TEST_CASE("the UTF-8 validator accepts well-formed text and rejects each kind of fault") {
  struct Case {
    const char* what;
    std::string text;
    bool valid;
  };
  const Case cases[] = {
      {"empty", "", true},
      {"ASCII longer than a word", "Norvale Tools, Inc. 2024", true},
      {"two-byte", "M\xC3\xBCller", true},
      {"three-byte", "\xE2\x82\xAC", true},
      {"four-byte", "\xF0\x9F\x98\x80", true},
      {"largest code point", "\xF4\x8F\xBF\xBF", true},
      {"non-ASCII after a long ASCII run", "abcdefghijklmnop\xC3\xA9", true},
      {"a Latin-1 byte", "M\xFCller", false},
      {"a stray continuation byte",
       "a\x80"
       "b",
       false},
      {"a truncated sequence at the end", "abcdefgh\xE2\x82", false},
      {"a truncated sequence before ASCII", "\xE2\x82z", false},
      {"overlong two-byte", "\xC0\x80", false},
      {"overlong three-byte", "\xE0\x80\x80", false},
      {"overlong four-byte", "\xF0\x80\x80\x80", false},
      {"a surrogate", "\xED\xA0\x80", false},
      {"above U+10FFFF", "\xF4\x90\x80\x80", false},
      {"an invalid lead byte", "\xF5\x80\x80\x80", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    CHECK(IsValidUtf8(c.text) == c.valid);
  }
}

}  // namespace
}  // namespace baton::csv
