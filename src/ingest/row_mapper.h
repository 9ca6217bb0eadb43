// RowMapper: one data row of a recognised file → one canonical record (records.h),
// or one reject. It owns the file's column map (layout aliases, then [[file]]
// columns), its stage-date and dimension columns, and counts unmapped values.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "baton/config.h"
#include "baton/inputs.h"
#include "baton/string_index.h"
#include "csv/csv.h"
#include "ingest/fingerprints.h"

namespace baton {

// Reads a flat JSON object ({"New Value": "MQL", "Success": true}) into key/value
// pairs: strings unescaped, other values as written, null as "". False when the
// text is not a JSON object.
bool ParseJsonObject(std::string_view text, std::vector<std::pair<std::string, std::string>>& out);

class RowMapper {
 public:
  // `header` is normalised (lower-case, trimmed), `raw_header` as written.
  // Throws Error(kUsage) when a configured column is not in the header.
  RowMapper(const Config& config, FileStats& stats, ValueContext values, const Fingerprint* layout,
            const std::vector<std::string>& header, const std::vector<std::string>& raw_header,
            const std::map<std::string, std::string>& columns,
            const std::map<std::string, std::string>& stage_dates,
            const std::map<std::string, std::string>& dimensions, std::string file_name);

  enum class Outcome { kUsed, kIgnored, kRejected };

  // Whether to index this file's ids to count duplicates (only check and summary show them).
  void CountDuplicateIds(bool on) { count_duplicates_ = on; }
  // Whether activity records carry their person, type and owner (ReadOverrides).
  void ActivityDetails(bool on) { activity_details_ = on; }
  // The run's name tables (stage and activity type ids), for the layouts that use ids.
  void SetNames(const NameTables* names) { names_ = names; }

  // Money: `header_currency` is a currency named in the file's header ("Amount spent
  // (USD)"); `report_currency` is shared by all files of a run: config `currency`,
  // else the first currency any file names (SPEC 1.3: one currency per report).
  void SetCurrency(std::string header_currency, std::string* report_currency) {
    header_currency_ = std::move(header_currency);
    report_currency_ = report_currency;
  }

  // Dates: a date_format for every date column (or ""), formats by header, and how
  // the file's numeric dates are ordered (FileStats::date_order, for reject hints).
  void SetDates(const std::string& format, const std::map<std::string, std::string>& by_column,
                std::optional<FileStats::DateOrderFinding> order);

  // Shapes a [[file]] table gives: each row its own record (id = "row"); each
  // deal row belonging to the person of the same row (kinds = [people,
  // opportunities]); the days a spend file covers (start_date, end_date).
  void SetShape(bool row_identity, bool row_person,
                std::optional<std::pair<std::int64_t, std::int64_t>> spend_days);

  // Throws Error(kData) when the file lacks a column its kind cannot do without
  // (after the Set… calls, which can supply one: id = "row", a spend range).
  void RequireColumns() const;

  // Translates one row. kRejected after calling on_reject; kIgnored when the row is
  // knowingly not funnel data (counted in stats.ignored by reason).
  Outcome Map(const CsvRow& row, RecordSink& sink,
              const std::function<void(const Reject&)>& on_reject);

 private:
  struct Failure {
    int column = -1;  // 0-based column, -1 for the row
    std::string reason, detail;
  };

  void FindDealStageColumns(const std::vector<std::string>& header);
  // A deal status column (Pipedrive "Deal - Status"), in the export's language.
  enum class DealStatus { kNone, kOpen, kWon, kLost, kDeleted, kUnknown };
  static DealStatus StatusOf(std::string_view text);
  std::optional<std::int64_t> ResponseSeconds(const CsvRow& row);
  int Column(Field field) const { return columns_[static_cast<int>(field)]; }
  std::string_view Text(const CsvRow& row, Field field) const;
  Instant Time(const CsvRow& row, Field field);
  // A cell of a date column read with the column's date_format, or else every
  // built-in form; nullopt after recording the reject.
  std::optional<Instant> ParseTime(int col, std::string_view text, const ValueContext& ctx);
  [[gnu::noinline, gnu::cold]] void BadTime(int col, std::string_view text,
                                            const ValueContext& ctx);
  std::optional<bool> Bool(const CsvRow& row, Field field);
  std::string Key(std::string_view id) const;
  void AppendKey(std::string& out, std::string_view id) const;  // Key, appended
  std::string Owner(const CsvRow& row) const;
  void Fail(int column, std::string reason, std::string detail);
  void Ignore(const char* reason);
  void Unmapped(std::string_view field, std::string_view value, std::int64_t line);
  int MapStage(std::string_view field, std::string_view value, std::int64_t line);
  void SplitKeys(std::string_view text, std::vector<std::string>& out) const;
  void NoteId(std::string_view id, std::int64_t line);
  std::optional<std::pair<Day, Day>> Days(const CsvRow& row, Field field);
  void CheckRange(const SpendRecord& spend);
  void Amount(const CsvRow& row, Field field, SpendRecord& spend);
  std::optional<double> Rate(std::string_view currency);
  std::string CurrencyOf(const CsvRow& row, std::string written) const;
  void Convert(int column, const std::string& currency, SpendRecord& spend);

  bool People(const CsvRow& row, RecordSink& sink);
  bool Opportunities(const CsvRow& row, RecordSink& sink);
  bool StageHistory(const CsvRow& row, RecordSink& sink);
  bool Links(const CsvRow& row, RecordSink& sink);
  bool Activities(const CsvRow& row, RecordSink& sink);
  bool CampaignMembers(const CsvRow& row, RecordSink& sink);
  bool Campaigns(const CsvRow& row, RecordSink& sink);
  bool Spend(const CsvRow& row, RecordSink& sink);
  // Layouts with readers of their own (row_systems.cpp).
  bool MarketoActivity(const CsvRow& row, RecordSink& sink);
  bool PardotLifecycle(const CsvRow& row, RecordSink& sink);
  bool PardotVisitorActivity(const CsvRow& row, RecordSink& sink);
  // A Marketo/Pardot type id's name: the config's [map.SYSTEM.activity_type], the
  // type table given as an input, or the system's standard types; "" = unknown.
  std::string TypeName(std::string_view id, std::int64_t line);
  // An owner change (no Salesforce ids) or a stage change of the row's person.
  void PersonStageChange(const std::string& person, Instant at, int stage, RecordSink& sink);

  const Config& config_;
  FileStats& stats_;
  Shape shape_ = Shape::kPlain;
  // A [[file]] table names the person column: no fallback to contact or lead ids.
  bool configured_person_ = false;
  const NameTables* names_ = nullptr;
  // Deal columns "Date entered \"STAGE (PIPELINE)\"" (HubSpot): (column, stage).
  std::vector<std::pair<int, int>> deal_stage_columns_;
  std::vector<std::pair<int, Instant>> entered_;                 // a row's stages entered, reused
  std::vector<std::pair<std::string, std::string>> attributes_;  // a Marketo row's, reused
  std::vector<std::string> ids_;                                 // an activity's people, reused
  ValueContext values_;
  std::string system_;
  std::string file_;
  const std::vector<std::string>& raw_header_;
  std::vector<int> columns_;                              // Field → column, -1 absent
  std::vector<std::pair<int, int>> stage_columns_;        // (column, stage)
  std::vector<std::pair<int, std::size_t>> dim_columns_;  // (column, dimension index)
  int day_span_ = 0;             // the day column holds weeks (7) or months (31), else 0
  std::string default_channel_;  // spend: the platform, when no channel column says
  using Labels = std::unordered_map<std::string, std::string>;
  // A dimension's value under its [map.SYSTEM.DIMENSION] label; a value the map
  // does not cover stays as written and is counted as unmapped.
  std::string Label(const Labels* labels, std::string_view field, std::string_view value,
                    std::int64_t line);
  std::string RowKey(std::int64_t line) const;
  std::string PersonKeyOf(const CsvRow& row) const;

  std::vector<std::string> date_formats_;  // by column; "" = the built-in forms
  const Labels* source_labels_ = nullptr;
  const Labels* campaign_labels_ = nullptr;
  const Labels* owner_labels_ = nullptr;
  std::vector<const Labels*> dim_labels_;  // by dimension index
  std::string label_key_;
  bool row_identity_ = false;
  bool row_person_ = false;
  std::optional<std::pair<std::int64_t, std::int64_t>> spend_days_;
  std::optional<FileStats::DateOrderFinding> date_order_;
  std::string header_currency_;  // a currency named in the header
  std::string* report_currency_ = nullptr;
  std::string unset_currency_;  // report_currency_ when SetCurrency was not called
  std::optional<Failure> failure_;
  bool ignored_ = false;
  std::int64_t line_ = 0;
  std::unordered_map<std::string, std::string> unmapped_spelling_;  // field+value → first spelling
  // MapStage's last answers: a file repeats a few status values on every row.
  struct MappedStage {
    std::string field;
    std::string value;  // as written
    std::optional<int> stage;
  };
  std::vector<MappedStage> mapped_stages_;
  bool count_duplicates_ = true;
  bool activity_details_ = true;
  ActivityRecord activity_;
  StringIndex seen_ids_;  // ids of this file, for duplicate counts
  std::vector<std::int64_t> id_first_line_;
  // Reused between rows to avoid allocation.
  PersonRecord person_;
  OpportunityRecord opportunity_;
  SpendRecord spend_;
};

}  // namespace baton
