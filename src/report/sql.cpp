// `baton sql` (see sql.h). The script is written once, in the SQL every engine here
// shares (CASE, window functions, GROUP BY, joins); what differs sits in Dialect.
#include "baton/sql.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <limits>

#include "baton/error.h"
#include "baton/export.h"
#include "baton/sla.h"
#include "baton/values.h"

namespace baton {
namespace {

// One engine's spelling of what the script needs.
struct Dialect {
  SqlDialect id;
  std::string_view name;
  char quote;  // identifier quote
  std::string_view text, bigint, dbl, boolean, timestamp, date;
  std::string_view epoch;  // fmt pattern: {0} = a timestamp → BIGINT epoch seconds
  std::string_view fail;   // fmt pattern: {0} = a text expression → an error when evaluated
  // How a scratch table is made: {0} = name, {1} = the query.
  std::string_view create;
  std::string_view epoch_day;    // {0} = a DATE → BIGINT days since 1970-01-01
  std::string_view after_colon;  // {0} = text → the text after its first ':' (all: none)
  std::string_view binary;       // appended to ORDER BY text: byte order, as baton sorts
};

constexpr std::array<Dialect, 6> kDialects = {{
    {SqlDialect::kDuckdb, "duckdb", '"', "VARCHAR", "BIGINT", "DOUBLE", "BOOLEAN", "TIMESTAMP",
     "DATE", "CAST(epoch({0}) AS BIGINT)", "CAST(error({0}) AS INTEGER)",
     "DROP TABLE IF EXISTS {0};\nCREATE TEMP TABLE {0} AS\n{1};\n",
     "CAST({0} - DATE '1970-01-01' AS BIGINT)", "substr({0}, strpos({0}, ':') + 1)", ""},
    {SqlDialect::kPostgres, "postgres", '"', "TEXT", "BIGINT", "DOUBLE PRECISION", "BOOLEAN",
     "TIMESTAMP", "DATE", "CAST(EXTRACT(EPOCH FROM {0}) AS BIGINT)", "CAST({0} AS INTEGER)",
     "DROP TABLE IF EXISTS {0};\nCREATE TEMP TABLE {0} AS\n{1};\n",
     "CAST({0} - DATE '1970-01-01' AS BIGINT)", "substr({0}, strpos({0}, ':') + 1)",
     " COLLATE \"C\""},
    {SqlDialect::kSpark, "spark", '`', "STRING", "BIGINT", "DOUBLE", "BOOLEAN", "TIMESTAMP", "DATE",
     "unix_seconds({0})", "CAST(raise_error({0}) AS INT)",
     "DROP VIEW IF EXISTS {0};\nCACHE TABLE {0} AS\n{1};\n", "CAST(unix_date({0}) AS BIGINT)",
     "substr({0}, instr({0}, ':') + 1)", ""},
    {SqlDialect::kTrino, "trino", '"', "VARCHAR", "BIGINT", "DOUBLE", "BOOLEAN",
     "TIMESTAMP(3) WITH TIME ZONE", "DATE", "CAST(to_unixtime({0}) AS BIGINT)",
     "CAST(fail({0}) AS INTEGER)", "DROP TABLE IF EXISTS {0};\nCREATE TABLE {0} AS\n{1};\n",
     "date_diff('day', DATE '1970-01-01', {0})", "substr({0}, strpos({0}, ':') + 1)", ""},
    {SqlDialect::kBigquery, "bigquery", '`', "STRING", "INT64", "FLOAT64", "BOOL", "TIMESTAMP",
     "DATE", "UNIX_SECONDS({0})", "CAST(ERROR({0}) AS INT64)",
     "CREATE OR REPLACE TEMP TABLE {0} AS\n{1};\n", "UNIX_DATE({0})",
     "SUBSTR({0}, STRPOS({0}, ':') + 1)", ""},
    {SqlDialect::kSnowflake, "snowflake", '"', "VARCHAR", "BIGINT", "DOUBLE", "BOOLEAN",
     "TIMESTAMP_NTZ", "DATE", "DATE_PART(epoch_second, {0})", "CAST({0} AS INTEGER)",
     "CREATE OR REPLACE TEMPORARY TABLE {0} AS\n{1};\n", "DATEDIFF(day, DATE '1970-01-01', {0})",
     "SUBSTR({0}, POSITION(':', {0}) + 1)", ""},
}};

const Dialect& Of(SqlDialect id) {
  return *std::find_if(kDialects.begin(), kDialects.end(),
                       [&](const Dialect& d) { return d.id == id; });
}

std::string Literal(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

// The SQL type of an exported column, by its name (export.h's schema).
enum class ColumnType { kText, kBigint, kDouble, kBool, kTimestamp, kDate };
ColumnType TypeOf(std::string_view column) {
  if (column == "record") return ColumnType::kBigint;
  if (column == "amount" || column == "score" || column == "old_score") return ColumnType::kDouble;
  if (column == "at" || column.ends_with("_at") || column == "close_date") {
    return ColumnType::kTimestamp;
  }
  if (column == "day" || column == "first_day" || column == "last_day") return ColumnType::kDate;
  for (std::string_view b : {"owned_by_user", "is_won", "is_closed", "owner_is_id", "to_queue",
                             "from_user", "from_person", "day_only", "campaign_total"}) {
    if (column == b) return ColumnType::kBool;
  }
  return ColumnType::kText;
}

// Writes one script: identifiers quoted, scratch tables made, the dialect's functions.
class Writer {
 public:
  Writer(const SqlScript& script) : s_(script), d_(Of(script.dialect)) {}

  std::string Q(std::string_view id) const { return fmt::format("{0}{1}{0}", d_.quote, id); }
  // An exported table, qualified by --schema.
  std::string Table(std::string_view name) const {
    return s_.schema.empty() ? Q(name) : s_.schema + "." + Q(name);
  }
  std::string Epoch(std::string_view expr) const {
    return fmt::format(fmt::runtime(d_.epoch), expr);
  }
  std::string EpochDay(std::string_view expr) const {
    return fmt::format(fmt::runtime(d_.epoch_day), expr);
  }
  std::string AfterColon(std::string_view expr) const {
    return fmt::format(fmt::runtime(d_.after_colon), expr);
  }
  std::string Fail(std::string_view message) const {
    return fmt::format(fmt::runtime(d_.fail), message);
  }
  std::string Double(std::string_view expr) const {
    return fmt::format("CAST({} AS {})", expr, d_.dbl);
  }
  std::string TextOf(std::string_view expr) const {
    return fmt::format("CAST({} AS {})", expr, d_.text);
  }
  std::string_view Type(ColumnType t) const {
    switch (t) {
      case ColumnType::kText:
        return d_.text;
      case ColumnType::kBigint:
        return d_.bigint;
      case ColumnType::kDouble:
        return d_.dbl;
      case ColumnType::kBool:
        return d_.boolean;
      case ColumnType::kTimestamp:
        return d_.timestamp;
      case ColumnType::kDate:
        return d_.date;
    }
    return d_.text;
  }
  void Comment(std::string_view text) {
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      out_ += "-- ";
      out_ += text.substr(start, end - start);
      out_ += '\n';
      start = end + 1;
    }
  }
  void Scratch(std::string_view name, std::string_view query) {
    out_ += fmt::format(fmt::runtime(d_.create), name, query);
    out_ += '\n';
  }
  void Raw(std::string_view text) { out_ += text; }
  std::string Take() { return std::move(out_); }
  const Dialect& dialect() const { return d_; }
  const SqlScript& script() const { return s_; }

 private:
  const SqlScript& s_;
  const Dialect& d_;
  std::string out_;
};

void Header(Writer& w, std::string_view what) {
  const SqlScript& s = w.script();
  w.Comment(fmt::format("baton {} · baton sql {} · dialect {} · definitions {}", s.baton_version,
                        what, w.dialect().name, s.definitions_hash));
  w.Comment("options: " + (s.options.empty() ? std::string("(none)") : s.options));
  w.Comment(
      "Generated from baton.toml by `baton sql`: edit the config and generate again, never "
      "this text.\nReads the tables of `baton export` (`baton sql --tables` creates them).");
  if (s.dialect == SqlDialect::kTrino) {
    w.Comment(
        "Trino has no temporary tables: the scratch tables baton_* are made (and first\n"
        "dropped) in the session's schema, which must be writable (USE catalog.schema).");
  }
  w.Raw("\n");
}

// `t` (epoch seconds) is known and in the half-open period.
std::string InPeriod(const Period& period, const std::string& t) {
  std::string cond = t + " IS NOT NULL";
  if (period.since != kNoTime) cond += fmt::format(" AND {} >= {}", t, period.since);
  return cond + fmt::format(" AND {} < {}", t, period.until);
}

// CASE mapping a stage name column to its index in the funnel (NULL: no stage).
std::string StageIndex(std::string_view column, const std::vector<std::string>& stages) {
  std::string out = "CASE " + std::string(column);
  for (std::size_t k = 0; k < stages.size(); ++k) {
    out += fmt::format(" WHEN {} THEN {}", Literal(stages[k]), k);
  }
  return out + " END";
}

// The export must come from the definitions the script was generated from (the
// manifest's hash, every part's): else the numbers would mix two dictionaries.
void CheckDefinitions(Writer& w) {
  const SqlScript& s = w.script();
  w.Comment(
      "0. The tables were exported with the definitions this script was generated from\n"
      "   (the manifest's definitions_hash, in every part); else the script stops here.");
  w.Scratch(
      "baton_definitions_check",
      fmt::format(
          "SELECT CASE WHEN SUM(CASE WHEN {0} = {1} THEN 0 ELSE 1 END) > 0 OR COUNT(*) = 0 THEN "
          "{2} ELSE 0 END AS mismatched\nFROM {3} WHERE {4} = 'definitions_hash'",
          w.Q("value"), Literal(s.definitions_hash),
          w.Fail(fmt::format(
              "'baton: the tables were exported with other definitions than this script''s "
              "({}): ' || {} || ' of ' || {} || ' parts differ; export again with this config "
              "and baton version, or generate the script with the config the export used'",
              s.definitions_hash,
              w.TextOf(fmt::format("SUM(CASE WHEN {} = {} THEN 0 ELSE 1 END)", w.Q("value"),
                                   Literal(s.definitions_hash))),
              w.TextOf("COUNT(*)"))),
          w.Table("manifest"), w.Q("name")));
}

// SPEC 2.1: person rows that exist at as-of, their keys merged into people
// (connected components by label propagation with pointer jumping, to a fixed point).
void IdentityMerge(Writer& w, Instant as_of) {
  const std::string file = w.Q("file"), record = w.Q("record"), key = w.Q("key");
  w.Comment("1. Person rows that exist at as-of (SPEC 3: a row created later does not).");
  w.Scratch("baton_rec", fmt::format("SELECT {0}, {1}, {2}, {3} AS created_at\nFROM {4}\n"
                                     "WHERE {5} IS NULL OR {3} <= {6}",
                                     file, record, key, w.Epoch(w.Q("created_at")),
                                     w.Table("people"), w.Q("created_at"), as_of));
  w.Comment(
      "2. The identity graph (SPEC 2.1): a row's own key is one human with its other keys\n"
      "   (email, ids) and the records it links (ConvertedContactId, CRM ids). Both ways.");
  w.Scratch("baton_edge0",
            fmt::format("SELECT r.{2} AS a, k.{2} AS b\nFROM baton_rec r JOIN {3} k ON k.{0} = "
                        "r.{0} AND k.{1} = r.{1}\nWHERE k.{4} IN ('email', 'id', 'linked')",
                        file, record, key, w.Table("person_keys"), w.Q("kind")));
  w.Comment("   Keys are numbered so that the rounds below join integers, not text.");
  w.Scratch("baton_key",
            fmt::format("SELECT k AS {0}, ROW_NUMBER() OVER (ORDER BY k) AS id FROM (\n"
                        "  SELECT DISTINCT k FROM (\n"
                        "    SELECT {0} AS k FROM baton_rec UNION ALL SELECT b FROM baton_edge0\n"
                        "  ) u\n) d",
                        key));
  w.Scratch("baton_edge",
            fmt::format("SELECT DISTINCT a, b FROM (\n"
                        "  SELECT x.id AS a, y.id AS b FROM baton_edge0 e\n"
                        "  JOIN baton_key x ON x.{0} = e.a JOIN baton_key y ON y.{0} = e.b\n"
                        "  UNION ALL\n"
                        "  SELECT y.id, x.id FROM baton_edge0 e\n"
                        "  JOIN baton_key x ON x.{0} = e.a JOIN baton_key y ON y.{0} = e.b\n"
                        ") e",
                        key));
  w.Comment(
      "3. Connected components: each linked key starts as its own label. A round gives\n"
      "   each key the least label among itself and its neighbours; each label (a key\n"
      "   itself) takes the least label its keys reached, so a whole tree moves at once\n"
      "   (hooking); then each key takes its label's label (pointer jumping). Labels only\n"
      "   fall and stay keys of the component, so at the fixed point every key of a\n"
      "   component carries the component's least key. A key with no link is alone.");
  w.Scratch("baton_id0", "SELECT DISTINCT a AS node, a AS comp FROM baton_edge");
  const int rounds = std::max(1, w.script().merge_rounds);
  for (int i = 1; i <= rounds; ++i) {
    w.Scratch(fmt::format("baton_id{}", i),
              fmt::format("WITH hop AS (\n"
                          "  SELECT e.a AS node, MIN(c.comp) AS comp\n"
                          "  FROM baton_edge e JOIN baton_id{0} c ON c.node = e.b GROUP BY e.a\n"
                          "), step AS (\n"
                          "  SELECT c.node, c.comp AS old,\n"
                          "    CASE WHEN h.comp < c.comp THEN h.comp ELSE c.comp END AS comp\n"
                          "  FROM baton_id{0} c LEFT JOIN hop h ON h.node = c.node\n"
                          "), hook AS (\n"
                          "  SELECT old AS node, MIN(comp) AS comp FROM step GROUP BY old\n"
                          "), moved AS (\n"
                          "  SELECT s.node, CASE WHEN k.comp < s.comp THEN k.comp ELSE s.comp END "
                          "AS comp\n"
                          "  FROM step s LEFT JOIN hook k ON k.node = s.node\n"
                          ")\n"
                          "SELECT m.node, j.comp FROM moved m JOIN moved j ON j.node = m.comp",
                          i - 1));
  }
  w.Comment(fmt::format(
      "4. The fixed point, checked: one more round must move no label. If it would, the\n"
      "   merge needs more rounds (baton sql --merge-rounds) and the script stops here."));
  w.Scratch(
      "baton_merge_check",
      fmt::format(
          "SELECT CASE WHEN COUNT(*) > 0 THEN {1} ELSE 0 END AS unsettled\n"
          "FROM baton_edge e JOIN baton_id{0} a ON a.node = e.a JOIN baton_id{0} b ON "
          "b.node = e.b\nWHERE b.comp < a.comp",
          rounds,
          w.Fail(fmt::format("'baton: the identity merge did not settle in {} rounds: ' "
                             "|| {} || ' links still join keys of different labels; generate the "
                             "script again with a larger --merge-rounds'",
                             rounds, w.TextOf("COUNT(*)")))));
  w.Scratch("baton_node", fmt::format("SELECT k.{0}, COALESCE(i.comp, k.id) AS person\n"
                                      "FROM baton_key k LEFT JOIN baton_id{1} i ON i.node = k.id",
                                      key, rounds));
  w.Scratch("baton_prow",
            fmt::format("SELECT r.{0}, r.{1}, n.person, r.created_at\nFROM baton_rec r JOIN "
                        "baton_node n ON n.{2} = r.{2}",
                        file, record, key));
  w.Scratch("baton_person",
            "SELECT person, MIN(created_at) AS created_at FROM baton_prow GROUP BY person");
}

// SPEC 2.2: each person's time at each stage (rules 1–5 in precedence, the skipped
// policy), into baton_stage(person, k, t, r, u, f): t the time (NULL when unknown or
// not reached), r reached, u reached at an unknown time, f filled in by "infer".
void StageTimes(Writer& w, const Config& config, Instant as_of, SkippedPolicy policy) {
  const std::string file = w.Q("file"), record = w.Q("record"), key = w.Q("key");
  const auto& stages = config.stages;
  const int created = config.StageIndex(config.created_stage);
  const int opp_stage = config.StageIndex(config.opportunity_stage);
  const int won = config.StageIndex(config.won_stage);
  const std::string stage_of = StageIndex("x." + w.Q("stage"), stages);
  w.Comment(
      "5. Deals that exist at as-of (SPEC 2.3, 3), a deal in two rows merged: the earliest\n"
      "   creation and close, won when a row is won and closed by as-of.");
  const std::string created_at = w.Epoch(w.Q("created_at")), close = w.Epoch(w.Q("close_date"));
  w.Scratch("baton_opp",
            fmt::format("SELECT {0}, MIN({1}) AS created_at,\n"
                        "  MIN(CASE WHEN {2} <= {3} THEN {2} END) AS close_at,\n"
                        "  MAX(CASE WHEN {4} AND {2} <= {3} THEN 1 ELSE 0 END) AS won\n"
                        "FROM {5}\nWHERE {6} IS NULL OR {1} <= {3}\nGROUP BY {0}",
                        key, created_at, close, as_of, w.Q("is_won"), w.Table("opportunities"),
                        w.Q("created_at")));
  w.Comment(
      "6. The people each deal belongs to: the deals a person row converted to, and every\n"
      "   link (contact roles, associations, a deal's contact ids).");
  w.Scratch("baton_olink",
            fmt::format("SELECT DISTINCT opp, person FROM (\n"
                        "  SELECT k.{2} AS opp, r.person FROM {3} k JOIN baton_prow r ON r.{0} = "
                        "k.{0} AND r.{1} = k.{1}\n"
                        "  WHERE k.{4} = 'opportunity'\n"
                        "  UNION ALL\n"
                        "  SELECT l.{5}, n.person FROM {6} l JOIN baton_node n ON n.{2} = l.{7}\n"
                        ") o",
                        file, record, key, w.Table("person_keys"), w.Q("kind"),
                        w.Q("opportunity_key"), w.Table("links"), w.Q("person_key")));
  w.Comment(
      "7. Stage evidence by rule (SPEC 2.2): 1 stage-date columns, 2 stage history of the\n"
      "   person or a deal, 3 deal created and won, 4 the lead stage at creation. A history\n"
      "   row moving a person back into the created stage after creation is no first entry.");
  std::string ev = fmt::format(
      "SELECT r.person, {0} AS k, 1 AS rule, {1} AS t\n"
      "FROM {2} x JOIN baton_prow r ON r.{3} = x.{3} AND r.{4} = x.{4}\n"
      "WHERE x.{5} = 'date' AND {1} <= {6}",
      stage_of, w.Epoch("x." + w.Q("at")), w.Table("person_stages"), file, record, w.Q("kind"),
      as_of);
  const std::string x_at = w.Epoch("x." + w.Q("at"));
  ev += fmt::format(
      "\nUNION ALL\n"
      "SELECT n.person, {0}, 2, {1}\n"
      "FROM {2} x JOIN baton_node n ON n.{3} = x.{4} JOIN baton_person p ON p.person = n.person\n"
      "WHERE x.{5} = 'person' AND {1} <= {6}\n"
      "  AND NOT ({0} = {7} AND p.created_at IS NOT NULL AND {1} > p.created_at)",
      stage_of, x_at, w.Table("stage_changes"), key, w.Q("subject_key"), w.Q("subject"), as_of,
      created);
  ev += fmt::format(
      "\nUNION ALL\n"
      "SELECT l.person, {0}, 2, {1}\n"
      "FROM {2} x JOIN baton_opp o ON o.{3} = x.{4} JOIN baton_olink l ON l.opp = o.{3}\n"
      "WHERE x.{5} = 'opportunity' AND {1} <= {6}",
      stage_of, x_at, w.Table("stage_changes"), key, w.Q("subject_key"), w.Q("subject"), as_of);
  if (opp_stage >= 0) {
    ev += fmt::format(
        "\nUNION ALL\n"
        "SELECT l.person, {0}, 3, o.created_at FROM baton_opp o JOIN baton_olink l ON l.opp = "
        "o.{1}\nWHERE o.created_at IS NOT NULL",
        opp_stage, key);
  }
  if (won >= 0) {
    ev += fmt::format(
        "\nUNION ALL\n"
        "SELECT l.person, {0}, 3, o.close_at FROM baton_opp o JOIN baton_olink l ON l.opp = "
        "o.{1}\nWHERE o.won = 1",
        won, key);
  }
  if (created >= 0) {
    ev += fmt::format(
        "\nUNION ALL\n"
        "SELECT person, {0}, 4, created_at FROM baton_person WHERE created_at IS NOT NULL",
        created);
  }
  w.Scratch("baton_ev", ev);
  w.Comment("   Within the first rule that gives a stage a time, the earliest time wins.");
  w.Scratch("baton_known",
            "SELECT e.person, e.k, MIN(e.t) AS t\n"
            "FROM baton_ev e JOIN (\n"
            "  SELECT person, k, MIN(rule) AS rule FROM baton_ev WHERE k IS NOT NULL GROUP BY "
            "person, k\n"
            ") f ON f.person = e.person AND f.k = e.k AND f.rule = e.rule\n"
            "GROUP BY e.person, e.k");
  w.Comment(
      "8. Evidence dated after as-of (SPEC 3): a current status must not bring such a stage\n"
      "   back as reached at an unknown time. Stage dates and history rows of the person\n"
      "   or of a linked deal, deals created after as-of, deals won but not closed by then.");
  std::string late = fmt::format(
      "SELECT r.person, {0} AS k\n"
      "FROM {1} x JOIN baton_prow r ON r.{2} = x.{2} AND r.{3} = x.{3}\n"
      "WHERE x.{4} = 'date' AND {5} > {6}\n"
      "UNION ALL\n"
      "SELECT n.person, {0} FROM {7} x JOIN baton_node n ON n.{8} = x.{9}\n"
      "WHERE x.{10} = 'person' AND {5} > {6}\n"
      "UNION ALL\n"
      "SELECT l.person, {0} FROM {7} x JOIN baton_olink l ON l.opp = x.{9}\n"
      "WHERE x.{10} = 'opportunity' AND {5} > {6}",
      stage_of, w.Table("person_stages"), file, record, w.Q("kind"), x_at, as_of,
      w.Table("stage_changes"), key, w.Q("subject_key"), w.Q("subject"));
  const std::string x_created = w.Epoch("x." + w.Q("created_at"));
  const std::string x_close = w.Epoch("x." + w.Q("close_date"));
  if (opp_stage >= 0) {
    late += fmt::format(
        "\nUNION ALL\n"
        "SELECT l.person, {0} FROM {1} x JOIN baton_olink l ON l.opp = x.{2}\n"
        "WHERE {3} > {4}",
        opp_stage, w.Table("opportunities"), key, x_created, as_of);
  }
  if (won >= 0) {
    late += fmt::format(
        "\nUNION ALL\n"
        "SELECT l.person, {0} FROM {1} x JOIN baton_olink l ON l.opp = x.{2}\n"
        "WHERE x.{3} AND ({4} > {5} OR x.{6} IS NULL OR {7} > {5})",
        won, w.Table("opportunities"), key, w.Q("is_won"), x_created, as_of, w.Q("close_date"),
        x_close);
  }
  w.Scratch("baton_late",
            "SELECT DISTINCT person, k FROM (\n" + late + "\n) x WHERE k IS NOT NULL");
  w.Comment(
      "9. Rule 5: a current status value mapped to a stage, with no time: reached at an\n"
      "   unknown time.");
  w.Scratch("baton_status",
            fmt::format("SELECT DISTINCT r.person, {0} AS k\n"
                        "FROM {1} x JOIN baton_prow r ON r.{2} = x.{2} AND r.{3} = x.{3}\n"
                        "WHERE x.{4} = 'status'",
                        stage_of, w.Table("person_stages"), file, record, w.Q("kind")));
  std::string ks;
  for (std::size_t k = 0; k < stages.size(); ++k) {
    ks += fmt::format("{}SELECT {} AS k", k ? " UNION ALL " : "", k);
  }
  w.Comment(fmt::format(
      "10. Every person × stage, then the skipped-stage policy ({}): a stage with no time of\n"
      "    its own takes the earliest known time of the later stages reached, else an unknown\n"
      "    time when a later stage was reached at one.",
      policy == SkippedPolicy::kInfer ? "infer" : "strict"));
  w.Scratch("baton_grid",
            fmt::format("SELECT p.person, s.k, kn.t,\n"
                        "  CASE WHEN kn.t IS NOT NULL THEN 1 WHEN st.k IS NOT NULL AND lt.k IS "
                        "NULL THEN 1 ELSE 0 END AS r\n"
                        "FROM baton_person p CROSS JOIN ({}) s\n"
                        "LEFT JOIN baton_known kn ON kn.person = p.person AND kn.k = s.k\n"
                        "LEFT JOIN baton_status st ON st.person = p.person AND st.k = s.k\n"
                        "LEFT JOIN baton_late lt ON lt.person = p.person AND lt.k = s.k",
                        ks));
  if (policy == SkippedPolicy::kInfer) {
    w.Scratch("baton_stage",
              "SELECT person, k,\n"
              "  CASE WHEN r = 1 THEN t ELSE later_t END AS t,\n"
              "  CASE WHEN r = 1 OR later_t IS NOT NULL OR later_u = 1 THEN 1 ELSE 0 END AS r,\n"
              "  CASE WHEN (r = 1 AND t IS NULL) OR (r = 0 AND later_t IS NULL AND later_u = 1) "
              "THEN 1 ELSE 0 END AS u,\n"
              "  CASE WHEN r = 0 AND (later_t IS NOT NULL OR later_u = 1) THEN 1 ELSE 0 END AS f\n"
              "FROM (\n"
              "  SELECT g.*,\n"
              "    MIN(CASE WHEN r = 1 THEN t END) OVER (PARTITION BY person ORDER BY k DESC\n"
              "      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS later_t,\n"
              "    MAX(CASE WHEN r = 1 AND t IS NULL THEN 1 ELSE 0 END) OVER (PARTITION BY person "
              "ORDER BY k DESC\n"
              "      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS later_u\n"
              "  FROM baton_grid g\n"
              ") x");
  } else {
    w.Scratch("baton_stage",
              "SELECT person, k, t, r, CASE WHEN r = 1 AND t IS NULL THEN 1 ELSE 0 END AS u, 0 AS "
              "f\nFROM baton_grid");
  }
}

// SPEC 2: the checked export, the merged people and their stage times (baton_stage).
void People(Writer& w, const Config& config, Instant as_of, SkippedPolicy policy) {
  CheckDefinitions(w);
  IdentityMerge(w, as_of);
  StageTimes(w, config, as_of, policy);
}

}  // namespace

std::optional<SqlDialect> ParseSqlDialect(std::string_view name) {
  for (const auto& d : kDialects) {
    if (d.name == name) return d.id;
  }
  if (name == "postgresql") return SqlDialect::kPostgres;
  return std::nullopt;
}

std::string_view SqlDialectName(SqlDialect dialect) { return Of(dialect).name; }

std::string SqlDialectNames() {
  std::string out;
  for (const auto& d : kDialects) out += (out.empty() ? "" : ", ") + std::string(d.name);
  return out;
}

std::string FunnelSql(const Config& config, const FunnelOptions& o, Instant as_of,
                      SkippedPolicy policy, const SqlScript& script) {
  Writer w(script);
  Header(w, "funnel");
  People(w, config, as_of, policy);
  const auto& stages = config.stages;
  const auto from = static_cast<std::size_t>(o.from_stage);
  const std::size_t shown = stages.size() - from;
  // One row per person: t_i, r_i, u_i, f_i of each shown stage.
  std::string cols;
  for (std::size_t i = 0; i < shown; ++i) {
    const std::size_t k = from + i;
    cols += fmt::format(
        ",\n  MAX(CASE WHEN k = {0} THEN t END) AS t{1}, MAX(CASE WHEN k = {0} THEN r END) AS "
        "r{1},\n  MAX(CASE WHEN k = {0} THEN u END) AS u{1}, MAX(CASE WHEN k = {0} THEN f END) AS "
        "f{1}",
        k, i);
  }
  w.Comment("11. One row per person with the shown stages side by side.");
  w.Scratch("baton_wide", "SELECT person" + cols + "\nFROM baton_stage GROUP BY person");
  const Period& period = o.period;
  auto in_period = [&](const std::string& t) { return InPeriod(period, t); };
  // Velocity: both times recorded (known, not filled in by infer).
  auto sample = [&](std::size_t i) {
    return fmt::format("t{0} IS NOT NULL AND t{1} IS NOT NULL AND f{0} = 0 AND f{1} = 0", i, i - 1);
  };
  const bool cohort = o.basis == Basis::kCohort;
  std::string counts, samples;
  if (cohort) {
    // SPEC 4.1 cohort: entry at a known time in the period; an unknown entry time
    // only in an all-time period.
    std::string entry = "r0 = 1 AND ((u0 = 0 AND " + in_period("t0") + ")";
    entry += period.Dated(as_of) ? ")" : " OR u0 = 1)";
    w.Comment(fmt::format(
        "12. The cohort (SPEC 4.1): people whose {} time falls in the period{}.", stages[from],
        period.Dated(as_of) ? "" : " (an unknown time counts in an all-time period)"));
    w.Scratch("baton_cohort", "SELECT * FROM baton_wide WHERE " + entry);
    for (std::size_t i = 0; i < shown; ++i) {
      std::string reached = fmt::format("r{} = 1", i);
      if (o.window_days && i > 0) {
        reached = fmt::format("u0 = 0 AND t{0} IS NOT NULL AND {1} <= {2}", i,
                              w.Double(fmt::format("t{} - t0", i)),
                              fmt::format("{}", *o.window_days * kSecondsPerDay));
      }
      counts += fmt::format(
          "{}SELECT {} AS k, {} AS stage, SUM(CASE WHEN {} THEN 1 ELSE 0 END) "
          "AS n FROM baton_cohort",
          i ? "\n  UNION ALL " : "  ", i, Literal(stages[from + i]), reached);
      if (i > 0) {
        samples +=
            fmt::format("{}SELECT {} AS k, t{} - t{} AS d FROM baton_cohort WHERE ({}) AND {}",
                        samples.empty() ? "  " : "\n  UNION ALL ", i, i, i - 1, reached, sample(i));
      }
    }
  } else {
    w.Comment("12. Period basis (SPEC 4.1): people entering each stage in the period.");
    for (std::size_t i = 0; i < shown; ++i) {
      const std::string entered =
          fmt::format("r{} = 1 AND u{} = 0 AND ", i, i) + in_period(fmt::format("t{}", i));
      counts += fmt::format(
          "{}SELECT {} AS k, {} AS stage, SUM(CASE WHEN {} THEN 1 ELSE 0 END) "
          "AS n FROM baton_wide",
          i ? "\n  UNION ALL " : "  ", i, Literal(stages[from + i]), entered);
      if (i > 0) {
        samples +=
            fmt::format("{}SELECT {} AS k, t{} - t{} AS d FROM baton_wide WHERE {} AND {}",
                        samples.empty() ? "  " : "\n  UNION ALL ", i, i, i - 1, entered, sample(i));
      }
    }
  }
  w.Scratch("baton_count", "SELECT k, stage, COALESCE(n, 0) AS n FROM (\n" + counts + "\n) c");
  w.Comment(
      "13. Velocity (SPEC 4.1): days between consecutive stages, both times recorded; the\n"
      "    p-th percentile by nearest rank is the value at 1-based rank ceil(p * n / 100).");
  if (samples.empty()) samples = "  SELECT 0 AS k, 0 AS d FROM baton_count WHERE 1 = 0";
  w.Scratch("baton_velocity",
            fmt::format("SELECT k,\n"
                        "  MAX(CASE WHEN rn = CEIL({0} / 100) THEN d END) AS median_s,\n"
                        "  MAX(CASE WHEN rn = CEIL({1} / 100) THEN d END) AS p90_s\n"
                        "FROM (\n"
                        "  SELECT k, d, ROW_NUMBER() OVER (PARTITION BY k ORDER BY d) AS rn,\n"
                        "    COUNT(*) OVER (PARTITION BY k) AS n\n"
                        "  FROM (\n{2}\n  ) s\n) r\nGROUP BY k",
                        w.Double("50 * n"), w.Double("90 * n"), samples));
  const std::string days_med = w.Double("v.median_s") + " / 86400";
  const std::string days_p90 = w.Double("v.p90_s") + " / 86400";
  const std::string rate = w.Double("c.n");
  w.Comment("14. The report's rows, as `baton funnel --format json` prints them.");
  if (cohort) {
    // SPEC 4.1 immature: the cohort started less than the slowest positive median step
    // before as-of; its start is the period's, else the earliest known entry.
    const std::string start = period.since != kNoTime
                                  ? std::to_string(period.since)
                                  : "(SELECT MIN(t0) FROM baton_cohort WHERE u0 = 0)";
    w.Raw(fmt::format(
        "SELECT c.stage AS {0},\n"
        "  c.n AS {1},\n"
        "  CASE WHEN c.k = 0 THEN NULL ELSE {2} / NULLIF(LAG(c.n) OVER (ORDER BY c.k), 0) END AS "
        "{3},\n"
        "  {2} / NULLIF(FIRST_VALUE(c.n) OVER (ORDER BY c.k), 0) AS {4},\n"
        "  {5} AS {6},\n"
        "  {7} AS {8},\n"
        "  CASE WHEN {9} IS NOT NULL AND MAX(CASE WHEN v.median_s > 0 THEN v.median_s END) OVER () "
        "IS NOT NULL\n"
        "    AND {10} - {9} < MAX(CASE WHEN v.median_s > 0 THEN v.median_s END) OVER () THEN TRUE "
        "ELSE FALSE END AS {11}\n"
        "FROM baton_count c LEFT JOIN baton_velocity v ON v.k = c.k\n"
        "ORDER BY c.k;\n",
        w.Q("stage"), w.Q("reached"), rate, w.Q("step_rate"), w.Q("cumulative_rate"), days_med,
        w.Q("median_days"), days_p90, w.Q("p90_days"), start, as_of, w.Q("immature")));
  } else {
    w.Raw(fmt::format(
        "SELECT c.stage AS {0},\n"
        "  c.n AS {1},\n"
        "  CASE WHEN c.k = 0 THEN NULL ELSE {2} / NULLIF(LAG(c.n) OVER (ORDER BY c.k), 0) END AS "
        "{3},\n"
        "  {4} AS {5},\n"
        "  {6} AS {7}\n"
        "FROM baton_count c LEFT JOIN baton_velocity v ON v.k = c.k\n"
        "ORDER BY c.k;\n",
        w.Q("stage"), w.Q("entered"), rate, w.Q("ratio"), days_med, w.Q("median_days"), days_p90,
        w.Q("p90_days")));
  }
  return w.Take();
}

// SPEC 2.1: each person's assigned_at, into baton_assign(person, ts).
void Assigned(Writer& w, Instant as_of) {
  const std::string file = w.Q("file"), record = w.Q("record"), key = w.Q("key");
  const std::string at = w.Epoch("x." + w.Q("at"));
  w.Comment(
      "Assigned (SPEC 2.1): the earliest of a row's own assignment date, an owner change\n"
      "    to a user (all rows of a person at one time are one change; a move into a queue is\n"
      "    none), and the creation of a row owned by a user since then (no owner history, or\n"
      "    a first change from a user to another user).");
  w.Scratch("baton_owner_node",
            fmt::format("SELECT x.{0} AS node, {1} AS ts, x.{2} AS to_queue, x.{3} AS from_user\n"
                        "FROM {4} x WHERE {1} <= {5}",
                        w.Q("person_key"), at, w.Q("to_queue"), w.Q("from_user"),
                        w.Table("owner_changes"), as_of));
  w.Scratch(
      "baton_first_owner",
      "SELECT o.node, MAX(CASE WHEN o.from_user AND NOT o.to_queue THEN 1 ELSE 0 END) AS rep\n"
      "FROM baton_owner_node o JOIN (\n"
      "  SELECT node, MIN(ts) AS ts FROM baton_owner_node GROUP BY node\n"
      ") f ON f.node = o.node AND f.ts = o.ts\nGROUP BY o.node");
  w.Scratch(
      "baton_assign",
      fmt::format(
          "SELECT person, MIN(ts) AS ts FROM (\n"
          "  SELECT r.person, {0} AS ts\n"
          "  FROM baton_prow r JOIN {1} x ON x.{2} = r.{2} AND x.{3} = r.{3}\n"
          "  WHERE x.{4} IS NOT NULL AND {0} <= {5}\n"
          "  UNION ALL\n"
          "  SELECT n.person, o.ts FROM baton_owner_node o JOIN baton_node n ON n.{6} = o.node\n"
          "  GROUP BY n.person, o.ts HAVING MAX(CASE WHEN o.to_queue THEN 1 ELSE 0 END) = 0\n"
          "  UNION ALL\n"
          "  SELECT r.person, r.created_at\n"
          "  FROM baton_prow r JOIN {1} x ON x.{2} = r.{2} AND x.{3} = r.{3}\n"
          "  LEFT JOIN baton_first_owner f ON f.node = x.{6}\n"
          "  WHERE r.created_at IS NOT NULL AND ((x.{7} AND f.node IS NULL) OR f.rep = 1)\n"
          ") a GROUP BY person",
          w.Epoch("x." + w.Q("assigned_at")), w.Table("people"), file, record, w.Q("assigned_at"),
          as_of, key, w.Q("owned_by_user")));
}

std::string CostSql(const Config& config, const CostOptions& o, Instant as_of, SkippedPolicy policy,
                    const SqlScript& script) {
  Writer w(script);
  Header(w, "cost");
  People(w, config, as_of, policy);
  // The created stage's index; -1 when it is no stage of this funnel: assigned then
  // comes first, and the cohort enters at creation (as baton cost does).
  const int created = config.StageIndex(config.created_stage);
  std::vector<std::string> steps = config.stages;
  steps.insert(steps.begin() + created + 1, "assigned");
  const std::string file = w.Q("file"), record = w.Q("record"), key = w.Q("key");
  const Period& period = o.period;
  auto in_period = [&](const std::string& t) { return InPeriod(period, t); };

  Assigned(w, as_of);
  w.Comment(created >= 0
                ? fmt::format("16. The ladder's steps: the stages, with assigned after {}.",
                              config.created_stage)
                : std::string("16. The ladder's steps: assigned, then the stages."));
  w.Scratch("baton_step",
            fmt::format("SELECT person, CASE WHEN k > {0} THEN k + 1 ELSE k END AS s, t, r\n"
                        "FROM baton_stage\n"
                        "UNION ALL\n"
                        "SELECT person, {1}, ts, 1 FROM baton_assign",
                        created, created + 1));
  w.Comment(
      "17. Campaigns and each person's touches (SPEC 4.3): responses (campaign members, by\n"
      "    as-of; without a time, at the person's creation) and the campaign a person row\n"
      "    names (a campaign file's id becomes its name), at the row's creation.");
  w.Scratch("baton_campaign",
            fmt::format("SELECT {0}, MAX({1}) AS id, MAX({2}) AS name, MAX({3}) AS name_norm\n"
                        "FROM {4} GROUP BY {0}",
                        key, w.Q("id"), w.Q("name"), w.Q("name_norm"), w.Table("campaigns")));
  w.Scratch("baton_campaign_id",
            "SELECT id, MIN(name) AS name, MIN(name_norm) AS name_norm FROM baton_campaign\n"
            "GROUP BY id");
  const std::string m_at = w.Epoch("m." + w.Q("at"));
  w.Scratch(
      "baton_touch",
      fmt::format(
          "SELECT n.person, COALESCE({0}, p.created_at) AS ts,\n"
          "  COALESCE(c.name, {1}) AS name, COALESCE(c.name_norm, m.{2}) AS norm\n"
          "FROM {3} m JOIN baton_node n ON n.{4} = m.{5}\n"
          "JOIN baton_person p ON p.person = n.person\n"
          "LEFT JOIN baton_campaign c ON c.{4} = m.{6}\n"
          "WHERE m.{7} IS NULL OR {0} <= {8}\n"
          "UNION ALL\n"
          "SELECT r.person, COALESCE(r.created_at, p.created_at),\n"
          "  CASE WHEN nm.name IS NULL AND ci.name IS NOT NULL THEN ci.name ELSE x.{9} END,\n"
          "  CASE WHEN nm.name IS NULL AND ci.name IS NOT NULL THEN ci.name_norm ELSE x.{2} END\n"
          "FROM baton_prow r JOIN {10} x ON x.{11} = r.{11} AND x.{12} = r.{12}\n"
          "JOIN baton_person p ON p.person = r.person\n"
          "LEFT JOIN (SELECT DISTINCT name FROM baton_campaign) nm ON nm.name = x.{9}\n"
          "LEFT JOIN baton_campaign_id ci ON ci.id = x.{9}\n"
          "WHERE x.{9} IS NOT NULL",
          m_at, w.AfterColon("m." + w.Q("campaign_key")), w.Q("campaign_norm"),
          w.Table("campaign_members"), key, w.Q("person_key"), w.Q("campaign_key"), w.Q("at"),
          as_of, w.Q("campaign"), w.Table("people"), file, record));
  w.Comment(
      "18. First touch: each person belongs to the campaign of their earliest touch (one\n"
      "    with no time first, as baton sorts them; then by time, then by name).");
  w.Scratch("baton_first",
            fmt::format("SELECT person, name FROM (\n"
                        "  SELECT person, name, ROW_NUMBER() OVER (PARTITION BY person ORDER BY\n"
                        "    CASE WHEN ts IS NULL THEN 0 ELSE 1 END, ts, name{0}) AS rn\n"
                        "  FROM baton_touch\n"
                        ") f WHERE rn = 1",
                        w.dialect().binary));
  w.Comment(
      "19. Spend matched to campaigns (SPEC 4.2): by a campaign id, by the config's\n"
      "    [campaigns] map, by normalised name among the campaigns the data knows; else\n"
      "    unattributed. The map's keys are normalised names (as baton normalises them).");
  w.Scratch("baton_known_campaign",
            "SELECT norm, MIN(name) AS name FROM (\n"
            "  SELECT norm, name FROM baton_touch UNION ALL SELECT name_norm, name FROM "
            "baton_campaign\n"
            ") k WHERE norm IS NOT NULL AND norm <> '' GROUP BY norm");
  std::vector<std::pair<std::string, std::string>> map(config.campaign_map.begin(),
                                                       config.campaign_map.end());
  std::sort(map.begin(), map.end());
  std::string map_rows;
  for (const auto& [from, to] : map) {
    map_rows += fmt::format("{}SELECT {} AS k, {} AS v, {} AS v_norm",
                            map_rows.empty() ? "" : "\nUNION ALL ", Literal(from), Literal(to),
                            Literal(NormaliseCampaignName(to)));
  }
  if (map_rows.empty()) {
    map_rows = fmt::format(
        "SELECT CAST(NULL AS {0}) AS k, CAST(NULL AS {0}) AS v, CAST(NULL AS {0}) AS v_norm FROM "
        "baton_known_campaign WHERE 1 = 0",
        w.dialect().text);
  }
  w.Scratch("baton_campaign_map", map_rows);
  const std::string first_day = w.EpochDay("x." + w.Q("first_day"));
  const std::string last_day = w.EpochDay("x." + w.Q("last_day"));
  w.Scratch("baton_spend",
            fmt::format("SELECT {0} AS a, {1} AS b, x.{2} AS amount, x.{3} AS total,\n"
                        "  COALESCE(i1.name, i2.name,\n"
                        "    CASE WHEN m1.k IS NOT NULL THEN COALESCE(k1.name, m1.v) END,\n"
                        "    CASE WHEN m2.k IS NOT NULL THEN COALESCE(k2.name, m2.v) END,\n"
                        "    kn.name) AS campaign\n"
                        "FROM {4} x\n"
                        "LEFT JOIN baton_campaign_id i1 ON i1.id = x.{5}\n"
                        "LEFT JOIN baton_campaign_id i2 ON i2.id = x.{6}\n"
                        "LEFT JOIN baton_campaign_map m1 ON m1.k = x.{7}\n"
                        "LEFT JOIN baton_known_campaign k1 ON k1.norm = m1.v_norm\n"
                        "LEFT JOIN baton_campaign_map m2 ON m2.k = x.{8}\n"
                        "LEFT JOIN baton_known_campaign k2 ON k2.norm = m2.v_norm\n"
                        "LEFT JOIN baton_known_campaign kn ON kn.norm = x.{7}",
                        first_day, last_day, w.Q("amount"), w.Q("campaign_total"), w.Table("spend"),
                        w.Q("campaign_sfid"), w.Q("campaign_id"), w.Q("campaign_norm"),
                        w.Q("campaign_id_norm")));
  // The days whose local midnight lies in the period and by as-of (SPEC 4.2, 3).
  const Zone tz = o.tz;
  // LO(t), HI(t): the first and last day of row t's days that count.
  std::int64_t first = std::numeric_limits<std::int64_t>::min();
  if (period.since != kNoTime) {
    first = LocalDay(period.since, tz);
    if (DayStart(first, tz) < period.since) ++first;
  }
  const std::int64_t last = LocalDay(std::min(period.until - 1, as_of), tz);
  auto lo = [&](const std::string& t) {
    return first == std::numeric_limits<std::int64_t>::min()
               ? t + ".a"
               : fmt::format("CASE WHEN {0}.a > {1} THEN {0}.a ELSE {1} END", t, first);
  };
  auto hi = [&](const std::string& t) {
    return fmt::format("CASE WHEN {0}.b < {1} THEN {0}.b ELSE {1} END", t, last);
  };
  w.Comment(
      "20. Spend in the period: each row's amount per day times its days whose local\n"
      "    midnight is in the period and by as-of; a CRM campaign total only on the days no\n"
      "    detailed row of its campaign covers (the covered days merged into islands).");
  w.Scratch("baton_covered",
            "SELECT campaign, MIN(a) AS a, MAX(b) AS b FROM (\n"
            "  SELECT campaign, a, b, SUM(island) OVER (PARTITION BY campaign ORDER BY a, b\n"
            "    ROWS UNBOUNDED PRECEDING) AS island\n"
            "  FROM (\n"
            "    SELECT campaign, a, b, CASE WHEN a <= MAX(b) OVER (PARTITION BY campaign ORDER BY "
            "a, b\n"
            "      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + 1 THEN 0 ELSE 1 END AS "
            "island\n"
            "    FROM baton_spend WHERE campaign IS NOT NULL AND NOT total\n"
            "  ) s\n"
            ") i GROUP BY campaign, island");
  // The covered days of each total's range, by a join (no correlated subquery: Spark
  // and Trino refuse one that mixes outer and inner columns in an aggregate).
  const std::string c_hi = fmt::format("(CASE WHEN c.b < {0} THEN c.b ELSE {0} END)", hi("s"));
  const std::string c_lo = fmt::format("(CASE WHEN c.a > {0} THEN c.a ELSE {0} END)", lo("s"));
  w.Scratch("baton_spent",
            fmt::format("SELECT campaign, {2} * (days - covered) AS spend FROM (\n"
                        "  SELECT x.campaign, x.amount, x.a, x.b,\n"
                        "    CASE WHEN {1} >= {0} THEN {1} - {0} + 1 ELSE 0 END AS days,\n"
                        "    CASE WHEN x.total THEN COALESCE(cv.covered, 0) ELSE 0 END AS covered\n"
                        "  FROM baton_spend x\n"
                        "  LEFT JOIN (\n"
                        "    SELECT s.campaign, s.a, s.b,\n"
                        "      SUM(CASE WHEN {3} >= {4} THEN {3} - {4} + 1 ELSE 0 END) AS covered\n"
                        "    FROM (SELECT DISTINCT campaign, a, b FROM baton_spend WHERE total) s\n"
                        "    JOIN baton_covered c ON c.campaign = s.campaign\n"
                        "    GROUP BY s.campaign, s.a, s.b\n"
                        "  ) cv ON cv.campaign = x.campaign AND cv.a = x.a AND cv.b = x.b\n"
                        ") y WHERE days - covered > 0",
                        lo("x"), hi("x"), w.Double("amount") + " / (b - a + 1)", c_hi, c_lo));
  const bool cohort = o.basis == Basis::kCohort;
  w.Comment(cohort ? "21. Cohort basis: people whose " +
                         (created >= 0 ? config.created_stage + " time" : std::string("creation")) +
                         " is in the period, credited for each step they reached by as-of."
                   : std::string("21. Period basis: people credited for each step entered in the "
                                 "period."));
  std::string credit;
  if (cohort) {
    w.Scratch("baton_cohort",
              created >= 0 ? fmt::format("SELECT person FROM baton_stage WHERE k = {} AND {}",
                                         created, in_period("t"))
                           : "SELECT person FROM baton_person WHERE " + in_period("created_at"));
    credit =
        "SELECT st.person, st.s FROM baton_step st JOIN baton_cohort c ON c.person = "
        "st.person\nWHERE st.r = 1";
  } else {
    credit = "SELECT st.person, st.s FROM baton_step st WHERE st.r = 1 AND " + in_period("st.t");
  }
  std::string counts, sums;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    counts += fmt::format(", CASE WHEN c.s = {0} THEN 1 ELSE 0 END AS c{0}", i);
    sums += fmt::format(", SUM(c{0}) AS c{0}", i);
  }
  std::string zeros;
  for (std::size_t i = 0; i < steps.size(); ++i) zeros += fmt::format(", 0 AS c{}", i);
  std::string zeros_plain;
  for (std::size_t i = 0; i < steps.size(); ++i) zeros_plain += ", 0";
  w.Comment(
      "22. Money (SPEC 4.2): pipeline created and revenue won, each deal credited to the\n"
      "    first touch of a person it belongs to; a deal of nobody to (no campaign).");
  const std::string o_created = w.Epoch("x." + w.Q("created_at"));
  w.Scratch("baton_deal",
            fmt::format(
                "SELECT o.{0} AS deal, o.created_at, o.close_at, o.won, a.amount, l.person\n"
                "FROM baton_opp o JOIN (\n"
                "  SELECT x.{0}, MAX(x.{1}) AS amount FROM {2} x\n"
                "  WHERE x.{3} IS NULL OR {4} <= {5} GROUP BY x.{0}\n"
                ") a ON a.{0} = o.{0}\n"
                "LEFT JOIN (SELECT opp, MIN(person) AS person FROM baton_olink GROUP BY "
                "opp) l ON l.opp = o.{0}",
                key, w.Q("amount"), w.Table("opportunities"), w.Q("created_at"), o_created, as_of));
  std::string money;
  if (cohort) {
    money = fmt::format(
        "SELECT d.person, d.amount AS pipeline, 0 AS won FROM baton_deal d\n"
        "  JOIN baton_cohort c ON c.person = d.person WHERE d.created_at IS NOT NULL\n"
        "  UNION ALL\n"
        "  SELECT d.person, 0, d.amount FROM baton_deal d\n"
        "  JOIN baton_cohort c ON c.person = d.person WHERE d.won = 1");
  } else {
    money = fmt::format(
        "SELECT d.person, d.amount AS pipeline, 0 AS won FROM baton_deal d WHERE {}\n"
        "  UNION ALL\n"
        "  SELECT d.person, 0, d.amount FROM baton_deal d WHERE d.won = 1 AND {}",
        in_period("d.created_at"), in_period("d.close_at"));
  }
  w.Comment("23. One row per campaign (kind 0), then (no campaign) (1), (unattributed spend) (2).");
  w.Scratch(
      "baton_group",
      fmt::format(
          "SELECT campaign, kind, SUM(spend) AS spend{0}, SUM(pipeline) AS pipeline,\n"
          "  SUM(won) AS won\n"
          "FROM (\n"
          "  SELECT COALESCE(campaign, '(unattributed spend)') AS campaign,\n"
          "    CASE WHEN campaign IS NULL THEN 2 ELSE 0 END AS kind, spend{1}, 0 AS pipeline, 0 AS "
          "won\n"
          "  FROM baton_spent\n"
          "  UNION ALL\n"
          "  SELECT COALESCE(f.name, '(no campaign)'), CASE WHEN f.name IS NULL THEN 1 ELSE 0 "
          "END,\n"
          "    0{2}, 0, 0\n"
          "  FROM ({3}) c LEFT JOIN baton_first f ON f.person = c.person\n"
          "  UNION ALL\n"
          "  SELECT COALESCE(f.name, '(no campaign)'), CASE WHEN f.name IS NULL THEN 1 ELSE 0 "
          "END,\n"
          "    0{4}, m.pipeline, m.won\n"
          "  FROM ({5}) m LEFT JOIN baton_first f ON f.person = m.person\n"
          ") g GROUP BY campaign, kind",
          sums, zeros, counts, credit, zeros_plain, money));
  // Cost per step: spend ÷ people, n/a for (no campaign), for a count of 0, and when
  // the data holds no spend at all; ROI for a campaign or the total with spend.
  std::string cols;
  const std::string has_spend = fmt::format("(SELECT COUNT(*) FROM {}) > 0", w.Table("spend"));
  for (std::size_t i = 0; i < steps.size(); ++i) {
    cols += fmt::format(
        ",\n  c{0} AS {1},\n  CASE WHEN kind <> 1 AND c{0} > 0 AND {2} THEN {3} / c{0} END AS {4}",
        i, w.Q(steps[i]), has_spend, w.Double("spend"), w.Q("cost_per_" + steps[i]));
  }
  std::string total_sums;
  for (std::size_t i = 0; i < steps.size(); ++i) total_sums += fmt::format(", SUM(c{0})", i);
  w.Comment("24. The report's rows, as `baton cost --format json` prints them.");
  w.Raw(fmt::format(
      "SELECT campaign AS {0},\n"
      "  CASE WHEN kind = 1 THEN NULL ELSE spend END AS {1}{2},\n"
      "  pipeline AS {3},\n"
      "  won AS {4},\n"
      "  CASE WHEN (kind = 0 OR kind = 3) AND spend > 0 AND {5} THEN ({6} - spend) / spend END AS "
      "{7}\n"
      "FROM (\n"
      "  SELECT campaign, kind, spend{8}, pipeline, won FROM baton_group\n"
      "  UNION ALL\n"
      "  SELECT '(all)', 3, COALESCE(SUM(spend), 0){9}, COALESCE(SUM(pipeline), 0), "
      "COALESCE(SUM(won), 0)\n"
      "  FROM baton_group\n"
      ") r\n"
      "ORDER BY kind, campaign{10};\n",
      w.Q("campaign"), w.Q("spend"), cols, w.Q("pipeline"), w.Q("won_revenue"), has_spend,
      w.Double("won"), w.Q("roi"),
      [&] {
        std::string c;
        for (std::size_t i = 0; i < steps.size(); ++i) c += fmt::format(", c{}", i);
        return c;
      }(),
      total_sums, w.dialect().binary));
  return w.Take();
}

std::string SlaSql(const Config& config, const Period& period, Instant as_of, SkippedPolicy policy,
                   const SqlScript& script) {
  for (const auto& rule : config.sla) {
    if (!rule.calendar.empty()) continue;
    for (const auto& name : config.calendar_order) {
      const Calendar& c = config.calendars.at(name);
      if (!c.owners.empty() || !c.dimension.empty()) {
        ThrowUsage("baton sql sla: rule " + rule.name +
                       " takes each person's calendar from [calendar." + name +
                       "]'s owners or values, which is not generated yet",
                   "name the calendar in the rule (calendar = \"" + name +
                       "\"), or run `baton sla` on this machine meanwhile");
      }
    }
  }
  if (config.sla.empty()) {
    ThrowUsage("the config has no [[sla]] rule", "add one to baton.toml (see baton init)");
  }
  Writer w(script);
  Header(w, "sla");
  People(w, config, as_of, policy);
  Assigned(w, as_of);
  const std::string file = w.Q("file"), record = w.Q("record"), key = w.Q("key");
  const std::string x_at = w.Epoch("x." + w.Q("at"));
  w.Comment(
      "15. Sales touches (SPEC 4.4): activities by as-of with a time (an all-day event has\n"
      "    a day, not a time), of a person.");
  w.Scratch("baton_act", fmt::format("SELECT n.person, {0} AS ts, LOWER(x.{1}) AS type\n"
                                     "FROM {2} x JOIN baton_node n ON n.{3} = x.{4}\n"
                                     "WHERE x.{5} IS NOT NULL AND {0} <= {6} AND NOT x.{7}",
                                     x_at, w.Q("type"), w.Table("activities"), key,
                                     w.Q("person_key"), w.Q("at"), as_of, w.Q("day_only")));
  w.Comment(
      "16. Owners (SPEC 2.1, 4.4): the current owner (from the most recently created row\n"
      "    that names one), the owner changes (the rows of a person at one time are one\n"
      "    change, told by its id row), and the name each owner id is shown by: the\n"
      "    config's [owners], else a name the exports give (a history row's name twin, an\n"
      "    owner-name column; the latest wins), else the id.");
  w.Scratch(
      "baton_current_owner",
      fmt::format("SELECT person, owner FROM (\n"
                  "  SELECT r.person, x.{0} AS owner, ROW_NUMBER() OVER (PARTITION BY r.person\n"
                  "    ORDER BY CASE WHEN r.created_at IS NULL THEN 0 ELSE 1 END, r.created_at "
                  "DESC, r.{1}{4}, r.{2}) AS rn\n"
                  "  FROM baton_prow r JOIN {3} x ON x.{1} = r.{1} AND x.{2} = r.{2}\n"
                  "  WHERE x.{0} IS NOT NULL\n"
                  ") o WHERE rn = 1",
                  w.Q("owner"), file, record, w.Table("people"), w.dialect().binary));
  w.Scratch("baton_ochange0",
            fmt::format("SELECT n.person, {0} AS ts, x.{1} AS old_owner, x.{2} AS new_owner,\n"
                        "  x.{3} AS owner_is_id\n"
                        "FROM {4} x JOIN baton_node n ON n.{5} = x.{6} WHERE {0} <= {7}",
                        x_at, w.Q("old_owner"), w.Q("new_owner"), w.Q("owner_is_id"),
                        w.Table("owner_changes"), key, w.Q("person_key"), as_of));
  w.Scratch("baton_ochange",
            "SELECT person, ts, old_owner, new_owner, n, ids FROM (\n"
            "  SELECT c.*, ROW_NUMBER() OVER (PARTITION BY person, ts\n"
            "      ORDER BY CASE WHEN owner_is_id THEN 0 ELSE 1 END) AS rn,\n"
            "    COUNT(*) OVER (PARTITION BY person, ts) AS n,\n"
            "    SUM(CASE WHEN owner_is_id THEN 1 ELSE 0 END) OVER (PARTITION BY person, ts) AS "
            "ids\n"
            "  FROM baton_ochange0 c\n"
            ") o WHERE rn = 1");
  std::vector<std::pair<std::string, std::string>> owners(config.owners.begin(),
                                                          config.owners.end());
  std::sort(owners.begin(), owners.end());
  std::string owner_rows;
  for (const auto& [id, name] : owners) {
    owner_rows += fmt::format("{}SELECT {} AS id, {} AS name",
                              owner_rows.empty() ? "" : "\nUNION ALL ", Literal(id), Literal(name));
  }
  if (owner_rows.empty()) {
    owner_rows = fmt::format(
        "SELECT CAST(NULL AS {0}) AS id, CAST(NULL AS {0}) AS name FROM baton_person WHERE 1 = 0",
        w.dialect().text);
  }
  w.Scratch("baton_owner_config", owner_rows);
  w.Scratch(
      "baton_owner_exported",
      fmt::format(
          "SELECT id, MIN(name) AS name FROM (\n"
          "  SELECT id, name, ts, MAX(ts) OVER (PARTITION BY id) AS latest FROM (\n"
          "    SELECT i.new_owner AS id, t.new_owner AS name, i.ts FROM baton_ochange0 i\n"
          "    JOIN baton_ochange0 t ON t.person = i.person AND t.ts = i.ts AND NOT t.owner_is_id\n"
          "    JOIN baton_ochange g ON g.person = i.person AND g.ts = i.ts AND g.n = 2 AND g.ids = "
          "1\n"
          "    WHERE i.owner_is_id\n"
          "    UNION ALL\n"
          "    SELECT i.old_owner, t.old_owner, i.ts FROM baton_ochange0 i\n"
          "    JOIN baton_ochange0 t ON t.person = i.person AND t.ts = i.ts AND NOT t.owner_is_id\n"
          "    JOIN baton_ochange g ON g.person = i.person AND g.ts = i.ts AND g.n = 2 AND g.ids = "
          "1\n"
          "    WHERE i.owner_is_id\n"
          "    UNION ALL\n"
          "    SELECT x.{0}, x.{1}, {2} FROM {3} x JOIN baton_prow r ON r.{4} = x.{4} AND r.{5} = "
          "x.{5}\n"
          "    UNION ALL\n"
          "    SELECT x.{0}, x.{1}, {2} FROM {6} x\n"
          "    WHERE x.{7} IS NULL OR {8} <= {2}\n"
          "  ) e WHERE id IS NOT NULL AND name IS NOT NULL AND id <> name\n"
          ") l WHERE ts = latest GROUP BY id",
          w.Q("owner"), w.Q("owner_name"), as_of, w.Table("people"), file, record,
          w.Table("opportunities"), w.Q("created_at"), w.Epoch("x." + w.Q("created_at"))));
  auto shown = [&](const std::string& expr, const std::string& alias) {
    return fmt::format(
        "CASE WHEN {1}c.name IS NOT NULL THEN {1}c.name\n"
        "    WHEN {1}e.name IS NOT NULL THEN COALESCE({1}ce.name, {1}e.name) ELSE {0} END",
        expr, alias);
  };
  auto shown_joins = [&](const std::string& expr, const std::string& alias) {
    return fmt::format(
        "LEFT JOIN baton_owner_config {1}c ON {1}c.id = {0}\n"
        "LEFT JOIN baton_owner_exported {1}e ON {1}e.id = {0}\n"
        "LEFT JOIN baton_owner_config {1}ce ON {1}ce.id = {1}e.name",
        expr, alias);
  };
  w.Comment(
      "17. Business time: the calendar table's working seconds before an instant x are\n"
      "    those of every local day two or more UTC days before x's (a running sum by day),\n"
      "    and of the intervals of the three days around it up to x.");
  const std::string day = w.EpochDay("x." + w.Q("day"));
  const std::string c_start = w.Epoch("x." + w.Q("start_at")),
                    c_end = w.Epoch("x." + w.Q("end_at"));
  w.Scratch("baton_calint", fmt::format("SELECT x.{0} AS calendar, {1} AS d, {2} AS s, {3} AS e\n"
                                        "FROM {4} x WHERE x.{5} IS NOT NULL",
                                        w.Q("calendar"), day, c_start, c_end, w.Table("calendar"),
                                        w.Q("start_at")));
  w.Scratch(
      "baton_calday",
      fmt::format("SELECT calendar, d, SUM(secs) OVER (PARTITION BY calendar ORDER BY d\n"
                  "  ROWS UNBOUNDED PRECEDING) AS cum FROM (\n"
                  "  SELECT x.{0} AS calendar, {1} AS d,\n"
                  "    SUM(CASE WHEN x.{2} IS NULL THEN 0 ELSE {3} - {4} END) AS secs\n"
                  "  FROM {5} x GROUP BY x.{0}, {1}\n"
                  ") c",
                  w.Q("calendar"), day, w.Q("start_at"), c_end, c_start, w.Table("calendar")));
  w.Scratch("baton_calcum",
            "SELECT calendar, s, e, COALESCE(SUM(e - s) OVER (PARTITION BY calendar ORDER BY s\n"
            "  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS cb\n"
            "FROM baton_calint");
  std::string cells;
  for (int j = 0; j <= 26; ++j) cells += fmt::format("{}SELECT {} AS j", j ? " UNION ALL " : "", j);
  w.Scratch("baton_calcell",
            fmt::format("SELECT c.calendar, c.s, c.e, c.cb, {0} + j.j AS cell\n"
                        "FROM baton_calcum c CROSS JOIN ({1}) j\n"
                        "WHERE {0} + j.j <= {2}",
                        "CAST(FLOOR(" + w.Double("c.cb") + " / 3600) AS BIGINT)", cells,
                        "CAST(FLOOR(" + w.Double("c.cb + c.e - c.s - 1") + " / 3600) AS BIGINT)"));
  const std::string udays = "CAST(FLOOR(" + w.Double("q.x") + " / 86400) AS BIGINT)";

  std::string rows;
  int index = 0;
  for (const auto& rule : config.sla) {
    ++index;
    const std::string r = fmt::format("baton_sla{}", index);
    const std::string cal = rule.calendar.empty() ? "default" : rule.calendar;
    const Calendar& calendar = config.calendars.at(cal);
    const std::int64_t limit = LimitSeconds(rule, calendar);
    w.Comment(fmt::format(
        "18.{0} Rule {1}: {2} to {3} within {4} ({5} seconds) on the {6} clock{7}.", index,
        rule.name, rule.start,
        rule.end == "first_touch" && rule.touches > 1 ? fmt::format("the {}th touch", rule.touches)
                                                      : rule.end,
        rule.limit_text, limit, rule.business ? "business" : "calendar",
        rule.business ? " of calendar " + cal : std::string()));
    // Start: a recorded time of the start stage (not filled in, not unknown), or assigned.
    std::string start;
    if (rule.start == "assigned") {
      start = "SELECT person, ts AS start_ts FROM baton_assign";
    } else {
      const int k = config.StageIndex(rule.start);
      start = k < 0 ? "SELECT person, t AS start_ts FROM baton_stage WHERE 1 = 0"
                    : fmt::format(
                          "SELECT person, t AS start_ts FROM baton_stage WHERE k = {} AND t IS "
                          "NOT NULL AND f = 0",
                          k);
    }
    const std::string in_period = InPeriod(period, "s.start_ts");
    std::string end;
    if (rule.end == "first_touch") {
      std::string types;
      for (const auto& t : rule.activity_types) {
        std::string lower = t;
        for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        types += (types.empty() ? "" : ", ") + Literal(lower);
      }
      end = fmt::format(
          "SELECT person, ts AS fin FROM (\n"
          "    SELECT a.person, a.ts, ROW_NUMBER() OVER (PARTITION BY a.person ORDER BY a.ts) AS "
          "rn\n"
          "    FROM baton_act a JOIN s0 ON s0.person = a.person\n"
          "    WHERE a.ts >= s0.start_ts{0}\n"
          "  ) t WHERE rn = {1}",
          types.empty() ? "" : " AND a.type IN (" + types + ")", rule.touches);
    } else if (rule.end == "assigned") {
      end =
          "SELECT a.person, CASE WHEN a.ts > s0.start_ts THEN a.ts ELSE s0.start_ts END AS fin\n"
          "  FROM baton_assign a JOIN s0 ON s0.person = a.person";
    } else {
      const int k = config.StageIndex(rule.end);
      end = fmt::format(
          "SELECT b.person, CASE WHEN b.t > s0.start_ts THEN b.t ELSE s0.start_ts END AS fin\n"
          "  FROM baton_stage b JOIN s0 ON s0.person = b.person WHERE b.k = {} AND b.t IS NOT "
          "NULL",
          k);
    }
    // Owner at the start: the last change by then, else the first change's old owner,
    // else the current owner; shown by name.
    w.Scratch(
        r + "_case",
        fmt::format(
            "WITH s0 AS (\n  SELECT s.person, s.start_ts FROM ({0}) s WHERE {1}\n"
            "), fin AS (\n  {2}\n"
            "), last_change AS (\n"
            "  SELECT person, new_owner FROM (\n"
            "    SELECT c.person, c.new_owner, ROW_NUMBER() OVER (PARTITION BY c.person ORDER BY "
            "c.ts DESC) AS rn\n"
            "    FROM baton_ochange c JOIN s0 ON s0.person = c.person WHERE c.ts <= s0.start_ts\n"
            "  ) l WHERE rn = 1\n"
            "), first_change AS (\n"
            "  SELECT person, old_owner FROM (\n"
            "    SELECT c.person, c.old_owner, ROW_NUMBER() OVER (PARTITION BY c.person ORDER BY "
            "c.ts) AS rn\n"
            "    FROM baton_ochange c\n"
            "  ) l WHERE rn = 1\n"
            ")\n"
            "SELECT s0.person, s0.start_ts, fin.fin,\n"
            "  CASE WHEN lc.person IS NOT NULL THEN lc.new_owner\n"
            "    WHEN fc.old_owner IS NOT NULL THEN fc.old_owner ELSE co.owner END AS owner\n"
            "FROM s0 LEFT JOIN fin ON fin.person = s0.person\n"
            "LEFT JOIN last_change lc ON lc.person = s0.person\n"
            "LEFT JOIN first_change fc ON fc.person = s0.person\n"
            "LEFT JOIN baton_current_owner co ON co.person = s0.person",
            start, in_period, end));
    std::string judged;
    if (rule.business) {
      // Working seconds before each instant the rule looks at.
      w.Scratch(
          r + "_w",
          fmt::format("WITH q AS (\n"
                      "  SELECT DISTINCT x FROM (\n"
                      "    SELECT start_ts AS x FROM {0}_case UNION ALL SELECT fin FROM {0}_case\n"
                      "  ) a WHERE x IS NOT NULL\n"
                      ")\n"
                      "SELECT q.x, MAX(c.cum) + COALESCE(SUM(CASE WHEN i.s < q.x THEN\n"
                      "    (CASE WHEN i.e < q.x THEN i.e ELSE q.x END) - i.s ELSE 0 END), 0) AS w\n"
                      "FROM q JOIN baton_calday c ON c.calendar = {2} AND c.d = {3} - 2\n"
                      "CROSS JOIN (SELECT -1 AS o UNION ALL SELECT 0 UNION ALL SELECT 1) o\n"
                      "LEFT JOIN baton_calint i ON i.calendar = {2} AND i.d = {3} + o.o\n"
                      "GROUP BY q.x",
                      r, 0, Literal(cal), udays));
      w.Scratch(r + "_due",
                fmt::format("SELECT k.person, c.s + (ws.w + {1} - c.cb) AS due\n"
                            "FROM {0}_case k JOIN {0}_w ws ON ws.x = k.start_ts\n"
                            "JOIN baton_calcell c ON c.calendar = {2}\n"
                            "  AND c.cell = CAST(FLOOR({3} / 3600) AS BIGINT)\n"
                            "  AND c.cb <= ws.w + {1} AND ws.w + {1} < c.cb + c.e - c.s",
                            r, limit, Literal(cal), w.Double(fmt::format("ws.w + {}", limit))));
      w.Scratch(r + "_check",
                fmt::format(
                    "SELECT CASE WHEN COUNT(*) > 0 THEN {1} ELSE 0 END AS outside\n"
                    "FROM {0}_case k LEFT JOIN {0}_w a ON a.x = k.start_ts LEFT JOIN {0}_due d ON "
                    "d.person = k.person\n"
                    "WHERE a.x IS NULL OR d.due IS NULL OR (k.fin IS NOT NULL AND NOT EXISTS (\n"
                    "  SELECT 1 FROM {0}_w b WHERE b.x = k.fin))",
                    r,
                    w.Fail(fmt::format(
                        "'baton: rule {} looks at ' || {} || ' times outside the calendar table; "
                        "export again with a --calendar span that covers the data and as-of'",
                        rule.name, w.TextOf("COUNT(*)")))));
      judged = fmt::format(
          "SELECT k.owner, k.fin IS NOT NULL AS ended,\n"
          "  CASE WHEN k.fin IS NOT NULL THEN b.w - a.w END AS elapsed, d.due\n"
          "FROM {0}_case k JOIN {0}_w a ON a.x = k.start_ts JOIN {0}_due d ON d.person = k.person\n"
          "LEFT JOIN {0}_w b ON b.x = k.fin",
          r);
    } else {
      judged = fmt::format(
          "SELECT k.owner, k.fin IS NOT NULL AS ended,\n"
          "  CASE WHEN k.fin IS NOT NULL THEN k.fin - k.start_ts END AS elapsed, k.start_ts + {1} "
          "AS "
          "due\n"
          "FROM {0}_case k",
          r, limit);
    }
    w.Scratch(r + "_judged",
              fmt::format("SELECT {0} AS owner, ended, elapsed,\n"
                          "  CASE WHEN ended AND elapsed <= {1} THEN 1 ELSE 0 END AS met,\n"
                          "  CASE WHEN ended AND elapsed > {1} THEN 1 ELSE 0 END AS breached,\n"
                          "  CASE WHEN NOT ended AND {2} > due THEN 1 ELSE 0 END AS is_open,\n"
                          "  CASE WHEN NOT ended AND {2} <= due THEN 1 ELSE 0 END AS pending\n"
                          "FROM ({3}) j\n{4}",
                          "COALESCE(" + shown("j.owner", "o") + ", '(none)')", limit, as_of, judged,
                          shown_joins("j.owner", "o")));
    // Per owner, then every case of the rule: counts, the met rate, response hours by
    // nearest rank.
    const std::string hours = w.Double("elapsed") + " / 3600";
    auto summary = [&](const std::string& label, const std::string& group, int order) {
      return fmt::format(
          "SELECT {0} AS rule_order, {1} AS grp, {2} AS owner, COUNT(*) AS started,\n"
          "  COALESCE(SUM(met), 0) AS met, COALESCE(SUM(breached), 0) AS breached,\n"
          "  COALESCE(SUM(is_open), 0) AS is_open, COALESCE(SUM(pending), 0) AS pending,\n"
          "  MAX(CASE WHEN rn = CEIL({3} / 100) THEN h END) AS median_hours,\n"
          "  MAX(CASE WHEN rn = CEIL({4} / 100) THEN h END) AS p90_hours\n"
          "FROM (\n"
          "  SELECT j.*, CASE WHEN ended THEN {5} END AS h,\n"
          "    CASE WHEN ended THEN ROW_NUMBER() OVER (PARTITION BY {6}ended ORDER BY elapsed) END "
          "AS rn,\n"
          "    SUM(CASE WHEN ended THEN 1 ELSE 0 END) OVER ({7}) AS n\n"
          "  FROM {8}_judged j\n"
          ") g{9}",
          index, order, label, w.Double("50 * n"), w.Double("90 * n"), hours,
          group.empty() ? "" : group + ", ", group.empty() ? "" : "PARTITION BY " + group, r,
          group.empty() ? std::string() : " GROUP BY " + group);
    };
    rows += fmt::format("{}{}\nUNION ALL\n{}", rows.empty() ? "" : "\nUNION ALL\n",
                        summary("owner", "owner", 0), summary("'(all)'", "", 1));
  }
  w.Comment("19. The report's rows, as `baton sla --format json` prints them.");
  std::string names = "CASE rule_order";
  for (std::size_t i = 0; i < config.sla.size(); ++i) {
    names += fmt::format(" WHEN {} THEN {}", i + 1, Literal(config.sla[i].name));
  }
  names += " END";
  w.Raw(fmt::format(
      "SELECT {0} AS {1}, owner AS {2}, started AS {3}, met AS {4}, breached AS {5},\n"
      "  is_open AS {6}, pending AS {7},\n"
      "  CASE WHEN met + breached + is_open > 0 THEN {8} / (met + breached + is_open) END AS {9},\n"
      "  median_hours AS {10}, p90_hours AS {11}\n"
      "FROM (\n{12}\n) r\n"
      "ORDER BY rule_order, grp, owner{13};\n",
      names, w.Q("rule"), w.Q("owner"), w.Q("started"), w.Q("met"), w.Q("breached"), w.Q("open"),
      w.Q("pending"), w.Double("met"), w.Q("met_rate"), w.Q("median_hours"), w.Q("p90_hours"), rows,
      w.dialect().binary));
  return w.Take();
}

std::string TablesSql(const SqlScript& script, std::string_view location, bool gzip, bool parts) {
  Writer w(script);
  Header(w, "--tables");
  const std::string loc = location.empty() ? "." : std::string(location);
  const std::string ext = gzip ? ".csv.gz" : ".csv";
  const SqlDialect id = script.dialect;
  if (id == SqlDialect::kTrino) {
    w.Comment(
        "Trino's Hive tables read a folder each: LOCATION/TABLE/ (baton export --part PART\n"
        "writes TABLE/PART.csv; else move each TABLE.csv into its folder). The Hive CSV reader\n"
        "takes no line break inside a field: such values are read wrongly.\n");
  }
  for (const auto& table : ExportTables()) {
    w.Comment(fmt::format("{}: {}", table.name, table.about));
    const std::string name_text(table.name);
    // Where the table's files are: one file, or every file of its folder.
    const std::string folder = fmt::format("{}/{}/", loc, name_text);
    const std::string file = fmt::format("{}/{}{}", loc, name_text, ext);
    std::string cols;
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
      const auto type = id == SqlDialect::kTrino ? ColumnType::kText : TypeOf(table.columns[i]);
      cols += fmt::format("{}  {} {}", i ? ",\n" : "", w.Q(table.columns[i]), w.Type(type));
    }
    const std::string name = w.Table(table.name);
    switch (id) {
      case SqlDialect::kDuckdb:
        w.Raw(fmt::format("CREATE OR REPLACE TABLE {} (\n{}\n);\n", name, cols));
        w.Raw(fmt::format("COPY {} FROM {} (FORMAT csv, HEADER true);\n\n", name,
                          Literal(parts ? folder + "*" : file)));
        break;
      case SqlDialect::kPostgres:
        w.Raw(
            fmt::format("DROP TABLE IF EXISTS {};\nCREATE TABLE {} (\n{}\n);\n", name, name, cols));
        if (parts) {
          // Every part, plain or gzipped, without its header line.
          w.Raw(fmt::format(
              "\\copy {} FROM PROGRAM {} WITH (FORMAT csv)\n\n", name,
              Literal(fmt::format("for f in \"{}/{}\"/*; do gzip -dcf \"$f\" | tail -n +2; done",
                                  loc, name_text))));
        } else if (gzip) {
          w.Raw(fmt::format("\\copy {} FROM PROGRAM {} WITH (FORMAT csv, HEADER true)\n\n", name,
                            Literal("gzip -dc \"" + file + "\"")));
        } else {
          w.Raw(fmt::format("\\copy {} FROM {} WITH (FORMAT csv, HEADER true)\n\n", name,
                            Literal(file)));
        }
        break;
      case SqlDialect::kSpark:
        // RFC 4180: quotes doubled (escape '"'), line breaks inside quotes (multiLine).
        w.Raw(fmt::format(
            "CREATE TABLE IF NOT EXISTS {} (\n{}\n) USING csv\nOPTIONS (path {}, header 'true', "
            "escape '\"', multiLine 'true');\n\n",
            name, cols, Literal(parts ? folder : file)));
        break;
      case SqlDialect::kTrino: {
        // The Hive connector reads CSV as text only: a text table per folder, and a
        // view with the types the script needs.
        const std::string raw = w.Table(name_text + "_csv");
        w.Raw(fmt::format(
            "CREATE TABLE IF NOT EXISTS {} (\n{}\n)\nWITH (format = 'CSV', external_location = "
            "{}, skip_header_line_count = 1);\n",
            raw, cols, Literal(folder)));
        std::string casts;
        for (std::size_t i = 0; i < table.columns.size(); ++i) {
          const std::string c = w.Q(table.columns[i]);
          const auto type = TypeOf(table.columns[i]);
          std::string e;
          switch (type) {
            case ColumnType::kText:
              e = fmt::format("NULLIF({}, '')", c);
              break;
            case ColumnType::kTimestamp:
              e = fmt::format("from_iso8601_timestamp(NULLIF({}, ''))", c);
              break;
            default:
              e = fmt::format("CAST(NULLIF({}, '') AS {})", c, w.Type(type));
              break;
          }
          casts += fmt::format("{}  {} AS {}", i ? ",\n" : "", e, c);
        }
        w.Raw(
            fmt::format("CREATE OR REPLACE VIEW {} AS SELECT\n{}\nFROM {};\n\n", name, casts, raw));
        break;
      }
      case SqlDialect::kBigquery:
        w.Raw(fmt::format(
            "CREATE OR REPLACE EXTERNAL TABLE {} (\n{}\n)\nOPTIONS (format = 'CSV', uris = [{}], "
            "skip_leading_rows = 1, allow_quoted_newlines = true{});\n\n",
            name, cols, Literal(parts ? folder + "*" : file),
            gzip ? ", compression = 'GZIP'" : ""));
        break;
      case SqlDialect::kSnowflake:
        w.Raw(fmt::format("CREATE OR REPLACE TABLE {} (\n{}\n);\n", name, cols));
        w.Raw(fmt::format(
            "COPY INTO {} FROM {}\n  FILE_FORMAT = (TYPE = CSV, SKIP_HEADER = 1, "
            "FIELD_OPTIONALLY_ENCLOSED_BY = '\"', EMPTY_FIELD_AS_NULL = TRUE, COMPRESSION = AUTO,\n"
            "    TIMESTAMP_FORMAT = 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"', DATE_FORMAT = "
            "'YYYY-MM-DD');\n\n",
            name, Literal(parts ? folder : file)));
        break;
    }
  }
  return w.Take();
}

}  // namespace baton
