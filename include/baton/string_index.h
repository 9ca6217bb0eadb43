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
  // Starts loading the table slot where `text` would be: a hint for a lookup soon
  // after (the table is far larger than the cache; a miss costs ~100 ns).
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
  void Grow();

  PodArray<char> arena_;
  PodArray<std::uint64_t> offsets_ = {0};  // id → start; id + 1 → end
  PodArray<std::uint32_t> low_hashes_;     // id → low 32 bits of the hash (positions)
  std::vector<std::uint64_t> slots_;       // high 32 hash bits | id + 1; 0 = empty
};

}  // namespace baton
