// EmptyInputError (SPEC 1.4, 5): a run that could use nothing never passes, and
// the error names the file, the count and the most common reason.
#include "baton/run.h"

#include <doctest/doctest.h>

namespace baton {
namespace {

FileStats Read(const char* name, std::int64_t rows, std::int64_t used) {
  FileStats s;
  s.name = name;
  s.layout = "Salesforce Lead (API names)";
  s.rows = rows;
  s.used = used;
  return s;
}

TEST_CASE("an input whose every row was rejected fails the run, naming its most common reason") {
  FileStats leads = Read("Lead.csv", 5, 0);
  leads.rejected["bad date"] = {4, 2};
  leads.rejected["wrong column count"] = {1, 7};
  auto error = EmptyInputError({Read("Task.csv", 10, 10), leads});
  REQUIRE(error);
  CHECK(error->code() == ExitCode::kData);
  CHECK(error->where().file == "Lead.csv");
  CHECK(error->message() == "no usable row: 5 of 5 rows rejected (4 bad date)");
  CHECK(error->hint().find("date_order") != std::string::npos);
}

TEST_CASE("an input read but with nothing of the funnel in it fails, naming what was ignored") {
  FileStats history = Read("LeadHistory.csv", 3, 0);
  history.ignored["history of fields that are not stages"] = 3;
  auto error = EmptyInputError({Read("Lead.csv", 2, 2), history});
  REQUIRE(error);
  CHECK(error->message() ==
        "no usable row: all 3 rows are read but none is funnel data (3 history "
        "of fields that are not stages)");
}

TEST_CASE("no recognised input, or headers alone, fail; an empty file beside others does not") {
  FileStats skipped = Read("notes.csv", 0, 0);
  skipped.skipped = "not a recognised export; name it with --input";
  auto none = EmptyInputError({skipped, skipped});
  REQUIRE(none);
  CHECK(none->message() ==
        "no input was recognised: 2 files were skipped (notes.csv: not a "
        "recognised export)");
  auto headers = EmptyInputError({Read("Lead.csv", 0, 0)});
  REQUIRE(headers);
  CHECK(headers->message() == "no input has a data row: 1 file has a header and nothing else");
  CHECK(!EmptyInputError({Read("Lead.csv", 0, 0), Read("Task.csv", 4, 1), skipped}));
  CHECK(!EmptyInputError({}));
}

}  // namespace
}  // namespace baton
