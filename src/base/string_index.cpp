// StringIndex (see string_index.h): linear probing over a power-of-two table kept
// at most three quarters full (8 slots share a cache line, so the longer probes
// cost little; half full took 32 MB more at 2.6 M keys). Each slot holds the id
// and 32 bits of the key's hash, so a probe touches the arena only on a likely
// match, and growing never rehashes text.
#include "baton/string_index.h"

#include <cstring>

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

constexpr std::uint32_t Id(std::uint64_t slot) { return static_cast<std::uint32_t>(slot); }
constexpr std::uint32_t ShortHash(std::uint64_t slot) {
  return static_cast<std::uint32_t>(slot >> 32);
}

}  // namespace

std::size_t StringIndex::Slot(std::string_view text, std::uint64_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  const auto short_hash = static_cast<std::uint32_t>(hash >> 32);
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    std::uint64_t slot = slots_[i];
    if (slot == 0) return i;
    if (ShortHash(slot) == short_hash && Get(Id(slot) - 1) == text) return i;
  }
}

void StringIndex::Grow() {
  std::vector<std::uint64_t> old = std::move(slots_);
  slots_.assign(old.empty() ? 64 : old.size() * 2, 0);
  const std::size_t mask = slots_.size() - 1;
  for (std::uint64_t slot : old) {
    if (slot == 0) continue;
    // The position comes from the low bits of the full hash, kept in low_hashes_.
    std::size_t i = low_hashes_[Id(slot) - 1] & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

std::pair<std::uint32_t, bool> StringIndex::Insert(std::string_view text) {
  if ((size() + 1) * 4 > slots_.size() * 3) Grow();
  std::uint64_t hash = Hash(text);
  std::size_t slot = Slot(text, hash);
  if (slots_[slot] != 0) return {Id(slots_[slot]) - 1, false};
  auto id = static_cast<std::uint32_t>(size());
  arena_.append(text.data(), text.size());  // (the text may live in the arena itself)
  offsets_.push_back(arena_.size());
  low_hashes_.push_back(static_cast<std::uint32_t>(hash));
  slots_[slot] = (hash >> 32 << 32) | (id + 1);
  return {id, true};
}

std::optional<std::uint32_t> StringIndex::Find(std::string_view text) const {
  if (slots_.empty()) return std::nullopt;
  std::size_t slot = Slot(text, Hash(text));
  if (slots_[slot] == 0) return std::nullopt;
  return Id(slots_[slot]) - 1;
}

std::optional<std::uint32_t> StringIndex::Candidate(std::uint64_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  const auto short_hash = static_cast<std::uint32_t>(hash >> 32);
  std::size_t i = hash & mask;
  for (int probes = 0; probes < 4; ++probes, i = (i + 1) & mask) {
    const std::uint64_t slot = slots_[i];
    if (slot == 0) return std::nullopt;
    if (ShortHash(slot) == short_hash) return Id(slot) - 1;
  }
  return std::nullopt;
}

void StringIndex::Prefetch(std::string_view text) const {
  if (slots_.empty()) return;
  constexpr unsigned kRing = 4 * kStage;
  const std::uint64_t hash = Hash(text);
  __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
  const unsigned n = hints_++;
  hinted_[n % kRing] = hash;
  // The ids read here may be stale by the time of the lookup (a grow, an insert):
  // the loads are hints only.
  if (n >= kStage) {
    if (auto id = Candidate(hinted_[(n - kStage) % kRing]); id && *id + 1 < offsets_.size()) {
      __builtin_prefetch(&offsets_[*id]);
    }
  }
  if (n >= 2 * kStage) {
    if (auto id = Candidate(hinted_[(n - 2 * kStage) % kRing]); id && *id + 1 < offsets_.size()) {
      __builtin_prefetch(arena_.data() + offsets_[*id]);
    }
  }
}

std::size_t StringIndex::capacity_bytes() const {
  return arena_.capacity() + offsets_.capacity() * 8 + low_hashes_.capacity() * 4 +
         slots_.capacity() * 8;
}

}  // namespace baton
