// The renderers behind Render and RenderSections (table.h), one file each:
// render_text.cpp (table, md, the dispatch), render_data.cpp (csv, tsv, json,
// ndjson) and render_html.cpp (html). Internal to the report layer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "baton/table.h"

namespace baton {

std::string RenderData(const Table& table, Format format, const RenderOptions& options);
std::string RenderJsonSections(const std::vector<Section>& sections, const Table& facts);
std::string RenderHtml(const Table& table, const RenderOptions& options);
std::string RenderHtmlSections(const std::vector<Section>& sections, const Table& facts,
                               const RenderOptions& options);

// Escapes text for html and XML: & < > " ' and control characters.
std::string HtmlEscape(std::string_view text);

}  // namespace baton
