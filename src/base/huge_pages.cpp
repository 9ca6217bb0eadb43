// Large blocks: mapped pages of their own, grown by remapping, with transparent
// huge pages for the blocks read at random (see pod_array.h).
//
// Measured on the 1 M-people company (bench/RESULTS.md, "Large blocks"): a fifth
// of the folding thread's time went to page faults, 170,000 a run, four in five of
// them from realloc copying a growing person-row or key array into fresh pages
// (glibc remaps only the blocks it mapped itself, and after the first large free
// its mmap threshold rises to 32 MB, so the arrays lived in the heap). Huge pages
// for every large block came with that change and were undone for all but the
// key index later ("Huge pages only where read at random"): on the bench's
// virtual machine a 2 MiB page touched first costs six times its bytes in 4 KiB
// pages. Where the kernel has transparent huge pages off (`never`), madvise fails
// and only the remapping stays.
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
constexpr std::size_t kLargeBlockBytes = std::size_t{4} << 20;

std::size_t Pages(std::size_t bytes) { return (bytes + kPage - 1) & ~(kPage - 1); }

}  // namespace

void* GrowBlock(void* block, std::size_t old_bytes, std::size_t new_bytes, Access access) {
  if (block == nullptr) old_bytes = 0;
  if (new_bytes < kLargeBlockBytes) {
    void* grown = std::realloc(block, new_bytes);
    if (grown == nullptr) throw std::bad_alloc();
    return grown;
  }
  void* grown = nullptr;
  if (old_bytes >= kLargeBlockBytes) {
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
  if (access == Access::kRandom) ::madvise(grown, Pages(new_bytes), MADV_HUGEPAGE);
  return grown;
}

void* GrowZeroedBlock(void* block, std::size_t old_bytes, std::size_t new_bytes, Access access) {
  if (block == nullptr) old_bytes = 0;
  auto* grown = static_cast<char*>(GrowBlock(block, old_bytes, new_bytes, access));
  if (new_bytes < kLargeBlockBytes) {
    std::memset(grown + old_bytes, 0, new_bytes - old_bytes);  // realloc's
  } else if (old_bytes >= kLargeBlockBytes) {
    // Remapped: only the old mapping's last page may hold more than zeros.
    std::memset(grown + old_bytes, 0, std::min(new_bytes, Pages(old_bytes)) - old_bytes);
  }  // else a fresh mapping, the old bytes copied into it
  return grown;
}

void FreeBlock(void* block, std::size_t bytes) noexcept {
  if (block == nullptr) return;
  if (bytes >= kLargeBlockBytes) {
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
