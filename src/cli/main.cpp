// baton's entry point: builds the CLI11 app from one set_*_command per
// subcommand, and is the only place that catches errors and maps them to the exit
// codes of SPEC 5. Do not use CLI11_PARSE: its error handling would bypass ours.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <string>

#include "baton/error.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace {

// Parses the command line and runs the subcommand; returns its exit code. CLI11's
// own outcomes (--help, a parse error) are handled here, baton's errors in main.
int Run(int argc, char** argv) {
  CLI::App app{
      "baton — one lead-to-revenue funnel from CRM and marketing-automation CSV exports.\n"
      "See baton(1) for definitions, the config format and the output schema.",
      "baton"};
  app.set_version_flag("--version,-V", "baton " BATON_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  baton::cli::SetFunnelCommand(app);
  baton::cli::SetCostCommand(app);
  baton::cli::SetSlaCommand(app);
  baton::cli::SetSummaryCommand(app);
  baton::cli::SetCheckCommand(app);
  baton::cli::SetInitCommand(app);
  baton::cli::SetCompletionsCommand(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --version
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    baton::cli::Warn(
        fmt::format("baton: {}\n  hint: see baton --help or baton COMMAND --help", e.what()));
    return static_cast<int>(baton::ExitCode::kUsage);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);  // a closed pipe becomes EPIPE, handled as a quiet exit
  try {
    return Run(argc, argv);
  } catch (const baton::Error& e) {
    std::fflush(stdout);
    baton::cli::Warn(std::string("baton: ") + e.what());
    return static_cast<int>(e.code());
  } catch (const std::bad_alloc&) {
    baton::cli::Warn("baton: out of memory");
    return static_cast<int>(baton::ExitCode::kInternal);
  } catch (const std::exception& e) {
    baton::cli::Warn(std::string("baton: internal error: ") + e.what() +
                     "\n  hint: please report this with the command line");
    return static_cast<int>(baton::ExitCode::kInternal);
  } catch (...) {
    baton::cli::Warn("baton: internal error\n  hint: please report this with the command line");
    return static_cast<int>(baton::ExitCode::kInternal);
  }
}
