#include "nagare/visible_text.h"

#include <cstdio>

namespace nagare {
namespace {

/// The length of the valid UTF-8 sequence at `i` and its code point; 0 when invalid
/// (a stray continuation byte, a truncated, overlong or surrogate sequence).
std::size_t utf8_sequence(std::string_view text, std::size_t i, char32_t& code) {
  const auto byte = static_cast<unsigned char>(text[i]);
  std::size_t length = 0;
  char32_t minimum = 0;
  if (byte < 0x80) {
    code = byte;
    return 1;
  }
  if (byte >> 5 == 0x6) {
    length = 2, minimum = 0x80, code = byte & 0x1F;
  } else if (byte >> 4 == 0xE) {
    length = 3, minimum = 0x800, code = byte & 0x0F;
  } else if (byte >> 3 == 0x1E) {
    length = 4, minimum = 0x10000, code = byte & 0x07;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[i + k]);
    if (next >> 6 != 0x2) return 0;
    code = (code << 6) | (next & 0x3F);
  }
  if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

/// Code points shown as \uNNNN: the C1 controls and the marks that reorder text on screen.
bool is_hidden_format(char32_t code) {
  return (code >= 0x80 && code < 0xA0) || (code >= 0x202A && code <= 0x202E) ||
         (code >= 0x2066 && code <= 0x2069) || code == 0x200E || code == 0x200F;
}

std::string hex(const char* format, unsigned value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

}  // namespace

std::string visible_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  // Text shown as it is goes out in runs, not a character at a time: every finding's
  // message passes through here.
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size();) {
    char32_t code = 0;
    const std::size_t length = utf8_sequence(text, i, code);
    if (length != 0 && code >= 0x20 && code != 0x7F && !is_hidden_format(code)) {
      i += length;
      continue;
    }
    out.append(text.substr(run, i - run));
    if (length == 0) {
      out += hex("\\x%02x", static_cast<unsigned char>(text[i]));
      run = ++i;
      continue;
    }
    if (code == U'\n') {
      out += "\\n";
    } else if (code == U'\r') {
      out += "\\r";
    } else if (code == U'\t') {
      out += "\\t";
    } else if (code < 0x20 || code == 0x7F) {
      out += hex("\\x%02x", static_cast<unsigned>(code));
    } else {
      out += hex("\\u%04x", static_cast<unsigned>(code));
    }
    i += length;
    run = i;
  }
  out.append(text.substr(run));
  return out;
}

std::string spreadsheet_cell(std::string_view text) {
  const bool formula = !text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' ||
                                         text[0] == '@' || text[0] == '\t' || text[0] == '\r');
  // Appended, not `"'" + …`: GCC 12 warns falsely (-Wrestrict) on that in a release build.
  std::string cell = formula ? "'" : "";
  cell += visible_text(text);
  return cell;
}

bool starts_with_formula_guard(std::string_view cell) {
  if (cell.size() < 2 || cell[0] != '\'') return false;
  const char c = cell[1];
  return c == '=' || c == '+' || c == '-' || c == '@' || cell.substr(1, 2) == "\\t" ||
         cell.substr(1, 2) == "\\r";
}

std::string json_controls_escaped(std::string json) {
  // Outside strings JSON has only ASCII punctuation, so these bytes are always in a string;
  // in valid UTF-8 the bytes C2 80..C2 9F are always the code points U+0080..U+009F.
  std::string out;
  out.reserve(json.size());
  for (std::size_t i = 0; i < json.size(); ++i) {
    const auto byte = static_cast<unsigned char>(json[i]);
    const auto next = i + 1 < json.size() ? static_cast<unsigned char>(json[i + 1]) : 0u;
    if (byte == 0x7F) {
      out += "\\u007f";
    } else if (byte == 0xC2 && next >= 0x80 && next < 0xA0) {
      out += hex("\\u%04x", next);
      ++i;
    } else {
      out += json[i];
    }
  }
  return out;
}

}  // namespace nagare
