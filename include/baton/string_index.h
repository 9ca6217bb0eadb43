// StringIndex: dense ids for distinct strings, stored in one arena with an
// open-addressing table of ids. It is the identity map of the model (millions of
// emails and record ids), so it avoids a heap node and a std::string per key:
// about 28 bytes plus the text per string, and no per-key free at exit.
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
  // A hint that `text` is looked up soon. The table, the offsets and the arena are
  // far larger than the cache, and a hit reads one of each in turn (~100 ns a
  // miss), so the hint works in three stages: it starts loading this key's slot;
  // the offset of the key hinted kStage calls before, whose slot has arrived; and
  // the text of the key hinted 2 × kStage calls before, whose offset has.
  void Prefetch(std::string_view text) const;
  // The text of an id. Valid until the next Insert.
  std::string_view Get(std::uint32_t id) const {
    return {arena_.data() + offsets_[id], offsets_[id + 1] - offsets_[id]};
  }
  std::size_t size() const { return offsets_.size() - 1; }
  // Bytes held (for memory accounting in benchmarks).
  std::size_t capacity_bytes() const;

 private:
  std::size_t Slot(std::string_view text, std::uint64_t hash) const;
  // The id in the first slot from `hash`'s position whose short hash matches, if
  // the probe meets one within a few slots.
  std::optional<std::uint32_t> Candidate(std::uint64_t hash) const;
  void Grow();

  static constexpr unsigned kStage = 5;

  PodArray<char> arena_;
  PodArray<std::uint64_t> offsets_ = {0};  // id → start; id + 1 → end
  PodArray<std::uint32_t> low_hashes_;     // id → low 32 bits of the hash (positions)
  std::vector<std::uint64_t> slots_;       // high 32 hash bits | id + 1; 0 = empty
  // The hashes of the keys hinted last (Prefetch), for the later stages.
  mutable std::uint64_t hinted_[4 * kStage] = {};
  mutable unsigned hints_ = 0;
};

}  // namespace baton
