// Cell formatting for people and machines (see cell_text.h).
#include "report/cell_text.h"

#include <fmt/format.h>

#include <cmath>

namespace baton {
namespace {

std::string Thousands(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

}  // namespace

std::string Plural(std::int64_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", Thousands(n), n == 1 ? one : many);
}

std::string MoneyText(double amount) { return HumanText(Cell::Money(amount), nullptr); }

std::string HumanText(const Cell& cell, Zone tz) {
  if (!cell.has_value && !cell.text.empty() && cell.kind != CellKind::kText) {
    return "n/a: " + cell.text;
  }
  if (cell.has_value && !std::isfinite(cell.number)) return "n/a";  // never "inf%"
  switch (cell.kind) {
    case CellKind::kBlank:
      return "";
    case CellKind::kText:
      return cell.text;
    case CellKind::kCount:
      return Thousands(cell.count);
    case CellKind::kRate:
      return cell.has_value ? fmt::format("{:.1f}%", cell.number * 100) : "n/a";
    case CellKind::kDays:
      return cell.has_value ? fmt::format("{:.1f}", cell.number) : "n/a";
    case CellKind::kNumber:
      return cell.has_value ? fmt::format("{:.2f}", cell.number) : "n/a";
    case CellKind::kMoney: {
      if (!cell.has_value) return "n/a";
      auto cents = static_cast<std::int64_t>(std::llround(std::abs(cell.number) * 100));
      std::string text = fmt::format("{}.{:02d}", Thousands(cents / 100), cents % 100);
      return cell.number < 0 && cents ? "-" + text : text;
    }
    case CellKind::kTime:
      return cell.has_value ? FormatLocalMinute(cell.count, tz) : "";
    case CellKind::kFlag:
      return cell.count ? "yes" : "";
    case CellKind::kChange:
      if (!cell.has_value) return "n/a";
      if (cell.number == 0) return "= 0";
      return (cell.number > 0 ? "▲ +" : "▼ -") +
             (std::abs(cell.number - std::round(cell.number)) < 1e-9
                  ? Thousands(static_cast<std::int64_t>(std::llround(std::abs(cell.number))))
                  : fmt::format("{:.2f}", std::abs(cell.number)));
    case CellKind::kChangeRate:
      if (!cell.has_value) return "n/a";
      if (cell.number == 0) return "= 0.0%";
      return fmt::format("{} {:+.1f}%", cell.number > 0 ? "▲" : "▼", cell.number * 100);
    case CellKind::kChangePoints: {
      if (!cell.has_value) return "n/a";
      const double points = std::round(cell.number * 1000) / 10;
      if (points == 0) return "= 0.0 pp";
      return fmt::format("{} {:+.1f} pp", points > 0 ? "▲" : "▼", points);
    }
    case CellKind::kChangeMoney: {
      if (!cell.has_value) return "n/a";
      std::string money = HumanText(Cell::Money(std::abs(cell.number)), tz);
      if (money == "0.00") return "= 0.00";
      return (cell.number > 0 ? "▲ +" : "▼ -") + money;
    }
  }
  return "";
}

std::string MachineText(const Cell& cell) {
  // Infinity and NaN are no JSON numbers: no value (n/a), never "inf".
  if (cell.kind != CellKind::kText && cell.kind != CellKind::kCount &&
      cell.kind != CellKind::kTime && cell.kind != CellKind::kFlag && !std::isfinite(cell.number)) {
    return "";
  }
  switch (cell.kind) {
    case CellKind::kBlank:
      return "";
    case CellKind::kText:
      return cell.text;
    case CellKind::kCount:
      return std::to_string(cell.count);
    case CellKind::kRate:
    case CellKind::kDays:
    case CellKind::kNumber:
    case CellKind::kChange:
    case CellKind::kChangeRate:
    case CellKind::kChangePoints:
      return cell.has_value ? fmt::format("{}", cell.number) : "";
    case CellKind::kMoney:
    case CellKind::kChangeMoney:  // to a millionth: sums of cents print as cents, not
                                  // 0.30000000000000004
      return cell.has_value ? fmt::format("{}", std::round(cell.number * 1e6) / 1e6 + 0.0) : "";
    case CellKind::kTime:
      return cell.has_value ? FormatUtc(cell.count) : "";
    case CellKind::kFlag:
      return cell.count ? "true" : "false";
  }
  return "";
}

bool IsNumeric(const Cell& cell) {
  return cell.has_value &&
         (cell.kind == CellKind::kCount || cell.kind == CellKind::kRate ||
          cell.kind == CellKind::kDays || cell.kind == CellKind::kNumber ||
          cell.kind == CellKind::kMoney || cell.kind == CellKind::kChange ||
          cell.kind == CellKind::kChangeRate || cell.kind == CellKind::kChangePoints ||
          cell.kind == CellKind::kChangeMoney || cell.kind == CellKind::kFlag);
}

std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += fmt::format("\\u{:04x}", c);
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

}  // namespace baton
