// StringIndex (see string_index.h): linear probing over a power-of-two table kept
// at most half full; the full hash is recomputed only when the table grows.
#include "baton/string_index.h"

#include <functional>

namespace baton {
namespace {

std::uint64_t Hash(std::string_view text) { return std::hash<std::string_view>{}(text); }

}  // namespace

std::size_t StringIndex::Slot(std::string_view text, std::uint64_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  const auto short_hash = static_cast<std::uint32_t>(hash);
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    std::uint32_t id = slots_[i];
    if (id == 0) return i;
    if (hashes_[id - 1] == short_hash && Get(id - 1) == text) return i;
  }
}

void StringIndex::Grow() {
  std::vector<std::uint32_t> old = std::move(slots_);
  slots_.assign(old.empty() ? 64 : old.size() * 2, 0);
  const std::size_t mask = slots_.size() - 1;
  for (std::uint32_t id : old) {
    if (id == 0) continue;
    std::size_t i = Hash(Get(id - 1)) & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = id;
  }
}

std::pair<std::uint32_t, bool> StringIndex::Insert(std::string_view text) {
  if ((size() + 1) * 2 > slots_.size()) Grow();
  std::uint64_t hash = Hash(text);
  std::size_t slot = Slot(text, hash);
  if (slots_[slot] != 0) return {slots_[slot] - 1, false};
  auto id = static_cast<std::uint32_t>(size());
  if (!arena_.empty() && text.data() >= arena_.data() && text.data() < arena_.data() + arena_.size()) {
    arena_.append(std::string(text));  // the text lives in the arena that may move
  } else {
    arena_.append(text);
  }
  offsets_.push_back(arena_.size());
  hashes_.push_back(static_cast<std::uint32_t>(hash));
  slots_[slot] = id + 1;
  return {id, true};
}

std::optional<std::uint32_t> StringIndex::Find(std::string_view text) const {
  if (slots_.empty()) return std::nullopt;
  std::size_t slot = Slot(text, Hash(text));
  if (slots_[slot] == 0) return std::nullopt;
  return slots_[slot] - 1;
}

std::size_t StringIndex::capacity_bytes() const {
  return arena_.capacity() + offsets_.capacity() * 8 + hashes_.capacity() * 4 +
         slots_.capacity() * 4;
}

}  // namespace baton
