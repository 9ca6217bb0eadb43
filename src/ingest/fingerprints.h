// The header fingerprints of the systems baton knows (SPEC 1.1): which headers
// mean which canonical field (config/fields.h), and how a header line tells the
// system and kind of a file. Internal to the ingest layer.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "baton/records.h"
#include "config/fields.h"

namespace baton {

// How a layout's rows are read: one record per row by kind (kPlain), or by a
// reader of the system's own (row_systems.cpp).
enum class Shape {
  kPlain,
  kMarketoActivityLog,     // one row per activity; its type decides the record
  kPardotLifecycle,        // stage ids, named by a Pardot stage table
  kPardotVisitorActivity,  // one row per visitor activity; its type decides
  kPardotStageTable,       // names: lifecycle stage id → name
  kMarketoTypeTable,       // names: activity type id → name
};

// A known export layout: the headers that must be present for a match, and the
// header names of each field.
struct Fingerprint {
  std::string_view system;  // "salesforce", "hubspot", "marketo", "google-ads", …
  Kind kind;
  std::string_view label;  // "Salesforce Lead (Data Loader)"
  // Every group must have one of its names in the header; a `forbidden` name must not.
  std::vector<std::vector<std::string_view>> required;
  std::vector<std::string_view> forbidden;
  std::vector<std::pair<Field, std::vector<std::string_view>>> aliases;
  Shape shape = Shape::kPlain;
};

// The names a run's name tables give (kind names): Pardot lifecycle stage ids and
// Marketo activity type ids, each id → name. Filled before the first file that
// needs them is read, from every input that is such a table.
struct NameTables {
  std::unordered_map<std::string, std::string> pardot_stages;
  std::unordered_map<std::string, std::string> marketo_types;
  bool loaded = false;
};

// All known layouts.
const std::vector<Fingerprint>& Fingerprints();

// Header aliases for a system baton has no fingerprint for ("olist", "sheet").
const std::vector<std::pair<Field, std::vector<std::string_view>>>& GenericAliases();

// Header aliases of a hand-kept spend sheet (date or start/end, campaign, channel,
// amount, currency): the layout of a file forced to kind spend with no layout.
const std::vector<std::pair<Field, std::vector<std::string_view>>>& SpendSheetAliases();

// A money header naming its currency, "amount spent (usd)" (Meta Ads Manager):
// strips the " (usd)" from the normalised header and returns "USD"; else "".
std::string SplitHeaderCurrency(std::string& header);

// The result of matching a header against the known layouts.
struct Detection {
  const Fingerprint* match = nullptr;    // the best match, or nullptr
  std::vector<const Fingerprint*> tied;  // other layouts matching equally well
};

// Matches normalised header names against every fingerprint. Among layouts whose
// required groups all match, the one with the most groups wins; when a system or
// kind is given (forced), only layouts of that system/kind compete.
Detection DetectLayout(const std::vector<std::string>& normalised_header, std::string_view system,
                       std::optional<Kind> kind);

}  // namespace baton
