// baton's canonical fields (SPEC 1.1): the names a column can be mapped to, in the
// config's [file.columns] and in each system's header aliases. Names only: which
// header means which field is the ingest layer's (ingest/fingerprints.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

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

}  // namespace baton
