// PodArray (realloc growth below 4 MiB, mapped pages grown by mremap above) and
// StringIndex on top of it: values survive growth across that line, copies are
// deep, and text appended from the array itself survives the move. Only a block
// read at random asks for huge pages. PageWarmer faults pages in and writes nothing.
#include "baton/pod_array.h"

#include <doctest/doctest.h>
#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "baton/string_index.h"

namespace baton {
namespace {

TEST_CASE("a PodArray keeps its values through growth, copies deeply and moves") {
  PodArray<std::uint32_t> a = {7, 8};
  for (std::uint32_t i = 0; i < 3000000; ++i) a.push_back(i);  // 12 MB: mapped, remapped
  REQUIRE(a.size() == 3000002);
  CHECK(a[0] == 7);
  CHECK(a[1] == 8);
  CHECK(a[1000001] == 999999);  // written before the block was mapped
  CHECK(a[3000001] == 2999999);
  CHECK(a.capacity() >= a.size());
  PodArray<std::uint32_t> b = a;
  b[0] = 1;
  CHECK(a[0] == 7);  // a deep copy
  PodArray<std::uint32_t> c = std::move(b);
  CHECK(c.size() == 3000002);
  CHECK(c[3000001] == 2999999);
  CHECK(c[0] == 1);
  CHECK(b.empty());  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
  c = PodArray<std::uint32_t>();
  CHECK(c.empty());
}

TEST_CASE("appending a PodArray's own values while it grows copies them, not freed memory") {
  PodArray<char> text;
  const std::string word = "abcdefghij";
  text.append(word.data(), word.size());
  for (int i = 0; i < 20; ++i) text.append(text.data(), text.size());  // doubles each time
  REQUIRE(text.size() == word.size() << 20);
  CHECK(std::string(text.data() + text.size() - 10, 10) == word);
  CHECK(std::string(text.data() + (text.size() / 2), 10) == word);
}

TEST_CASE("a key inserted from the index's own text is stored whole, also across growth") {
  // Each key is the previous one without its last character, passed as a view
  // into the arena that the Insert itself grows (and so moves) many times.
  std::string first;
  for (int i = 0; i < 3000; ++i) first += static_cast<char>('a' + i % 26);
  StringIndex index;
  index.Insert(first);
  for (std::uint32_t id = 0; id + 1 < 3000; ++id) {
    std::string_view previous = index.Get(id);
    auto [added_id, added] = index.Insert(previous.substr(0, previous.size() - 1));
    REQUIRE(added);
    REQUIRE(added_id == id + 1);
  }
  for (std::uint32_t id = 0; id < 3000; ++id) CHECK(index.Get(id) == first.substr(0, 3000 - id));
  CHECK(index.Find(first.substr(0, 1)) == std::optional<std::uint32_t>(2999));
}

// Whether the mapping holding `address` was advised MADV_HUGEPAGE ("hg" among its
// VmFlags in /proc/self/smaps); nullopt where smaps cannot tell.
std::optional<bool> AdvisedHuge(const void* address) {
  std::ifstream smaps("/proc/self/smaps");
  const auto at = reinterpret_cast<std::uintptr_t>(address);
  bool inside = false;
  for (std::string line; std::getline(smaps, line);) {
    std::uintptr_t begin = 0, end = 0;
    char dash = 0;
    std::istringstream range(line);
    if (range >> std::hex >> begin >> dash >> end && dash == '-' &&
        line.find(':') > line.find(' ')) {
      inside = begin <= at && at < end;
    } else if (inside && line.rfind("VmFlags:", 0) == 0) {
      return line.find(" hg") != std::string::npos;
    }
  }
  return std::nullopt;
}

TEST_CASE("only a large block read at random asks for huge pages") {
  // 12 MB each: mapped, then remapped larger; the values stay.
  constexpr std::size_t kFirst = std::size_t{6} << 20, kBytes = std::size_t{12} << 20;
  void* in_order = GrowBlock(nullptr, 0, kFirst);
  void* random = GrowBlock(nullptr, 0, kFirst, Access::kRandom);
  static_cast<char*>(in_order)[kFirst - 1] = 7;
  static_cast<char*>(random)[kFirst - 1] = 9;
  in_order = GrowBlock(in_order, kFirst, kBytes);
  random = GrowZeroedBlock(random, kFirst, kBytes, Access::kRandom);
  CHECK(static_cast<char*>(in_order)[kFirst - 1] == 7);
  CHECK(static_cast<char*>(random)[kFirst - 1] == 9);
  CHECK(static_cast<char*>(random)[kBytes - 1] == 0);
  const auto huge_random = AdvisedHuge(random);
  const auto huge_in_order = AdvisedHuge(in_order);
  if (huge_random && huge_in_order) {
    CHECK(*huge_random);
    CHECK_FALSE(*huge_in_order);
  }
  FreeBlock(in_order, kBytes);
  FreeBlock(random, kBytes);
  // A small block comes from malloc and is never advised.
  void* small = GrowBlock(nullptr, 0, 64, Access::kRandom);
  CHECK(small != nullptr);
  FreeBlock(small, 64);
}

}  // namespace
}  // namespace baton

namespace baton {
namespace {

// Pages of a fresh mapping the kernel has faulted in (mincore).
std::size_t ResidentPages(void* block, std::size_t bytes) {
  std::vector<unsigned char> resident(bytes / 4096);
  REQUIRE(::mincore(block, bytes, resident.data()) == 0);
  return static_cast<std::size_t>(
      std::count_if(resident.begin(), resident.end(), [](unsigned char r) { return r & 1; }));
}

TEST_CASE("a PageWarmer faults in the pages of its blocks and changes no byte") {
  constexpr std::size_t kBytes = std::size_t{8} << 20;
  void* block = ::mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(block != MAP_FAILED);
  auto* bytes = static_cast<unsigned char*>(block);
  // Some pages written before; the rest untouched.
  for (std::size_t i = 0; i < kBytes / 4; ++i) bytes[i] = static_cast<unsigned char>(i * 7);
  CHECK(ResidentPages(block, kBytes) == kBytes / 4 / 4096);
  // A kernel before 5.14 cannot populate: then the warmer does nothing.
  void* probe = ::mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  const bool can_populate = ::madvise(probe, 4096, MADV_POPULATE_WRITE) == 0;
  ::munmap(probe, 4096);
  {
    // From an odd address to an odd end: only whole pages inside the block.
    PageWarmer warmer({{bytes + 100, kBytes - 200}, {nullptr, 0}, {bytes, 10}});
  }
  if (can_populate) {
    CHECK(ResidentPages(block, kBytes) == kBytes / 4096 - 1);  // the last page is partial
  }
  bool same = true;
  for (std::size_t i = 0; i < kBytes / 4; ++i)
    same &= bytes[i] == static_cast<unsigned char>(i * 7);
  CHECK(same);
  bool zero = true;
  for (std::size_t i = kBytes / 4; i < kBytes; ++i) zero &= bytes[i] == 0;
  CHECK(zero);
  ::munmap(block, kBytes);
}

}  // namespace
}  // namespace baton
