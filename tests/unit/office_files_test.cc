// Files as offices have them: ledgers saved by Excel in CP932 or UTF-16, era dates, a
// stray quote, and output written all or nothing.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "nagare/atomic_file.h"
#include "nagare/ledger.h"

namespace nagare {
namespace {

using namespace std::literals;

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

}  // namespace
}  // namespace nagare
