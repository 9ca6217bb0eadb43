// One set_<name>_command per subcommand (micromamba's layout): each adds its
// options to the app and a callback that does the work through the library.
#pragma once

#include <CLI/CLI.hpp>
#include <utility>
#include <vector>

#include "baton/sla.h"

namespace baton::cli {

void SetFunnelCommand(CLI::App& app);
void SetInitCommand(CLI::App& app);
void SetCheckCommand(CLI::App& app);
void SetSlaCommand(CLI::App& app);
void SetCostCommand(CLI::App& app);
void SetSummaryCommand(CLI::App& app);
void SetScoresCommand(CLI::App& app);
void SetPlanCommand(CLI::App& app);
void SetExportCommand(CLI::App& app);
void SetSqlCommand(CLI::App& app);
void SetCompletionsCommand(CLI::App& app);

// --fail-on-breach / --max-breach-rate (sla, summary): throws Error(kThreshold),
// exit 1, naming each violated rule and by how much.
void CheckSlaThresholds(const std::vector<std::pair<const SlaRule*, SlaResult>>& results,
                        bool fail_on_breach, double max_breach_rate);

}  // namespace baton::cli
