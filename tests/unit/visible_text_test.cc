#include "nagare/visible_text.h"

#include <gtest/gtest.h>

namespace nagare {
namespace {

TEST(VisibleText, ShowsControlCharactersAsEscapes) {
  EXPECT_EQ(visible_text(std::string("a\x1b[2Jb", 6)), "a\\x1b[2Jb");
  EXPECT_EQ(visible_text(std::string("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(visible_text("a\rb\nc\td"), "a\\rb\\nc\\td");
  EXPECT_EQ(visible_text("a\x7f"), "a\\x7f");
  EXPECT_EQ(visible_text("a\u0085b\u009bc"), "a\\u0085b\\u009bc");
  EXPECT_EQ(visible_text("\u202egnp.exe"), "\\u202egnp.exe");
}

TEST(VisibleText, KeepsJapaneseAndBackslashes) {
  EXPECT_EQ(visible_text("児童相談所 ①〜④ 𠮷"), "児童相談所 ①〜④ 𠮷");
  EXPECT_EQ(visible_text("\\\\fs01\\Nagare\\Gakko"), "\\\\fs01\\Nagare\\Gakko");
}

TEST(VisibleText, ShowsInvalidUtf8BytesAsHex) {
  EXPECT_EQ(visible_text("a\xff"
                         "b"),
            "a\\xffb");
  EXPECT_EQ(visible_text("\xe5\x90"), "\\xe5\\x90");           // truncated
  EXPECT_EQ(visible_text("\xc0\xaf"), "\\xc0\\xaf");           // overlong '/'
  EXPECT_EQ(visible_text("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a surrogate
}

TEST(SpreadsheetCell, GuardsEveryFormulaLeader) {
  EXPECT_EQ(spreadsheet_cell("=1+1"), "'=1+1");
  EXPECT_EQ(spreadsheet_cell("+cmd"), "'+cmd");
  EXPECT_EQ(spreadsheet_cell("-2"), "'-2");
  EXPECT_EQ(spreadsheet_cell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(spreadsheet_cell("\t=1+1"), "'\\t=1+1");
  EXPECT_EQ(spreadsheet_cell("\r=1+1"), "'\\r=1+1");
  EXPECT_EQ(spreadsheet_cell("氏名"), "氏名");
  EXPECT_EQ(spreadsheet_cell(""), "");
}

TEST(SpreadsheetCell, GuardIsRecognisedOnReadBack) {
  for (const char* text : {"=1", "+1", "-1", "@x", "\tx", "\rx"}) {
    EXPECT_TRUE(starts_with_formula_guard(spreadsheet_cell(text))) << text;
  }
  EXPECT_FALSE(starts_with_formula_guard("'quoted'"));
  EXPECT_FALSE(starts_with_formula_guard("="));
}

TEST(JsonControls, EscapesDelAndC1ControlsOnly) {
  EXPECT_EQ(json_controls_escaped("{\"a\": \"x\x7f\u0085y 氏名\"}"),
            "{\"a\": \"x\\u007f\\u0085y 氏名\"}");
}

}  // namespace
}  // namespace nagare
