// Internal to the ingest layer: the steps of reading one file, shared by the
// one-thread read (loader.cpp) and the threaded reads (pipeline.cpp).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baton/inputs.h"
#include "baton/values.h"
#include "csv/csv.h"
#include "ingest/fingerprints.h"
#include "ingest/row_mapper.h"

namespace baton {

// The effective reading setup of one file: config defaults, then matching
// [[file]] rules in order, then the command line.
struct FileSetup {
  std::string system;
  std::optional<Kind> kind;
  CsvOptions csv;
  ValueContext values;
  bool date_order_set = false;  // a [[file]] date_order; else decided from the values
  bool row_identity = false;    // id = "row"
  bool row_person = false;      // InputSpec::row_person
  std::optional<std::pair<std::int64_t, std::int64_t>> spend_days;  // start_date, end_date
  std::string date_format;                                          // every date column's, or ""
  std::map<std::string, std::string> columns, stage_dates, dimensions, date_formats;
};

// One input with its header read and its layout recognised.
struct OpenedFile {
  std::string path;
  std::string name;  // for messages
  FileSetup setup;
  std::unique_ptr<TableReader> reader;  // positioned after the header
  std::vector<std::string> header;      // normalised
  std::string header_currency;
  const Fingerprint* layout = nullptr;  // nullptr for a configured (forced) kind
  FileStats stats;                      // system, kind, layout; or skipped
  const NameTables* names = nullptr;    // the run's name tables (set by ReadEach)
};

// Opens a file and recognises it. A file from a directory that nothing explains
// comes back with stats.skipped set; otherwise such a file throws (loader.cpp).
OpenedFile OpenInput(const InputSpec& input, const Config& config, const ReadOverrides& overrides);

// The row mapper of a file; it writes into `stats` (the file's, or a part's).
std::unique_ptr<RowMapper> MakeMapper(const OpenedFile& f, const Config& config,
                                      const ReadOverrides& overrides, FileStats& stats,
                                      std::string* report_currency);

// Maps every row `reader` gives, counting rows, used rows and footer rows in
// `stats`; progress every 65,536 rows (not at the end).
void MapRows(TableReader& reader, RowMapper& mapper, FileStats& stats, RecordSink& sink,
             const std::function<void(const Reject&)>& on_reject,
             const std::function<void(const ReadProgress&)>& progress, const std::string* name);

// Opens every input in order and hands each recognised one to `read`, which returns
// the bytes it read; then the progress call that ends the file. Skipped files are
// only listed. Calls sink.ReportCurrency at the end.
std::vector<FileStats> ReadEach(
    const std::vector<InputSpec>& inputs, const Config& config, const ReadOverrides& overrides,
    RecordSink& sink,
    const std::function<std::int64_t(OpenedFile&, std::string* report_currency)>& read);

// Where the first line that starts after bytes[0] begins, in `bytes` read from
// some point of a CSV file: the guessed start of a part (pipeline.cpp). The bytes
// are read twice, as if bytes[0] were outside quotes and as if it were inside a
// quoted field; a reading that meets a quote inside an unquoted field, or text
// right after a closing quote, is contradicted. When exactly one stands, its first
// line start is the guess (-1 when it has none in `bytes`); else, when `bytes` are
// `last` (all there is to read), the first line end whatever the quotes (-1 when
// none), and kGuessNeedsMore when they are not. A guess only: the caller checks
// it, so a wrong one costs time, never a wrong row. (Measured on the bench
// company, whose descriptions hold line breaks: the first line end was wrong for
// 14 of some 270 parts, each mapped again on the folding thread.)
constexpr std::int64_t kGuessNeedsMore = -2;
std::int64_t GuessLineStart(std::string_view bytes, char delimiter, bool last);

// Reads every input in order on this thread: ReadInputs with threads = 1.
std::vector<FileStats> ReadOnThisThread(const std::vector<InputSpec>& inputs, const Config& config,
                                        const ReadOverrides& overrides, RecordSink& sink,
                                        const std::function<void(const Reject&)>& on_reject);

}  // namespace baton
