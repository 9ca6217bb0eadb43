// Formatting of run-ending errors; see include/baton/error.h.
#include "baton/error.h"

#include <utility>

namespace baton {
namespace {

std::string Compose(const Location& where, const std::string& message, const std::string& hint) {
  std::string out;
  if (!where.file.empty()) {
    out += where.file;
    if (where.line > 0) out += ':' + std::to_string(where.line);
    if (where.line > 0 && where.column > 0) out += ':' + std::to_string(where.column);
    out += ": ";
  }
  out += message;
  if (!hint.empty()) out += "\n  hint: " + hint;
  return out;
}

}  // namespace

Error::Error(ExitCode code, Location where, const std::string& message, const std::string& hint)
    : std::runtime_error(Compose(where, message, hint)),
      code_(code),
      where_(std::move(where)),
      message_(message),
      hint_(hint) {}

void ThrowUsage(const std::string& message, const std::string& hint) {
  throw Error(ExitCode::kUsage, {}, message, hint);
}

void ThrowData(Location where, const std::string& message, const std::string& hint) {
  throw Error(ExitCode::kData, std::move(where), message, hint);
}

}  // namespace baton
