// The model as a workbook for clerks (`nagare export --format xlsx`), written with
// libxlsxwriter. Every value is a plain cell (text, number or TRUE/FALSE), never a formula,
// so that what a clerk sees is what `nagare import` reads back.

#include <xlsxwriter.h>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <variant>

#include "measure_names.h"
#include "nagare/format.h"
#include "nagare/interop.h"
#include "nagare/temp_file.h"
#include "workbook_layout.h"
#include "xlsx_reader.h"

namespace nagare {
namespace {

using interop::WorkbookColumn;
using interop::WorkbookSheet;

using Value = std::variant<std::monostate, std::string, long long, bool>;
using Row = std::map<std::string, Value, std::less<>>;

/// Rows below the header that get drop-down lists: room for the clerk to add entities.
constexpr lxw_row_t kValidatedRows = 1000;
/// The creation time written into the workbook's properties: fixed, so that the same model
/// gives the same bytes (2020-01-01T00:00:00Z).
constexpr time_t kCreated = 1577836800;
/// Excel's limit on the text of one cell.
constexpr std::size_t kMaxCellCharacters = 32767;
/// Excel's limits on a data validation's inline list and messages.
constexpr std::size_t kMaxInlineList = 255;
constexpr std::size_t kMaxPrompt = 255;
constexpr std::size_t kMaxPromptTitle = 32;

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += '\n';
    out += values[i];
  }
  return out;
}

template <typename T>
std::string ids_joined(const std::vector<T>& values) {
  std::vector<std::string> ids;
  for (const T& value : values) ids.emplace_back(id_of(value));
  return joined(ids);
}

Value text(std::string_view value) { return value.empty() ? Value{} : Value{std::string(value)}; }

std::size_t characters(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

/// The first `limit` characters of `text` (UTF-8), never half a character.
std::string cut(std::string_view text, std::size_t limit) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && count++ == limit) {
      return std::string(text.substr(0, i));
    }
  }
  return std::string(text);
}

// ---- the model as rows --------------------------------------------------------------------

struct Rows {
  Row paper;
  std::map<std::string, std::vector<Row>, std::less<>> tables;
  std::map<std::string, std::vector<SourceLocation>, std::less<>> places;
};

void add(Rows& rows, std::string_view table, Row row, const SourceLocation& where) {
  rows.tables[std::string(table)].push_back(std::move(row));
  rows.places[std::string(table)].push_back(where);
}

std::string entity_id(const Model& model, std::string_view table, std::size_t index) {
  if (index == npos) return {};
  if (table == "items") return model.items[index].id;
  if (table == "orgs") return model.orgs[index].id;
  return model.nodes[index].id;
}

/// The comments of the `index`-th table named `table`, if the model text has any.
const TableComments* comments_of(const ModelComments& comments, const std::string& table,
                                 std::size_t index) {
  auto it = comments.tables.find(table);
  if (it == comments.tables.end() || index >= it->second.size()) return nullptr;
  return &it->second[index];
}

/// Comment lines as one cell (one line each); empty when there are none.
Value comment_cell(const std::vector<std::string>& lines) {
  if (lines.empty()) return {};
  return joined(lines);
}

Value comment_cell(const TableComments* comments) {
  return comments == nullptr ? Value{} : comment_cell(comments->lines);
}

void add_marks(Rows& rows, const interop::MeasureNames& names, std::string_view target,
               const std::string& owner, const std::vector<MeasureMark>& marks, bool ward_side,
               const TableComments* comments) {
  for (std::size_t m = 0; m < marks.size(); ++m) {
    const MeasureMark& mark = marks[m];
    Row row;
    if (comments != nullptr && m < comments->measures.size()) {
      row["comment"] = comment_cell(comments->measures[m]);
    }
    row["target"] = std::string(target);
    row["owner"] = owner;
    row["id"] = names.shown(mark.measure_id);
    if (mark.not_applicable) row["na"] = mark.reason;
    // `by` only where it differs from what the loader assumes for the entity.
    if (mark.party != (ward_side ? Party::ward : Party::other)) {
      row["by"] = std::string(id_of(mark.party));
    }
    if (mark.procedure) row["procedure"] = std::string(id_of(*mark.procedure));
    row["scope"] = text(mark.scope);
    add(rows, "marks", std::move(row), mark.where);
  }
}

Rows model_rows(const Model& model, const interop::MeasureNames& names,
                const ModelComments& comments) {
  Rows rows;
  const Paper& paper = model.paper;
  rows.paper["title"] = text(paper.title);
  rows.paper["document"] = text(paper.document);
  rows.paper["municipality"] = text(paper.municipality);
  if (paper.wording != "shinjuku") rows.paper["wording"] = paper.wording;
  if (paper.body != "区") rows.paper["body"] = paper.body;
  rows.paper["department"] = text(paper.department);
  rows.paper["procedures"] = text(ids_joined(paper.procedures));
  rows.paper["subjects"] = text(paper.subjects);
  rows.paper["subject_count"] = text(paper.subject_count);
  rows.paper["period"] = text(paper.period);
  rows.paper["purpose"] = text(paper.purpose);
  rows.paper["source"] = text(paper.source);

  for (std::size_t i = 0; i < model.custom_measures.size(); ++i) {
    const CustomMeasure& measure = model.custom_measures[i];
    Row row;
    row["comment"] = comment_cell(comments_of(comments, "custom_measures", i));
    row["id"] = measure.id;
    row["name"] = text(measure.name);
    if (measure.technical) row["category"] = std::string("technical");
    std::vector<std::string> shown;
    for (const std::string& id : measure.satisfies_ids) shown.push_back(names.shown(id));
    row["satisfies"] = text(joined(shown));
    add(rows, "custom_measures", std::move(row), measure.where);
  }
  for (std::size_t i = 0; i < model.items.size(); ++i) {
    const ItemSet& item = model.items[i];
    Row row;
    row["comment"] = comment_cell(comments_of(comments, "items", i));
    row["id"] = item.id;
    row["name"] = text(item.name);
    row["class"] = std::string(id_of(item.item_class));
    row["fields"] = text(joined(item.fields));
    if (!item.declared) row["declared"] = false;
    add(rows, "items", std::move(row), item.where);
  }
  for (std::size_t i = 0; i < model.orgs.size(); ++i) {
    const Organization& org = model.orgs[i];
    Row row;
    row["comment"] = comment_cell(comments_of(comments, "orgs", i));
    row["id"] = org.id;
    row["name"] = text(org.name);
    row["role"] = std::string(id_of(org.role));
    row["parent"] = text(entity_id(model, "orgs", org.parent));
    row["operator"] = text(org.operator_name);
    if (org.region != Region::unknown) row["region"] = std::string(id_of(org.region));
    std::vector<std::string> forbidden;
    for (ItemClass item_class : org.must_not_receive) forbidden.emplace_back(id_of(item_class));
    for (std::size_t set : org.must_not_receive_sets) forbidden.push_back(model.items[set].id);
    row["must_not_receive"] = text(joined(forbidden));
    add(rows, "orgs", std::move(row), org.where);
    for (const Certification& certification : org.certifications) {
      Row cert;
      cert["org"] = org.id;
      cert["kind"] = certification.kind;
      if (certification.since) cert["since"] = static_cast<long long>(*certification.since);
      add(rows, "certifications", std::move(cert), org.where);
    }
  }
  for (std::size_t i = 0; i < model.nodes.size(); ++i) {
    const Node& node = model.nodes[i];
    Row row;
    row["comment"] = comment_cell(comments_of(comments, "nodes", i));
    row["id"] = node.id;
    row["name"] = text(node.name);
    row["kind"] = std::string(id_of(node.kind));
    row["org"] = text(entity_id(model, "orgs", node.org));
    if (node.network) row["network"] = std::string(id_of(*node.network));
    if (node.medium) row["medium"] = std::string(id_of(*node.medium));
    const bool stores_by_default = node.kind != NodeKind::person && node.kind != NodeKind::network;
    if (node.stores != stores_by_default) row["stores"] = node.stores;
    row["note"] = text(node.note);
    add(rows, "nodes", std::move(row), node.where);
  }
  for (std::size_t i = 0; i < model.flows.size(); ++i) {
    const Flow& flow = model.flows[i];
    Row row;
    row["comment"] = comment_cell(comments_of(comments, "flows", i));
    row["id"] = flow.id;
    if (flow.step) row["step"] = static_cast<long long>(*flow.step);
    row["from"] = text(entity_id(model, "nodes", flow.from));
    row["to"] = text(entity_id(model, "nodes", flow.to));
    std::vector<std::string> via;
    for (std::size_t node : flow.via) via.push_back(model.nodes[node].id);
    row["via"] = text(joined(via));
    std::vector<std::string> items;
    for (std::size_t item : flow.items) items.push_back(model.items[item].id);
    row["items"] = text(joined(items));
    if (flow.direction != Direction::one_way) row["direction"] = std::string(id_of(flow.direction));
    if (flow.means != Means::unset) row["means"] = std::string(id_of(flow.means));
    row["label"] = text(flow.label);
    add(rows, "flows", std::move(row), flow.where);
  }
  for (std::size_t i = 0; i < model.orgs.size(); ++i) {
    add_marks(rows, names, interop::kTargetOrg, model.orgs[i].id, model.orgs[i].measures,
              model.is_ward_side(i), comments_of(comments, "orgs", i));
  }
  for (std::size_t i = 0; i < model.nodes.size(); ++i) {
    const Node& node = model.nodes[i];
    add_marks(rows, names, interop::kTargetNode, node.id, node.measures,
              node.org != npos && model.is_ward_side(node.org), comments_of(comments, "nodes", i));
  }
  for (std::size_t i = 0; i < model.flows.size(); ++i) {
    const Flow& flow = model.flows[i];
    const bool ward_side = flow.from != npos && model.nodes[flow.from].org != npos &&
                           model.is_ward_side(model.nodes[flow.from].org);
    add_marks(rows, names, interop::kTargetFlow, flow.id, flow.measures, ward_side,
              comments_of(comments, "flows", i));
  }
  for (std::size_t i = 0; i < model.acceptances.size(); ++i) {
    const Acceptance& acceptance = model.acceptances[i];
    Row row;
    row["comment"] = comment_cell(comments_of(comments, "accept", i));
    row["finding"] = text(acceptance.finding_id);
    row["justification"] = text(acceptance.justification);
    row["by"] = text(acceptance.accepted_by);
    row["date"] = text(acceptance.date);
    add(rows, "accept", std::move(row), acceptance.where);
  }
  return rows;
}

// ---- the workbook -------------------------------------------------------------------------

double column_width(const WorkbookColumn& column) {
  switch (column.spec.type) {
    case ValueType::integer:
    case ValueType::boolean:
      return 10;
    case ValueType::enumerated:
      return 16;
    default:
      break;
  }
  const std::string_view key = column.key;
  if (key == "name" || column.spec.type == ValueType::measure_id) return 30;
  if (key == "fields" || key == "label" || key == "note" || key == "justification" || key == "na" ||
      key == "scope" || key == "finding") {
    return 40;
  }
  return 18;
}

class BookWriter {
 public:
  BookWriter(lxw_workbook* workbook, lxw_worksheet* lists, Diagnostics& diagnostics)
      : workbook_(workbook), lists_(lists), diagnostics_(diagnostics) {
    header_ = workbook_add_format(workbook);
    format_set_bold(header_);
    format_set_bg_color(header_, 0xD9E1F2);
    format_set_border(header_, LXW_BORDER_THIN);
    format_set_text_wrap(header_);
    format_set_align(header_, LXW_ALIGN_VERTICAL_TOP);
    cell_ = workbook_add_format(workbook);
    format_set_text_wrap(cell_);
    format_set_align(cell_, LXW_ALIGN_VERTICAL_TOP);
    key_ = workbook_add_format(workbook);
    format_set_font_color(key_, 0x808080);
    format_set_align(key_, LXW_ALIGN_VERTICAL_TOP);
  }

  void heading(lxw_worksheet* sheet, lxw_col_t column, std::string_view text) {
    worksheet_write_string(sheet, 0, column, std::string(text).c_str(), header_);
  }
  lxw_format* key_format() const { return key_; }

  void value(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, const Value& value,
             const SourceLocation& where, std::string_view what) {
    if (const auto* string = std::get_if<std::string>(&value)) {
      if (characters(*string) > kMaxCellCharacters) {
        diagnostics_.push_back(Diagnostic{
            where, std::string(what) + " が長すぎて Excel のセルに入りません (上限 32767 文字)",
            std::string(what) + " is too long for an Excel cell (at most 32767 "
                                "characters)"});
        return;
      }
      const std::string escaped = xlsx::escape_underscores(*string);
      worksheet_write_string(sheet, row, column, escaped.c_str(), cell_);
    } else if (const auto* number = std::get_if<long long>(&value)) {
      worksheet_write_number(sheet, row, column, static_cast<double>(*number), cell_);
    } else if (const auto* flag = std::get_if<bool>(&value)) {
      worksheet_write_boolean(sheet, row, column, *flag ? 1 : 0, cell_);
    }
  }

  /// A drop-down list (or, for free values, the description) on rows first..last.
  void validate(lxw_worksheet* sheet, lxw_row_t first, lxw_row_t last, lxw_col_t column,
                const WorkbookColumn& spec, const std::vector<std::string>& choices,
                bool only_choices) {
    lxw_data_validation validation{};
    const std::string title = cut(spec.heading, kMaxPromptTitle);
    const std::string prompt = cut(spec.spec.ja, kMaxPrompt);
    validation.input_title = const_cast<char*>(title.c_str());
    validation.input_message = const_cast<char*>(prompt.c_str());
    std::string formula;
    std::vector<const char*> inline_list;
    const std::string error_title = only_choices ? "一覧にない値" : "一覧にない値です";
    const std::string error_message =
        only_choices ? "一覧から選んでください。"
                     : "一覧にない値です。新しく加える ID や独自の対策ならそのまま進めてください。";
    if (spec.spec.type == ValueType::integer) {
      validation.validate = LXW_VALIDATION_TYPE_INTEGER;
      validation.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
      validation.value_number = 0;
      validation.error_title = const_cast<char*>("整数");
      validation.error_message = const_cast<char*>("0 以上の整数を書いてください。");
    } else if (choices.empty()) {
      validation.validate = LXW_VALIDATION_TYPE_ANY;
    } else {
      validation.validate = LXW_VALIDATION_TYPE_LIST;
      validation.error_type =
          only_choices ? LXW_VALIDATION_ERROR_TYPE_STOP : LXW_VALIDATION_ERROR_TYPE_WARNING;
      validation.error_title = const_cast<char*>(error_title.c_str());
      validation.error_message = const_cast<char*>(error_message.c_str());
      std::size_t length = 0;
      bool inline_ok = true;
      for (const std::string& choice : choices) {
        length += choice.size() + 1;
        if (choice.find(',') != std::string::npos || choice.find('"') != std::string::npos) {
          inline_ok = false;
        }
      }
      if (inline_ok && length <= kMaxInlineList) {
        for (const std::string& choice : choices) inline_list.push_back(choice.c_str());
        inline_list.push_back(nullptr);
        validation.value_list = const_cast<char**>(inline_list.data());
      } else {
        // Longer lists live on the hidden sheet, referenced by range.
        formula = list_range(choices);
        validation.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
        validation.value_formula = formula.data();
      }
    }
    worksheet_data_validation_range(sheet, first, column, last, column, &validation);
  }

 private:
  std::string list_range(const std::vector<std::string>& choices) {
    const auto column = static_cast<lxw_col_t>(list_columns_++);
    for (std::size_t i = 0; i < choices.size(); ++i) {
      const std::string escaped = xlsx::escape_underscores(choices[i]);
      worksheet_write_string(lists_, static_cast<lxw_row_t>(i), column, escaped.c_str(), nullptr);
    }
    const std::string letter = xlsx::column_name(column + 1);
    return "='" + std::string(interop::kListSheetName) + "'!$" + letter + "$1:$" + letter + "$" +
           std::to_string(choices.size());
  }

  lxw_workbook* workbook_;
  lxw_worksheet* lists_;
  Diagnostics& diagnostics_;
  lxw_format* header_ = nullptr;
  lxw_format* cell_ = nullptr;
  lxw_format* key_ = nullptr;
  int list_columns_ = 0;
};

/// What a column's drop-down offers: the enumeration, TRUE/FALSE, measure names, or the
/// ids of the model's entities (a suggestion: new ones may be typed).
std::vector<std::string> choices_of(const WorkbookColumn& column, const Model& model,
                                    const interop::MeasureNames& names, bool& only_choices) {
  only_choices = true;
  std::vector<std::string> choices;
  switch (column.spec.type) {
    case ValueType::enumerated:
      for (std::string_view value : column.spec.values) choices.emplace_back(value);
      return choices;
    case ValueType::boolean:
      return {"TRUE", "FALSE"};
    case ValueType::measure_id:
      only_choices = false;
      return names.list();
    case ValueType::reference: {
      only_choices = false;
      const bool nodes = column.key == "from" || column.key == "to";
      if (nodes) {
        for (const Node& node : model.nodes) choices.push_back(node.id);
      } else if (column.key == "parent" || column.key == "org") {
        for (const Organization& org : model.orgs) choices.push_back(org.id);
      }
      return choices;
    }
    default:
      return choices;
  }
}

void write_paper(BookWriter& writer, lxw_worksheet* sheet, const WorkbookSheet& layout,
                 const Rows& rows, const Model& model, const interop::MeasureNames& names,
                 const ModelComments& comments) {
  for (lxw_col_t c = 0; c < 4; ++c) writer.heading(sheet, c, interop::kPaperHeadings[c]);
  worksheet_set_column(sheet, 0, 0, 14, nullptr);
  worksheet_set_column(sheet, 1, 1, 16, nullptr);
  worksheet_set_column(sheet, 2, 2, 80, nullptr);
  worksheet_set_column(sheet, 3, 3, 50, nullptr);
  worksheet_freeze_panes(sheet, 1, 0);
  const TableComments* paper = comments_of(comments, "paper", 0);
  lxw_row_t row = 1;
  for (const WorkbookColumn& column : layout.columns) {
    worksheet_write_string(sheet, row, 0, column.heading.c_str(), nullptr);
    worksheet_write_string(sheet, row, 1, column.key.c_str(), writer.key_format());
    // "[key] text" comments of [paper], on the key's own row.
    std::vector<std::string> mine;
    if (paper != nullptr) {
      const std::string prefix = "[" + column.key + "]";
      for (const std::string& line : paper->lines) {
        if (line == prefix) {
          mine.emplace_back();
        } else if (line.rfind(prefix + " ", 0) == 0) {
          mine.push_back(line.substr(prefix.size() + 1));
        }
      }
    }
    auto value = rows.paper.find(column.key);
    if (value != rows.paper.end()) {
      writer.value(sheet, row, 2, value->second, SourceLocation{model.file, 1, 1},
                   "[paper] " + column.key);
    } else if (!mine.empty() && (column.key == "wording" || column.key == "body")) {
      // A default the file states with a comment: stated here too, so that the import
      // writes the key and the comment stays above it.
      writer.value(sheet, row, 2, column.key == "wording" ? model.paper.wording : model.paper.body,
                   SourceLocation{model.file, 1, 1}, "[paper] " + column.key);
    }
    writer.value(sheet, row, 3, comment_cell(mine), SourceLocation{model.file, 1, 1},
                 "[paper] " + column.key);
    bool only_choices = true;
    writer.validate(sheet, row, row, 2, column, choices_of(column, model, names, only_choices),
                    only_choices);
    ++row;
  }
  // The file's own comments, and those of [paper] that name no key of it.
  std::vector<std::string> file = comments.file;
  if (paper != nullptr) {
    for (const std::string& line : paper->lines) {
      const bool keyed = std::any_of(layout.columns.begin(), layout.columns.end(),
                                     [&](const WorkbookColumn& column) {
                                       const std::string prefix = "[" + column.key + "]";
                                       return line == prefix || line.rfind(prefix + " ", 0) == 0;
                                     });
      if (!keyed) file.push_back(line);
    }
  }
  worksheet_write_string(sheet, row, 0, std::string(interop::kFileCommentsHeading).c_str(),
                         nullptr);
  worksheet_write_string(sheet, row, 1, std::string(interop::kFileCommentsKey).c_str(),
                         writer.key_format());
  writer.value(sheet, row, 3, comment_cell(file), SourceLocation{model.file, 1, 1},
               "ファイルの注記");
}

void write_table(BookWriter& writer, lxw_worksheet* sheet, const WorkbookSheet& layout,
                 const Rows& rows, const Model& model, const interop::MeasureNames& names) {
  for (std::size_t c = 0; c < layout.columns.size(); ++c) {
    const auto column = static_cast<lxw_col_t>(c);
    writer.heading(sheet, column, layout.columns[c].heading);
    worksheet_set_column(sheet, column, column, column_width(layout.columns[c]), nullptr);
  }
  worksheet_freeze_panes(sheet, 1, 0);
  auto table = rows.tables.find(layout.table);
  std::size_t count = 0;
  if (table != rows.tables.end()) {
    count = table->second.size();
    const std::vector<SourceLocation>& places = rows.places.at(layout.table);
    for (std::size_t r = 0; r < count; ++r) {
      for (std::size_t c = 0; c < layout.columns.size(); ++c) {
        auto value = table->second[r].find(layout.columns[c].key);
        if (value == table->second[r].end()) continue;
        writer.value(sheet, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), value->second,
                     places[r], layout.columns[c].key);
      }
    }
  }
  const auto last = static_cast<lxw_row_t>(std::max<std::size_t>(count, kValidatedRows));
  for (std::size_t c = 0; c < layout.columns.size(); ++c) {
    bool only_choices = true;
    writer.validate(sheet, 1, last, static_cast<lxw_col_t>(c), layout.columns[c],
                    choices_of(layout.columns[c], model, names, only_choices), only_choices);
  }
}

}  // namespace

WorkbookExport export_workbook(const Model& model, const MeasureCatalogue& catalogue,
                               std::string_view model_text) {
  WorkbookExport result;
  const interop::MeasureNames names(catalogue, model.custom_measures);
  const ModelComments comments = model_comments(model_text);
  const Rows rows = model_rows(model, names, comments);

  TempFile file(".xlsx");
  lxw_workbook* workbook = workbook_new(file.path().c_str());
  if (workbook == nullptr) throw std::runtime_error("ワークブックを作成できません");
  lxw_doc_properties properties{};
  properties.created = kCreated;
  workbook_set_properties(workbook, &properties);
  std::vector<lxw_worksheet*> sheets;
  for (const WorkbookSheet& layout : interop::workbook_layout()) {
    sheets.push_back(workbook_add_worksheet(workbook, layout.name.c_str()));
  }
  lxw_worksheet* lists =
      workbook_add_worksheet(workbook, std::string(interop::kListSheetName).c_str());
  if (std::find(sheets.begin(), sheets.end(), nullptr) != sheets.end() || lists == nullptr) {
    workbook_close(workbook);
    throw std::runtime_error("シートを追加できません");
  }
  worksheet_hide(lists);
  BookWriter writer(workbook, lists, result.diagnostics);
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    const WorkbookSheet& layout = interop::workbook_layout()[i];
    if (layout.vertical) {
      write_paper(writer, sheets[i], layout, rows, model, names, comments);
    } else {
      write_table(writer, sheets[i], layout, rows, model, names);
    }
  }
  if (const lxw_error error = workbook_close(workbook); error != LXW_NO_ERROR) {
    throw std::runtime_error(std::string("ワークブックを書き出せません: ") + lxw_strerror(error));
  }
  if (result.diagnostics.empty()) result.bytes = file.read();
  return result;
}

}  // namespace nagare
