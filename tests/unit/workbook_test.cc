// The model workbook: cell names, Office's _xHHHH_ escapes, the reader's limits, the layout
// against the schema, and every bundled model out as a workbook and back to the same model.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "nagare/interop.h"
#include "nagare/schema.h"
#include "test_support.h"
#include "workbook_layout.h"
#include "xlsx_reader.h"

namespace nagare {
namespace {

using ::testing::HasSubstr;

TEST(CellNames, ColumnsAreBijectiveBase26) {
  EXPECT_EQ(xlsx::column_name(1), "A");
  EXPECT_EQ(xlsx::column_name(26), "Z");
  EXPECT_EQ(xlsx::column_name(27), "AA");
  EXPECT_EQ(xlsx::column_name(52), "AZ");
  EXPECT_EQ(xlsx::column_name(703), "AAA");
  EXPECT_EQ(xlsx::column_name(16384), "XFD");
  EXPECT_EQ(xlsx::column_name(0), "");
  EXPECT_EQ(xlsx::column_name(16385), "");
  EXPECT_EQ(xlsx::cell_name(12, 3), "C12");
  for (std::uint32_t column = 1; column <= 16384; ++column) {
    auto parsed = xlsx::parse_cell_name(xlsx::cell_name(7, column));
    ASSERT_TRUE(parsed) << column;
    EXPECT_EQ(parsed->second, column);
  }
}

TEST(CellNames, ParsesOnlyCellsWithinExcelsBounds) {
  using Cell = std::pair<std::uint32_t, std::uint32_t>;
  EXPECT_EQ(xlsx::parse_cell_name("C12"), (Cell{12, 3}));
  EXPECT_EQ(xlsx::parse_cell_name("$C$12"), (Cell{12, 3}));
  EXPECT_EQ(xlsx::parse_cell_name("xfd1048576"), (Cell{1048576, 16384}));
  for (std::string_view bad : {"", "A", "12", "A0", "XFE1", "A1048577", "AAAA1", "A1B",
                               "A99999999999", "C-1", "$", "A 1"}) {
    EXPECT_FALSE(xlsx::parse_cell_name(bad)) << bad;
  }
}

TEST(Escapes, DecodesOfficeEscapes) {
  EXPECT_EQ(xlsx::decode_escapes("a_x000D_b"), "a\rb");
  EXPECT_EQ(xlsx::decode_escapes("_x0001_"), "\x01");
  EXPECT_EQ(xlsx::decode_escapes("_x005F_x0041_"), "_x0041_");
  EXPECT_EQ(xlsx::decode_escapes("_x3042_"), "あ");
  EXPECT_EQ(xlsx::decode_escapes("_xD800_"), "_xD800_");  // half a surrogate stays as written
  EXPECT_EQ(xlsx::decode_escapes("_x12_ _xZZZZ_ x0041_"), "_x12_ _xZZZZ_ x0041_");
}

TEST(Escapes, EscapedTextDecodesToItself) {
  for (std::string_view text : {"plain", "_x0041_", "a_x005F_b", "__x1234__", "_X00aF_", "_x"}) {
    EXPECT_EQ(xlsx::decode_escapes(xlsx::escape_underscores(text)), text) << text;
  }
}

TEST(Reader, RefusesWhatIsNotAWorkbook) {
  for (std::string_view bytes : {std::string_view(""), std::string_view("PK\x03\x04garbage"),
                                 std::string_view("[paper]\ntitle = \"t\"\n")}) {
    EXPECT_THROW(xlsx::read_workbook(bytes), xlsx::ReadError);
  }
}

std::string workbook_of(const std::string& model_text) {
  const Model model = test::model_from(model_text);
  WorkbookExport book = export_workbook(model, test::catalogue());
  EXPECT_TRUE(book.diagnostics.empty());
  return book.bytes;
}

std::string bundled(const std::string& name) {
  std::ifstream in(std::string(NAGARE_TEST_MODELS_DIR) + "/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(Reader, ReadsSheetsHeadersAndTypedCells) {
  const xlsx::Workbook book =
      xlsx::read_workbook(workbook_of(bundled("shinjuku-child-consultation-tablet.toml")));
  std::vector<std::string> names;
  for (const auto& sheet : book.sheets) names.push_back(sheet.name);
  EXPECT_THAT(names, ::testing::ElementsAre("資料", "項目", "組織", "ノード", "流れ", "対策",
                                            "認証", "独自対策", "受容", "選択肢"));
  const xlsx::Sheet* flows = book.find("流れ");
  ASSERT_NE(flows, nullptr);
  ASSERT_NE(flows->at(1, 3), nullptr);
  EXPECT_EQ(flows->at(1, 3)->text, "送り手");
  ASSERT_NE(flows->at(2, 2), nullptr);
  EXPECT_EQ(flows->at(2, 2)->type, xlsx::CellType::number);  // step
  EXPECT_EQ(flows->at(2, 2)->text, "1");
  const xlsx::Sheet* items = book.find("項目");
  ASSERT_NE(items, nullptr);
  ASSERT_NE(items->at(3, 5), nullptr);
  EXPECT_EQ(items->at(3, 5)->type, xlsx::CellType::boolean);  // declared = false
  EXPECT_EQ(items->at(3, 5)->text, "0");
}

TEST(Reader, LimitsCellsAndUncompressedSize) {
  const std::string bytes = workbook_of(bundled("shinjuku-dv-hotline.toml"));
  xlsx::Limits few_cells;
  few_cells.cells = 5;
  EXPECT_THROW(xlsx::read_workbook(bytes, few_cells), xlsx::ReadError);
  xlsx::Limits small_parts;
  small_parts.part_bytes = 100;
  try {
    xlsx::read_workbook(bytes, small_parts);
    FAIL() << "a part over the limit was read";
  } catch (const xlsx::ReadError& error) {
    EXPECT_THAT(error.what(), HasSubstr("大きすぎます"));
    EXPECT_EQ(error.place, "xl/workbook.xml");
  }
}

TEST(Layout, EveryKeyOfTheFormatHasAColumnWithAJapaneseHeading) {
  const auto& layout = interop::workbook_layout();
  auto sheet = [&](std::string_view table) {
    return std::find_if(layout.begin(), layout.end(),
                        [&](const auto& each) { return each.table == table; });
  };
  auto check = [&](std::string_view table, const std::vector<KeySpec>& keys) {
    auto it = sheet(table);
    ASSERT_NE(it, layout.end()) << table;
    for (const KeySpec& key : keys) {
      if (key.type == ValueType::measures || key.type == ValueType::certifications) continue;
      auto column = std::find_if(it->columns.begin(), it->columns.end(),
                                 [&](const auto& each) { return each.key == key.key; });
      ASSERT_NE(column, it->columns.end()) << table << "." << key.key;
      EXPECT_NE(column->heading, key.key) << table << "." << key.key << " has no heading";
      EXPECT_EQ(column->spec.values, key.values) << table << "." << key.key;
    }
  };
  for (const TableSpec& table : model_tables()) check(table.key, table.keys);
  check("marks", measure_entry_keys());
  check("certifications", certification_keys());
}

/// Two models are the same when every value the loader keeps is the same (positions aside).
void expect_same_model(const Model& want, const Model& got, const std::string& name) {
  SCOPED_TRACE(name);
  const Paper& a = want.paper;
  const Paper& b = got.paper;
  EXPECT_EQ(std::tie(a.title, a.document, a.municipality, a.wording, a.body, a.department,
                     a.procedures, a.subjects, a.subject_count, a.period, a.purpose, a.source),
            std::tie(b.title, b.document, b.municipality, b.wording, b.body, b.department,
                     b.procedures, b.subjects, b.subject_count, b.period, b.purpose, b.source));
  auto marks = [](const std::vector<MeasureMark>& list) {
    std::vector<std::tuple<std::string, std::size_t, bool, std::string, Party,
                           std::optional<Procedure>, std::string>>
        out;
    for (const MeasureMark& m : list) {
      out.emplace_back(m.measure_id, m.measure, m.not_applicable, m.reason, m.party, m.procedure,
                       m.scope);
    }
    return out;
  };
  ASSERT_EQ(want.custom_measures.size(), got.custom_measures.size());
  for (std::size_t i = 0; i < want.custom_measures.size(); ++i) {
    const auto& x = want.custom_measures[i];
    const auto& y = got.custom_measures[i];
    EXPECT_EQ(std::tie(x.id, x.name, x.technical, x.satisfies, x.satisfies_ids),
              std::tie(y.id, y.name, y.technical, y.satisfies, y.satisfies_ids));
  }
  ASSERT_EQ(want.items.size(), got.items.size());
  for (std::size_t i = 0; i < want.items.size(); ++i) {
    const auto& x = want.items[i];
    const auto& y = got.items[i];
    EXPECT_EQ(std::tie(x.id, x.name, x.item_class, x.fields, x.declared),
              std::tie(y.id, y.name, y.item_class, y.fields, y.declared));
  }
  ASSERT_EQ(want.orgs.size(), got.orgs.size());
  for (std::size_t i = 0; i < want.orgs.size(); ++i) {
    const auto& x = want.orgs[i];
    const auto& y = got.orgs[i];
    EXPECT_EQ(std::tie(x.id, x.name, x.role, x.parent, x.operator_name, x.region,
                       x.must_not_receive, x.must_not_receive_sets),
              std::tie(y.id, y.name, y.role, y.parent, y.operator_name, y.region,
                       y.must_not_receive, y.must_not_receive_sets));
    ASSERT_EQ(x.certifications.size(), y.certifications.size()) << x.id;
    for (std::size_t c = 0; c < x.certifications.size(); ++c) {
      EXPECT_EQ(x.certifications[c].kind, y.certifications[c].kind);
      EXPECT_EQ(x.certifications[c].since, y.certifications[c].since);
    }
    EXPECT_EQ(marks(x.measures), marks(y.measures)) << x.id;
  }
  ASSERT_EQ(want.nodes.size(), got.nodes.size());
  for (std::size_t i = 0; i < want.nodes.size(); ++i) {
    const auto& x = want.nodes[i];
    const auto& y = got.nodes[i];
    EXPECT_EQ(std::tie(x.id, x.name, x.kind, x.org, x.network, x.medium, x.stores, x.note),
              std::tie(y.id, y.name, y.kind, y.org, y.network, y.medium, y.stores, y.note));
    EXPECT_EQ(marks(x.measures), marks(y.measures)) << x.id;
  }
  ASSERT_EQ(want.flows.size(), got.flows.size());
  for (std::size_t i = 0; i < want.flows.size(); ++i) {
    const auto& x = want.flows[i];
    const auto& y = got.flows[i];
    EXPECT_EQ(std::tie(x.id, x.step, x.from, x.to, x.via, x.items, x.direction, x.means, x.label),
              std::tie(y.id, y.step, y.from, y.to, y.via, y.items, y.direction, y.means, y.label));
    EXPECT_EQ(marks(x.measures), marks(y.measures)) << x.id;
  }
  ASSERT_EQ(want.acceptances.size(), got.acceptances.size());
  for (std::size_t i = 0; i < want.acceptances.size(); ++i) {
    const auto& x = want.acceptances[i];
    const auto& y = got.acceptances[i];
    EXPECT_EQ(std::tie(x.finding_id, x.justification, x.accepted_by, x.date),
              std::tie(y.finding_id, y.justification, y.accepted_by, y.date));
  }
}

Model round_trip(const Model& model, const std::string& name) {
  WorkbookExport book = export_workbook(model, test::catalogue());
  EXPECT_TRUE(book.diagnostics.empty()) << name;
  WorkbookImport back = import_workbook(book.bytes, name + ".xlsx", test::catalogue(), false);
  for (const Diagnostic& d : back.diagnostics) ADD_FAILURE() << format_diagnostic(d);
  return test::model_from(back.model_text);
}

TEST(WorkbookRoundTrip, EveryBundledModelComesBackTheSame) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(NAGARE_TEST_MODELS_DIR)) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 11u);
  for (const auto& file : files) {
    const Model model =
        test::model_from(bundled(std::filesystem::relative(file, NAGARE_TEST_MODELS_DIR).string()));
    expect_same_model(model, round_trip(model, file.stem().string()), file.string());
  }
}

TEST(WorkbookRoundTrip, KeepsAwkwardTextAndEveryKey) {
  const Model model = test::model_from(R"toml(
[paper]
title = " leading and trailing spaces "
document = "_x0041_ is not A"
wording = "edogawa"
body = "市"
procedures = ["outsourcing", "external-link"]
subject_count = 485
purpose = "line one\nline two\r\nwith a tab\tand a bell \u0007"
[[custom_measures]]
id = "own"
name = "独自の対策"
category = "technical"
satisfies = ["authentication", "encrypt-transit"]
[[custom_measures]]
id = "clash"
name = "通信内容の暗号化"
[[items]]
id = "rec"
name = "記録"
class = "special-care"
fields = ["氏名、住所", " spaced ", "=SUM(A1)"]
declared = false
[[orgs]]
id = "ward"
name = "区"
role = "ward"
[[orgs]]
id = "vendor"
name = "業者"
role = "contractor"
parent = "ward"
certifications = [{ kind = "ISMS", since = 2019 }, { kind = "Pmark" }]
region = "japan"
must_not_receive = ["my-number", "rec"]
measures = ["own", { id = "locked-bag", na = "電子データのみ", by = "ward", procedure = "outsourcing", scope = "貸与資料" }]
[[nodes]]
id = "pc"
name = "端末"
kind = "terminal"
org = "vendor"
stores = false
note = "   "
measures = ["clash", "encrypt-transit"]
[[nodes]]
id = "usb"
name = "USB"
kind = "medium"
medium = "usb"
[[nodes]]
id = "line"
name = "回線"
kind = "network"
network = "lgwan"
stores = true
[[nodes]]
id = "person"
name = "職員"
kind = "person"
[[flows]]
id = "f1"
step = 0
from = "person"
to = "pc"
via = ["usb", "line"]
items = ["rec"]
direction = "both"
label = "渡す"
measures = [{ id = "authentication", by = "other" }]
[[flows]]
id = "f2"
from = "pc"
to = "person"
means = "unstated"
[[accept]]
finding = "means-unstated@flow.f2"
justification = "確認済み"
by = "総務課"
date = 2026-04-01
)toml");
  expect_same_model(model, round_trip(model, "awkward"), "awkward");
}

constexpr const char* kCommentedModel = R"toml(#:schema ../schema/nagare-model.schema.json
# 業務の概要 (資料12, 012:1-40)

[paper]
# 012:3
title = "業務"
# 012:5 要綱の根拠
procedures = ["outsourcing"]

# 012:20-24 記録項目
[[items]]
id = "info"
name = "住民情報"
class = "personal"
fields = [
  # 012:21
  "氏名",
  "住所",
]

[[orgs]]
id = "ward"
name = "区"
role = "ward"

# 012:30 委託先
[[orgs]]
id = "vendor"
name = "委託先"
role = "contractor"
# 012:31
certifications = [{ kind = "ISMS", since = 2019 }]
measures = [
  # 012:33 チェックリスト ○
  "designated-handlers",
  # 012:34
  # －（理由）
  { id = "locked-bag", na = "電子データのみ" },
]

[[nodes]]
id = "pc"
name = "端末"
kind = "terminal"
org = "ward"

[[nodes]]
id = "server"
name = "サーバ"
kind = "system"
org = "vendor"

# 012:40 ①
[[flows]]
id = "send"
step = 1
from = "pc"
to = "server"
# 012:41 経由は書かれていない
means = "unstated"
label = "送る"

# closing note
)toml";

TEST(WorkbookRoundTrip, CarriesTheCommentsOfEachEntity) {
  const Model model = test::model_from(kCommentedModel);
  WorkbookExport book = export_workbook(model, test::catalogue(), kCommentedModel);
  ASSERT_TRUE(book.diagnostics.empty());
  const xlsx::Workbook read = xlsx::read_workbook(book.bytes);
  const xlsx::Sheet* orgs = read.find("組織");
  ASSERT_NE(orgs, nullptr);
  // 組織's 備考 is its last column; the second organization's row is 3.
  const xlsx::Cell* remarks = orgs->at(3, orgs->last_column);
  ASSERT_NE(remarks, nullptr);
  EXPECT_EQ(remarks->text, "012:30 委託先\n[certifications] 012:31");
  const xlsx::Sheet* marks = read.find("対策");
  ASSERT_NE(marks, nullptr);
  EXPECT_EQ(marks->at(2, marks->last_column)->text, "012:33 チェックリスト ○");
  EXPECT_EQ(marks->at(3, marks->last_column)->text, "012:34\n－（理由）");
  const xlsx::Sheet* paper = read.find("資料");
  ASSERT_NE(paper, nullptr);
  EXPECT_EQ(paper->at(2, 4)->text, "012:3");  // 件名's row
  const xlsx::Cell* file = paper->at(paper->last_row, 4);
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(paper->at(paper->last_row, 1)->text, "ファイルの注記");
  EXPECT_EQ(file->text,
            ":schema ../schema/nagare-model.schema.json\n業務の概要 (資料12, 012:1-40)\n"
            "closing note");

  WorkbookImport back = import_workbook(book.bytes, "book.xlsx", test::catalogue(), false);
  for (const Diagnostic& d : back.diagnostics) ADD_FAILURE() << format_diagnostic(d);
  const std::string& text = back.model_text;
  EXPECT_THAT(text, HasSubstr("#:schema ../schema/nagare-model.schema.json\n# 業務の概要"));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("nagare import")));  // the file's own comments
  EXPECT_THAT(text, HasSubstr("# 012:3\ntitle = "));
  EXPECT_THAT(text, HasSubstr("# 012:5 要綱の根拠\nprocedures = "));
  EXPECT_THAT(text, HasSubstr("# 012:20-24 記録項目\n[[items]]"));
  EXPECT_THAT(text, HasSubstr("# 012:21\nfields = "));
  EXPECT_THAT(text, HasSubstr("# 012:30 委託先\n[[orgs]]"));
  EXPECT_THAT(text, HasSubstr("# 012:31\ncertifications = "));
  EXPECT_THAT(text, HasSubstr("  # 012:33 チェックリスト ○\n  \"designated-handlers\","));
  EXPECT_THAT(text, HasSubstr("  # 012:34\n  # －（理由）\n  { id = \"locked-bag\""));
  EXPECT_THAT(text, HasSubstr("# 012:40 ①\n[[flows]]"));
  EXPECT_THAT(text, HasSubstr("# 012:41 経由は書かれていない\nmeans = "));
  EXPECT_THAT(text, HasSubstr("# closing note"));
  // The model is the same, and a second round gives the same workbook.
  const Model again = test::model_from(text);
  expect_same_model(model, again, "commented");
  EXPECT_EQ(export_workbook(again, test::catalogue(), text).bytes, book.bytes);
  // Without the text, there are no comments (and the import notes where the model came from).
  WorkbookExport bare = export_workbook(model, test::catalogue());
  WorkbookImport plain = import_workbook(bare.bytes, "bare.xlsx", test::catalogue(), false);
  EXPECT_THAT(plain.model_text, ::testing::Not(HasSubstr("012:")));
}

TEST(WorkbookImport, ProblemsNameTheirCell) {
  WorkbookImport result = import_workbook("not a workbook", "BOOK.xlsx", test::catalogue(), false);
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(format_diagnostic(result.diagnostics[0]),
            "BOOK.xlsx: error: Excel のブック (.xlsx) ではありません (zip として読めません)");
  EXPECT_TRUE(result.model_text.empty());
}

}  // namespace
}  // namespace nagare
