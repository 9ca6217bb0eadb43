// RowMapper's readers for layouts whose rows are not one record of one kind: the
// Marketo activity log and Pardot's lifecycle history and visitor activities. Each
// row's type (an id, named by a type table, the config or the system's standard
// list) decides what it becomes: a stage change, an owner change, a campaign
// touch, a sales touch, or a row knowingly ignored. Sources: README "Systems".
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>

#include "baton/error.h"
#include "ingest/row_mapper.h"

namespace baton {
namespace {

// Marketo's standard activity types (Adobe's activity type list; a Marketo
// instance can add custom types from 100000 up, named by a type table).
constexpr std::array<std::pair<std::string_view, std::string_view>, 38> kMarketoTypes = {{
    {"1", "Visit Webpage"},
    {"2", "Fill Out Form"},
    {"3", "Click Link"},
    {"6", "Send Email"},
    {"7", "Email Delivered"},
    {"8", "Email Bounced"},
    {"9", "Unsubscribe Email"},
    {"10", "Open Email"},
    {"11", "Click Email"},
    {"12", "New Lead"},
    {"13", "Change Data Value"},
    {"19", "Sync Lead to SFDC"},
    {"21", "Convert Lead"},
    {"22", "Change Score"},
    {"23", "Change Owner"},
    {"24", "Add to List"},
    {"25", "Remove from List"},
    {"26", "SFDC Activity"},
    {"27", "Email Bounced Soft"},
    {"32", "Merge Leads"},
    {"34", "Add to Opportunity"},
    {"37", "Delete Lead"},
    {"39", "Send Sales Email"},
    {"40", "Open Sales Email"},
    {"41", "Click Sales Email"},
    {"42", "Add to SFDC Campaign"},
    {"44", "Change Status in SFDC Campaign"},
    {"45", "Receive Sales Email"},
    {"46", "Interesting Moment"},
    {"47", "Request Campaign"},
    {"101", "Change Revenue Stage"},
    {"102", "Change Revenue Stage Manually"},
    {"104", "Change Status in Progression"},
    {"110", "Call Webhook"},
    {"113", "Add to Nurture"},
    {"131", "Fill Out Facebook Lead Ads Form"},
    {"145", "Push Lead to Marketo"},
    {"147", "Fill Out LinkedIn Lead Gen Form"},
}};

// Pardot's visitor activity type numbers (the API's `type`; `type_name` is the
// kind of asset, "Email Tracker", not the action).
constexpr std::array<std::string_view, 39> kPardotTypes = {
    "",
    "Click",
    "View",
    "Error",
    "Success",
    "Session",
    "Sent",
    "Search",
    "New Opportunity",
    "Opportunity Won",
    "Opportunity Lost",
    "Open",
    "Unsubscribe Page",
    "Bounced",
    "Spam Complaint",
    "Email Preference Page",
    "Resubscribed",
    "Click (Third Party)",
    "Opportunity Reopened",
    "Opportunity Linked",
    "Visit",
    "Custom URL click",
    "Olark Chat",
    "Invited to Webinar",
    "Attended Webinar",
    "Registered for Webinar",
    "Social Post Click",
    "Video View",
    "Event Registered",
    "Event Checked In",
    "Video Conversion",
    "UserVoice Suggestion",
    "UserVoice Comment",
    "UserVoice Ticket",
    "Video Watched",
    "Indirect Unsubscribe Open",
    "Indirect Bounce",
    "Indirect Resubscribed",
    "Opportunity Unlinked",
};

// Appends the UTF-8 form of a code point.
void AppendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

bool ParseJsonObject(std::string_view text, std::vector<std::pair<std::string, std::string>>& out) {
  out.clear();
  std::size_t i = 0;
  auto ws = [&] {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  };
  auto string = [&](std::string& s) {
    if (i >= text.size() || text[i] != '"') return false;
    ++i;
    s.clear();
    while (i < text.size() && text[i] != '"') {
      char c = text[i++];
      if (c != '\\') {
        s += c;
        continue;
      }
      if (i >= text.size()) return false;
      char e = text[i++];
      switch (e) {
        case 'n':
          s += '\n';
          break;
        case 't':
          s += '\t';
          break;
        case 'r':
          s += '\r';
          break;
        case 'b':
          s += '\b';
          break;
        case 'f':
          s += '\f';
          break;
        case 'u': {
          auto hex = [&](std::uint32_t& v) {
            if (i + 4 > text.size()) return false;
            v = 0;
            for (int k = 0; k < 4; ++k) {
              char h = text[i++];
              v <<= 4;
              if (h >= '0' && h <= '9') {
                v |= static_cast<std::uint32_t>(h - '0');
              } else if (h >= 'a' && h <= 'f') {
                v |= static_cast<std::uint32_t>(h - 'a' + 10);
              } else if (h >= 'A' && h <= 'F') {
                v |= static_cast<std::uint32_t>(h - 'A' + 10);
              } else {
                return false;
              }
            }
            return true;
          };
          std::uint32_t cp = 0;
          if (!hex(cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00 && i + 6 <= text.size() && text[i] == '\\' &&
              text[i + 1] == 'u') {
            const std::size_t back = i;
            i += 2;
            std::uint32_t low = 0;
            if (!hex(low)) return false;
            if (low >= 0xDC00 && low < 0xE000) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else {
              i = back;  // a lone high surrogate; the next escape stands on its own
            }
          }
          // A lone surrogate or a NUL is no text: the replacement character.
          if ((cp >= 0xD800 && cp < 0xE000) || cp == 0) cp = 0xFFFD;
          AppendUtf8(s, cp);
          break;
        }
        default:
          s += e;
          break;  // \" \\ \/
      }
    }
    if (i >= text.size()) return false;
    ++i;
    return true;
  };
  ws();
  if (i >= text.size() || text[i] != '{') return false;
  ++i;
  ws();
  if (i < text.size() && text[i] == '}') return true;
  while (true) {
    std::string key, value;
    ws();
    if (!string(key)) return false;
    ws();
    if (i >= text.size() || text[i] != ':') return false;
    ++i;
    ws();
    if (i >= text.size()) return false;
    if (text[i] == '"') {
      if (!string(value)) return false;
    } else if (text[i] == '{' || text[i] == '[') {  // kept as written
      std::size_t start = i;
      int depth = 0;
      bool in_string = false;
      for (; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
          if (c == '\\') {
            ++i;
          } else if (c == '"') {
            in_string = false;
          }
        } else if (c == '"') {
          in_string = true;
        } else if (c == '{' || c == '[') {
          ++depth;
        } else if ((c == '}' || c == ']') && --depth == 0) {
          ++i;
          break;
        }
      }
      if (depth != 0) return false;
      value = std::string(text.substr(start, i - start));
    } else {
      std::size_t start = i;
      while (i < text.size() && text[i] != ',' && text[i] != '}') ++i;
      value = std::string(Trim(text.substr(start, i - start)));
      if (value.empty()) return false;
      if (value == "null") value.clear();
    }
    out.emplace_back(std::move(key), std::move(value));
    ws();
    if (i < text.size() && text[i] == ',') {
      ++i;
      continue;
    }
    if (i < text.size() && text[i] == '}') return true;
    return false;
  }
}

std::string RowMapper::TypeName(std::string_view id, std::int64_t line) {
  std::string_view key = Trim(id);
  if (key.empty()) return {};
  if (const Labels* labels = config_.LabelMap(system_, "activity_type")) {
    if (auto hit = labels->find(NormaliseHeader(key)); hit != labels->end()) return hit->second;
  }
  if (system_ == "marketo") {
    if (names_) {
      if (auto hit = names_->marketo_types.find(std::string(key));
          hit != names_->marketo_types.end()) {
        return hit->second;
      }
    }
    for (const auto& [k, name] : kMarketoTypes) {
      if (k == key) return std::string(name);
    }
  } else if (system_ == "pardot") {
    int n = 0;
    for (char c : key)
      n = std::isdigit(static_cast<unsigned char>(c)) && n < 1000 ? n * 10 + (c - '0') : -1;
    if (n > 0 && n < static_cast<int>(kPardotTypes.size())) return std::string(kPardotTypes[n]);
  }
  Unmapped("activity_type", key, line);
  return {};
}

void RowMapper::PersonStageChange(const std::string& person, Instant at, int stage,
                                  RecordSink& sink) {
  StageChangeRecord change;
  change.subject_key = person;
  change.at = at;
  change.stage = stage;
  sink.StageChange(change);
}

// One row of a Marketo bulk activity extract (SPEC 1.1: stage history, owner
// history, campaign touches and sales touches in one file).
bool RowMapper::MarketoActivity(const CsvRow& row, RecordSink& sink) {
  const Instant at = Time(row, Field::kCreatedAt);
  if (at == kNoTime && !failure_) {
    Fail(Column(Field::kCreatedAt), "missing date", "an activity without its activityDate");
  }
  const std::string_view lead = Text(row, Field::kPersonId);
  if (lead.empty() && !failure_) Fail(Column(Field::kPersonId), "no subject", "no leadId");
  std::string_view attributes = Text(row, Field::kAttributes);
  if (!failure_ && !attributes.empty() && !ParseJsonObject(attributes, attributes_)) {
    Fail(Column(Field::kAttributes), "bad attributes",
         "the attributes cell is not a JSON object ({\"New Value\": …}); was the file re-saved "
         "by a spreadsheet, which can break its quotes?");
  }
  if (attributes.empty()) attributes_.clear();
  if (failure_) return false;
  const std::string type = TypeName(Text(row, Field::kTypeId), row.line);
  const std::string name = NormaliseHeader(type);
  auto attribute = [&](std::string_view wanted) -> std::string_view {
    for (const auto& [k, v] : attributes_) {
      if (EqualsIgnoringCase(k, wanted)) return v;
    }
    return {};
  };
  const std::string person = Key(lead);
  const std::string_view primary = Text(row, Field::kPrimaryValue);
  if (name.empty()) {
    Ignore(
        "activities of a type id with no name (give a type table or [map.marketo.activity_type])");
    return true;
  }
  if (name == "change status in progression") {
    // A program's status: a funnel stage when the lifecycle map names it (a
    // lifecycle program), and a campaign touch when it is the program's success.
    const std::string_view status = attribute("New Status");
    bool used = false;
    if (auto stage = config_.MapValue(system_, "lifecycle", status); stage && *stage >= 0) {
      PersonStageChange(person, at, *stage, sink);
      used = true;
    }
    if (EqualsIgnoringCase(attribute("Success"), "true") && !primary.empty()) {
      sink.CampaignMember(CampaignMemberRecord{Key(primary), person, at});
      used = true;
    }
    if (!used) Ignore("program status changes that are neither a stage nor a success");
    return true;
  }
  if (name == "change revenue stage" || name == "change revenue stage manually") {
    std::string_view stage_name = attribute("New Stage");
    if (stage_name.empty()) stage_name = attribute("New Stage ID");
    const int stage = MapStage("lifecycle", stage_name, row.line);
    if (stage >= 0) {
      PersonStageChange(person, at, stage, sink);
    } else {
      Ignore("changes to revenue stages that are not funnel stages");
    }
    return true;
  }
  if (name == "change data value") {
    std::string field = NormaliseHeader(primary.empty() ? attribute("Attribute Name") : primary);
    const char* mapped =
        field == "lead status" || field == "leadstatus" || field == "status" ? "status"
        : field == "lifecycle stage" || field == "revenue stage" || field == "lead lifecycle stage"
            ? "lifecycle"
            : nullptr;
    if (!mapped) {
      Ignore("history of fields that are not stages");
      return true;
    }
    const int stage = MapStage(mapped, attribute("New Value"), row.line);
    if (stage >= 0) {
      PersonStageChange(person, at, stage, sink);
    } else {
      Ignore("changes to values that are not funnel stages");
    }
    return true;
  }
  if (name == "change owner") {
    StageChangeRecord change;
    change.subject_key = person;
    change.at = at;
    change.is_owner_change = true;
    change.new_owner = std::string(attribute("Owner"));
    if (change.new_owner.empty()) change.new_owner = std::string(primary);
    change.old_owner = std::string(attribute("Old Owner"));
    sink.StageChange(change);
    return true;
  }
  if (name == "change score") {
    // Score history (issue 17) of the lead score; Marketo keeps other score fields
    // (behaviour, demographics) whose changes are this type too.
    const std::string field = NormaliseHeader(primary);
    if (!field.empty() && field != "score" && field != "lead score" && field != "leadscore") {
      Ignore("changes of another score field than the lead score");
      return true;
    }
    auto score = ParseNumber(attribute("New Value"));
    if (!score) {
      Fail(Column(Field::kAttributes), "bad number",
           "a Change Score without a numeric New Value: '" + std::string(attribute("New Value")) +
               "'");
      return false;
    }
    StageChangeRecord change;
    change.subject_key = person;
    change.at = at;
    change.is_score_change = true;
    change.score = *score;
    change.old_score = ParseNumber(attribute("Old Value"));
    sink.StageChange(change);
    return true;
  }
  // (Click Link is not one: its value is the link's URL, not an asset of a program.)
  if (name == "fill out form" || name == "click email" ||
      name == "fill out facebook lead ads form" || name == "fill out linkedin lead gen form") {
    // A program's local asset is named "PROGRAM.ASSET": the touch is the program's.
    std::string_view campaign = primary;
    if (auto dot = campaign.rfind('.'); dot != std::string_view::npos && dot > 0) {
      campaign = campaign.substr(0, dot);
    }
    if (campaign.empty()) {
      Ignore("responses with no asset named");
      return true;
    }
    sink.CampaignMember(CampaignMemberRecord{Key(campaign), person, at});
    return true;
  }
  const bool sales =
      name == "send sales email" || name == "sfdc activity" ||
      name.find("meeting") != std::string::npos ||
      (name.find("call") != std::string::npos && name.find("webhook") == std::string::npos);
  if (sales) {
    ActivityRecord& a = activity_;
    a.at = at;
    a.day_only = false;
    if (activity_details_) {
      a.person_key = person;
      a.type = type;
      a.owner.clear();
    }
    sink.Activity(a);
    return true;
  }
  Ignore("activities that are neither a stage, an owner change nor a touch (visits, opens, …)");
  return true;
}

// One row of a Pardot lifecycle history export: the prospect moved to the stage
// next_stage_id names (via a lifecycle stage table, or [map.pardot.lifecycle]).
bool RowMapper::PardotLifecycle(const CsvRow& row, RecordSink& sink) {
  const Instant at = Time(row, Field::kCreatedAt);
  if (at == kNoTime && !failure_) {
    Fail(Column(Field::kCreatedAt), "missing date", "a stage change without its date");
  }
  const std::string_view prospect = Text(row, Field::kPersonId);
  if (prospect.empty() && !failure_) {
    Fail(Column(Field::kPersonId), "no subject", "a stage change that names no prospect");
  }
  if (failure_) return false;
  const std::string_view id = Text(row, Field::kStage);
  if (id.empty()) {
    Ignore("lifecycle rows with no next stage");
    return true;
  }
  std::string_view name = id;
  if (names_) {
    if (auto hit = names_->pardot_stages.find(std::string(id));
        hit != names_->pardot_stages.end()) {
      name = hit->second;
    }
  }
  if (name == id && !config_.MapValue(system_, "lifecycle", id)) {
    Unmapped("lifecycle_stage_id", id, row.line);
    Ignore("stage ids no stage table names");
    return true;
  }
  const int stage = MapStage("lifecycle", name, row.line);
  if (stage < 0) {
    Ignore("changes to values that are not funnel stages");
    return true;
  }
  PersonStageChange(Key(prospect), at, stage, sink);
  return true;
}

// One row of a Pardot visitor activity export: a response to a campaign (form
// success, email click, webinar, event) is a campaign touch; "New Opportunity"
// and "Opportunity Won" are the prospect's opportunity and won stages.
bool RowMapper::PardotVisitorActivity(const CsvRow& row, RecordSink& sink) {
  const Instant at = Time(row, Field::kCreatedAt);
  if (at == kNoTime && !failure_) {
    Fail(Column(Field::kCreatedAt), "missing date", "an activity without its created_at");
  }
  if (failure_) return false;
  const std::string_view prospect = Text(row, Field::kPersonId);
  if (prospect.empty()) {
    Ignore("activities of anonymous visitors (no prospect)");
    return true;
  }
  const std::string name = NormaliseHeader(TypeName(Text(row, Field::kTypeId), row.line));
  if (name.empty()) {
    Ignore("activities of a type number baton does not know");
    return true;
  }
  const std::string person = Key(prospect);
  if (name == "new opportunity" || name == "opportunity won") {
    const int stage = config_.StageIndex(name == "new opportunity" ? config_.opportunity_stage
                                                                   : config_.won_stage);
    if (stage < 0) {
      Ignore("opportunity activities (the funnel has no such stage)");
      return true;
    }
    PersonStageChange(person, at, stage, sink);
    return true;
  }
  static constexpr std::string_view kResponses[] = {"click",
                                                    "success",
                                                    "custom url click",
                                                    "click (third party)",
                                                    "attended webinar",
                                                    "registered for webinar",
                                                    "event registered",
                                                    "event checked in",
                                                    "video conversion"};
  if (std::find(std::begin(kResponses), std::end(kResponses), name) == std::end(kResponses)) {
    Ignore("visitor activities that are not responses (views, opens, visits, sends, …)");
    return true;
  }
  std::string_view campaign_id = Text(row, Field::kCampaignId);
  std::string_view campaign_name = Text(row, Field::kCampaign);
  if (campaign_id.empty() && campaign_name.empty()) {
    Ignore("responses with no campaign");
    return true;
  }
  std::string key = Key(campaign_id.empty() ? campaign_name : campaign_id);
  if (!campaign_id.empty() && !campaign_name.empty()) {
    sink.Campaign(CampaignRecord{key, std::string(campaign_name), {}});
  }
  sink.CampaignMember(CampaignMemberRecord{std::move(key), person, at});
  return true;
}

}  // namespace baton
