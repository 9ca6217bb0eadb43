// KeyIndex (see key_index.h): linear probing over a power-of-two table of 16-byte
// slots kept at most three quarters full (four slots share a cache line). The
// fingerprint places a key and travels with it, so growing rehashes nothing.
// The hash is XXH3-128 (Debian's libxxhash-dev, used header-only): fast on the
// short keys here, and of a quality a hand-written mix cannot show.
#include "baton/key_index.h"

#include <cstring>
#include <random>

#include "baton/error.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace baton {
namespace {

constexpr std::uint32_t kKept = 0x8000'0000u;  // in Slot::id: the key's text is kept
constexpr std::uint32_t kIdBits = kKept - 1;
constexpr std::size_t kTextAlign = 8;

std::uint64_t RandomSeed() {
  std::random_device device;
  return (std::uint64_t{device()} << 32) ^ device();
}

}  // namespace

KeyIndex::KeyIndex() : seed_(RandomSeed()) {}

KeyIndex::KeyIndex(std::uint64_t seed, unsigned fingerprint_bits) : seed_(seed) {
  if (fingerprint_bits < 64) fingerprint_mask_ = (std::uint64_t{1} << fingerprint_bits) - 1;
}

KeyIndex::Hash KeyIndex::HashOf(std::string_view key) const {
  const XXH128_hash_t h = XXH3_128bits_withSeed(key.data(), key.size(), seed_);
  return {h.low64 & fingerprint_mask_, static_cast<std::uint32_t>(h.high64)};
}

std::size_t KeyIndex::Probe(const Hash& h) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h.fingerprint & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.id == 0 || (slot.fingerprint == h.fingerprint && slot.check == h.check)) return i;
  }
}

void KeyIndex::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.id == 0) continue;
    std::size_t i = slot.fingerprint & mask;
    while (slots_[i].id != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

void KeyIndex::StoreText(std::uint32_t id, std::string_view key) {
  if (arena_.size() / kTextAlign >= kIdBits * std::size_t{2}) {
    throw Error(ExitCode::kData, {}, "more than 32 GB of person ids and emails to show",
                "split the inputs (by period or region) and run baton on each part");
  }
  text_at_[id] = static_cast<std::uint32_t>(arena_.size() / kTextAlign + 1);
  const auto length = static_cast<std::uint32_t>(key.size());
  arena_.append(reinterpret_cast<const char*>(&length), sizeof length);
  arena_.append(key.data(), key.size());
  static constexpr char kPad[kTextAlign] = {};
  arena_.append(kPad, (kTextAlign - arena_.size() % kTextAlign) % kTextAlign);
}

std::pair<std::uint32_t, bool> KeyIndex::Insert(std::string_view key, KeepText keep) {
  if ((size() + 1) * 4 > slots_.size() * 3) Grow();
  const Hash h = HashOf(key);
  Slot& slot = slots_[Probe(h)];
  const bool keep_text = keep == KeepText::kYes;
  if (slot.id != 0) {
    const std::uint32_t id = (slot.id & kIdBits) - 1;
    if (keep_text && (slot.id & kKept) == 0) {
      StoreText(id, key);
      slot.id |= kKept;
    }
    return {id, false};
  }
  if (size() >= kIdBits - 1) {
    throw Error(ExitCode::kData, {}, "more than 2,147,483,646 distinct person ids and emails",
                "split the inputs (by period or region) and run baton on each part");
  }
  const auto id = static_cast<std::uint32_t>(size());
  text_at_.push_back(0);
  slot = {h.fingerprint, h.check, (id + 1) | (keep_text ? kKept : 0)};
  if (keep_text) StoreText(id, key);
  return {id, true};
}

std::optional<std::uint32_t> KeyIndex::Find(std::string_view key) const {
  if (slots_.empty()) return std::nullopt;
  const Slot& slot = slots_[Probe(HashOf(key))];
  if (slot.id == 0) return std::nullopt;
  return (slot.id & kIdBits) - 1;
}

void KeyIndex::Prefetch(std::string_view key) const {
  if (slots_.empty()) return;
  __builtin_prefetch(&slots_[HashOf(key).fingerprint & (slots_.size() - 1)]);
}

std::string_view KeyIndex::Text(std::uint32_t id) const {
  const std::uint32_t at = text_at_[id];
  if (at == 0) return {};
  const char* entry = arena_.data() + std::size_t{at - 1} * kTextAlign;
  std::uint32_t length;
  std::memcpy(&length, entry, sizeof length);
  return {entry + sizeof length, length};
}

std::size_t KeyIndex::capacity_bytes() const {
  return slots_.capacity() * sizeof(Slot) + arena_.capacity() + text_at_.capacity() * 4;
}

}  // namespace baton
