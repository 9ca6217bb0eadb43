// Byte sources under the CSV reader: a file, standard input, or a gzip stream
// (recognised by its magic bytes), plus the decoding layer that turns UTF-16 and
// Windows-1252 into UTF-8. Nothing here knows CSV.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
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

// A regular file that is not gzip, which can be read in parts (ReadInputs with
// threads): its size and whether it starts with a UTF-8 byte-order mark.
struct PlainFile {
  std::int64_t size = 0;
  bool utf8_bom = false;
};
// nullopt for standard input, a pipe, a gzip file, or a file that cannot be opened.
std::optional<PlainFile> ProbePlainFile(const std::string& path);
// A plain file read from byte `offset` on. Throws Error(kData) like OpenSource.
std::unique_ptr<ByteSource> OpenSourceAt(const std::string& path, std::int64_t offset);

// A source over bytes in memory (tests, fuzzing).
std::unique_ptr<ByteSource> MemorySource(std::string bytes);

}  // namespace baton
