// Findings of the data-quality check → Table (see reports.h).
#include "baton/reports.h"

namespace baton {

Table CheckTable(const std::vector<Finding>& findings) {
  Table t;
  t.report = "check";
  t.title = "data quality";
  t.columns = {"file", "check", "item", "count", "first_line", "problem", "note"};
  t.headings = {"file", "check", "item", "count", "line", "problem", "note"};
  t.key_columns = 2;
  for (const auto& f : findings) {
    t.AddRow({Cell::Text(f.file.empty() ? "(all files)" : f.file), Cell::Text(f.check),
              f.item.empty() ? Cell::Blank() : Cell::Text(f.item), Cell::Count(f.count),
              f.first_line ? Cell::Count(f.first_line) : Cell::Blank(), Cell::Flag(f.problem),
              f.note.empty() ? Cell::Blank() : Cell::Text(f.note)});
  }
  return t;
}

}  // namespace baton
