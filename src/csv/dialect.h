// The dialect layer of the CSV reader (SPEC 1.2, export-formats 6.4 and 6.6):
// which delimiter a file uses, where its header row is after any preamble
// (report titles, date ranges, an Excel "sep=;" line), and which rows after
// the data are footers (totals, confidentiality and copyright lines).
// It decides from a sample of decoded text and from single rows only; it must
// not read input itself, nor know which system wrote the file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace baton::csv {

struct Dialect {
  char delimiter = ',';
  bool sep_line = false;        // the file opens with an Excel "sep=X" line
  std::size_t field_count = 0;  // the dominant field count of the sample
  // 0-based index, among all records of the sample (blank lines and the
  // "sep=" line included), of the header record; -1 when there is none.
  std::int64_t header_record = -1;
  std::size_t complete_records = 0;  // non-blank records wholly in the sample
};

// Detects the dialect from the first decoded bytes of a file. `whole_file`
// says the sample is all of it (otherwise its last record may be cut and is
// ignored). `delimiter` (0 = detect) fixes the delimiter.
//
// Delimiter: an Excel "sep=X" first line wins; otherwise, among , ; TAB |, the
// one whose most frequent field count (which must be ≥ 2) is met by the most
// records, ties going to the larger count, then to the order listed.
// Header: the first record with the dominant field count whose cells are all
// non-empty (after trimming spaces); failing that, the first record with the
// dominant field count. Never throws.
Dialect SniffDialect(std::string_view sample, bool whole_file, char delimiter);

// True for a footer or summary row: its first cell (spaces trimmed) starts with
// "Grand Totals" or "Total:", or is "Total"; or it starts with "Confidential
// Information" or "Copyright" and every other cell is empty (so a company named
// "Copyright Clearance Center" in a data row stays a data row).
bool IsFooterRow(std::span<const std::string_view> fields);

// `text` without leading and trailing spaces and tabs.
std::string_view TrimSpaces(std::string_view text);

}  // namespace baton::csv
