#include "workbook_layout.h"

#include <algorithm>
#include <map>

namespace nagare::interop {
namespace {

/// Short Japanese headings, by table and key. A key of the format that is missing here
/// still gets a column, headed by the key itself (and tests/unit/workbook_test.cc fails).
const std::map<std::pair<std::string_view, std::string_view>, std::string_view>& headings() {
  static const std::map<std::pair<std::string_view, std::string_view>, std::string_view> kHeadings{
      {{"paper", "title"}, "件名"},
      {{"paper", "document"}, "資料番号"},
      {{"paper", "municipality"}, "区"},
      {{"paper", "wording"}, "文言"},
      {{"paper", "body"}, "団体の種類"},
      {{"paper", "department"}, "担当課"},
      {{"paper", "procedures"}, "手続"},
      {{"paper", "subjects"}, "対象者"},
      {{"paper", "subject_count"}, "対象者数"},
      {{"paper", "period"}, "期間"},
      {{"paper", "purpose"}, "目的"},
      {{"paper", "source"}, "出典"},
      {{"custom_measures", "id"}, "ID"},
      {{"custom_measures", "name"}, "名前"},
      {{"custom_measures", "category"}, "区分"},
      {{"custom_measures", "satisfies"}, "当たる標準の対策"},
      {{"items", "id"}, "ID"},
      {{"items", "name"}, "名前"},
      {{"items", "class"}, "区分"},
      {{"items", "fields"}, "項目"},
      {{"items", "declared"}, "一覧に記載"},
      {{"orgs", "id"}, "ID"},
      {{"orgs", "name"}, "名前"},
      {{"orgs", "role"}, "役割"},
      {{"orgs", "parent"}, "親組織"},
      {{"orgs", "operator"}, "運営事業者"},
      {{"orgs", "region"}, "所在"},
      {{"orgs", "must_not_receive"}, "届いてはならない情報"},
      {{"nodes", "id"}, "ID"},
      {{"nodes", "name"}, "名前"},
      {{"nodes", "kind"}, "種類"},
      {{"nodes", "org"}, "組織"},
      {{"nodes", "network"}, "回線"},
      {{"nodes", "medium"}, "媒体"},
      {{"nodes", "stores"}, "保存"},
      {{"nodes", "note"}, "注記"},
      {{"flows", "id"}, "ID"},
      {{"flows", "step"}, "番号"},
      {{"flows", "from"}, "送り手"},
      {{"flows", "to"}, "受け手"},
      {{"flows", "via"}, "経由"},
      {{"flows", "items"}, "情報項目"},
      {{"flows", "direction"}, "向き"},
      {{"flows", "means"}, "手段"},
      {{"flows", "label"}, "説明"},
      {{"accept", "finding"}, "指摘ID"},
      {{"accept", "justification"}, "理由"},
      {{"accept", "by"}, "受容者"},
      {{"accept", "date"}, "日付"},
      {{"marks", "target"}, "対象"},
      {{"marks", "owner"}, "対象ID"},
      {{"marks", "id"}, "対策"},
      {{"marks", "na"}, "該当なしの理由"},
      {{"marks", "by"}, "実施者"},
      {{"marks", "procedure"}, "手続"},
      {{"marks", "scope"}, "範囲"},
      {{"certifications", "org"}, "組織ID"},
      {{"certifications", "kind"}, "認証"},
      {{"certifications", "since"}, "取得年"},
      {{"custom_measures", "comment"}, "備考"},
      {{"items", "comment"}, "備考"},
      {{"orgs", "comment"}, "備考"},
      {{"nodes", "comment"}, "備考"},
      {{"flows", "comment"}, "備考"},
      {{"accept", "comment"}, "備考"},
      {{"marks", "comment"}, "備考"},
  };
  return kHeadings;
}

WorkbookColumn column(std::string_view table, const KeySpec& spec) {
  auto it = headings().find({table, spec.key});
  return WorkbookColumn{std::string(spec.key),
                        std::string(it == headings().end() ? spec.key : it->second), spec};
}

const TableSpec& table_spec(std::string_view key) {
  const auto& tables = model_tables();
  return *std::find_if(tables.begin(), tables.end(),
                       [key](const TableSpec& table) { return table.key == key; });
}

/// The comments of an entity (or of a measure, on 対策): not a key of the format, but the
/// TOML's `# …` lines, so that the paper's citations survive the workbook.
KeySpec comment_spec() {
  return KeySpec{
      kCommentKey,
      ValueType::string,
      "備考（TOML のコメント。資料の行の引用など）。「[キー] 」で始まる行はそのキーの上に書く",
      "Comments (the TOML's # lines, such as citations of the paper); a line starting "
      "\"[key] \" goes above that key",
      false,
      {}};
}

WorkbookSheet table_sheet(std::string_view table, std::string_view name) {
  WorkbookSheet sheet{std::string(table), std::string(name), {}, table == "paper"};
  for (const KeySpec& key : table_spec(table).keys) {
    // Measures and certifications are lists of tables: each has a sheet of its own.
    if (key.type == ValueType::measures || key.type == ValueType::certifications) continue;
    sheet.columns.push_back(column(table, key));
  }
  if (table != "paper") sheet.columns.push_back(column(table, comment_spec()));
  return sheet;
}

std::vector<WorkbookSheet> build() {
  std::vector<WorkbookSheet> sheets;
  sheets.push_back(table_sheet("paper", "資料"));
  sheets.push_back(table_sheet("items", "項目"));
  sheets.push_back(table_sheet("orgs", "組織"));
  sheets.push_back(table_sheet("nodes", "ノード"));
  sheets.push_back(table_sheet("flows", "流れ"));

  WorkbookSheet marks{"marks", "対策", {}, false};
  marks.columns.push_back(
      column("marks", KeySpec{"target",
                              ValueType::enumerated,
                              "対策を書く相手: 組織, ノード, 流れ",
                              "What the measure is written on: an organization, a node or a flow",
                              true,
                              {kTargetOrg, kTargetNode, kTargetFlow}}));
  marks.columns.push_back(column("marks", KeySpec{"owner",
                                                  ValueType::reference,
                                                  "対策を書く組織・ノード・流れの id",
                                                  "Id of the organization, node or flow",
                                                  true,
                                                  {}}));
  for (const KeySpec& key : measure_entry_keys()) {
    KeySpec shown = key;
    if (key.key == "id") {
      shown.ja = "対策の名前（一覧から選ぶ）または id。独自の対策は 独自対策 シートに書く";
      shown.en = "Measure name (from the list) or id; the model's own measures are on 独自対策";
    }
    marks.columns.push_back(column("marks", shown));
  }
  marks.columns.push_back(column("marks", comment_spec()));
  sheets.push_back(std::move(marks));

  WorkbookSheet certifications{"certifications", "認証", {}, false};
  certifications.columns.push_back(column(
      "certifications",
      KeySpec{
          "org", ValueType::reference, "認証を持つ組織の id", "Id of the organization", true, {}}));
  for (const KeySpec& key : certification_keys()) {
    certifications.columns.push_back(column("certifications", key));
  }
  sheets.push_back(std::move(certifications));

  sheets.push_back(table_sheet("custom_measures", "独自対策"));
  sheets.push_back(table_sheet("accept", "受容"));
  return sheets;
}

}  // namespace

const std::vector<WorkbookSheet>& workbook_layout() {
  static const std::vector<WorkbookSheet> kSheets = build();
  return kSheets;
}

}  // namespace nagare::interop
