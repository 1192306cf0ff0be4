#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <tuple>

#include "ledger_text.h"
#include "nagare/ledger.h"

namespace nagare {
namespace {

using ledger_text::narrow;
using ledger_text::trim;

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

LedgerRead read_ledger(std::string_view bytes, const std::string& file) {
  LedgerRead read;
  const DecodedText decoded = decode_text(bytes);
  if (!decoded.utf8) {
    read.diagnostics.push_back(Diagnostic{SourceLocation{file, decoded.line, decoded.column},
                                          decoded.problem, decoded.problem_en});
    return read;
  }
  CsvText csv = parse_csv(*decoded.utf8);
  Ledger ledger;
  ledger.file = file;
  ledger.encoding = decoded.encoding;
  ledger.bom = decoded.bom;
  const std::uint32_t header_line = csv.records.empty() ? 1 : csv.records.front().line;
  for (const CsvProblem& problem : csv.problems) {
    if (problem.line < header_line || csv.records.empty()) {
      read.diagnostics.push_back(Diagnostic{SourceLocation{file, problem.line, 0},
                                            "見出し行を読めません: " + problem.message,
                                            "cannot read the header row: " + problem.message_en});
    } else {
      ledger.skipped.push_back(SkippedRow{problem.line, problem.message, problem.message_en});
    }
  }
  if (csv.records.empty()) {
    if (read.diagnostics.empty()) {
      read.diagnostics.push_back(Diagnostic{SourceLocation{file, 1, 0},
                                            "見出し行がありません（日付, 送付元, 送付先 …）",
                                            "no header row (date, from, to …)"});
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
                                                trim(header.fields[slot]) + "」と同じ列を指します",
                                            "the headers \"" + trim(header.fields[k]) +
                                                "\" and \"" + trim(header.fields[slot]) +
                                                "\" name the same column"});
      continue;
    }
    slot = k;
  }
  const std::array<std::tuple<Column, std::string_view, std::string_view>, 3> required{
      {{Column::date, "日付", "date"},
       {Column::from, "送付元", "from"},
       {Column::to, "送付先", "to"}}};
  for (const auto& [column, name, name_en] : required) {
    if (index[static_cast<std::size_t>(column)] == npos) {
      read.diagnostics.push_back(Diagnostic{
          SourceLocation{file, header.line, 0}, "必須の列「" + std::string(name) + "」がありません",
          "the required column \"" + std::string(name_en) + "\" is missing"});
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
    const DateReading date = read_date(entry.date_text);
    if (!date.date) {
      if (date.problem.empty()) {
        skip("日付「" + entry.date_text + "」を読めません（例: 2025-04-01、令和7年4月1日）",
             "cannot read the date \"" + entry.date_text + "\" (e.g. 2025-04-01)");
      } else {
        skip("日付「" + entry.date_text + "」を読めません: " + date.problem,
             "cannot read the date \"" + entry.date_text + "\": " + date.problem_en);
      }
      continue;
    }
    entry.date = *date.date;
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
