// The data-quality check (SPEC 4.5): where the data and the definitions disagree.
// A pure function of the model and the per-file reading stats; it reads no file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

// FileStats comes with the model's API (BuildModel reports it): metrics see what the
// read found through the model layer, never the ingest layer itself.
#include "baton/model.h"

namespace baton {

// One line of the check: a count of something in one file or in the merged data.
struct Finding {
  std::string file;   // the input it concerns; "" for the merged people
  std::string check;  // "rows read", "rejected", "unmapped value", "duplicate id", …
  std::string item;   // the reason, value, id or stage it is about ("" when none)
  std::int64_t count = 0;
  std::int64_t first_line = 0;  // where to look first (0 = not one place)
  bool problem = false;         // counts toward --strict; otherwise a fact
  std::string note;             // what it means or what to do
};

// Every finding, files first (in input order), then the merged people. Facts
// (rows read, used, people) are always listed; a problem only when its count > 0.
// With spend, also the spend campaigns that match no CRM campaign (by `config`).
std::vector<Finding> CheckData(const Model& model, const std::vector<FileStats>& files,
                               const Config& config = DefaultConfig());

// True when any finding is a problem (SPEC 4.5: --strict → exit 3).
bool HasProblems(const std::vector<Finding>& findings);

}  // namespace baton
