// The one error type that ends a run, and the exit codes of SPEC 5.
// A bad *row* is never an Error: value parsers return std::optional and the
// caller records a reject. Only main() catches Error and maps it to an exit code.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace baton {

// SPEC 5: exit codes.
enum class ExitCode : int {
  kOk = 0,
  kThreshold = 1,  // an SLA/threshold condition asked for was violated
  kUsage = 2,      // bad flag, bad config
  kData = 3,       // unreadable input, or --strict and rejects
  kInternal = 4,   // a bug, or an environment failure (disk full)
};

// Where an error happened. line/column are 1-based; 0 means unknown.
struct Location {
  std::string file;
  std::int64_t line = 0;
  std::int64_t column = 0;
};

// An error that ends the run. what() is the full three-part message:
// "FILE:LINE:COL: what went wrong" plus "hint: how to fix it" when a hint is given.
class Error : public std::runtime_error {
 public:
  Error(ExitCode code, Location where, const std::string& message, const std::string& hint = {});

  ExitCode code() const { return code_; }
  const Location& where() const { return where_; }
  const std::string& message() const { return message_; }
  const std::string& hint() const { return hint_; }

 private:
  ExitCode code_;
  Location where_;
  std::string message_;
  std::string hint_;
};

// Shorthands for the common cases.
[[noreturn]] void ThrowUsage(const std::string& message, const std::string& hint = {});
[[noreturn]] void ThrowData(Location where, const std::string& message,
                            const std::string& hint = {});

}  // namespace baton
