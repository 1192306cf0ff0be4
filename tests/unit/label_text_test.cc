// Japanese label lines: broken only where ICU allows a line to break and a word to end, with
// the kinsoku rules at both ends of a line.

#include "../../src/render/label_text.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace nagare::render {
namespace {

using ::testing::ElementsAre;

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line;
  return text;
}

/// Whether some line ends inside `word` (the word split across two lines).
bool cuts(const std::vector<std::string>& lines, const std::string& word) {
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    for (std::size_t k = 1; k < word.size(); ++k) {
      if (lines[i].ends_with(word.substr(0, k)) && lines[i + 1].starts_with(word.substr(k)))
        return true;
    }
  }
  return false;
}

TEST(LabelText, ShortTextIsOneLine) {
  EXPECT_THAT(wrap("利用者端末", 18), ElementsAre("利用者端末"));
}

TEST(LabelText, NewlinesInTheModelAreKept) {
  EXPECT_THAT(wrap("一行目\n二行目", 30), ElementsAre("一行目", "二行目"));
}

TEST(LabelText, WordsAreNeverCut) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"個人情報保護及び情報セキュリティに関する研修", "及び"},
      {"対象となる児童生徒の氏名及び住所", "児童生徒"},
      {"区の職員がLGWAN接続系の端末から送信する", "LGWAN"},
      {"閉域ネットワークを経由して送信する", "ネットワーク"},
      {"外部からの攻撃防御（ファイアウォール、要塞化、侵入検知）", "ファイアウォール"},
      // ICU's dictionary lacks the word and splits it, but a hiragana run is not a phrase
      // break within itself.
      {"東京都（ひきこもりサポートネット）", "ひきこもり"},
      {"年齢（都内在住）・ひきこもりの状態（期間）", "ひきこもり"},
      // Nor is a short piece of katakana (プロ|バイ|ダ), a conjugation (触れ|さ|せ|ない) or
      // the kana after a kanji (立会|い).
      {"アプリケーションサービスプロバイダ（保護者連絡システム、公募により決定）", "プロバイダ"},
      {"※個人情報に一切触れさせない。テストはダミーデータを使用する。", "触れさせない"},
      {"⑤改修・テスト・データセットアップ（情報システム課、区職員立会い）", "立会い"},
      {"③対象者一覧の抽出（保管・廃棄の方法は記載なし）", "記載なし"},
  };
  for (const auto& [text, word] : cases) {
    // Narrower than the word with the punctuation that must stay with it, it has to be cut.
    for (std::size_t width = display_width(word) + 4; width <= 40; ++width) {
      const auto lines = wrap(text, width);
      EXPECT_EQ(joined(lines), text);
      EXPECT_FALSE(cuts(lines, word)) << text << " at width " << width;
    }
  }
}

TEST(LabelText, KinsokuAtBothEndsOfALine) {
  const std::string text =
      "受託事業者（委託先）は、「個人情報の取扱いに関する特記事項」を遵守し、チェックリストで報告す"
      "る。";
  for (std::size_t width = 6; width <= 40; ++width) {
    const auto lines = wrap(text, width);
    EXPECT_EQ(joined(lines), text);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      for (const char* no_start : {"、", "。", "）", "」", "ッ", "ョ", "ー"}) {
        if (i > 0) {
          EXPECT_FALSE(lines[i].starts_with(no_start)) << lines[i] << " at " << width;
        }
      }
      for (const char* no_end : {"（", "「"}) {
        if (i + 1 < lines.size()) {
          EXPECT_FALSE(lines[i].ends_with(no_end)) << lines[i] << " at " << width;
        }
      }
    }
  }
}

TEST(LabelText, LinesBreakAtPhrasesWhenOneFits) {
  EXPECT_THAT(wrap("タブレット端末で面談内容を記録する", 20),
              ElementsAre("タブレット端末で", "面談内容を記録する"));
}

TEST(LabelText, BalancedLinesLeaveNoWordAloneOnTheLast) {
  const std::string name = "収納代行事業者 業務従事者";
  const auto full_first = wrap(name, 12);
  const auto balanced = balanced_wrap(name, 12);
  EXPECT_EQ(balanced.size(), full_first.size());
  EXPECT_EQ(joined(balanced), "収納代行事業者業務従事者");  // the space is where a line breaks
  EXPECT_EQ(full_first.back(), "者");                       // what filling each line first leaves
  EXPECT_THAT(balanced, ElementsAre("収納代行", "事業者", "業務従事者"));
  // Never more lines than the width given needs, and one line stays one line.
  EXPECT_THAT(balanced_wrap("利用者端末", 18), ElementsAre("利用者端末"));
}

}  // namespace
}  // namespace nagare::render
