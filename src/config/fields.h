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
  kActivityAt,           // activities: the time the rep says it happened (may be back-dated)
  kAllDay,               // activities: an all-day event (a day, not a time)
  kDoneAt,               // activities: when it was marked done; empty = planned, not a touch
  kTypeId,               // activity log: the activity's type id (Marketo, Pardot)
  kAttributes,           // activity log: the JSON attributes of a Marketo activity
  kPrimaryValue,         // activity log: Marketo primaryAttributeValue (program, field, asset)
  kCrmLeadId,            // people: the Salesforce Lead id a Pardot/Marketo record syncs with
  kCrmContactId,         // people: the Salesforce Contact id it syncs with
  kPipeline,             // deals: the pipeline (HubSpot), to map "Stage (Pipeline)" values
  kDealStatus,           // deals: open / won / lost (Pipedrive), in several languages
  kLostAt,               // deals: when the deal was lost (Pipedrive), its close date then
  kResponseTime,         // people: HubSpot "Lead response time" (HH:mm:ss or milliseconds)
  kGrade,  // people: a grade or tier (Pardot A+…F, HubSpot Contact priority, Rating)
  kCount   // number of fields, not a field
};

std::string_view FieldName(Field field);
std::optional<Field> ParseField(std::string_view name);
std::string FieldNames();

// Lower-cases and trims a header cell for matching.
std::string NormaliseHeader(std::string_view header);

}  // namespace baton
