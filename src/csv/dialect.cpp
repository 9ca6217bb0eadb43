// Delimiter sniffing, header location and footer recognition; see dialect.h.
// The sample is scanned once per candidate delimiter with the same Scanner the
// reader uses, so quoted delimiters and line breaks count exactly as they will
// when reading. This file must not throw: a sample it cannot make sense of
// yields a dialect without a header, and the caller reports that.
#include "csv/dialect.h"

#include <algorithm>
#include <limits>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "csv/scanner.h"

namespace baton::csv {
namespace {

constexpr char kCandidates[] = {',', ';', '\t', '|'};

// How one delimiter splits the sample.
struct Profile {
  char delimiter = ',';
  std::vector<std::size_t> counts;  // per record; 0 = blank line
  std::vector<bool> filled;         // per record: every cell non-empty
  std::vector<bool> last_empty;     // per record: the last cell is empty
  std::size_t mode = 0;             // most frequent non-blank field count
  std::size_t mode_records = 0;     // records with that count
  std::size_t records = 0;          // non-blank records
};

// "sep=X" as the whole first line.
bool FindSepLine(std::string_view sample, char* delimiter) {
  if (sample.size() < 5) return false;
  std::string head(sample.substr(0, 4));
  std::transform(head.begin(), head.end(), head.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
  const char x = sample[4];
  if (head != "sep=" || x == '\n' || x == '\r' || x == '"') return false;
  if (sample.size() > 5 && sample[5] != '\n' && sample[5] != '\r') return false;
  *delimiter = x;
  return true;
}

Profile ProfileOf(const std::string& text, char delimiter, std::size_t first) {
  ScanOptions options;
  options.delimiter = delimiter;
  options.buffer_size = text.size();
  options.max_record_bytes = std::numeric_limits<std::size_t>::max() / 4;
  options.max_fields = std::numeric_limits<std::size_t>::max() / 4;
  options.input_is_sample = true;
  Scanner scanner(nullptr, text, options, "sample");
  Profile profile;
  profile.delimiter = delimiter;
  while (scanner.Next()) {
    const auto fields = scanner.fields();
    profile.counts.push_back(scanner.blank() ? 0 : fields.size());
    profile.filled.push_back(std::none_of(
        fields.begin(), fields.end(), [](std::string_view f) { return TrimSpaces(f).empty(); }));
    profile.last_empty.push_back(!fields.empty() && TrimSpaces(fields.back()).empty());
  }
  std::map<std::size_t, std::size_t> frequency;
  for (std::size_t i = first; i < profile.counts.size(); ++i) {
    if (profile.counts[i] > 0) ++frequency[profile.counts[i]];
  }
  for (const auto& [count, records] : frequency) {
    profile.records += records;
    if (records >= profile.mode_records) {  // ties go to the larger count
      profile.mode = count;
      profile.mode_records = records;
    }
  }
  return profile;
}

bool Better(const Profile& a, const Profile& b) {
  return std::make_tuple(a.mode >= 2, a.mode_records, a.mode) >
         std::make_tuple(b.mode >= 2, b.mode_records, b.mode);
}

// Rows that all end with a delimiter (a trailing comma) have one field more than
// their header: the record just before the first such row, one field shorter and
// fully filled, is the header then.
std::int64_t TrailingDelimiterHeader(const Profile& profile, std::size_t first, std::size_t row) {
  for (std::size_t i = first; i < profile.counts.size(); ++i) {
    if (profile.counts[i] == profile.mode && !profile.last_empty[i]) return -1;
  }
  std::size_t j = row;
  while (j > first && profile.counts[j - 1] == 0) --j;
  if (j == first) return -1;
  --j;
  bool fits = profile.counts[j] + 1 == profile.mode && profile.filled[j];
  return fits ? static_cast<std::int64_t>(j) : -1;
}

// The first record with the dominant field count whose cells are all
// non-empty; failing that, the first with the dominant count; else -1.
std::int64_t FindHeader(const Profile& profile, std::size_t first) {
  if (profile.mode == 0) return -1;
  for (std::size_t i = first; i < profile.counts.size(); ++i) {
    if (profile.counts[i] != profile.mode) continue;
    std::int64_t shorter = TrailingDelimiterHeader(profile, first, i);
    if (shorter >= 0) return shorter;
    break;
  }
  for (bool need_filled : {true, false}) {
    for (std::size_t i = first; i < profile.counts.size(); ++i) {
      if (profile.counts[i] == profile.mode && (profile.filled[i] || !need_filled)) {
        return static_cast<std::int64_t>(i);
      }
    }
  }
  return -1;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

Dialect SniffDialect(std::string_view sample, bool whole_file, char delimiter) {
  Dialect dialect;
  char sep = 0;
  dialect.sep_line = FindSepLine(sample, &sep);
  if (delimiter == 0) delimiter = sep;
  std::string text(sample);
  // A whole file may lack its final newline; the sample scan drops unterminated records.
  if (whole_file && !text.empty() && text.back() != '\n' && text.back() != '\r') text += '\n';

  const std::size_t first = dialect.sep_line ? 1 : 0;
  Profile best;
  bool any = false;
  for (char candidate : kCandidates) {
    const char d = delimiter ? delimiter : candidate;
    Profile profile = ProfileOf(text, d, first);
    if (!any || Better(profile, best)) best = std::move(profile);
    any = true;
    if (delimiter) break;
  }
  dialect.delimiter = best.delimiter;
  dialect.field_count = best.mode;
  dialect.complete_records = best.records;
  dialect.header_record = FindHeader(best, first);
  return dialect;
}

bool IsFooterRow(std::span<const std::string_view> fields) {
  if (fields.empty() || fields[0].empty()) return false;
  switch (fields[0][0]) {  // most rows stop here
    case 'G':
    case 'T':
    case 'C':
    case ' ':
    case '\t':
      break;
    default:
      return false;
  }
  const std::string_view first = TrimSpaces(fields[0]);
  if (StartsWith(first, "Grand Totals") || StartsWith(first, "Total:") || first == "Total") {
    return true;
  }
  if (!StartsWith(first, "Confidential Information") && !StartsWith(first, "Copyright")) {
    return false;
  }
  return std::all_of(fields.begin() + 1, fields.end(),
                     [](std::string_view f) { return TrimSpaces(f).empty(); });
}

std::string_view TrimSpaces(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  const auto end = text.find_last_not_of(" \t");
  return text.substr(begin, end - begin + 1);
}

}  // namespace baton::csv
