#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "nagare/ledger.h"

namespace nagare {
namespace {

/// Full-width ASCII (０-９, ／, －, …) and the ideographic space as their ASCII forms.
std::string narrow(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xEF && i + 2 < text.size()) {
      const auto b1 = static_cast<unsigned char>(text[i + 1]);
      const auto b2 = static_cast<unsigned char>(text[i + 2]);
      if (b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) {  // U+FF01..U+FF3F
        out += static_cast<char>(b2 - 0x81 + 0x21);
        i += 2;
        continue;
      }
      if (b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) {  // U+FF40..U+FF5E
        out += static_cast<char>(b2 - 0x80 + 0x60);
        i += 2;
        continue;
      }
    }
    if (text.substr(i, 3) == "\u3000") {
      out += ' ';
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

bool is_space_at(std::string_view text, std::size_t i, std::size_t& width) {
  if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r') {
    width = 1;
    return true;
  }
  if (text.substr(i, 3) == "\u3000") {
    width = 3;
    return true;
  }
  return false;
}

/// Without leading and trailing spaces (ASCII and the ideographic space).
std::string trim(std::string_view text) {
  std::size_t width = 0;
  while (!text.empty() && is_space_at(text, 0, width)) text.remove_prefix(width);
  while (!text.empty()) {
    if (is_space_at(text, text.size() - 1, width)) {
      text.remove_suffix(1);
    } else if (text.size() >= 3 && text.substr(text.size() - 3) == "\u3000") {
      text.remove_suffix(3);
    } else {
      break;
    }
  }
  return std::string(text);
}

bool take_number(std::string_view& text, int& value) {
  std::size_t k = 0;
  value = 0;
  while (k < text.size() && k < 5 && std::isdigit(static_cast<unsigned char>(text[k]))) {
    value = value * 10 + (text[k] - '0');
    ++k;
  }
  if (k == 0) return false;
  text.remove_prefix(k);
  return true;
}

bool take_separator(std::string_view& text) {
  for (std::string_view sep : {"-", "/", ".", "年", "月"}) {
    if (text.substr(0, sep.size()) == sep) {
      text.remove_prefix(sep.size());
      return true;
    }
  }
  return false;
}

enum class Column { date, from, to, items, medium, handler, quantity };
constexpr std::size_t kColumns = 7;

struct Alias {
  std::string_view name;
  Column column;
};
// Header names a ledger may use; compared after trimming, ASCII letters lower-cased.
constexpr std::array kAliases{
    Alias{"日付", Column::date},
    Alias{"受渡日", Column::date},
    Alias{"年月日", Column::date},
    Alias{"受渡年月日", Column::date},
    Alias{"date", Column::date},
    Alias{"送付元", Column::from},
    Alias{"送付者", Column::from},
    Alias{"引渡元", Column::from},
    Alias{"受渡元", Column::from},
    Alias{"提供元", Column::from},
    Alias{"from", Column::from},
    Alias{"送付先", Column::to},
    Alias{"引渡先", Column::to},
    Alias{"受渡先", Column::to},
    Alias{"提供先", Column::to},
    Alias{"受領者", Column::to},
    Alias{"to", Column::to},
    Alias{"項目", Column::items},
    Alias{"情報項目", Column::items},
    Alias{"受渡内容", Column::items},
    Alias{"内容", Column::items},
    Alias{"items", Column::items},
    Alias{"媒体", Column::medium},
    Alias{"媒体種別", Column::medium},
    Alias{"情報媒体種別", Column::medium},
    Alias{"medium", Column::medium},
    Alias{"取扱者", Column::handler},
    Alias{"担当者", Column::handler},
    Alias{"担当者名", Column::handler},
    Alias{"handler", Column::handler},
    Alias{"数量", Column::quantity},
    Alias{"件数", Column::quantity},
    Alias{"部数", Column::quantity},
    Alias{"quantity", Column::quantity},
};

std::optional<Column> column_of(std::string_view header) {
  std::string key = trim(narrow(header));
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const Alias& alias : kAliases) {
    if (alias.name == key) return alias.column;
  }
  return std::nullopt;
}

/// Items written in one cell: split on 、，,;； and line breaks, but not inside brackets,
/// so that "バーコード情報（納付書種別、金額）" stays whole.
std::vector<std::string> split_items(std::string_view cell) {
  std::vector<std::string> items;
  std::string current;
  int depth = 0;
  auto flush = [&] {
    std::string item = trim(current);
    if (!item.empty()) items.push_back(std::move(item));
    current.clear();
  };
  for (std::size_t i = 0; i < cell.size();) {
    std::string_view rest = cell.substr(i);
    auto starts = [&](std::string_view s) { return rest.substr(0, s.size()) == s; };
    if (starts("（") || starts("(") || starts("「") || starts("［") || starts("[")) {
      ++depth;
    } else if ((starts("）") || starts(")") || starts("」") || starts("］") || starts("]")) &&
               depth > 0) {
      --depth;
    }
    if (depth == 0) {
      bool split = false;
      for (std::string_view sep : {"、", "，", "；", ",", ";", "\n", "\r"}) {
        if (starts(sep)) {
          flush();
          i += sep.size();
          split = true;
          break;
        }
      }
      if (split) continue;
    }
    current += cell[i];
    ++i;
  }
  flush();
  return items;
}

}  // namespace

std::optional<int> parse_date(std::string_view raw) {
  const std::string narrowed = trim(narrow(raw));
  std::string_view text = narrowed;
  int era_base = 0;
  if (text.substr(0, 6) == "令和") {
    era_base = 2018;
    text.remove_prefix(6);
  } else if (!text.empty() && (text[0] == 'R' || text[0] == 'r')) {
    era_base = 2018;
    text.remove_prefix(1);
  }
  int year = 0, month = 0, day = 0;
  if (era_base != 0 && text.substr(0, 3) == "元") {
    year = 1;
    text.remove_prefix(3);
  } else if (!take_number(text, year)) {
    return std::nullopt;
  }
  if (!take_separator(text) || !take_number(text, month) || !take_separator(text) ||
      !take_number(text, day)) {
    return std::nullopt;
  }
  if (text == "日") text = {};
  if (!text.empty()) return std::nullopt;
  year += era_base;
  if (era_base == 0 && year < 1000) return std::nullopt;
  if (month < 1 || month > 12 || day < 1) return std::nullopt;
  static constexpr std::array<int, 12> kDays{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (day > kDays[static_cast<std::size_t>(month - 1)] || (month == 2 && day == 29 && !leap)) {
    return std::nullopt;
  }
  return year * 10000 + month * 100 + day;
}

LedgerRead read_ledger(std::string_view text, const std::string& file) {
  LedgerRead read;
  CsvText csv = parse_csv(text);
  Ledger ledger;
  ledger.file = file;
  const std::uint32_t header_line = csv.records.empty() ? 1 : csv.records.front().line;
  for (const CsvProblem& problem : csv.problems) {
    if (problem.line < header_line || csv.records.empty()) {
      read.diagnostics.push_back(Diagnostic{SourceLocation{file, problem.line, 0},
                                            "見出し行を読めません: " + problem.message});
    } else {
      ledger.skipped.push_back(SkippedRow{problem.line, problem.message, problem.message_en});
    }
  }
  if (csv.records.empty()) {
    if (read.diagnostics.empty()) {
      read.diagnostics.push_back(
          Diagnostic{SourceLocation{file, 1, 0}, "見出し行がありません（日付, 送付元, 送付先 …）"});
    }
    return read;
  }
  if (!read.diagnostics.empty()) return read;
  const CsvRecord& header = csv.records.front();
  std::array<std::size_t, kColumns> index;
  index.fill(npos);
  for (std::size_t k = 0; k < header.fields.size(); ++k) {
    auto column = column_of(header.fields[k]);
    if (!column) continue;  // other columns (備考 …) are kept out of the audit
    std::size_t& slot = index[static_cast<std::size_t>(*column)];
    if (slot != npos) {
      read.diagnostics.push_back(Diagnostic{SourceLocation{file, header.line, 0},
                                            "見出し「" + trim(header.fields[k]) + "」は「" +
                                                trim(header.fields[slot]) +
                                                "」と同じ列を指します"});
      continue;
    }
    slot = k;
  }
  const std::array<std::pair<Column, std::string_view>, 3> required{
      {{Column::date, "日付"}, {Column::from, "送付元"}, {Column::to, "送付先"}}};
  for (const auto& [column, name] : required) {
    if (index[static_cast<std::size_t>(column)] == npos) {
      read.diagnostics.push_back(Diagnostic{SourceLocation{file, header.line, 0},
                                            "必須の列「" + std::string(name) + "」がありません"});
    }
  }
  if (!read.diagnostics.empty()) return read;

  for (std::size_t r = 1; r < csv.records.size(); ++r) {
    const CsvRecord& record = csv.records[r];
    bool blank = true;
    for (const std::string& field : record.fields) blank = blank && trim(field).empty();
    if (blank) continue;
    auto cell = [&](Column column) {
      const std::size_t k = index[static_cast<std::size_t>(column)];
      return k == npos || k >= record.fields.size() ? std::string() : trim(record.fields[k]);
    };
    auto skip = [&](std::string message, std::string message_en) {
      ledger.skipped.push_back(SkippedRow{record.line, std::move(message), std::move(message_en)});
    };
    bool extra = false;
    for (std::size_t k = header.fields.size(); k < record.fields.size(); ++k) {
      extra = extra || !trim(record.fields[k]).empty();
    }
    if (extra) {
      skip("列が見出しより多くあります（見出し " + std::to_string(header.fields.size()) +
               " 列、この行 " + std::to_string(record.fields.size()) + " 列）",
           "more cells than the header has columns (" + std::to_string(header.fields.size()) +
               " vs " + std::to_string(record.fields.size()) + ")");
      continue;
    }
    LedgerEntry entry;
    entry.line = record.line;
    entry.date_text = cell(Column::date);
    entry.from = cell(Column::from);
    entry.to = cell(Column::to);
    if (entry.date_text.empty()) {
      skip("日付がありません", "no date");
      continue;
    }
    auto date = parse_date(entry.date_text);
    if (!date) {
      skip("日付「" + entry.date_text + "」を読めません（例: 2025-04-01、令和7年4月1日）",
           "cannot read the date \"" + entry.date_text + "\" (e.g. 2025-04-01)");
      continue;
    }
    entry.date = *date;
    if (entry.from.empty() || entry.to.empty()) {
      skip(entry.from.empty() ? "送付元がありません" : "送付先がありません",
           entry.from.empty() ? "no sender (from)" : "no recipient (to)");
      continue;
    }
    entry.items = split_items(cell(Column::items));
    entry.medium = cell(Column::medium);
    entry.handler = cell(Column::handler);
    entry.quantity = cell(Column::quantity);
    ledger.entries.push_back(std::move(entry));
  }
  std::stable_sort(ledger.skipped.begin(), ledger.skipped.end(),
                   [](const SkippedRow& a, const SkippedRow& b) { return a.line < b.line; });
  read.ledger = std::move(ledger);
  return read;
}

}  // namespace nagare
