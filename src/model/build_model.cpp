// BuildModel: the model layer's entry point, reading the inputs
// through the ingest layer into a ModelBuilder.
#include "baton/model.h"

namespace baton {

Model BuildModel(const std::vector<InputSpec>& inputs, const Config& config,
                 const ReadOverrides& overrides, Instant as_of,
                 const std::function<void(const Reject&)>& on_reject, std::vector<FileStats>& stats,
                 ModelBuilder::Needs::Touches touches, bool labels) {
  ModelBuilder builder(config, as_of, {overrides.data_quality, touches, labels, overrides.threads});
  ReadOverrides read = overrides;
  read.activity_details = builder.NeedsActivityDetails();
  stats = ReadInputs(inputs, config, read, builder, on_reject);
  return builder.Finish();
}

}  // namespace baton
