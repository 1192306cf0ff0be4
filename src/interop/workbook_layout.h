#pragma once

// The sheets and columns of the model workbook (`nagare export --format xlsx`, `nagare
// import BOOK.xlsx`), built from the model format's own description (model_tables() in
// src/schema) so that a key added to the format becomes a column without further work.

#include <string>
#include <string_view>
#include <vector>

#include "nagare/schema.h"

namespace nagare::interop {

struct WorkbookColumn {
  std::string key;      // the model format's key ("kind"), or target / owner / org
  std::string heading;  // the Japanese heading in row 1 ("種類")
  KeySpec spec;         // type, description and enumeration, from the schema
};

/// One sheet: a table of the model format, or the measure marks (`marks`) and the
/// certifications (`certifications`) of the entities, one row each.
struct WorkbookSheet {
  std::string table;  // paper, items, orgs, nodes, flows, marks, certifications, …
  std::string name;   // the sheet's name: 資料, 項目, …
  std::vector<WorkbookColumn> columns;
  /// 資料 is one table, not a list: one row per key (heading, key, value).
  bool vertical = false;
};

/// Every sheet in the workbook's order; the hidden sheet of drop-down lists is not one.
const std::vector<WorkbookSheet>& workbook_layout();

/// The hidden sheet that holds drop-down lists too long to write inline.
inline constexpr std::string_view kListSheetName = "選択肢";

/// 資料's columns: heading, key, value, and the comments of the key.
inline constexpr std::string_view kPaperHeadings[] = {"項目", "キー", "値", "備考"};

/// The column of comments (the TOML's `# …` lines) on every sheet of entities and on 対策.
inline constexpr std::string_view kCommentKey = "comment";
/// 資料's last row: the file's own comments (its leading and closing ones), in 備考.
inline constexpr std::string_view kFileCommentsHeading = "ファイルの注記";
inline constexpr std::string_view kFileCommentsKey = "#";

/// The words of the 対策 sheet's 対象 column, by table.
inline constexpr std::string_view kTargetOrg = "組織";
inline constexpr std::string_view kTargetNode = "ノード";
inline constexpr std::string_view kTargetFlow = "流れ";

}  // namespace nagare::interop
