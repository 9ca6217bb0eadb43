// Customers won in a period; see wins.h.
#include "baton/wins.h"

#include <algorithm>
#include <map>

#include "baton/records.h"

namespace baton {

std::vector<Win> ComputeWins(const Model& model, const Period& period) {
  const std::size_t customer = model.stages.size() - 1;
  // A known time in the period (SPEC 2.2 rule 5: an unknown one is in none).
  auto in_period = [&](Instant t) { return t != kUnknownTime && period.Contains(t); };
  std::map<std::int32_t, Win> by_person;
  std::vector<Win> out;
  for (const auto& o : model.opportunities) {
    if (!o.is_won || !in_period(o.close_date)) continue;
    Win* win;
    Win orphan;
    if (o.person < 0) {
      win = &orphan;
      win->how = WinHow::kNoPerson;
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
  // People who became customers in the period, whatever made them so.
  for (std::size_t p = 0; p < model.people.size(); ++p) {
    if (!in_period(model.StageTime(p, customer))) continue;
    auto& win = by_person[static_cast<std::int32_t>(p)];
    win.person = static_cast<std::int32_t>(p);
  }
  for (auto& [p, win] : by_person) {
    const auto i = static_cast<std::size_t>(p);
    const Person& person = model.people[i];
    const Instant became = model.StageTime(i, customer);
    if (!in_period(became)) {
      const bool before = became > kUnknownTime && period.since != kNoTime && became < period.since;
      win.how = before ? WinHow::kRepeat : WinHow::kOtherTime;
    } else {
      // Stage history may time the win more precisely than the close date does.
      win.how = win.deals > 0 ? WinHow::kWonDeal : WinHow::kNoOwnDeal;
      win.won_at = became;
    }
    win.entered = model.StageTime(i, 0);
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

std::string_view WinHowText(WinHow how) {
  switch (how) {
    case WinHow::kWonDeal:
      return "won deal";
    case WinHow::kNoOwnDeal:
      return "no deal of their own";
    case WinHow::kRepeat:
      return "already a customer";
    case WinHow::kOtherTime:
      return "customer at another time";
    case WinHow::kNoPerson:
      return "no person";
  }
  return "";
}

}  // namespace baton
