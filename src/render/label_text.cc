#include "label_text.h"

#include <cstdint>

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

bool is_break_after(char32_t code) {
  return code == U'、' || code == U'。' || code == U'・' || code == U'，' || code == U'）' ||
         code == U' ' || code == U'/' || code == U'）';
}

/// Characters a Japanese line may not start with (行頭禁則): closing brackets, full stops,
/// commas and the long-vowel mark. A line may run one character over rather than leave one
/// of these alone at the start of the next.
bool is_no_line_start(char32_t code) {
  return code == U'）' || code == U'」' || code == U'』' || code == U'】' || code == U'〕' ||
         code == U'。' || code == U'、' || code == U'，' || code == U'．' || code == U'・' ||
         code == U'ー' || code == U')' || code == U',' || code == U'.';
}

bool is_dropped(char32_t code) {
  // C0/C1 controls and the bidirectional embedding, override and isolate marks.
  return code < 0x20 || (code >= 0x7F && code < 0xA0) || (code >= 0x202A && code <= 0x202E) ||
         (code >= 0x2066 && code <= 0x2069) || code == 0x200E || code == 0x200F;
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
  std::vector<std::string> lines;
  std::string line;
  std::size_t columns = 0;
  std::size_t last_break = std::string::npos;  // byte offset in `line` after a break char
  std::size_t columns_at_break = 0;
  for (std::size_t i = 0; i < text.size();) {
    char32_t code = 0;
    const std::size_t length = next_code_point(text, i, code);
    if (code == U'\n') {
      lines.push_back(line);
      line.clear();
      columns = 0;
      last_break = std::string::npos;
      i += length;
      continue;
    }
    const std::size_t w = is_wide(code) ? 2 : 1;
    if (columns + w > width && !line.empty() && !(is_no_line_start(code) && columns < width + 2)) {
      if (last_break != std::string::npos && last_break < line.size()) {
        lines.push_back(line.substr(0, last_break));
        line = line.substr(last_break);
        columns -= columns_at_break;
      } else {
        lines.push_back(line);
        line.clear();
        columns = 0;
      }
      last_break = std::string::npos;
    }
    line.append(text.substr(i, length));
    columns += w;
    // A break right after a leading bullet or bracket would leave it alone on its line.
    if (is_break_after(code) && columns > width / 3) {
      last_break = line.size();
      columns_at_break = columns;
    }
    i += length;
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
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

std::string wrapped_html(std::string_view text, std::size_t width, std::string_view align) {
  std::string out;
  for (const std::string& line : wrap(label_excerpt(text), width)) {
    if (!out.empty()) out += align.empty() ? "<BR/>" : "<BR ALIGN=\"" + std::string(align) + "\"/>";
    out += escape_html(line);
  }
  if (!align.empty()) out += "<BR ALIGN=\"" + std::string(align) + "\"/>";
  return out;
}

}  // namespace nagare::render
