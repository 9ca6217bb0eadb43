// libFuzzer target: every value parser on arbitrary text (timestamps in a zone
// with DST, both date orders, month names, date_format patterns, money with both
// decimal marks, K/M/B and currency signs, the money hint, numbers, booleans,
// Salesforce ids, emails; a Marketo attributes cell as JSON). Parsers never
// throw; they return nullopt (or false).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "baton/values.h"
#include "ingest/row_mapper.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const baton::Zone kZone = baton::FindZone("America/New_York");
  std::string_view text(reinterpret_cast<const char*>(data), size);
  baton::ValueContext mdy{kZone, baton::DateOrder::kMdy, '.'};
  baton::ValueContext dmy{nullptr, baton::DateOrder::kDmy, ','};
  int sink = 0;
  sink += baton::IsMissing(text);
  sink += baton::ParseTimestamp(text, mdy).has_value();
  sink += baton::ParseTimestamp(text, dmy).has_value();
  sink += baton::ParseMoney(text, mdy).has_value();
  sink += baton::ParseMoney(text, dmy).has_value();
  if (!baton::ParseMoney(text, mdy))
    sink += static_cast<int>(baton::MoneyProblem(text, mdy).size());
  sink += baton::ParseTimestampAs(text, "%a %d %b, %Y %I:%M:%S %p %z", mdy).has_value();
  // The text as a format, read against a fixed value: formats are config input too.
  if (!baton::DateFormatError(text)) {
    sink += baton::ParseTimestampAs("Thu 01 Feb, 2018 09:05:07 PM +0100", text, mdy).has_value();
  }
  sink += baton::SettledDateOrder(text).has_value();
  sink += baton::ParseNumber(text).has_value();
  sink += baton::ParseBool(text).has_value();
  sink += static_cast<int>(baton::NormaliseSalesforceId(text).size());
  sink += static_cast<int>(baton::NormaliseEmail(text).size());
  std::vector<std::pair<std::string, std::string>> attributes;
  sink += baton::ParseJsonObject(text, attributes) ? static_cast<int>(attributes.size()) : 0;
  return sink < 0;
}
