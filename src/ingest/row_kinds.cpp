// RowMapper's per-kind translations: one function per input kind (SPEC 1.1), each
// turning a row into its canonical record or a Failure. Setup, value helpers and
// the dispatch live in row_mapper.cpp.
#include <algorithm>

#include "baton/error.h"
#include "ingest/row_mapper.h"

namespace baton {
namespace {

bool IsOwnerField(std::string_view field) {
  return field == "owner" || field == "ownerassignment" || field == "ownerid";
}

// The lead-score field of a history export (normalised): Salesforce's usual custom
// names (Lead_Score__c, Score__c), Pardot's synced pi__score__c, HubSpot's score.
// Other score fields (Behavior_Score__c, Fit_Score__c) are not the lead score.
bool IsScoreField(std::string_view field) {
  return field == "score" || field == "leadscore" || field == "lead score" ||
         field == "lead_score__c" || field == "score__c" || field == "pi__score__c" ||
         field == "hubspotscore" || field == "hubspot score";
}

// A Salesforce user (005…) or queue (00G…) id, as LeadHistory's id rows hold.
bool IsSalesforceUserOrQueue(std::string_view id) {
  return (id.size() == 15 || id.size() == 18) &&
         (id.rfind("005", 0) == 0 || id.rfind("00G", 0) == 0);
}

// The next string of a reused record's list, emptied: its capacity stays from row
// to row, so a key is written without allocating; `used` counts the list's strings.
std::string& NextString(std::vector<std::string>& list, std::size_t& used) {
  if (used == list.size()) list.emplace_back();
  std::string& s = list[used++];
  s.clear();
  return s;
}

}  // namespace

// Pipedrive's deal statuses as its exports write them in English, German,
// Spanish, French, Portuguese and Czech.
RowMapper::DealStatus RowMapper::StatusOf(std::string_view text) {
  if (text.empty()) return DealStatus::kNone;
  static const std::pair<std::string_view, DealStatus> kWords[] = {
      {"open", DealStatus::kOpen},        {"won", DealStatus::kWon},
      {"lost", DealStatus::kLost},        {"deleted", DealStatus::kDeleted},
      {"offen", DealStatus::kOpen},       {"gewonnen", DealStatus::kWon},
      {"verloren", DealStatus::kLost},    {"gelöscht", DealStatus::kDeleted},
      {"abierto", DealStatus::kOpen},     {"ganado", DealStatus::kWon},
      {"perdido", DealStatus::kLost},     {"eliminado", DealStatus::kDeleted},
      {"ouvert", DealStatus::kOpen},      {"gagné", DealStatus::kWon},
      {"perdu", DealStatus::kLost},       {"supprimé", DealStatus::kDeleted},
      {"aberto", DealStatus::kOpen},      {"ganho", DealStatus::kWon},
      {"excluído", DealStatus::kDeleted}, {"otevřený", DealStatus::kOpen},
      {"otevřeno", DealStatus::kOpen},    {"vyhraný", DealStatus::kWon},
      {"vyhráno", DealStatus::kWon},      {"prohraný", DealStatus::kLost},
      {"prohráno", DealStatus::kLost},    {"smazaný", DealStatus::kDeleted},
      {"smazáno", DealStatus::kDeleted}};
  const std::string key = NormaliseHeader(text);
  for (const auto& [word, status] : kWords) {
    if (key == word) return status;
  }
  return DealStatus::kUnknown;
}

// HubSpot "Lead response time": "36:05:10" (hours past 24 allowed) or milliseconds.
std::optional<std::int64_t> RowMapper::ResponseSeconds(const CsvRow& row) {
  std::string_view text = Text(row, Field::kResponseTime);
  if (text.empty()) return std::nullopt;
  std::int64_t parts[3] = {0, 0, 0};
  int n = 0;
  bool ok = true;
  if (text.find(':') != std::string_view::npos) {
    for (char c : text) {
      if (c == ':') {
        ok = ok && ++n < 3;
      } else if (c >= '0' && c <= '9' && n < 3 && parts[n] < 100000000) {
        parts[n] = parts[n] * 10 + (c - '0');
      } else {
        ok = false;
      }
    }
    if (ok && n == 2) return parts[0] * 3600 + parts[1] * 60 + parts[2];
  } else if (auto ms = ParseNumber(text); ms && *ms >= 0 && *ms < 1e15) {
    return static_cast<std::int64_t>(*ms / 1000);
  }
  Fail(Column(Field::kResponseTime), "bad duration",
       "'" + std::string(text) + "' in column " + raw_header_[Column(Field::kResponseTime)] +
           " is not HH:mm:ss or milliseconds");
  return std::nullopt;
}

bool RowMapper::People(const CsvRow& row, RecordSink& sink) {
  PersonRecord& p = person_;
  p.opportunity_keys.clear();
  p.status_stages.clear();
  p.stage_dates.assign(config_.stages.size(), kNoTime);
  p.dimensions.assign(config_.dimensions.size(), std::string());

  std::string_view id = Text(row, Field::kId);
  std::size_t keys = 0;
  if (row_identity_) NextString(p.keys, keys) = RowKey(row.line);
  if (!id.empty() && !row_identity_) AppendKey(NextString(p.keys, keys), id);
  if (std::string& email = NextString(p.keys, keys) = "e:";
      !AppendNormalisedEmail(email, Text(row, Field::kEmail))) {
    --keys;
  }
  p.keys.resize(keys);
  if (p.keys.empty()) {
    Fail(-1, "no id or email", "the row has neither an id nor an email, so it is nobody");
    return false;
  }
  std::size_t linked = 0;
  if (auto c = Text(row, Field::kConvertedContactId); !c.empty()) {
    AppendKey(NextString(p.linked_keys, linked), c);
  }
  // A Pardot prospect or Marketo lead synced with Salesforce names its Lead and
  // Contact: the same person as the Salesforce records (SPEC 2.1 identity).
  for (auto field : {Field::kCrmLeadId, Field::kCrmContactId}) {
    if (auto crm = Text(row, field); !crm.empty()) {
      std::string& key = NextString(p.linked_keys, linked) = "salesforce:";
      AppendSalesforceId(key, crm);
    }
  }
  p.linked_keys.resize(linked);
  if (auto o = Text(row, Field::kConvertedOpportunityId); !o.empty()) {
    p.opportunity_keys.push_back(Key(o));
  }
  SplitKeys(Text(row, Field::kDealIds), p.opportunity_keys);
  p.created_at = Time(row, Field::kCreatedAt);
  p.assigned_at = Time(row, Field::kAssignedAt);
  p.source = Label(source_labels_, "source", Text(row, Field::kSource), row.line);
  p.campaign = Label(campaign_labels_, "campaign", Text(row, Field::kCampaign), row.line);
  p.owner = Label(owner_labels_, "owner", Owner(row), row.line);
  p.owner_name = std::string(Text(row, Field::kOwnerName));
  // (Normalising a Salesforce id changes letters only, never the 005 prefix.)
  p.owned_by_user = system_ == "salesforce" && Text(row, Field::kOwner).substr(0, 3) == "005";
  p.score.reset();
  p.grade = std::string(Text(row, Field::kGrade));
  if (auto s = Text(row, Field::kScore); !s.empty()) {
    // HubSpot's Likelihood to close may carry a percent sign.
    p.score = ParseNumber(s.size() > 1 && s.back() == '%' ? Trim(s.substr(0, s.size() - 1)) : s);
    if (!p.score) Fail(Column(Field::kScore), "bad number", "score '" + std::string(s) + "'");
  }
  for (auto [col, stage] : stage_columns_) {
    std::string_view text = Trim(row.fields[static_cast<std::size_t>(col)]);
    if (IsMissing(text)) continue;
    auto t = ParseTime(col, text, values_);
    if (!t) continue;
    Instant& slot = p.stage_dates[static_cast<std::size_t>(stage)];
    slot = slot == kNoTime ? *t : std::min(slot, *t);
  }
  for (auto field : {Field::kStatus, Field::kLifecycle}) {
    int stage = MapStage(FieldName(field), Text(row, field), row.line);
    if (stage >= 0) p.status_stages.push_back(stage);
  }
  for (auto [col, dim] : dim_columns_) {
    std::string_view value = Trim(row.fields[static_cast<std::size_t>(col)]);
    p.dimensions[dim] = IsMissing(value)
                            ? std::string()
                            : Label(dim_labels_[dim], config_.dimensions[dim], value, row.line);
  }
  // HubSpot's "Date of first engagement": the person's first sales touch; else
  // "Lead response time" after "Owner assigned date" places it.
  Instant engaged = Time(row, Field::kFirstEngagementAt);
  if (engaged == kNoTime && p.assigned_at != kNoTime) {
    if (auto wait = ResponseSeconds(row)) engaged = p.assigned_at + *wait;
  }
  if (failure_) return false;
  if (!id.empty()) NoteId(p.keys.front(), row.line);
  sink.Person(p);
  if (engaged != kNoTime) {
    sink.Activity(ActivityRecord{p.keys.front(), engaged,
                                 std::string(Text(row, Field::kFirstEngagementType)), p.owner,
                                 true});
  }
  return true;
}

bool RowMapper::Opportunities(const CsvRow& row, RecordSink& sink) {
  OpportunityRecord& o = opportunity_;
  // A deleted deal (Pipedrive "Status" = deleted) is no deal, whatever its values.
  const DealStatus status = StatusOf(Text(row, Field::kDealStatus));
  if (status == DealStatus::kDeleted) {
    Ignore("deleted deals");
    return true;
  }
  std::string_view id = Text(row, Field::kId);
  if (id.empty()) id = Text(row, Field::kOpportunityId);
  if (id.empty() && !row_identity_) {
    Fail(Column(Field::kId), "no id", "an opportunity row without an id cannot be linked");
    return false;
  }
  o.key = row_identity_ ? RowKey(row.line) : Key(id);
  o.person_keys.clear();
  SplitKeys(Text(row, Field::kContactIds), o.person_keys);
  if (row_person_) {  // the same row, read as people, is the deal's person
    if (std::string person = PersonKeyOf(row); !person.empty()) o.person_keys.push_back(person);
  }
  o.created_at = Time(row, Field::kCreatedAt);
  o.close_date = Time(row, Field::kCloseDate);
  o.amount = 0;
  if (auto a = Text(row, Field::kAmount); !a.empty()) {
    auto money = ParseMoney(a, values_);
    if (!money) {
      Fail(Column(Field::kAmount), "bad money",
           "column " + raw_header_[Column(Field::kAmount)] + ": " + MoneyProblem(a, values_));
    } else {
      // Another currency with no rate: the deal still counts in the funnel, its
      // amount is left out of money totals and listed by `check` as unmapped.
      std::string currency = CurrencyOf(row, money->currency);
      auto rate = currency.empty() ? std::optional<double>(1.0) : Rate(currency);
      if (rate) {
        o.amount = money->amount * *rate;
      } else {
        Unmapped("currency", currency, row.line);
      }
    }
  }
  std::string_view stage_text = Text(row, Field::kStage);
  o.stage = -1;
  if (auto pipeline = Text(row, Field::kPipeline); !pipeline.empty() && !stage_text.empty()) {
    // "Contract Sent (Partner Pipeline)" first: stages of two pipelines can map apart.
    std::string both = std::string(stage_text) + " (" + std::string(pipeline) + ")";
    if (auto stage = config_.MapValue(system_, "stage", both)) {
      o.stage = *stage;
      stage_text = {};
    }
  }
  if (!stage_text.empty()) o.stage = MapStage("stage", stage_text, row.line);
  stage_text = Text(row, Field::kStage);
  int won_stage = config_.StageIndex(config_.won_stage);
  auto won = Bool(row, Field::kIsWon);
  auto closed = Bool(row, Field::kIsClosed);
  if (status == DealStatus::kUnknown) {
    stats_.AddNote("deal statuses baton does not know", row.line, true,
                   "a status that is neither open, won, lost nor deleted in the languages baton "
                   "knows (English, German, Spanish, French, Portuguese, Czech): the deal is read "
                   "as open unless its stage maps to the won stage");
  } else if (status != DealStatus::kNone && !won) {
    won = status == DealStatus::kWon;
    if (!closed) closed = status != DealStatus::kOpen;
  }
  o.is_won = won ? *won : (o.stage >= 0 && o.stage == won_stage);
  o.is_closed =
      closed ? *closed : (o.is_won || NormaliseHeader(stage_text).rfind("closed", 0) == 0);
  if (o.is_won && o.stage < 0 && won_stage >= 0) o.stage = won_stage;
  // Pipedrive writes a lost deal's close in its own column ("Deal - Lost time").
  if (status == DealStatus::kLost && o.close_date == kNoTime) {
    o.close_date = Time(row, Field::kLostAt);
  }
  o.owner = Label(owner_labels_, "owner", Owner(row), row.line);
  o.owner_name = std::string(Text(row, Field::kOwnerName));
  o.campaign = Label(campaign_labels_, "campaign", Text(row, Field::kCampaign), row.line);
  o.source = Label(source_labels_, "source", Text(row, Field::kSource), row.line);
  for (auto [col, stage] : deal_stage_columns_) {
    std::string_view text = Trim(row.fields[static_cast<std::size_t>(col)]);
    if (IsMissing(text)) continue;
    if (auto t = ParseTime(col, text, values_)) entered_.push_back({stage, *t});
  }
  if (failure_) {
    entered_.clear();
    return false;
  }
  // A deal export that carries its person's columns (Pipedrive "Person - Email -
  // Work" beside "Deal - Title"): the row's person is the deal's.
  std::string email;
  if (system_ == "pipedrive" && !row_person_ && Column(Field::kEmail) >= 0) {
    email = NormaliseEmail(Text(row, Field::kEmail));
  }
  if (!email.empty()) o.person_keys.push_back("e:" + email);
  NoteId(o.key, row.line);
  sink.Opportunity(o);
  if (!email.empty()) {
    PersonRecord& p = person_;
    p = PersonRecord{};
    if (o.person_keys.size() > 1) p.keys.push_back(o.person_keys.front());
    p.keys.push_back("e:" + email);
    p.created_at = o.created_at;  // the first the export knows of the person
    p.stage_dates.assign(config_.stages.size(), kNoTime);
    p.dimensions.assign(config_.dimensions.size(), std::string());
    sink.Person(p);
  }
  // Each "Date entered" stage of the deal: a stage change of the deal (rule 2).
  for (auto [stage, at] : entered_) {
    StageChangeRecord change;
    change.subject_key = o.key;
    change.subject_is_opportunity = true;
    change.at = at;
    change.stage = stage;
    sink.StageChange(change);
  }
  entered_.clear();
  return true;
}

bool RowMapper::StageHistory(const CsvRow& row, RecordSink& sink) {
  StageChangeRecord change;
  change.at = Time(row, Field::kCreatedAt);
  if (change.at == kNoTime && !failure_) {
    Fail(Column(Field::kCreatedAt), "missing date", "a stage change without its date");
  }
  if (auto opp = Text(row, Field::kOpportunityId); !opp.empty()) {
    change.subject_key = Key(opp);
    change.subject_is_opportunity = true;
  } else if (auto lead = Text(row, Field::kLeadId); !lead.empty()) {
    change.subject_key = Key(lead);
  } else if (auto person = Text(row, Field::kPersonId); !person.empty()) {
    change.subject_key = Key(person);
  } else {
    Fail(-1, "no subject", "a stage change that names no opportunity or person");
  }
  if (failure_) return false;
  std::string field = NormaliseHeader(Text(row, Field::kChangedField));
  if (Column(Field::kChangedField) < 0) {
    change.stage = MapStage("stage", Text(row, Field::kStage), row.line);
  } else if (field == "stagename" || field == "stage") {
    change.stage = MapStage("stage", Text(row, Field::kNewValue), row.line);
  } else if (field == "status" || field == "leadstatus" || field == "hs_lead_status") {
    change.stage = MapStage("status", Text(row, Field::kNewValue), row.line);
  } else if (field == "lifecyclestage" || field == "lifecycle stage") {  // HubSpot
    change.stage = MapStage("lifecycle", Text(row, Field::kNewValue), row.line);
  } else if (IsOwnerField(field) && !change.subject_is_opportunity) {
    change.is_owner_change = true;
    std::string new_id = NormaliseSalesforceId(Text(row, Field::kNewValue));
    change.owner_is_id = IsSalesforceUserOrQueue(new_id);
    change.to_queue = new_id.rfind("00G", 0) == 0;
    change.new_owner = std::move(new_id);
    std::string old_id = NormaliseSalesforceId(Text(row, Field::kOldValue));
    change.from_user = change.owner_is_id && old_id.rfind("005", 0) == 0;
    change.old_owner = std::move(old_id);
  } else if (IsScoreField(field) && !change.subject_is_opportunity) {
    // Score history (issue 17): the score from this time on.
    auto value = Text(row, Field::kNewValue);
    auto score = ParseNumber(value);
    if (!score) {
      if (value.empty()) {
        Ignore("score changes to no value");
        return true;
      }
      Fail(Column(Field::kNewValue), "bad number", "score '" + std::string(value) + "'");
      return false;
    }
    change.is_score_change = true;
    change.score = *score;
    change.old_score = ParseNumber(Text(row, Field::kOldValue));
    sink.StageChange(change);
    return true;
  } else {
    Ignore("history of fields that are not stages");
    return true;
  }
  if (change.stage < 0 && !change.is_owner_change) {
    Ignore("changes to values that are not funnel stages");
    return true;
  }
  sink.StageChange(change);
  return true;
}

bool RowMapper::Links(const CsvRow& row, RecordSink& sink) {
  auto opp = Text(row, Field::kOpportunityId);
  auto person = Text(row, Field::kContactId);
  if (person.empty()) person = Text(row, Field::kPersonId);
  if (opp.empty() || person.empty()) {
    Fail(-1, "incomplete link", "a link row needs both an opportunity id and a person id");
    return false;
  }
  sink.Link(LinkRecord{Key(opp), Key(person)});
  return true;
}

bool RowMapper::Activities(const CsvRow& row, RecordSink& sink) {
  ActivityRecord& a = activity_;
  // The person: a lead's or a contact's id, whichever the row fills (Zoho calls
  // have both columns); a person_id column the config names is the only one.
  auto who = Text(row, Field::kPersonId);
  if (who.empty() && !configured_person_) who = Text(row, Field::kContactId);
  if (who.empty() && !configured_person_) who = Text(row, Field::kLeadId);
  // A file with a done time (Pipedrive) lists planned activities too: a touch is
  // one marked done, at that time. Otherwise the creation time (SPEC 4.4): it is
  // when the rep logged the touch and cannot be back-dated.
  const bool has_done = Column(Field::kDoneAt) >= 0;
  a.at = Time(row, has_done ? Field::kDoneAt : Field::kCreatedAt);
  if (a.at == kNoTime && !failure_) {
    if (has_done) {
      Ignore("activities not marked done (planned, not a touch)");
      return true;
    }
    Fail(Column(Field::kCreatedAt), "missing date", "an activity without its creation time");
  }
  if (failure_) return false;
  // The time the rep gave the activity (HubSpot "Activity date", a call's start):
  // before its creation means it was logged later or back-dated. Only counted:
  // the touch is timed by its creation, so a value baton cannot read rejects nothing.
  if (std::string_view said_text = Text(row, Field::kActivityAt); !said_text.empty() && !has_done) {
    auto said = ParseTimestamp(said_text, values_);
    if (said && *said < a.at) {
      stats_.AddNote("touches dated before their creation", row.line, false,
                     "the activity date is earlier than when the touch was logged (logged late "
                     "or back-dated); baton times every touch by its creation");
    }
  }
  a.day_only = false;
  if (auto all_day = ParseBool(Text(row, Field::kAllDay)); all_day && *all_day) {
    a.day_only = true;
    stats_.AddNote("all-day events", row.line, false,
                   "an all-day event gives a day, not a time: read as a touch, never as the "
                   "first touch that ends an SLA");
  }
  if (who.empty()) {
    Ignore("activities with no person (its person id is empty)");
    return true;
  }
  if (!activity_details_) {
    sink.Activity(a);
    return true;
  }
  a.type = Text(row, Field::kType);
  a.owner = Owner(row);
  // An activity of several people (HubSpot "Associated Contact IDs" 1;2) touches each.
  if (system_ != "hubspot" || who.find_first_of(";,") == std::string_view::npos) {
    a.person_key = Key(who);
    sink.Activity(a);
    return true;
  }
  ids_.clear();
  SplitKeys(who, ids_);
  if (ids_.empty()) {
    Ignore("activities with no person (its person id is empty)");
    return true;
  }
  for (auto& key : ids_) {
    a.person_key = std::move(key);
    sink.Activity(a);
  }
  return true;
}

// A member is a touchpoint when they responded (SPEC 4.3); a member who was only
// sent the campaign is not (HasResponded false).
bool RowMapper::CampaignMembers(const CsvRow& row, RecordSink& sink) {
  CampaignMemberRecord m;
  auto campaign = Text(row, Field::kCampaignId);
  auto person = Text(row, Field::kContactId);
  if (person.empty()) person = Text(row, Field::kLeadId);
  if (person.empty()) person = Text(row, Field::kPersonId);
  auto responded = Bool(row, Field::kHasResponded);
  // The earliest sign of the membership: added (CreatedDate, e.g. a webinar
  // registration) or first responded (a date, e.g. a booth visit imported later).
  Instant added = Time(row, Field::kCreatedAt);
  Instant first_response = Time(row, Field::kRespondedAt);
  m.at = added == kNoTime            ? first_response
         : first_response == kNoTime ? added
                                     : std::min(added, first_response);
  if (campaign.empty() || person.empty()) {
    Fail(-1, "incomplete membership", "a campaign member row needs a campaign id and a person id");
  }
  if (failure_) return false;
  if (responded == false) {
    Ignore("campaign members who did not respond (not a touch)");
    return true;
  }
  m.campaign_key = Key(campaign);
  m.person_key = Key(person);
  sink.CampaignMember(m);
  return true;
}

// A campaign row; with a cost (Salesforce ActualCost) it is also spend over the
// campaign's StartDate–EndDate, counted on the days no detailed spend covers.
bool RowMapper::Campaigns(const CsvRow& row, RecordSink& sink) {
  auto id = Text(row, Field::kId);
  auto name = Text(row, Field::kName);
  if (id.empty() && name.empty()) {
    Fail(-1, "no id", "a campaign row with neither an id nor a name");
    return false;
  }
  CampaignRecord campaign{Key(id.empty() ? name : id), std::string(name.empty() ? id : name),
                          std::string(Text(row, Field::kChannel))};
  SpendRecord& spend = spend_;
  bool has_cost = !Text(row, Field::kAmount).empty();
  if (has_cost) {
    spend = SpendRecord{};
    spend.campaign = campaign.name;
    spend.campaign_id = std::string(id);
    spend.channel = campaign.channel;
    spend.campaign_total = true;
    auto first = Days(row, Field::kStartDate);
    auto last = Days(row, Field::kEndDate);
    if (!failure_ && (!first || !last)) {
      Fail(Column(first ? Field::kEndDate : Field::kStartDate), "cost without dates",
           "the campaign has a cost but no " + std::string(first ? "end" : "start") +
               " date, so baton cannot tell which period it belongs to (the campaign itself "
               "is read, its cost is not); fill StartDate and EndDate in the CRM, or keep the "
               "cost in a spend sheet (start,end,campaign,amount)");
      // The name and channel stand: members of the campaign must still resolve.
      sink.Campaign(campaign);
      return false;
    }
    if (first && last) {
      spend.first_day = first->first;
      spend.last_day = last->second;
      CheckRange(spend);
    }
    Amount(row, Field::kAmount, spend);
  }
  if (failure_) return false;
  sink.Campaign(campaign);
  if (has_cost) sink.Spend(spend);
  return true;
}

// One row of an ad-platform report, a Marketo period cost or a spend sheet.
bool RowMapper::Spend(const CsvRow& row, RecordSink& sink) {
  SpendRecord& spend = spend_;
  spend = SpendRecord{};
  spend.campaign = std::string(Text(row, Field::kCampaign));
  spend.campaign_id = std::string(Text(row, Field::kCampaignId));
  spend.channel = std::string(Text(row, Field::kChannel));
  if (spend.channel.empty()) spend.channel = default_channel_;
  if (spend.campaign.empty() && spend.campaign_id.empty()) {
    Fail(Column(Field::kCampaign), "no campaign",
         "a spend row must name its campaign; fill the campaign column");
  }
  std::optional<std::pair<Day, Day>> first, last;
  const bool dated = Column(Field::kDay) >= 0 || Column(Field::kStartDate) >= 0;
  if (!dated && spend_days_) {  // the [[file]] table's start_date and end_date
    first = last = std::pair<Day, Day>(static_cast<Day>(spend_days_->first),
                                       static_cast<Day>(spend_days_->second));
  } else if (Column(Field::kDay) >= 0 && !Text(row, Field::kDay).empty()) {
    first = last = Days(row, Field::kDay);
  } else {
    first = Days(row, Field::kStartDate);
    last = Column(Field::kEndDate) >= 0 ? Days(row, Field::kEndDate) : first;
  }
  if (!failure_ && (!first || !last)) {
    Fail(Column(Column(Field::kDay) >= 0 ? Field::kDay : Field::kStartDate), "missing date",
         "a spend row must say which day (or start and end) its money was spent");
  }
  if (first && last) {
    spend.first_day = first->first;
    spend.last_day = last->second;
    CheckRange(spend);
  }
  if (Column(Field::kCostMicros) >= 0) {
    std::string_view text = Text(row, Field::kCostMicros);
    auto micros = ParseNumber(text);
    if (text.empty()) {
      if (!failure_) Ignore("spend rows without an amount");
    } else if (!micros) {
      Fail(Column(Field::kCostMicros), "bad money",
           "'" + std::string(text) + "' in column " + raw_header_[Column(Field::kCostMicros)] +
               " is not a whole number of micros");
    } else {
      spend.amount = *micros / 1e6;
      Convert(Column(Field::kCostMicros), CurrencyOf(row, {}), spend);
    }
  } else {
    Amount(row, Field::kAmount, spend);
  }
  if (failure_) return false;
  if (!ignored_) sink.Spend(spend);
  return true;
}

}  // namespace baton
