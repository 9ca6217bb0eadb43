// Decoding to UTF-8 and UTF-8 validation; see encoding.h. UTF-8 input is handed
// through without a copy (after the BOM); other encodings are decoded one chunk
// at a time. This file must not interpret CSV, and must never replace bytes it
// cannot decode: UTF-16 faults are errors, 8-bit encodings have no faults.
#include "csv/encoding.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <tuple>
#include <utility>

#include "base/encoding_names.h"
#include "baton/error.h"

namespace baton::csv {
namespace {

constexpr std::size_t kChunk = 64u << 10;  // raw bytes decoded per step
constexpr std::size_t kHead = 512;         // bytes looked at to detect the encoding
constexpr std::uint64_t kHighBits = 0x8080808080808080ull;

using Requested = EncodingRequest;

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// UTF-16 without a BOM, told by NULs in every other byte (ASCII-range text).
bool GuessUtf16(std::string_view head, Encoding* found) {
  std::size_t pairs = head.size() / 2, even_nuls = 0, odd_nuls = 0;
  if (pairs < 2) return false;
  for (std::size_t i = 0; i < pairs; ++i) {
    even_nuls += head[2 * i] == '\0';
    odd_nuls += head[2 * i + 1] == '\0';
  }
  auto most = [pairs](std::size_t n) { return n * 10 >= pairs * 6; };
  auto few = [pairs](std::size_t n) { return n * 10 < pairs; };
  if (most(odd_nuls) && few(even_nuls)) {
    *found = Encoding::kUtf16Le;
    return true;
  }
  if (most(even_nuls) && few(odd_nuls)) {
    *found = Encoding::kUtf16Be;
    return true;
  }
  return false;
}

// Picks the encoding and the length of the byte-order mark to skip.
std::pair<Encoding, std::size_t> Detect(Requested requested, std::string_view head) {
  const bool utf8_bom = StartsWith(head, "\xEF\xBB\xBF");
  const bool le_bom = StartsWith(head, "\xFF\xFE");
  const bool be_bom = StartsWith(head, "\xFE\xFF");
  Encoding guessed = Encoding::kUtf8;
  switch (requested) {
    case Requested::kAuto:
      if (utf8_bom) return {Encoding::kUtf8, 3};
      if (le_bom) return {Encoding::kUtf16Le, 2};
      if (be_bom) return {Encoding::kUtf16Be, 2};
      GuessUtf16(head, &guessed);
      return {guessed, 0};
    case Requested::kUtf8:
      return {Encoding::kUtf8, utf8_bom ? 3 : 0};
    case Requested::kUtf16:
      if (le_bom) return {Encoding::kUtf16Le, 2};
      if (be_bom) return {Encoding::kUtf16Be, 2};
      return {GuessUtf16(head, &guessed) ? guessed : Encoding::kUtf16Le, 0};
    case Requested::kUtf16Le:
      return {Encoding::kUtf16Le, le_bom ? 2 : 0};
    case Requested::kUtf16Be:
      return {Encoding::kUtf16Be, be_bom ? 2 : 0};
    case Requested::kCp1252:
      return {Encoding::kCp1252, 0};
    case Requested::kLatin1:
      return {Encoding::kLatin1, 0};
  }
  return {Encoding::kUtf8, 0};
}

// Windows-1252 0x80..0x9F; the five unassigned bytes map to the C1 controls, as Windows does.
constexpr std::array<char16_t, 32> kCp1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

char* PutUtf8(char32_t cp, char* out) {
  if (cp < 0x80) {
    *out++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out++ = static_cast<char>(0xC0 | (cp >> 6));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out++ = static_cast<char>(0xE0 | (cp >> 12));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out++ = static_cast<char>(0xF0 | (cp >> 18));
    *out++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

// The high bits of the 8 bytes at p: non-zero when one of them is not ASCII.
inline std::uint64_t Word(const unsigned char* p) {
  std::uint64_t word;
  std::memcpy(&word, p, 8);
  return word & kHighBits;
}

}  // namespace

std::string_view EncodingName(Encoding encoding) {
  switch (encoding) {
    case Encoding::kUtf8:
      return "utf-8";
    case Encoding::kUtf16Le:
      return "utf-16le";
    case Encoding::kUtf16Be:
      return "utf-16be";
    case Encoding::kCp1252:
      return "cp1252";
    case Encoding::kLatin1:
      return "latin1";
  }
  return "utf-8";
}

DecodingSource::DecodingSource(std::unique_ptr<ByteSource> raw, std::string_view encoding,
                               std::string name)
    : raw_(std::move(raw)), name_(std::move(name)), in_(kChunk) {
  const Requested requested = ParseEncodingName(encoding);
  while (in_len_ < kHead && FillInput()) {
  }
  std::size_t bom = 0;
  std::tie(encoding_, bom) = Detect(requested, std::string_view(in_.data(), in_len_));
  in_pos_ = bom;
  if (encoding_ != Encoding::kUtf8) out_.resize(3 * kChunk);
}

std::size_t DecodingSource::Read(char* buf, std::size_t n) {
  if (encoding_ == Encoding::kUtf8) {
    if (in_pos_ < in_len_) {
      std::size_t k = std::min(n, in_len_ - in_pos_);
      std::memcpy(buf, in_.data() + in_pos_, k);
      in_pos_ += k;
      return k;
    }
    return raw_eof_ ? 0 : raw_->Read(buf, n);
  }
  if (out_pos_ == out_len_) DecodeChunk();
  std::size_t k = std::min(n, out_len_ - out_pos_);
  std::memcpy(buf, out_.data() + out_pos_, k);
  out_pos_ += k;
  return k;
}

// Moves the undecoded tail to the front of in_ and reads once after it.
bool DecodingSource::FillInput() {
  if (raw_eof_) return false;
  if (in_pos_ > 0) {
    std::memmove(in_.data(), in_.data() + in_pos_, in_len_ - in_pos_);
    in_offset_ += static_cast<std::int64_t>(in_pos_);
    in_len_ -= in_pos_;
    in_pos_ = 0;
  }
  std::size_t got = raw_->Read(in_.data() + in_len_, in_.size() - in_len_);
  in_len_ += got;
  raw_eof_ = got == 0;
  return got > 0;
}

// Decodes what in_ holds into out_; leaves out_ empty only at the end of input.
void DecodingSource::DecodeChunk() {
  out_pos_ = out_len_ = 0;
  for (;;) {
    const auto* in = reinterpret_cast<const unsigned char*>(in_.data());
    if (encoding_ == Encoding::kUtf16Le || encoding_ == Encoding::kUtf16Be) {
      out_len_ = DecodeUtf16(in, in_len_, out_.data());
    } else {
      out_len_ = DecodeSingleByte(in + in_pos_, in_len_ - in_pos_, out_.data());
      in_pos_ = in_len_;
    }
    if (out_len_ > 0) return;
    if (!FillInput()) break;
  }
  const std::size_t left = in_len_ - in_pos_;
  if (left == 1) {
    FailUtf16(in_offset_ + static_cast<std::int64_t>(in_pos_),
              "the UTF-16 text ends with a lone byte (an odd number of bytes)");
  }
  if (left > 1) {
    FailUtf16(in_offset_ + static_cast<std::int64_t>(in_pos_),
              "the UTF-16 text ends inside a surrogate pair");
  }
}

// Decodes complete code units from in[in_pos_, n); stops before a unit (or a
// surrogate pair) that is not wholly in the buffer.
std::size_t DecodingSource::DecodeUtf16(const unsigned char* in, std::size_t n, char* out) {
  const bool le = encoding_ == Encoding::kUtf16Le;
  auto unit = [in, le](std::size_t i) -> char32_t {
    return le ? in[i] | (in[i + 1] << 8) : (in[i] << 8) | in[i + 1];
  };
  char* const start = out;
  std::size_t i = in_pos_;
  while (i + 2 <= n) {
    char32_t u = unit(i);
    if (u < 0x80) {
      *out++ = static_cast<char>(u);
      i += 2;
      continue;
    }
    if (u >= 0xDC00 && u <= 0xDFFF) {
      FailUtf16(in_offset_ + static_cast<std::int64_t>(i), "unpaired UTF-16 low surrogate");
    }
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 4 > n) break;
      char32_t low = unit(i + 2);
      if (low < 0xDC00 || low > 0xDFFF) {
        FailUtf16(in_offset_ + static_cast<std::int64_t>(i), "unpaired UTF-16 high surrogate");
      }
      out = PutUtf8(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00), out);
      i += 4;
      continue;
    }
    out = PutUtf8(u, out);
    i += 2;
  }
  in_pos_ = i;
  return static_cast<std::size_t>(out - start);
}

std::size_t DecodingSource::DecodeSingleByte(const unsigned char* in, std::size_t n,
                                             char* out) const {
  char* const start = out;
  const bool cp1252 = encoding_ == Encoding::kCp1252;
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char c = in[i];
    if (c < 0x80) {
      *out++ = static_cast<char>(c);
    } else {
      out = PutUtf8(cp1252 && c < 0xA0 ? kCp1252High[c - 0x80] : c, out);
    }
  }
  return static_cast<std::size_t>(out - start);
}

void DecodingSource::FailUtf16(std::int64_t offset, const std::string& what) const {
  ThrowData({name_}, what + " at byte offset " + std::to_string(offset),
            "the file is not valid UTF-16 (truncated or mislabelled); re-export it, or pass "
            "--encoding with the file's real encoding");
}

bool IsValidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    while (i + 32 <= n && !(Word(s + i) | Word(s + i + 8) | Word(s + i + 16) | Word(s + i + 24))) {
      i += 32;
    }
    while (i + 8 <= n && !Word(s + i)) i += 8;
    if (i == n) break;
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // overlong
      if (c == 0xED) hi = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;  // overlong
      if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      return false;
    }
    if (n - i < len || s[i + 1] < lo || s[i + 1] > hi) return false;
    for (std::size_t k = 2; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

}  // namespace baton::csv
