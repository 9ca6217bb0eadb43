// `baton scores`: is the lead score any good? (issue 17, SPEC 4.5). Parses its
// options, loads the model and hands the result to the report layer.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "baton/cost.h"
#include "baton/error.h"
#include "baton/reports.h"
#include "baton/scores.h"
#include "baton/sla.h"
#include "baton/values.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace baton::cli {
namespace {

struct ScoresFlags {
  InputOptions in;
  ReportOptions report;
  std::string at, to, bands = "deciles";
  double window = 0;  // 0 = no window
  bool probability = false;
  bool thresholds = false;
  bool current = false;
  std::string rule;  // the confounding guard's [[sla]] rule
  bool no_guard = false;
};

// --bands: deciles, quintiles, or ascending edges "20,40,60".
void ParseBands(const std::string& text, ScoreOptions& o) {
  if (text == "deciles") return;
  if (text == "grade" || text == "grades") {
    o.bands = ScoreOptions::Bands::kGrade;
    return;
  }
  if (text == "quintiles") {
    o.bands = ScoreOptions::Bands::kQuintiles;
    return;
  }
  o.bands = ScoreOptions::Bands::kEdges;
  if (Trim(text).empty())
    ThrowUsage("--bands is empty", "write --bands deciles or --bands 20,40,60");
  // An empty edge ("20,,40", a trailing comma) is a typo, not nothing.
  if (std::count(text.begin(), text.end(), ',') + 1 !=
      static_cast<std::ptrdiff_t>(SplitList(text).size())) {
    ThrowUsage("--bands " + text + " has an empty edge",
               "write the edges ascending and comma-separated, such as --bands 20,40,60");
  }
  for (auto part : SplitList(text)) {
    auto edge = ParseNumber(part);
    if (!edge || !std::isfinite(*edge) || (!o.edges.empty() && *edge <= o.edges.back())) {
      ThrowUsage("--bands " + text + " is not deciles, quintiles, grade or ascending edges",
                 "write --bands deciles, --bands quintiles, --bands grade or --bands 20,40,60");
    }
    o.edges.push_back(*edge);
  }
}

void RunScores(const ScoresFlags& flags) {
  if (!std::isfinite(flags.window)) ThrowUsage("--window must be a number of days");
  ScoreOptions options;
  ScoreReportOptions names;
  ParseBands(flags.bands, options);
  names.bands = options.bands == ScoreOptions::Bands::kEdges ? "edges " + flags.bands : flags.bands;
  names.grades = options.bands == ScoreOptions::Bands::kGrade;
  if (names.grades && flags.probability) {
    ThrowUsage("--probability does not apply to --bands grade", "a grade is no probability");
  }
  int rule = -1;  // the confounding guard's rule: an index into the config's [[sla]]
  // Sales touches only for a guard whose rule ends at the first touch (the read
  // then costs what sla's does); `check` sets it before Load reads a row.
  ReportOptions report = flags.report;
  report.touches = false;
  report.labels = false;  // no person is shown by email or id
  if (flags.no_guard && !flags.rule.empty()) {
    ThrowUsage("--rule chooses the guard's rule, and --no-guard turns the guard off",
               "give one of them");
  }
  // --at and --to against the config, before any file is read.
  auto check = [&](const Config& config) {
    auto stage = [&](const std::string& flag, const std::string& name) {
      const int index = config.StageIndex(name);
      if (index < 0) {
        ThrowUsage(flag + " " + name + " is not a stage of this funnel",
                   fmt::format("stages: {}{}", fmt::join(config.stages, ", "),
                               flag == "--at" ? ", assigned, created" : ""));
      }
      return index;
    };
    names.at = flags.at;
    if (names.at.empty()) {  // the stage the MQL threshold gates, else the first
      names.at = config.StageIndex("mql") >= 0 ? "mql" : config.stages.front();
    }
    if (names.at == "assigned") {
      options.at_assigned = true;
    } else {
      options.at_stage = stage("--at", names.at == "created" ? config.created_stage : names.at);
    }
    names.to = flags.to.empty() ? config.won_stage : flags.to;
    options.to_stage = stage("--to", names.to);
    if (!options.at_assigned && options.to_stage <= options.at_stage) {
      ThrowUsage("--to " + names.to + " is not a stage after --at " + names.at,
                 "the target must come later in the funnel than the event whose score counts");
    }
    if (!flags.report.by.empty()) options.by = ParseGroupKeys(flags.report.by, config.dimensions);
    // The confounding guard: --rule, else the rule that starts at the event, else the first.
    for (std::size_t i = 0; i < config.sla.size() && rule < 0; ++i) {
      const SlaRule& r = config.sla[i];
      const std::string& at = names.at == "created" ? config.created_stage : names.at;
      if (flags.rule.empty() ? r.start == at : r.name == flags.rule) {
        rule = static_cast<int>(i);
      }
    }
    if (rule < 0 && !flags.rule.empty()) {
      std::vector<std::string> known;
      for (const auto& r : config.sla) known.push_back(r.name);
      ThrowUsage("--rule " + flags.rule + ": no [[sla]] rule has that name",
                 known.empty() ? "the config defines no [[sla]] rule"
                               : fmt::format("rules: {}", fmt::join(known, ", ")));
    }
    if (rule < 0 && !config.sla.empty()) rule = 0;
    if (flags.no_guard) rule = -1;
    report.touches = rule >= 0 && config.sla[static_cast<std::size_t>(rule)].end == "first_touch";
  };
  Loaded loaded = Load(flags.in, report, check);
  const Model& model = loaded.model;
  // A run that could use nothing never exits 0: no input has a score.
  bool any =
      !model.score_change_times.empty() || std::any_of(model.people.begin(), model.people.end(),
                                                       [](const Person& p) { return p.has_score; });
  if (names.grades) {
    any = std::any_of(model.people.begin(), model.people.end(),
                      [](const Person& p) { return p.grade != 0; });
  }
  if (!any && names.grades) {
    ThrowData({}, "no input has a grade or tier",
              "give an export with its grade column (Pardot grade, HubSpot Contact priority, "
              "Salesforce Rating) or map one: grade = \"COLUMN\" in the [file.columns] of a "
              "[[file]] table");
  }
  if (!any) {
    ThrowData({}, "no input has a lead score",
              "give an export with its score column (HubSpot Score, Marketo leadScore, Pardot "
              "score, a Salesforce score field) or map one: score = \"COLUMN\" in the "
              "[file.columns] of a [[file]] table");
  }
  options.period = loaded.period;
  options.tz = loaded.tz;
  options.probability = flags.probability;
  options.current = flags.current;
  if (flags.window > 0) options.window_days = flags.window;
  names.window_days = options.window_days;
  names.thresholds = flags.thresholds;
  names.current = flags.current;
  for (const auto& k : options.by) names.by.push_back(k.name);
  if (rule >= 0) {
    const SlaRule& r = loaded.config.sla[static_cast<std::size_t>(rule)];
    options.sla = SlaMetByPerson(model, loaded.config, r, loaded.tz);
    names.sla_rule = r.name + " (from " + r.start + ")";
  }
  if (flags.thresholds && !model.spend.empty()) {
    options.lead_cost =
        LeadCosts(model, loaded.config, loaded.tz, {kNoTime, model.as_of + 1, "all time"});
    names.currency = model.currency.empty() ? "money" : model.currency;
    names.cost_note =
        "a lead costs what its first-touch campaign spent in all time divided by the leads it "
        "brought (cost per lead, SPEC 4.2)";
  }
  ScoreResult result = ComputeScores(model, options);
  Table table = ScoresReport(result, names);
  // SPEC 5: an empty dated period is no error, but the report says so and where the data is.
  if (result.people == 0 && result.unscored == 0 && options.period.Dated(model.as_of)) {
    table.notes.push_back(EmptyPeriodNote(
        model,
        [&](std::size_t p) {
          return options.at_assigned
                     ? model.people[p].assigned_at
                     : model.StageTime(p, static_cast<std::size_t>(options.at_stage));
        },
        "no person reached " + names.at, names.at + " times", options.period, options.tz));
  }
  Emit(std::move(table), loaded, flags.report);
}

}  // namespace

void SetScoresCommand(CLI::App& app) {
  auto flags = std::make_shared<ScoresFlags>();
  CLI::App* cmd = app.add_subcommand(
      "scores",
      "Is the lead score any good? People in score bands (their score when they reached the "
      "stage the score gates) with conversion, lift, capture and AUC, or the bands as MQL "
      "thresholds");
  AddInputOptions(*cmd, flags->in);
  AddReportOptions(*cmd, flags->report);
  AddColumnsOption(*cmd, flags->report,
                   "band, low, high, people, share, converted, rate, rate_low, rate_high, lift, "
                   "capture, median_days, predicted, sla_met, met_rate, sla_missed, missed_rate, "
                   "auc (--thresholds: threshold, people, per_week, converted, capture, rate, "
                   "cost, cost_per_won)");
  cmd->add_option(
      "--at", flags->at,
      "the event whose score counts, a stage, assigned or created (default: mql, else the "
      "first stage)");
  cmd->add_option("--to", flags->to, "the target stage (default: the won stage)");
  cmd->add_option("--bands", flags->bands,
                  "deciles (default), quintiles, grade (one band per grade or tier), or ascending "
                  "edges such as 20,40,60");
  cmd->add_option("--rule", flags->rule,
                  "the [[sla]] rule of the confounding guard (default: the rule that starts at "
                  "--at, else the first)");
  cmd->add_flag("--no-guard", flags->no_guard,
                "leave out the confounding guard (it reads sales touches when its rule ends at "
                "the first touch, which costs what sla costs)");
  cmd->add_option("--window", flags->window, "count a conversion only within D days of the event")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--probability", flags->probability,
                "the score is a probability (0-1, or 0-100): add the Brier score and the "
                "predicted rate per band");
  cmd->add_flag("--current", flags->current,
                "today's scores, ignoring score history: what a report on current values "
                "would say (it warns)");
  cmd->add_flag("--thresholds", flags->thresholds,
                "each band's lowest score as an MQL threshold: people per week at or above it, "
                "conversions captured, the rate above it");
  cmd->callback([flags] { RunScores(*flags); });
}

}  // namespace baton::cli
