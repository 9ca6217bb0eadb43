// Reading one CSV export as a stream of rows (SPEC 1.2): bytes → decoded UTF-8 →
// RFC 4180 records → a header row and data rows. Memory is one buffer (it grows
// only to hold the longest record); a file is never held whole.
// The reader knows nothing of systems or kinds: header meaning lives in
// src/ingest/fingerprints.h. Structural failures throw Error(kData) naming file, line, column.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace baton {

// How to read one file. Defaults detect everything.
struct CsvOptions {
  // "auto" (UTF-8, or UTF-16 LE/BE when a BOM says so), "utf-8", "utf-16le",
  // "utf-16be", "cp1252" (Windows-1252, transcoded to UTF-8), "latin1".
  std::string encoding = "auto";
  // 0 = detect from the first lines among , ; TAB |  (an Excel "sep=;" line wins).
  char delimiter = 0;
};

// Documented resource limits (the man page lists them): a longer record or more
// fields is an Error naming the file and line, never a crash.
inline constexpr std::size_t kMaxRecordBytes = 64u << 20;  // 64 MiB
inline constexpr std::size_t kMaxFields = 16384;

// One data row. `fields` and their text stay valid until the next call to Next().
struct CsvRow {
  std::int64_t line = 0;  // 1-based physical line where the record starts
  std::span<const std::string_view> fields;
  // 1-based index of the first field that is not valid UTF-8, 0 when all are valid.
  std::size_t bad_utf8_field = 0;
  // 1-based index of the first field holding a NUL byte, 0 when none does.
  std::size_t nul_field = 0;
};

class ByteSource;

// Streams the rows of one CSV file.
class TableReader {
 public:
  // Opens `path` ("-" = standard input; gzip is recognised by its magic bytes,
  // whatever the name), decodes it, detects the delimiter, skips preamble lines
  // (title and date-range lines of ad-platform exports) and reads the header row.
  // `display_name` is used in messages (defaults to path).
  // Throws Error(kData) when the file cannot be opened or read, is empty, is not
  // text, or has no header row.
  TableReader(const std::string& path, const CsvOptions& options, std::string display_name = {});
  // For tests and stdin-like streams: reads from an already opened source.
  TableReader(std::unique_ptr<ByteSource> source, const CsvOptions& options,
              std::string display_name);
  // One part of a plain UTF-8 file (see ProbePlainFile) whose header another
  // TableReader has read: the data rows of the records that start at file offset
  // `start` or later, before `limit`. `start` must be where a record starts; lines
  // are numbered from `first_line` there. header() is empty.
  struct Part {
    std::int64_t start = 0, limit = 0;
    std::int64_t first_line = 1;
    char delimiter = ',';
  };
  TableReader(const std::string& path, const Part& part, std::string display_name);
  ~TableReader();
  TableReader(const TableReader&) = delete;
  TableReader& operator=(const TableReader&) = delete;

  // Header cells with a BOM and surrounding spaces removed, original letter case.
  const std::vector<std::string>& header() const;
  std::int64_t header_line() const;
  char delimiter() const;
  const std::string& encoding() const;  // what was used: "utf-8", "utf-16le", "cp1252", …
  const std::string& display_name() const;

  // Reads the next data row; false at the end. Blank lines and footer/summary
  // rows ("Grand Totals (N records)", "Total: Account", "Total", "Confidential
  // Information - Do Not Distribute", "Copyright (c) 2000-2023 salesforce.com…")
  // are skipped and counted, not returned. Throws Error(kData) on an unclosed
  // quote at end of file (naming the line and column where the quote opened)
  // and when a record exceeds kMaxRecordBytes or kMaxFields.
  bool Next(CsvRow& row);

  std::int64_t preamble_lines() const;  // lines skipped before the header
  std::int64_t footer_rows() const;     // footer/summary rows skipped
  std::int64_t blank_lines() const;     // blank lines skipped after the header
  std::int64_t bytes_read() const;      // decoded bytes consumed so far
  // Where the next record starts: its decoded offset (a file offset for a Part) and line.
  std::int64_t next_offset() const;
  std::int64_t next_line() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace baton
