// libFuzzer target: arbitrary text as baton.toml. Every problem must end as a
// baton::Error (exit 2 with file, line and column), never a crash or another
// exception.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "baton/config.h"
#include "baton/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    baton::Config config = baton::LoadConfigText(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.toml");
    return config.stages.empty();
  } catch (const baton::Error&) {
    return 0;
  }
}
