// `baton sql` (issue 19): the same definitions as baton's own engine, written as one
// SQL script over the tables of `baton export` (export.h), for an engine bigger than
// one machine. The script is generated from the config and the report options, never
// hand-written per dialect: every dialect difference (identifier quotes, types,
// epoch seconds of a timestamp, a loud failure, temporary tables) lives in one small
// table in sql.cpp. Times become epoch seconds at once, so the arithmetic is integer
// and the same everywhere; periods and as-of are resolved by baton and written as
// literals, so no engine needs a time zone.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baton/config.h"
#include "baton/cost.h"
#include "baton/funnel.h"

namespace baton {

enum class SqlDialect { kDuckdb, kPostgres, kSpark, kTrino, kBigquery, kSnowflake };

// "duckdb", "postgres", … → the dialect; nullopt for an unknown name.
std::optional<SqlDialect> ParseSqlDialect(std::string_view name);
std::string_view SqlDialectName(SqlDialect dialect);
// Every dialect's name, comma separated (help and errors).
std::string SqlDialectNames();

// What the script's opening comment says, and where it finds the tables.
struct SqlScript {
  SqlDialect dialect = SqlDialect::kDuckdb;
  std::string baton_version;
  std::string definitions_hash;  // DefinitionsHash (export.h)
  std::string options;           // the report options, as the command line gave them
  std::string schema;            // qualifies the exported tables: SCHEMA.people ("" = none)
  int merge_rounds = 8;          // label-propagation rounds of the identity merge
};

// `baton sql funnel`: SPEC 2.1–2.2 (identity merge, stage times by rule precedence,
// the skipped-stage policy) and SPEC 4.1 (cohort or period basis, step and
// cumulative rates, velocity by nearest rank, immature) for the whole company (no
// --by). The last statement returns the rows of `baton funnel --format json`.
// The merge runs `merge_rounds` rounds and then checks that one more round would
// change nothing; if it would, the script fails with an error naming the count.
std::string FunnelSql(const Config& config, const FunnelOptions& options, Instant as_of,
                      SkippedPolicy policy, const SqlScript& script);

// `baton sql cost`: SPEC 4.2 with first-touch attribution (SPEC 4.3): spend matched
// to campaigns (a campaign id, the config's [campaigns] map, a normalised name; else
// unattributed) and pro-rated by its days in the period (days start at midnight in
// the report time zone; a CRM campaign total only on days no detailed row covers),
// people credited to the campaign of their first touch for each step they entered
// in the period (cohort basis: created in the period, each step reached by as-of),
// assigned after the created stage, pipeline and won revenue, cost per step and
// ROI; one row per campaign, then (no campaign), (unattributed spend), (all). The
// last statement returns the rows of `baton cost --format json`.
std::string CostSql(const Config& config, const CostOptions& options, Instant as_of,
                    SkippedPolicy policy, const SqlScript& script);

// `baton sql sla`: SPEC 4.4 for every [[sla]] rule of the config: each person whose
// recorded start falls in the period, judged against the rule's end (a stage, assigned,
// or the N-th admitted touch at or after the start) on its clock: calendar seconds, or
// working seconds summed from the exported calendar table (due: where the limit's
// working time runs out); met, breached, open or pending; per owner at the start
// (shown by name) and for the rule. Rules whose calendar is chosen per person (by
// owners or values) are refused (exit 2). The last statement returns the rows of
// `baton sla --format json`.
std::string SlaSql(const Config& config, const Period& period, Instant as_of, SkippedPolicy policy,
                   const SqlScript& script);

// `baton sql --tables`: the statements that create (or, for engines that read
// object storage, declare) the exported tables at `location` (a directory, a
// bucket prefix or a stage), reading NAME.csv or NAME.csv.gz, or with `parts`
// every file of the folder NAME/ (baton export --part). Trino reads folders only.
std::string TablesSql(const SqlScript& script, std::string_view location, bool gzip, bool parts);

}  // namespace baton
