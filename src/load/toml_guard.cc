#include "toml_guard.h"

#include <utility>

namespace nagare::load {
namespace {

/// The code points toml++ 3.3's is_non_ascii_horizontal_whitespace() has no answer for:
/// its first-level blocks 0, 11 and 63 (of 0x3FA code points from U+00A0) other than the
/// whitespace it lists. toml_library.h answers for them; the scan still names them first.
bool unsafe(char32_t c) {
  if (c < 0xA0 || c > 0xFEFF || c == 0xA0 || c == 0x3000 || c == 0xFEFF) return false;
  const auto block = (static_cast<std::uint32_t>(c) - 0xA0u) / 0x3FAu;
  return block == 0 || block == 11 || block == 63;
}

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  std::optional<UnsafeInput> run() {
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c == '#') {
        skip_until_newline();
      } else if ((c == '"' || c == '\'') && opens_string()) {
        const std::string_view triple = c == '"' ? "\"\"\"" : "'''";
        if (starts_with(triple)) {
          if (auto found = multi_line(c)) return found;
        } else {
          single_line(c);
        }
        last_ = previous_ = c;
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        const std::size_t start = at_;
        if (unsafe(next_code_point())) return found_at(start, false);
        last_ = previous_ = 'a';  // part of a bare key or value, for opens_string()
      } else if (plain(c)) {
        // Letters, digits, - and _ (keys, bare values) and spaces: nothing but the position
        // and the characters last seen changes, whatever came before.
        do {
          if (text_[at_] != ' ') last_ = text_[at_];
          ++at_;
        } while (at_ < text_.size() && plain(text_[at_]));
        previous_ = text_[at_ - 1];
      } else if (continues_bare_value(c)) {
        // 2[…, 2{…, and in a value 2=… or 2.…: toml++ reads these as one bare value and asks
        // of every character after them whether it is whitespace, quotes included.
        last_ = previous_ = 'a';
        advance();
      } else {
        track_nesting(c);
        previous_ = c;
        // Dots since the last place a key can start: the depth of a dotted key or header
        // (a number has one at most).
        if (c == '.' && ++dots_ > kMaxKeyDepth) {
          const auto [line, column] = position_of(at_);
          return UnsafeInput{
              line, column,
              "キーの入れ子が深すぎます (a.b.c… は " + std::to_string(kMaxKeyDepth) + " 段まで)",
              "keys nested too deep (a.b.c… at most " + std::to_string(kMaxKeyDepth) + " levels)"};
        }
        if (c == '=' || c == '\n' || c == ',' || c == '{' || c == '}' || c == '[' || c == ']') {
          dots_ = 0;
        }
        if (c != ' ' && c != '\t' && c != '\r') last_ = c;
        advance();
      }
    }
    return std::nullopt;
  }

 private:
  /// Characters that neither open, close nor separate anything, nor start a comment.
  static bool plain(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == ' ';
  }

  /// Whether c can be part of a bare key or value as toml++ reads one: anything but
  /// whitespace and what separates or quotes. Control characters are (0\a."、" is one bare
  /// value to it), as is 2`[.
  static bool bare_character(char c) {
    if (c == ' ' || c == '\t' || (c >= '\n' && c <= '\r')) return false;
    return c != '=' && c != ',' && c != '[' && c != ']' && c != '{' && c != '}' && c != '#' &&
           c != '"' && c != '\'';
  }

  /// Whether c, right after a bare character, is still part of a bare value: [ and { never
  /// follow a bare key or value in TOML; = and . do after a key (a=1, a.b), so only within
  /// a value; nor do quotes within a value (0"".".§ is one bare value to toml++).
  bool continues_bare_value(char c) const {
    if (!bare_character(previous_)) return false;
    return c == '[' || c == '{' || (in_value_ && (c == '=' || c == '.' || c == '"' || c == '\''));
  }

  /// Whether the scan is in a value (after =, in an array) or where a key may come.
  void track_nesting(char c) {
    switch (c) {
      case '=':
        in_value_ = true;
        break;
      case '[':
      case '{':
        nesting_ += c;
        in_value_ = c == '[' && in_value_;
        break;
      case ']':
      case '}':
        if (!nesting_.empty()) nesting_.pop_back();
        in_value_ = !nesting_.empty() && nesting_.back() == '[';
        break;
      case ',':
        if (!nesting_.empty() && nesting_.back() == '{') in_value_ = false;
        break;
      case '\n':
        if (nesting_.empty()) in_value_ = false;
        break;
      default:
        break;
    }
  }

  /// A quote opens a string only where a key or a value may start; elsewhere (0"…", a"…")
  /// toml++ reads it as part of a bare value and asks of each character after it whether
  /// it is whitespace, so the scan must too.
  bool opens_string() const {
    return last_ == '=' || last_ == '[' || last_ == ',' || last_ == '{' || last_ == '.' ||
           last_ == '\n';
  }

  bool starts_with(std::string_view prefix) const {
    return text_.substr(at_, prefix.size()) == prefix;
  }

  void advance() { ++at_; }

  /// The line and column of a byte offset, worked out only for the one place reported:
  /// counting them along the scan cost a fifth of it.
  std::pair<std::uint32_t, std::uint32_t> position_of(std::size_t offset) const {
    std::uint32_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
      if (text_[i] == '\n') {
        ++line;
        column = 1;
      } else if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) {
        ++column;  // a UTF-8 continuation byte is part of the character before it
      }
    }
    return {line, column};
  }

  /// Decodes the UTF-8 character at at_ and moves past it; malformed bytes give 0.
  char32_t next_code_point() {
    const auto lead = static_cast<unsigned char>(text_[at_]);
    const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    char32_t c = length == 1 ? 0 : lead & (0x7F >> length);
    advance();
    for (std::size_t i = 1; i < length; ++i) {
      if (at_ >= text_.size() || (static_cast<unsigned char>(text_[at_]) & 0xC0) != 0x80) return 0;
      c = (c << 6) | (static_cast<unsigned char>(text_[at_]) & 0x3F);
      advance();
    }
    return c;
  }

  UnsafeInput found_at(std::size_t start, bool after_backslash) const {
    const std::string character(text_.substr(start, at_ - start));
    const auto [line, column] = position_of(start);
    if (after_backslash) {
      return UnsafeInput{
          line, column,
          "\"\"\" の中の \\ の後 (続けた次の行の始めを含む) に「" + character +
              "」は書けません (前に別の文字を置いてください)",
          "\"" + character +
              "\" cannot follow a line-ending \\ inside \"\"\" (including the start of "
              "the next line; put another character first)"};
    }
    return UnsafeInput{line, column,
                       "文字列の外に「" + character +
                           "」があります (値は \"…\" で囲み、キーは半角英数字で書いてください)",
                       "\"" + character +
                           "\" outside a string (quote values as \"…\"; write keys in ASCII "
                           "letters and digits)"};
  }

  void skip_until_newline() {
    while (at_ < text_.size() && text_[at_] != '\n') advance();
  }

  void single_line(char quote) {
    advance();
    while (at_ < text_.size() && text_[at_] != '\n') {
      // Most of a model is the text in its strings: skipped up to the next quote,
      // backslash or line break.
      while (at_ < text_.size()) {
        const char plain = text_[at_];
        if (plain == quote || plain == '\\' || plain == '\n') break;
        ++at_;
      }
      if (at_ >= text_.size() || text_[at_] == '\n') return;
      const char c = text_[at_];
      advance();
      if (c == quote) return;
      if (c == '\\' && quote == '"' && at_ < text_.size() && text_[at_] != '\n') advance();
    }
  }

  std::optional<UnsafeInput> multi_line(char quote) {
    const std::string_view delimiter = quote == '"' ? "\"\"\"" : "'''";
    for (int i = 0; i < 3; ++i) advance();
    while (at_ < text_.size()) {
      if (text_[at_] == quote && starts_with(delimiter)) {
        // Up to two more quotes belong to the string: """a""""" ends with a"".
        for (int i = 0; i < 3; ++i) advance();
        for (int i = 0; i < 2 && at_ < text_.size() && text_[at_] == quote; ++i) advance();
        return std::nullopt;
      }
      if (quote == '"' && text_[at_] == '\\') {
        advance();
        if (at_ >= text_.size()) return std::nullopt;
        if (text_[at_] == '\\' || text_[at_] == '"') {
          advance();  // an escaped backslash or quote
          continue;
        }
        // toml++ asks of the character after the backslash, and after any spaces or tabs
        // that follow it, whether it is whitespace; after a line-ending backslash it skips
        // the line breaks and whitespace too and asks of the next character.
        while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t')) advance();
        const bool line_ending = at_ < text_.size() && (text_[at_] == '\n' || text_[at_] == '\r');
        while (
            line_ending && at_ < text_.size() &&
            (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r')) {
          advance();
        }
        if (at_ < text_.size() && static_cast<unsigned char>(text_[at_]) >= 0x80) {
          const std::size_t start = at_;
          if (unsafe(next_code_point())) return found_at(start, true);
        }
        continue;
      }
      advance();
    }
    return std::nullopt;
  }

  std::string_view text_;
  std::size_t at_ = 0;
  std::uint32_t dots_ = 0;
  char last_ = '\n';      // the last character outside strings but spaces and tabs
  char previous_ = '\n';  // the character just before, outside strings
  bool in_value_ = false;
  std::string nesting_;  // the [ and { open around the scan
};

}  // namespace

std::optional<UnsafeInput> find_unsafe_input(std::string_view text) { return Scanner(text).run(); }

}  // namespace nagare::load
