// Parsers for the text of export cells (include/baton/values.h, SPEC 1.3):
// timestamps, money, plain numbers, booleans, Salesforce ids and emails.
// They run once per cell on millions of rows, so they are hand-written scanners
// over a string_view: no regex, no streams, no locale, and ParseTimestamp does not
// allocate. None throws on bad input (an unparseable value is std::nullopt and the
// caller records the reject), and none guesses: day/month order and the decimal
// separator come from the file's ValueContext, never from the value itself.
#include "baton/values.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstddef>
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
bool IsAlnum(char c) { return IsAlpha(c) || IsDigit(c); }
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
  int offset = 0;
  if (!ScanOffset(s, &offset) || !s.AtEnd()) return std::nullopt;
  const std::optional<Instant> utc = ToInstant(c, nullptr);
  if (!utc) return std::nullopt;
  return *utc - offset;
}

// What may follow a report-style date: nothing, or an optional ',' (ICU), spaces,
// a clock and an optional AM/PM (any case, after optional spaces or U+202F).
bool ScanReportTime(Scanner& s, Civil& c) {
  if (s.AtEnd()) return true;
  s.Consume(',');
  if (!s.Consume(' ')) return false;
  s.SkipSpaces();
  if (!ScanClock(s, c)) return false;
  if (s.AtEnd()) return true;
  if (!s.Consume(kNarrowNoBreakSpace)) s.SkipSpaces();
  const char meridiem = ToLower(s.Next());
  if ((meridiem != 'a' && meridiem != 'p') || ToLower(s.Next()) != 'm' || !s.AtEnd()) {
    return false;
  }
  if (c.hour < 1 || c.hour > 12) return false;
  c.hour = c.hour % 12 + (meridiem == 'p' ? 12 : 0);
  return true;
}

// "3/5/2024 …" in the file's day/month order, or "05.03.2024 …" (always day-first).
std::optional<Instant> ParseReportStyle(Scanner s, char separator, const ValueContext& ctx) {
  Civil c;
  int first = 0;
  int second = 0;
  if (!s.Digits(1, 2, &first) || !s.Consume(separator) || !s.Digits(1, 2, &second) ||
      !s.Consume(separator) || !s.Digits(4, 4, &c.year) || !ScanReportTime(s, c)) {
    return std::nullopt;
  }
  const bool day_first = separator == '.' || ctx.date_order == DateOrder::kDmy;
  c.day = day_first ? first : second;
  c.month = day_first ? second : first;
  return ToInstant(c, ctx.tz);
}

// Epoch seconds (9–10 digits) or milliseconds (12–13 digits, truncated to seconds).
std::optional<Instant> ParseEpoch(std::string_view digits) {
  const std::size_t n = digits.size();
  if (n != 9 && n != 10 && n != 12 && n != 13) return std::nullopt;
  Instant value = 0;
  std::from_chars(digits.data(), digits.data() + n, value);
  return n >= 12 ? value / 1000 : value;
}

// Parses a plain amount (no sign, no currency): at least one integer digit, then
// an optional decimal part. decimal is ',' or else '.'; the other of the two is the
// thousands separator, and groups after the first must have exactly three digits.
std::optional<double> ParseAmount(std::string_view s, char decimal) {
  const char group = decimal == ',' ? '.' : ',';
  char buffer[48];  // digits and '.' for from_chars; longer amounts are rejected
  std::size_t n = 0;
  std::size_t i = 0;
  std::size_t run = 0;  // digits since the last thousands separator
  bool grouped = false;
  for (; i < s.size() && (IsDigit(s[i]) || s[i] == group); ++i) {
    if (s[i] == group) {
      if (grouped ? run != 3 : (run == 0 || run > 3)) return std::nullopt;
      grouped = true;
      run = 0;
    } else if (n + 1 < sizeof buffer) {
      buffer[n++] = s[i];
      ++run;
    } else {
      return std::nullopt;
    }
  }
  if (run == 0 || (grouped && run != 3)) return std::nullopt;
  if (i < s.size() && s[i] == decimal) {
    buffer[n++] = '.';
    const std::size_t start = ++i;
    for (; i < s.size() && IsDigit(s[i]) && n + 1 < sizeof buffer; ++i) buffer[n++] = s[i];
    if (i == start) return std::nullopt;
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
constexpr CurrencySymbol kCurrencySymbols[] = {
    {"$", "USD"}, {"\xE2\x82\xAC", "EUR"}, {"\xC2\xA3", "GBP"}, {"\xC2\xA5", "JPY"}};

bool IsCode(std::string_view s) {
  return s.size() == 3 && IsAlpha(s[0]) && IsAlpha(s[1]) && IsAlpha(s[2]);
}

// Removes a currency symbol or three-letter code from the front (at_end = false) or
// the back of s, with the spaces between it and the amount; returns its ISO code.
std::string TakeCurrency(std::string_view& s, bool at_end) {
  for (const CurrencySymbol& c : kCurrencySymbols) {
    if (at_end ? s.ends_with(c.symbol) : s.starts_with(c.symbol)) {
      s = Trim(at_end ? s.substr(0, s.size() - c.symbol.size()) : s.substr(c.symbol.size()));
      return std::string(c.code);
    }
  }
  if (s.size() < 3) return {};
  const std::string_view code = at_end ? s.substr(s.size() - 3) : s.substr(0, 3);
  const std::string_view rest = at_end ? s.substr(0, s.size() - 3) : s.substr(3);
  // "EURO 5" is not EUR: the code must not run on into more letters.
  const char next = rest.empty() ? ' ' : (at_end ? rest.back() : rest.front());
  if (!IsCode(code) || IsAlpha(next)) return {};
  s = Trim(rest);
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

// A plain loop: find_first_not_of with a two-byte set calls memchr per byte, and
// Trim runs several times per cell.
std::string_view Trim(std::string_view text) {
  std::size_t first = 0, last = text.size();
  while (first < last && (text[first] == ' ' || text[first] == '\t')) ++first;
  while (last > first && (text[last - 1] == ' ' || text[last - 1] == '\t')) --last;
  return text.substr(first, last - first);
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ToLower(x) == ToLower(y);
         });
}

bool IsMissing(std::string_view text) {
  const std::string_view s = Trim(text);
  return s.empty() || s == "null" || s == "NULL" || s == "Null" || s == "--";
}

std::optional<Instant> ParseTimestamp(std::string_view text, const ValueContext& ctx) {
  const std::string_view s = Trim(text);
  std::size_t digits = 0;
  while (digits < s.size() && IsDigit(s[digits])) ++digits;
  if (digits == 0) return std::nullopt;
  if (digits == s.size()) return ParseEpoch(s);
  const char after = s[digits];
  if (digits == 4 && after == '-') return ParseIso(Scanner(s), ctx.tz);
  if (digits <= 2 && (after == '/' || after == '.')) {
    return ParseReportStyle(Scanner(s), after, ctx);
  }
  return std::nullopt;
}

// SPEC 1.3. Negative: a leading '-' (before or after the currency) or parentheses
// around everything. A currency may be written before or after the amount, not both.
// The decimal separator is never guessed: with decimal '.', "1.234,50" and "84,10"
// are rejected (',' must group by three and cannot follow the decimal part), and
// with decimal ',', "1,234.50" and "1234.5" are rejected the same way.
std::optional<Money> ParseMoney(std::string_view text, const ValueContext& ctx) {
  std::string_view s = Trim(text);
  bool negative = s.size() >= 2 && s.front() == '(' && s.back() == ')';
  if (negative) s = Trim(s.substr(1, s.size() - 2));
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

void AppendSalesforceId(std::string& out, std::string_view text) {
  const std::string_view s = Trim(text);
  const std::size_t at = out.size();
  out += s;
  if ((s.size() != 15 && s.size() != 18) || !std::all_of(s.begin(), s.end(), IsAlnum)) return;
  char* id = out.data() + at;
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
  if (s.size() == 18) {
    // The suffix encodes the case of the first 15 characters: restore it, so that an
    // id whose case a tool lost (lower-cased in a spreadsheet) still finds its record.
    for (std::size_t i = 15; i < 18; ++i) id[i] = ToUpper(id[i]);
    for (std::size_t chunk = 0; chunk < 3; ++chunk) {
      auto bits = kAlphabet.find(id[15 + chunk]);
      if (bits == std::string_view::npos) continue;
      for (std::size_t j = 0; j < 5; ++j) {
        char& c = id[chunk * 5 + j];
        if (!IsAlnum(c) || (c >= '0' && c <= '9')) continue;
        c = (bits >> j & 1u) ? ToUpper(c) : ToLower(c);
      }
    }
    return;
  }
  for (std::size_t chunk = 0; chunk < 3; ++chunk) {
    unsigned bits = 0;
    for (std::size_t j = 0; j < 5; ++j) bits |= (IsUpper(s[chunk * 5 + j]) ? 1u : 0u) << j;
    out += kAlphabet[bits];
  }
}

std::string NormaliseEmail(std::string_view text) {
  const std::string_view s = Trim(text);
  const std::size_t at = s.find('@');
  if (at == s.npos || at == 0 || at + 1 == s.size()) return {};
  std::string email(s);
  for (char& c : email) c = ToLower(c);
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
