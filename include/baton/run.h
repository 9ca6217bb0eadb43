// One run of a report over its inputs (SPEC 1–3): every read a report needs, in
// one place, so that commands only say what they need. The first read builds the
// model. A report that judges [[sla]] rules ending at first_touch needs sales
// touches: those come from a second read of the activity files that keeps, per
// person and rule, only the touches the rule can look at (memory follows people,
// not activity rows), unless an input can be read only once (standard input, a
// pipe): then the first read keeps every touch.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "baton/config.h"
#include "baton/error.h"
#include "baton/inputs.h"
#include "baton/model.h"

namespace baton {

// Where a rule starts for each person (SPEC 4.4): the person's recorded time at
// the start stage — neither reached at an unknown time nor filled in by the infer
// policy (a skipped stage was never handed over, so no promise was made then) —
// or assigned_at for start = "assigned". kNoTime where the rule does not start,
// and for everyone when the start names no stage of the model.
class RuleStart {
 public:
  RuleStart(const Model& model, const SlaRule& rule);
  Instant operator()(std::size_t person) const;

 private:
  const Model& model_;
  bool assigned_;
  int stage_;  // -1: no such stage
};

// What a report needs of its inputs.
struct RunNeeds {
  // The facts only `check` and `summary` report (ReadOverrides::data_quality).
  bool data_quality = false;
  // The report judges the config's [[sla]] rules (sla, summary): keep the sales
  // touches that rules ending at first_touch look at.
  bool sla = false;
  // The report shows people by their email or id (sla, summary): keep that text
  // (ModelBuilder::Needs::labels).
  bool labels = true;
};

// What a run read.
struct RunResult {
  Model model;
  std::vector<FileStats> stats;  // per input, in input order
  std::int64_t rejected = 0;     // rows rejected by the first read
};

// Reads `inputs` for a report that needs `needs`: the first read (every rejected
// row goes to on_reject) and, when needed and possible, the second read of the
// activity files (see above; its rejects were already counted by the first).
// Throws what ReadInputs throws.
RunResult ReadRun(const std::vector<InputSpec>& inputs, const Config& config,
                  const ReadOverrides& overrides, Instant as_of, const RunNeeds& needs,
                  const std::function<void(const Reject&)>& on_reject);

// SPEC 1.4, 5: a run that could use nothing never passes. Returns the Error(kData)
// for the first input that was read and yielded no usable row (every row rejected
// or ignored), naming the file, the count and the most common reason with a hint;
// else, when no input was recognised at all (every file of a directory skipped),
// or none had a data row, the Error for the run; nullopt when some input gave
// rows. A file with no data rows among others that gave some is no error.
std::optional<Error> EmptyInputError(const std::vector<FileStats>& stats);

}  // namespace baton
