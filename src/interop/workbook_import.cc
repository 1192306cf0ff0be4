// A filled-in workbook back as a model (`nagare import BOOK.xlsx`). The rows become a
// draft; the draft is written as TOML and loaded, so every rule of the loader applies; what
// the loader reports at a line is traced back to the cell that line came from.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "draft.h"
#include "measure_names.h"
#include "nagare/format.h"
#include "nagare/interop.h"
#include "nagare/load.h"
#include "workbook_layout.h"
#include "xlsx_reader.h"

namespace nagare {
namespace {

using interop::WorkbookColumn;
using interop::WorkbookSheet;
using xlsx::Cell;
using xlsx::CellType;

/// A cell, or a whole sheet (row 0), of the workbook being read.
struct Place {
  std::string sheet;
  std::uint32_t row = 0;
  std::uint32_t column = 0;
};

/// Where an entity's values came from: its row, its columns by key, and the rows of its
/// measures and certifications, in the order written.
struct Origin {
  std::string sheet;
  std::uint32_t row = 0;
  std::map<std::string, std::uint32_t, std::less<>> columns;
  std::vector<Place> marks;
  std::vector<Place> certifications;

  Place at(std::string_view key) const {
    auto it = columns.find(key);
    return Place{sheet, row, it == columns.end() ? 1 : it->second};
  }
};

/// One sheet's header, read: which column holds which key.
struct Table {
  const xlsx::Sheet* sheet = nullptr;
  const WorkbookSheet* layout = nullptr;
  std::map<std::string, std::uint32_t, std::less<>> columns;
  std::vector<std::uint32_t> rows;  // data rows with at least one value
};

/// `text` without spaces, tabs and ideographic spaces (U+3000) at either end.
std::string trimmed(std::string_view text) {
  constexpr std::string_view kWide = "\u3000";
  for (;;) {
    if (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
      text.remove_prefix(1);
    } else if (text.substr(0, kWide.size()) == kWide) {
      text.remove_prefix(kWide.size());
    } else if (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
      text.remove_suffix(1);
    } else if (text.size() >= kWide.size() && text.substr(text.size() - kWide.size()) == kWide) {
      text.remove_suffix(kWide.size());
    } else {
      return std::string(text);
    }
  }
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find('\n', start);
    std::string part(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (!part.empty()) parts.push_back(std::move(part));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

/// A cell of comments as lines, blank lines kept (a blank comment line is `#`), no '\r'.
std::vector<std::string> comment_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find('\n', start);
    std::string line(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return lines;
}

/// An ISO date from an Excel date serial (days since 1899-12-30 in the 1900 system).
std::optional<std::string> date_of_serial(double serial) {
  if (!(serial >= 1 && serial < 2958466) || serial != std::floor(serial)) return std::nullopt;
  using namespace std::chrono;
  const sys_days day = sys_days(year{1899} / December / 30) + days(static_cast<int>(serial));
  const year_month_day date(day);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return std::string(buffer);
}

class BookReader {
 public:
  BookReader(const xlsx::Workbook& book, std::string path, const MeasureCatalogue& catalogue,
             bool english)
      : book_(book), path_(std::move(path)), catalogue_(catalogue), english_(english) {}

  void read() {
    const auto& layout = interop::workbook_layout();
    for (const WorkbookSheet& sheet : layout) {
      if (sheet.vertical) {
        read_paper(sheet);
        continue;
      }
      tables_[sheet.table] = header(sheet);
    }
    // Custom measures first: the 対策 sheet may name them.
    read_rows("custom_measures", [this](const Table& t, std::uint32_t row) { custom(t, row); });
    std::vector<std::pair<std::string, std::string>> custom_names;
    for (const auto& measure : draft_.custom_measures) {
      custom_names.emplace_back(measure.id, measure.name);
    }
    names_.emplace(catalogue_, custom_names);
    read_rows("custom_measures", [this](const Table& t, std::uint32_t row) { satisfies(t, row); });
    read_rows("items", [this](const Table& t, std::uint32_t row) { item(t, row); });
    read_rows("orgs", [this](const Table& t, std::uint32_t row) { org(t, row); });
    read_rows("certifications",
              [this](const Table& t, std::uint32_t row) { certification(t, row); });
    read_rows("nodes", [this](const Table& t, std::uint32_t row) { node(t, row); });
    read_rows("flows", [this](const Table& t, std::uint32_t row) { flow(t, row); });
    read_rows("marks", [this](const Table& t, std::uint32_t row) { mark(t, row); });
    read_rows("accept", [this](const Table& t, std::uint32_t row) { acceptance(t, row); });
  }

  /// The draft as TOML, loaded; the loader's complaints traced back to cells.
  WorkbookImport finish() {
    WorkbookImport result;
    // A workbook that carries the file's own comments (資料's last row) gives them back as
    // they were; an older one gets a note of where the model came from.
    if (!file_comments_row_) {
      draft_.source_note =
          english_
              ? "Made by nagare import from " + std::filesystem::path(path_).filename().string()
              : std::filesystem::path(path_).filename().string() + " から nagare import で作成";
    }
    const std::string text = interop::write_model(draft_, english_);
    auto loaded = load_model_text(text, path_, catalogue_);
    if (!loaded.value) {
      const std::vector<Place> places = line_places(text);
      for (Diagnostic diagnostic : loaded.diagnostics) {
        const std::uint32_t line = diagnostic.where.line;
        const Place place = line > 0 && line < places.size() ? places[line] : Place{};
        diagnostic.message = name_lines(diagnostic.message, places);
        diagnostic.message_en = name_lines(diagnostic.message_en, places);
        diagnostic.where = SourceLocation{where(place), 0, 0};
        // A row the workbook's own checks found wrong is not reported again (its placeholder
        // values would only repeat the problem).
        if (reported_rows_.count({place.sheet, place.row}) == 0 || place.row == 0) {
          problems_.emplace_back(place, std::move(diagnostic));
        }
      }
    }
    if (!problems_.empty()) {
      // In the order of the workbook: sheet by sheet, row by row.
      auto order = [](const Place& place) {
        const auto& layout = interop::workbook_layout();
        const auto sheet = std::find_if(layout.begin(), layout.end(),
                                        [&](const auto& each) { return each.name == place.sheet; });
        return std::tuple(place.sheet.empty() ? 0 : 1, sheet - layout.begin(), place.row,
                          place.column);
      };
      std::stable_sort(problems_.begin(), problems_.end(), [&](const auto& a, const auto& b) {
        return order(a.first) < order(b.first);
      });
      for (auto& [place, diagnostic] : problems_)
        result.diagnostics.push_back(std::move(diagnostic));
      return result;
    }
    result.model_text = format_model_text(text);
    return result;
  }

 private:
  // ---- places and problems -----------------------------------------------------------------

  std::string where(const Place& place) const {
    if (place.sheet.empty()) return path_;
    if (place.row == 0) return path_ + ":" + place.sheet;
    return path_ + ":" + place.sheet + "!" + xlsx::cell_name(place.row, place.column);
  }

  void error(const Place& place, std::string ja, std::string en) {
    reported_rows_.insert({place.sheet, place.row});
    problems_.emplace_back(
        place, Diagnostic{SourceLocation{where(place), 0, 0}, std::move(ja), std::move(en)});
  }

  // ---- headers and rows ------------------------------------------------------------------

  Table header(const WorkbookSheet& layout) {
    Table table;
    table.layout = &layout;
    table.sheet = book_.find(layout.name);
    if (table.sheet == nullptr) return table;  // a sheet left out holds nothing
    const xlsx::Sheet& sheet = *table.sheet;
    for (std::uint32_t c = 1; c <= sheet.last_column; ++c) {
      const Cell* cell = sheet.at(1, c);
      if (cell == nullptr) continue;
      const std::string text = trimmed(cell->text);
      if (text.empty()) continue;
      auto column = std::find_if(
          layout.columns.begin(), layout.columns.end(),
          [&](const WorkbookColumn& each) { return each.heading == text || each.key == text; });
      const Place place{layout.name, 1, c};
      if (column == layout.columns.end()) {
        std::string known;
        for (const WorkbookColumn& each : layout.columns) {
          known += (known.empty() ? "" : ", ") + each.heading;
        }
        error(place,
              "見出し「" + text + "」はこのシートの列ではありません (使える見出し: " + known + ")",
              "\"" + text + "\" is not a column of this sheet (columns: " + known + ")");
        continue;
      }
      if (!table.columns.emplace(column->key, c).second) {
        error(place, "見出し「" + text + "」が 2 つあります", "column \"" + text + "\" twice");
      }
    }
    for (const WorkbookColumn& column : layout.columns) {
      if (column.spec.required && table.columns.count(column.key) == 0 && sheet.last_row > 1) {
        error(Place{layout.name, 1, sheet.last_column + 1},
              "見出し「" + column.heading + "」の列がありません",
              "no column headed \"" + column.heading + "\"");
      }
    }
    std::set<std::uint32_t> known_columns;
    for (const auto& [key, c] : table.columns) known_columns.insert(c);
    std::uint32_t last = 0;
    for (const auto& [position, cell] : sheet.cells) {
      const auto [row, c] = position;
      if (row < 2) continue;
      if (known_columns.count(c) == 0) {
        // A value under no heading would be lost without a word: say so.
        if (cell.type != CellType::string || !trimmed(cell.text).empty()) {
          error(Place{layout.name, row, c}, "見出しのない列に値があります",
                "a value in a column with no heading");
        }
        continue;
      }
      if (row != last) table.rows.push_back(row);
      last = row;
    }
    return table;
  }

  template <typename Each>
  void read_rows(const std::string& key, Each each) {
    const Table& table = tables_.at(key);
    for (std::uint32_t row : table.rows) each(table, row);
  }

  Place place(const Table& t, std::uint32_t row, std::string_view key) const {
    auto it = t.columns.find(key);
    return Place{t.layout->name, row, it == t.columns.end() ? 1 : it->second};
  }

  const Cell* cell(const Table& t, std::uint32_t row, std::string_view key) const {
    auto it = t.columns.find(key);
    return it == t.columns.end() ? nullptr : t.sheet->at(row, it->second);
  }

  const WorkbookColumn& column(const Table& t, std::string_view key) const {
    return *std::find_if(t.layout->columns.begin(), t.layout->columns.end(),
                         [key](const WorkbookColumn& each) { return each.key == key; });
  }

  /// A cell's value as text; nullopt when empty. A required empty cell is a problem.
  std::optional<std::string> text(const Table& t, std::uint32_t row, std::string_view key) {
    const Cell* value = cell(t, row, key);
    const WorkbookColumn& spec = column(t, key);
    if (value != nullptr && value->type == CellType::error) {
      error(place(t, row, key), "セルがエラー値 (" + value->text + ") です",
            "the cell holds an error value (" + value->text + ")");
      return std::nullopt;
    }
    if (value == nullptr || (value->type == CellType::string && value->text.empty())) {
      if (spec.spec.required) {
        error(place(t, row, key), "「" + spec.heading + "」が空です (必ず書く列です)",
              "\"" + spec.heading + "\" is empty (a required column)");
      }
      return std::nullopt;
    }
    if (value->type == CellType::boolean) return value->text == "1" ? "TRUE" : "FALSE";
    if (value->type == CellType::number && spec.spec.type == ValueType::date) {
      if (auto date = date_of_serial(std::strtod(value->text.c_str(), nullptr))) return date;
    }
    return value->text;
  }

  /// An id-like value: surrounding spaces dropped (a stray space is never part of an id).
  std::optional<std::string> word(const Table& t, std::uint32_t row, std::string_view key) {
    auto value = text(t, row, key);
    if (!value) return std::nullopt;
    std::string word = trimmed(*value);
    if (word.empty()) {
      if (column(t, key).spec.required) {
        error(place(t, row, key), "「" + column(t, key).heading + "」が空です (必ず書く列です)",
              "\"" + column(t, key).heading + "\" is empty (a required column)");
      }
      return std::nullopt;
    }
    return word;
  }

  std::vector<std::string> words(const Table& t, std::uint32_t row, std::string_view key) {
    std::vector<std::string> out;
    if (auto value = text(t, row, key)) {
      for (const std::string& part : split_lines(*value)) {
        std::string each = trimmed(part);
        if (!each.empty()) out.push_back(std::move(each));
      }
    }
    return out;
  }

  std::optional<long long> integer(const Table& t, std::uint32_t row, std::string_view key) {
    auto value = text(t, row, key);
    if (!value) return std::nullopt;
    const std::string number = trimmed(*value);
    char* end = nullptr;
    const double parsed = std::strtod(number.c_str(), &end);
    if (number.empty() || *end != '\0' || parsed != std::floor(parsed) || std::abs(parsed) > 1e15) {
      error(place(t, row, key), "「" + column(t, key).heading + "」は整数で書いてください",
            "\"" + column(t, key).heading + "\" must be a whole number");
      return std::nullopt;
    }
    return static_cast<long long>(parsed);
  }

  std::optional<bool> boolean(const Table& t, std::uint32_t row, std::string_view key) {
    auto value = text(t, row, key);
    if (!value) return std::nullopt;
    std::string word = trimmed(*value);
    std::transform(word.begin(), word.end(), word.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (word == "TRUE" || word == "1") return true;
    if (word == "FALSE" || word == "0") return false;
    error(place(t, row, key), "「" + column(t, key).heading + "」は TRUE か FALSE で書いてください",
          "\"" + column(t, key).heading + "\" must be TRUE or FALSE");
    return std::nullopt;
  }

  /// A value that must be one of the column's enumeration (checked here, where the cell is
  /// known, rather than by the loader).
  std::string choice(const Table& t, std::uint32_t row, std::string_view key) {
    auto value = word(t, row, key);
    if (!value) return {};
    const auto& values = column(t, key).spec.values;
    if (std::find(values.begin(), values.end(), *value) != values.end()) return *value;
    std::string allowed;
    for (std::string_view each : values)
      allowed += (allowed.empty() ? "" : ", ") + std::string(each);
    error(place(t, row, key),
          "「" + column(t, key).heading + "」の \"" + *value +
              "\" は使えません (使える値: " + allowed + ")",
          "\"" + *value + "\" is not allowed in \"" + column(t, key).heading +
              "\" (allowed: " + allowed + ")");
    return {};
  }

  Origin origin(const Table& t, std::uint32_t row) const {
    return Origin{t.layout->name, row, t.columns, {}, {}};
  }

  /// An id for a row whose id cell is empty (already reported), unique and unreferenced.
  std::string id_or_placeholder(const Table& t, std::uint32_t row) {
    auto id = word(t, row, "id");
    return id ? *id : " " + t.layout->name + std::to_string(row);
  }

  // ---- the sheets --------------------------------------------------------------------------

  void read_paper(const WorkbookSheet& layout) {
    const xlsx::Sheet* sheet = book_.find(layout.name);
    if (sheet == nullptr) {
      error(Place{},
            "シート「" + layout.name +
                "」がありません (nagare export --format xlsx で作るブックを使ってください)",
            "no sheet \"" + layout.name +
                "\" (start from a workbook made by nagare export "
                "--format xlsx)");
      return;
    }
    std::set<std::string> seen;
    bool title = false;
    for (std::uint32_t row = 2; row <= sheet->last_row; ++row) {
      const Cell* heading = sheet->at(row, 1);
      const Cell* key = sheet->at(row, 2);
      const Cell* value = sheet->at(row, 3);
      const Cell* remarks = sheet->at(row, 4);
      const std::string key_text = key ? trimmed(key->text) : "";
      const std::string heading_text = heading ? trimmed(heading->text) : "";
      if (key_text == interop::kFileCommentsKey ||
          (key_text.empty() && heading_text == interop::kFileCommentsHeading)) {
        file_comments_row_ = true;
        if (remarks != nullptr) draft_.comments.file = comment_lines(remarks->text);
        continue;
      }
      if (key_text.empty() && heading_text.empty()) {
        if (value != nullptr) {
          error(Place{layout.name, row, 3}, "キーのない行に値があります",
                "a value in a row with no key");
        }
        continue;
      }
      auto column = std::find_if(
          layout.columns.begin(), layout.columns.end(), [&](const WorkbookColumn& each) {
            return key_text.empty() ? each.heading == heading_text : each.key == key_text;
          });
      if (column == layout.columns.end()) {
        error(Place{layout.name, row, key_text.empty() ? 1u : 2u},
              "「" + (key_text.empty() ? heading_text : key_text) + "」は資料の項目ではありません",
              "\"" + (key_text.empty() ? heading_text : key_text) + "\" is not a key of [paper]");
        continue;
      }
      const Place place{layout.name, row, 3};
      if (!seen.insert(column->key).second) {
        error(place, "「" + column->heading + "」の行が 2 つあります",
              "\"" + column->heading + "\" twice");
        continue;
      }
      paper_places_[column->key] = place;
      if (remarks != nullptr) {
        auto& paper = draft_.comments.tables["paper"];
        paper.resize(1);
        for (const std::string& line : comment_lines(remarks->text)) {
          paper[0].lines.push_back("[" + column->key + "]" + (line.empty() ? "" : " " + line));
        }
      }
      if (value == nullptr || value->text.empty()) continue;
      if (value->type == CellType::error) {
        error(place, "セルがエラー値 (" + value->text + ") です",
              "the cell holds an error value (" + value->text + ")");
        continue;
      }
      std::string text =
          value->type == CellType::boolean ? (value->text == "1" ? "TRUE" : "FALSE") : value->text;
      if (column->spec.type == ValueType::enumerated_array) {
        for (const std::string& part : split_lines(text)) {
          std::string procedure = trimmed(part);
          if (!procedure.empty()) draft_.procedures.push_back(std::move(procedure));
        }
        continue;
      }
      if (column->spec.type == ValueType::enumerated) text = trimmed(text);
      if (column->key == "title") title = true;
      draft_.paper.emplace_back(column->key, std::move(text));
    }
    if (!title) {
      draft_.paper.emplace_back("title", "?");  // reported here, not again by the loader
      auto it = paper_places_.find("title");
      error(it == paper_places_.end() ? Place{layout.name, 0, 0} : it->second,
            "件名 (title) が空です (必ず書く項目です)", "the title is empty (required)");
    }
  }

  void custom(const Table& t, std::uint32_t row) {
    interop::DraftCustomMeasure measure;
    measure.id = id_or_placeholder(t, row);
    measure.name = text(t, row, "name").value_or("?");
    measure.category = choice(t, row, "category");
    draft_.custom_measures.push_back(std::move(measure));
    origins_["custom_measures"].push_back(origin(t, row));
    remember_comments(t, row, "custom_measures", origins_["custom_measures"].size() - 1);
  }

  /// satisfies names catalogue measures: read once the names are known.
  void satisfies(const Table& t, std::uint32_t row) {
    auto& measure = draft_.custom_measures[satisfies_next_++];
    for (const std::string& name : words(t, row, "satisfies")) {
      auto [found, id] = names_->find(name, true);
      if (found == interop::MeasureNames::Lookup::found) {
        measure.satisfies.push_back(id);
      } else {
        error(place(t, row, "satisfies"),
              "標準の対策「" + name + "」はカタログにありません (nagare measures で一覧できます)",
              "\"" + name + "\" is not a measure of the catalogue (see nagare measures)");
      }
    }
  }

  void item(const Table& t, std::uint32_t row) {
    interop::DraftItem item;
    item.id = id_or_placeholder(t, row);
    item.name = text(t, row, "name").value_or("?");
    item.item_class = choice(t, row, "class");
    if (item.item_class.empty()) item.item_class = "personal";
    if (auto value = text(t, row, "fields")) item.fields = split_lines(*value);
    item.declared = boolean(t, row, "declared").value_or(true);
    draft_.items.push_back(std::move(item));
    origins_["items"].push_back(origin(t, row));
    remember_comments(t, row, "items", origins_["items"].size() - 1);
  }

  void org(const Table& t, std::uint32_t row) {
    interop::DraftOrg org;
    org.id = id_or_placeholder(t, row);
    org.name = text(t, row, "name").value_or("?");
    org.role = choice(t, row, "role");
    if (org.role.empty()) org.role = "other";
    org.parent = word(t, row, "parent").value_or("");
    org.operator_name = text(t, row, "operator").value_or("");
    org.region = choice(t, row, "region");
    org.must_not_receive = words(t, row, "must_not_receive");
    draft_.orgs.push_back(std::move(org));
    origins_["orgs"].push_back(origin(t, row));
    remember_comments(t, row, "orgs", origins_["orgs"].size() - 1);
  }

  /// The first entity of `entities` with that id (the loader reports the others), through
  /// an index built on first use: rows of 対策 and 認証 are read once their entities are all
  /// read, and a lookup per row keeps the import linear.
  template <typename Entity>
  std::optional<std::size_t> find(const std::vector<Entity>& entities, const std::string& id) {
    auto& index = indices_[static_cast<const void*>(&entities)];
    if (index.empty()) {
      for (std::size_t i = entities.size(); i-- > 0;) index[entities[i].id] = i;
    }
    auto it = index.find(id);
    if (it == index.end()) return std::nullopt;
    return it->second;
  }

  void certification(const Table& t, std::uint32_t row) {
    auto owner = word(t, row, "org");
    interop::DraftCertification certification;
    certification.kind = choice(t, row, "kind");
    certification.since = integer(t, row, "since");
    if (!owner) return;
    auto index = find(draft_.orgs, *owner);
    if (!index) {
      error(place(t, row, "org"), "組織「" + *owner + "」は組織シートにありません",
            "no organization \"" + *owner + "\" on the organizations sheet");
      return;
    }
    if (certification.kind.empty()) return;
    draft_.orgs[*index].certifications.push_back(std::move(certification));
    origins_["orgs"][*index].certifications.push_back(place(t, row, "kind"));
  }

  void node(const Table& t, std::uint32_t row) {
    interop::DraftNode node;
    node.id = id_or_placeholder(t, row);
    node.name = text(t, row, "name").value_or("?");
    node.kind = choice(t, row, "kind");
    if (node.kind.empty()) node.kind = "system";
    node.org = word(t, row, "org").value_or("");
    node.network = choice(t, row, "network");
    node.medium = choice(t, row, "medium");
    node.stores = boolean(t, row, "stores");
    node.note = text(t, row, "note").value_or("");
    draft_.nodes.push_back(std::move(node));
    origins_["nodes"].push_back(origin(t, row));
    remember_comments(t, row, "nodes", origins_["nodes"].size() - 1);
  }

  void flow(const Table& t, std::uint32_t row) {
    interop::DraftFlow flow;
    flow.id = id_or_placeholder(t, row);
    flow.step = integer(t, row, "step");
    flow.from = word(t, row, "from").value_or("");
    flow.to = word(t, row, "to").value_or("");
    flow.via = words(t, row, "via");
    flow.items = words(t, row, "items");
    flow.direction = choice(t, row, "direction");
    flow.means = choice(t, row, "means");
    flow.label = text(t, row, "label").value_or("");
    draft_.flows.push_back(std::move(flow));
    origins_["flows"].push_back(origin(t, row));
    remember_comments(t, row, "flows", origins_["flows"].size() - 1);
  }

  void mark(const Table& t, std::uint32_t row) {
    const std::string target = choice(t, row, "target");
    auto owner = word(t, row, "owner");
    auto measure = text(t, row, "id");
    interop::DraftMeasure mark;
    mark.na = text(t, row, "na").value_or("");
    mark.by = choice(t, row, "by");
    mark.procedure = choice(t, row, "procedure");
    mark.scope = text(t, row, "scope").value_or("");
    if (target.empty() || !owner || !measure) return;
    auto [found, id] = names_->find(trimmed(*measure), false);
    if (found != interop::MeasureNames::Lookup::found) {
      const std::string name = trimmed(*measure);
      if (found == interop::MeasureNames::Lookup::ambiguous) {
        error(place(t, row, "id"),
              "対策「" + name + "」は同じ名前が複数あります (id で書いてください)",
              "more than one measure is named \"" + name + "\" (write its id)");
      } else {
        error(place(t, row, "id"),
              "対策「" + name +
                  "」はカタログにも独自対策シートにもありません (nagare measures で一覧できます)",
              "\"" + name +
                  "\" is neither a measure of the catalogue nor on the custom measures "
                  "sheet (see nagare measures)");
      }
      return;
    }
    mark.id = id;
    std::vector<interop::DraftMeasure>* marks = nullptr;
    Origin* owner_origin = nullptr;
    std::optional<std::size_t> index;
    if (target == interop::kTargetOrg && (index = find(draft_.orgs, *owner))) {
      marks = &draft_.orgs[*index].measures;
      owner_origin = &origins_["orgs"][*index];
    } else if (target == interop::kTargetNode && (index = find(draft_.nodes, *owner))) {
      marks = &draft_.nodes[*index].measures;
      owner_origin = &origins_["nodes"][*index];
    } else if (target == interop::kTargetFlow && (index = find(draft_.flows, *owner))) {
      marks = &draft_.flows[*index].measures;
      owner_origin = &origins_["flows"][*index];
    }
    if (marks == nullptr) {
      error(place(t, row, "owner"), target + "「" + *owner + "」は" + target + "シートにありません",
            "no " + target + " \"" + *owner + "\" on its sheet");
      return;
    }
    marks->push_back(std::move(mark));
    owner_origin->marks.push_back(place(t, row, "id"));
    if (auto remarks = text(t, row, interop::kCommentKey)) {
      const std::string table = target == interop::kTargetOrg    ? "orgs"
                                : target == interop::kTargetNode ? "nodes"
                                                                 : "flows";
      TableComments& owner_comments = comments_at(table, *index);
      owner_comments.measures.resize(marks->size());
      owner_comments.measures.back() = comment_lines(*remarks);
    }
  }

  void acceptance(const Table& t, std::uint32_t row) {
    interop::DraftAcceptance acceptance;
    acceptance.finding = word(t, row, "finding").value_or("?");
    acceptance.justification = text(t, row, "justification").value_or("?");
    acceptance.by = text(t, row, "by").value_or("");
    acceptance.date = word(t, row, "date").value_or("");
    draft_.acceptances.push_back(std::move(acceptance));
    origins_["accept"].push_back(origin(t, row));
    remember_comments(t, row, "accept", origins_["accept"].size() - 1);
  }

  // ---- comments ------------------------------------------------------------------------

  TableComments& comments_at(const std::string& table, std::size_t index) {
    auto& list = draft_.comments.tables[table];
    if (list.size() <= index) list.resize(index + 1);
    return list[index];
  }

  /// The row's 備考 as the comments of the entity (`index`-th of `table`).
  void remember_comments(const Table& t, std::uint32_t row, const std::string& table,
                         std::size_t index) {
    auto remarks = text(t, row, interop::kCommentKey);
    if (!remarks) return;
    comments_at(table, index).lines = comment_lines(*remarks);
  }

  // ---- from TOML lines back to cells ---------------------------------------------------

  /// The cell each line of the written model came from (index: line number).
  std::vector<Place> line_places(const std::string& text) {
    std::vector<Place> places(1);
    std::map<std::string, std::size_t> counts;
    std::string table;
    const Origin* current = nullptr;
    bool in_marks = false;
    std::size_t mark_index = 0;
    std::size_t start = 0;
    while (start < text.size()) {
      const auto end = text.find('\n', start);
      const std::string_view line(text.data() + start,
                                  (end == std::string::npos ? text.size() : end) - start);
      start = end == std::string::npos ? text.size() : end + 1;
      Place place;
      if (const auto first = line.find_first_not_of(' ');
          first != std::string_view::npos && line[first] == '#') {
        places.push_back(place);  // a comment: from 備考, no value of its own
        continue;
      }
      if (line == "[paper]") {
        table = "paper";
        current = nullptr;
      } else if (line.size() > 4 && line.substr(0, 2) == "[[") {
        table = std::string(line.substr(2, line.size() - 4));
        const std::size_t index = counts[table]++;
        const auto& list = origins_[table];
        current = index < list.size() ? &list[index] : nullptr;
        if (current != nullptr) place = current->at("id");
        in_marks = false;
      } else if (in_marks && current != nullptr) {
        if (line == "]") {
          in_marks = false;
          place = current->at("id");
        } else if (mark_index < current->marks.size()) {
          place = current->marks[mark_index++];
        }
      } else if (const auto equals = line.find(" = "); equals != std::string_view::npos) {
        const std::string key(line.substr(0, equals));
        if (table == "paper") {
          auto it = paper_places_.find(key);
          if (it != paper_places_.end()) place = it->second;
        } else if (current != nullptr) {
          if (key == "measures") {
            in_marks = true;
            mark_index = 0;
            place = current->at("id");
          } else if (key == "certifications") {
            place = current->certifications.empty() ? current->at("id")
                                                    : current->certifications.front();
          } else {
            place = current->at(key);
          }
        }
      }
      places.push_back(place);
    }
    return places;
  }

  /// "(最初の定義: 12行目)" speaks of the written model's lines: name the cell instead.
  std::string name_lines(const std::string& message, const std::vector<Place>& places) const {
    const std::string marker = "最初の定義: ";
    const auto at = message.find(marker);
    if (at == std::string::npos) return message;
    const auto digits = at + marker.size();
    char* end = nullptr;
    const unsigned long line = std::strtoul(message.c_str() + digits, &end, 10);
    const std::string suffix = "行目";
    const auto after = static_cast<std::size_t>(end - message.c_str());
    if (line == 0 || line >= places.size() || message.compare(after, suffix.size(), suffix) != 0) {
      return message;
    }
    const Place& place = places[line];
    const std::string cell =
        place.row == 0 ? place.sheet : place.sheet + "!" + xlsx::cell_name(place.row, place.column);
    return message.substr(0, digits) + cell + message.substr(after + suffix.size());
  }

  const xlsx::Workbook& book_;
  std::string path_;
  const MeasureCatalogue& catalogue_;
  bool english_;
  std::vector<std::pair<Place, Diagnostic>> problems_;
  interop::Draft draft_;
  std::map<std::string, Table, std::less<>> tables_;
  std::map<std::string, Place, std::less<>> paper_places_;
  std::map<std::string, std::vector<Origin>, std::less<>> origins_;
  std::optional<interop::MeasureNames> names_;
  std::size_t satisfies_next_ = 0;
  bool file_comments_row_ = false;
  std::set<std::pair<std::string, std::uint32_t>> reported_rows_;
  std::map<const void*, std::unordered_map<std::string, std::size_t>> indices_;
};

}  // namespace

bool looks_like_zip(std::string_view bytes) { return bytes.substr(0, 4) == "PK\x03\x04"; }

WorkbookImport import_workbook(std::string_view bytes, const std::string& path,
                               const MeasureCatalogue& catalogue, bool english) {
  xlsx::Workbook book;
  try {
    book = xlsx::read_workbook(bytes);
  } catch (const xlsx::ReadError& problem) {
    WorkbookImport result;
    const std::string place = problem.place.empty() ? path : path + ":" + problem.place;
    result.diagnostics.push_back(
        Diagnostic{SourceLocation{place, 0, 0}, problem.what(), problem.en});
    return result;
  }
  BookReader reader(book, path, catalogue, english);
  reader.read();
  return reader.finish();
}

}  // namespace nagare
