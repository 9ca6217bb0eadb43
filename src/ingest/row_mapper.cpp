// Row → canonical record translation for every kind (see row_mapper.h). Value
// problems become Failures that reject the row with file, line and column; nothing
// here throws on bad data.
#include "ingest/row_mapper.h"

#include <algorithm>
#include <cstring>

#include "baton/error.h"

namespace baton {
namespace {

int FindColumn(const std::vector<std::string>& header, std::string_view name) {
  auto it = std::find(header.begin(), header.end(), name);
  return it == header.end() ? -1 : static_cast<int>(it - header.begin());
}

// The first field holding a NUL byte, or -1.
int NulField(const CsvRow& row) {
  for (std::size_t i = 0; i < row.fields.size(); ++i) {
    if (std::memchr(row.fields[i].data(), '\0', row.fields[i].size())) return static_cast<int>(i);
  }
  return -1;
}

bool IsOwnerField(std::string_view field) {
  return field == "owner" || field == "ownerassignment" || field == "ownerid";
}

}  // namespace

RowMapper::RowMapper(const Config& config, FileStats& stats, ValueContext values,
                     const Fingerprint* layout, const std::vector<std::string>& header,
                     const std::vector<std::string>& raw_header,
                     const std::map<std::string, std::string>& columns,
                     const std::map<std::string, std::string>& stage_dates,
                     const std::map<std::string, std::string>& dimensions, std::string file_name)
    : config_(config),
      stats_(stats),
      values_(values),
      system_(stats.system),
      file_(std::move(file_name)),
      raw_header_(raw_header),
      columns_(static_cast<int>(Field::kCount), -1) {
  const auto& aliases = layout ? layout->aliases : GenericAliases();
  for (const auto& [field, names] : aliases) {
    for (auto name : names) {
      int col = FindColumn(header, name);
      if (col >= 0) {
        columns_[static_cast<int>(field)] = col;
        break;
      }
    }
  }
  auto required_column = [&](const std::string& what, const std::string& name) {
    int col = FindColumn(header, NormaliseHeader(name));
    if (col < 0) {
      throw Error(
          ExitCode::kUsage, {file_, 0, 0},
          "the config maps " + what + " to column '" + name + "', which is not in the header",
          "check the spelling in [[file]] of baton.toml (headers match case-insensitively)");
    }
    return col;
  };
  for (const auto& [field, name] : columns) {
    columns_[static_cast<int>(*ParseField(field))] = required_column(field, name);
  }
  for (std::size_t c = 0; c < header.size(); ++c) {
    int stage = config.StageDateColumn(system_, header[c]);
    if (stage >= 0) stage_columns_.emplace_back(static_cast<int>(c), stage);
  }
  for (const auto& [stage, name] : stage_dates) {
    stage_columns_.emplace_back(required_column("stage " + stage, name), config.StageIndex(stage));
  }
  for (const auto& [dim, name] : dimensions) {
    auto pos = std::find(config.dimensions.begin(), config.dimensions.end(), dim);
    dim_columns_.emplace_back(required_column("dimension " + dim, name),
                              static_cast<std::size_t>(pos - config.dimensions.begin()));
  }
  RequireColumns();
}

// Every kind needs a few columns to be usable at all; without them each row would
// be read and quietly give nothing, so a file missing one is an error up front.
void RowMapper::RequireColumns() const {
  auto has = [&](Field f) { return Column(f) >= 0; };
  std::string missing;
  switch (stats_.kind) {
    case Kind::kPeople:
      if (!has(Field::kId) && !has(Field::kEmail)) missing = "an id or an email column (id, email)";
      break;
    case Kind::kOpportunities:
      if (!has(Field::kId) && !has(Field::kOpportunityId)) missing = "an id column (id)";
      break;
    case Kind::kStageHistory:
      if (!has(Field::kOpportunityId) && !has(Field::kLeadId) && !has(Field::kPersonId)) {
        missing = "a column naming the deal or person (opportunity_id, person_id)";
      } else if (!has(Field::kCreatedAt)) {
        missing = "the time of each change (created_at)";
      } else if (!has(Field::kStage) && !(has(Field::kChangedField) && has(Field::kNewValue))) {
        missing = "the new value (stage, or changed_field and new_value)";
      }
      break;
    case Kind::kLinks:
      if (!has(Field::kOpportunityId) || (!has(Field::kContactId) && !has(Field::kPersonId))) {
        missing = "a deal id and a person id column (opportunity_id, person_id)";
      }
      break;
    case Kind::kActivities:
      if (!has(Field::kPersonId) || !has(Field::kCreatedAt)) {
        missing = "the person and the time of each touch (person_id, created_at)";
      }
      break;
    case Kind::kCampaignMembers:
      if (!has(Field::kCampaignId) ||
          (!has(Field::kLeadId) && !has(Field::kContactId) && !has(Field::kPersonId))) {
        missing = "a campaign id and a person id column (campaign_id, person_id)";
      }
      break;
    case Kind::kCampaigns:
      if (!has(Field::kId) && !has(Field::kName)) missing = "an id or a name column (id, name)";
      break;
    case Kind::kSpend:
      break;
  }
  if (missing.empty()) return;
  throw Error(ExitCode::kData, {file_, 0, 0},
              "read as " + std::string(KindName(stats_.kind)) + ", the file needs " + missing +
                  ", and none of its columns is one",
              "map the columns in a [[file]] table of baton.toml: match = \"" + file_ +
                  "\" and columns = { FIELD = \"Header\" } (baton init writes a starter)");
}

std::string_view RowMapper::Text(const CsvRow& row, Field field) const {
  int col = Column(field);
  if (col < 0 || static_cast<std::size_t>(col) >= row.fields.size()) return {};
  std::string_view text = Trim(row.fields[static_cast<std::size_t>(col)]);
  return IsMissing(text) ? std::string_view{} : text;
}

void RowMapper::Fail(int column, std::string reason, std::string detail) {
  if (!failure_) failure_ = Failure{column, std::move(reason), std::move(detail)};
}

Instant RowMapper::Time(const CsvRow& row, Field field) {
  std::string_view text = Text(row, field);
  if (text.empty()) return kNoTime;
  auto t = ParseTimestamp(text, values_);
  if (!t) {
    Fail(Column(field), "bad date",
         "'" + std::string(text) + "' in column " + raw_header_[Column(field)] +
             " is not a date or timestamp baton reads (ISO 8601, M/D/YYYY h:mm AM/PM, epoch ms; "
             "set date_order = \"dmy\" for day-first files)");
    return kNoTime;
  }
  return *t;
}

std::optional<bool> RowMapper::Bool(const CsvRow& row, Field field) {
  std::string_view text = Text(row, field);
  if (text.empty()) return std::nullopt;
  auto b = ParseBool(text);
  if (!b) {
    Fail(Column(field), "bad boolean",
         "'" + std::string(text) + "' in column " + raw_header_[Column(field)] +
             " is not true/false, 1/0 or yes/no");
  }
  return b;
}

std::string RowMapper::Key(std::string_view id) const {
  std::string key = system_;
  key += ':';
  if (system_ == "salesforce") {
    key += NormaliseSalesforceId(id);
  } else {
    key += Trim(id);
  }
  return key;
}

// The owner's display name: Salesforce user ids are matched in their 18-character form.
std::string RowMapper::Owner(const CsvRow& row) const {
  std::string_view text = Text(row, Field::kOwner);
  if (system_ == "salesforce") return config_.OwnerName(NormaliseSalesforceId(text));
  return config_.OwnerName(text);
}

void RowMapper::SplitKeys(std::string_view text, std::vector<std::string>& out) const {
  while (!text.empty()) {
    auto cut = text.find_first_of(";,");
    std::string_view part = Trim(text.substr(0, cut));
    if (!part.empty()) out.push_back(Key(part));
    if (cut == std::string_view::npos) break;
    text.remove_prefix(cut + 1);
  }
}

// SPEC 4.5: an id carried by more than one row of a file is a duplicate.
void RowMapper::NoteId(std::string_view id, std::int64_t line) {
  auto [index, added] = seen_ids_.Insert(id);
  if (added) {
    id_first_line_.push_back(line);
    return;
  }
  ++stats_.duplicate_id_rows;
  auto it = stats_.duplicate_ids.find(std::string(id));
  if (it != stats_.duplicate_ids.end()) {
    ++it->second.count;
  } else if (stats_.duplicate_ids.size() < FileStats::kMaxDuplicateExamples) {
    stats_.duplicate_ids.emplace(std::string(id), SeenValue{2, id_first_line_[index]});
  }
}

// Counted under the first spelling seen of each value as the dictionary matches it
// (trimmed, any letter case): "Mystery" and "MYSTERY " are one unmapped value.
void RowMapper::Unmapped(std::string_view field, std::string_view value, std::int64_t line) {
  auto& values = stats_.unmapped[std::string(field)];
  std::string key = NormaliseHeader(value);
  auto [it, added] = unmapped_spelling_.try_emplace(std::string(field) + '\n' + key, value);
  auto& seen = values[it->second];
  if (seen.count++ == 0) seen.first_line = line;
}

int RowMapper::MapStage(std::string_view field, std::string_view value, std::int64_t line) {
  if (value.empty()) return -1;
  auto stage = config_.MapValue(system_, field, value);
  if (!stage) {
    Unmapped(field, value, line);
    return -1;
  }
  return *stage;
}

void RowMapper::Ignore(const char* reason) {
  ++stats_.ignored[reason];
  ignored_ = true;
}

RowMapper::Outcome RowMapper::Map(const CsvRow& row, RecordSink& sink,
                                  const std::function<void(const Reject&)>& on_reject) {
  failure_.reset();
  ignored_ = false;
  line_ = row.line;
  bool used = false;
  // A row ending with a delimiter (a trailing comma) has one empty field more than
  // the header: it is read as the header's fields.
  const bool trailing_delimiter =
      row.fields.size() == raw_header_.size() + 1 && Trim(row.fields.back()).empty();
  if (row.fields.size() != raw_header_.size() && !trailing_delimiter) {
    Fail(-1, "wrong column count",
         std::to_string(row.fields.size()) + " fields where the header has " +
             std::to_string(raw_header_.size()) + " (an unquoted delimiter or line break?)");
  } else if (int nul = NulField(row); nul >= 0) {
    Fail(nul, "NUL byte",
         "column " + raw_header_[static_cast<std::size_t>(nul)] +
             " holds a NUL byte: binary data in a text export; export the file again");
  } else if (row.bad_utf8_field > 0) {
    int col = static_cast<int>(row.bad_utf8_field) - 1;
    Fail(col, "invalid UTF-8",
         "column " + raw_header_[static_cast<std::size_t>(col)] +
             " is not valid UTF-8; give the file's encoding with --encoding cp1252 (or latin1)");
  } else {
    switch (stats_.kind) {
      case Kind::kPeople:
        used = People(row, sink);
        break;
      case Kind::kOpportunities:
        used = Opportunities(row, sink);
        break;
      case Kind::kStageHistory:
        used = StageHistory(row, sink);
        break;
      case Kind::kLinks:
        used = Links(row, sink);
        break;
      case Kind::kActivities:
        used = Activities(row, sink);
        break;
      case Kind::kCampaignMembers:
        used = CampaignMembers(row, sink);
        break;
      case Kind::kCampaigns:
        used = Campaigns(row, sink);
        break;
      case Kind::kSpend:
        Ignore("spend rows (read by the cost report)");
        break;
    }
  }
  if (!failure_) return ignored_ || !used ? Outcome::kIgnored : Outcome::kUsed;
  SeenValue& seen = stats_.rejected[failure_->reason];
  if (seen.count++ == 0) seen.first_line = row.line;
  on_reject(Reject{file_, row.line, failure_->column + 1, failure_->reason, failure_->detail});
  return Outcome::kRejected;
}

bool RowMapper::People(const CsvRow& row, RecordSink& sink) {
  PersonRecord& p = person_;
  p.keys.clear();
  p.linked_keys.clear();
  p.opportunity_keys.clear();
  p.status_stages.clear();
  p.stage_dates.assign(config_.stages.size(), kNoTime);
  p.dimensions.assign(config_.dimensions.size(), std::string());

  std::string_view id = Text(row, Field::kId);
  if (!id.empty()) p.keys.push_back(Key(id));
  std::string email = NormaliseEmail(Text(row, Field::kEmail));
  if (!email.empty()) p.keys.push_back("e:" + email);
  if (p.keys.empty()) {
    Fail(-1, "no id or email", "the row has neither an id nor an email, so it is nobody");
    return false;
  }
  if (auto c = Text(row, Field::kConvertedContactId); !c.empty()) p.linked_keys.push_back(Key(c));
  if (auto o = Text(row, Field::kConvertedOpportunityId); !o.empty()) {
    p.opportunity_keys.push_back(Key(o));
  }
  SplitKeys(Text(row, Field::kDealIds), p.opportunity_keys);
  p.created_at = Time(row, Field::kCreatedAt);
  p.assigned_at = Time(row, Field::kAssignedAt);
  p.source = std::string(Text(row, Field::kSource));
  p.campaign = std::string(Text(row, Field::kCampaign));
  p.owner = Owner(row);
  p.score.reset();
  if (auto s = Text(row, Field::kScore); !s.empty()) {
    p.score = ParseNumber(s);
    if (!p.score) Fail(Column(Field::kScore), "bad number", "score '" + std::string(s) + "'");
  }
  for (auto [col, stage] : stage_columns_) {
    std::string_view text = Trim(row.fields[static_cast<std::size_t>(col)]);
    if (IsMissing(text)) continue;
    auto t = ParseTimestamp(text, values_);
    if (!t) {
      Fail(col, "bad date",
           "'" + std::string(text) + "' in column " + raw_header_[static_cast<std::size_t>(col)] +
               " is not a date or timestamp baton reads");
      continue;
    }
    Instant& slot = p.stage_dates[static_cast<std::size_t>(stage)];
    slot = slot == kNoTime ? *t : std::min(slot, *t);
  }
  for (auto field : {Field::kStatus, Field::kLifecycle}) {
    int stage = MapStage(FieldName(field), Text(row, field), row.line);
    if (stage >= 0) p.status_stages.push_back(stage);
  }
  for (auto [col, dim] : dim_columns_) {
    std::string_view value = Trim(row.fields[static_cast<std::size_t>(col)]);
    p.dimensions[dim] = IsMissing(value) ? std::string() : std::string(value);
  }
  if (failure_) return false;
  if (!id.empty()) NoteId(p.keys.front(), row.line);
  sink.Person(p);
  return true;
}

bool RowMapper::Opportunities(const CsvRow& row, RecordSink& sink) {
  OpportunityRecord& o = opportunity_;
  std::string_view id = Text(row, Field::kId);
  if (id.empty()) id = Text(row, Field::kOpportunityId);
  if (id.empty()) {
    Fail(Column(Field::kId), "no id", "an opportunity row without an id cannot be linked");
    return false;
  }
  o.key = Key(id);
  o.person_keys.clear();
  SplitKeys(Text(row, Field::kContactIds), o.person_keys);
  o.created_at = Time(row, Field::kCreatedAt);
  o.close_date = Time(row, Field::kCloseDate);
  o.amount = 0;
  if (auto a = Text(row, Field::kAmount); !a.empty()) {
    auto money = ParseMoney(a, values_);
    if (!money) {
      Fail(Column(Field::kAmount), "bad money",
           "'" + std::string(a) + "' in column " + raw_header_[Column(Field::kAmount)] +
               " is not an amount; for amounts like 1.234,50 set decimal = \",\" in the "
               "file's [[file]] table");
    } else {
      o.amount = money->amount;
    }
  }
  std::string_view stage_text = Text(row, Field::kStage);
  o.stage = MapStage("stage", stage_text, row.line);
  int won_stage = config_.StageIndex(config_.won_stage);
  auto won = Bool(row, Field::kIsWon);
  auto closed = Bool(row, Field::kIsClosed);
  o.is_won = won ? *won : (o.stage >= 0 && o.stage == won_stage);
  o.is_closed =
      closed ? *closed : (o.is_won || NormaliseHeader(stage_text).rfind("closed", 0) == 0);
  o.owner = Owner(row);
  o.campaign = std::string(Text(row, Field::kCampaign));
  o.source = std::string(Text(row, Field::kSource));
  if (failure_) return false;
  NoteId(o.key, row.line);
  sink.Opportunity(o);
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
  } else if (field == "status" || field == "leadstatus") {
    change.stage = MapStage("status", Text(row, Field::kNewValue), row.line);
  } else if (IsOwnerField(field) && !change.subject_is_opportunity) {
    change.is_owner_change = true;
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
  ActivityRecord a;
  a.at = Time(row, Field::kCreatedAt);
  auto who = Text(row, Field::kPersonId);
  if (a.at == kNoTime && !failure_) {
    Fail(Column(Field::kCreatedAt), "missing date", "an activity without its creation time");
  }
  if (failure_) return false;
  if (who.empty()) {
    Ignore("activities with no person (WhoId empty)");
    return true;
  }
  a.person_key = Key(who);
  a.type = std::string(Text(row, Field::kType));
  a.owner = Owner(row);
  sink.Activity(a);
  return true;
}

bool RowMapper::CampaignMembers(const CsvRow& row, RecordSink& sink) {
  CampaignMemberRecord m;
  auto campaign = Text(row, Field::kCampaignId);
  auto person = Text(row, Field::kContactId);
  if (person.empty()) person = Text(row, Field::kLeadId);
  if (person.empty()) person = Text(row, Field::kPersonId);
  m.at = Time(row, Field::kCreatedAt);
  if (campaign.empty() || person.empty()) {
    Fail(-1, "incomplete membership", "a campaign member row needs a campaign id and a person id");
  }
  if (failure_) return false;
  m.campaign_key = Key(campaign);
  m.person_key = Key(person);
  sink.CampaignMember(m);
  return true;
}

bool RowMapper::Campaigns(const CsvRow& row, RecordSink& sink) {
  auto id = Text(row, Field::kId);
  auto name = Text(row, Field::kName);
  if (id.empty() && name.empty()) {
    Fail(-1, "no id", "a campaign row with neither an id nor a name");
    return false;
  }
  sink.Campaign(CampaignRecord{Key(id.empty() ? name : id), std::string(name.empty() ? id : name),
                               std::string(Text(row, Field::kChannel))});
  return true;
}

}  // namespace baton
