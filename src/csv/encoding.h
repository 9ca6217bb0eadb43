// The encoding layer of the CSV reader (SPEC 1.2): a ByteSource wrapper that
// turns whatever the file is written in into UTF-8 — it strips a UTF-8 BOM,
// transcodes UTF-16 LE/BE (BOM, or in "auto" alternating NULs) and, when asked,
// Windows-1252 or ISO-8859-1 — plus the UTF-8 validity checks used per row.
// It must not repair or guess inside UTF-8: invalid UTF-8 passes through
// untouched for the reader to flag per row (existing mojibake stays as it is).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "csv/source.h"

namespace baton::csv {

enum class Encoding { kUtf8, kUtf16Le, kUtf16Be, kCp1252, kLatin1 };

// The name reported to users: "utf-8", "utf-16le", "utf-16be", "cp1252", "latin1".
std::string_view EncodingName(Encoding encoding);

// Yields the bytes of `raw` as UTF-8. `encoding` is an option value of
// CsvOptions::encoding ("auto", "utf-8", "utf-16le", "utf-16be", "utf-16",
// "cp1252", "latin1", and common aliases, any letter case); a byte-order mark
// matching the encoding is removed. `name` is used in messages.
// The constructor reads the first bytes of `raw` to detect the encoding.
// Throws Error(kUsage) for an unknown encoding name, and Error(kData) naming the
// file and byte offset when UTF-16 input has an odd byte count or an unpaired
// surrogate (from Read, where the fault is met).
class DecodingSource final : public ByteSource {
 public:
  DecodingSource(std::unique_ptr<ByteSource> raw, std::string_view encoding, std::string name);

  std::size_t Read(char* buf, std::size_t n) override;

  // The encoding in use, after detection.
  Encoding encoding() const { return encoding_; }

 private:
  bool FillInput();
  void DecodeChunk();
  std::size_t DecodeUtf16(const unsigned char* in, std::size_t n, char* out);
  std::size_t DecodeSingleByte(const unsigned char* in, std::size_t n, char* out) const;
  [[noreturn]] void FailUtf16(std::int64_t offset, const std::string& what) const;

  std::unique_ptr<ByteSource> raw_;
  std::string name_;
  Encoding encoding_ = Encoding::kUtf8;
  std::vector<char> in_;  // raw bytes not yet decoded: [in_pos_, in_len_)
  std::size_t in_pos_ = 0;
  std::size_t in_len_ = 0;
  std::int64_t in_offset_ = 0;  // file offset of in_[0]
  bool raw_eof_ = false;
  std::vector<char> out_;  // decoded bytes not yet handed out: [out_pos_, out_len_)
  std::size_t out_pos_ = 0;
  std::size_t out_len_ = 0;
};

// True when `text` is well-formed UTF-8: no stray continuation bytes, truncated
// sequences, overlong forms, surrogates, or code points above U+10FFFF. ASCII
// runs are skipped 8 bytes at a time; only non-ASCII bytes are decoded.
bool IsValidUtf8(std::string_view text);

}  // namespace baton::csv
