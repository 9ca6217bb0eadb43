// The canonical records every input is translated into, whatever system wrote it
// (SPEC 1.1): the ingest layer turns rows into these, the model layer consumes them
// through a RecordSink. Records carry normalised keys and parsed values only.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "baton/time.h"

namespace baton {

// What one row of a file holds (SPEC 1.1).
enum class Kind {
  kPeople,
  kOpportunities,
  kStageHistory,
  kActivities,
  kSpend,
  kCampaignMembers,
  kCampaigns,
  kLinks,
  // A table naming the ids another file uses: Pardot lifecycle stages, Marketo
  // activity types. It gives no record; the files that use its ids read it.
  kNames,
};

// "people", "opportunities", … and back. ParseKind returns nullopt for unknown names.
std::string_view KindName(Kind kind);
std::optional<Kind> ParseKind(std::string_view name);
// All kind names, comma separated, for error hints.
std::string KindNames();

// A stage reached at an unknown time (SPEC 2.2 rule 5). Not reached is kNoTime.
inline constexpr Instant kUnknownTime = kNoTime + 1;
inline bool IsKnownTime(Instant t) { return t != kNoTime && t != kUnknownTime; }

// Keys are namespaced, normalised identifiers: "e:dana@norvale.example",
// "salesforce:00Q5g00000AbCdEEAV", "hubspot:51234567801".

// One lead/contact/prospect row.
struct PersonRecord {
  std::vector<std::string> keys;              // id and email keys; the first is the record's own id
  std::vector<std::string> linked_keys;       // ConvertedContactId etc.: the same person
  std::vector<std::string> opportunity_keys;  // ConvertedOpportunityId, Associated Deal IDs
  Instant created_at = kNoTime;
  Instant assigned_at = kNoTime;
  // A Salesforce record owned by a user (not a queue): with no owner history it has
  // been that user's since its creation, so it was assigned when created.
  bool owned_by_user = false;
  // The owner's id (a Salesforce id in its 18-character form), or the name where
  // the export has no id; owner_name: a name given beside the id (Owner.Name).
  std::string source, campaign, owner, owner_name;
  std::optional<double> score;
  std::string grade;  // a grade or tier (Pardot grade, HubSpot Contact priority, Rating)
  // Per funnel stage: rule 1 times (stage-date columns), kNoTime when absent.
  std::vector<Instant> stage_dates;
  // Stages named by current status values (rule 5), as stage indices.
  std::vector<int> status_stages;
  // Custom dimensions, index-aligned with Config::dimensions.
  std::vector<std::string> dimensions;
};

// One deal row.
struct OpportunityRecord {
  std::string key;
  std::vector<std::string> person_keys;  // ContactId, Associated Contact IDs
  Instant created_at = kNoTime;
  Instant close_date = kNoTime;
  double amount = 0;
  bool is_won = false;
  bool is_closed = false;
  int stage = -1;  // current stage value mapped to a funnel stage, -1 none
  std::string owner, owner_name, campaign, source;
};

// One stage change of a person or an opportunity (rule 2), or an owner change
// (assigned_at, the owner at a time) when stage < 0 and is_owner_change, or a
// lead-score change of a person (score history) when is_score_change.
struct StageChangeRecord {
  std::string subject_key;  // a person key or an opportunity key
  bool subject_is_opportunity = false;
  Instant at = kNoTime;
  int stage = -1;
  bool is_owner_change = false;
  // Owner changes: the owners as the row writes them. Salesforce logs each change
  // twice at one time, with ids and with names (the "name twin"); `owner_is_id`
  // marks the id row, `to_queue` a move into a queue (id 00G…), which is no
  // assignment to a sales owner. The model names ids from their twins (SPEC 2.1).
  std::string old_owner, new_owner;
  bool owner_is_id = false;
  bool to_queue = false;
  bool from_user = false;  // the id row's old owner is a user (005…)
  // Score changes: the score from `at` on, and the one before when the row says.
  bool is_score_change = false;
  double score = 0;
  std::optional<double> old_score;
};

// One person ↔ opportunity link (contact role, deal association).
struct LinkRecord {
  std::string opportunity_key;
  std::string person_key;
};

// One sales touch.
struct ActivityRecord {
  std::string person_key;  // WhoId
  Instant at = kNoTime;
  std::string type, owner;
  // A person row's own first-engagement date (HubSpot), not a row of an activity file.
  bool from_person = false;
  // An all-day event (Salesforce IsAllDayEvent): the touch has a day, not a time,
  // so it never ends an SLA as a first touch.
  bool day_only = false;
};

// One campaign membership (a touchpoint): when the person responded.
struct CampaignMemberRecord {
  std::string campaign_key;
  std::string person_key;
  Instant at = kNoTime;
};

// One campaign (id → name, channel).
struct CampaignRecord {
  std::string key;
  std::string name, channel;
};

// Days are calendar dates as written in a spend file, counted from 1970-01-01.
using Day = std::int32_t;

// Money spent on a campaign over the days [first_day, last_day] (SPEC 4.2).
struct SpendRecord {
  std::string campaign;     // the campaign's name as the spend file writes it
  std::string campaign_id;  // its id there (a platform id, or a CRM key), may be empty
  std::string channel;      // the platform ("Google Ads") or a sheet's channel column
  Day first_day = 0, last_day = 0;
  double amount = 0;  // in the report currency
  // Salesforce Campaign ActualCost: a total kept in the CRM, used only for campaigns
  // that no detailed spend row names (else the same money would count twice).
  bool campaign_total = false;
};

// Receives the records of all inputs, in file order. Implemented by the model builder.
class RecordSink {
 public:
  virtual ~RecordSink() = default;
  // Before the first record of each input that is read: its path as given.
  virtual void BeginFile(std::string_view /*path*/) {}
  virtual void Person(const PersonRecord& record) = 0;
  virtual void Opportunity(const OpportunityRecord& record) = 0;
  virtual void StageChange(const StageChangeRecord& record) = 0;
  virtual void Link(const LinkRecord& record) = 0;
  virtual void Activity(const ActivityRecord& record) = 0;
  virtual void CampaignMember(const CampaignMemberRecord& record) = 0;
  virtual void Campaign(const CampaignRecord& record) = 0;
  virtual void Spend(const SpendRecord& record) = 0;
  // After the last file: the currency every amount was converted to ("" = none named).
  virtual void ReportCurrency(std::string_view /*currency*/) {}
  // A hint: a record to come soon carries this person key (a batch of records
  // being replayed knows them ahead), so the sink may start loading its slot.
  virtual void Prefetch(std::string_view /*person_key*/) {}
};

}  // namespace baton
