#include <gtest/gtest.h>

#include <string>

#include "nagare/ledger.h"
#include "test_support.h"

namespace nagare {
namespace {

TEST(Csv, ReadsQuotedCommasQuotesAndLineBreaks) {
  const CsvText csv = parse_csv(
      "\xEF\xBB\xBF"
      "a,b,c\r\n"
      "1,\"x, y\",\"say \"\"hi\"\"\"\r\n"
      "2,\"two\nlines\",\n"
      "3,,last");
  ASSERT_TRUE(csv.problems.empty());
  ASSERT_EQ(csv.records.size(), 4u);
  EXPECT_EQ(csv.records[0].fields, (std::vector<std::string>{"a", "b", "c"})) << "BOM dropped";
  EXPECT_EQ(csv.records[1].fields, (std::vector<std::string>{"1", "x, y", "say \"hi\""}));
  EXPECT_EQ(csv.records[2].fields, (std::vector<std::string>{"2", "two\nlines", ""}));
  EXPECT_EQ(csv.records[2].line, 3u);
  EXPECT_EQ(csv.records[3].line, 5u) << "the line break inside quotes counts";
  EXPECT_EQ(csv.records[3].fields, (std::vector<std::string>{"3", "", "last"}));
}

TEST(Csv, ABadRecordIsReportedAndTheRestRead) {
  const CsvText csv = parse_csv("a,b\n\"x\"y,z\n1,2\n\"open,3\n");
  ASSERT_EQ(csv.records.size(), 2u);
  EXPECT_EQ(csv.records[1].fields, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(csv.records[1].line, 3u);
  ASSERT_EQ(csv.problems.size(), 2u);
  EXPECT_EQ(csv.problems[0].line, 2u);
  EXPECT_EQ(csv.problems[1].line, 4u);
  EXPECT_NE(csv.problems[1].message.find("閉じられていません"), std::string::npos);
}

TEST(LedgerDate, AcceptsTheWaysOfficesWriteDates) {
  EXPECT_EQ(parse_date("2025-04-01"), 20250401);
  EXPECT_EQ(parse_date("2025/4/1"), 20250401);
  EXPECT_EQ(parse_date("2025年4月1日"), 20250401);
  EXPECT_EQ(parse_date("令和7年4月1日"), 20250401);
  EXPECT_EQ(parse_date("令和元年5月1日"), 20190501);
  EXPECT_EQ(parse_date("R7.4.1"), 20250401);
  EXPECT_EQ(parse_date("２０２５／４／１"), 20250401) << "full-width digits";
  EXPECT_EQ(parse_date(" 2024-02-29 "), 20240229);
  EXPECT_FALSE(parse_date("2025-02-29"));
  EXPECT_FALSE(parse_date("2025-13-01"));
  EXPECT_FALSE(parse_date("4月1日"));
  EXPECT_FALSE(parse_date(""));
}

TEST(Ledger, EnglishHeadersAndAliasesAreAccepted) {
  auto read = read_ledger("Date,From,To,Items\n2025-04-01,a,b,\"x、y（p、q）\"\n", "l.csv");
  ASSERT_TRUE(read.diagnostics.empty());
  ASSERT_EQ(read.ledger->entries.size(), 1u);
  EXPECT_EQ(read.ledger->entries[0].items, (std::vector<std::string>{"x", "y（p、q）"}));
  auto japanese = read_ledger("受渡日,引渡元,引渡先,内容,件数\n2025-04-01,a,b,x,3\n", "l.csv");
  ASSERT_TRUE(japanese.diagnostics.empty());
  EXPECT_EQ(japanese.ledger->entries[0].quantity, "3");
}

TEST(Ledger, AMissingRequiredColumnIsAnInputError) {
  auto read = read_ledger("日付,送付元,項目\n2025-04-01,a,x\n", "l.csv");
  EXPECT_FALSE(read.ledger);
  ASSERT_EQ(read.diagnostics.size(), 1u);
  EXPECT_EQ(format_diagnostic(read.diagnostics[0]),
            "l.csv:1: error: 必須の列「送付先」がありません");
}

// staff -(rec, paper)-> vendor-staff ; staff -(code, line)-> system
constexpr std::string_view kModel = R"(
[paper]
title = "t"
[[items]]
id = "rec"
name = "名簿"
class = "personal"
fields = ["氏名", "住所"]
[[items]]
id = "code"
name = "番号"
class = "pseudonymous"
fields = ["受付番号"]
[[orgs]]
id = "ward"
name = "区"
role = "ward"
[[orgs]]
id = "police"
name = "警察署"
role = "recipient"
[[nodes]]
id = "staff"
name = "区担当者"
kind = "person"
org = "ward"
[[nodes]]
id = "paper"
name = "名簿（紙）"
kind = "medium"
medium = "paper"
org = "ward"
[[nodes]]
id = "officer"
name = "警察署 担当者"
kind = "person"
org = "police"
[[nodes]]
id = "system"
name = "警察システム"
kind = "system"
org = "police"
[[nodes]]
id = "line"
name = "回線"
kind = "network"
network = "lgwan"
[[flows]]
id = "handover"
from = "staff"
to = "officer"
via = ["paper"]
items = ["rec"]
label = "名簿を手渡し"
[[flows]]
id = "send"
from = "staff"
to = "system"
via = ["line"]
items = ["code"]
label = "番号を送信"
)";

std::vector<std::string> kinds(const AuditResult& result) {
  std::vector<std::string> ids;
  for (const AuditFinding& f : result.findings) ids.emplace_back(id_of(f.kind));
  return ids;
}

TEST(Audit, UndeclaredExcessAndMalformedRows) {
  const Model model = test::model_from(kModel);
  auto read = read_ledger(
      "日付,送付元,送付先,項目,媒体,取扱者,数量\n"
      "2025-05-01,区担当者,警察署 担当者,名簿,紙,山田,1部\n"                // declared: fine
      "2025-05-02,staff,警察署,\"氏名、住所\",紙,山田,1部\n"                // ids and an org: fine
      "2025-05-03,区担当者,警察署 担当者,\"名簿、電話番号\",紙,山田,1部\n"  // excess
      "2025-05-04,区担当者,消防署,名簿,紙,山田,1部\n"                       // unknown party
      "2025-05-05,警察署 担当者,区担当者,名簿,紙,山田,1部\n"                // no flow that way
      "2025-05-06,区担当者,警察システム,番号,USBメモリ,山田,1本\n"          // a line, not a USB
      "2025-99-01,区担当者,警察署 担当者,名簿,紙,山田,1部\n"                // malformed date
      "2025-05-08,区担当者,,名簿,紙,山田,1部\n"                             // no recipient
      "2025-05-09,区担当者,警察署 担当者,名簿,紙,山田,1部,余り\n",          // too many cells
      "l.csv");
  ASSERT_TRUE(read.diagnostics.empty());
  const Ledger& ledger = *read.ledger;
  EXPECT_EQ(ledger.entries.size(), 6u);
  ASSERT_EQ(ledger.skipped.size(), 3u);
  EXPECT_EQ(ledger.skipped[0].line, 8u);
  EXPECT_EQ(ledger.skipped[1].line, 9u);
  EXPECT_EQ(ledger.skipped[2].line, 10u);

  const AuditResult result = audit_ledger(model, ledger, {});
  EXPECT_EQ(kinds(result), (std::vector<std::string>{"excess-items", "undeclared-transfer",
                                                     "undeclared-transfer", "medium-differs"}));
  EXPECT_EQ(result.findings[0].line, 4u);
  EXPECT_EQ(result.findings[0].details, std::vector<std::string>{"電話番号"});
  EXPECT_EQ(result.findings[0].flow, "handover");
  EXPECT_EQ(result.findings[1].details, std::vector<std::string>{"消防署"});
  EXPECT_EQ(result.findings[2].line, 6u);
  EXPECT_EQ(result.findings[3].line, 7u);
  EXPECT_EQ(result.handovers_expected, 1u);
  EXPECT_TRUE(result.discrepant());
}

TEST(Audit, ADeclaredHandOverWithoutEntriesInThePeriodIsReported) {
  const Model model = test::model_from(kModel);
  auto read = read_ledger(
      "日付,送付元,送付先,項目\n"
      "2025-03-31,区担当者,警察署 担当者,名簿\n"
      "2025-05-01,区担当者,警察システム,番号\n",
      "l.csv");
  ASSERT_TRUE(read.ledger);
  AuditPeriod period{parse_date("2025-04-01"), parse_date("2026-03-31")};
  const AuditResult result = audit_ledger(model, *read.ledger, period);
  EXPECT_EQ(result.entries_outside_period, 1u);
  EXPECT_EQ(result.entries_audited, 1u);
  ASSERT_EQ(kinds(result), std::vector<std::string>{"missing-handover"});
  EXPECT_EQ(result.findings[0].flow, "handover");
  EXPECT_EQ(result.findings[0].where.line, model.flows[0].where.line);

  const AuditResult whole = audit_ledger(model, *read.ledger, {});
  EXPECT_FALSE(whole.discrepant()) << "without a period the March entry counts";
}

}  // namespace
}  // namespace nagare
