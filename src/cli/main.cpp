// baton's entry point: builds the CLI11 app from one set_*_command per
// subcommand, and is the only place that catches errors and maps them to the exit
// codes of SPEC 5. Do not use CLI11_PARSE: its error handling would bypass ours.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <string>
#include <vector>

#include "baton/error.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace {

// What to say after a parse error: the subcommand or option nearest to a word
// the command line does not know ("did you mean `funnel`?", as git and Miller
// do), else where the help is.
struct Suggested {
  std::string message;  // replaces CLI11's when set
  std::string hint;
};

Suggested Suggestion(CLI::App& app, int argc, char** argv, bool unknown_argument) {
  std::vector<std::string> commands;
  for (const CLI::App* sub : app.get_subcommands({})) commands.push_back(sub->get_name());
  CLI::App* chosen = nullptr;
  for (int i = 1; i < argc && !chosen; ++i) {
    const std::string word = argv[i];
    if (word.starts_with("-")) continue;
    if (std::find(commands.begin(), commands.end(), word) != commands.end()) {
      chosen = app.get_subcommand(word);
      break;
    }
    const std::string near = baton::cli::NearestName(word, commands);
    return {fmt::format("unknown command '{}'", word),
            near.empty() ? "the commands are funnel, cost, sla, summary, scores, plan, check, "
                           "init and completions; see baton --help"
                         : fmt::format("did you mean `baton {}`? (see baton --help)", near)};
  }
  if (!unknown_argument) return {{}, "see baton --help or baton COMMAND --help"};
  const CLI::App& scope = chosen ? *chosen : app;
  std::vector<std::string> options;
  for (const CLI::Option* option : scope.get_options()) {
    for (const auto& name : option->get_lnames()) options.push_back("--" + name);
  }
  for (int i = 1; i < argc; ++i) {
    std::string word = argv[i];
    if (!word.starts_with("--")) continue;
    word = word.substr(0, word.find('='));
    if (std::find(options.begin(), options.end(), word) != options.end()) continue;
    const std::string near = baton::cli::NearestName(word, options);
    const std::string help = fmt::format("baton {}--help", chosen ? chosen->get_name() + " " : "");
    // An option of other commands that does nothing here: say whose it is.
    std::string owners;
    for (const CLI::App* sub : app.get_subcommands({})) {
      if (sub == chosen || !sub->get_option_no_throw(word)) continue;
      owners += (owners.empty() ? "" : ", ") + sub->get_name();
    }
    if (near.empty() && !owners.empty()) {
      return {fmt::format("{} does nothing for {}", word,
                          chosen ? chosen->get_name() : std::string("baton")),
              fmt::format("it is an option of {} (see {})", owners, help)};
    }
    return {fmt::format("unknown option {}", word),
            near.empty() ? "see " + help + " for the options"
                         : fmt::format("did you mean {}? (see {})", near, help)};
  }
  return {{}, "see baton --help or baton COMMAND --help"};
}

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
  baton::cli::SetScoresCommand(app);
  baton::cli::SetPlanCommand(app);
  baton::cli::SetExportCommand(app);
  baton::cli::SetSqlCommand(app);
  baton::cli::SetCheckCommand(app);
  baton::cli::SetInitCommand(app);
  baton::cli::SetCompletionsCommand(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --version
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    const Suggested said = Suggestion(
        app, argc, argv, e.get_exit_code() == static_cast<int>(CLI::ExitCodes::ExtrasError));
    baton::cli::Warn(fmt::format("baton: {}\n  hint: {}",
                                 said.message.empty() ? std::string(e.what()) : said.message,
                                 said.hint));
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
