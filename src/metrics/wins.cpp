// Customers won in a period; see wins.h.
#include "baton/wins.h"

#include <algorithm>
#include <map>

namespace baton {

std::vector<Win> ComputeWins(const Model& model, const Period& period) {
  std::map<std::int32_t, Win> by_person;
  std::vector<Win> out;
  for (const auto& o : model.opportunities) {
    if (!o.is_won || !period.Contains(o.close_date)) continue;
    Win* win;
    Win orphan;
    if (o.person < 0) {
      win = &orphan;
    } else {
      win = &by_person[o.person];
      win->person = o.person;
    }
    win->won_at = win->won_at == kNoTime ? o.close_date : std::min(win->won_at, o.close_date);
    win->amount += o.amount;
    ++win->deals;
    if (!win->owner) win->owner = o.owner;
    if (o.person < 0) out.push_back(orphan);
  }
  for (auto& [p, win] : by_person) {
    const Person& person = model.people[static_cast<std::size_t>(p)];
    win.campaign = person.campaign;
    win.source = person.source;
    if (!win.owner) win.owner = person.owner;
    out.push_back(win);
  }
  std::stable_sort(out.begin(), out.end(), [](const Win& a, const Win& b) {
    return a.won_at != b.won_at ? a.won_at < b.won_at : a.person < b.person;
  });
  return out;
}

}  // namespace baton
