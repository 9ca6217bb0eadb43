// Times TableReader over one file and prints MB/s and rows/s (decoded bytes,
// MB = 10^6 bytes), after checking its answer: the row count must equal what
// bench/gen_leads.py reported, and every row must have as many fields as the
// header. A wrong answer exits 1 before anything is timed.
// It must not measure anything but the reader: rows are counted, not copied.
//
// usage: scan_bench FILE EXPECTED_ROWS [RUNS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <string>
#include <vector>

#include "baton/error.h"
#include "csv/csv.h"
#include "csv/source.h"

namespace {

volatile std::size_t sink = 0;

struct Pass {
  std::int64_t rows = 0;
  std::int64_t bad_utf8 = 0;
  std::int64_t bad_width = 0;
  std::int64_t bytes = 0;
  double seconds = 0;      // wall clock
  double cpu_seconds = 0;  // this process's CPU time: steadier on a shared machine
};

Pass ReadAll(const std::string& path) {
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  Pass pass;
  baton::TableReader reader(path, baton::CsvOptions{});
  const std::size_t width = reader.header().size();
  baton::CsvRow row;
  while (reader.Next(row)) {
    ++pass.rows;
    pass.bad_utf8 += row.bad_utf8_field != 0;
    pass.bad_width += row.fields.size() != width;
    sink = sink + row.fields.back().size();  // keeps the field views alive
  }
  pass.bytes = reader.bytes_read();
  pass.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  pass.cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  return pass;
}

// The floor: reading the bytes through the same source, without parsing.
double ReadOnlySeconds(const std::string& path) {
  const auto start = std::chrono::steady_clock::now();
  auto source = baton::OpenSource(path);
  std::vector<char> buf(256u << 10);
  while (source->Read(buf.data(), buf.size()) > 0) {
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: scan_bench FILE EXPECTED_ROWS [RUNS]\n");
    return 2;
  }
  const std::string path = argv[1];
  const std::int64_t expected = std::atoll(argv[2]);
  const int runs = argc > 3 ? std::atoi(argv[3]) : 5;
  try {
    const Pass check = ReadAll(path);  // also warms the page cache
    if (check.rows != expected || check.bad_width != 0) {
      std::fprintf(stderr, "wrong answer: %lld rows (expected %lld), %lld with a wrong width\n",
                   static_cast<long long>(check.rows), static_cast<long long>(expected),
                   static_cast<long long>(check.bad_width));
      return 1;
    }
    Pass best = check;
    double best_cpu = check.cpu_seconds;
    double read_only = ReadOnlySeconds(path);
    for (int i = 0; i < runs; ++i) {
      const Pass pass = ReadAll(path);
      if (pass.seconds < best.seconds) best = pass;
      best_cpu = std::min(best_cpu, pass.cpu_seconds);
      read_only = std::min(read_only, ReadOnlySeconds(path));
    }
    const double mb = static_cast<double>(best.bytes) / 1e6;
    std::printf("%s: %.1f MB, %lld rows (%lld not valid UTF-8), best of %d\n", path.c_str(), mb,
                static_cast<long long>(best.rows), static_cast<long long>(best.bad_utf8), runs + 1);
    std::printf("TableReader: %.3f s  %.0f MB/s  %.2f M rows/s\n", best.seconds, mb / best.seconds,
                static_cast<double>(best.rows) / best.seconds / 1e6);
    std::printf("TableReader: %.3f s CPU  %.0f MB/s (CPU time)\n", best_cpu, mb / best_cpu);
    std::printf("read only:   %.3f s  %.0f MB/s\n", read_only, mb / read_only);
    return 0;
  } catch (const baton::Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 4;
  }
}
