// The table of encoding names; see encoding_names.h.
#include "base/encoding_names.h"

#include <string>
#include <utility>

#include "baton/error.h"

namespace baton {

EncodingRequest ParseEncodingName(std::string_view name) {
  std::string key;
  for (char c : name) {
    if (c != '-' && c != '_') key += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  static constexpr std::pair<std::string_view, EncodingRequest> kNames[] = {
      {"auto", EncodingRequest::kAuto},          {"", EncodingRequest::kAuto},
      {"utf8", EncodingRequest::kUtf8},          {"utf8sig", EncodingRequest::kUtf8},
      {"utf16", EncodingRequest::kUtf16},        {"utf16le", EncodingRequest::kUtf16Le},
      {"utf16be", EncodingRequest::kUtf16Be},    {"cp1252", EncodingRequest::kCp1252},
      {"windows1252", EncodingRequest::kCp1252}, {"latin1", EncodingRequest::kLatin1},
      {"iso88591", EncodingRequest::kLatin1},
  };
  for (const auto& [known, value] : kNames) {
    if (key == known) return value;
  }
  ThrowUsage("unknown encoding '" + std::string(name) + "'",
             "use one of auto, utf-8, utf-16le, utf-16be, cp1252, latin1");
}

}  // namespace baton
