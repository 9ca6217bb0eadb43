// Names of the input kinds (SPEC 1.1), as used by --input and the config.
#include "baton/records.h"

#include <array>

namespace baton {
namespace {

constexpr std::array<std::pair<Kind, std::string_view>, 9> kKinds = {{
    {Kind::kPeople, "people"},
    {Kind::kOpportunities, "opportunities"},
    {Kind::kStageHistory, "stage_history"},
    {Kind::kActivities, "activities"},
    {Kind::kSpend, "spend"},
    {Kind::kCampaignMembers, "campaign_members"},
    {Kind::kCampaigns, "campaigns"},
    {Kind::kLinks, "links"},
    {Kind::kNames, "names"},
}};

}  // namespace

std::string_view KindName(Kind kind) {
  for (const auto& [k, name] : kKinds) {
    if (k == kind) return name;
  }
  return "?";
}

std::optional<Kind> ParseKind(std::string_view name) {
  for (const auto& [k, n] : kKinds) {
    if (n == name) return k;
  }
  return std::nullopt;
}

std::string KindNames() {
  std::string out;
  for (const auto& [k, name] : kKinds) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

}  // namespace baton
