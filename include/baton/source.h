// Byte sources under the CSV reader: a file, standard input, or a gzip stream
// (recognised by its magic bytes), plus the decoding layer that turns UTF-16 and
// Windows-1252 into UTF-8. Nothing here knows CSV.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

namespace baton {

// A forward-only stream of bytes.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to n bytes into buf; returns the count, 0 only at the end.
  // Throws Error(kData) naming the source on a read or decompression error.
  virtual std::size_t Read(char* buf, std::size_t n) = 0;
};

// Opens a file ("-" = standard input). gzip content is decompressed
// transparently, detected by its magic bytes. Throws Error(kData) with the path
// and the OS reason when it cannot be opened.
std::unique_ptr<ByteSource> OpenSource(const std::string& path);

// A source over bytes in memory (tests, fuzzing).
std::unique_ptr<ByteSource> MemorySource(std::string bytes);

}  // namespace baton
