// PodArray: a growable array of trivially copyable values. For the model's large
// arrays (millions of keys and person rows) this matters twice: a large block is
// grown by remapping its pages (mremap), so growing copies nothing and never holds
// the old and the new block at once, and growth is by half, so less capacity sits
// unused than with std::vector's doubling. (glibc's realloc remaps only blocks it
// mapped itself; once its mmap threshold has risen, it copied 128 MB arrays.)
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <new>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace baton {

// How a large block is read, which decides the size of its pages. A table read at
// random (the key index: millions of keys, each lookup a slot anywhere) asks for
// transparent huge pages, where one TLB entry covers 2 MiB, not 4 KiB. A block
// written and read in order keeps the kernel's 4 KiB pages: the TLB barely
// matters there, and a huge page's first touch can cost far more. On the bench's
// virtual machine (a virtio balloon reporting free pages to the host) 400 MB took
// 1.2 s to touch first on huge pages against 0.2 s on small ones, since the host
// must back every free 2 MiB page anew (bench/CHANGES.md, "Huge pages only where
// read at random").
enum class Access { kInOrder, kRandom };

// PodArray's storage: `block` (of `old_bytes`, null when 0) grown to `new_bytes`,
// its contents kept. A small block comes from malloc; a large one (4 MiB and
// more) is mapped pages of its own (huge pages if read at random) and grows by
// remapping, so growing copies nothing and touches no page twice. Throws
// std::bad_alloc.
void* GrowBlock(void* block, std::size_t old_bytes, std::size_t new_bytes,
                Access access = Access::kInOrder);
// GrowBlock, with the bytes from old_bytes to new_bytes zero. The pages a large
// block gains are the kernel's fresh (zero) pages, so they are not written.
void* GrowZeroedBlock(void* block, std::size_t old_bytes, std::size_t new_bytes,
                      Access access = Access::kInOrder);
void FreeBlock(void* block, std::size_t bytes) noexcept;

// Faults in the pages of blocks that a thread has reserved and is about to fill,
// on a thread of its own, in the order given. The kernel zeroes a page at its
// first touch (on the bench's virtual machine about 1.3 ms a MB, a third of the
// folding thread's time), so a thread working alone leaves that to the idle core.
// Nothing is written (madvise MADV_POPULATE_WRITE, Linux 5.14 on; on older kernels
// nothing happens): a block freed or reused meanwhile comes to no harm. The
// destructor waits for the thread.
class PageWarmer {
 public:
  struct Block {
    const void* data;
    std::size_t bytes;
  };
  explicit PageWarmer(std::vector<Block> blocks);
  PageWarmer(const PageWarmer&) = delete;
  PageWarmer& operator=(const PageWarmer&) = delete;
  ~PageWarmer();

 private:
  std::vector<Block> blocks_;
  std::thread thread_;
};

template <class T>
class PodArray {
  static_assert(std::is_trivially_copyable_v<T>, "PodArray holds trivially copyable values");

 public:
  PodArray() = default;
  PodArray(std::initializer_list<T> values) { append(values.begin(), values.size()); }
  PodArray(const PodArray& other) { append(other.data_, other.size_); }
  PodArray(PodArray&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)),
        size_(std::exchange(other.size_, 0)),
        capacity_(std::exchange(other.capacity_, 0)) {}
  PodArray& operator=(PodArray other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    std::swap(capacity_, other.capacity_);
    return *this;
  }
  ~PodArray() { FreeBlock(data_, capacity_ * sizeof(T)); }

  void push_back(const T& value) {
    if (size_ == capacity_) Grow(size_ + 1);
    data_[size_++] = value;
  }
  // `values` may point into this array: growing moves it, so it is found again.
  void append(const T* values, std::size_t n) {
    if (n == 0) return;
    if (size_ + n > capacity_) {
      const std::less<const T*> before;
      const bool inside = !before(values, data_) && before(values, data_ + size_);
      const std::size_t at = inside ? static_cast<std::size_t>(values - data_) : 0;
      Grow(size_ + n);
      if (inside) values = data_ + at;
    }
    std::memcpy(static_cast<void*>(data_ + size_), values, n * sizeof(T));
    size_ += n;
  }
  void clear() { size_ = 0; }

  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  T& back() { return data_[size_ - 1]; }
  T* data() { return data_; }
  const T* data() const { return data_; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::size_t capacity() const { return capacity_; }

 private:
  void Grow(std::size_t need) {
    const std::size_t capacity = std::max({need, capacity_ + capacity_ / 2, std::size_t{16}});
    data_ = static_cast<T*>(GrowBlock(data_, capacity_ * sizeof(T), capacity * sizeof(T)));
    capacity_ = capacity;
  }

  T* data_ = nullptr;
  std::size_t size_ = 0, capacity_ = 0;
};

}  // namespace baton
