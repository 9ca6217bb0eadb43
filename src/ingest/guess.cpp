// GuessLayout (inputs.h): what an unknown file probably is, for `baton init`.
// Each column is profiled over the sampled rows (dates, money, emails, unique
// values, distinct values), then named by its header and its values; the kind
// follows from which columns there are. Every guess carries its reason, which
// init writes next to it: a guess the user cannot check is worse than a TODO.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "baton/config.h"
#include "baton/inputs.h"
#include "baton/values.h"
#include "config/fields.h"

namespace baton {
namespace {

struct Profile {
  std::string header, name;  // as written; lower-cased
  int filled = 0, dates = 0, money = 0, marked_money = 0, numbers = 0, emails = 0, long_text = 0;
  std::size_t distinct = 0;
  bool unique = false;
  std::optional<DateOrder> order;  // a day/month order a value settles
};

bool Has(std::string_view name, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return name.find(w) != std::string_view::npos; });
}

// A share of the filled cells, at least 80% and at least one.
bool Most(int n, int filled) { return filled > 0 && n * 5 >= filled * 4; }

Profile Measure(const std::string& header, std::size_t col,
                const std::vector<std::vector<std::string>>& rows) {
  Profile p;
  p.header = header;
  p.name = NormaliseHeader(header);
  const ValueContext ctx;
  std::set<std::string> values;
  for (const auto& row : rows) {
    if (col >= row.size() || IsMissing(row[col])) continue;
    const std::string_view v = Trim(row[col]);
    ++p.filled;
    values.emplace(v);
    if (ParseTimestamp(v, ctx) || ParseTimestamp(v, ValueContext{nullptr, DateOrder::kDmy, '.'})) {
      ++p.dates;
      if (!p.order) p.order = SettledDateOrder(v);
    }
    if (auto m = ParseMoney(v, ctx)) {
      ++p.money;
      if (!m->currency.empty() || v.find_first_of("KMB") != std::string_view::npos)
        ++p.marked_money;
    }
    if (ParseNumber(v)) ++p.numbers;
    if (!NormaliseEmail(v).empty()) ++p.emails;
    if (v.size() > 40 && v.find(' ') != std::string_view::npos) ++p.long_text;
  }
  p.distinct = values.size();
  p.unique = p.filled > 1 && values.size() == static_cast<std::size_t>(p.filled);
  return p;
}

// Without values (standard input, an empty file) a column is judged by its name.
bool IsDate(const Profile& p) {
  if (p.filled == 0) {
    return Has(p.name, {"date", "time"}) || p.name.ends_with("_at") || p.name.ends_with(" at");
  }
  return Most(p.dates, p.filled) && p.numbers < p.filled;
}
bool IsMoney(const Profile& p) {
  return Most(p.money, p.filled) && !IsDate(p) &&
         (p.marked_money > 0 ||
          Has(p.name, {"amount", "value", "revenue", "cost", "spend", "price", "budget"}));
}
bool IsIdName(std::string_view name) {
  return name == "id" || name.ends_with("id") || name.ends_with("_id") || name.ends_with(" id");
}

class Guesser {
 public:
  Guesser(std::vector<Profile> profiles, const Config& config)
      : p_(std::move(profiles)), config_(config), used_(p_.size(), false) {}

  LayoutGuess Run() {
    if (p_.size() < 2 || std::any_of(p_.begin(), p_.end(), [](const Profile& p) {
          return p.header.size() > 60 && p.header.find(' ') != std::string::npos;
        })) {
      g_.why = p_.size() < 2 ? "one column: not a table baton can read"
                             : "the first line is prose, not a header: not a data table";
      return g_;
    }
    const bool money = Any(IsMoney);
    const bool dates = Any(IsDate);
    const bool stage = Any([](const Profile& p) {
      return Has(p.name, {"stage", "won", "status"}) && !IsDate(p) && !IsMoney(p);
    });
    const bool deal_stage = Any([](const Profile& p) {
      return Has(p.name, {"stage", "won"}) && !IsDate(p) && !IsMoney(p);
    });
    const bool campaign = Any([](const Profile& p) {
      return Has(p.name, {"campaign", "channel", "utm_", "platform"}) && !IsDate(p);
    });
    const bool subject = Any([](const Profile& p) {
      return Has(p.name, {"subject", "activity", "call", "event", "task"}) && !IsDate(p) &&
             !IsIdName(p.name);
    });
    const bool owner = Any([](const Profile& p) { return IsOwner(p.name); });
    if (money && dates && campaign &&
        Any([](const Profile& p) { return Has(p.name, {"campaign"}) && Has(p.name, {"name"}); }) &&
        Any([](const Profile& p) { return IsIdName(p.name) && p.unique; })) {
      SetKind(Kind::kCampaigns,
              "campaign ids and names with money and dates: campaigns with a cost");
    } else if (money && deal_stage) {
      SetKind(Kind::kOpportunities, "an amount and a stage or won column: opportunities (deals)");
    } else if (money && dates && campaign) {
      SetKind(Kind::kSpend, "money, dates and a campaign or channel column: spend");
    } else if (money && campaign) {
      SetKind(Kind::kSpend, "money and a campaign or channel column, no dates: spend totals");
      g_.needs_range = true;
    } else if (money && stage) {
      SetKind(Kind::kOpportunities, "an amount and a status column: opportunities (deals)");
    } else if (subject && owner && dates) {
      SetKind(Kind::kActivities, "a subject or type, an owner and a date: activities");
    } else {
      SetKind(Kind::kPeople,
              "no money with stages, no spend, no activity columns: people (one row a person)");
    }
    MapColumns();
    return g_;
  }

 private:
  template <typename F>
  bool Any(F f) const {
    return std::any_of(p_.begin(), p_.end(), f);
  }
  static bool IsOwner(std::string_view name) {
    return Has(name,
               {"owner", "agent", "assigned to", "sales rep", "salesperson", "rep_id", "sr_id"});
  }
  void SetKind(baton::Kind kind, std::string why) {
    g_.kind = kind;
    g_.why = std::move(why);
  }
  // Maps the unused column that `match` accepts and that has the most values
  // (the first of equals) to `field`.
  template <typename F>
  void Take(std::string field, F match, const std::string& why) {
    std::size_t best = p_.size();
    for (std::size_t i = 0; i < p_.size(); ++i) {
      if (used_[i] || !match(p_[i])) continue;
      if (best == p_.size() || p_[i].filled > p_[best].filled) best = i;
    }
    if (best == p_.size()) return;
    used_[best] = true;
    g_.columns.push_back({std::move(field), p_[best].header, why});
  }
  void StageDate(std::size_t i, std::string stage, std::string why) {
    used_[i] = true;
    g_.stage_dates.push_back({std::move(stage), p_[i].header, std::move(why)});
  }
  // The stage a date column's name points at: a stage name in it, or the words
  // for the won stage and for qualification.
  std::string StageOf(const Profile& p) const {
    for (const auto& stage : config_.stages) {
      if (Has(p.name, {stage})) return stage;
    }
    if (Has(p.name, {"won", "closed", "close", "customer", "signed"})) return config_.won_stage;
    if (Has(p.name, {"qualified", "qualif"}) && config_.StageIndex("mql") >= 0) return "mql";
    return {};
  }

  void MapColumns() {
    const baton::Kind kind = *g_.kind;
    const auto unique_id = [](const Profile& p) {
      return IsIdName(p.name) && (p.unique || p.filled == 0);
    };
    const auto named = [](std::initializer_list<std::string_view> words) {
      return [words](const Profile& p) { return Has(p.name, words) && !IsDate(p); };
    };
    for (const Profile& p : p_) {
      if (p.order == DateOrder::kDmy) g_.date_order = "dmy";
    }
    const bool sampled =
        std::any_of(p_.begin(), p_.end(), [](const Profile& p) { return p.filled > 0; });
    const std::string id_why =
        sampled ? "unique in the rows read and named like an id" : "named like an id";
    switch (kind) {
      case Kind::kCampaigns:
        Take("id", unique_id, id_why);
        Take("name", named({"name"}), "the campaign's name");
        Take("channel", named({"type", "channel"}), "the campaign's type, shown as its channel");
        Take(
            "amount", [](const Profile& p) { return IsMoney(p) && Has(p.name, {"actual"}); },
            "money named actual: what was spent");
        Take("amount", IsMoney, "money: the cost");
        break;
      case Kind::kSpend:
        Take("campaign", named({"campaign"}), "named campaign");
        Take("channel", named({"channel", "platform", "source"}), "named channel or platform");
        Take("amount", IsMoney, "money: the amount spent");
        break;
      case Kind::kOpportunities:
        Take("id", unique_id, id_why);
        Take("stage", named({"stage"}), "named stage");
        Take("is_won", named({"won"}), "named won");
        Take("amount", IsMoney, "money: the deal's amount");
        Take(
            "owner", [](const Profile& p) { return IsOwner(p.name); }, "named like an owner");
        Take(
            "contact_ids",
            [](const Profile& p) {
              return Has(p.name, {"contact", "lead", "person"}) && IsIdName(p.name);
            },
            "an id of a person: the deal's person");
        break;
      case Kind::kActivities:
        Take("id", unique_id, id_why);
        Take(
            "person_id",
            [](const Profile& p) {
              return Has(p.name, {"lead", "contact", "who", "person"}) && IsIdName(p.name);
            },
            "an id of a lead or contact: the person touched");
        Take(
            "owner", [](const Profile& p) { return IsOwner(p.name) && !IsIdName(p.name); },
            "named like an owner");
        Take("type", named({"type", "purpose"}), "named type");
        break;
      case Kind::kPeople:
      default:
        Take("id", unique_id, id_why);
        Take(
            "email", [](const Profile& p) { return Most(p.emails, p.filled); },
            "its values are emails");
        Take("source", named({"origin", "source", "channel", "utm_medium"}),
             "named origin, source or channel: where the person came from");
        Take("campaign", named({"campaign"}), "named campaign");
        Take(
            "owner", [](const Profile& p) { return IsOwner(p.name) && !IsDate(p); },
            "named like an owner");
        Take("status", named({"status", "stage"}), "named status or stage: map its values below");
        break;
    }
    MapDates(kind);
  }

  void MapDates(baton::Kind kind) {
    for (std::size_t i = 0; i < p_.size(); ++i) {
      const Profile& p = p_[i];
      if (used_[i] || !IsDate(p)) continue;
      const std::string why = p.filled ? fmt::format("{} of {} values are dates", p.dates, p.filled)
                                       : std::string("named like a date");
      const bool created = Has(p.name, {"created", "create", "first contact", "first_contact"});
      auto field = [&](const char* f, const std::string& reason) {
        used_[i] = true;
        g_.columns.push_back({f, p.header, reason});
      };
      auto has_field = [&](std::string_view f) {
        return std::any_of(g_.columns.begin(), g_.columns.end(),
                           [&](const GuessedColumn& c) { return c.target == f; });
      };
      if (kind == Kind::kSpend || kind == Kind::kCampaigns) {
        if (Has(p.name, {"start", "from", "begin"}) && !has_field("start_date")) {
          field("start_date", why + ", named start");
        } else if (Has(p.name, {"end", "until", "to "}) && !has_field("end_date")) {
          field("end_date", why + ", named end");
        } else if (kind == Kind::kSpend && !has_field("day") && !has_field("start_date") &&
                   Has(p.name, {"date", "day", "week", "month"})) {
          field("day", why + ": the day of the cost");
        }
      } else if (kind == Kind::kOpportunities) {
        if (Has(p.name, {"close", "won"}) && !has_field("close_date")) {
          field("close_date", why + ", named close: the won date of a won deal");
        } else if (!has_field("created_at") && (created || Has(p.name, {"engage", "open"}))) {
          field("created_at", why + ", named created, engaged or opened: the deal's start");
        }
      } else if (kind == Kind::kActivities) {
        if (!has_field("created_at")) field("created_at", why + ": the time of the touch");
      } else if (created && !has_field("created_at")) {
        field("created_at", fmt::format("{}, named created or first contact: the {} time", why,
                                        config_.created_stage));
      } else if (std::string stage = StageOf(p); !stage.empty()) {
        StageDate(i, stage,
                  fmt::format("{}, named like {}: when the person reached it", why, stage));
      }
    }
  }

  std::vector<Profile> p_;
  const Config& config_;
  std::vector<bool> used_;
  LayoutGuess g_;
};

}  // namespace

LayoutGuess GuessLayout(const std::vector<std::string>& header,
                        const std::vector<std::vector<std::string>>& rows, const Config& config) {
  std::vector<Profile> profiles;
  for (std::size_t c = 0; c < header.size(); ++c) profiles.push_back(Measure(header[c], c, rows));
  return Guesser(std::move(profiles), config).Run();
}

}  // namespace baton
