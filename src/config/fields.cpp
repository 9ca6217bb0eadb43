// The canonical field names (config/fields.h).
#include "config/fields.h"

#include <algorithm>
#include <array>

#include "baton/values.h"

namespace baton {
namespace {

constexpr std::array<std::string_view, static_cast<int>(Field::kCount)> kFieldNames = {
    "id",
    "email",
    "created_at",
    "source",
    "campaign",
    "owner",
    "assigned_at",
    "score",
    "status",
    "lifecycle",
    "first_name",
    "last_name",
    "converted_contact_id",
    "converted_opportunity_id",
    "deal_ids",
    "opportunity_id",
    "person_id",
    "contact_id",
    "lead_id",
    "contact_ids",
    "stage",
    "amount",
    "currency",
    "close_date",
    "is_closed",
    "is_won",
    "changed_field",
    "new_value",
    "type",
    "campaign_id",
    "name",
    "channel",
    "day",
    "start_date",
    "end_date",
    "cost_micros",
    "has_responded",
    "responded_at",
    "old_value",
    "first_engagement_at",
    "first_engagement_type",
    "owner_name",
    "activity_at",
    "all_day",
    "done_at",
    "type_id",
    "attributes",
    "primary_value",
    "crm_lead_id",
    "crm_contact_id",
    "pipeline",
    "deal_status",
    "lost_at",
    "response_time",
    "grade"};

}  // namespace

std::string_view FieldName(Field field) { return kFieldNames[static_cast<int>(field)]; }

std::optional<Field> ParseField(std::string_view name) {
  for (std::size_t i = 0; i < kFieldNames.size(); ++i) {
    if (kFieldNames[i] == name) return static_cast<Field>(i);
  }
  return std::nullopt;
}

std::string FieldNames() {
  std::string out;
  for (auto name : kFieldNames) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

std::string NormaliseHeader(std::string_view header) {
  std::string out(Trim(header));
  // ASCII letters only, as std::tolower in the C locale baton runs in, without
  // its call per byte (a status value is normalised on every row).
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  // Typographic forms some exports write (Pipedrive French "Date d’ajout",
  // "Deal – Title"): U+2019 → ', U+2013 → -.
  for (std::size_t at = out.find('\xE2'); at != std::string::npos && at + 2 < out.size();
       at = out.find('\xE2', at + 1)) {
    if (out[at + 1] == '\x80' && (out[at + 2] == '\x99' || out[at + 2] == '\x93')) {
      out.replace(at, 3, out[at + 2] == '\x99' ? "'" : "-");
    }
  }
  return out;
}

}  // namespace baton
