// RowMapper setup (the column map), value helpers and the dispatch (see
// row_mapper.h); the per-kind translations are in row_kinds.cpp. Value problems
// become Failures that reject the row with file, line and column; nothing here
// throws on bad data.
#include "ingest/row_mapper.h"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "baton/error.h"

namespace baton {
namespace {

int FindColumn(const std::vector<std::string>& header, std::string_view name) {
  auto it = std::find(header.begin(), header.end(), name);
  return it == header.end() ? -1 : static_cast<int>(it - header.begin());
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
      shape_(layout ? layout->shape : Shape::kPlain),
      values_(values),
      system_(stats.system),
      file_(std::move(file_name)),
      raw_header_(raw_header),
      columns_(static_cast<int>(Field::kCount), -1) {
  const auto& aliases = layout                       ? layout->aliases
                        : stats.kind == Kind::kSpend ? SpendSheetAliases()
                                                     : GenericAliases();
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
  configured_person_ = columns.count("person_id") > 0;
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
  if (stats.kind == Kind::kOpportunities) FindDealStageColumns(header);
  if (stats.kind == Kind::kPeople && Column(Field::kEmail) >= 0) stats.email_column = true;
  source_labels_ = config.LabelMap(system_, "source");
  campaign_labels_ = config.LabelMap(system_, "campaign");
  owner_labels_ = config.LabelMap(system_, "owner");
  for (const auto& dim : config.dimensions) dim_labels_.push_back(config.LabelMap(system_, dim));
  if (int col = Column(Field::kDay); col >= 0) {
    const std::string& h = header[static_cast<std::size_t>(col)];
    if (h == "week" || h == "segments.week") day_span_ = 7;
    if (h == "month" || h == "segments.month" || h == "program month") day_span_ = 31;
  }
  if (system_ == "google-ads") default_channel_ = "Google Ads";
  if (system_ == "linkedin") default_channel_ = "LinkedIn Ads";
  if (system_ == "meta") default_channel_ = "Meta Ads";
  if (system_ == "pardot" && stats.kind != Kind::kNames) {
    stats.AddNote("times in the exporting user's time zone", 0, false,
                  "Pardot writes times without an offset, in the time zone of the user who "
                  "exported; read as " +
                      std::string(values.tz ? values.tz->name() : "UTC") +
                      " (set tz in a [[file]] table for this file if that user's differs)");
  }
  report_currency_ = &unset_currency_;
}

// Every kind needs a few columns to be usable at all; without them each row would
// be read and quietly give nothing, so a file missing one is an error up front.
void RowMapper::RequireColumns() const {
  auto has = [&](Field f) { return Column(f) >= 0; };
  std::string missing;
  switch (stats_.kind) {
    case Kind::kPeople:
      if (!has(Field::kId) && !has(Field::kEmail) && !row_identity_) {
        missing = "an id or an email column (id, email; or id = \"row\")";
      }
      break;
    case Kind::kOpportunities:
      if (!has(Field::kId) && !has(Field::kOpportunityId) && !row_identity_) {
        missing = "an id column (id, or id = \"row\")";
      }
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
      if ((!has(Field::kPersonId) && !has(Field::kContactId) && !has(Field::kLeadId)) ||
          (!has(Field::kCreatedAt) && !has(Field::kDoneAt))) {
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
    case Kind::kNames:
      if (!has(Field::kId) && !has(Field::kName)) missing = "an id or a name column (id, name)";
      break;
    case Kind::kSpend:
      if (!has(Field::kCampaign) && !has(Field::kCampaignId)) {
        missing = "a campaign column (campaign or campaign_id)";
      } else if (!has(Field::kDay) && !has(Field::kStartDate) && !spend_days_) {
        missing =
            "the day of each cost (day, or start_date and end_date columns, or start_date and "
            "end_date in the [[file]] table)";
      } else if (!has(Field::kAmount) && !has(Field::kCostMicros)) {
        missing = "the money spent (amount)";
      }
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

// HubSpot deal exports with stage history: 'Date entered "Contract Sent (Sales
// Pipeline)"' (labels; quotes "" or ''), or hs_v2_date_entered_<stage id> and
// hs_date_entered_<stage id> (internal names). The stage is looked up in
// [map.SYSTEM.stage] as "STAGE (PIPELINE)" first, then as "STAGE", so two pipelines'
// stages of one name can map apart. A stage no map names is counted once as unmapped.
void RowMapper::FindDealStageColumns(const std::vector<std::string>& header) {
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string& h = header[c];
    std::string label;
    if (h.rfind("date entered ", 0) == 0) {
      std::string_view raw = Trim(raw_header_[c]);
      raw.remove_prefix(std::min(raw.size(), std::string_view("date entered ").size()));
      raw = Trim(raw);
      if (raw.size() >= 2 && (raw.front() == '"' || raw.front() == '\'') &&
          raw.back() == raw.front()) {
        raw = raw.substr(1, raw.size() - 2);
      }
      label = std::string(raw);
    } else if (h.rfind("hs_v2_date_entered_", 0) == 0) {
      label = h.substr(std::string_view("hs_v2_date_entered_").size());
    } else if (h.rfind("hs_date_entered_", 0) == 0) {
      label = h.substr(std::string_view("hs_date_entered_").size());
    } else {
      continue;
    }
    if (label.empty()) continue;
    auto stage = config_.MapValue(system_, "stage", label);
    if (!stage && label.back() == ')') {
      if (auto open = label.rfind(" ("); open != std::string::npos) {
        stage = config_.MapValue(system_, "stage", Trim(std::string_view(label).substr(0, open)));
      }
    }
    if (!stage) {
      Unmapped("stage", label, 1);
    } else if (*stage >= 0) {
      deal_stage_columns_.emplace_back(static_cast<int>(c), *stage);
    }
  }
}

void RowMapper::Fail(int column, std::string reason, std::string detail) {
  if (!failure_) failure_ = Failure{column, std::move(reason), std::move(detail)};
}

void RowMapper::SetDates(const std::string& format,
                         const std::map<std::string, std::string>& by_column,
                         std::optional<FileStats::DateOrderFinding> order) {
  date_formats_.assign(raw_header_.size(), format);
  for (const auto& [name, column_format] : by_column) {
    const std::string wanted = NormaliseHeader(name);
    int col = -1;
    for (std::size_t c = 0; c < raw_header_.size() && col < 0; ++c) {
      if (NormaliseHeader(raw_header_[c]) == wanted) col = static_cast<int>(c);
    }
    if (col < 0) {
      throw Error(
          ExitCode::kUsage, {file_, 0, 0},
          "the config gives a date_format for column '" + name + "', which is not in the header",
          "check the spelling in [[file]] of baton.toml (headers match case-insensitively)");
    }
    date_formats_[static_cast<std::size_t>(col)] = column_format;
  }
  date_order_ = std::move(order);
}

void RowMapper::SetShape(bool row_identity, bool row_person,
                         std::optional<std::pair<std::int64_t, std::int64_t>> spend_days) {
  row_identity_ = row_identity;
  row_person_ = row_person;
  spend_days_ = spend_days;
}

// "row:leads.csv:12": the identity of a row that is its own record (id = "row").
// No other file can name it, so nothing joins to it.
std::string RowMapper::RowKey(std::int64_t line) const {
  return "row:" + file_ + ":" + std::to_string(line);
}

// The first key People() gives the same row: its row key, id or email.
std::string RowMapper::PersonKeyOf(const CsvRow& row) const {
  if (row_identity_) return RowKey(row.line);
  if (std::string_view id = Text(row, Field::kId); !id.empty()) return Key(id);
  std::string email = NormaliseEmail(Text(row, Field::kEmail));
  return email.empty() ? std::string() : "e:" + email;
}

std::optional<Instant> RowMapper::ParseTime(int col, std::string_view text,
                                            const ValueContext& ctx) {
  const auto c = static_cast<std::size_t>(col);
  const bool built_in = c >= date_formats_.size() || date_formats_[c].empty();
  const std::optional<Instant> t =
      built_in ? ParseTimestamp(text, ctx) : ParseTimestampAs(text, date_formats_[c], ctx);
  if (t.has_value()) [[likely]] {
    return *t;
  }
  BadTime(col, text, ctx);
  return std::nullopt;
}

// Records the reject of a date ParseTime could not read, saying why. (Apart from
// ParseTime, whose frame was twice the size with the message built in it.)
void RowMapper::BadTime(int col, std::string_view text, const ValueContext& ctx) {
  const auto c = static_cast<std::size_t>(col);
  static const std::string kBuiltIn;
  const std::string& format = c < date_formats_.size() ? date_formats_[c] : kBuiltIn;
  std::string detail = "'" + std::string(text) + "' in column " + raw_header_[c];
  if (!format.empty()) {
    detail += " does not match its date_format \"" + format + "\"";
  } else if (IsNumericSlashDate(text) && date_order_ && date_order_->decided && [&] {
               ValueContext flipped = ctx;
               flipped.date_order =
                   ctx.date_order == DateOrder::kDmy ? DateOrder::kMdy : DateOrder::kDmy;
               return ParseTimestamp(text, flipped).has_value();
             }()) {
    detail +=
        " is not a date read " + date_order_->Text() +
        ": the file mixes day/month orders; set date_order or date_format in its [[file]] table";
  } else if (IsNumericSlashDate(text)) {
    detail += std::string(" is not a date read ") +
              (values_.date_order == DateOrder::kDmy ? "day-first" : "month-first") +
              " (set date_order in the file's [[file]] table if that is wrong)";
  } else {
    detail +=
        " is not a date or timestamp baton reads (ISO 8601, 3/5/2024 2:03 PM, 05.03.2024, "
        "5 Mar 2024, Mar 5, 2024, 2024.03.05, epoch ms); give its form with date_format = "
        "\"%d-%m-%Y\" in the file's [[file]] table";
  }
  Fail(col, "bad date", std::move(detail));
}

Instant RowMapper::Time(const CsvRow& row, Field field) {
  std::string_view text = Text(row, field);
  if (text.empty()) return kNoTime;
  return ParseTime(Column(field), text, values_).value_or(kNoTime);
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
  std::string key;
  AppendKey(key, id);
  return key;
}

void RowMapper::AppendKey(std::string& out, std::string_view id) const {
  out += system_;
  out += ':';
  if (system_ == "salesforce") {
    AppendSalesforceId(out, id);
  } else {
    out += Trim(id);
  }
}

// The owner as the row identifies it (SPEC 2.1): Salesforce ids in their
// 18-character form. The model names it ([owners], a name the exports give).
std::string RowMapper::Owner(const CsvRow& row) const {
  std::string_view text = Text(row, Field::kOwner);
  // Pardot and Marketo name a synced owner by its Salesforce user id (crm_owner_fid).
  if (system_ == "salesforce" ||
      ((text.size() == 15 || text.size() == 18) && text.substr(0, 3) == "005")) {
    return NormaliseSalesforceId(text);
  }
  return std::string(text);
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
  if (!count_duplicates_) return;
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

std::string RowMapper::Label(const Labels* labels, std::string_view field, std::string_view value,
                             std::int64_t line) {
  if (!labels || value.empty()) return std::string(value);
  label_key_.assign(Trim(value));  // NormaliseHeader, into a buffer kept between rows
  for (char& c : label_key_) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  auto hit = labels->find(label_key_);
  if (hit != labels->end()) return hit->second;
  Unmapped(field, value, line);
  return std::string(value);
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
  constexpr std::size_t kRemembered = 32;
  const auto known =
      std::find_if(mapped_stages_.begin(), mapped_stages_.end(),
                   [&](const MappedStage& m) { return m.field == field && m.value == value; });
  std::optional<int> stage;
  if (known != mapped_stages_.end()) {
    stage = known->stage;
  } else {
    stage = config_.MapValue(system_, field, value);
    if (mapped_stages_.size() < kRemembered) {
      mapped_stages_.push_back({std::string(field), std::string(value), stage});
    }
  }
  if (!stage) {
    Unmapped(field, value, line);
    return -1;
  }
  return *stage;
}

// The days a date cell covers: one day, or a whole week or month (a "2024-03"
// month, or a date in a Week/Month column). Spend dates are calendar dates as
// written; they are placed in the report time zone when a period is cut.
std::optional<std::pair<Day, Day>> RowMapper::Days(const CsvRow& row, Field field) {
  std::string_view text = Text(row, field);
  if (text.empty()) return std::nullopt;
  using namespace date;
  auto month_of = [](year_month ym) {
    auto begin = sys_days(ym / 1).time_since_epoch().count();
    auto end = sys_days(ym / date::last).time_since_epoch().count();
    return std::pair<Day, Day>(static_cast<Day>(begin), static_cast<Day>(end));
  };
  if (text.size() == 7 && text[4] == '-') {
    int y = 0, m = 0;
    if (std::sscanf(std::string(text).c_str(), "%4d-%2d", &y, &m) == 2 && m >= 1 && m <= 12 &&
        y >= 1900 && y <= 2999) {
      return month_of(year(y) / month(static_cast<unsigned>(m)));
    }
  }
  ValueContext calendar = values_;
  calendar.tz = nullptr;  // the date as written, whatever the file's zone
  auto t = ParseTime(Column(field), text, calendar);
  if (!t) return std::nullopt;
  auto day = static_cast<Day>(
      floor<days>(sys_seconds(std::chrono::seconds(*t))).time_since_epoch().count());
  if (day_span_ == 7) return std::pair<Day, Day>(day, day + 6);
  if (day_span_ == 31) {
    return month_of(year_month_day(sys_days(days(day))).year() /
                    year_month_day(sys_days(days(day))).month());
  }
  return std::pair<Day, Day>(day, day);
}

void RowMapper::CheckRange(const SpendRecord& spend) {
  if (spend.last_day >= spend.first_day) return;
  Fail(Column(Field::kEndDate), "end before start",
       "the row's end date is before its start date; swap them in the file");
}

// A spend amount; a missing one makes the row ignored (a day with no cost data).
void RowMapper::Amount(const CsvRow& row, Field field, SpendRecord& spend) {
  std::string_view text = Text(row, field);
  if (text.empty()) {
    if (!failure_) Ignore("spend rows without an amount");
    return;
  }
  auto money = ParseMoney(text, values_);
  if (!money) {
    Fail(Column(field), "bad money",
         "column " + raw_header_[Column(field)] + ": " + MoneyProblem(text, values_));
    return;
  }
  spend.amount = money->amount;
  Convert(Column(field), CurrencyOf(row, money->currency), spend);
}

// An amount's currency, upper-cased: the one written next to the number, else the
// row's currency column, else the header's ("Amount spent (USD)"), else "".
std::string RowMapper::CurrencyOf(const CsvRow& row, std::string written) const {
  std::string currency = std::move(written);
  if (currency.empty()) currency = std::string(Text(row, Field::kCurrency));
  if (currency.empty()) currency = header_currency_;
  std::transform(currency.begin(), currency.end(), currency.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return currency;
}

// Units of the report currency per unit of `currency`, or nullopt.
std::optional<double> RowMapper::Rate(std::string_view currency) {
  std::string& report = *report_currency_;
  if (report.empty()) report = std::string(currency);  // the first currency named fixes it
  if (currency == report) return 1.0;
  auto it = config_.rates.find(std::string(currency));
  if (it == config_.rates.end()) return std::nullopt;
  return it->second;
}

// Converts a spend amount in `currency` (CurrencyOf) to the report currency, or
// rejects the row when there is no rate.
void RowMapper::Convert(int column, const std::string& currency, SpendRecord& spend) {
  if (currency.empty() || failure_) return;
  auto rate = Rate(currency);
  if (!rate) {
    int col = Column(Field::kCurrency) >= 0 ? Column(Field::kCurrency) : column;
    Fail(col, "other currency",
         currency + " where the report is in " + *report_currency_ +
             " (one currency per report); give a rate in baton.toml, [rates] " + currency + " = <" +
             *report_currency_ + " per " + currency + ">, or set currency = \"" + currency +
             "\" to report in it");
    return;
  }
  spend.amount *= *rate;
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
  } else if (int nul = static_cast<int>(row.nul_field) - 1; nul >= 0) {
    Fail(nul, "NUL byte",
         "column " + raw_header_[static_cast<std::size_t>(nul)] +
             " holds a NUL byte: binary data in a text export; export the file again");
  } else if (row.bad_utf8_field > 0) {
    int col = static_cast<int>(row.bad_utf8_field) - 1;
    Fail(col, "invalid UTF-8",
         "column " + raw_header_[static_cast<std::size_t>(col)] +
             " is not valid UTF-8; give the file's encoding with --encoding cp1252 (or latin1)");
  } else if (stats_.kind == Kind::kNames) {
    used = true;  // read before the files that use it (LoadNameTables)
  } else if (shape_ == Shape::kMarketoActivityLog) {
    used = MarketoActivity(row, sink);
  } else if (shape_ == Shape::kPardotLifecycle) {
    used = PardotLifecycle(row, sink);
  } else if (shape_ == Shape::kPardotVisitorActivity) {
    used = PardotVisitorActivity(row, sink);
  } else {
    switch (stats_.kind) {
      case Kind::kNames:
        break;
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
        used = Spend(row, sink);
        break;
    }
  }
  if (!failure_) return ignored_ || !used ? Outcome::kIgnored : Outcome::kUsed;
  SeenValue& seen = stats_.rejected[failure_->reason];
  if (seen.count++ == 0) seen.first_line = row.line;
  on_reject(Reject{file_, row.line, failure_->column + 1, failure_->reason, failure_->detail});
  return Outcome::kRejected;
}

}  // namespace baton
