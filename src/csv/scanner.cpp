// The RFC 4180 record scanner; see scanner.h. Speed comes from three choices:
// the structural bytes (quote, delimiter, CR, LF) of 64 bytes at a time become
// bitmasks, and the fields of a record are cut from them, a count of trailing
// zeros each (SSE2 compares; a plain byte loop where SSE2 is missing); a
// record is parsed in one pass without touching the buffer, and re-parsed from
// its start if the buffer ran out mid-record (so no state survives a refill);
// and only fields holding "" or text after the closing quote are rewritten,
// after the record is complete.
// Two readings of a block serve: a whole block read as strict RFC 4180 (its
// quoted bytes found by the quotes' running parity, ParseBlocks), which cuts
// most records of real exports; and, for the records it cannot vouch for (a
// quote out of place, a line break inside quotes, a blank line, a record cut by
// the buffer's end), the lenient field-by-field path (ParseWith).
// This file must not allocate per record, nor look at field contents beyond
// the structural bytes: quote, delimiter, CR, LF (and, for the reader's sake,
// whether a block holds a NUL or a byte above 0x7F).
#include "csv/scanner.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "baton/error.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
// AVX2 chosen at run time (GCC and Clang on x86-64 compile it for one function).
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define BATON_SCAN_AVX2 1
#else
#define BATON_SCAN_AVX2 0
#endif

namespace baton::csv {
namespace {

// Loads may read this far past the last valid byte.
constexpr std::size_t kPad = 64;

#if defined(__SSE2__)

using BlockBytes = Scanner::BlockBytes;

// SSE2, the x86-64 floor: four 16-byte loads.
struct Sse2Bytes {
  [[gnu::always_inline]] static BlockBytes Read(const char* block, char delimiter) {
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i delim = _mm_set1_epi8(delimiter);
    const __m128i lf = _mm_set1_epi8('\n');
    const __m128i cr = _mm_set1_epi8('\r');
    BlockBytes r;
    __m128i any = _mm_setzero_si128();                       // top bit: not ASCII
    __m128i least = _mm_set1_epi8(static_cast<char>(0xFF));  // unsigned minimum: 0 = NUL
    for (std::size_t k = 0; k < 4; ++k) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * k));
      const auto bits = [&](__m128i equal) {
        return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(equal)))
               << (16 * k);
      };
      r.quotes |= bits(_mm_cmpeq_epi8(x, quote));
      r.delims |= bits(_mm_cmpeq_epi8(x, delim));
      r.line_ends |= bits(_mm_or_si128(_mm_cmpeq_epi8(x, lf), _mm_cmpeq_epi8(x, cr)));
      any = _mm_or_si128(any, x);
      least = _mm_min_epu8(least, x);
    }
    r.non_ascii = _mm_movemask_epi8(any) != 0;
    r.nul = _mm_movemask_epi8(_mm_cmpeq_epi8(least, _mm_setzero_si128())) != 0;
    return r;
  }
};

#if BATON_SCAN_AVX2
// AVX2, where the processor has it (Scanner's constructor asks): two 32-byte loads,
// half the compares and mask moves. Not always_inline: the templates that call it
// are not compiled for AVX2 until ParseBlocksAvx2 inlines them.
struct Avx2Bytes {
  [[gnu::target("avx2")]] static BlockBytes Read(const char* block, char delimiter) {
    const __m256i quote = _mm256_set1_epi8('"');
    const __m256i delim = _mm256_set1_epi8(delimiter);
    const __m256i lf = _mm256_set1_epi8('\n');
    const __m256i cr = _mm256_set1_epi8('\r');
    BlockBytes r;
    __m256i any = _mm256_setzero_si256();
    __m256i least = _mm256_set1_epi8(static_cast<char>(0xFF));
    for (std::size_t k = 0; k < 2; ++k) {
      const __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block + 32 * k));
      // No lambda here: it would not be compiled for AVX2.
      const std::size_t shift = 32 * k;
      r.quotes |= std::uint64_t{static_cast<std::uint32_t>(
                      _mm256_movemask_epi8(_mm256_cmpeq_epi8(x, quote)))}
                  << shift;
      r.delims |= std::uint64_t{static_cast<std::uint32_t>(
                      _mm256_movemask_epi8(_mm256_cmpeq_epi8(x, delim)))}
                  << shift;
      r.line_ends |= std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(
                         _mm256_or_si256(_mm256_cmpeq_epi8(x, lf), _mm256_cmpeq_epi8(x, cr))))}
                     << shift;
      any = _mm256_or_si256(any, x);
      least = _mm256_min_epu8(least, x);
    }
    r.non_ascii = _mm256_movemask_epi8(any) != 0;
    r.nul = _mm256_movemask_epi8(_mm256_cmpeq_epi8(least, _mm256_setzero_si256())) != 0;
    return r;
  }
};
#endif

// The structural bytes of the 64 bytes at a block, one bit per byte: quotes,
// delimiters, and line ends (CR or LF), kept between calls so that the fields of
// one block cost one load and a count of trailing zeros each.
class BlockStructure {
 public:
  // `seen` gathers what the blocks used hold, from the block kept from the last
  // record on (which may hold bytes of that record too: a maybe, never a miss).
  BlockStructure(char delim, Scanner::BlockMasks& masks, Scanner::BytesSeen& seen)
      : delim_(delim), m_(masks), seen_(seen) {
    seen_ = {m_.block != nullptr && m_.bytes.nul, m_.block != nullptr && m_.bytes.non_ascii};
  }
  // The first delimiter, CR or LF at or after p; end if none before it.
  const char* FieldEnd(const char* p, const char* end) { return Next<false>(p, end); }
  // The first quote, CR or LF at or after p; end if none before it.
  const char* QuoteOrLineEnd(const char* p, const char* end) { return Next<true>(p, end); }

 private:
  template <bool kQuoted>
  const char* Next(const char* p, const char* end) {
    if (m_.block == nullptr || p < m_.block || p >= m_.block + 64) Load(p);
    for (;;) {
      const std::uint64_t bits = (kQuoted ? m_.bytes.quotes : m_.bytes.delims) | m_.bytes.line_ends;
      const std::uint64_t ahead = bits & (~std::uint64_t{0} << (p - m_.block));
      if (ahead != 0) return std::min(m_.block + __builtin_ctzll(ahead), end);
      if (m_.block + 64 >= end) return end;
      p = m_.block + 64;
      Load(p);
    }
  }
  void Load(const char* block) {
    m_ = {block, Sse2Bytes::Read(block, delim_)};
    seen_.non_ascii |= m_.bytes.non_ascii;
    seen_.nul |= m_.bytes.nul;
  }
  char delim_;
  Scanner::BlockMasks& m_;
  Scanner::BytesSeen& seen_;
};

#endif

// The plain byte loop: where SSE2 is missing, and the reference the tests hold the
// block path to (ScanOptions::scalar).
inline const char* FindStop(const char* p, const char* end, char stop) {
  while (p < end && *p != stop && *p != '\n' && *p != '\r') ++p;
  return p;
}

class ByteStructure {
 public:
  ByteStructure(char delim, Scanner::BlockMasks& /*masks*/, Scanner::BytesSeen& seen)
      : delim_(delim) {
    seen = {};  // every record may hold anything
  }
  const char* FieldEnd(const char* p, const char* end) const { return FindStop(p, end, delim_); }
  const char* QuoteOrLineEnd(const char* p, const char* end) const { return FindStop(p, end, '"'); }

 private:
  char delim_;
};

#if defined(__SSE2__)
using FastStructure = BlockStructure;
#else
using FastStructure = ByteStructure;
#endif

// Scans the quoted field opening at `open`. Returns where it ends (delimiter,
// CR, LF or end), or null when the bytes up to `end` do not finish it (`eof`:
// there are no more). Sets
// *raw when the field must be unescaped; counts the line ends inside it.
template <class Structure>
const char* ScanQuoted(Structure& structure, const char* open, const char* end, char delim,
                       bool eof, bool* raw, std::int64_t* lines) {
  const char* q = open + 1;
  for (;;) {
    q = structure.QuoteOrLineEnd(q, end);
    if (q + 1 >= end) {  // the stop, or the byte after it, is not read yet
      return eof && q != end && *q == '"' ? end : nullptr;
    }
    if (*q != '"') {  // a line end inside the quotes
      ++*lines;
      q += (q[0] == '\r' && q[1] == '\n') ? 2 : 1;
    } else if (q[1] == '"') {
      *raw = true;
      q += 2;
    } else if (q[1] == delim || q[1] == '\n' || q[1] == '\r') {
      return q + 1;
    } else {
      *raw = true;  // text after the closing quote
      return structure.FieldEnd(q + 1, end);
    }
  }
}

}  // namespace

Scanner::Scanner(ByteSource* source, std::string initial, const ScanOptions& options,
                 std::string name)
    : source_(source),
      name_(std::move(name)),
      options_(options),
      capacity_(std::max<std::size_t>({options.buffer_size, initial.size(), 1})),
      end_(initial.size()),
      eof_(source == nullptr),
      line_(options.first_line) {
  buf_.resize(capacity_ + kPad);
  std::memcpy(buf_.data(), initial.data(), initial.size());
  fields_.resize(std::min<std::size_t>(64, std::max<std::size_t>(options.max_fields, 1)));
#if BATON_SCAN_AVX2
  avx2_ = options.avx2 && __builtin_cpu_supports("avx2");
#endif
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

Scanner::Status Scanner::Parse() {
  if (options_.scalar) return ParseWith<ByteStructure>();
  return ParseBlocks() ? Status::kRecord : ParseWith<FastStructure>();
}

#if defined(__SSE2__)

// Reads the 64 bytes at `block` whole: quotes, delimiters and line ends become
// bitmasks (Bytes: SSE2 or AVX2); the quotes' running parity (a prefix XOR),
// started from `inside`, says which bytes lie inside quotes; the delimiters and
// line ends outside are where fields end. That reading is RFC 4180's: an opening
// quote must follow a field end (or the quote closing a "" pair's first half), a
// closing quote must precede a field end or an opening quote. A quote breaking
// either rule is flagged (odd_quotes), and so is a line end inside quotes:
// ParseBlocks leaves records with either to ParseWith, whose lenient rules they
// need.
template <class Bytes>
[[gnu::always_inline]] inline void Scanner::LoadStrict(const char* block, bool inside,
                                                       bool after_end, bool after_close) {
  StrictBlock& b = strict_;
  const BlockBytes read = Bytes::Read(block, options_.delimiter);
  const std::uint64_t quotes = read.quotes, delims = read.delims, line_ends = read.line_ends;
  // Bit i of `in`: inside quotes just after byte i.
  std::uint64_t in = quotes;
  in ^= in << 1;
  in ^= in << 2;
  in ^= in << 4;
  in ^= in << 8;
  in ^= in << 16;
  in ^= in << 32;
  if (inside) in = ~in;
  const std::uint64_t ends = (delims | line_ends) & ~in;
  const std::uint64_t opens = quotes & in;
  const std::uint64_t closes = quotes & ~in;
  const std::uint64_t after_ends = (ends << 1) | (after_end ? 1 : 0);
  const std::uint64_t after_closes = (closes << 1) | (after_close ? 1 : 0);
  const std::uint64_t next_fits = (ends | opens) >> 1;  // bit i: byte i + 1 is one
  std::uint64_t odd =
      (opens & ~(after_ends | after_closes)) | (closes & ~next_fits & ~(std::uint64_t{1} << 63));
  // The last block's closing quote at its byte 63 is checked here.
  if (after_close && ((ends | opens) & 1) == 0) odd |= 1;
  b.block = block;
  b.ends = ends;
  b.line_ends = line_ends & ~in;
  // A "" pair split by the block boundary: its second quote stands for it.
  b.escapes = (closes & (opens >> 1)) | (after_close ? opens & 1 : 0);
  b.odd_quotes = odd;
  b.quoted_breaks = line_ends & in;
  b.inside = (in >> 63) != 0;
  b.after_end = (ends >> 63) != 0;
  b.after_close = (closes >> 63) != 0;
  b.non_ascii = read.non_ascii;
  b.nul = read.nul;
  record_bytes_seen_.non_ascii |= b.non_ascii;
  record_bytes_seen_.nul |= b.nul;
}

// The record at rec_start_ cut from whole blocks (LoadStrict): a field per
// field-end bit, a count of trailing zeros each. Only for the records strict
// RFC 4180 reads as the lenient rules do: anything else (a blank line, an odd
// quote, a line break inside quotes, a record the buffer does not hold whole)
// returns false, and ParseWith reads the record from its start. The block
// where a record ends serves the next record, whose start it then holds: its
// reading stands there unless an odd quote before that start put it in doubt.
bool Scanner::ParseBlocks() {
#if BATON_SCAN_AVX2
  if (avx2_) return ParseBlocksAvx2();
#endif
  return ParseBlocksWith<Sse2Bytes>();
}

#if BATON_SCAN_AVX2
// The same, compiled for AVX2: ParseBlocksWith and LoadStrict are inlined into
// it, and then Avx2Bytes::Read can be too (never into code not compiled for AVX2).
[[gnu::target("avx2")]] bool Scanner::ParseBlocksAvx2() { return ParseBlocksWith<Avx2Bytes>(); }
#endif

template <class Bytes>
[[gnu::always_inline]] inline bool Scanner::ParseBlocksWith() {
  const char* const base = buf_.data();
  const char* const end = base + end_;
  const char* const start = base + rec_start_;
  if (start == end || *start == '\n' || *start == '\r') return false;
  StrictBlock& b = strict_;
  const auto below = [](std::ptrdiff_t bits) {  // the bits before bit `bits` (0..63)
    return (std::uint64_t{1} << bits) - 1;
  };
  // The bits of the block at and after `at`: all of them if it lies before.
  const auto from = [&b, &below](const char* at) {
    return at >= b.block ? ~below(at - b.block) : ~std::uint64_t{0};
  };
  if (b.block != nullptr && start >= b.block && start < b.block + 64 &&
      (b.odd_quotes & below(start - b.block)) == 0) {
    record_bytes_seen_ = {b.nul, b.non_ascii};
  } else {
    record_bytes_seen_ = {false, false};
    LoadStrict<Bytes>(start, false, true, false);
  }
  fixups_.clear();
  blank_ = false;
  open_quote_ = kNone;
  std::size_t n = 0;
  const char* field = start;
  bool escaped = false;  // the open field holds a "" in an earlier block
  std::uint64_t live = ~below(start - b.block);
  for (;;) {
    if (end - b.block < 64) live &= below(end - b.block);
    const std::uint64_t line_end = b.line_ends & live;
    if (line_end != 0) live &= (line_end ^ (line_end - 1));  // up to the first one
    if (((b.odd_quotes | b.quoted_breaks) & live) != 0) return false;
    // Locals: the stores into fields_ would otherwise reload the block's masks.
    const char* const block = b.block;
    const std::uint64_t escapes = b.escapes;
    std::string_view* out = fields_.data();
    std::size_t room = fields_.size();
    for (std::uint64_t ends = b.ends & live; ends != 0; ends &= ends - 1) {
      const int bit = __builtin_ctzll(ends);
      const char* const stop = block + bit;
      if (n == room) {
        GrowFields(n);
        out = fields_.data();
        room = fields_.size();
      }
      const char* first = field;
      const char* last = stop;
      if (*field == '"') {
        if (escaped || (escapes != 0 && (escapes & below(bit) & from(field)) != 0)) {
          fixups_.push_back(n);  // raw: Unescape drops the quotes
        } else {
          ++first;
          --last;
        }
      }
      out[n++] = std::string_view(first, static_cast<std::size_t>(last - first));
      escaped = false;
      field = stop + 1;
    }
    if (line_end != 0) {
      const char* stop = field - 1;  // the line end the last field stopped at
      if (*stop == '\r') {
        if (stop + 1 == end) return false;  // an LF may follow
        if (stop[1] == '\n') ++stop;
      }
      Complete(n, static_cast<std::size_t>(stop + 1 - base), 1);
      return true;
    }
    if (end - b.block <= 64) return false;  // the record goes on past the buffer
    if (field < b.block + 64) escaped |= (b.escapes & from(field)) != 0;
    LoadStrict<Bytes>(b.block + 64, b.inside, b.after_end, b.after_close);
    live = ~std::uint64_t{0};
  }
}

#else

bool Scanner::ParseBlocks() { return false; }
bool Scanner::ParseBlocksAvx2() { return false; }

#endif

// One pass over the record at rec_start_. Leaves the buffer untouched.
template <class Structure>
Scanner::Status Scanner::ParseWith() {
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
  Structure structure(delim, masks_, record_bytes_seen_);
  const char* stop = p;  // where the last field ended: delimiter, CR, LF or end
  blank_ = *p == '\n' || *p == '\r';
  if (blank_) add(p, p);
  while (!blank_) {
    if (p == end || *p != '"') {
      stop = structure.FieldEnd(p, end);
      add(p, stop);
    } else {
      bool raw = false;
      stop = ScanQuoted(structure, p, end, delim, eof_, &raw, &lines);
      if (stop == nullptr) return eof_ ? AtEnd(p) : NeedMore(p);
      if (raw) fixups_.push_back(n);
      raw ? add(p, stop) : add(p + 1, stop - 1);
    }
    if (stop == end) {
      if (!eof_) return NeedMore(nullptr);
      if (options_.input_is_sample) return Status::kEnd;
      return Complete(n, end_, lines);
    }
    if (*stop != delim) break;
    p = stop + 1;
  }
  // *stop is CR or LF.
  if (*stop == '\r' && stop + 1 == end && !eof_) return NeedMore(nullptr);
  if (*stop == '\r' && stop + 1 != end && stop[1] == '\n') ++stop;
  return Complete(n, static_cast<std::size_t>(stop + 1 - base), lines + 1);
}

Scanner::Status Scanner::Complete(std::size_t fields, std::size_t rec_end, std::int64_t lines) {
  nfields_ = fields;
  rec_end_ = rec_end;
  rec_lines_ = lines;
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
  masks_ = BlockMasks{};
  strict_ = StrictBlock{};
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

}  // namespace baton::csv
