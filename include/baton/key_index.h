// KeyIndex: dense ids for person keys (normalised emails and record ids), the
// identity map of the model, found by fingerprint instead of by text.
//
// A key is known by 96 bits of its XXH3-128 hash, seeded afresh for each run: a
// 64-bit fingerprint (which also places it in the table) and a 32-bit check. Two
// keys whose fingerprints agree and checks differ are a detected collision and
// stay two keys (they take two slots); two keys are taken for one only when all
// 96 bits agree: about once in 10^16 runs over 3 million keys (10^11 over a
// billion), and since the seed changes with every run, never the same pair twice.
//
// A lookup reads one slot (16 bytes) and no text, where a text index reads a
// slot, an offset and the text: three cache misses on a table of millions. The
// index holds no text but for the keys a report shows (Model::Label): 16-byte
// slots at most four fifths full and 4 bytes a key for where its text is,
// 24 to 44 bytes a key, where the text index took 56 plus the text.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

#include "baton/pod_array.h"

namespace baton {

class KeyIndex {
 public:
  // The key's text is kept (Text) or not.
  enum class KeepText { kNo, kYes };

  KeyIndex();
  // For tests: a fixed seed, and fingerprints cut to their low `fingerprint_bits`
  // bits (so that keys collide and the checks must tell them apart).
  KeyIndex(std::uint64_t seed, unsigned fingerprint_bits);
  KeyIndex(KeyIndex&& other) noexcept;
  KeyIndex& operator=(KeyIndex&& other) noexcept;
  KeyIndex(const KeyIndex&) = delete;
  KeyIndex& operator=(const KeyIndex&) = delete;
  ~KeyIndex();

  // The id of `key` (0, 1, 2, … in order of first insertion) and whether it is new.
  // With KeepText::kYes the text is kept (once) for Text.
  std::pair<std::uint32_t, bool> Insert(std::string_view key, KeepText keep = KeepText::kYes);
  // The id of `key`, or nullopt when it was never inserted.
  std::optional<std::uint32_t> Find(std::string_view key) const;
  // A hint that `key` is looked up soon: starts loading its slot.
  void Prefetch(std::string_view key) const;
  // The text of an id inserted with KeepText::kYes at least once, else "".
  // Valid until the next Insert.
  std::string_view Text(std::uint32_t id) const;
  bool HasText(std::uint32_t id) const { return id < text_at_.size() && text_at_[id] != 0; }
  std::size_t size() const { return size_; }
  // Bytes held (for memory accounting in benchmarks).
  std::size_t capacity_bytes() const;
  // With a second thread to spare: a growth has the pages of the table's new half
  // faulted in there (PageWarmer) while this thread moves the keys.
  void set_warm_pages(bool warm) { warm_pages_ = warm; }

 private:
  struct Slot {
    std::uint64_t fingerprint;
    std::uint32_t check;
    std::uint32_t id;  // id + 1, with kKept (the top bit) once the text is kept; 0 = empty
  };
  static_assert(sizeof(Slot) == 16);
  struct Hash {
    std::uint64_t fingerprint;
    std::uint32_t check;
  };
  Hash HashOf(std::string_view key) const;
  std::size_t Probe(const Hash& h) const;
  void Grow();
  void StoreText(std::uint32_t id, std::string_view key);

  std::uint64_t seed_;
  std::uint64_t fingerprint_mask_ = ~std::uint64_t{0};
  // The table: a block of PodArray's kind, grown in place (GrowZeroedBlock).
  Slot* slots_ = nullptr;
  std::size_t slot_count_ = 0;
  // Kept texts, each a 4-byte length and the text, from an 8-byte boundary.
  PodArray<char> arena_;
  // id → arena offset / 8 + 1; 0 = no text. Only as long as the last id with a
  // text needs: an index that keeps no text (funnel, cost) holds none of it.
  PodArray<std::uint32_t> text_at_;
  std::size_t size_ = 0;
  bool warm_pages_ = false;
};

}  // namespace baton
