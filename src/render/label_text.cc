#include "label_text.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <array>
#include <cstdint>
#include <iterator>
#include <memory>
#include <unordered_map>

namespace nagare::render {
namespace {

/// Decodes one UTF-8 code point at `i`; returns its length (1 for invalid bytes).
std::size_t next_code_point(std::string_view text, std::size_t i, char32_t& code) {
  const auto byte = static_cast<unsigned char>(text[i]);
  std::size_t length = byte < 0x80         ? 1
                       : byte >> 5 == 0x6  ? 2
                       : byte >> 4 == 0xE  ? 3
                       : byte >> 3 == 0x1E ? 4
                                           : 1;
  if (i + length > text.size()) length = 1;
  if (length == 1) {
    code = byte;
    return 1;
  }
  code = byte & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  }
  return length;
}

bool is_wide(char32_t code) {
  return (code >= 0x1100 && code <= 0x115F) || (code >= 0x2E80 && code <= 0xA4CF) ||
         (code >= 0xAC00 && code <= 0xD7A3) || (code >= 0xF900 && code <= 0xFAFF) ||
         (code >= 0xFE30 && code <= 0xFE4F) || (code >= 0xFF00 && code <= 0xFF60) ||
         (code >= 0xFFE0 && code <= 0xFFE6) || (code >= 0x2460 && code <= 0x24FF);
}

bool is_dropped(char32_t code) {
  // C0/C1 controls and the bidirectional embedding, override and isolate marks.
  return code < 0x20 || (code >= 0x7F && code < 0xA0) || (code >= 0x202A && code <= 0x202E) ||
         (code >= 0x2066 && code <= 0x2069) || code == 0x200E || code == 0x200F;
}

bool is_hiragana(char32_t code) { return code >= 0x3041 && code <= 0x309F; }

enum class Script : unsigned char { hiragana, katakana, kanji, other };

Script script_of(char32_t code) {
  if (is_hiragana(code)) return Script::hiragana;
  // The katakana block but its middle dot ・ (punctuation); ー lengthens a katakana word.
  if ((code >= 0x30A1 && code <= 0x30FA) || (code >= 0x30FC && code <= 0x30FE) ||
      (code >= 0xFF66 && code <= 0xFF9F))
    return Script::katakana;
  if ((code >= 0x4E00 && code <= 0x9FFF) || (code >= 0x3400 && code <= 0x4DBF) ||
      (code >= 0xF900 && code <= 0xFAFF) || code == 0x3005 || code == 0x3006)
    return Script::kanji;
  return Script::other;
}

bool is_punctuation_or_space(char32_t code) {
  return code == U' ' || code == U'/' || code == U'、' || code == U'。' || code == U'・' ||
         code == U'，' || code == U'．' || code == U'）' || code == U'」' || code == U'』' ||
         code == U'】' || code == U'〕' || code == U')' || code == U',' || code == U'：' ||
         code == U'　';
}

bool is_opening(char32_t code) {
  return code == U'（' || code == U'「' || code == U'『' || code == U'【' || code == U'〔' ||
         code == U'(' || code == U'［';
}

/// The code point ending just before byte offset `at`.
char32_t code_before(std::string_view text, std::size_t at) {
  std::size_t i = at;
  while (i > 0 && (static_cast<unsigned char>(text[i - 1]) & 0xC0) == 0x80) --i;
  if (i > 0) --i;
  char32_t code = 0;
  next_code_point(text, i, code);
  return code;
}

/// How good a place to break a line is, from ICU: kLine where the line-breaking rules allow
/// it (kinsoku included: no line starts with 、。）」 or a small kana, none ends with （「),
/// kWord where it is also a word boundary (the Japanese dictionary's), kPhrase where it also
/// ends a phrase (after punctuation, a space or a particle in hiragana that the next word
/// does not continue in hiragana, before an opening bracket, or where Latin text meets
/// Japanese).
enum Quality : unsigned char { kNone = 0, kLine = 1, kWord = 2, kPhrase = 3 };

struct BreakIterators {
  std::unique_ptr<icu::BreakIterator> line, word;
};

/// ICU's iterators load their rules and dictionary once; figures are drawn on one thread.
BreakIterators& iterators() {
  static BreakIterators cached = [] {
    UErrorCode status = U_ZERO_ERROR;
    BreakIterators made;
    // lb=strict: small kana and the long-vowel mark do not start a line either (JIS X 4051).
    const icu::Locale japanese = icu::Locale::createFromName("ja@lb=strict");
    made.line.reset(icu::BreakIterator::createLineInstance(japanese, status));
    made.word.reset(icu::BreakIterator::createWordInstance(japanese, status));
    if (U_FAILURE(status)) made = {};
    return made;
  }();
  return cached;
}

/// Word boundaries of the dictionary that a reader sees inside a word are kept only as
/// places a line may break, the last resort: kana after a kanji or katakana word belong to
/// it (申込|み, 記載|なし, 区|の), and within a run of kana a piece under three characters is
/// a word the dictionary does not know or a conjugation (ひき|こ|も|り, プロ|バイ|ダ,
/// 触れ|さ|せ|ない), while サービス|プロバイダ and ことが|できる stay boundaries.
void demote_split_words(std::string_view text, std::vector<Quality>& quality) {
  struct Character {
    std::size_t at;
    Script script;
  };
  std::vector<Character> characters;
  for (std::size_t i = 0; i < text.size();) {
    char32_t code = 0;
    const std::size_t length = next_code_point(text, i, code);
    characters.push_back({i, script_of(code)});
    i += length;
  }
  const std::size_t count = characters.size();
  for (std::size_t k = 1; k < count; ++k) {
    const Script before = characters[k - 1].script;
    if (characters[k].script == Script::hiragana &&
        (before == Script::kanji || before == Script::katakana) &&
        quality[characters[k].at] >= kWord)
      quality[characters[k].at] = kLine;
  }
  for (std::size_t start = 0; start < count;) {
    const Script script = characters[start].script;
    std::size_t end = start + 1;
    while (end < count && characters[end].script == script) ++end;
    if (script == Script::hiragana || script == Script::katakana) {
      constexpr std::size_t kShortestPiece = 3;
      std::size_t kept = start;
      for (std::size_t k = start + 1; k < end; ++k) {
        Quality& here = quality[characters[k].at];
        if (here < kWord) continue;
        if (k - kept >= kShortestPiece && end - k >= kShortestPiece) {
          kept = k;
        } else {
          here = kLine;
        }
      }
    }
    start = end;
  }
}

/// The break quality at each byte offset of UTF-8 text (index text.size() included).
std::vector<Quality> break_qualities(std::string_view text) {
  std::vector<Quality> quality(text.size() + 1, kNone);
  BreakIterators& its = iterators();
  if (!its.line || !its.word) return quality;
  auto boundaries = [&](icu::BreakIterator& it, Quality mark, Quality needed) {
    UErrorCode status = U_ZERO_ERROR;
    UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    if (U_FAILURE(status)) return;
    it.setText(utext, status);
    if (U_SUCCESS(status)) {
      // On UTF-8 text ICU's indices are byte offsets.
      for (int32_t at = it.first(); at != icu::BreakIterator::DONE; at = it.next()) {
        const auto offset = static_cast<std::size_t>(at);
        if (offset <= text.size() && quality[offset] == needed) quality[offset] = mark;
      }
    }
    it.setText(icu::UnicodeString());
    utext_close(utext);
  };
  boundaries(*its.line, kLine, kNone);
  boundaries(*its.word, kWord, kLine);
  demote_split_words(text, quality);
  for (std::size_t at = 1; at < text.size(); ++at) {
    if (quality[at] != kWord) continue;
    char32_t after = 0;
    next_code_point(text, at, after);
    const char32_t before = code_before(text, at);
    const bool latin_meets_japanese = (before < 0x80) != (after < 0x80);
    // A particle ends a phrase where its hiragana run ends; within the run a boundary is
    // only a word's (ことが|できる).
    const bool particle_ends = is_hiragana(before) && !is_hiragana(after);
    if (is_punctuation_or_space(before) || particle_ends || is_opening(after) ||
        latin_meets_japanese) {
      quality[at] = kPhrase;
    }
  }
  return quality;
}

/// Texts whose break qualities are kept (a few thousand labels: a large figure's worth).
constexpr std::size_t kMostCachedTexts = 4096;

/// break_qualities, kept for texts seen before: a figure is written several times over while
/// its layout is chosen, and balanced_wrap tries several widths of each label.
const std::vector<Quality>& cached_break_qualities(std::string_view text) {
  static std::unordered_map<std::string, std::vector<Quality>> cache;
  auto found = cache.find(std::string(text));
  if (found != cache.end()) return found->second;
  if (cache.size() >= kMostCachedTexts) cache.clear();  // an editor runs for hours
  return cache.emplace(std::string(text), break_qualities(text)).first->second;
}

/// Appends the lines of one paragraph, given its break qualities: each as full as `width`
/// allows, broken at the last phrase boundary that fits (a word boundary, failing that). A
/// word longer than the line runs over it; only a word over twice the width is cut, where
/// the line-breaking rules allow, and never where no rule allows.
/// Returns how many lines end at a break weaker than a phrase's.
std::size_t fill_lines(std::string_view text, const std::vector<Quality>& quality,
                       std::size_t width, std::vector<std::string>& lines) {
  std::size_t weak_breaks = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::array<std::size_t, 4> best{};  // the last fitting break of each quality, 0: none
    std::size_t columns = 0, at = start;
    while (at < text.size()) {
      char32_t code = 0;
      const std::size_t length = next_code_point(text, at, code);
      const std::size_t next_columns = columns + (is_wide(code) ? 2 : 1);
      if (next_columns > width && at > start) break;
      columns = next_columns;
      at += length;
      if (quality[at] != kNone) best[quality[at]] = at;
    }
    if (at >= text.size()) {
      lines.emplace_back(text.substr(start));
      break;
    }
    // A phrase break that leaves a stub of a line gives way to a word break further on; a
    // word is cut (where the line-breaking rules allow) only when no boundary fits at all.
    const std::size_t least = start + (at - start) / 3;
    std::size_t cut = best[kPhrase] > least ? best[kPhrase] : std::max(best[kPhrase], best[kWord]);
    if (cut <= start) {
      // A word longer than the line: the line runs on to the word's end rather than cut it,
      // unless that makes it twice as long as it may be.
      std::size_t word_end = at;
      while (word_end < text.size() && quality[word_end] < kWord) ++word_end;
      if (display_width(text.substr(start, word_end - start)) <= 2 * width) cut = word_end;
    }
    if (cut <= start) cut = best[kLine];
    if (cut <= start) {
      // Nothing fits: the line runs on to the first place a break is allowed.
      for (cut = at; cut < text.size() && quality[cut] == kNone;) ++cut;
    }
    if (quality[cut] < kPhrase) ++weak_breaks;
    std::size_t end = cut;
    while (end > start && text[end - 1] == ' ') --end;  // a space at a break is not drawn
    lines.emplace_back(text.substr(start, end - start));
    start = cut;
    while (start < text.size() && text[start] == ' ') ++start;
  }
  return weak_breaks;
}

void wrap_paragraph(std::string_view text, std::size_t width, std::vector<std::string>& lines) {
  if (display_width(text) <= width) {
    lines.emplace_back(text);
    return;
  }
  fill_lines(text, cached_break_qualities(text), width, lines);
}

/// wrap_paragraph at the narrowest width, down to half of `width`, that needs no more lines
/// and breaks no more of them inside a phrase.
void balance_paragraph(std::string_view text, std::size_t width, std::vector<std::string>& lines) {
  if (display_width(text) <= width) {
    lines.emplace_back(text);
    return;
  }
  const std::vector<Quality>& quality = cached_break_qualities(text);
  std::vector<std::string> best;
  const std::size_t weak_breaks = fill_lines(text, quality, width, best);
  for (std::size_t narrower = width - 1; best.size() > 1 && narrower >= width / 2; --narrower) {
    std::vector<std::string> tried;
    // Narrower only as long as no line then ends inside a phrase that did not before.
    if (fill_lines(text, quality, narrower, tried) > weak_breaks || tried.size() > best.size())
      break;
    best = std::move(tried);
  }
  lines.insert(lines.end(), std::make_move_iterator(best.begin()),
               std::make_move_iterator(best.end()));
}

/// Each paragraph of text (the model's own line breaks kept) through `paragraph`.
template <typename Wrap>
std::vector<std::string> wrap_paragraphs(std::string_view text, std::size_t width, Wrap paragraph) {
  std::vector<std::string> lines;
  for (std::size_t start = 0;;) {
    const std::size_t end = text.find('\n', start);
    paragraph(
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start),
        width, lines);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return lines;
}

}  // namespace

std::string label_excerpt(std::string_view text) {
  std::size_t characters = 0;
  for (std::size_t i = 0; i < text.size(); ++characters) {
    char32_t code = 0;
    const std::size_t length = next_code_point(text, i, code);
    if (characters == kMaxLabelCharacters) return std::string(text.substr(0, i)) + "…";
    i += length;
  }
  return std::string(text);
}

std::string escape_html(std::string_view whole) {
  const std::string text = label_excerpt(whole);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t code = 0;
    const std::size_t length = next_code_point(text, i, code);
    const std::string_view piece = std::string_view(text).substr(i, length);
    i += length;
    if (is_dropped(code)) continue;
    switch (code) {
      case U'&':
        out += "&amp;";
        break;
      case U'<':
        out += "&lt;";
        break;
      case U'>':
        out += "&gt;";
        break;
      case U'"':
        out += "&quot;";
        break;
      case U'\'':
        out += "&#39;";
        break;
      case U'\\':
        out += "\\\\";
        break;
      default:
        if (length == 1 && code >= 0x80) {
          out += "\xEF\xBF\xBD";  // an invalid byte becomes U+FFFD
        } else {
          out += piece;
        }
    }
  }
  return out;
}

std::vector<std::string> wrap(std::string_view text, std::size_t width) {
  return wrap_paragraphs(text, width, wrap_paragraph);
}

std::size_t display_width(std::string_view text) {
  std::size_t columns = 0;
  for (std::size_t i = 0; i < text.size();) {
    char32_t code = 0;
    i += next_code_point(text, i, code);
    columns += is_wide(code) ? 2 : 1;
  }
  return columns;
}

std::vector<std::string> balanced_wrap(std::string_view text, std::size_t width) {
  // Narrower while no line is added: the lines come out about even, with no word left
  // alone on the last one (収納代行事業／者 業務従事／者 becomes 収納代行／事業者／業務従事者).
  return wrap_paragraphs(text, width, balance_paragraph);
}

std::string wrapped_html(std::string_view text, std::size_t width, std::string_view align) {
  std::string out;
  for (const std::string& line : balanced_wrap(label_excerpt(text), width)) {
    if (!out.empty()) out += align.empty() ? "<BR/>" : "<BR ALIGN=\"" + std::string(align) + "\"/>";
    out += escape_html(line);
  }
  if (!align.empty()) out += "<BR ALIGN=\"" + std::string(align) + "\"/>";
  return out;
}

}  // namespace nagare::render
