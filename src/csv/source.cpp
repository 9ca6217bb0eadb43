// Byte sources (source.h): a file or standard input read with
// read(2), a gzip stream (zlib, any number of concatenated members) stacked on
// either, and a source over bytes in memory. gzip is recognised by its magic
// bytes 1f 8b, never by the file name, so `zcat`-less pipes work too.
// Nothing here knows CSV or text encodings, and nothing buffers a whole file:
// a source holds at most one read-ahead chunk.
#include "csv/source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "baton/error.h"

namespace baton {
namespace {

constexpr std::size_t kGzipChunk = 256u << 10;

[[noreturn]] void ThrowOs(const std::string& name, const std::string& what, int err) {
  std::string hint;
  switch (err) {
    case ENOENT:
      hint = "check the path (use - to read standard input)";
      break;
    case EACCES:
    case EPERM:
      hint = "check the file's permissions";
      break;
    case EISDIR:
      hint = "give a CSV file, not a directory";
      break;
    default:
      hint = "check that the file is readable and complete";
  }
  ThrowData({name}, what + ": " + std::strerror(err), hint);
}

// A file descriptor, with a few bytes already read (the magic-byte peek) served first.
class FdSource final : public ByteSource {
 public:
  FdSource(int fd, bool owned, std::string name) : fd_(fd), owned_(owned), name_(std::move(name)) {}
  ~FdSource() override {
    if (owned_) ::close(fd_);
  }
  FdSource(const FdSource&) = delete;
  FdSource& operator=(const FdSource&) = delete;

  // Reads until `n` bytes are buffered as the prefix or the input ends; returns the prefix.
  const std::string& Peek(std::size_t n) {
    while (prefix_.size() < n) {
      char tmp[16];
      std::size_t got = ReadFd(tmp, std::min(sizeof tmp, n - prefix_.size()));
      if (got == 0) break;
      prefix_.append(tmp, got);
    }
    return prefix_;
  }

  // Moves to byte `offset` of a file (nothing may have been peeked).
  bool Seek(std::int64_t offset) { return ::lseek(fd_, offset, SEEK_SET) == offset; }

  std::size_t Read(char* buf, std::size_t n) override {
    if (n == 0) return 0;
    if (prefix_pos_ < prefix_.size()) {
      std::size_t k = std::min(n, prefix_.size() - prefix_pos_);
      std::memcpy(buf, prefix_.data() + prefix_pos_, k);
      prefix_pos_ += k;
      return k;
    }
    return ReadFd(buf, n);
  }

 private:
  std::size_t ReadFd(char* buf, std::size_t n) {
    for (;;) {
      ssize_t got = ::read(fd_, buf, n);
      if (got >= 0) return static_cast<std::size_t>(got);
      if (errno != EINTR) ThrowOs(name_, "cannot read", errno);
    }
  }

  int fd_;
  bool owned_;
  std::string name_;
  std::string prefix_;
  std::size_t prefix_pos_ = 0;
};

// Inflates a gzip stream; concatenated members (`cat a.gz b.gz`) are read as one
// stream, and zero padding after the last member (tape/tar style) is ignored.
class GzipSource final : public ByteSource {
 public:
  GzipSource(std::unique_ptr<ByteSource> raw, std::string name)
      : raw_(std::move(raw)), name_(std::move(name)), in_(kGzipChunk) {
    // 15 + 32: the largest window, and zlib or gzip header detected automatically.
    if (inflateInit2(&zs_, 15 + 32) != Z_OK) Fail("cannot start gzip decompression");
  }
  ~GzipSource() override { inflateEnd(&zs_); }
  GzipSource(const GzipSource&) = delete;
  GzipSource& operator=(const GzipSource&) = delete;

  std::size_t Read(char* buf, std::size_t n) override {
    if (n == 0) return 0;
    zs_.next_out = reinterpret_cast<Bytef*>(buf);
    zs_.avail_out = static_cast<uInt>(std::min<std::size_t>(n, 1u << 30));
    const uInt wanted = zs_.avail_out;
    while (!done_ && zs_.avail_out == wanted) {
      if (zs_.avail_in == 0 && !FillInput()) {
        if (in_member_) Fail("the gzip data ends too early (the file is truncated)");
        done_ = true;
        break;
      }
      if (!in_member_) {
        StartNextMember();
        continue;
      }
      int rc = inflate(&zs_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        in_member_ = false;
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        Fail(std::string("corrupt gzip data (") + (zs_.msg ? zs_.msg : "zlib error") + ")");
      }
    }
    return wanted - zs_.avail_out;
  }

 private:
  bool FillInput() {
    std::size_t got = raw_->Read(reinterpret_cast<char*>(in_.data()), in_.size());
    zs_.next_in = in_.data();
    zs_.avail_in = static_cast<uInt>(got);
    return got > 0;
  }

  // Between members: another gzip header follows, or only zero padding.
  void StartNextMember() {
    while (zs_.avail_in > 0 && *zs_.next_in == 0) {
      ++zs_.next_in;
      --zs_.avail_in;
    }
    if (zs_.avail_in == 0) return;
    if (*zs_.next_in != 0x1f) Fail("unexpected data after the end of the gzip stream");
    if (inflateReset(&zs_) != Z_OK) Fail("cannot restart gzip decompression");
    in_member_ = true;
  }

  [[noreturn]] void Fail(const std::string& what) const {
    ThrowData({name_}, what, "check the file with `gzip -t`; re-download or re-export it");
  }

  std::unique_ptr<ByteSource> raw_;
  std::string name_;
  std::vector<Bytef> in_;
  z_stream zs_{};
  bool in_member_ = true;
  bool done_ = false;
};

class StringSource final : public ByteSource {
 public:
  explicit StringSource(std::string bytes) : bytes_(std::move(bytes)) {}
  std::size_t Read(char* buf, std::size_t n) override {
    std::size_t k = std::min(n, bytes_.size() - pos_);
    std::memcpy(buf, bytes_.data() + pos_, k);
    pos_ += k;
    return k;
  }

 private:
  std::string bytes_;
  std::size_t pos_ = 0;
};

std::unique_ptr<FdSource> OpenFd(const std::string& path) {
  if (path == "-") return std::make_unique<FdSource>(STDIN_FILENO, false, "standard input");
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) ThrowOs(path, "cannot open file", errno);
  auto source = std::make_unique<FdSource>(fd, true, path);
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) ThrowOs(path, "cannot read", EISDIR);
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return source;
}

}  // namespace

std::unique_ptr<ByteSource> OpenSource(const std::string& path) {
  std::unique_ptr<FdSource> fd = OpenFd(path);
  const std::string& magic = fd->Peek(2);
  if (magic.size() == 2 && magic[0] == '\x1f' && magic[1] == '\x8b') {
    return std::make_unique<GzipSource>(std::move(fd), path == "-" ? "standard input" : path);
  }
  return fd;
}

std::optional<PlainFile> ProbePlainFile(const std::string& path) {
  if (path == "-") return std::nullopt;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  unsigned char head[3] = {};
  const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  const ssize_t got = regular ? ::pread(fd, head, sizeof head, 0) : -1;
  ::close(fd);
  if (got < 0 || (got >= 2 && head[0] == 0x1f && head[1] == 0x8b)) return std::nullopt;
  return PlainFile{st.st_size, got == 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF};
}

std::unique_ptr<ByteSource> OpenSourceAt(const std::string& path, std::int64_t offset) {
  std::unique_ptr<FdSource> fd = OpenFd(path);
  if (!fd->Seek(offset)) ThrowOs(path, "cannot seek", errno);
  return fd;
}

std::unique_ptr<ByteSource> MemorySource(std::string bytes) {
  return std::make_unique<StringSource>(std::move(bytes));
}

}  // namespace baton
