// One set_<name>_command per subcommand (micromamba's layout): each adds its
// options to the app and a callback that does the work through the library.
#pragma once

#include <CLI/CLI.hpp>

namespace baton::cli {

void SetFunnelCommand(CLI::App& app);
void SetInitCommand(CLI::App& app);
void SetCheckCommand(CLI::App& app);
void SetSlaCommand(CLI::App& app);
void SetCostCommand(CLI::App& app);
void SetSummaryCommand(CLI::App& app);
void SetCompletionsCommand(CLI::App& app);

}  // namespace baton::cli
