// The checklists as an .xlsx workbook through libxlsxwriter: one sheet per checklist,
// wrapped text, column widths that fit the width of an A4 portrait page.

#include <xlsxwriter.h>

#include <algorithm>
#include <stdexcept>

#include "nagare/checklist.h"
#include "nagare/temp_file.h"
#include "nagare/visible_text.h"

namespace nagare {
namespace {

// Column widths in Excel's character units; 97 units print on A4 portrait at 100 %.
constexpr double kPartyWidth = 11;
constexpr double kCategoryWidth = 9;
constexpr double kMarkWidth = 13;
constexpr double kTextWidth = 48;
constexpr double kIdWidth = 16;
constexpr double kLineHeight = 13.5;  // points per line of 10-point text

/// Display width of UTF-8 text in character units: 2 for CJK (3-byte and longer) characters.
double display_width(std::string_view text) {
  double width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const std::size_t length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
    width += length >= 3 ? 2.0 : 1.0;
    i += length;
  }
  return width;
}

/// Lines a wrapped cell of `column_width` needs (Excel does not size merged or explicit rows).
int wrapped_lines(std::string_view text, double column_width) {
  const double usable = column_width - 1;
  const int lines = static_cast<int>(display_width(text) / usable) + 1;
  return lines < 1 ? 1 : lines;
}

struct Formats {
  lxw_format* title;
  lxw_format* subtitle;
  lxw_format* header;
  lxw_format* cell;
  lxw_format* mark;
  lxw_format* gap;
  lxw_format* id;
};

Formats make_formats(lxw_workbook* workbook) {
  auto base = [workbook](bool border) {
    lxw_format* format = workbook_add_format(workbook);
    format_set_font_size(format, 10);
    format_set_text_wrap(format);
    format_set_align(format, LXW_ALIGN_VERTICAL_TOP);
    if (border) format_set_border(format, LXW_BORDER_THIN);
    return format;
  };
  Formats formats{};
  formats.title = base(false);
  format_set_bold(formats.title);
  format_set_font_size(formats.title, 12);
  formats.subtitle = base(false);
  formats.header = base(true);
  format_set_bold(formats.header);
  format_set_bg_color(formats.header, 0xD9E1F2);
  formats.cell = base(true);
  formats.mark = base(true);
  format_set_align(formats.mark, LXW_ALIGN_CENTER);
  formats.gap = base(true);
  format_set_align(formats.gap, LXW_ALIGN_CENTER);
  format_set_bg_color(formats.gap, 0xFFF2CC);
  formats.id = base(true);
  format_set_font_size(formats.id, 8);
  return formats;
}

/// Writes `text` over rows first..last of one column, merged when it spans several rows.
void write_span(lxw_worksheet* sheet, lxw_row_t first, lxw_row_t last, lxw_col_t column,
                const std::string& text, lxw_format* format) {
  if (last > first) {
    worksheet_merge_range(sheet, first, column, last, column, text.c_str(), format);
  } else {
    worksheet_write_string(sheet, first, column, text.c_str(), format);
  }
}

void write_sheet(lxw_workbook* workbook, const Formats& formats, const ChecklistSet& set,
                 const Checklist& checklist, Language language) {
  const bool en = language == Language::en;
  const std::string name = std::to_string(checklist.number) + ' ' +
                           std::string(procedure_name(checklist.procedure, language));
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
  if (sheet == nullptr) throw std::runtime_error("シートを追加できません: " + name);
  worksheet_set_paper(sheet, 9);  // A4
  worksheet_set_portrait(sheet);
  worksheet_set_margins(sheet, 0.5, 0.5, 0.6, 0.6);
  worksheet_fit_to_pages(sheet, 1, 0);
  worksheet_center_horizontally(sheet);
  worksheet_set_footer(sheet, "&C&P / &N");
  worksheet_set_column(sheet, 0, 0, kPartyWidth, nullptr);
  worksheet_set_column(sheet, 1, 1, kCategoryWidth, nullptr);
  worksheet_set_column(sheet, 2, 2, kMarkWidth, nullptr);
  worksheet_set_column(sheet, 3, 3, kTextWidth, nullptr);
  worksheet_set_column(sheet, 4, 4, kIdWidth, nullptr);
  const double full_width = kPartyWidth + kCategoryWidth + kMarkWidth + kTextWidth + kIdWidth;

  worksheet_merge_range(sheet, 0, 0, 0, 4, checklist.title.c_str(), formats.title);
  worksheet_set_row(sheet, 0, 20, nullptr);
  // The model's text goes in as the CSV has it (spreadsheet_cell): no control characters,
  // and a formula is text even when the sheet is saved as CSV or pasted elsewhere.
  const std::string subtitle = (en ? "Paper: " : "件名：") + visible_text(set.paper_title);
  worksheet_merge_range(sheet, 1, 0, 1, 4, subtitle.c_str(), formats.subtitle);
  worksheet_set_row(sheet, 1, kLineHeight * wrapped_lines(subtitle, full_width) + 2, nullptr);
  const std::string legend = en ? "○ in place; － not needed (reason); (not stated): a gap"
                                : "対策が可能であれば「○」、対策の必要がない場合は「－」（理由）。"
                                  "（記載なし）はモデルに記載のない空欄";
  worksheet_merge_range(sheet, 2, 0, 2, 4, legend.c_str(), formats.subtitle);
  worksheet_set_row(sheet, 2, kLineHeight * wrapped_lines(legend, full_width) + 2, nullptr);

  const lxw_row_t header_row = 3;
  const char* headings_ja[] = {"実施者", "区分", "記入", "情報保護対策", "対策ID"};
  const char* headings_en[] = {"party", "category", "mark", "measure", "id"};
  for (lxw_col_t c = 0; c < 5; ++c) {
    worksheet_write_string(sheet, header_row, c, en ? headings_en[c] : headings_ja[c],
                           formats.header);
  }
  worksheet_repeat_rows(sheet, header_row, header_row);
  worksheet_freeze_panes(sheet, header_row + 1, 0);

  lxw_row_t row = header_row + 1;
  for (const ChecklistSide* side : {&checklist.ward, &checklist.other}) {
    if (side->lines.empty()) continue;
    const lxw_row_t side_first = row;
    lxw_row_t category_first = row;
    for (std::size_t i = 0; i < side->lines.size(); ++i) {
      const ChecklistLine& line = side->lines[i];
      const std::string mark = spreadsheet_cell(mark_text(line, language));
      const std::string text = spreadsheet_cell(line.text);
      const bool gap = line.mark == LineMark::blank;
      worksheet_write_string(sheet, row, 2, mark.c_str(), gap ? formats.gap : formats.mark);
      worksheet_write_string(sheet, row, 3, text.c_str(), formats.cell);
      worksheet_write_string(sheet, row, 4, line.measure_id.c_str(), formats.id);
      const int lines = std::max({wrapped_lines(text, kTextWidth), wrapped_lines(mark, kMarkWidth),
                                  wrapped_lines(line.measure_id, kIdWidth * 1.25)});
      worksheet_set_row(sheet, row, kLineHeight * lines + 3, nullptr);
      const bool category_ends =
          i + 1 == side->lines.size() || side->lines[i + 1].technical != line.technical;
      if (category_ends) {
        write_span(sheet, category_first, row, 1,
                   std::string(category_name(line.technical, language)), formats.cell);
        category_first = row + 1;
      }
      ++row;
    }
    write_span(sheet, side_first, row - 1, 0, spreadsheet_cell(side->heading), formats.cell);
  }
}

}  // namespace

std::string format_checklists_xlsx(const ChecklistSet& set, Language language) {
  TempFile file(".xlsx");
  lxw_workbook* workbook = workbook_new(file.path().c_str());
  if (workbook == nullptr) throw std::runtime_error("ワークブックを作成できません");
  lxw_doc_properties properties{};
  std::string title = visible_text(set.paper_title);
  properties.title = title.data();
  workbook_set_properties(workbook, &properties);
  const Formats formats = make_formats(workbook);
  for (const Checklist& checklist : set.checklists) {
    write_sheet(workbook, formats, set, checklist, language);
  }
  if (set.checklists.empty()) {
    // A workbook needs a sheet: say why there is no checklist.
    lxw_worksheet* sheet =
        workbook_add_worksheet(workbook, language == Language::en ? "checklist" : "チェックリスト");
    worksheet_set_column(sheet, 0, 0, 90, nullptr);
    std::string note = language == Language::en
                           ? "No checklist form for the procedures of "
                           : "別紙チェックリストの様式がある手続がありません: ";
    note += visible_text(set.paper_title);
    worksheet_write_string(sheet, 0, 0, note.c_str(), formats.subtitle);
  }
  if (const lxw_error error = workbook_close(workbook); error != LXW_NO_ERROR) {
    throw std::runtime_error(std::string("ワークブックを書き出せません: ") + lxw_strerror(error));
  }
  return file.read();
}

}  // namespace nagare
