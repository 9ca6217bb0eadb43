// Value parsers for the text found in export cells (SPEC 1.3).
// Each parser is a pure function of the text and the file's conventions; none
// throws on bad input: an unparseable value is std::nullopt and the caller
// records a reject naming file, line and column. Missing values (empty, null,
// NULL, Google's "--") are detected with IsMissing before parsing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baton/time.h"

namespace baton {

// Day/month order of numeric dates with '/' separators in one file: the [[file]]
// date_order, else decided from the file's values (SettledDateOrder), never row by
// row (SPEC 1.3). Dotted dates (05.03.2024) are always day-first.
enum class DateOrder { kMdy, kDmy };

// The conventions of one file that values are read under.
struct ValueContext {
  Zone tz = nullptr;  // zone of timestamps without an offset (nullptr = UTC)
  DateOrder date_order = DateOrder::kMdy;
  char decimal = '.';  // decimal separator for money: '.' or ','
};

// Empty (after trimming spaces), "null", "NULL", "Null", "--" are missing.
bool IsMissing(std::string_view text);

// Whether two texts are equal in any ASCII letter case ("Call" and "CALL").
bool EqualsIgnoringCase(std::string_view a, std::string_view b);

// Trims ASCII spaces and tabs at both ends. A plain loop (find_first_not_of with a
// two-byte set calls memchr per byte), inline: every field read is trimmed, some
// twice, and as a call it took 2.5 % of a 1 M-people funnel.
inline std::string_view Trim(std::string_view text) {
  std::size_t first = 0, last = text.size();
  while (first < last && (text[first] == ' ' || text[first] == '\t')) ++first;
  while (last > first && (text[last - 1] == ' ' || text[last - 1] == '\t')) --last;
  return text.substr(first, last - first);
}

// "source, month" → {"source", "month"}: comma-separated parts, trimmed, empty
// parts dropped (the --by lists).
std::vector<std::string_view> SplitList(std::string_view text);

// Timestamps: ISO 8601 ("2024-03-05T14:03:22.000Z", "…+0000", "…+01:00",
// "2024-03-05 14:03:22", "2024-03-05 14:03", "2024-03-05 2:03 PM", "2024-03-05"),
// compact "20240305", year first with '.' or '/' ("2024.03.05 14:03", "2024/03/05"),
// US report style ("3/5/2024 2:03 PM", "3/5/2024, 2:03 PM", "03/05/2024 14:03",
// "3/5/2024"), day-first with ctx.date_order = kDmy ("05/03/2024 14:03"), dotted
// ("05.03.2024 14:03", always day-first), English month names in any letter case
// ("05-Mar-2024", "5 Mar 2024", "5 March, 2024 14:03:00", "Mar 5, 2024 2:03 PM"),
// epoch milliseconds (12–13 digits, HubSpot API) and epoch seconds (9–10 digits).
// A clock may have seconds or not, and 24 hours or AM/PM. Fractional seconds are
// truncated. A value without an offset is local time in ctx.tz; a date-only value
// is midnight there. Returns nullopt for anything else, including impossible dates
// (2024-02-30) and years outside 1900–2999 (placeholders like 0000-01-01).
std::optional<Instant> ParseTimestamp(std::string_view text, const ValueContext& ctx);

// A timestamp in a strftime-style format (a [[file]] date_format): %Y %y %m %d %e
// %b %B %h (English month name) %a %A (a weekday name, skipped) %H %I %M %S %f
// (fraction, skipped) %p %z %%; a
// space matches any run of spaces; every other character itself. The whole text
// must match. Without %z the time is local in ctx.tz.
std::optional<Instant> ParseTimestampAs(std::string_view text, std::string_view format,
                                        const ValueContext& ctx);
// Why a date_format cannot be used (an unknown conversion, no year), or nullopt.
std::optional<std::string> DateFormatError(std::string_view format);

// Whether text is a numeric date with '/' ("3/5/2024…"), whose order a file decides.
bool IsNumericSlashDate(std::string_view text);
// The order such a date settles: "13/3/2024" can only be day-first, "3/13/2024"
// only month-first; nullopt when both parts are 12 or less (or it is no such date).
std::optional<DateOrder> SettledDateOrder(std::string_view text);

// A money amount and the currency written next to it, if any.
struct Money {
  double amount = 0;
  std::string currency;  // ISO code upper-cased ("USD"), "" when none was written
};

// Money: "1234.5", "1,234.50", "$1,234.50", "USD 1234.50", "1234.50 EUR", "€84,10",
// "(1,234.50)" and "-1234.5" (negative), "1.234,50" and "84,10" when
// ctx.decimal == ','. Thousands separators: the other of '.' and ',', a space,
// U+00A0, U+202F or '\'' ("100 000,00 €", "CHF 1'234.50"), in groups of three
// ("1,2,3" is rejected), one kind per amount. A K, M or B right after the number
// scales it ("$141.56K" is 141,560). Symbols $ € £ ¥ R$ US$ A$ C$ NZ$ HK$ S$ MX$ ₹ ₩
// ₽ ₺ ₪ zł ฿ map to their ISO codes; a three-letter code may stand before or after.
std::optional<Money> ParseMoney(std::string_view text, const ValueContext& ctx);
// For a value ParseMoney rejects: the obstacle and its fix, for a reject's detail
// ("… is an amount with decimal comma; set decimal = \",\"", an unknown currency).
std::string MoneyProblem(std::string_view text, const ValueContext& ctx);

// Plain numbers (scores, probabilities): "47", "47.5", "-3", "1.89165E+11".
std::optional<double> ParseNumber(std::string_view text);

// Booleans: true/false, 1/0, yes/no, y/n, on/off, t/f, any letter case.
std::optional<bool> ParseBool(std::string_view text);

// Salesforce ids: a 15-character id gets its 3-character case suffix (the
// 18-character form); an 18-character id gets its suffix upper-cased and the case
// of its first 15 characters restored from the suffix (so "00q5g00000abcdeeav",
// lower-cased by a spreadsheet, is "00Q5g00000AbCdEEAV" again). Other text (not
// 15/18 alphanumerics) is returned trimmed and unchanged.
std::string NormaliseSalesforceId(std::string_view text);
// The same, appended to `out` (no string of its own: a key is built in place).
void AppendSalesforceId(std::string& out, std::string_view text);

// Campaign names for matching spend to CRM campaigns: lower-cased, every run of
// characters other than letters and digits one space, trimmed ("Google Ads -
// CMMS Search 2024" and "google ads cmms search 2024" are one name).
std::string NormaliseCampaignName(std::string_view text);

// Emails: trimmed and lower-cased. Returns "" when the text has no '@' with
// something on both sides (not an email, so never a merge key).
std::string NormaliseEmail(std::string_view text);
// NormaliseEmail appended to `out`, in its capacity; false (nothing appended)
// when the text is no email.
bool AppendNormalisedEmail(std::string& out, std::string_view text);

}  // namespace baton
