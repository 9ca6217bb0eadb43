// `baton sla`: hand-off SLA breaches (SPEC 4.4). The summary per owner (or --by),
// or --list the breaches; --fail-on-breach / --max-breach-rate make a violated
// rule exit 1 for cron, naming the rule and by how much on stderr.
#include <fmt/format.h>

#include <memory>

#include "baton/error.h"
#include "baton/reports.h"
#include "baton/sla.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace baton::cli {
namespace {

struct SlaFlags {
  InputOptions in;
  ReportOptions report;
  std::vector<std::string> rules;
  bool list = false;
  bool fail_on_breach = false;
  double max_breach_rate = -1;
};

void RunSla(SlaFlags flags) {
  if (flags.report.by.empty()) flags.report.by = "owner";
  std::vector<GroupKey> by;
  // The rules, --rule and --by against the config, before any file is read.
  auto check = [&](const Config& config) {
    if (config.sla.empty()) {
      ThrowUsage("the config defines no [[sla]] rule",
                 "add one to baton.toml, e.g. [[sla]] name = \"mql-to-first-touch\" start = "
                 "\"mql\" end = \"first_touch\" limit = \"4h\"");
    }
    for (const auto& name : flags.rules) {
      bool known = std::any_of(config.sla.begin(), config.sla.end(),
                               [&](const SlaRule& r) { return r.name == name; });
      if (!known) {
        std::string names;
        for (const auto& r : config.sla) names += (names.empty() ? "" : ", ") + r.name;
        ThrowUsage("--rule " + name + ": no [[sla]] rule has that name", "rules: " + names);
      }
    }
    by = ParseGroupKeys(flags.report.by, config.dimensions);
  };
  Loaded loaded = Load(flags.in, flags.report, check);
  std::vector<std::pair<const SlaRule*, SlaResult>> results;
  std::vector<std::pair<std::string, std::string>> described;
  for (const auto& rule : loaded.config.sla) {
    if (!flags.rules.empty() &&
        std::find(flags.rules.begin(), flags.rules.end(), rule.name) == flags.rules.end()) {
      continue;
    }
    std::vector<const Calendar*> calendars = CalendarsFor(loaded.model, loaded.config, rule);
    results.emplace_back(&rule,
                         ComputeSla(loaded.model, rule, calendars, loaded.period, loaded.tz, by));
    described.emplace_back("rule " + rule.name, DescribeRule(rule, loaded.config));
  }
  Table table = flags.list ? SlaBreachTable(results, loaded.model) : SlaSummaryTable(results, by);
  for (auto& d : described) table.meta.push_back(std::move(d));
  if (loaded.period.Dated(
          loaded.model.as_of)) {  // SPEC 5: an empty period says what the data spans
    for (const auto& [rule, result] : results) {
      if (result.groups.empty() || result.groups.back().started > 0) continue;
      RuleStart start(loaded.model, *rule);
      table.notes.push_back(EmptyPeriodNote(loaded.model, start,
                                            "rule " + rule->name + " never started",
                                            rule->start + " times", loaded.period, loaded.tz));
    }
  }
  Emit(std::move(table), loaded, flags.report);

  CheckSlaThresholds(results, flags.fail_on_breach, flags.max_breach_rate);
}

}  // namespace

void CheckSlaThresholds(const std::vector<std::pair<const SlaRule*, SlaResult>>& results,
                        bool fail_on_breach, double max_breach_rate) {
  std::vector<std::string> violations;
  for (const auto& [rule, result] : results) {
    const SlaGroup& all = result.groups.back();
    auto rate = BreachRate(all);
    std::int64_t bad = all.breached + all.open;
    if (fail_on_breach && bad > 0) {
      violations.push_back(fmt::format("rule {}: {} breach{} ({} breached, {} open) of {} due",
                                       rule->name, bad, bad == 1 ? "" : "es", all.breached,
                                       all.open, all.met + bad));
    } else if (max_breach_rate >= 0 && rate && *rate > max_breach_rate) {
      violations.push_back(fmt::format("rule {}: breach rate {:.1f}% is above the maximum {:.1f}%",
                                       rule->name, *rate * 100, max_breach_rate * 100));
    }
  }
  if (!violations.empty()) {
    std::string text;
    for (const auto& v : violations) text += (text.empty() ? "" : "; ") + v;
    throw Error(ExitCode::kThreshold, {}, "SLA violated: " + text,
                "see the breaches with: baton sla --list");
  }
}

void SetSlaCommand(CLI::App& app) {
  auto flags = std::make_shared<SlaFlags>();
  CLI::App* cmd = app.add_subcommand(
      "sla",
      "Hand-off SLAs: per owner (or --by), how many people each [[sla]] rule started, met, "
      "breached, left open or pending, and the response time; --list the breaches");
  AddInputOptions(*cmd, flags->in);
  AddReportOptions(*cmd, flags->report);
  AddColumnsOption(*cmd, flags->report,
                   "rule, [--by keys], started, met, breached, open, pending, met_rate, "
                   "median_hours, p90_hours (--list: rule, person, owner, start, due, end, status, "
                   "overdue_hours)");
  cmd->add_option("--rule", flags->rules, "only this [[sla]] rule (repeatable; default: all)");
  cmd->add_flag("--list", flags->list, "list the breaches, most overdue first");
  cmd->add_flag("--fail-on-breach", flags->fail_on_breach,
                "exit 1 when any rule has a breach (breached or open)");
  cmd->add_option("--max-breach-rate", flags->max_breach_rate,
                  "exit 1 when a rule's (breached + open) / due exceeds R (0 to 1)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->callback([flags] { RunSla(*flags); });
}

}  // namespace baton::cli
