// BuildModel and StringPool: the model layer's entry point, reading the inputs
// through the ingest layer into a ModelBuilder.
#include "baton/model.h"

namespace baton {

StringPool::StringPool() {
  strings_.emplace_back();
  index_.emplace(std::string(), 0);
}

std::uint32_t StringPool::Intern(std::string_view text) {
  if (text.empty()) return 0;
  auto [it, added] = index_.try_emplace(std::string(text), static_cast<std::uint32_t>(strings_.size()));
  if (added) strings_.emplace_back(text);
  return it->second;
}

Model BuildModel(const std::vector<InputSpec>& inputs, const Config& config,
                 const ReadOverrides& overrides, Instant as_of,
                 const std::function<void(const Reject&)>& on_reject,
                 std::vector<FileStats>& stats) {
  ModelBuilder builder(config, as_of);
  stats = ReadInputs(inputs, config, overrides, builder, on_reject);
  return builder.Finish();
}

}  // namespace baton
