#include "json_text.h"

#include "nagare/visible_text.h"

namespace nagare::report {
namespace {

/// Whether `text` is valid UTF-8 as nlohmann::json's decoder reads it: no stray or missing
/// continuation bytes, no overlong forms, no surrogates, nothing past U+10FFFF.
bool valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    char32_t code = 0;
    char32_t minimum = 0;
    if (byte >> 5 == 0x6) {
      length = 2, minimum = 0x80, code = byte & 0x1F;
    } else if (byte >> 4 == 0xE) {
      length = 3, minimum = 0x800, code = byte & 0x0F;
    } else if (byte >> 3 == 0x1E) {
      length = 4, minimum = 0x10000, code = byte & 0x07;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if (next >> 6 != 0x2) return false;
      code = (code << 6) | (next & 0x3F);
    }
    if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

/// The escape nlohmann::json writes for a control character, or json_controls_escaped for
/// DEL and a C1 control (lower-case hex, as both write it).
void write_unicode_escape(TextOutput& out, unsigned code) {
  static constexpr char kHex[] = "0123456789abcdef";
  const char escape[] = {'\\', 'u', '0', '0', kHex[(code >> 4) & 0xF], kHex[code & 0xF]};
  out << std::string_view(escape, sizeof escape);
}

}  // namespace

namespace {

/// Whether `text` goes into JSON as it is: valid UTF-8 (as valid_utf8 reads it) with no
/// quote, backslash, control character, DEL or C1 control to escape. One pass, for the text
/// of almost every finding.
bool plain_json_text(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  for (std::size_t i = 0; i < size;) {
    const unsigned char byte = bytes[i];
    if (byte < 0x80) {
      if (byte < 0x20 || byte == '"' || byte == '\\' || byte == 0x7F) return false;
      ++i;
      continue;
    }
    std::size_t length = 0;
    char32_t code = 0;
    char32_t minimum = 0;
    if (byte >> 5 == 0x6) {
      length = 2, minimum = 0xA0, code = byte & 0x1F;  // U+0080..U+009F are C1 controls
    } else if (byte >> 4 == 0xE) {
      length = 3, minimum = 0x800, code = byte & 0x0F;
    } else if (byte >> 3 == 0x1E) {
      length = 4, minimum = 0x10000, code = byte & 0x07;
    } else {
      return false;
    }
    if (i + length > size) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const unsigned char next = bytes[i + k];
      if (next >> 6 != 0x2) return false;
      code = (code << 6) | (next & 0x3F);
    }
    if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

}  // namespace

void write_json_string(TextOutput& out, std::string_view text) {
  if (plain_json_text(text)) {
    out << '"' << text << '"';
    return;
  }
  if (!valid_utf8(text)) {
    // Rare (model text is validated when read): let the library decide the replacement.
    out << json_controls_escaped(
        nlohmann::json(std::string(text))
            .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return;
  }
  out << '"';
  std::size_t plain_from = 0;
  auto write_plain = [&](std::size_t to) {
    if (to > plain_from) out << text.substr(plain_from, to - plain_from);
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const bool c1_control =
        byte == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0;
    if (byte >= 0x20 && byte != '"' && byte != '\\' && byte != 0x7F && !c1_control) continue;
    write_plain(i);
    plain_from = i + 1;
    switch (byte) {
      case '"':
        out << "\\\"";
        break;
      case '\\':
        out << "\\\\";
        break;
      case '\b':
        out << "\\b";
        break;
      case '\t':
        out << "\\t";
        break;
      case '\n':
        out << "\\n";
        break;
      case '\f':
        out << "\\f";
        break;
      case '\r':
        out << "\\r";
        break;
      default:
        if (c1_control) {
          // Valid UTF-8 here, so C2 is followed by 80..9F: U+0080..U+009F.
          write_unicode_escape(out, static_cast<unsigned char>(text[i + 1]));
          ++i;
          plain_from = i + 1;
        } else {
          write_unicode_escape(out, byte);
        }
        break;
    }
  }
  write_plain(text.size());
  out << '"';
}

void write_json_nested(TextOutput& out, const nlohmann::ordered_json& value, int depth) {
  // Line breaks in a dump are all between values: those inside strings are escaped.
  const std::string text =
      json_controls_escaped(value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
  std::size_t line_start = 0;
  for (std::size_t end = text.find('\n'); end != std::string::npos;
       line_start = end + 1, end = text.find('\n', line_start)) {
    out << std::string_view(text).substr(line_start, end - line_start);
    write_json_line_break(out, depth);
  }
  out << std::string_view(text).substr(line_start);
}

void write_json_line_break(TextOutput& out, int depth) {
  static constexpr std::string_view kSpaces = "                                ";
  out << '\n';
  for (std::size_t left = static_cast<std::size_t>(depth) * 2; left > 0;) {
    const std::size_t now = std::min(left, kSpaces.size());
    out << kSpaces.substr(0, now);
    left -= now;
  }
}

}  // namespace nagare::report
