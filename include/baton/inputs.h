// Reading every input file into canonical records (SPEC 1): which files, how each
// was recognised, and what happened to every row (used, rejected with a reason,
// or knowingly ignored). Nothing is dropped without being counted here.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baton/config.h"
#include "baton/error.h"
#include "baton/records.h"

namespace baton {

// One input: a path ("-" = stdin) and, when forced, its system and kind.
struct InputSpec {
  std::string path;
  std::string system;
  std::optional<Kind> kind;
  // Found by scanning a directory: a file no layout explains is skipped (and
  // reported in FileStats::skipped) instead of ending the run.
  bool from_directory = false;
  // Set by ExpandInputs: the one [[file]] table (index into Config::files) this
  // reading follows, -1 = every table that matches; and whether each row's deal
  // belongs to the person the same row describes (a file read as both kinds).
  int rule = -1;
  bool row_person = false;
};

// The readings of the inputs: a file whose [[file]] table lists kinds = [...]
// is read once per kind, each deal row belonging to the person of its row. Throws
// Error(kUsage) naming both lines when two [[file]] tables match one input, unless
// each gives its own kind: then it is read once per table, each with its own
// columns (a deal then names its person through its own columns, contact_ids).
std::vector<InputSpec> ExpandInputs(const std::vector<InputSpec>& inputs, const Config& config);

// Parses "SYSTEM:KIND=FILE", "KIND=FILE" or "FILE" (the --input syntax).
// Throws Error(kUsage) for an unknown kind.
InputSpec ParseInputSpec(std::string_view text);

// Reading options given on the command line; they win over the config.
// How far the reading of one file has got (for a progress line).
struct ReadProgress {
  const std::string* file = nullptr;
  std::int64_t bytes = 0;  // decoded bytes read so far
  std::int64_t rows = 0;
  bool done = false;  // the file is read (the last call for it)
};

struct ReadOverrides {
  std::string encoding;  // "" = as configured / auto
  char delimiter = 0;    // 0 = as configured / detect
  // Called every 65,536 rows and once at the end of each file; empty = not at all.
  std::function<void(const ReadProgress&)> progress;
  // Collect the facts only `check` and `summary` report: ids that more than one row of a file
  // carries (FileStats::duplicate_ids) and activities whose person is nobody
  // (Model::quality.orphan_activities). Other reports skip the per-file id index
  // and, unless an [[sla]] rule needs touches, the activities' person lookups.
  bool data_quality = true;
  // false: activity records carry only their time (person key, type and owner are
  // left empty), for a sink that only counts activities. Set by BuildModel from
  // what its ModelBuilder needs; rows are rejected for the same reasons either way.
  bool activity_details = true;
  // Threads for reading: 1 reads and folds records on the calling thread; with N
  // ≥ 2, N workers map the parts of a large plain file (another file is read by
  // one thread) while the caller folds. The sink is always called on the calling
  // thread, in file order, so the answer is the same (src/ingest/pipeline.cpp).
  int threads = 1;
  // With threads ≥ 2, a plain file of at least 8 parts is read in parts of this
  // many bytes, mapped at once by `threads` workers (tests make parts tiny).
  std::int64_t part_bytes = 2 << 20;
};

// One rejected row (SPEC 1.4).
struct Reject {
  std::string file;
  std::int64_t line = 0;
  std::int64_t column = 0;  // 0 when the whole row is at fault
  std::string reason;       // the class of problem: "bad date", "wrong column count", …
  std::string detail;       // the full explanation with the offending value
};

// How often a value was seen, and where first: unmapped values, repeated ids.
struct SeenValue {
  std::int64_t count = 0;
  std::int64_t first_line = 0;
};

// What happened to one file.
struct FileStats {
  std::string name;
  std::string system;
  Kind kind = Kind::kPeople;
  std::string layout;     // "Salesforce Lead (API names)", or "configured"
  std::string skipped;    // why a file from a directory scan was not read ("" = read)
  std::int64_t rows = 0;  // data rows read (footer and blank lines excluded)
  std::int64_t used = 0;
  std::int64_t footer_rows = 0;
  std::map<std::string, SeenValue> rejected;    // reason → rows, first line
  std::map<std::string, std::int64_t> ignored;  // reason → rows read but not funnel data
  std::map<std::string, std::map<std::string, SeenValue>> unmapped;  // field → value → seen
  // Ids that more than one row of this file carries (people, opportunities): the
  // rows repeating one, and the first kMaxDuplicateExamples such ids.
  // Header names that occur more than once (case-insensitively): the first is read.
  std::vector<std::string> duplicate_columns;
  bool email_column = false;  // a people file with an email column (check's "without email")
  // How numeric dates with '/' were read when the file has them and no [[file]]
  // date_order says (SPEC 1.3): decided by the first date with a part above 12,
  // or month-first when none read decides it. Absent otherwise.
  struct DateOrderFinding {
    DateOrder order = DateOrder::kMdy;
    bool decided = false;
    std::string value;      // the deciding date, else the first undecided one
    std::int64_t line = 0;  // the deciding date's line (decided only)
    // "day-first", "month-first"
    std::string_view OrderName() const;
    // "decided by 13/02/2024 on line 7", or why nothing decided it and what to do.
    std::string Why() const;
    // "day-first, decided by …" or "month-first: no date read decides it …".
    std::string Text() const;
  };
  std::optional<DateOrderFinding> date_order;
  // What `check` should say of the file beyond rejects and unmapped values: a
  // finding ("touches back-dated") → how many rows, the first, and what it means.
  struct Note {
    std::int64_t count = 0;
    std::int64_t first_line = 0;
    bool problem = false;  // counts toward check --strict
    std::string meaning;
  };
  std::map<std::string, Note> notes;
  void AddNote(const std::string& finding, std::int64_t line, bool problem, std::string meaning);
  std::int64_t duplicate_id_rows = 0;
  std::map<std::string, SeenValue> duplicate_ids;
  static constexpr std::size_t kMaxDuplicateExamples = 20;

  std::int64_t RejectedTotal() const;
  std::int64_t IgnoredTotal() const;
};

// The Error for a file whose header no known layout or [[file]] rule explains
// (or that two layouts explain equally); carries the header so that `baton init`
// can describe the file without reading it again.
class UnrecognisedInput : public Error {
 public:
  UnrecognisedInput(Location where, const std::string& message, const std::string& hint,
                    std::vector<std::string> header)
      : Error(ExitCode::kData, std::move(where), message, hint), header_(std::move(header)) {}
  const std::vector<std::string>& header() const { return header_; }

 private:
  std::vector<std::string> header_;
};

// The canonical field names a [file.columns] table accepts, comma separated.
std::string CanonicalFieldNames();

// For a header no layout explains: the canonical field each column's name
// suggests through the generic names ("email", "created", "lead source"), as
// (field, header) pairs in header order, each field at most once.
std::vector<std::pair<std::string, std::string>> SuggestColumns(
    const std::vector<std::string>& header);

// `baton init`'s guess for a file no layout explains, from its header and the
// values of its first rows (SPEC 5): the kind, the canonical field of columns,
// the stage each date column marks, each with the reason in words.
struct GuessedColumn {
  std::string target;  // a canonical field, or a stage for a stage-date column
  std::string header;
  std::string why;
};
struct LayoutGuess {
  std::optional<Kind> kind;  // nullopt: not a data table (prose, one column)
  std::string why;           // why this kind, or why skipped
  std::vector<GuessedColumn> columns, stage_dates;
  std::string date_order;    // "dmy" when the values decide day-first, else ""
  bool needs_range = false;  // spend with no date column: start_date/end_date to give
};
LayoutGuess GuessLayout(const std::vector<std::string>& header,
                        const std::vector<std::vector<std::string>>& rows, const Config& config);

// Reads every input in order, sending records to `sink` and every rejected row to
// `on_reject`. Throws Error(kData) for a file that cannot be read at all or whose
// header no known layout or [[file]] rule explains (naming the file, what it saw,
// and how to force the layout).
std::vector<FileStats> ReadInputs(const std::vector<InputSpec>& inputs, const Config& config,
                                  const ReadOverrides& overrides, RecordSink& sink,
                                  const std::function<void(const Reject&)>& on_reject);

}  // namespace baton
