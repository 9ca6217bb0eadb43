// The names of the text encodings baton reads (SPEC 1.2), shared by the config
// (which checks `encoding` when it loads) and the CSV reader (which decodes). A
// table of names only: no decoding here.
#pragma once

#include <string_view>

namespace baton {

// What a user asked for: detection, or one encoding ("utf-16" = LE or BE by BOM).
enum class EncodingRequest { kAuto, kUtf8, kUtf16, kUtf16Le, kUtf16Be, kCp1252, kLatin1 };

// "auto" (or ""), "utf-8", "utf-8-sig", "utf-16", "utf-16le", "utf-16be",
// "cp1252", "windows-1252", "latin1", "iso-8859-1": any letter case, with or
// without - and _. Throws Error(kUsage) listing the names when it is unknown.
EncodingRequest ParseEncodingName(std::string_view name);

// Checks an encoding name as ParseEncodingName takes it; throws the same Error.
inline void CheckEncodingName(std::string_view name) { ParseEncodingName(name); }

}  // namespace baton
