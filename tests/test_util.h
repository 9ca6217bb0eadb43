// Small helpers shared by the unit tests: temporary files and UTC instants.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "baton/time.h"

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

// The instant of a UTC civil time.
inline Instant Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) {
  return LocalToInstant(y, mo, d, h, mi, s, nullptr);
}

}  // namespace baton::test
