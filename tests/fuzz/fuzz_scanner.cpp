// libFuzzer target: any bytes through the whole reader (decoding, dialect
// detection, header location, the record scanner, footers). A run-ending
// baton::Error is an expected outcome; anything else (a crash, a sanitizer
// report, another exception, a hang) is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "baton/error.h"
#include "csv/csv.h"
#include "csv/source.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The first byte picks the options, so one corpus exercises them all.
  baton::CsvOptions options;
  if (size > 0) {
    static const char* kEncodings[] = {"auto", "utf-8", "utf-16le", "utf-16be", "cp1252"};
    static const char kDelimiters[] = {0, ',', ';', '\t', '|'};
    options.encoding = kEncodings[data[0] % 5];
    options.delimiter = kDelimiters[(data[0] / 5) % 5];
    ++data;
    --size;
  }
  try {
    baton::TableReader reader(
        baton::MemorySource(std::string(reinterpret_cast<const char*>(data), size)), options,
        "fuzz.csv");
    baton::CsvRow row;
    std::size_t fields = 0;
    while (reader.Next(row)) fields += row.fields.size();
    return fields == static_cast<std::size_t>(-1);  // keep the loop from being optimised away
  } catch (const baton::Error&) {
    return 0;
  }
}
