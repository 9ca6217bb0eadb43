// KeyIndex: ids in order of first insertion, found again by text; text kept only
// when asked; and keys whose fingerprints collide (forced here by cutting the
// fingerprint to a few bits) stay apart, told by their checks.
#include "baton/key_index.h"

#include <doctest/doctest.h>

#include <string>

namespace baton {
namespace {

using Keep = KeyIndex::KeepText;

std::string KeyOf(std::uint32_t i) { return "e:person" + std::to_string(i) + "@example.com"; }

TEST_CASE("a KeyIndex numbers keys in order, finds them, and keeps only the text asked for") {
  KeyIndex keys;
  CHECK_FALSE(keys.Find("e:a@example.com").has_value());
  CHECK(keys.Insert("e:a@example.com", Keep::kNo) == std::pair<std::uint32_t, bool>{0, true});
  CHECK(keys.Insert("salesforce:00Q1", Keep::kYes) == std::pair<std::uint32_t, bool>{1, true});
  CHECK(keys.Insert("e:a@example.com", Keep::kNo) == std::pair<std::uint32_t, bool>{0, false});
  CHECK(keys.Insert("", Keep::kYes) == std::pair<std::uint32_t, bool>{2, true});
  CHECK(keys.size() == 3);
  CHECK(keys.Find("e:a@example.com") == 0u);
  CHECK(keys.Find("") == 2u);
  CHECK_FALSE(keys.Find("e:A@example.com").has_value());  // no folding here: keys are normalised
  CHECK_FALSE(keys.HasText(0));
  CHECK(keys.Text(0).empty());
  CHECK(keys.Text(1) == "salesforce:00Q1");
  CHECK(keys.HasText(2));
  CHECK(keys.Text(2).empty());
  // A key seen first without its text and later with it keeps it from then on.
  CHECK(keys.Insert("e:a@example.com", Keep::kYes) == std::pair<std::uint32_t, bool>{0, false});
  CHECK(keys.Text(0) == "e:a@example.com");
  CHECK(keys.Insert("e:a@example.com") == std::pair<std::uint32_t, bool>{0, false});
  CHECK(keys.Text(0) == "e:a@example.com");
  CHECK(keys.Text(1) == "salesforce:00Q1");
}

TEST_CASE("a KeyIndex keeps ids and texts through growth") {
  KeyIndex keys;
  constexpr std::uint32_t kKeys = 300000;
  for (std::uint32_t i = 0; i < kKeys; ++i) {
    const auto [id, added] = keys.Insert(KeyOf(i), i % 3 == 0 ? Keep::kYes : Keep::kNo);
    REQUIRE(added);
    REQUIRE(id == i);
  }
  for (std::uint32_t i = 0; i < kKeys; ++i) REQUIRE(keys.Find(KeyOf(i)) == i);
  for (std::uint32_t i = 0; i < kKeys; i += 7) {
    keys.Prefetch(KeyOf(i));
    CHECK(keys.Insert(KeyOf(i), Keep::kNo) == std::pair<std::uint32_t, bool>{i, false});
    CHECK(keys.Text(i) == (i % 3 == 0 ? KeyOf(i) : ""));
  }
  CHECK_FALSE(keys.Find(KeyOf(kKeys)).has_value());
  CHECK(keys.capacity_bytes() > kKeys * 16);
}

TEST_CASE("a KeyIndex that keeps no text holds only its table") {
  KeyIndex keys;
  for (std::uint32_t i = 0; i < 1000; ++i) keys.Insert(KeyOf(i), Keep::kNo);
  // 1,000 keys at most four fifths full: 2,048 slots of 16 bytes, nothing else.
  CHECK(keys.capacity_bytes() == 2048 * 16);
  CHECK_FALSE(keys.HasText(999));
  CHECK(keys.Text(999).empty());
  // A text kept for a late id reads back; the ids before it still have none.
  CHECK(keys.Insert(KeyOf(999), Keep::kYes) == std::pair<std::uint32_t, bool>{999, false});
  CHECK(keys.Text(999) == KeyOf(999));
  CHECK_FALSE(keys.HasText(998));
  CHECK(keys.Text(0).empty());
  CHECK(keys.size() == 1000);
}

TEST_CASE("a KeyIndex doubles when a key would fill more than four fifths of it") {
  KeyIndex keys;
  for (std::uint32_t i = 0; i < 1638; ++i) keys.Insert(KeyOf(i), Keep::kNo);
  CHECK(keys.capacity_bytes() == 2048 * 16);  // 1,638 keys: 79.98 % full
  keys.Insert(KeyOf(1638), Keep::kNo);
  CHECK(keys.capacity_bytes() == 4096 * 16);
  for (std::uint32_t i = 0; i <= 1638; ++i) REQUIRE(keys.Find(KeyOf(i)) == i);
}

TEST_CASE("keys whose fingerprints collide stay apart, through growth in place") {
  // Four fingerprint bits: 2,000 keys share 16 fingerprints, 125 keys each, so
  // every lookup meets colliding slots and only the 32-bit check tells them apart
  // (two of these keys agreeing on it too has odds of about 1 in 10^5). Ten bits:
  // while the table is smaller than 1,024 slots the runs of keys wrap around its end.
  for (auto [seed, bits] : {std::pair{1u, 4u}, {2u, 4u}, {3u, 10u}, {4u, 10u}, {5u, 11u}}) {
    KeyIndex keys(seed, bits);
    constexpr std::uint32_t kKeys = 2000;
    for (std::uint32_t i = 0; i < kKeys; ++i) {
      REQUIRE(keys.Insert(KeyOf(i), Keep::kYes) == std::pair<std::uint32_t, bool>{i, true});
    }
    CHECK(keys.size() == kKeys);
    for (std::uint32_t i = 0; i < kKeys; ++i) {
      REQUIRE(keys.Find(KeyOf(i)) == i);
      REQUIRE(keys.Text(i) == KeyOf(i));
    }
    CHECK_FALSE(keys.Find(KeyOf(kKeys)).has_value());
  }
}

TEST_CASE("the fingerprint seed changes the table, never the ids") {
  KeyIndex a(11, 64), b(12, 64), c;
  for (std::uint32_t i = 0; i < 5000; ++i) {
    const auto key = KeyOf(i * 7919 % 5000);
    const auto ia = a.Insert(key, Keep::kNo);
    CHECK(ia == b.Insert(key, Keep::kNo));
    CHECK(ia == c.Insert(key, Keep::kNo));
  }
}

}  // namespace
}  // namespace baton
