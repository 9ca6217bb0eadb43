// A consumer of the installed library: loads samples/baton.toml, reads samples/
// through ReadRun and prints the all-time cohort funnel's reached counts, one
// stage a line ("lead 296"). Only public headers (<baton/...>) are used.
#include <baton/config.h>
#include <baton/funnel.h>
#include <baton/period.h>
#include <baton/run.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: consumer SAMPLES_DIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  try {
    baton::Config config = baton::LoadConfig(dir + "/baton.toml");
    std::vector<baton::InputSpec> inputs;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.path().extension() == ".csv") inputs.push_back({entry.path().string()});
    }
    std::sort(inputs.begin(), inputs.end(),
              [](const auto& a, const auto& b) { return a.path < b.path; });
    const baton::Zone tz = baton::FindZone(config.tz);
    const baton::Instant as_of = baton::LocalToInstant(2024, 7, 1, 0, 0, 0, nullptr);
    baton::RunResult run =
        baton::ReadRun(inputs, config, {}, as_of, {}, [](const baton::Reject&) {});
    baton::FunnelOptions options;
    options.period = baton::ResolvePeriod("", "", "", tz, as_of);  // all time up to as-of
    options.tz = tz;
    baton::FunnelResult funnel = baton::ComputeFunnel(run.model, options);
    const baton::FunnelGroup& total = funnel.groups.back();  // the total row
    for (std::size_t s = 0; s < funnel.stages.size(); ++s) {
      std::printf("%s %lld\n", funnel.stages[s].c_str(),
                  static_cast<long long>(total.stages[s].count));
    }
  } catch (const baton::Error& e) {
    std::fprintf(stderr, "consumer: %s\n", e.what());
    return 3;
  }
  return 0;
}
