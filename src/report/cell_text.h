// How one cell reads, for people (table, md) and for machines (csv, tsv, json).
// Internal to the report layer.
#pragma once

#include <string>

#include "baton/table.h"

namespace baton {

// "8,000", "66.7%", "3.2", "n/a", "2024-03-05 14:03" (in tz).
std::string HumanText(const Cell& cell, Zone tz);

// "8000", "0.6666666666666666", "3.2083333333333335", "", "2024-03-05T14:03:00Z".
std::string MachineText(const Cell& cell);

// "1 person", "1,250 people": a count with its noun, for report sentences.
std::string Plural(std::int64_t n, std::string_view one, std::string_view many);

// True when a cell's machine text is a JSON literal (a number or true/false, not quoted).
bool IsNumeric(const Cell& cell);

// Escapes text as a JSON string, quotes included.
std::string JsonString(std::string_view text);

}  // namespace baton
