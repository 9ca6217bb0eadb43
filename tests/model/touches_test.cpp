// AddActivityTouches: the second pass of sla and summary keeps, per rule and
// person, only the touches a first_touch rule can look at, and every rule's
// outcome is the one the one-pass model (every touch kept) gives.
#include <doctest/doctest.h>

#include "baton/model.h"
#include "baton/run.h"
#include "baton/sla.h"
#include "test_util.h"

namespace baton {
namespace {

using test::TempDir;
using test::Utc;

// 300 Salesforce leads created at 09:00 on a day of March 2024, and per lead a
// mix of calls, emails and meetings before and after that (some at the same
// minute, some after as-of), and a few tasks of nobody.
void WriteCompany(const TempDir& dir) {
  std::string leads = "Id,OwnerId,Email,Status,LeadSource,CreatedDate,IsConverted\n";
  std::string tasks = "Id,WhoId,Subject,ActivityDate,CreatedDate,TaskSubtype\n";
  const char* types[] = {"Call", "Email", "Meeting", "call"};
  int task = 0;
  for (int p = 0; p < 300; ++p) {
    const int day = 1 + p % 28;
    const std::string date = "2024-03-" + std::string(day < 10 ? "0" : "") + std::to_string(day);
    const std::string id = "00Q" + std::to_string(1000000 + p) + "AAAAAAAA";
    leads += id + ",005000000000001AAA,p" + std::to_string(p) +
             "@x.example,Open - Not Contacted,Web," + date + "T09:00:00Z,false\n";
    for (int t = 0; t < p % 9; ++t) {
      const int hour = 7 + (t * 7 + p) % 12;
      const std::string at = date + "T" + (hour < 10 ? "0" : "") + std::to_string(hour) + ":" +
                             (t % 3 == 0 ? "00" : "30") + ":00Z";
      tasks += "00T" + std::to_string(3000000 + task++) + "AAAAAAAA," + id + "," +
               types[(t + p) % 4] + "," + date + "," + at + "," + types[(t + p) % 4] + "\n";
    }
    if (p % 50 == 0) {
      tasks += "00T" + std::to_string(3000000 + task++) +
               "AAAAAAAA,00Q999999999999AAA,Call,2024-03-01,2024-03-01T10:00:00Z,Call\n";
    }
    if (p % 40 == 0) {  // after as-of
      tasks += "00T" + std::to_string(3000000 + task++) + "AAAAAAAA," + id +
               ",Call,2025-02-01,2025-02-01T10:00:00Z,Call\n";
    }
  }
  dir.Write("Lead.csv", leads);
  dir.Write("Task.csv", tasks);
}

Config Rules() {
  Config config = DefaultConfig();
  SlaRule first{"first", "lead", "first_touch", 4 * 3600};
  first.business = false;
  first.activity_types = {"Call", "EMAIL"};
  SlaRule depth = first;
  depth.name = "depth";
  depth.touches = 3;
  depth.activity_types = {};
  SlaRule meeting = first;
  meeting.name = "meeting";
  meeting.activity_types = {"meeting"};
  config.sla = {first, depth, meeting};
  return config;
}

std::string Outcomes(const Model& m, const Config& config) {
  std::string out;
  const Calendar calendar = Calendar::Standard(nullptr);  // unused by calendar clocks
  for (const auto& rule : config.sla) {
    SlaResult r = ComputeSla(m, rule, std::vector<const Calendar*>(m.people.size(), &calendar),
                             Period{Utc(2024, 1, 1), Utc(2025, 1, 1), "2024"}, nullptr, {});
    const SlaGroup& g = r.groups.back();
    out += rule.name + ": " + std::to_string(g.started) + " started, " + std::to_string(g.met) +
           " met, " + std::to_string(g.breached) + " breached, " + std::to_string(g.open) +
           " open; ";
    for (const auto& c : r.breaches)
      out += std::to_string(c.person) + "@" + std::to_string(c.end) + " ";
    out += "\n";
  }
  return out;
}

TEST_CASE("the second pass keeps a few touches per person and gives the one-pass outcomes") {
  TempDir dir;
  WriteCompany(dir);
  const Config config = Rules();
  std::vector<InputSpec> inputs = {{dir.path() + "/Lead.csv"}, {dir.path() + "/Task.csv"}};
  std::vector<FileStats> stats;
  auto ignore = [](const Reject&) {};
  ReadOverrides overrides;
  overrides.data_quality = false;
  const Instant as_of = Utc(2025, 1, 1);
  using Touches = ModelBuilder::Needs::Touches;
  Model all = BuildModel(inputs, config, overrides, as_of, ignore, stats, Touches::kAll);
  REQUIRE(all.people.size() == 300);
  const std::string expected = Outcomes(all, config);
  CHECK(expected.find("first: 300 started, 198 met, 50 breached, 52 open;") != std::string::npos);
  CHECK(expected.find("depth: 300 started, 50 met, 132 breached, 118 open;") != std::string::npos);
  CHECK(expected.find("meeting: 300 started, 116 met, 74 breached, 110 open;") !=
        std::string::npos);

  for (int threads : {1, 2}) {
    CAPTURE(threads);
    overrides.threads = threads;
    // The run reads twice: people first, then the touches each rule can look at.
    RunResult run = ReadRun(inputs, config, overrides, as_of, RunNeeds{false, true}, ignore);
    const Model& two = run.model;
    CHECK(Outcomes(two, config) == expected);
    // At most 1 + 3 + 1 touches per person, far fewer than every task.
    CHECK(two.touch_times.size() <= 5 * 300);
    CHECK(two.touch_times.size() < all.touch_times.size());
  }
}

}  // namespace
}  // namespace baton
