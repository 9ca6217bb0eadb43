// The record scanner of the CSV reader (SPEC 1.2): a streaming RFC 4180 state
// machine over one growable buffer of decoded UTF-8. It splits records and
// fields (quoted delimiters and line breaks, "" escapes, CRLF / LF / lone CR
// line ends, a missing final newline) and tracks physical line numbers.
// It knows nothing of headers, footers or encodings, and it never copies a
// field: fields are views into the buffer, unescaped in place.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "csv/csv.h"
#include "csv/source.h"

namespace baton::csv {

struct ScanOptions {
  char delimiter = ',';
  // Initial buffer size; the buffer grows only to hold a longer record.
  std::size_t buffer_size = 256u << 10;
  std::size_t max_record_bytes = kMaxRecordBytes;
  std::size_t max_fields = kMaxFields;
  // The input is the first part of a file (sniffing): a last record without a
  // line end may be cut, so it is dropped, and a quote still open at the end
  // is not an error.
  bool input_is_sample = false;
  // The line number of the input's first line (a part of a file starts later).
  std::int64_t first_line = 1;
  // Find the structural bytes with the plain byte loop rather than 64-byte
  // bitmasks: the reference the property tests hold the block paths to.
  bool scalar = false;
  // Read whole blocks with AVX2 where the processor has it; false holds to SSE2
  // (the x86-64 floor), which the tests compare it with.
  bool avx2 = true;
};

// Splits a byte stream into records.
//
// Leniency, as real exports need it: a quote inside an unquoted field is a
// literal character (`ab"c` → `ab"c`); text after a closing quote is appended
// to the field (`"ab"c` → `abc`); a field starting with a quote is quoted
// whatever precedes it in the record. A line end is LF, CRLF or a lone CR.
class Scanner {
 public:
  // Scans `initial` (bytes already read from the input), then what `source`
  // yields; `source` may be null when `initial` is the whole input, and must
  // outlive the scanner. `name` is used in messages.
  Scanner(ByteSource* source, std::string initial, const ScanOptions& options, std::string name);

  // Reads the next record; false at the end of input. Throws Error(kData)
  // naming the file, line and column where the quote opened when a quoted field
  // is still open at the end of input, and naming the file and line when a
  // record is longer than max_record_bytes or has more than max_fields fields.
  bool Next();

  // The fields of the last record; valid until the next call to Next().
  // An empty line is one empty field (and blank() is true).
  std::span<const std::string_view> fields() const { return {fields_.data(), nfields_}; }
  // 1-based physical line where the last record starts.
  std::int64_t line() const { return rec_line_; }
  // The last record was an empty line.
  bool blank() const { return blank_; }
  // The buffer bytes the last record occupied, line end included. Fields point
  // inside; after unescaping, the bytes between fields may be stale.
  std::string_view record_bytes() const;
  // Some field of the last record was rewritten in place ("" or text after the
  // closing quote), so record_bytes() may hold stale bytes between fields.
  bool rewritten() const { return !fixups_.empty(); }
  // 1-based physical line where the next record starts.
  std::int64_t next_line() const { return line_; }
  // Input bytes consumed: the offset just past the last record.
  std::int64_t offset() const { return dropped_ + static_cast<std::int64_t>(rec_end_); }
  // What the 64-byte blocks the last record was cut from held, seen on the way:
  // false means no byte of record_bytes() is a NUL (or 0x80 and above, i.e. the
  // record is ASCII), so the reader need not search it. True means maybe: the
  // blocks reach past the record, and the plain byte loop sees no blocks at all.
  bool may_hold_nul() const { return record_bytes_seen_.nul; }
  bool may_hold_non_ascii() const { return record_bytes_seen_.non_ascii; }

  // What the 64 bytes at a block hold, one bit per byte.
  struct BlockBytes {
    std::uint64_t quotes = 0, delims = 0, line_ends = 0;  // line ends: CR or LF
    bool nul = false, non_ascii = false;                  // some byte is one
  };
  // The structural bitmasks of the last 64-byte block loaded (scanner.cpp), kept
  // from record to record: a record's first field usually lies in the block where
  // the record before it ended. Forgotten when the buffer's bytes move or change
  // (Refill); Unescape rewrites only bytes of the record already parsed.
  struct BlockMasks {
    const char* block = nullptr;
    BlockBytes bytes;
  };
  // Bytes of a kind some block of a record held (ORed over its blocks).
  struct BytesSeen {
    bool nul = true, non_ascii = true;
  };
  // A 64-byte block read whole as strict RFC 4180 (scanner.cpp, ParseBlocks):
  // which bytes end fields, given whether the block starts inside quotes. Bits
  // from where the reading may be wrong on are flagged, not trusted.
  struct StrictBlock {
    const char* block = nullptr;
    std::uint64_t ends = 0;       // delimiters, CR and LF outside quotes
    std::uint64_t line_ends = 0;  // CR and LF outside quotes
    std::uint64_t escapes = 0;    // a quote of a "" pair inside quotes
    // Quotes the strict reading does not explain (a quote inside an unquoted
    // field, text after a closing quote): the lenient rules apply, and the
    // reading of every later byte of the block is in doubt.
    std::uint64_t odd_quotes = 0;
    std::uint64_t quoted_breaks = 0;  // CR and LF inside quotes
    // At the block's last byte, for the next block: inside quotes, a field
    // end, a closing quote.
    bool inside = false, after_end = true, after_close = false;
    bool nul = false, non_ascii = false;
  };

 private:
  enum class Status { kRecord, kNeedMore, kEnd };
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  Status Parse();
  bool ParseBlocks();
  bool ParseBlocksAvx2();
  template <class Bytes>
  bool ParseBlocksWith();
  template <class Bytes>
  void LoadStrict(const char* block, bool inside, bool after_end, bool after_close);
  template <class Structure>
  Status ParseWith();
  Status Complete(std::size_t fields, std::size_t rec_end, std::int64_t lines);
  Status NeedMore(const char* open_quote);
  Status AtEnd(const char* open_quote);
  void Unescape();
  void Refill();
  void GrowFields(std::size_t n);
  [[noreturn]] void FailUnclosedQuote(std::size_t open) const;
  [[noreturn]] void FailTooLong() const;
  void QuotePosition(std::size_t open, std::int64_t* line, std::int64_t* column) const;

  ByteSource* source_;
  std::string name_;
  ScanOptions options_;
  std::vector<char> buf_;  // capacity_ bytes plus padding for 32-byte loads
  std::size_t capacity_;
  std::size_t rec_start_ = 0;  // the record being parsed: [rec_start_, rec_end_)
  std::size_t rec_end_ = 0;
  std::size_t end_ = 0;       // valid bytes: [0, end_)
  std::int64_t dropped_ = 0;  // bytes moved out of the buffer
  bool eof_ = false;
  std::size_t open_quote_ = kNone;  // quote open when Parse() ran out of bytes
  std::int64_t line_ = 1;           // line where the next record starts
  std::int64_t rec_line_ = 0;
  std::int64_t rec_lines_ = 0;  // line ends inside and after the parsed record
  bool blank_ = false;
  std::vector<std::string_view> fields_;
  std::size_t nfields_ = 0;
  std::vector<std::size_t> fixups_;  // fields that still hold raw quoted text
  BlockMasks masks_;                 // the last block's, kept from record to record
  BytesSeen record_bytes_seen_;      // over the blocks of the last record
  StrictBlock strict_;               // ParseBlocks' last block, kept likewise
  bool avx2_ = false;                // the block reads use AVX2 (ScanOptions::avx2 and the CPU)
};

}  // namespace baton::csv
