// The RFC 4180 record scanner; see scanner.h. Speed comes from three choices:
// runs of ordinary bytes are skipped 16 at a time (SSE2 compares, or a table
// loop elsewhere); a record is parsed in one pass without touching the buffer,
// and re-parsed from its start if the buffer ran out mid-record (so no state
// survives a refill); and only fields holding "" or text after the closing
// quote are rewritten, after the record is complete.
// This file must not allocate per record, nor look at field contents beyond
// the structural bytes: quote, delimiter, CR, LF.
#include "ingest/scanner.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "baton/error.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace baton::ingest {
namespace {

// Loads may read this far past the last valid byte.
constexpr std::size_t kPad = 64;

#if defined(__SSE2__)

// Bit i set where p[i] is one of the three bytes, for the 32 bytes at p. Two
// 16-byte halves per step: most fields end within 32 bytes, so the loop below
// usually exits on its first, well-predicted, test.
inline unsigned Stops32(const char* p, __m128i a, __m128i b, __m128i c) {
  const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16));
  const __m128i hx = _mm_or_si128(_mm_cmpeq_epi8(x, a),
                                  _mm_or_si128(_mm_cmpeq_epi8(x, b), _mm_cmpeq_epi8(x, c)));
  const __m128i hy = _mm_or_si128(_mm_cmpeq_epi8(y, a),
                                  _mm_or_si128(_mm_cmpeq_epi8(y, b), _mm_cmpeq_epi8(y, c)));
  return static_cast<unsigned>(_mm_movemask_epi8(hx)) |
         (static_cast<unsigned>(_mm_movemask_epi8(hy)) << 16);
}

inline const char* FindStop(const char* p, const char* end, char s1) {
  const __m128i a = _mm_set1_epi8(s1), b = _mm_set1_epi8('\n'), c = _mm_set1_epi8('\r');
  for (; p < end; p += 32) {
    if (const unsigned mask = Stops32(p, a, b, c)) return std::min(p + __builtin_ctz(mask), end);
  }
  return end;
}

// First byte in [p, end) that ends an unquoted field: delimiter, CR or LF; else end.
inline const char* FindUnquotedStop(const char* p, const char* end, char delim) {
  return FindStop(p, end, delim);
}

// First quote, CR or LF in [p, end); else end.
inline const char* FindQuotedStop(const char* p, const char* end) { return FindStop(p, end, '"'); }

#else

inline const char* FindUnquotedStop(const char* p, const char* end, char delim) {
  while (p < end && *p != delim && *p != '\n' && *p != '\r') ++p;
  return p;
}

inline const char* FindQuotedStop(const char* p, const char* end) {
  while (p < end && *p != '"' && *p != '\n' && *p != '\r') ++p;
  return p;
}

#endif

}  // namespace

Scanner::Scanner(ByteSource* source, std::string initial, const ScanOptions& options,
                 std::string name)
    : source_(source),
      name_(std::move(name)),
      options_(options),
      capacity_(std::max<std::size_t>({options.buffer_size, initial.size(), 1})),
      end_(initial.size()),
      eof_(source == nullptr) {
  buf_.resize(capacity_ + kPad);
  std::memcpy(buf_.data(), initial.data(), initial.size());
  fields_.resize(std::min<std::size_t>(64, std::max<std::size_t>(options.max_fields, 1)));
}

std::string_view Scanner::record_bytes() const {
  return {buf_.data() + rec_start_, rec_end_ - rec_start_};
}

bool Scanner::Next() {
  rec_start_ = rec_end_;
  for (;;) {
    switch (Parse()) {
      case Status::kRecord:
        if (rec_end_ - rec_start_ > options_.max_record_bytes) FailTooLong();
        if (!fixups_.empty()) Unescape();
        rec_line_ = line_;
        line_ += rec_lines_;
        return true;
      case Status::kEnd:
        rec_end_ = rec_start_;
        nfields_ = 0;
        return false;
      case Status::kNeedMore:
        Refill();
        break;
    }
  }
}

// One pass over the record at rec_start_. Leaves the buffer untouched.
Scanner::Status Scanner::Parse() {
  const char* const base = buf_.data();
  const char* const end = base + end_;
  const char delim = options_.delimiter;
  const char* p = base + rec_start_;
  std::size_t n = 0;
  std::int64_t lines = 0;
  fixups_.clear();
  blank_ = false;
  open_quote_ = kNone;
  auto add = [this, &n](const char* b, const char* e) {
    if (n == fields_.size()) GrowFields(n);
    fields_[n++] = std::string_view(b, static_cast<std::size_t>(e - b));
  };

  if (p == end) return eof_ ? Status::kEnd : NeedMore(nullptr);
  const char* stop;  // where the last field ended: delimiter, CR, LF or end
  if (*p == '\n' || *p == '\r') {
    blank_ = true;
    add(p, p);
    stop = p;
  } else {
    for (;;) {
      if (p == end || *p != '"') {
        stop = FindUnquotedStop(p, end, delim);
        add(p, stop);
      } else {
        const char* const open = p;
        const char* q = p + 1;
        bool raw = false;  // the field holds "" and must be unescaped
        for (;;) {
          q = FindQuotedStop(q, end);
          if (q + 1 >= end) {  // the stop, or the byte after it, is not read yet
            if (!eof_) return NeedMore(open);
            if (q == end || *q != '"') return AtEnd(open);
            stop = end;
            break;
          }
          if (*q == '"') {
            if (q[1] == '"') {
              raw = true;
              q += 2;
              continue;
            }
            stop = q + 1;
            if (*stop != delim && *stop != '\n' && *stop != '\r') {
              raw = true;  // text after the closing quote
              stop = FindUnquotedStop(stop, end, delim);
            }
            break;
          }
          ++lines;  // a line end inside the quotes
          q += (q[0] == '\r' && q[1] == '\n') ? 2 : 1;
        }
        if (raw) {
          fixups_.push_back(n);
          add(open, stop);
        } else {
          add(open + 1, stop - 1);
        }
      }
      if (stop == end) {
        if (!eof_) return NeedMore(nullptr);
        if (options_.input_is_sample) return Status::kEnd;
        nfields_ = n;
        rec_end_ = end_;
        rec_lines_ = lines;
        return Status::kRecord;
      }
      if (*stop != delim) break;
      p = stop + 1;
    }
  }
  // *stop is CR or LF.
  if (*stop == '\r') {
    if (stop + 1 == end && !eof_) return NeedMore(nullptr);
    if (stop + 1 != end && stop[1] == '\n') ++stop;
  }
  nfields_ = n;
  rec_end_ = static_cast<std::size_t>(stop + 1 - base);
  rec_lines_ = lines + 1;
  return Status::kRecord;
}

Scanner::Status Scanner::NeedMore(const char* open_quote) {
  open_quote_ = open_quote ? static_cast<std::size_t>(open_quote - buf_.data()) : kNone;
  return Status::kNeedMore;
}

// The input ended inside the quoted field opened at `open_quote`.
Scanner::Status Scanner::AtEnd(const char* open_quote) {
  if (options_.input_is_sample) return Status::kEnd;
  FailUnclosedQuote(static_cast<std::size_t>(open_quote - buf_.data()));
}

// Rewrites the fields that hold raw quoted text: drops the quotes that open and
// close the field and turns "" into ". Writes never overtake reads.
void Scanner::Unescape() {
  char* const base = buf_.data();
  for (std::size_t index : fixups_) {
    char* const start = base + (fields_[index].data() - base);
    const char* s = start + 1;
    const char* const e = start + fields_[index].size();
    char* w = start;
    bool quoted = true;
    while (s < e) {
      if (quoted && *s == '"') {
        if (s + 1 < e && s[1] == '"') {
          *w++ = '"';
          s += 2;
        } else {
          quoted = false;
          ++s;
        }
      } else {
        *w++ = *s++;
      }
    }
    fields_[index] = std::string_view(start, static_cast<std::size_t>(w - start));
  }
}

// Makes room after the partial record and reads until the buffer is full or the
// input ends. The record moves to the front; the buffer doubles if it is full.
void Scanner::Refill() {
  const std::size_t keep = end_ - rec_start_;
  if (keep >= options_.max_record_bytes) FailTooLong();
  if (rec_start_ > 0) {
    std::memmove(buf_.data(), buf_.data() + rec_start_, keep);
    dropped_ += static_cast<std::int64_t>(rec_start_);
    if (open_quote_ != kNone) open_quote_ -= rec_start_;
    rec_start_ = 0;
    end_ = keep;
  }
  if (end_ == capacity_) {
    capacity_ = std::min(capacity_ * 2, std::max(options_.max_record_bytes, capacity_ + 1));
    buf_.resize(capacity_ + kPad);
  }
  while (end_ < capacity_) {
    const std::size_t got = source_->Read(buf_.data() + end_, capacity_ - end_);
    if (got == 0) {
      eof_ = true;
      break;
    }
    end_ += got;
  }
}

void Scanner::GrowFields(std::size_t n) {
  if (n >= options_.max_fields) {
    ThrowData({name_, line_},
              "the record has more than " + std::to_string(options_.max_fields) + " fields",
              "check the delimiter (--delimiter) and the quoting of this record");
  }
  fields_.resize(std::min(2 * n + 16, options_.max_fields));
}

void Scanner::FailUnclosedQuote(std::size_t open) const {
  std::int64_t line = 0, column = 0;
  QuotePosition(open, &line, &column);
  ThrowData({name_, line, column},
            "unclosed quote: the quoted field opened at line " + std::to_string(line) +
                ", column " + std::to_string(column) + " runs to the end of the file",
            "end the field with a quote and double any quote inside it (\"\"); if the export "
            "was cut short, export it again");
}

void Scanner::FailTooLong() const {
  std::string hint = "a record this long is almost always a quoting error; check the file";
  if (open_quote_ != kNone) {
    std::int64_t line = 0, column = 0;
    QuotePosition(open_quote_, &line, &column);
    hint = "the quote opened at line " + std::to_string(line) + ", column " +
           std::to_string(column) + " may never be closed";
  }
  ThrowData({name_, line_},
            "the record is longer than " + std::to_string(options_.max_record_bytes) + " bytes",
            hint);
}

// Line and 1-based column (in characters) of the byte at `open`, found by
// counting line ends from the start of the record.
void Scanner::QuotePosition(std::size_t open, std::int64_t* line, std::int64_t* column) const {
  *line = line_;
  std::size_t line_start = rec_start_;
  for (std::size_t i = rec_start_; i < open; ++i) {
    const char c = buf_[i];
    if (c == '\n' || (c == '\r' && buf_[i + 1] != '\n')) {
      ++*line;
      line_start = i + 1;
    }
  }
  *column = 1;
  for (std::size_t i = line_start; i < open; ++i) {
    *column += (static_cast<unsigned char>(buf_[i]) & 0xC0) != 0x80;
  }
}

}  // namespace baton::ingest
