// Files as offices have them: ledgers saved by Excel in CP932 or UTF-16, era dates, a
// stray quote, and output written all or nothing.

#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "nagare/atomic_file.h"
#include "nagare/ledger.h"
#include "nagare/text_encoding.h"

namespace nagare {
namespace {

using namespace std::literals;

// 日付,送付元,送付先,項目 / 令和7年5月1日,収納代行事業者,援助課,氏名 in CP932, as Excel saves it.
constexpr std::string_view kCp932Ledger =
    "\x93\xfa\x95\x74\x2c\x91\x97\x95\x74\x8c\xb3\x2c\x91\x97\x95\x74\x90\xe6\x2c\x8d\x80\x96\xda"
    "\x0a\x97\xdf\x98\x61\x37\x94\x4e\x35\x8c\x8e\x31\x93\xfa\x2c\x8e\xfb\x94\x5b\x91\xe3\x8d\x73"
    "\x8e\x96\x8b\xc6\x8e\xd2\x2c\x89\x87\x8f\x95\x89\xdb\x2c\x8e\x81\x96\xbc\x0a";

TEST(TextEncoding, Utf8WithAndWithoutBom) {
  const DecodedText plain = decode_text("日付\n");
  ASSERT_TRUE(plain.utf8);
  EXPECT_EQ(*plain.utf8, "日付\n");
  EXPECT_EQ(plain.encoding, TextEncoding::utf8);
  EXPECT_FALSE(plain.bom);
  const DecodedText bom = decode_text("\xEF\xBB\xBF日付\n");
  ASSERT_TRUE(bom.utf8);
  EXPECT_EQ(*bom.utf8, "日付\n");
  EXPECT_TRUE(bom.bom);
  EXPECT_EQ(encoding_name(bom.encoding, bom.bom), "UTF-8 (BOM)");
}

TEST(TextEncoding, Cp932IsReadWhenTheFileIsNotUtf8) {
  const DecodedText decoded = decode_text(kCp932Ledger);
  ASSERT_TRUE(decoded.utf8) << decoded.problem;
  EXPECT_EQ(decoded.encoding, TextEncoding::cp932);
  EXPECT_EQ(*decoded.utf8, "日付,送付元,送付先,項目\n令和7年5月1日,収納代行事業者,援助課,氏名\n");
  EXPECT_EQ(encoding_name(decoded.encoding, decoded.bom), "CP932 (Shift_JIS)");
  // NEC special characters and the wave dash as Excel writes them (Microsoft's table).
  const DecodedText special = decode_text("\x87\x40\x81\x60");
  ASSERT_TRUE(special.utf8);
  EXPECT_EQ(*special.utf8, "①～");
}

TEST(TextEncoding, Utf16WithABom) {
  const DecodedText le = decode_text("\xFF\xFE\xE5\x65\xD8\x4E\n\0"sv);
  ASSERT_TRUE(le.utf8) << le.problem;
  EXPECT_EQ(*le.utf8, "日付\n");
  EXPECT_EQ(le.encoding, TextEncoding::utf16le);
  EXPECT_EQ(encoding_name(le.encoding, le.bom), "UTF-16LE (BOM)");
  const DecodedText be = decode_text("\xFE\xFF\x65\xE5\x4E\xD8\0\n"sv);
  ASSERT_TRUE(be.utf8) << be.problem;
  EXPECT_EQ(*be.utf8, "日付\n");
  EXPECT_EQ(be.encoding, TextEncoding::utf16be);
}

TEST(TextEncoding, WhatIsNeitherIsAProblemAtItsPlace) {
  // Valid UTF-8 up to line 2, column 3, where a byte no encoding accepts stands.
  const DecodedText bad = decode_text("日付\nab\xFF\xFF\n");
  EXPECT_FALSE(bad.utf8);
  EXPECT_EQ(bad.line, 2u);
  EXPECT_EQ(bad.column, 3u);
  EXPECT_NE(bad.problem.find("UTF-8 としても CP932"), std::string::npos) << bad.problem;
  // UTF-16 without a byte-order mark: NUL characters.
  const DecodedText no_bom = decode_text("d\0a\0"sv);
  EXPECT_FALSE(no_bom.utf8);
  EXPECT_EQ(no_bom.line, 1u);
  EXPECT_EQ(no_bom.column, 2u);
  // An unpaired surrogate in UTF-16.
  EXPECT_FALSE(decode_text("\xFF\xFE"
                           "a\0\x00\xD8"sv)
                   .utf8);
  EXPECT_FALSE(decode_text("\xFF\xFE\0\0a\0\0\0"sv).utf8) << "UTF-32";
}

TEST(Ledger, ACp932LedgerIsReadAndSaysSo) {
  auto read = read_ledger(kCp932Ledger, "l.csv");
  ASSERT_TRUE(read.diagnostics.empty()) << format_diagnostic(read.diagnostics[0]);
  EXPECT_EQ(read.ledger->encoding, TextEncoding::cp932);
  ASSERT_EQ(read.ledger->entries.size(), 1u);
  EXPECT_EQ(read.ledger->entries[0].from, "収納代行事業者");
  EXPECT_EQ(read.ledger->entries[0].date, 20250501);
}

TEST(Ledger, AnUndecodableLedgerIsOneLocatedError) {
  auto read = read_ledger("date,from,to\n2025-04-01,a,\xFF\xFE\xFF\n", "l.csv");
  EXPECT_FALSE(read.ledger);
  ASSERT_EQ(read.diagnostics.size(), 1u);
  EXPECT_EQ(format_diagnostic(read.diagnostics[0]).rfind("l.csv:2:14: error: ", 0), 0u)
      << format_diagnostic(read.diagnostics[0]);
  EXPECT_EQ(format_diagnostic(read.diagnostics[0], true).rfind("l.csv:2:14: error: unknown", 0), 0u)
      << format_diagnostic(read.diagnostics[0], true);
}

TEST(LedgerDate, EraYearsMustExist) {
  EXPECT_EQ(parse_date("令和元年5月1日"), 20190501);
  EXPECT_EQ(parse_date("平成31年4月30日"), 20190430);
  EXPECT_EQ(parse_date("H31.4.30"), 20190430);
  EXPECT_EQ(parse_date("昭和64年1月7日"), 19890107);
  EXPECT_EQ(parse_date("平成元年1月8日"), 19890108);
  EXPECT_EQ(parse_date("S50/3/31"), 19750331);
  EXPECT_EQ(parse_date("大正15年12月25日"), 19261225);
  EXPECT_EQ(parse_date("明治45年7月30日"), 19120730);

  const DateReading zero = read_date("令和0年4月1日");
  EXPECT_FALSE(zero.date) << "not 2018";
  EXPECT_EQ(zero.problem, "令和0年はありません (最初の年は元年 = 1年)");
  EXPECT_EQ(read_date("平成32年1月1日").problem, "平成は31年までです");
  EXPECT_FALSE(parse_date("昭和65年1月1日"));
  EXPECT_FALSE(parse_date("大正16年1月1日"));
  EXPECT_FALSE(parse_date("明治46年1月1日"));
  EXPECT_FALSE(parse_date("R0.4.1"));
  EXPECT_EQ(read_date("平成31年5月1日").problem,
            "2019-05-01 は平成の期間 (1989-01-08〜2019-04-30) の外です");
  EXPECT_FALSE(parse_date("令和元年4月30日"));
  EXPECT_FALSE(parse_date("昭和64年1月8日"));
}

TEST(LedgerDate, YearsMonthsAndDaysMustBeReal) {
  EXPECT_FALSE(parse_date("99999-01-01"));
  EXPECT_EQ(read_date("99999-01-01").problem, "99999年は読める範囲 (1868〜2099年) の外です");
  EXPECT_FALSE(parse_date("2100-01-01"));
  EXPECT_FALSE(parse_date("1867-12-31"));
  EXPECT_FALSE(parse_date("1234567890123-01-01")) << "no overflow";
  EXPECT_EQ(parse_date("2099-12-31"), 20991231);
  EXPECT_EQ(read_date("2025-13-01").problem, "13月はありません");
  EXPECT_EQ(read_date("2025-02-29").problem, "2025年2月は28日までです");
  EXPECT_EQ(parse_date("2000-02-29"), 20000229) << "divisible by 400";
  EXPECT_FALSE(parse_date("1900-02-29")) << "divisible by 100";
  EXPECT_FALSE(parse_date("2025-04-31"));
  EXPECT_FALSE(parse_date("2025-04-00"));
  EXPECT_TRUE(read_date("2025年4月").problem.empty()) << "not written like a date";
}

TEST(Ledger, ABadEraDateIsASkippedRowWithTheReason) {
  auto read = read_ledger("日付,送付元,送付先\n令和0年4月1日,a,b\n令和1年4月1日,a,b\n", "l.csv");
  ASSERT_TRUE(read.ledger);
  ASSERT_EQ(read.ledger->skipped.size(), 2u);
  EXPECT_EQ(read.ledger->skipped[0].line, 2u);
  EXPECT_EQ(read.ledger->skipped[0].message,
            "日付「令和0年4月1日」を読めません: 令和0年はありません (最初の年は元年 = 1年)");
  EXPECT_EQ(read.ledger->skipped[1].line, 3u) << "令和1年4月1日 is still 平成31年";
}

TEST(Csv, AStrayQuoteCostsOneRow) {
  const CsvText csv = parse_csv(
      "a,b\n"
      "1,\"stray\n"
      "2,x\n"
      "3,\"quoted, closed\"\n"
      "4,y\n");
  ASSERT_EQ(csv.problems.size(), 1u);
  EXPECT_EQ(csv.problems[0].line, 2u);
  ASSERT_EQ(csv.records.size(), 4u);
  EXPECT_EQ(csv.records[1].fields, (std::vector<std::string>{"2", "x"}));
  EXPECT_EQ(csv.records[1].line, 3u);
  EXPECT_EQ(csv.records[2].fields, (std::vector<std::string>{"3", "quoted, closed"}));
  EXPECT_EQ(csv.records[3].line, 5u);
}

TEST(Csv, AQuoteThatNeverClosesCostsOneRow) {
  const CsvText csv = parse_csv("a,b\n1,\"open\n2,x\n3,y\n");
  ASSERT_EQ(csv.problems.size(), 1u);
  EXPECT_EQ(csv.problems[0].line, 2u);
  EXPECT_EQ(csv.problems[0].message, "引用符 \" が閉じられていません");
  ASSERT_EQ(csv.records.size(), 3u);
  EXPECT_EQ(csv.records[2].fields, (std::vector<std::string>{"3", "y"}));
  EXPECT_EQ(csv.records[2].line, 4u);
}

TEST(Ledger, RowsAfterAStrayQuoteAreAudited) {
  auto read = read_ledger(
      "日付,送付元,送付先,項目\n"
      "2025-04-01,a,b,\"x\n"
      "2025-04-02,a,b,y\n"
      "2025-04-03,a,b,\"p, q\"\n",
      "l.csv");
  ASSERT_TRUE(read.ledger);
  ASSERT_EQ(read.ledger->skipped.size(), 1u);
  EXPECT_EQ(read.ledger->skipped[0].line, 2u);
  ASSERT_EQ(read.ledger->entries.size(), 2u);
  EXPECT_EQ(read.ledger->entries[0].line, 3u);
  EXPECT_EQ(read.ledger->entries[1].line, 4u);
}

std::string contents(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

TEST(AtomicFiles, AFailedWriteReplacesNoneOfTheFiles) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("nagare-atomic-pair-test-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "sub");
  { std::ofstream(dir / "a.html") << "old"; }
  // The second target is a directory: it fails, and a.html keeps its old content.
  EXPECT_THROW(
      write_files_atomically({{(dir / "a.html").string(), "new"}, {(dir / "sub").string(), "pdf"}}),
      std::runtime_error);
  EXPECT_EQ(contents(dir / "a.html"), "old");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 2u) << "no temporary file left behind";
  write_files_atomically({{(dir / "a.html").string(), "new"}, {(dir / "a.pdf").string(), "pdf"}});
  EXPECT_EQ(contents(dir / "a.html"), "new");
  EXPECT_EQ(contents(dir / "a.pdf"), "pdf");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace nagare
