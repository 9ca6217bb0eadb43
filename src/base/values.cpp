// Parsers for the text of export cells (include/baton/values.h, SPEC 1.3):
// timestamps, money, plain numbers, booleans, Salesforce ids and emails.
// They run once per cell on millions of rows, so they are hand-written scanners
// over a string_view: no regex, no streams, no locale, and ParseTimestamp does not
// allocate. None throws on bad input (an unparseable value is std::nullopt and the
// caller records the reject), and none guesses: day/month order and the decimal
// separator come from the file's ValueContext, never from the value itself.
#include "baton/values.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstddef>
#include <cstring>
#include <optional>
#include <string>
#include <system_error>
#include <utility>

namespace baton {
namespace {

constexpr std::string_view kNarrowNoBreakSpace = "\xE2\x80\xAF";  // U+202F, ICU ≥ 72 before AM/PM

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAlpha(char c) { return IsUpper(c) || IsLower(c); }
char ToLower(char c) { return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
char ToUpper(char c) { return IsLower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

// A left-to-right cursor over one cell's text.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool AtEnd() const { return pos_ == text_.size(); }
  // The next character, consumed; '\0' at the end.
  char Next() { return AtEnd() ? '\0' : text_[pos_++]; }
  bool Consume(char c) {
    if (AtEnd() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  bool Consume(std::string_view s) {
    if (text_.substr(pos_, s.size()) != s) return false;
    pos_ += s.size();
    return true;
  }
  void SkipSpaces() {
    while (Consume(' ')) {
    }
  }
  // Reads min..max digits as a number; on failure nothing is consumed.
  bool Digits(std::size_t min, std::size_t max, int* out) {
    const std::size_t start = pos_;
    int value = 0;
    while (pos_ - start < max && !AtEnd() && IsDigit(text_[pos_])) {
      value = value * 10 + (text_[pos_++] - '0');
    }
    if (pos_ - start < min) {
      pos_ = start;
      return false;
    }
    *out = value;
    return true;
  }
  // An English month name in any letter case: the full name, its first three
  // letters or "sept", with an optional '.' after an abbreviation. 1–12 in *month.
  bool MonthName(int* month) {
    std::size_t end = pos_;
    while (end < text_.size() && IsAlpha(text_[end])) ++end;
    const std::size_t n = end - pos_;
    char lower[10];
    if (n < 3 || n > sizeof lower) return false;
    for (std::size_t i = 0; i < n; ++i) lower[i] = ToLower(text_[pos_ + i]);
    const std::string_view word(lower, n);
    static constexpr std::string_view kNames[] = {"january",   "february", "march",    "april",
                                                  "may",       "june",     "july",     "august",
                                                  "september", "october",  "november", "december"};
    for (int m = 0; m < 12; ++m) {
      if (word == kNames[m] || word == kNames[m].substr(0, 3) || (m == 8 && word == "sept")) {
        pos_ = end;
        if (n < kNames[m].size()) Consume('.');
        *month = m + 1;
        return true;
      }
    }
    return false;
  }
  // Skips one or more ASCII letters.
  bool SkipLetters() {
    const std::size_t start = pos_;
    while (!AtEnd() && IsAlpha(text_[pos_])) ++pos_;
    return pos_ > start;
  }
  // Skips one or more digits (fractional seconds, which are truncated).
  bool SkipDigits() {
    const std::size_t start = pos_;
    while (!AtEnd() && IsDigit(text_[pos_])) ++pos_;
    return pos_ > start;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

struct Civil {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
};

// Validates the fields and converts them as local time in zone. Years outside
// 1900–2999 are not dates a CRM export means (0000-01-01 is a placeholder).
std::optional<Instant> ToInstant(const Civil& c, Zone zone) {
  if (c.year < 1900 || c.year > 2999 || !IsValidDate(c.year, c.month, c.day) || c.hour > 23 ||
      c.minute > 59 || c.second > 59) {
    return std::nullopt;
  }
  return LocalToInstant(c.year, c.month, c.day, c.hour, c.minute, c.second, zone);
}

// "H:MM", "HH:MM:SS", "HH:MM:SS.fff" (hour of one or two digits).
bool ScanClock(Scanner& s, Civil& c) {
  if (!s.Digits(1, 2, &c.hour) || !s.Consume(':') || !s.Digits(2, 2, &c.minute)) return false;
  if (!s.Consume(':')) return true;
  if (!s.Digits(2, 2, &c.second)) return false;
  return !s.Consume('.') || s.SkipDigits();
}

// "Z", "+HH", "+HHMM", "+HH:MM" (or '-') → seconds east of UTC.
bool ScanOffset(Scanner& s, int* offset) {
  if (s.Consume('Z') || s.Consume('z')) {
    *offset = 0;
    return true;
  }
  const char sign = s.Next();
  int hours = 0;
  int minutes = 0;
  if ((sign != '+' && sign != '-') || !s.Digits(2, 2, &hours)) return false;
  const bool colon = s.Consume(':');
  if (!s.Digits(2, 2, &minutes) && colon) return false;
  if (hours > 23 || minutes > 59) return false;
  *offset = (sign == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
  return true;
}

// "am"/"pm" in any case, consumed with what precedes it (spaces or U+202F);
// converts c.hour (which must be 1–12) to 24 hours. False leaves c alone.
bool ScanMeridiem(Scanner& s, Civil& c) {
  if (!s.Consume(kNarrowNoBreakSpace)) s.SkipSpaces();
  const char meridiem = ToLower(s.Next());
  if ((meridiem != 'a' && meridiem != 'p') || ToLower(s.Next()) != 'm') return false;
  s.Consume('.');  // "PM." happens at the end of a cell
  if (c.hour < 1 || c.hour > 12) return false;
  c.hour = c.hour % 12 + (meridiem == 'p' ? 12 : 0);
  return true;
}

// The form of most exports' timestamps (Salesforce, HubSpot, Data Loader), read at
// fixed places: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SS" (or a space for the T), with
// optional fractional seconds (truncated) and "Z", "+HHMM" or "+HH:MM", and
// HubSpot's "YYYY-MM-DD HH:MM". Only when the instant does not depend on a zone
// database (an offset is given, or the zone is UTC) and every field is in range;
// otherwise kNoTime, and ParseIso, which reads the same forms and more, decides.
// (Measured: a quarter of the time a worker spends mapping the task export went to
// the general parsers.)
Instant FastIso(std::string_view s, Zone zone) {
  const auto digit = [&](std::size_t i) { return static_cast<unsigned>(s[i] - '0'); };
  const auto digits = [&](std::size_t i, std::size_t n) {
    int value = 0;
    for (std::size_t k = i; k < i + n; ++k) {
      if (digit(k) > 9) return -1;
      value = value * 10 + static_cast<int>(digit(k));
    }
    return value;
  };
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return kNoTime;
  const int year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
  int hour = 0, minute = 0, second = 0, offset = 0;
  if (s.size() == 10) {
    if (zone != nullptr) return kNoTime;
  } else {
    if (s.size() < 16 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':') {
      return kNoTime;
    }
    hour = digits(11, 2), minute = digits(14, 2);
    if (s.size() == 16) {  // HubSpot: no seconds, no offset
      if (zone != nullptr) return kNoTime;
    } else if (s.size() < 19 || s[16] != ':') {
      return kNoTime;
    } else {
      second = digits(17, 2);
    }
    std::size_t i = std::min<std::size_t>(s.size(), 19);
    if (i < s.size() && s[i] == '.') {
      const std::size_t first = ++i;
      while (i < s.size() && digit(i) <= 9) ++i;
      if (i == first) return kNoTime;
    }
    const std::string_view rest = s.substr(i);
    if (rest.empty()) {
      if (zone != nullptr) return kNoTime;
    } else if (rest != "Z" && rest != "z") {
      // "+HHMM" or "+HH:MM"
      const bool colon = rest.size() == 6 && rest[3] == ':';
      if ((rest.size() != 5 && !colon) || (rest[0] != '+' && rest[0] != '-')) return kNoTime;
      const int hours = digits(i + 1, 2), minutes = digits(i + (colon ? 4 : 3), 2);
      if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return kNoTime;
      offset = (rest[0] == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
    }
  }
  if (year < 1900 || year > 2999 || month < 0 || day < 0 || !IsValidDate(year, month, day) ||
      hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return kNoTime;
  }
  // Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, days_from_civil),
  // the date library's own algorithm written out: ToInstant, called here instead on a
  // reread, made the task export's mapping about 7 % slower (user time, 6 runs).
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = y / 400;  // years from 1900 on: never negative
  const int yoe = y - era * 400;
  const int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const std::int64_t days = std::int64_t{era} * 146097 + doe - 719468;
  return days * 86400 + std::int64_t{hour} * 3600 + std::int64_t{minute} * 60 + second - offset;
}

// ISO 8601: "YYYY-MM-DD", optionally followed by 'T' or ' ', a clock and an offset.
std::optional<Instant> ParseIso(Scanner s, Zone zone) {
  Civil c;
  if (!s.Digits(4, 4, &c.year) || !s.Consume('-') || !s.Digits(2, 2, &c.month) || !s.Consume('-') ||
      !s.Digits(2, 2, &c.day)) {
    return std::nullopt;
  }
  if (s.AtEnd()) return ToInstant(c, zone);
  if (!(s.Consume('T') || s.Consume('t') || s.Consume(' ')) || !ScanClock(s, c)) {
    return std::nullopt;
  }
  if (s.AtEnd()) return ToInstant(c, zone);
  if (Scanner m = s; ScanMeridiem(m, c)) {  // "2018-02-01 2:03 PM": no offset after it
    return m.AtEnd() ? ToInstant(c, zone) : std::nullopt;
  }
  int offset = 0;
  if (!ScanOffset(s, &offset) || !s.AtEnd()) return std::nullopt;
  const std::optional<Instant> utc = ToInstant(c, nullptr);
  if (!utc) return std::nullopt;
  return *utc - offset;
}

// What may follow a date in every form but ISO's: nothing, or an optional ','
// (ICU, Zoho), spaces, a clock and an optional AM/PM.
bool ScanTimeTail(Scanner& s, Civil& c) {
  if (s.AtEnd()) return true;
  s.Consume(',');
  if (!s.Consume(' ')) return false;
  s.SkipSpaces();
  if (!ScanClock(s, c)) return false;
  return s.AtEnd() || (ScanMeridiem(s, c) && s.AtEnd());
}

// "3/5/2024 …" in the file's day/month order, or "05.03.2024 …" (always day-first).
std::optional<Instant> ParseReportStyle(Scanner s, char separator, const ValueContext& ctx) {
  Civil c;
  int first = 0;
  int second = 0;
  if (!s.Digits(1, 2, &first) || !s.Consume(separator) || !s.Digits(1, 2, &second) ||
      !s.Consume(separator) || !s.Digits(4, 4, &c.year) || !ScanTimeTail(s, c)) {
    return std::nullopt;
  }
  const bool day_first = separator == '.' || ctx.date_order == DateOrder::kDmy;
  c.day = day_first ? first : second;
  c.month = day_first ? second : first;
  return ToInstant(c, ctx.tz);
}

// Year first with '.' or '/': "2018.02.01", "2018.02.26 19:58", "2018/02/01 2:03 PM"
// (Excel in Hungarian, Chinese, Japanese and other locales). A dot may end the
// date ("2018.02.01.", as Hungarian writes it).
std::optional<Instant> ParseYearFirst(Scanner s, char separator, Zone zone) {
  Civil c;
  if (!s.Digits(4, 4, &c.year) || !s.Consume(separator) || !s.Digits(1, 2, &c.month) ||
      !s.Consume(separator) || !s.Digits(1, 2, &c.day)) {
    return std::nullopt;
  }
  if (separator == '.') s.Consume('.');
  if (!ScanTimeTail(s, c)) return std::nullopt;
  return ToInstant(c, zone);
}

// Dates with an English month name: "01-Feb-2018", "1 Feb 2018", "15 Apr, 2021
// 00:03:00" (Zoho), "Feb 1, 2018", "February 1 2018 2:03 PM", each with an
// optional time after it.
std::optional<Instant> ParseMonthName(Scanner s, Zone zone) {
  Civil c;
  if (s.Digits(1, 2, &c.day)) {  // day first
    const bool dashed = s.Consume('-');
    if (!dashed && !s.Consume(' ')) return std::nullopt;
    s.SkipSpaces();
    if (!s.MonthName(&c.month)) return std::nullopt;
    if (dashed ? !s.Consume('-') : (s.Consume(','), !s.Consume(' '))) return std::nullopt;
  } else {  // month first
    if (!s.MonthName(&c.month) || !s.Consume(' ')) return std::nullopt;
    s.SkipSpaces();
    if (!s.Digits(1, 2, &c.day)) return std::nullopt;
    s.Consume(',');
    if (!s.Consume(' ')) return std::nullopt;
  }
  s.SkipSpaces();
  if (!s.Digits(4, 4, &c.year) || !ScanTimeTail(s, c)) return std::nullopt;
  return ToInstant(c, zone);
}

// "20180201": a compact ISO date (8 digits, which no epoch value has).
std::optional<Instant> ParseCompactDate(std::string_view digits, Zone zone) {
  Civil c;
  Scanner s(digits);
  s.Digits(4, 4, &c.year);
  s.Digits(2, 2, &c.month);
  s.Digits(2, 2, &c.day);
  return ToInstant(c, zone);
}

// Epoch seconds (9–10 digits) or milliseconds (12–13 digits, truncated to seconds).
std::optional<Instant> ParseEpoch(std::string_view digits) {
  const std::size_t n = digits.size();
  if (n != 9 && n != 10 && n != 12 && n != 13) return std::nullopt;
  Instant value = 0;
  std::from_chars(digits.data(), digits.data() + n, value);
  return n >= 12 ? value / 1000 : value;
}

// The thousands separator that starts at s[i], as its byte length (0: none):
// the other of '.' and ',' from the decimal, a space, U+00A0, U+202F or '\''.
std::size_t GroupSeparatorAt(std::string_view s, std::size_t i, char decimal) {
  const char c = s[i];
  if (c == (decimal == ',' ? '.' : ',') || c == ' ' || c == '\'') return 1;
  if (s.substr(i, 2) == "\xC2\xA0") return 2;
  if (s.substr(i, 3) == kNarrowNoBreakSpace) return 3;
  return 0;
}

// Parses a plain amount (no sign, no currency): at least one integer digit, groups
// of three after a thousands separator (one kind per amount), an optional decimal
// part and an optional K, M or B (thousand, million, billion: "$141.56K").
std::optional<double> ParseAmount(std::string_view s, char decimal) {
  char buffer[48];  // digits, '.' and an exponent for from_chars; longer amounts are rejected
  std::size_t n = 0;
  std::size_t i = 0;
  std::size_t run = 0;  // digits since the last thousands separator
  std::string_view group;
  while (i < s.size()) {
    if (IsDigit(s[i])) {
      if (n + 8 >= sizeof buffer) return std::nullopt;
      buffer[n++] = s[i++];
      ++run;
      continue;
    }
    const std::size_t width = GroupSeparatorAt(s, i, decimal);
    if (width == 0) break;
    const std::string_view separator = s.substr(i, width);
    if (!group.empty() ? (separator != group || run != 3) : (run == 0 || run > 3)) {
      return std::nullopt;
    }
    group = separator;
    run = 0;
    i += width;
  }
  if (run == 0 || (!group.empty() && run != 3)) return std::nullopt;
  if (i < s.size() && s[i] == decimal) {
    buffer[n++] = '.';
    const std::size_t start = ++i;
    for (; i < s.size() && IsDigit(s[i]); ++i) {
      if (n + 4 >= sizeof buffer) return std::nullopt;
      buffer[n++] = s[i];
    }
    if (i == start) return std::nullopt;
  }
  if (i + 1 == s.size()) {  // the exponent keeps 141.56K exact: 141.56e3 is 141560
    const char scale = ToUpper(s[i]);
    const char* exponent = scale == 'K' ? "e3" : scale == 'M' ? "e6" : scale == 'B' ? "e9" : "";
    if (*exponent != '\0') {
      buffer[n++] = exponent[0];
      buffer[n++] = exponent[1];
      ++i;
    }
  }
  double value = 0;
  if (i != s.size() || std::from_chars(buffer, buffer + n, value).ec != std::errc{}) {
    return std::nullopt;
  }
  return value;
}

struct CurrencySymbol {
  std::string_view symbol;
  std::string_view code;
};
// Longer symbols first: "R$" and "US$" end in "$".
constexpr CurrencySymbol kCurrencySymbols[] = {
    {"US$", "USD"},
    {"AU$", "AUD"},
    {"CA$", "CAD"},
    {"NZ$", "NZD"},
    {"HK$", "HKD"},
    {"R$", "BRL"},
    {"A$", "AUD"},
    {"C$", "CAD"},
    {"S$", "SGD"},
    {"MX$", "MXN"},
    {"$", "USD"},
    {"\xE2\x82\xAC", "EUR"},
    {"\xC2\xA3", "GBP"},
    {"\xC2\xA5", "JPY"},
    {"\xE2\x82\xB9", "INR"},
    {"\xE2\x82\xA9", "KRW"},
    {"\xE2\x82\xBD", "RUB"},
    {"\xE2\x82\xBA", "TRY"},
    {"\xE2\x82\xAA", "ILS"},
    {"z\xC5\x82", "PLN"},
    {"\xE0\xB8\xBF", "THB"},
};

bool IsCode(std::string_view s) {
  return s.size() == 3 && IsAlpha(s[0]) && IsAlpha(s[1]) && IsAlpha(s[2]);
}

// Trims spaces, tabs, U+00A0 and U+202F (what sits between a currency and its amount).
std::string_view TrimMoneySpace(std::string_view s) {
  for (bool changed = true; changed;) {
    changed = false;
    s = Trim(s);
    for (std::string_view space : {std::string_view("\xC2\xA0"), kNarrowNoBreakSpace}) {
      if (s.starts_with(space)) s.remove_prefix(space.size()), changed = true;
      if (s.ends_with(space)) s.remove_suffix(space.size()), changed = true;
    }
  }
  return s;
}

// Removes a currency symbol or three-letter code from the front (at_end = false) or
// the back of s, with the spaces between it and the amount; returns its ISO code.
std::string TakeCurrency(std::string_view& s, bool at_end) {
  for (const CurrencySymbol& c : kCurrencySymbols) {
    if (at_end ? s.ends_with(c.symbol) : s.starts_with(c.symbol)) {
      s = TrimMoneySpace(at_end ? s.substr(0, s.size() - c.symbol.size())
                                : s.substr(c.symbol.size()));
      return std::string(c.code);
    }
  }
  if (s.size() < 3) return {};
  const std::string_view code = at_end ? s.substr(s.size() - 3) : s.substr(0, 3);
  const std::string_view rest = at_end ? s.substr(0, s.size() - 3) : s.substr(3);
  // "EURO 5" is not EUR: the code must not run on into more letters.
  const char next = rest.empty() ? ' ' : (at_end ? rest.back() : rest.front());
  if (!IsCode(code) || IsAlpha(next)) return {};
  s = TrimMoneySpace(rest);
  return {ToUpper(code[0]), ToUpper(code[1]), ToUpper(code[2])};
}

// Takes a leading '-'; false when the amount already was negative ("--5", "(-5)").
bool TakeMinus(std::string_view& s, bool& negative) {
  if (s.empty() || s.front() != '-') return true;
  if (negative) return false;
  negative = true;
  s.remove_prefix(1);
  return true;
}

}  // namespace

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ToLower(x) == ToLower(y);
         });
}

bool IsMissing(std::string_view text) {
  const std::string_view s = Trim(text);
  return s.empty() || s == "null" || s == "NULL" || s == "Null" || s == "--";
}

namespace {

// ParseTimestamp past the fixed-place form: its own function, so that the common
// case does not pay for the general readers' frame.
[[gnu::noinline]] std::optional<Instant> ParseOtherTimestamp(std::string_view s,
                                                             const ValueContext& ctx) {
  std::size_t digits = 0;
  while (digits < s.size() && IsDigit(s[digits])) ++digits;
  if (digits == s.size()) {
    if (digits == 8) return ParseCompactDate(s, ctx.tz);
    return digits == 0 ? std::nullopt : ParseEpoch(s);
  }
  const char after = s[digits];
  if (digits == 4) {
    if (after == '-') return ParseIso(Scanner(s), ctx.tz);
    if (after == '.' || after == '/') return ParseYearFirst(Scanner(s), after, ctx.tz);
    return std::nullopt;
  }
  if (digits <= 2) {
    if (digits > 0 && (after == '/' || after == '.')) {
      return ParseReportStyle(Scanner(s), after, ctx);
    }
    return ParseMonthName(Scanner(s), ctx.tz);
  }
  return std::nullopt;
}

}  // namespace

std::optional<Instant> ParseTimestamp(std::string_view text, const ValueContext& ctx) {
  const std::string_view s = Trim(text);
  const Instant fast = FastIso(s, ctx.tz);
  if (fast != kNoTime) [[likely]] {
    return fast;
  }
  return ParseOtherTimestamp(s, ctx);
}

namespace {

// One conversion of a date_format at s; false when the text does not match it.
bool ScanConversion(Scanner& s, char spec, Civil& c, int* offset, bool* pm, bool* twelve) {
  int year = 0;
  switch (spec) {
    case 'Y':
      return s.Digits(4, 4, &c.year);
    case 'y':  // POSIX: 69–99 are 1969–1999, 00–68 are 2000–2068
      if (!s.Digits(2, 2, &year)) return false;
      c.year = year + (year < 69 ? 2000 : 1900);
      return true;
    case 'm':
      return s.Digits(1, 2, &c.month);
    case 'd':
    case 'e':
      s.SkipSpaces();
      return s.Digits(1, 2, &c.day);
    case 'H':
      return s.Digits(1, 2, &c.hour);
    case 'I':
      *twelve = true;
      return s.Digits(1, 2, &c.hour);
    case 'M':
      return s.Digits(2, 2, &c.minute);
    case 'S':
      return s.Digits(2, 2, &c.second);
    case 'f':
      return s.SkipDigits();
    case 'b':
    case 'B':
    case 'h':
      return s.MonthName(&c.month);
    case 'a':
    case 'A':
      return s.SkipLetters();  // a weekday name, not checked against the date
    case 'p': {
      const char m = ToLower(s.Next());
      if ((m != 'a' && m != 'p') || ToLower(s.Next()) != 'm') return false;
      *pm = m == 'p';
      return true;
    }
    case 'z':
      return ScanOffset(s, offset);
    case '%':
      return s.Consume('%');
    default:
      return false;
  }
}

constexpr std::string_view kFormatConversions = "YymdeHIMSfbBhaApz%";

}  // namespace

std::optional<std::string> DateFormatError(std::string_view format) {
  bool date = false;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') continue;
    if (i + 1 == format.size()) return "it ends in a lone %";
    const char spec = format[++i];
    if (kFormatConversions.find(spec) == std::string_view::npos) {
      return std::string("%") + spec + " is not a conversion baton reads (it reads %Y %y %m %d " +
             "%e %b %B %h %a %A %H %I %M %S %f %p %z %%)";
    }
    date = date || spec == 'Y' || spec == 'y';
  }
  if (!date) return "it has no year (%Y or %y)";
  return std::nullopt;
}

std::optional<Instant> ParseTimestampAs(std::string_view text, std::string_view format,
                                        const ValueContext& ctx) {
  Scanner s(Trim(text));
  Civil c;
  c.month = c.day = 1;  // a format without a day ("%Y-%m") means the first
  int offset = 0;
  bool has_offset = false;
  bool pm = false;
  bool twelve = false;
  bool meridiem = false;
  for (std::size_t i = 0; i < format.size(); ++i) {
    const char f = format[i];
    if (f == ' ') {  // a space matches any run of spaces, or none
      s.SkipSpaces();
      continue;
    }
    if (f != '%' || i + 1 == format.size()) {
      if (!s.Consume(f)) return std::nullopt;
      continue;
    }
    const char spec = format[++i];
    has_offset = has_offset || spec == 'z';
    meridiem = meridiem || spec == 'p';
    if (!ScanConversion(s, spec, c, &offset, &pm, &twelve)) return std::nullopt;
  }
  if (!s.AtEnd()) return std::nullopt;
  if (meridiem || twelve) {
    if (c.hour < 1 || c.hour > 12) return std::nullopt;
    c.hour = c.hour % 12 + (pm ? 12 : 0);
  }
  if (!has_offset) return ToInstant(c, ctx.tz);
  const std::optional<Instant> utc = ToInstant(c, nullptr);
  if (!utc) return std::nullopt;
  return *utc - offset;
}

std::optional<DateOrder> SettledDateOrder(std::string_view text) {
  Scanner s(Trim(text));
  int first = 0;
  int second = 0;
  int year = 0;
  if (!s.Digits(1, 2, &first) || !s.Consume('/') || !s.Digits(1, 2, &second) || !s.Consume('/') ||
      !s.Digits(4, 4, &year)) {
    return std::nullopt;
  }
  if (first > 12 && second >= 1 && second <= 12) return DateOrder::kDmy;
  if (second > 12 && first >= 1 && first <= 12) return DateOrder::kMdy;
  return std::nullopt;
}

bool IsNumericSlashDate(std::string_view text) {
  Scanner s(Trim(text));
  int part = 0;
  return s.Digits(1, 2, &part) && s.Consume('/') && s.Digits(1, 2, &part) && s.Consume('/') &&
         s.Digits(4, 4, &part);
}

// SPEC 1.3. Negative: a leading '-' (before or after the currency) or parentheses
// around everything. A currency may be written before or after the amount, not both.
// The decimal separator is never guessed: with decimal '.', "1.234,50" and "84,10"
// are rejected (',' must group by three and cannot follow the decimal part), and
// with decimal ',', "1,234.50" and "1234.5" are rejected the same way.
std::optional<Money> ParseMoney(std::string_view text, const ValueContext& ctx) {
  std::string_view s = TrimMoneySpace(text);
  bool negative = s.size() >= 2 && s.front() == '(' && s.back() == ')';
  if (negative) s = TrimMoneySpace(s.substr(1, s.size() - 2));
  Money money;
  if (!TakeMinus(s, negative)) return std::nullopt;
  money.currency = TakeCurrency(s, false);
  if (!TakeMinus(s, negative)) return std::nullopt;  // "$-5" as well as "-$5"
  std::string suffix = TakeCurrency(s, true);
  if (!suffix.empty()) {
    if (!money.currency.empty()) return std::nullopt;
    money.currency = std::move(suffix);
  }
  const std::optional<double> amount = ParseAmount(s, ctx.decimal);
  if (!amount) return std::nullopt;
  money.amount = negative && *amount != 0 ? -*amount : *amount;
  return money;
}

std::string MoneyProblem(std::string_view text, const ValueContext& ctx) {
  const std::string shown = "'" + std::string(Trim(text)) + "'";
  ValueContext other = ctx;
  other.decimal = ctx.decimal == ',' ? '.' : ',';
  if (ParseMoney(text, other)) {
    return shown + " is an amount with decimal " +
           (other.decimal == ',' ? "comma; set decimal = \",\"" : "point; set decimal = \".\"") +
           " in the file's [[file]] table (now " + (ctx.decimal == ',' ? "\",\"" : "\".\"") + ")";
  }
  // What is left when letters and symbols at either end go: an unknown currency?
  std::string_view s = TrimMoneySpace(text);
  std::size_t first = 0;
  std::size_t last = s.size();
  while (first < last && !IsDigit(s[first]) && s[first] != '-' && s[first] != '(') ++first;
  while (last > first && !IsDigit(s[last - 1]) && s[last - 1] != ')') --last;
  if (first == last) return shown + " has no digits";
  const std::string_view outside =
      first > 0 ? TrimMoneySpace(s.substr(0, first)) : TrimMoneySpace(s.substr(last));
  if ((first > 0 || last < s.size()) && ParseMoney(s.substr(first, last - first), ctx)) {
    return shown + ": '" + std::string(outside) +
           "' is not a currency baton knows (it reads ISO codes such as USD, and $ € £ ¥ R$ "
           "₹ and other common signs); map the amount's column without it, or give the "
           "currency in a currency column";
  }
  return shown +
         " is not an amount: digits after a thousands separator come in groups of three, "
         "and the decimal separator is " +
         (ctx.decimal == ',' ? "','" : "'.'") + " (decimal in the file's [[file]] table)";
}

std::optional<double> ParseNumber(std::string_view text) {
  std::string_view s = Trim(text);
  const bool plus = !s.empty() && s.front() == '+';  // from_chars takes '-' only
  if (plus) s.remove_prefix(1);
  const std::size_t lead = !plus && !s.empty() && s.front() == '-' ? 1 : 0;
  // from_chars also reads "inf" and "nan", which are not numbers in a CSV cell.
  if (s.size() <= lead || !(IsDigit(s[lead]) || s[lead] == '.')) return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return value;
}

std::optional<bool> ParseBool(std::string_view text) {
  const std::string_view s = Trim(text);
  char lower[5];
  if (s.empty() || s.size() > sizeof lower) return std::nullopt;
  for (std::size_t i = 0; i < s.size(); ++i) lower[i] = ToLower(s[i]);
  const std::string_view v(lower, s.size());
  if (v == "true" || v == "1" || v == "yes" || v == "y" || v == "on" || v == "t") return true;
  if (v == "false" || v == "0" || v == "no" || v == "n" || v == "off" || v == "f") return false;
  return std::nullopt;
}

// Salesforce's case-safe suffix: per 5-character chunk, bit j is set when
// character j is an upper-case letter, and the 5-bit value indexes kAlphabet.
std::string NormaliseSalesforceId(std::string_view text) {
  std::string id;
  AppendSalesforceId(id, text);
  return id;
}

namespace {

// Per byte: kAlnumBit for a letter or digit, kUpperBit for an upper-case
// letter, kLowerBit for a lower-case one (ASCII; every other byte is none).
constexpr unsigned char kAlnumBit = 1, kUpperBit = 2, kLowerBit = 4;
constexpr std::array<unsigned char, 256> kIdChars = [] {
  std::array<unsigned char, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = kAlnumBit;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = kAlnumBit | kUpperBit;
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = kAlnumBit | kLowerBit;
  return t;
}();
unsigned char IdClass(char c) { return kIdChars[static_cast<unsigned char>(c)]; }

}  // namespace

void AppendSalesforceId(std::string& out, std::string_view text) {
  const std::string_view s = Trim(text);
  unsigned char all = kAlnumBit;
  for (char c : s) all &= IdClass(c);
  if ((s.size() != 15 && s.size() != 18) || all == 0) {
    out += s;
    return;
  }
  // Built here and appended once, the characters classified by a table: this
  // runs for every id of every row (6.7 % of the 1 M funnel's instructions when
  // it searched the alphabet and branched per character; a quarter less now).
  char id[18];
  std::memcpy(id, s.data(), s.size());
  if (s.size() == 18) {
    // The suffix encodes the case of the first 15 characters: restore it, so that an
    // id whose case a tool lost (lower-cased in a spreadsheet) still finds its record.
    for (std::size_t chunk = 0; chunk < 3; ++chunk) {
      const char suffix = ToUpper(id[15 + chunk]);
      id[15 + chunk] = suffix;
      unsigned bits = 0;  // the suffix's place in the alphabet A–Z, 0–5
      if (IsUpper(suffix)) {
        bits = static_cast<unsigned>(suffix - 'A');
      } else if (suffix >= '0' && suffix <= '5') {
        bits = 26 + static_cast<unsigned>(suffix - '0');
      } else {
        continue;  // not a suffix character: the case stays as given
      }
      for (std::size_t j = 0; j < 5; ++j) {
        char& c = id[chunk * 5 + j];
        // A letter's case is bit 5 (0x20): set for lower case, clear for upper.
        const bool letter = (IdClass(c) & (kUpperBit | kLowerBit)) != 0;
        const char lower_bit = (bits >> j & 1u) ? 0 : 0x20;
        if (letter) c = static_cast<char>((c & ~0x20) | lower_bit);
      }
    }
    out.append(id, 18);
    return;
  }
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
  for (std::size_t chunk = 0; chunk < 3; ++chunk) {
    unsigned bits = 0;
    for (std::size_t j = 0; j < 5; ++j) {
      bits |= static_cast<unsigned>((IdClass(s[chunk * 5 + j]) & kUpperBit) != 0) << j;
    }
    id[15 + chunk] = kAlphabet[bits];
  }
  out.append(id, 18);
}

bool AppendNormalisedEmail(std::string& out, std::string_view text) {
  const std::string_view s = Trim(text);
  const std::size_t at = s.find('@');
  if (at == s.npos || at == 0 || at + 1 == s.size()) return false;
  const std::size_t from = out.size();
  out += s;
  for (std::size_t i = from; i < out.size(); ++i) out[i] = ToLower(out[i]);
  return true;
}

std::string NormaliseEmail(std::string_view text) {
  std::string email;
  AppendNormalisedEmail(email, text);
  return email;
}

std::string NormaliseCampaignName(std::string_view text) {
  std::string out;
  bool gap = false;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c >= 0x80) {  // UTF-8 letters stay as they are
      if (gap && !out.empty()) out += ' ';
      gap = false;
      out += static_cast<char>(std::tolower(c));
    } else {
      gap = true;
    }
  }
  return out;
}

std::vector<std::string_view> SplitList(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    auto cut = text.find(',');
    std::string_view part = Trim(text.substr(0, cut));
    if (!part.empty()) out.push_back(part);
    if (cut == std::string_view::npos) break;
    text.remove_prefix(cut + 1);
  }
  return out;
}

}  // namespace baton
