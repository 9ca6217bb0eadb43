// CheckData (SPEC 4.5): turns reading stats and model quality counts into one list
// of findings. Facts and problems are told apart so that --strict fails only on
// problems.
#include "baton/check.h"

#include <fmt/format.h>

#include <algorithm>

#include "baton/cost.h"

namespace baton {
namespace {

// The id as the user wrote it: keys are "system:id".
std::string IdText(const std::string& key) { return key.substr(key.find(':') + 1); }

void FileFindings(const FileStats& f, std::vector<Finding>& out) {
  if (!f.skipped.empty()) {
    out.push_back({f.name, "skipped file", "", 1, 0, true, f.skipped});
    return;
  }
  out.push_back({f.name, "rows read", f.layout, f.rows, 0, false,
                 fmt::format("{} {}", f.system, KindName(f.kind))});
  out.push_back({f.name, "rows used", "", f.used, 0, false, ""});
  for (const auto& [reason, n] : f.ignored) {
    out.push_back({f.name, "rows ignored", reason, n, 0, false, "read, but not funnel data"});
  }
  if (f.footer_rows > 0) {
    out.push_back({f.name, "footer rows", "", f.footer_rows, 0, false,
                   "report totals and notices after the data, skipped"});
  }
  if (f.date_order) {
    out.push_back({f.name, "numeric dates", std::string(f.date_order->OrderName()), 1, 0, false,
                   f.date_order->Why()});
  }
  for (const auto& [finding, note] : f.notes) {
    out.push_back({f.name, finding, "", note.count, note.first_line, note.problem, note.meaning});
  }
  for (const auto& column : f.duplicate_columns) {
    out.push_back({f.name, "duplicate column name", column, 1, 0, true,
                   "the header names it more than once; only the first such column is read"});
  }
  for (const auto& [reason, seen] : f.rejected) {
    out.push_back({f.name, "rejected", reason, seen.count, seen.first_line, true,
                   "list them all with --rejects FILE"});
  }
  for (const auto& [field, values] : f.unmapped) {
    for (const auto& [value, seen] : values) {
      std::string note =
          field == "currency"
              ? fmt::format(
                    "amounts in another currency, left out of money totals; give a rate, "
                    "[rates] {} = <report currency per {}>, in baton.toml",
                    value, value)
          : field == "lifecycle_stage_id"
              ? fmt::format(
                    "a stage id no stage table names: give the Pardot lifecycle stage table "
                    "(id, name) as an input, or map the id in [map.{}.lifecycle]",
                    f.system)
          : field == "activity_type"
              ? fmt::format(
                    "a type id with no name: give the activity type table (activityTypeId, "
                    "name) as an input, or name it in [map.{}.activity_type]",
                    f.system)
          : field == "status" || field == "lifecycle" || field == "stage"
              ? fmt::format("add it to [map.{}.{}] in baton.toml (a stage, or \"\")", f.system,
                            field)
              : fmt::format(
                    "add it to [map.{}.{}] in baton.toml (the label to show, or \"\" "
                    "for none)",
                    f.system, field);
      out.push_back({f.name, "unmapped value", fmt::format("{}: {}", field, value), seen.count,
                     seen.first_line, true, std::move(note)});
    }
  }
  if (f.duplicate_id_rows > 0) {
    out.push_back({f.name, "duplicate ids", "", f.duplicate_id_rows, 0, true,
                   "rows repeating an id seen earlier in the file; merged as one record"});
    for (const auto& [key, seen] : f.duplicate_ids) {
      out.push_back({f.name, "duplicate id", IdText(key), seen.count, seen.first_line, true, ""});
    }
  }
}

// "4,611.00 USD" (or without the code when no currency was named).
std::string MoneyText(double amount, const std::string& currency) {
  std::string text = fmt::format("{:.2f}", amount);
  const std::ptrdiff_t sign = text[0] == '-' ? 1 : 0;
  for (auto i = static_cast<std::ptrdiff_t>(text.find('.')) - 3; i > sign; i -= 3) {
    text.insert(static_cast<std::size_t>(i), ",");
  }
  return currency.empty() ? text : text + " " + currency;
}

void ModelFindings(const Model& m, bool emails_read, std::vector<Finding>& out) {
  const ModelQuality& q = m.quality;
  out.push_back({"", "people", "", static_cast<std::int64_t>(m.people.size()), 0, false,
                 "after merging by email and linking ids"});
  auto problem = [&](const char* check, std::int64_t n, std::string note) {
    if (n > 0) out.push_back({"", check, "", n, 0, true, std::move(note)});
  };
  if (emails_read) {  // an id-keyed data set has no email to miss
    problem("people without email", q.people_without_email,
            "they merge only through ids; check the Email columns");
  }
  problem("orphan opportunities", q.orphan_opportunities,
          "deals linked to no person: not in person-level conversion");
  problem("orphan activities", q.orphan_activities, "activities whose WhoId is no person");
  problem("orphan campaign members", q.orphan_campaign_members, "member ids that are no person");
  problem("unresolved campaign ids", q.unresolved_campaign_ids,
          "person rows name a campaign by an id that no campaign file read has; read the "
          "campaigns file (id and name) to show names");
  for (const auto& [id, n] : q.unresolved_campaign_examples) {
    out.push_back({"", "unresolved campaign id", id, n, 0, true, ""});
  }
  problem("orphan stage history", q.orphan_stage_changes,
          "leads or deals with history rows but no row of their own");
  problem("duplicate opportunities", q.duplicate_opportunities,
          "deal rows repeating an id (across files too): merged");
  problem("stage times out of order", q.out_of_order_people,
          fmt::format("people with a stage earlier than an earlier stage; kept as recorded "
                      "(skipped stages: {})",
                      m.policy == SkippedPolicy::kInfer ? "infer" : "strict"));
  problem("records after as-of", q.records_after_as_of,
          "people and deal rows created after as-of: left out");
  problem("dates after as-of", q.values_after_as_of,
          "stage dates and history rows after as-of: left out");
  if (q.id_case_collisions > 0) {
    // A fact, not a defect: Salesforce ids are case-sensitive base 62, so neighbours
    // often differ only in case. baton keeps them apart; a VLOOKUP would not.
    out.push_back({"", "ids differing only in case", "", q.id_case_collisions, 0, false,
                   "distinct Salesforce records (baton keeps them apart); tools that ignore "
                   "case, like Excel lookups, would merge them"});
  }
  if (q.duplicate_touches > 0) {
    // A fact, not a defect: systems that sync log one response in each (SPEC 4.3).
    out.push_back({"", "duplicate campaign touches", "", q.duplicate_touches, 0, false,
                   "a person's touches of one campaign on one day (in two systems, or twice "
                   "in one): counted as one touch, the earliest"});
  }
  for (std::size_t k = 0; k < m.stages.size(); ++k) {
    std::int64_t n = k < q.unknown_time.size() ? q.unknown_time[k] : 0;
    if (n > 0) {
      out.push_back({"", "stage time unknown", m.stages[k], n, 0, false,
                     "reached per a current status only: counted as reached, no velocity; "
                     "in an all-time cohort, not in a dated one (SPEC 2.2 rule 5)"});
    }
  }
}

}  // namespace

std::vector<Finding> CheckData(const Model& model, const std::vector<FileStats>& files,
                               const Config& config) {
  std::vector<Finding> out;
  for (const auto& f : files) FileFindings(f, out);
  const bool emails_read =
      std::any_of(files.begin(), files.end(), [](const FileStats& f) { return f.email_column; });
  ModelFindings(model, emails_read, out);
  // Spend (SPEC 4.2): campaigns no person's campaign matches are reported as
  // unattributed spend by `cost`; here each is named so it can be mapped.
  if (!model.spend.empty()) {
    SpendMatch match = MatchSpend(model, config);
    for (const auto& u : match.unmatched) {
      out.push_back({"", "spend with no campaign", u.name, u.rows, 0, true,
                     fmt::format("{} in all, reported as unattributed spend; map the name to "
                                 "a CRM campaign in [campaigns] of baton.toml",
                                 MoneyText(u.amount, model.currency))});
    }
    if (match.replaced_totals > 0) {
      out.push_back({"", "campaign totals replaced", "", match.replaced_totals, 0, false,
                     "CRM campaign costs (ActualCost) left out on the days detailed spend of the "
                     "same campaign covers"});
    }
  }
  return out;
}

bool HasProblems(const std::vector<Finding>& findings) {
  for (const auto& f : findings) {
    if (f.problem && f.count > 0) return true;
  }
  return false;
}

}  // namespace baton
