// Large blocks: mapped pages of their own, grown by remapping, with transparent
// huge pages (see pod_array.h).
//
// Measured on the 1 M-people company (bench/RESULTS.md, "Large blocks"): a fifth
// of the folding thread's time went to page faults, 170,000 a run, four in five of
// them from realloc copying a growing person-row or key array into fresh pages
// (glibc remaps only the blocks it mapped itself, and after the first large free
// its mmap threshold rises to 32 MB, so the arrays lived in the heap). Each fault
// is a trip through the hypervisor on a virtual machine. Where the kernel has
// transparent huge pages off (`never`), madvise fails and only the remapping stays.
#include <sys/mman.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

#include "baton/pod_array.h"

namespace baton {
namespace {

constexpr std::size_t kPage = 4096;
// Blocks from this size on are mapped pages of their own.
constexpr std::size_t kHugeBlockBytes = std::size_t{4} << 20;

std::size_t Pages(std::size_t bytes) { return (bytes + kPage - 1) & ~(kPage - 1); }

// Asks the kernel for 2 MiB pages on the whole 2 MiB pages inside a block of at
// least kHugeBlockBytes from malloc: a page fault per 2 MiB instead of per 4 KiB.
// A hint; nothing happens if refused.
[[maybe_unused]] void AdviseHugePages(void* block, std::size_t bytes) noexcept {
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  if (block == nullptr || bytes < kHugeBlockBytes) return;
  const auto begin = reinterpret_cast<std::uintptr_t>(block);
  const std::uintptr_t first = (begin + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t last = (begin + bytes) & ~(kHuge - 1);
  if (last <= first) return;
  // NOLINTNEXTLINE(performance-no-int-to-ptr): the pages of this very block
  ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
}

}  // namespace

void* GrowBlock(void* block, std::size_t old_bytes, std::size_t new_bytes) {
  if (block == nullptr) old_bytes = 0;
  if (new_bytes < kHugeBlockBytes) {
    void* grown = std::realloc(block, new_bytes);
    if (grown == nullptr) throw std::bad_alloc();
    return grown;
  }
  void* grown = nullptr;
  if (old_bytes >= kHugeBlockBytes) {
    grown = ::mremap(block, Pages(old_bytes), Pages(new_bytes), MREMAP_MAYMOVE);
    if (grown == MAP_FAILED) throw std::bad_alloc();
  } else {
    grown = ::mmap(nullptr, Pages(new_bytes), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    if (grown == MAP_FAILED) throw std::bad_alloc();
    if (old_bytes > 0) std::memcpy(grown, block, old_bytes);
    std::free(block);
  }
  // The whole mapping, not its 2 MiB-aligned middle: a mapping split in parts by
  // madvise can no longer be remapped as one.
  ::madvise(grown, Pages(new_bytes), MADV_HUGEPAGE);
  return grown;
}

void* GrowZeroedBlock(void* block, std::size_t old_bytes, std::size_t new_bytes) {
  if (block == nullptr) old_bytes = 0;
  auto* grown = static_cast<char*>(GrowBlock(block, old_bytes, new_bytes));
  if (new_bytes < kHugeBlockBytes) {
    std::memset(grown + old_bytes, 0, new_bytes - old_bytes);  // realloc's
  } else if (old_bytes >= kHugeBlockBytes) {
    // Remapped: only the old mapping's last page may hold more than zeros.
    std::memset(grown + old_bytes, 0, std::min(new_bytes, Pages(old_bytes)) - old_bytes);
  }  // else a fresh mapping, the old bytes copied into it
  return grown;
}

void FreeBlock(void* block, std::size_t bytes) noexcept {
  if (block == nullptr) return;
  if (bytes >= kHugeBlockBytes) {
    ::munmap(block, Pages(bytes));
  } else {
    std::free(block);
  }
}

PageWarmer::PageWarmer(std::vector<Block> blocks) : blocks_(std::move(blocks)) {
  thread_ = std::thread([this] {
#ifdef MADV_POPULATE_WRITE
    for (const Block& b : blocks_) {
      // The whole pages inside the block (its first write faults in the others).
      const auto begin = reinterpret_cast<std::uintptr_t>(b.data);
      const std::uintptr_t first = (begin + kPage - 1) & ~(kPage - 1);
      const std::uintptr_t last = (begin + b.bytes) & ~(kPage - 1);
      if (b.data == nullptr || last <= first) continue;
      // NOLINTNEXTLINE(performance-no-int-to-ptr): the pages of this very block
      if (::madvise(reinterpret_cast<void*>(first), last - first, MADV_POPULATE_WRITE) != 0 &&
          errno == EINVAL) {
        return;  // a kernel before 5.14
      }
    }
#endif
  });
}

PageWarmer::~PageWarmer() { thread_.join(); }

}  // namespace baton

// A sanitizer's runtime brings its own operator new and delete, which catch a
// new[] freed by delete and the like: under one, they stay.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define BATON_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define BATON_SANITIZED 1
#endif
#endif

#ifndef BATON_SANITIZED
// The global operator new, for std::vector and every other container: malloc, and
// huge pages for a large block. (The array, nothrow and sized forms of the
// standard library call these two.)
void* operator new(std::size_t bytes) {
  void* block = std::malloc(bytes == 0 ? 1 : bytes);
  if (block == nullptr) throw std::bad_alloc();
  baton::AdviseHugePages(block, bytes);
  return block;
}

void operator delete(void* block) noexcept { std::free(block); }
void operator delete(void* block, std::size_t /*bytes*/) noexcept { std::free(block); }
#endif
