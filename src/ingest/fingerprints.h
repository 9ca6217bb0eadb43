// The header fingerprints of the systems baton knows (SPEC 1.1): which headers
// mean which canonical field (config/fields.h), and how a header line tells the
// system and kind of a file. Internal to the ingest layer.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baton/records.h"
#include "config/fields.h"

namespace baton {

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
