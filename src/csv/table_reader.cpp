// TableReader (csv.h): ties the ingest layers together — source
// → DecodingSource (UTF-8) → a decoded sample for SniffDialect → Scanner — and
// turns records into a header and data rows, skipping preamble, blank and
// footer rows and flagging rows that are not valid UTF-8.
// It must not interpret values or header names (that happens above the
// reader), and must not drop a row without counting it.
#include <algorithm>
#include <cstring>
#include <string>
#include <utility>

#include "baton/error.h"
#include "csv/csv.h"
#include "csv/dialect.h"
#include "csv/encoding.h"
#include "csv/scanner.h"
#include "csv/source.h"

namespace baton {
namespace {

constexpr std::size_t kSampleBytes = 64u << 10;

// Appends decoded bytes to `sample` until it holds `size` bytes; true at the end of input.
bool ReadSample(ByteSource& source, std::string& sample, std::size_t size) {
  std::size_t have = sample.size();
  sample.resize(size);
  while (have < size) {
    const std::size_t got = source.Read(sample.data() + have, size - have);
    if (got == 0) break;
    have += got;
  }
  sample.resize(have);
  return have < size;
}

void CheckDelimiter(char delimiter) {
  if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
    ThrowUsage("the delimiter cannot be a quote or a line end",
               "give one of , ; | or \\t with --delimiter, or leave it out to detect it");
  }
}

// SPEC 1.4: a file that is not text is an error, not a stream of bad rows.
void CheckText(const std::string& name, const std::string& sample) {
  const std::size_t nul = sample.find('\0');
  if (nul == std::string::npos) return;
  const bool zip = sample.rfind("PK\x03\x04", 0) == 0;
  ThrowData({name},
            zip ? "this is a ZIP archive, not a CSV file"
                : "this is not a text file (a NUL byte at offset " + std::to_string(nul) + ")",
            zip ? "unzip it (an .xlsx workbook: save it as CSV first)"
                : "give a CSV export; if it is UTF-16 without a byte-order mark, pass --encoding "
                  "utf-16le or utf-16be");
}

std::string HeaderCell(std::string_view cell) {
  cell = csv::TrimSpaces(cell);
  if (cell.substr(0, 3) == "\xEF\xBB\xBF") cell = csv::TrimSpaces(cell.substr(3));
  return std::string(cell);
}

// 1-based index of the first field that is not valid UTF-8; 0 when all are.
// Fields split a record at ASCII bytes, so a record that is valid UTF-8 as a
// whole has only valid fields: one pass suffices unless fields were rewritten,
// and none when the scanner saw only ASCII bytes (unescaping removes bytes, it
// adds none).
std::size_t FirstBadUtf8Field(const csv::Scanner& scanner) {
  if (!scanner.may_hold_non_ascii()) return 0;
  const std::span<const std::string_view> fields = scanner.fields();
  if (!scanner.rewritten() && csv::IsValidUtf8(scanner.record_bytes())) return 0;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (!csv::IsValidUtf8(fields[i])) return i + 1;
  }
  return 0;
}

// 1-based index of the first field holding a NUL byte; 0 when none does. One
// search over the record: unescaping keeps every byte but quotes, so a record
// holds a NUL exactly when one of its fields does.
std::size_t FirstNulField(const csv::Scanner& scanner) {
  if (!scanner.may_hold_nul()) return 0;
  const std::string_view bytes = scanner.record_bytes();
  if (std::memchr(bytes.data(), '\0', bytes.size()) == nullptr) return 0;
  const std::span<const std::string_view> fields = scanner.fields();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (std::memchr(fields[i].data(), '\0', fields[i].size()) != nullptr) return i + 1;
  }
  return 0;
}

}  // namespace

struct TableReader::Impl {
  std::string name;
  std::unique_ptr<csv::DecodingSource> source;
  std::unique_ptr<ByteSource> raw;  // a Part reads the file's bytes as they are
  std::int64_t base = 0;            // a Part: the file offset of the scanner's 0
  std::int64_t limit = -1;          // a Part: no record starting here or later
  std::unique_ptr<csv::Scanner> scanner;
  std::string encoding;
  char delimiter = ',';
  std::vector<std::string> header;
  std::int64_t header_line = 0;
  std::int64_t preamble_lines = 0;
  std::int64_t footer_rows = 0;
  std::int64_t blank_lines = 0;
};

TableReader::TableReader(const std::string& path, const CsvOptions& options,
                         std::string display_name)
    : TableReader(OpenSource(path), options,
                  !display_name.empty() ? std::move(display_name)
                  : path == "-"         ? std::string("standard input")
                                        : path) {}

TableReader::TableReader(std::unique_ptr<ByteSource> source, const CsvOptions& options,
                         std::string display_name)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.name = std::move(display_name);
  CheckDelimiter(options.delimiter);
  m.source = std::make_unique<csv::DecodingSource>(std::move(source), options.encoding, m.name);
  m.encoding = csv::EncodingName(m.source->encoding());

  std::string sample;
  bool eof = ReadSample(*m.source, sample, kSampleBytes);
  if (sample.empty()) {
    ThrowData({m.name}, "the file is empty", "a CSV export needs at least a header row");
  }
  CheckText(m.name, sample);
  csv::Dialect dialect = csv::SniffDialect(sample, eof, options.delimiter);
  // A first record longer than the sample: read on until two records are whole.
  while (!eof && dialect.complete_records < 2 && sample.size() < kMaxRecordBytes) {
    eof = ReadSample(*m.source, sample, std::min(2 * sample.size(), kMaxRecordBytes));
    dialect = csv::SniffDialect(sample, eof, options.delimiter);
  }
  m.delimiter = dialect.delimiter;
  csv::ScanOptions scan;
  scan.delimiter = dialect.delimiter;
  m.scanner = std::make_unique<csv::Scanner>(eof ? nullptr : m.source.get(), std::move(sample),
                                             scan, m.name);
  // Without a header the sample held only blank lines or a quote that never
  // closes; the scanner reports the latter itself.
  bool found = dialect.header_record >= 0;
  for (std::int64_t i = 0; found && i <= dialect.header_record; ++i) found = m.scanner->Next();
  if (!found) {
    while (m.scanner->Next()) {
    }
    ThrowData({m.name}, "no header row found (the file holds only blank lines)",
              "a CSV export needs a header row naming its columns");
  }
  m.header_line = m.scanner->line();
  m.preamble_lines = m.header_line - 1;
  for (std::string_view cell : m.scanner->fields()) m.header.push_back(HeaderCell(cell));
}

TableReader::TableReader(const std::string& path, const Part& part, std::string display_name)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.name = std::move(display_name);
  m.raw = OpenSourceAt(path, part.start);
  m.encoding = "utf-8";
  m.delimiter = part.delimiter;
  m.base = part.start;
  m.limit = part.limit;
  csv::ScanOptions scan;
  scan.delimiter = part.delimiter;
  scan.first_line = part.first_line;
  // A small part needs no 256 KiB buffer (the scanner grows it for a longer record).
  scan.buffer_size = static_cast<std::size_t>(
      std::clamp<std::int64_t>(part.limit - part.start + 4096, 4096, 256 << 10));
  m.scanner = std::make_unique<csv::Scanner>(m.raw.get(), std::string(), scan, m.name);
}

TableReader::~TableReader() = default;

const std::vector<std::string>& TableReader::header() const { return impl_->header; }
std::int64_t TableReader::header_line() const { return impl_->header_line; }
char TableReader::delimiter() const { return impl_->delimiter; }
const std::string& TableReader::encoding() const { return impl_->encoding; }
const std::string& TableReader::display_name() const { return impl_->name; }
std::int64_t TableReader::preamble_lines() const { return impl_->preamble_lines; }
std::int64_t TableReader::footer_rows() const { return impl_->footer_rows; }
std::int64_t TableReader::blank_lines() const { return impl_->blank_lines; }
std::int64_t TableReader::bytes_read() const { return impl_->scanner->offset(); }
std::int64_t TableReader::next_offset() const { return impl_->base + impl_->scanner->offset(); }
std::int64_t TableReader::next_line() const { return impl_->scanner->next_line(); }

bool TableReader::Next(CsvRow& row) {
  Impl& m = *impl_;
  csv::Scanner& scanner = *m.scanner;
  while ((m.limit < 0 || m.base + scanner.offset() < m.limit) && scanner.Next()) {
    const std::span<const std::string_view> fields = scanner.fields();
    if (scanner.blank() ||
        std::all_of(fields.begin(), fields.end(), [](std::string_view f) { return f.empty(); })) {
      ++m.blank_lines;
      continue;
    }
    if (csv::IsFooterRow(fields)) {
      ++m.footer_rows;
      continue;
    }
    row.line = scanner.line();
    row.fields = fields;
    row.bad_utf8_field = FirstBadUtf8Field(scanner);
    row.nul_field = FirstNulField(scanner);
    return true;
  }
  row = CsvRow{};
  return false;
}

}  // namespace baton
