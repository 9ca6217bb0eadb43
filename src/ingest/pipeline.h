// Internal to the ingest layer: reading on the calling thread (loader.cpp), which
// ReadInputs runs either directly or on a second thread (pipeline.cpp).
#pragma once

#include <functional>
#include <vector>

#include "baton/inputs.h"

namespace baton {

// Reads every input in order on this thread: ReadInputs with threads = 1.
std::vector<FileStats> ReadOnThisThread(const std::vector<InputSpec>& inputs, const Config& config,
                                        const ReadOverrides& overrides, RecordSink& sink,
                                        const std::function<void(const Reject&)>& on_reject);

}  // namespace baton
