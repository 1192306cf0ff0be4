#include <gtest/gtest.h>

#include "nagare/checklist.h"
#include "nagare/report.h"
#include "test_support.h"

namespace nagare {
namespace {

using test::catalogue;
using test::model_from;

constexpr std::string_view kPaper = R"toml(
[paper]
title = "テスト"
procedures = ["external-link", "outsourcing", "external-provision"]

[[items]]
id = "i"
name = "項目"
class = "personal"

[[orgs]]
id = "ward"
name = "区"
role = "ward"

[[orgs]]
id = "contractor"
name = "委託先"
role = "contractor"
measures = [
  { id = "encrypt-transit", by = "ward", procedure = "outsourcing" },
  { id = "locked-bag", na = "電子データのみ", by = "ward" },
  { id = "locked-bag", by = "ward", procedure = "outsourcing" },
  { id = "antivirus" },
]
)toml";

const ChecklistLine& line(const ChecklistSide& side, std::string_view id) {
  for (const ChecklistLine& candidate : side.lines) {
    if (candidate.measure_id == id) return candidate;
  }
  throw std::runtime_error("no line " + std::string(id));
}

TEST(Checklist, OneChecklistPerProcedureWithAForm) {
  const Model model = model_from(kPaper);
  const ChecklistSet set = build_checklists(model, catalogue(), Language::ja);
  ASSERT_EQ(set.checklists.size(), 2u);
  EXPECT_EQ(set.checklists[0].title, "4 外部結合にかかる個人情報保護対策チェックリスト");
  EXPECT_EQ(set.checklists[1].ward.heading, "委託にあたり区が行う情報保護対策");
  EXPECT_EQ(set.without_form, std::vector<Procedure>{Procedure::external_provision});
}

TEST(Checklist, MarksMatchPartyAndProcedure) {
  const Model model = model_from(kPaper);
  const ChecklistSet set = build_checklists(model, catalogue(), Language::ja);
  const Checklist& link = set.checklists[0];
  const Checklist& outsourcing = set.checklists[1];
  // A mark for another procedure does not fill the line.
  EXPECT_EQ(line(link.ward, "encrypt-transit").mark, LineMark::blank);
  EXPECT_EQ(line(outsourcing.ward, "encrypt-transit").mark, LineMark::done);
  // The other party's line stays blank.
  EXPECT_EQ(line(outsourcing.other, "encrypt-transit").mark, LineMark::blank);
  // ○ wins over －.
  EXPECT_EQ(line(outsourcing.ward, "locked-bag").mark, LineMark::done);
  // A mark with no procedure fills every checklist; its party follows the entity.
  EXPECT_EQ(line(link.other, "antivirus").mark, LineMark::done);
  EXPECT_EQ(line(outsourcing.other, "antivirus").mark, LineMark::done);
  EXPECT_EQ(line(link.ward, "antivirus").mark, LineMark::blank);
}

TEST(Checklist, NotApplicableKeepsItsReason) {
  const Model model = model_from(kPaper);
  const ChecklistSet set = build_checklists(model, catalogue(), Language::ja);
  // locked-bag is on checklist 5 only; its － is for any procedure, its ○ for 5 only.
  const ChecklistLine& bag = line(set.checklists[1].ward, "locked-bag");
  EXPECT_EQ(mark_text(bag, Language::ja), "○");
  ChecklistLine na = bag;
  na.mark = LineMark::not_applicable;
  na.reason = "電子データのみ";
  EXPECT_EQ(mark_text(na, Language::ja), "－（電子データのみ）");
  EXPECT_EQ(mark_text(na, Language::en), "－ (電子データのみ)");
  na.mark = LineMark::blank;
  EXPECT_EQ(mark_text(na, Language::ja), "（記載なし）");
}

TEST(Checklist, WordingFollowsTheWardAndTheChecklist) {
  const Model model = model_from(kPaper);
  const ChecklistSet set = build_checklists(model, catalogue(), Language::ja);
  EXPECT_EQ(line(set.checklists[0].ward, "comply-law-policy").text.rfind("個人情報保護法", 0), 0u);
  EXPECT_EQ(line(set.checklists[1].ward, "comply-law-policy").text.rfind("契約にあたり", 0), 0u);
  Model edogawa = model;
  edogawa.paper.wording = "edogawa";
  const ChecklistSet e = build_checklists(edogawa, catalogue(), Language::ja);
  EXPECT_EQ(line(e.checklists[0].ward, "comply-law-policy").text.rfind("保護管理責任者は", 0), 0u);
  // No Edogawa wording: the short text.
  EXPECT_EQ(line(e.checklists[0].ward, "servers-in-japan").text, "国内法が適用されるサーバ環境");
  // Operational lines come first.
  const auto& lines = set.checklists[0].ward.lines;
  EXPECT_TRUE(std::is_partitioned(lines.begin(), lines.end(),
                                  [](const ChecklistLine& l) { return !l.technical; }));
}

TEST(Checklist, CsvQuotesAndNeutralisesFormulas) {
  ChecklistSet set;
  Checklist checklist;
  checklist.procedure = Procedure::outsourcing;
  checklist.ward.lines.push_back(
      {0, "a", false, "=cmd", "a", LineMark::not_applicable, "-1,\"x\"", {}});
  checklist.other.party = Party::other;
  checklist.other.lines.push_back({1, "b", true, "@x\ny", "b", LineMark::blank, "", {}});
  checklist.other.lines.push_back(
      {2, "c", true, "\t=1", "c", LineMark::not_applicable, "\r=2", {}});
  set.checklists.push_back(checklist);
  // A line break or control character in a cell is shown as an escape, not kept raw.
  EXPECT_EQ(format_checklists_csv(set, Language::ja),
            "\xEF\xBB\xBF手続,実施者,区分,対策ID,記入,理由,情報保護対策\r\n"
            "業務委託,区が行う,運用上の対策,a,－,\"'-1,\"\"x\"\"\",'=cmd\r\n"
            "業務委託,相手方に行わせる,システム上の対策,b,（記載なし）,,'@x\\ny\r\n"
            "業務委託,相手方に行わせる,システム上の対策,c,－,'\\r=2,'\\t=1\r\n");
}

TEST(Checklist, CompareReadsItsOwnCsvBack) {
  const Model model = model_from(kPaper);
  const ChecklistSet set = build_checklists(model, catalogue(), Language::ja);
  for (Language language : {Language::ja, Language::en}) {
    const ChecklistComparison result =
        compare_checklist_csv(set, format_checklists_csv(set, language), "x.csv");
    EXPECT_TRUE(result.errors.empty());
    EXPECT_TRUE(result.skipped.empty());
    EXPECT_TRUE(result.disagreements.empty());
  }
}

TEST(Checklist, CompareAcceptsHandWrittenMarks) {
  const Model model = model_from(kPaper);
  const ChecklistSet set = build_checklists(model, catalogue(), Language::ja);
  // Columns in another order, no BOM, LF, marks as people type them.
  const std::string csv =
      "対策ID,記入,実施者,手続\n"
      "encrypt-transit,〇,ward,outsourcing\n"
      "locked-bag,○,区が行う,業務委託\n"
      "antivirus,ー（不要）,相手方に行わせる,業務委託\n"
      "access-control,－,区が行う,外部結合\n"
      "antivirus,x,区が行う,業務委託\n";
  ChecklistComparison result = compare_checklist_csv(set, csv, "f.csv");
  ASSERT_TRUE(result.errors.empty());
  ASSERT_EQ(result.skipped.size(), 1u);
  EXPECT_EQ(result.skipped[0].where.line, 6u);
  // antivirus (other, 5) is ○ in the model but － here; antivirus (other, 4) is missing.
  ASSERT_EQ(result.disagreements.size(), 2u);
  EXPECT_EQ(result.disagreements[0].where.line, 4u);
  EXPECT_EQ(result.disagreements[0].in_file, LineMark::not_applicable);
  EXPECT_EQ(result.disagreements[1].where.line, 0u);
  EXPECT_EQ(result.disagreements[1].procedure, Procedure::external_link);
  EXPECT_EQ(format_disagreement(result.disagreements[1], Language::en).rfind("f.csv: ", 0), 0u);
}

TEST(Checklist, CompareRejectsUnreadableFiles) {
  const Model model = model_from(kPaper);
  const ChecklistSet set = build_checklists(model, catalogue(), Language::ja);
  auto open_quote = compare_checklist_csv(set, "手続,実施者,対策ID,記入,理由\n\"x,y\n", "q.csv");
  ASSERT_EQ(open_quote.errors.size(), 1u);
  EXPECT_EQ(format_diagnostic(open_quote.errors[0]),
            "q.csv:2:1: error: 引用符（\"）が閉じられていません");
  EXPECT_FALSE(compare_checklist_csv(set, "", "e.csv").errors.empty());
  // Quoted newlines count: the bad row's line is where it starts.
  auto multiline = compare_checklist_csv(
      set, "手続,実施者,対策ID,記入,理由\n\"外部\n結合\",区が行う,antivirus,○,\nx,y,z,○,\n",
      "m.csv");
  ASSERT_EQ(multiline.skipped.size(), 2u);
  EXPECT_EQ(multiline.skipped[0].where.line, 2u);
  EXPECT_EQ(multiline.skipped[1].where.line, 4u);
}

TEST(Report, EscapesEveryString) {
  EXPECT_EQ(escape_html("<script>a&b\"c'</script>"),
            "&lt;script&gt;a&amp;b&quot;c&#39;&lt;/script&gt;");
  EXPECT_EQ(
      svg_element("<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<!-- x -->\n<svg a=\"1\"></svg>\n"),
      "<svg a=\"1\"></svg>");
  EXPECT_EQ(svg_element("no figure"), "");
}

}  // namespace
}  // namespace nagare
