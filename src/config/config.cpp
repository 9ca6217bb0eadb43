// Loading baton.toml (toml++) over the built-in defaults, with strict validation:
// every unknown key, wrong type, unknown stage or zone is an Error naming the file,
// line and column. The loaded Config is plain data; nothing in a config runs.
#include "baton/config.h"

#include <fmt/format.h>
#include <fnmatch.h>
#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <initializer_list>
#include <set>
#include <sstream>

#include "base/encoding_names.h"
#include "baton/error.h"
#include "config/fields.h"

namespace baton {
namespace {

// Reads one TOML document into a Config, reporting problems against `name`.
class Reader {
 public:
  Reader(Config& config, std::string name, bool builtin)
      : config_(config), name_(std::move(name)), builtin_(builtin) {}

  void Read(const toml::table& root) {
    CheckKeys(root, {"tz", "skipped", "stages", "created_stage", "opportunity_stage", "won_stage",
                     "map", "stage_dates", "owners", "file", "calendar", "sla", "currency", "rates",
                     "campaigns", "attribution", "target"});
    if (auto* node = root.get("tz")) config_.tz = TimeZone(*node, "tz");
    if (auto* node = root.get("skipped")) ReadSkipped(*node);
    if (auto* node = root.get("stages")) ReadStages(*node);
    // The stages SPEC 2.2 rules 3 and 4 feed; "" turns a rule off.
    for (auto [key, slot] : {std::pair{"created_stage", &config_.created_stage},
                             std::pair{"opportunity_stage", &config_.opportunity_stage},
                             std::pair{"won_stage", &config_.won_stage}}) {
      if (auto* node = root.get(key)) {
        *slot = String(*node, key);
        CheckStage(*node, *slot);
      }
    }
    if (auto* node = root.get("stage_dates")) ReadStageDates(*node);
    if (auto* node = root.get("owners")) {
      for (auto&& [id, name] : Table(*node, "owners")) {
        config_.owners[NormaliseSalesforceId(id.str())] =
            String(name, "owners." + std::string(id.str()));
      }
    }
    if (auto* node = root.get("file")) ReadFiles(*node);
    if (auto* node = root.get("map")) ReadMap(*node);  // after [[file]]: its dimensions
    if (auto* node = root.get("stages"); node && !builtin_) CheckRuleStages(root, *node);
    if (auto* node = root.get("calendar")) ReadCalendars(*node);
    if (auto* node = root.get("sla")) ReadSlaRules(*node);
    if (auto* node = root.get("target")) ReadTargets(*node);
    if (auto* node = root.get("currency")) config_.currency = Currency(*node, "currency");
    if (auto* node = root.get("rates")) {
      for (auto&& [code, value] : Table(*node, "rates")) {
        double rate = Number(value, "rates." + std::string(code.str()));
        if (!(rate > 0))
          Fail(value, "a rate must be above 0", "EUR = 1.08 (report currency per EUR)");
        config_.rates[Currency(code.str(), value)] = rate;
      }
    }
    if (auto* node = root.get("campaigns")) {
      for (auto&& [spend_name, crm_name] : Table(*node, "campaigns")) {
        config_.campaign_map[NormaliseCampaignName(spend_name.str())] =
            String(crm_name, "campaigns." + std::string(spend_name.str()));
      }
    }
    if (auto* node = root.get("attribution")) ReadAttribution(*node);
  }

 private:
  [[noreturn]] void Fail(const toml::node& node, const std::string& message,
                         const std::string& hint) const {
    const auto& begin = node.source().begin;
    throw Error(ExitCode::kUsage, {name_, begin.line, begin.column}, message, hint);
  }

  const toml::table& Table(const toml::node& node, const std::string& key) const {
    if (!node.is_table()) Fail(node, "'" + key + "' must be a table", "write it as [" + key + "]");
    return *node.as_table();
  }

  // A time-zone name, checked against the OS database where it is written.
  std::string TimeZone(const toml::node& node, const std::string& key) const {
    std::string name = String(node, key);
    try {
      FindZone(name);
    } catch (const Error& e) {
      Fail(node, e.message(), e.hint());
    }
    return name;
  }

  std::string String(const toml::node& node, const std::string& key) const {
    if (!node.is_string()) Fail(node, "'" + key + "' must be a string", "put the value in quotes");
    return std::string(node.as_string()->get());
  }

  void CheckKeys(const toml::table& table, std::initializer_list<std::string_view> allowed) const {
    for (auto&& [key, node] : table) {
      if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      const auto& begin = key.source().begin;
      throw Error(ExitCode::kUsage, {name_, begin.line, begin.column},
                  "unknown key '" + std::string(key.str()) + "'", "known keys here: " + list);
    }
  }

  // A renamed funnel must say which stages rules 3 and 4 feed: the defaults name
  // "lead", "opportunity" and "customer", and silently losing a rule would change
  // every number.
  void CheckRuleStages(const toml::table& root, const toml::node& stages) const {
    const std::pair<const char*, const std::string*> rules[] = {
        {"created_stage", &config_.created_stage},
        {"opportunity_stage", &config_.opportunity_stage},
        {"won_stage", &config_.won_stage}};
    for (auto [key, stage] : rules) {
      if (root.get(key) || stage->empty() || config_.StageIndex(*stage) >= 0) continue;
      Fail(stages, "the default " + std::string(key) + " \"" + *stage + "\" is not in stages",
           "add " + std::string(key) + " = \"<one of your stages>\", or " + key +
               " = \"\" to turn its rule off (see \"Top-level keys\" under CONFIGURATION in "
               "baton(1))");
    }
  }

  void ReadCalendars(const toml::node& node) {
    for (auto&& [name, value] : Table(node, "calendar")) {
      const std::string key = "calendar." + std::string(name.str());
      const auto& t = Table(value, key);
      CheckKeys(
          t, {"tz", "days", "hours", "holidays", "holidays_file", "owners", "dimension", "values"});
      Calendar c;
      c.name = std::string(name.str());
      c.tz = FindZone(t.get("tz") ? TimeZone(*t.get("tz"), key + ".tz") : config_.tz);
      std::vector<WorkingInterval> hours;
      const toml::node* hours_node = t.get("hours");
      std::string text = hours_node ? String(*hours_node, key + ".hours") : "09:00-17:00";
      if (!ParseWorkingHours(text, hours)) {
        Fail(hours_node ? *hours_node : value, "hours = \"" + text + "\" is not working hours",
             "write them as \"09:00-17:00\" or split, \"09:00-12:00,13:00-17:00\"");
      }
      static const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
      std::vector<std::string> days = {"mon", "tue", "wed", "thu", "fri"};
      if (auto* d = t.get("days")) days = Strings(*d, key + ".days");
      for (const auto& day : days) {
        auto it = std::find(std::begin(kDays), std::end(kDays), NormaliseHeader(day));
        if (it == std::end(kDays)) {
          Fail(*t.get("days"), "'" + day + "' is not a weekday", "use mon, tue, … sun");
        }
        c.hours[static_cast<std::size_t>(it - std::begin(kDays))] = hours;
      }
      if (auto* h = t.get("holidays")) {
        for (const auto& text_day : Strings(*h, key + ".holidays")) AddHoliday(*h, text_day, c);
      }
      if (auto* f = t.get("holidays_file")) ReadHolidayFile(*f, String(*f, key), c);
      if (auto* o = t.get("owners")) c.owners = Strings(*o, key + ".owners");
      if (auto* d = t.get("dimension")) c.dimension = String(*d, key + ".dimension");
      if (auto* v = t.get("values")) c.values = Strings(*v, key + ".values");
      if (c.dimension.empty() != c.values.empty()) {
        Fail(value, key + " needs both dimension and values, or neither",
             "dimension = \"region\" and values = [\"EMEA\"] choose it for people in EMEA");
      }
      if (!config_.calendars.count(c.name)) config_.calendar_order.push_back(c.name);
      config_.calendars[c.name] = std::move(c);
    }
  }

  void AddHoliday(const toml::node& node, const std::string& text, Calendar& c) const {
    std::int64_t day = 0;
    if (!ParseHolidayDate(text, day)) {
      Fail(node, "holiday '" + text + "' is not a date", "write holidays as \"2024-12-25\"");
    }
    c.holidays.insert(day);
  }

  // One YYYY-MM-DD per line; blank lines and # comments are skipped. A relative
  // path is relative to the config file.
  void ReadHolidayFile(const toml::node& node, const std::string& path, Calendar& c) const {
    std::string full = path;
    auto slash = name_.find_last_of('/');
    if (!path.empty() && path[0] != '/' && slash != std::string::npos) {
      full = name_.substr(0, slash + 1) + path;
    }
    std::ifstream in(full);
    if (!in) {
      Fail(node, "cannot open the holidays file " + full,
           "check the path (relative to the config)");
    }
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      std::string_view text = Trim(line.substr(0, line.find('#')));
      if (text.empty()) continue;
      std::int64_t day = 0;
      if (!ParseHolidayDate(text, day)) {
        throw Error(ExitCode::kUsage, {full, n, 1}, "'" + std::string(text) + "' is not a date",
                    "one date per line, as 2024-12-25");
      }
      c.holidays.insert(day);
    }
  }

  double Number(const toml::node& node, const std::string& key) const {
    if (auto v = node.value<double>()) return *v;
    Fail(node, "'" + key + "' must be a number", "write it without quotes, e.g. 1.08");
  }

  // An ISO 4217 code: three letters, upper-cased.
  std::string Currency(std::string_view text, const toml::node& node) const {
    std::string code(text);
    for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (code.size() != 3 ||
        !std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
      Fail(node, "'" + std::string(text) + "' is not a currency code",
           "use the three-letter ISO code, e.g. \"USD\" or \"EUR\"");
    }
    return code;
  }
  std::string Currency(const toml::node& node, const std::string& key) const {
    return Currency(String(node, key), node);
  }

  // [attribution.MODEL] tables of weights in percent; each model's weights sum to 100.
  void ReadAttribution(const toml::node& node) {
    for (auto&& [model, value] : Table(node, "attribution")) {
      const std::string key = "attribution." + std::string(model.str());
      const auto& t = Table(value, key);
      if (model.str() == "u-shaped") {
        CheckKeys(t, {"first", "lead", "rest"});
      } else if (model.str() == "w-shaped") {
        CheckKeys(t, {"first", "lead", "opportunity", "rest"});
      } else if (model.str() == "full-path" || model.str() == "custom") {
        CheckKeys(t, {"first", "lead", "opportunity", "customer", "rest"});
      } else {
        const auto& begin = model.source().begin;
        throw Error(ExitCode::kUsage, {name_, begin.line, begin.column},
                    "'" + std::string(model.str()) + "' is not a model with weights",
                    "weights can be set for u-shaped, w-shaped, full-path and custom");
      }
      AttributionWeights w;
      std::pair<const char*, double*> slots[] = {{"first", &w.first},
                                                 {"lead", &w.lead},
                                                 {"opportunity", &w.opportunity},
                                                 {"customer", &w.customer},
                                                 {"rest", &w.rest}};
      double sum = 0;
      for (auto [name, slot] : slots) {
        if (auto* n = t.get(name)) {
          double percent = Number(*n, key + "." + name);
          if (!(percent >= 0 && percent <= 100)) {
            Fail(*n, "a weight is a percentage from 0 to 100", key + "." + name + " = 40");
          }
          *slot = percent / 100;
          sum += percent;
        }
      }
      if (std::abs(sum - 100) > 1e-9) {
        Fail(value, key + ": the weights sum to " + fmt::format("{:g}", sum) + ", not 100",
             "every person's credit is split into exactly 1; make the weights add up to 100");
      }
      config_.attribution[std::string(model.str())] = w;
    }
  }

  std::vector<std::string> Strings(const toml::node& node, const std::string& key) const {
    if (!node.is_array()) Fail(node, "'" + key + "' must be an array of strings", "[\"a\", \"b\"]");
    std::vector<std::string> out;
    for (auto&& item : *node.as_array()) out.push_back(String(item, key));
    return out;
  }

  // [[target]]: period plus one of won (revenue), won_count, or stage and count.
  void ReadTargets(const toml::node& node) {
    const std::string hint =
        "period = \"2024-Q3\" with won = 300000 (revenue), won_count = 14, or stage = \"sql\" "
        "and count = 60";
    if (!node.is_array_of_tables()) Fail(node, "'target' must be [[target]] tables", hint);
    for (auto&& item : *node.as_array()) {
      const auto& t = *item.as_table();
      CheckKeys(t, {"period", "won", "won_count", "stage", "count"});
      if (!t.get("period")) Fail(item, "a [[target]] needs 'period'", hint);
      const std::string period = String(*t.get("period"), "period");
      const int kinds =
          (t.get("won") != nullptr) + (t.get("won_count") != nullptr) + (t.get("stage") != nullptr);
      if (kinds != 1) Fail(item, "a [[target]] needs one of won, won_count or stage", hint);
      if ((t.get("stage") != nullptr) != (t.get("count") != nullptr)) {
        Fail(item, "a [[target]] with a stage needs a count, and only it", hint);
      }
      auto value = [&](const char* key) {
        const double x = Number(*t.get(key), key);
        if (!(x > 0)) Fail(*t.get(key), "'" + std::string(key) + "' must be above 0", hint);
        return fmt::format("{:.15g}", x);
      };
      TargetRule rule;
      const auto& begin = item.source().begin;
      rule.where = {name_, begin.line, begin.column};
      if (t.get("won")) {
        rule.text = fmt::format("won:{}={}", period, value("won"));
      } else if (t.get("won_count")) {
        rule.text = fmt::format("won-count:{}={}", period, value("won_count"));
      } else {
        const std::string stage = String(*t.get("stage"), "stage");
        if (stage.empty()) Fail(*t.get("stage"), "a [[target]]'s stage is empty", hint);
        CheckStage(*t.get("stage"), stage);
        rule.text = fmt::format("{}:{}={}", stage, period, value("count"));
      }
      config_.targets.push_back(std::move(rule));
    }
  }

  void ReadSlaRules(const toml::node& node) {
    if (!node.is_array_of_tables()) Fail(node, "'sla' must be [[sla]] tables", "write [[sla]]");
    for (auto&& item : *node.as_array()) {
      const auto& t = *item.as_table();
      CheckKeys(
          t, {"name", "start", "end", "limit", "clock", "calendar", "activity_types", "touches"});
      SlaRule rule;
      for (const char* required : {"name", "start", "end", "limit"}) {
        if (!t.get(required)) {
          Fail(item, "an [[sla]] rule needs '" + std::string(required) + "'",
               "name, start (a stage or \"assigned\"), end (a stage, \"assigned\" or "
               "\"first_touch\") and limit (\"4h\")");
        }
      }
      rule.name = String(*t.get("name"), "name");
      rule.start = String(*t.get("start"), "start");
      rule.end = String(*t.get("end"), "end");
      if (rule.start != "assigned" && config_.StageIndex(rule.start) < 0) {
        Fail(*t.get("start"), "start '" + rule.start + "' is not a stage or \"assigned\"",
             "start is a stage of this funnel, or \"assigned\"");
      }
      if (rule.end != "assigned" && rule.end != "first_touch" && config_.StageIndex(rule.end) < 0) {
        Fail(*t.get("end"),
             "end '" + rule.end + "' is not a stage, \"assigned\" or \"first_touch\"",
             "end is a stage of this funnel, \"assigned\" or \"first_touch\"");
      }
      rule.limit_text = String(*t.get("limit"), "limit");
      rule.limit = ParseLimit(*t.get("limit"), rule.limit_text);
      if (auto* c = t.get("clock")) {
        std::string clock = String(*c, "clock");
        if (clock != "business" && clock != "calendar") {
          Fail(*c, "clock = \"" + clock + "\" is not a clock", "use \"business\" or \"calendar\"");
        }
        rule.business = clock == "business";
      }
      if (auto* c = t.get("calendar")) rule.calendar = String(*c, "calendar");
      if (auto* a = t.get("activity_types")) rule.activity_types = Strings(*a, "activity_types");
      if (auto* n = t.get("touches")) {
        auto value = n->value<std::int64_t>();
        if (!value || *value < 1 || *value > 1000 || rule.end != "first_touch") {
          Fail(*n, "touches must be a whole number from 1 to 1000, on a first_touch rule",
               "touches = 5 with limit = \"5d\": five touches within five working days");
        }
        rule.touches = static_cast<int>(*value);
      }
      // On a business clock "Nd" is N working days of the rule's calendar.
      if (rule.business && rule.limit_text.ends_with("d")) {
        rule.limit_days = rule.limit / 86400;
        rule.limit = 0;
      }
      for (const auto& other : config_.sla) {
        if (other.name == rule.name)
          Fail(*t.get("name"), "two [[sla]] rules named " + rule.name, "rename one");
      }
      sla_nodes_.push_back(&item);
      config_.sla.push_back(std::move(rule));
    }
  }

  // "4h", "30m", "2d" (24 hours of the rule's clock) → seconds.
  std::int64_t ParseLimit(const toml::node& node, const std::string& text) const {
    std::int64_t n = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    std::string_view unit(ptr, static_cast<std::size_t>(text.data() + text.size() - ptr));
    std::int64_t scale = unit == "m" ? 60 : unit == "h" ? 3600 : unit == "d" ? 86400 : 0;
    if (ec != std::errc() || n <= 0 || scale == 0 || n > 100000) {
      Fail(node, "limit = \"" + text + "\" is not a duration", "write it as 30m, 4h or 2d");
    }
    return n * scale;
  }

  void ReadSkipped(const toml::node& node) {
    std::string value = String(node, "skipped");
    if (value == "infer") {
      config_.skipped = SkippedPolicy::kInfer;
    } else if (value == "strict") {
      config_.skipped = SkippedPolicy::kStrict;
    } else {
      Fail(node, "skipped = \"" + value + "\" is not a policy", "use \"infer\" or \"strict\"");
    }
  }

  void ReadStages(const toml::node& node) {
    if (!node.is_array())
      Fail(node, "'stages' must be an array of names", "stages = [\"lead\", \"mql\"]");
    std::vector<std::string> stages;
    for (auto&& item : *node.as_array()) {
      std::string stage = String(item, "stages");
      if (stage.empty() || std::find(stages.begin(), stages.end(), stage) != stages.end()) {
        Fail(item, "stage name '" + stage + "' is empty or repeated", "give each stage once");
      }
      stages.push_back(stage);
    }
    if (stages.empty()) Fail(node, "'stages' is empty", "name at least one stage");
    if (stages.size() > 32) Fail(node, "more than 32 stages", "a funnel has at most 32 stages");
    config_.stages = std::move(stages);
  }

  // A stage name given as a value: must be "" or a stage of the (final) funnel. The
  // built-in tables may name stages a user config dropped; those map to "not a stage".
  void CheckStage(const toml::node& node, const std::string& stage) const {
    if (builtin_ || stage.empty() || config_.StageIndex(stage) >= 0) return;
    std::string list;
    for (const auto& s : config_.stages) list += (list.empty() ? "" : ", ") + s;
    Fail(node, "'" + stage + "' is not a stage of this funnel",
         "use one of: " + list + ", or \"\" for a value that is not a stage");
  }

  void ReadMap(const toml::node& node) {
    for (auto&& [system, fields] : Table(node, "map")) {
      std::string sys = NormaliseHeader(system.str());
      for (auto&& [field, values] : Table(fields, "map." + sys)) {
        std::string f = NormaliseHeader(field.str());
        if (f == "source" || f == "campaign" || f == "owner" || f == "activity_type" ||
            std::any_of(config_.dimensions.begin(), config_.dimensions.end(),
                        [&](const std::string& d) { return NormaliseHeader(d) == f; })) {
          auto& labels = config_.label_map[sys][f];
          for (auto&& [value, label] : Table(values, fmt::format("map.{}.{}", sys, f))) {
            labels[NormaliseHeader(value.str())] = String(label, std::string(value.str()));
          }
          continue;
        }
        if (f != "status" && f != "lifecycle" && f != "stage") {
          const auto& begin = field.source().begin;
          throw Error(ExitCode::kUsage, {name_, begin.line, begin.column},
                      fmt::format("unknown mapped field 'map.{}.{}'", sys, f),
                      "mapped fields are status (lead status), lifecycle (lifecycle stage) and "
                      "stage (opportunity/deal stage), mapped to stages; and source, campaign, "
                      "owner, activity_type (Marketo/Pardot type ids) and the dimensions of "
                      "[[file]] tables, mapped to labels");
        }
        auto& dict = config_.value_map[sys][f];
        for (auto&& [value, stage] : Table(values, fmt::format("map.{}.{}", sys, f))) {
          std::string s = String(stage, std::string(value.str()));
          CheckStage(stage, s);
          dict[NormaliseHeader(value.str())] = s;
        }
      }
    }
  }

  void ReadStageDates(const toml::node& node) {
    for (auto&& [system, columns] : Table(node, "stage_dates")) {
      std::string sys = NormaliseHeader(system.str());
      for (auto&& [header, stage] : Table(columns, "stage_dates." + sys)) {
        std::string s = String(stage, std::string(header.str()));
        CheckStage(stage, s);
        config_.stage_dates[sys][NormaliseHeader(header.str())] = s;
      }
    }
  }

  void ReadStringTable(const toml::node& node, const std::string& key,
                       std::map<std::string, std::string>& out) const {
    for (auto&& [k, v] : Table(node, key))
      out[std::string(k.str())] = String(v, std::string(k.str()));
  }

  void ReadFiles(const toml::node& node) {
    if (!node.is_array_of_tables()) Fail(node, "'file' must be [[file]] tables", "write [[file]]");
    for (auto&& item : *node.as_array()) {
      const auto& table = *item.as_table();
      CheckKeys(table, {"path", "match", "system", "kind", "kinds", "id", "start_date", "end_date",
                        "tz", "date_order", "date_format", "decimal", "encoding", "delimiter",
                        "columns", "stage_dates", "dimensions"});
      FileRule rule;
      rule.line = static_cast<int>(item.source().begin.line);
      if (auto* n = table.get("path")) rule.path = String(*n, "path");
      if (auto* n = table.get("match")) rule.match = String(*n, "match");
      if (rule.path.empty() && rule.match.empty()) {
        Fail(item, "a [[file]] needs 'path' or 'match'",
             "path = \"leads.csv\" reads a file; match = \"hubspot-*.csv\" applies to inputs");
      }
      if (auto* n = table.get("system")) rule.system = NormaliseHeader(String(*n, "system"));
      if (auto* n = table.get("kind")) {
        rule.kind = ParseKind(String(*n, "kind"));
        if (!rule.kind) Fail(*n, "unknown kind", "kinds: " + KindNames());
      }
      if (auto* n = table.get("kinds")) ReadKinds(*n, rule);
      if (auto* n = table.get("id")) {
        if (String(*n, "id") != "row") {
          Fail(*n, "id = \"" + String(*n, "id") + "\" is not known",
               "id = \"row\" makes each row its own record; an id column goes in columns = "
               "{ id = \"Header\" }");
        }
        rule.row_identity = true;
      }
      if (auto* n = table.get("start_date")) rule.first_day = Date(*n, "start_date");
      if (auto* n = table.get("end_date")) rule.last_day = Date(*n, "end_date");
      if (rule.first_day.has_value() != rule.last_day.has_value() ||
          (rule.first_day && *rule.last_day < *rule.first_day)) {
        Fail(item, "start_date and end_date go together, the end on or after the start",
             "start_date = 2024-01-01 and end_date = 2024-03-31 (the days the rows cover)");
      }
      if (auto* n = table.get("tz")) rule.tz = TimeZone(*n, "tz");
      if (auto* n = table.get("date_order")) ReadDateOrder(*n, rule);
      if (auto* n = table.get("date_format")) ReadDateFormat(*n, rule);
      if (auto* n = table.get("decimal")) {
        std::string d = String(*n, "decimal");
        if (d != "." && d != ",") Fail(*n, "decimal must be \".\" or \",\"", "decimal = \",\"");
        rule.decimal = d[0];
      }
      if (auto* n = table.get("encoding")) {
        rule.encoding = String(*n, "encoding");
        try {
          CheckEncodingName(*rule.encoding);
        } catch (const Error& e) {
          Fail(*n, e.message(), e.hint());
        }
      }
      if (auto* n = table.get("delimiter")) ReadDelimiter(*n, rule);
      if (auto* n = table.get("columns")) ReadColumns(*n, rule);
      if (auto* n = table.get("stage_dates")) {
        ReadStringTable(*n, "stage_dates", rule.stage_dates);
        for (auto&& [stage, header] : *n->as_table()) {
          if (config_.StageIndex(stage.str()) < 0) {
            Fail(header, "'" + std::string(stage.str()) + "' is not a stage of this funnel",
                 "stage_dates maps a stage name to a column header");
          }
        }
      }
      if (auto* n = table.get("dimensions")) {
        ReadStringTable(*n, "dimensions", rule.dimensions);
        CheckDimensionNames(*n->as_table());
        for (const auto& [dim, header] : rule.dimensions) {
          if (std::find(config_.dimensions.begin(), config_.dimensions.end(), dim) ==
              config_.dimensions.end()) {
            config_.dimensions.push_back(dim);
          }
        }
      }
      config_.files.push_back(std::move(rule));
    }
  }

  // Dimension names become --by keys and output column names: they must not
  // shadow a built-in key or a report column.
  void CheckDimensionNames(const toml::table& dims) const {
    static const char* kReserved[] = {
        "source",          "campaign",    "owner",    "day",       "week",  "month",  "quarter",
        "stage",           "reached",     "entered",  "step_rate", "ratio", "status", "lifecycle",
        "cumulative_rate", "median_days", "p90_days", "immature",  "total"};
    for (auto&& [name, header] : dims) {
      for (const char* reserved : kReserved) {
        if (name.str() != reserved) continue;
        const auto& begin = name.source().begin;
        throw Error(ExitCode::kUsage, {name_, begin.line, begin.column},
                    "'" + std::string(name.str()) +
                        "' cannot name a dimension: it is a built-in "
                        "key or a report column",
                    "choose another name, e.g. \"" + std::string(name.str()) + "_2\"");
      }
    }
  }

  void ReadDateOrder(const toml::node& node, FileRule& rule) const {
    std::string order = String(node, "date_order");
    if (order == "mdy") {
      rule.date_order = DateOrder::kMdy;
    } else if (order == "dmy") {
      rule.date_order = DateOrder::kDmy;
    } else {
      Fail(node, "date_order = \"" + order + "\" is not known",
           "use \"mdy\" (3/5/2024 = March 5) or \"dmy\" (5/3/2024 = March 5)");
    }
  }

  // date_format = "%d/%m/%Y" (every date column) or { "Header" = "%d/%m/%Y", … }.
  void ReadDateFormat(const toml::node& node, FileRule& rule) const {
    auto check = [&](const toml::node& n, const std::string& format) {
      if (auto error = DateFormatError(format)) {
        Fail(n, "date_format \"" + format + "\" cannot be used: " + *error,
             "write it strftime-style, e.g. date_format = \"%d/%m/%Y %H:%M\"");
      }
    };
    if (node.is_table()) {
      ReadStringTable(node, "date_format", rule.date_formats);
      for (auto&& [header, format] : *node.as_table())
        check(format, rule.date_formats[std::string(header.str())]);
      return;
    }
    rule.date_format = String(node, "date_format");
    check(node, rule.date_format);
  }

  // kinds = ["people", "opportunities"]: distinct kinds, at least two.
  void ReadKinds(const toml::node& node, FileRule& rule) const {
    const toml::array* list = node.as_array();
    if (!list || list->size() < 2) {
      Fail(node, "'kinds' must list two or more kinds",
           "kinds = [\"people\", \"opportunities\"]; one kind is kind = \"people\"");
    }
    for (auto&& item : *list) {
      std::optional<Kind> kind = ParseKind(String(item, "kinds"));
      if (!kind) Fail(item, "unknown kind", "kinds: " + KindNames());
      if (std::find(rule.kinds.begin(), rule.kinds.end(), *kind) != rule.kinds.end()) {
        Fail(item, "a kind is listed twice", "list each kind once");
      }
      rule.kinds.push_back(*kind);
    }
    if (rule.kind) Fail(node, "a [[file]] has kind or kinds, not both", "keep one of them");
  }

  // A day: a TOML date (2024-03-31) or the same as a string.
  std::int64_t Date(const toml::node& node, const std::string& key) const {
    if (const auto* date = node.as_date()) {
      const toml::date& v = date->get();
      if (IsValidDate(v.year, v.month, v.day)) return CivilDay(v.year, v.month, v.day);
    } else if (std::int64_t day = 0; node.is_string() && ParseHolidayDate(String(node, key), day)) {
      return day;
    }
    Fail(node, "'" + key + "' must be a date", key + " = 2024-03-31");
  }

  void ReadDelimiter(const toml::node& node, FileRule& rule) const {
    std::string d = String(node, "delimiter");
    if (d == "\\t" || d == "tab") d = "\t";
    if (d.size() != 1)
      Fail(node, "delimiter must be one character", "delimiter = \";\" or \"\\t\"");
    rule.delimiter = d[0];
  }

  void ReadColumns(const toml::node& node, FileRule& rule) const {
    for (auto&& [field, header] : Table(node, "columns")) {
      if (!ParseField(field.str())) {
        const auto& begin = field.source().begin;
        throw Error(
            ExitCode::kUsage, {name_, begin.line, begin.column},
            "unknown field '" + std::string(field.str()) + "' in columns",
            "fields: " + FieldNames() + "; for a custom --by key use [file.dimensions] instead");
      }
      rule.columns[std::string(field.str())] = String(header, std::string(field.str()));
    }
  }

  Config& config_;
  std::string name_;
  bool builtin_;
  std::vector<const toml::node*> sla_nodes_;

 public:
  // After the whole file: every rule's calendar exists ("default" always does).
  void CheckSlaCalendars() const {
    for (std::size_t i = 0; i < config_.sla.size(); ++i) {
      const SlaRule& rule = config_.sla[i];
      if (!rule.business || rule.calendar.empty() || rule.calendar == "default" ||
          config_.calendars.count(rule.calendar)) {
        continue;
      }
      Fail(*sla_nodes_[i],
           "rule " + rule.name + " names calendar '" + rule.calendar + "', which no [calendar." +
               rule.calendar + "] defines",
           "define it, or drop calendar = to use [calendar.default]");
    }
  }
};

void Overlay(Config& config, std::string_view text, const std::string& name, bool builtin) {
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    throw Error(ExitCode::kUsage, {name, e.source().begin.line, e.source().begin.column},
                "invalid TOML: " + std::string(e.description()),
                "see the CONFIGURATION section of baton(1)");
  }
  Reader reader(config, name, builtin);
  reader.Read(root);
  reader.CheckSlaCalendars();
}

}  // namespace

int Config::StageIndex(std::string_view name) const {
  for (std::size_t i = 0; i < stages.size(); ++i) {
    if (stages[i] == name) return static_cast<int>(i);
  }
  return -1;
}

std::optional<int> Config::MapValue(std::string_view system, std::string_view field,
                                    std::string_view value) const {
  auto sys = value_map.find(std::string(system));
  if (sys == value_map.end()) return std::nullopt;
  auto fld = sys->second.find(std::string(field));
  if (fld == sys->second.end()) return std::nullopt;
  auto hit = fld->second.find(NormaliseHeader(value));
  if (hit == fld->second.end()) return std::nullopt;
  if (hit->second.empty()) return -1;
  int stage = StageIndex(hit->second);
  // A built-in entry naming a stage this funnel dropped is not a definition here.
  return stage >= 0 ? std::optional<int>(stage) : std::nullopt;
}

const std::unordered_map<std::string, std::string>* Config::LabelMap(
    std::string_view system, std::string_view dimension) const {
  auto sys = label_map.find(std::string(system));
  if (sys == label_map.end()) return nullptr;
  auto dim = sys->second.find(NormaliseHeader(dimension));
  return dim == sys->second.end() ? nullptr : &dim->second;
}

int Config::StageDateColumn(std::string_view system, std::string_view header) const {
  auto sys = stage_dates.find(std::string(system));
  if (sys == stage_dates.end()) return -1;
  auto hit = sys->second.find(NormaliseHeader(header));
  return hit == sys->second.end() ? -1 : StageIndex(hit->second);
}

std::vector<const FileRule*> Config::RulesFor(std::string_view path) const {
  std::string full(path);
  std::string base =
      full.substr(full.find_last_of('/') == std::string::npos ? 0 : full.find_last_of('/') + 1);
  std::vector<const FileRule*> out;
  for (const auto& rule : files) {
    bool hit = false;
    if (!rule.match.empty()) {
      hit = fnmatch(rule.match.c_str(), base.c_str(), 0) == 0 ||
            fnmatch(rule.match.c_str(), full.c_str(), 0) == 0;
    }
    if (!rule.path.empty()) {
      hit = hit || full == rule.path ||
            (full.size() > rule.path.size() &&
             full.compare(full.size() - rule.path.size(), rule.path.size(), rule.path) == 0 &&
             full[full.size() - rule.path.size() - 1] == '/');
    }
    if (hit) out.push_back(&rule);
  }
  return out;
}

std::optional<std::string> Config::OwnerName(std::string_view id) const {
  auto hit = owners.find(std::string(id));
  if (hit == owners.end()) return std::nullopt;
  return hit->second;
}

// The default calendar, unless the config defines one: Mon–Fri 09:00–17:00 in tz.
void AddDefaultCalendar(Config& config) {
  if (!config.calendars.count("default")) {
    config.calendars["default"] = Calendar::Standard(FindZone(config.tz));
  }
}

Config DefaultConfig() {
  Config config;
  Overlay(config, BuiltinConfigText(), "built-in defaults", true);
  AddDefaultCalendar(config);
  return config;
}

Config LoadConfigText(std::string_view text, const std::string& name) {
  Config config;
  Overlay(config, BuiltinConfigText(), "built-in defaults", true);
  Overlay(config, text, name, false);
  AddDefaultCalendar(config);
  config.origin = name;
  return config;
}

Config LoadConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(ExitCode::kUsage, {path, 0, 0}, "cannot open the config file",
                "check the path given to --config or $BATON_CONFIG");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return LoadConfigText(text.str(), path);
}

}  // namespace baton
