// `baton export` (issue 19): the canonical records of the inputs, exactly as the
// ingest layer hands them to the model (SPEC 1.1, after parsing and the translation
// dictionary), written as tables a SQL engine loads without surprises: UTF-8 CSV
// (RFC 4180, one header, no BOM), ISO 8601 UTC times ("2024-03-05T14:03:22Z"),
// civil days as YYYY-MM-DD, '.' decimals, true/false, an empty field for none.
// Nothing is judged here: no as-of, no merge, no policy. Those are the SQL's
// (baton sql), so one export serves every as-of, and a file exports on its own:
// the export of several files is the union of their exports, row for row.
//
// The tables and their columns are a stable interface (schema version kSchema);
// the man page lists them. Person rows are identified by (file, record): the
// file's base name and the person row's ordinal in it, 1-based.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "baton/config.h"
#include "baton/records.h"

namespace baton {

inline constexpr int kExportSchema = 1;

// One exported table: its name (the file is NAME.csv or NAME.csv.gz) and columns.
struct ExportTable {
  std::string_view name;
  std::vector<std::string_view> columns;
  std::string_view about;  // one line for --help and the man page
};
// Every table `baton export` writes, in the order it writes them.
const std::vector<ExportTable>& ExportTables();

struct ExportOptions {
  std::string directory;  // created if missing; existing tables are replaced
  bool gzip = false;      // NAME.csv.gz instead of NAME.csv
  // One part of an export made on several machines: each table goes to its own
  // folder, NAME/PART.csv, so that the parts gather under one directory or prefix.
  std::string part;
  // The business calendar table's span: local days [first_day, last_day] of every
  // calendar (days since 1970-01-01). Empty (first > last): no calendar rows.
  std::int64_t calendar_first_day = 0, calendar_last_day = -1;
  std::string baton_version;
  std::string config_hash;  // DefinitionsHash of the config the export read
};

// Rows written per table (for the command's summary line).
struct ExportCounts {
  std::vector<std::pair<std::string, std::int64_t>> rows;
};

// A RecordSink writing every record to the tables. Each table is written to a
// temporary file and renamed into place by Finish, so an interrupted export leaves
// the previous tables or none, never half of one. Throws Error(kInternal) naming
// the file when a write fails.
class TableExport : public RecordSink {
 public:
  TableExport(const Config& config, ExportOptions options);
  ~TableExport() override;
  TableExport(const TableExport&) = delete;
  TableExport& operator=(const TableExport&) = delete;

  void BeginFile(std::string_view path) override;
  void Person(const PersonRecord& record) override;
  void Opportunity(const OpportunityRecord& record) override;
  void StageChange(const StageChangeRecord& record) override;
  void Link(const LinkRecord& record) override;
  void Activity(const ActivityRecord& record) override;
  void CampaignMember(const CampaignMemberRecord& record) override;
  void Campaign(const CampaignRecord& record) override;
  void Spend(const SpendRecord& record) override;
  void ReportCurrency(std::string_view currency) override;

  // Writes the calendar and manifest tables, closes and renames every table.
  ExportCounts Finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// A short, stable hash of the definitions a run uses (the config's text, or the
// built-in defaults' text, and the baton version): 16 hex digits (FNV-1a, 64 bit).
std::string DefinitionsHash(std::string_view config_text, std::string_view version);

}  // namespace baton
