// StringIndex (see string_index.h): linear probing over a power-of-two table kept
// at most three quarters full (8 slots share a cache line, so the longer probes
// cost little; half full took 32 MB more at 2.6 M keys). Each slot holds where the
// key's record starts in the arena and 24 bits of the key's hash, so a probe
// touches the arena only on a likely match, a hit reads the id beside the text
// (one cache miss, not two: the offset table is not on the way), and growing never
// rehashes text.
#include "baton/string_index.h"

#include <cstring>
#include <stdexcept>

namespace baton {
namespace {

// A fast 64-bit hash over 8-byte words (multiply–xorshift mixing).
std::uint64_t Hash(std::string_view text) {
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
  std::uint64_t h = text.size() * kMul;
  const char* p = text.data();
  std::size_t n = text.size();
  for (; n >= 8; p += 8, n -= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * kMul;
    h ^= h >> 29;
  }
  std::uint64_t tail = 0;
  if (n > 0) std::memcpy(&tail, p, n);  // an empty view may have a null data()
  h = (h ^ tail) * kMul;
  h ^= h >> 32;
  return h * kMul ^ (h >> 29);
}

constexpr unsigned kOffsetBits = 40;  // arenas up to 1 TiB
constexpr std::uint64_t kOffsetMask = (std::uint64_t{1} << kOffsetBits) - 1;

constexpr std::uint64_t ShortHash(std::uint64_t hash) { return hash >> kOffsetBits; }
constexpr std::uint64_t Offset(std::uint64_t slot) { return (slot & kOffsetMask) - 1; }

}  // namespace

std::uint32_t StringIndex::Length(const char* record) {
  std::uint32_t length;
  std::memcpy(&length, record + 4, 4);
  return length;
}

std::uint32_t StringIndex::IdAt(std::uint64_t slot) const {
  std::uint32_t id;
  std::memcpy(&id, arena_.data() + Offset(slot), 4);
  return id;
}

std::size_t StringIndex::Slot(std::string_view text, std::uint64_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  const std::uint64_t short_hash = ShortHash(hash);
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const std::uint64_t slot = slots_[i];
    if (slot == 0) return i;
    if (slot >> kOffsetBits != short_hash) continue;
    const char* record = arena_.data() + Offset(slot);
    if (Length(record) == text.size() &&
        (text.empty() || std::memcmp(record + kHeader, text.data(), text.size()) == 0)) {
      return i;
    }
  }
}

// Rebuilt from the ids in order: their hashes and offsets are read in sequence.
void StringIndex::Grow() {
  const std::size_t size = slots_.empty() ? 64 : slots_.size() * 2;
  slots_ = {};
  slots_.assign(size, 0);
  const std::size_t mask = size - 1;
  for (std::size_t id = 0; id < offsets_.size(); ++id) {
    const std::uint64_t hash = hashes_[id];
    std::size_t i = hash & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = (ShortHash(hash) << kOffsetBits) | (offsets_[id] + 1);
  }
}

std::pair<std::uint32_t, bool> StringIndex::Insert(std::string_view text) {
  if ((size() + 1) * 4 > slots_.size() * 3) Grow();
  const std::uint64_t hash = Hash(text);
  const std::size_t slot = Slot(text, hash);
  if (slots_[slot] != 0) return {IdAt(slots_[slot]), false};
  if (text.size() > 0xFFFFFFFFu || arena_.size() + kHeader + text.size() >= kOffsetMask) {
    throw std::length_error("StringIndex: more than 1 TiB of keys");
  }
  const auto id = static_cast<std::uint32_t>(size());
  const auto length = static_cast<std::uint32_t>(text.size());
  const std::uint64_t offset = arena_.size();
  char header[kHeader];
  std::memcpy(header, &id, 4);
  std::memcpy(header + 4, &length, 4);
  // The text may live in the arena itself: its offset survives the header's append.
  const std::size_t inside =
      !text.empty() && text.data() >= arena_.data() && text.data() < arena_.data() + arena_.size()
          ? static_cast<std::size_t>(text.data() - arena_.data())
          : kOffsetMask;
  arena_.append(header, kHeader);
  if (inside != kOffsetMask) text = {arena_.data() + inside, text.size()};
  arena_.append(text.data(), text.size());
  offsets_.push_back(offset);
  hashes_.push_back(hash);
  slots_[slot] = (ShortHash(hash) << kOffsetBits) | (offset + 1);
  return {id, true};
}

std::optional<std::uint32_t> StringIndex::Find(std::string_view text) const {
  if (slots_.empty()) return std::nullopt;
  const std::size_t slot = Slot(text, Hash(text));
  if (slots_[slot] == 0) return std::nullopt;
  return IdAt(slots_[slot]);
}

void StringIndex::Prefetch(std::string_view text) const {
  if (slots_.empty()) return;
  const std::size_t mask = slots_.size() - 1;
  const std::uint64_t hash = Hash(text);
  __builtin_prefetch(&slots_[hash & mask]);
  // Second stage: the key hinted kDepth calls ago has its slot in the cache by
  // now; start loading the record its first likely match points to.
  const std::uint64_t earlier = hinted_[(hints_ - kDepth) % (2 * kDepth)];
  hinted_[hints_++ % (2 * kDepth)] = hash;
  if (hints_ <= kDepth) return;
  for (std::size_t i = earlier & mask, probes = 0; probes < 4; i = (i + 1) & mask, ++probes) {
    const std::uint64_t slot = slots_[i];
    if (slot == 0) return;
    if (slot >> kOffsetBits == ShortHash(earlier)) {
      __builtin_prefetch(arena_.data() + Offset(slot));
      return;
    }
  }
}

std::size_t StringIndex::capacity_bytes() const {
  return arena_.capacity() + offsets_.capacity() * 8 + hashes_.capacity() * 8 +
         slots_.capacity() * 8;
}

}  // namespace baton
