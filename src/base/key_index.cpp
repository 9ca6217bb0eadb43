// KeyIndex (see key_index.h): linear probing over a power-of-two table of 16-byte
// slots kept at most four fifths full (four slots share a cache line). The
// fingerprint places a key and travels with it, so growing hashes no text; and the
// table doubles in place (its block remapped, the keys moved within it), so a
// growth touches only the new half's pages, where a copy into a fresh table would
// fault in both (on the 1 M-people company, 67 MB more pages zeroed by the kernel).
// It is the one block on huge pages (Access::kRandom): a lookup lands anywhere in
// it, so one TLB entry a 2 MiB page saves a miss on most of them.
// The hash is XXH3-128 (Debian's libxxhash-dev, used header-only): fast on the
// short keys here, and of a quality a hand-written mix cannot show.
#include "baton/key_index.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <exception>
#include <iterator>
#include <random>
#include <vector>

#include "baton/error.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace baton {
namespace {

constexpr std::uint32_t kKept = 0x8000'0000u;  // in Slot::id: the key's text is kept
constexpr std::uint32_t kIdBits = kKept - 1;
constexpr std::size_t kTextAlign = 8;

// From the kernel's random source; should it be missing (std::random_device
// throws), from the clock and an address, which still differ from run to run.
std::uint64_t RandomSeed() {
  try {
    std::random_device device;
    return (std::uint64_t{device()} << 32) ^ device();
  } catch (const std::exception&) {
    static int here = 0;
    return static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) ^
           reinterpret_cast<std::uintptr_t>(&here);
  }
}

}  // namespace

KeyIndex::KeyIndex() : seed_(RandomSeed()) {}

KeyIndex::KeyIndex(std::uint64_t seed, unsigned fingerprint_bits) : seed_(seed) {
  if (fingerprint_bits < 64) fingerprint_mask_ = (std::uint64_t{1} << fingerprint_bits) - 1;
}

KeyIndex::KeyIndex(KeyIndex&& other) noexcept
    : seed_(other.seed_),
      fingerprint_mask_(other.fingerprint_mask_),
      slots_(std::exchange(other.slots_, nullptr)),
      slot_count_(std::exchange(other.slot_count_, 0)),
      arena_(std::move(other.arena_)),
      text_at_(std::move(other.text_at_)),
      size_(std::exchange(other.size_, 0)),
      warm_pages_(other.warm_pages_) {}

KeyIndex& KeyIndex::operator=(KeyIndex&& other) noexcept {
  if (this == &other) return *this;
  FreeBlock(slots_, slot_count_ * sizeof(Slot));
  seed_ = other.seed_;
  fingerprint_mask_ = other.fingerprint_mask_;
  slots_ = std::exchange(other.slots_, nullptr);
  slot_count_ = std::exchange(other.slot_count_, 0);
  arena_ = std::move(other.arena_);
  text_at_ = std::move(other.text_at_);
  size_ = std::exchange(other.size_, 0);
  warm_pages_ = other.warm_pages_;
  return *this;
}

KeyIndex::~KeyIndex() { FreeBlock(slots_, slot_count_ * sizeof(Slot)); }

KeyIndex::Hash KeyIndex::HashOf(std::string_view key) const {
  const XXH128_hash_t h = XXH3_128bits_withSeed(key.data(), key.size(), seed_);
  return {h.low64 & fingerprint_mask_, static_cast<std::uint32_t>(h.high64)};
}

std::size_t KeyIndex::Probe(const Hash& h) const {
  const std::size_t mask = slot_count_ - 1;
  for (std::size_t i = h.fingerprint & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.id == 0 || (slot.fingerprint == h.fingerprint && slot.check == h.check)) return i;
  }
}

// Doubles the table in place. Every key is taken from the old half and placed
// anew: from its position in the doubled table, it goes to the first slot that
// is empty or holds a key not yet placed (which it takes out, to be placed next).
// A placed key passes only placed keys, which never move again, so the probe
// from its position meets no gap, as a lookup needs.
void KeyIndex::Grow() {
  const std::size_t old_count = slot_count_;
  const std::size_t count = old_count == 0 ? 64 : old_count * 2;
  slots_ = static_cast<Slot*>(
      GrowZeroedBlock(slots_, old_count * sizeof(Slot), count * sizeof(Slot), Access::kRandom));
  slot_count_ = count;
  // The keys move up into the new half as the loop below goes up: its pages are
  // faulted in from the top down, 2 MiB at a time, on a second thread (at 1 M
  // people the last growth adds 32 MiB, some 60 ms of the kernel's zeroing here).
  std::optional<PageWarmer> warmer;
  if (warm_pages_ && old_count * sizeof(Slot) >= (std::size_t{4} << 20)) {
    constexpr std::size_t kChunk = std::size_t{2} << 20;
    std::vector<PageWarmer::Block> chunks;
    const char* const half = reinterpret_cast<const char*>(slots_ + old_count);
    for (std::size_t end = old_count * sizeof(Slot); end > 0;) {
      const std::size_t begin = end > kChunk ? end - kChunk : 0;
      chunks.push_back({half + begin, end - begin});
      end = begin;
    }
    warmer.emplace(std::move(chunks));
  }
  const std::size_t mask = count - 1;
  std::vector<bool> placed(old_count);  // the new half holds only placed keys
  auto is_placed = [&](std::size_t i) { return i >= old_count || placed[i]; };
  for (std::size_t i = 0; i < old_count; ++i) {
    if (slots_[i].id == 0 || placed[i]) continue;
    Slot moving = std::exchange(slots_[i], Slot{});
    for (;;) {
      std::size_t j = moving.fingerprint & mask;
      while (slots_[j].id != 0 && is_placed(j)) j = (j + 1) & mask;
      const Slot next = slots_[j];
      slots_[j] = moving;
      if (j < old_count) placed[j] = true;
      if (next.id == 0) break;
      moving = next;
    }
  }
}

void KeyIndex::StoreText(std::uint32_t id, std::string_view key) {
  if (arena_.size() / kTextAlign >= kIdBits * std::size_t{2}) {
    throw Error(ExitCode::kData, {}, "more than 32 GB of person ids and emails to show",
                "split the inputs (by period or region) and run baton on each part");
  }
  static constexpr std::uint32_t kNoText[64] = {};
  while (text_at_.size() <= id) {
    text_at_.append(kNoText, std::min<std::size_t>(std::size(kNoText), id + 1 - text_at_.size()));
  }
  text_at_[id] = static_cast<std::uint32_t>(arena_.size() / kTextAlign + 1);
  const auto length = static_cast<std::uint32_t>(key.size());
  arena_.append(reinterpret_cast<const char*>(&length), sizeof length);
  arena_.append(key.data(), key.size());
  static constexpr char kPad[kTextAlign] = {};
  arena_.append(kPad, (kTextAlign - arena_.size() % kTextAlign) % kTextAlign);
}

std::pair<std::uint32_t, bool> KeyIndex::Insert(std::string_view key, KeepText keep) {
  // Four fifths, not three quarters: at 10 M people (26.2 M keys) the table stays
  // at 33.5 M slots (537 MB) instead of doubling to 1 GiB. By Knuth's estimate a
  // probe for a new key reads 11 slots at 0.78 full against 8.5 at 0.75, three
  // cache lines in a row. (Growing by half instead, to any size, cost a cache miss
  // for each key moved: 0.55 s of growing at 1 M people, timed on a loaded host,
  // where doubling in place took 1 % of the run.)
  if ((size() + 1) * 5 > slot_count_ * 4) Grow();
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
  const auto id = static_cast<std::uint32_t>(size_++);
  slot = {h.fingerprint, h.check, (id + 1) | (keep_text ? kKept : 0)};
  if (keep_text) StoreText(id, key);
  return {id, true};
}

std::optional<std::uint32_t> KeyIndex::Find(std::string_view key) const {
  if (slot_count_ == 0) return std::nullopt;
  const Slot& slot = slots_[Probe(HashOf(key))];
  if (slot.id == 0) return std::nullopt;
  return (slot.id & kIdBits) - 1;
}

void KeyIndex::Prefetch(std::string_view key) const {
  if (slot_count_ == 0) return;
  __builtin_prefetch(&slots_[HashOf(key).fingerprint & (slot_count_ - 1)]);
}

std::string_view KeyIndex::Text(std::uint32_t id) const {
  if (!HasText(id)) return {};
  const std::uint32_t at = text_at_[id];
  const char* entry = arena_.data() + std::size_t{at - 1} * kTextAlign;
  std::uint32_t length;
  std::memcpy(&length, entry, sizeof length);
  return {entry + sizeof length, length};
}

std::size_t KeyIndex::capacity_bytes() const {
  return slot_count_ * sizeof(Slot) + arena_.capacity() + text_at_.capacity() * 4;
}

}  // namespace baton
