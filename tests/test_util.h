// Small helpers shared by the unit tests: temporary files, a trickling byte
// source, and UTC instants.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "baton/time.h"
#include "csv/source.h"

namespace baton::test {

// A fresh directory under the system temp dir, removed when the object dies.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "baton-test-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Writes `content` to a file in the directory and returns its path.
  std::string Write(const std::string& name, const std::string& content) const {
    std::string file = (std::filesystem::path(path_) / name).string();
    std::ofstream(file, std::ios::binary) << content;
    return file;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Hands out at most `chunk` bytes per Read, as a pipe or a slow network might.
class TrickleSource final : public ByteSource {
 public:
  TrickleSource(std::string bytes, std::size_t chunk) : bytes_(std::move(bytes)), chunk_(chunk) {}
  std::size_t Read(char* buf, std::size_t n) override {
    const std::size_t k = std::min({n, chunk_, bytes_.size() - pos_});
    std::memcpy(buf, bytes_.data() + pos_, k);
    pos_ += k;
    return k;
  }

 private:
  std::string bytes_;
  std::size_t chunk_;
  std::size_t pos_ = 0;
};

// The instant of a UTC civil time.
inline Instant Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) {
  return LocalToInstant(y, mo, d, h, mi, s, nullptr);
}

}  // namespace baton::test
