// StringIndex: dense ids for distinct strings, stored in one arena with an
// open-addressing table. It is the identity map of the model (millions of emails
// and record ids), so it avoids a heap node and a std::string per key: about 34
// bytes plus the text per string, and no per-key free at exit.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "baton/pod_array.h"

namespace baton {

class StringIndex {
 public:
  // The id of `text` (0, 1, 2, … in order of first insertion) and whether it is new.
  std::pair<std::uint32_t, bool> Insert(std::string_view text);
  // The id of `text`, or nullopt when it was never inserted.
  std::optional<std::uint32_t> Find(std::string_view text) const;
  // A hint that `text` is looked up soon: starts loading its table slot, and the
  // stored text of the key hinted kDepth calls before (whose slot has arrived by
  // now), so the lookups find both in the cache. The table and the arena are far
  // larger than the cache; a miss costs ~100 ns.
  void Prefetch(std::string_view text) const;
  // The text of an id. Valid until the next Insert.
  std::string_view Get(std::uint32_t id) const {
    const char* record = arena_.data() + offsets_[id];
    return {record + kHeader, Length(record)};
  }
  std::size_t size() const { return offsets_.size(); }
  // Bytes held (for memory accounting in benchmarks).
  std::size_t capacity_bytes() const;

 private:
  // An arena record: the id (4 bytes), the length (4 bytes), then the text; a
  // slot holds the record's offset, so a lookup reads the slot and the record only.
  static constexpr std::size_t kHeader = 8;
  static constexpr unsigned kDepth = 8;
  static std::uint32_t Length(const char* record);
  std::size_t Slot(std::string_view text, std::uint64_t hash) const;
  std::uint32_t IdAt(std::uint64_t slot) const;
  void Grow();

  PodArray<char> arena_;
  PodArray<std::uint64_t> offsets_;   // id → its record in the arena
  PodArray<std::uint64_t> hashes_;    // id → the hash (growing reads no record)
  std::vector<std::uint64_t> slots_;  // 24 high hash bits | record offset + 1; 0 = empty
  // The hashes of the last 2 × kDepth keys hinted (Prefetch), for the second stage.
  mutable std::uint64_t hinted_[2 * kDepth] = {};
  mutable unsigned hints_ = 0;
};

}  // namespace baton
