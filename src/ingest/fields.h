// baton's canonical fields and the header fingerprints of the systems it knows
// (SPEC 1.1): which headers mean which field, and how a header line tells the
// system and kind of a file. Internal to the ingest layer.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baton/records.h"

namespace baton {

// Canonical fields a column can be mapped to (config [file.columns] uses the names).
enum class Field {
  kId,
  kEmail,
  kCreatedAt,
  kSource,
  kCampaign,
  kOwner,
  kAssignedAt,
  kScore,
  kStatus,
  kLifecycle,
  kFirstName,
  kLastName,
  kConvertedContactId,
  kConvertedOpportunityId,
  kDealIds,
  kOpportunityId,
  kPersonId,
  kContactId,
  kLeadId,
  kContactIds,
  kStage,
  kAmount,
  kCurrency,
  kCloseDate,
  kIsClosed,
  kIsWon,
  kChangedField,
  kNewValue,
  kType,
  kCampaignId,
  kName,
  kChannel,
  kDay,                  // spend: the one day a row covers (a YYYY-MM month covers the month)
  kStartDate,            // spend: first day of the range a row covers
  kEndDate,              // spend: last day, inclusive
  kCostMicros,           // spend: amount in millionths (Google Ads API)
  kHasResponded,         // campaign members: false = sent, not a touch
  kRespondedAt,          // campaign members: when the person responded
  kOldValue,             // history: the value before the change (LeadHistory OldValue)
  kFirstEngagementAt,    // HubSpot "Date of first engagement": a sales touch
  kFirstEngagementType,  // HubSpot "Type of first engagement"
  kOwnerName,            // the owner's name beside an owner id column (Owner.Name): SPEC 2.1
  kCount                 // number of fields, not a field
};

std::string_view FieldName(Field field);
std::optional<Field> ParseField(std::string_view name);
std::string FieldNames();

// Lower-cases and trims a header cell for matching.
std::string NormaliseHeader(std::string_view header);

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
